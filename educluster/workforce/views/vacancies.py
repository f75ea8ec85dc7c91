"""Vacancies: the members' management list, the board students and graduates read, and the
lifecycle open → filled / withdrawn."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from educluster.accounts.scoping import cluster_for_user
from educluster.core.forms import apply_errors
from educluster.core.pagination import paginate, query_without_page
from educluster.core.utils import is_htmx
from educluster.core.xlsx import xlsx_response
from educluster.workforce import selectors, services
from educluster.workforce.filters import BoardFilter, VacancyFilter
from educluster.workforce.forms import VacancyFillForm, VacancyForm
from educluster.workforce.models import Vacancy
from educluster.workforce.views._common import (
    cluster_of,
    nav,
    report_errors,
    require,
)

EXPORT_HEADERS = [
    gettext_lazy("Institution"),
    gettext_lazy("District"),
    gettext_lazy("Subject"),
    gettext_lazy("Language of instruction"),
    gettext_lazy("Weekly hours"),
    gettext_lazy("Load (stavka)"),
    gettext_lazy("Requirements"),
    gettext_lazy("Opened on"),
    gettext_lazy("Apply by"),
    gettext_lazy("Status"),
    gettext_lazy("Closed on"),
    gettext_lazy("Days to fill"),
]


def _export(filename: str, vacancies, title: str) -> HttpResponse:
    rows = (
        [
            v.position.institution.name,
            v.position.institution.district.name,
            v.position.subject.name,
            v.language.name,
            v.position.weekly_hours,
            v.position.load_fraction,
            v.requirements,
            v.opened_on,
            v.apply_by,
            v.get_status_display(),
            v.closed_on,
            v.time_to_fill,
        ]
        for v in vacancies
    )
    return xlsx_response(filename, [str(h) for h in EXPORT_HEADERS], rows, title=title)


def _list(request: HttpRequest, slug: str, *, board: bool) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    if board:
        require(request, "workforce.view_vacancy_board", cluster)
        base = selectors.board_vacancies(cluster)
        filter_class: type[VacancyFilter] = BoardFilter
    else:
        require(request, "workforce.view_positions", cluster)
        base = selectors.cluster_vacancies(request.user, cluster)
        filter_class = VacancyFilter
    filterset = filter_class(
        request.GET or None, queryset=base, districts=selectors.cluster_districts(cluster)
    )
    vacancies = filterset.qs if filterset.is_bound and filterset.is_valid() else base
    name = "vacancy-board" if board else "vacancies"
    if request.GET.get("export") == "xlsx":
        stamp = timezone.localdate().isoformat()
        return _export(f"{name}-{cluster.slug}-{stamp}.xlsx", vacancies, _("Vacancies"))
    context = {
        **nav(request, cluster, "board" if board else "vacancies"),
        "filter": filterset,
        "page": paginate(request, vacancies),
        "query": query_without_page(request),
        "board": board,
        "list_url_name": "workforce:board" if board else "workforce:vacancies",
    }
    if is_htmx(request):
        return render(request, "workforce/_vacancy_rows.html", context)
    return render(request, "workforce/vacancy_list.html", context)


@login_required
def vacancy_board(request: HttpRequest, slug: str) -> HttpResponse:
    return _list(request, slug, board=True)


@login_required
def vacancy_list(request: HttpRequest, slug: str) -> HttpResponse:
    return _list(request, slug, board=False)


@login_required
def vacancy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = selectors.vacancy_for_user(request.user, pk)
    institution = vacancy.position.institution
    return render(
        request,
        "workforce/vacancy_detail.html",
        {
            **nav(request, cluster_of(request, institution), "board"),
            "vacancy": vacancy,
            "institution": institution,
            "can_manage": vacancy.status == Vacancy.Status.OPEN
            and request.user.has_perm("workforce.manage_positions", institution),
        },
    )


@login_required
def vacancy_open(request: HttpRequest, pk: int) -> HttpResponse:
    position = selectors.position_for_user(request.user, pk)
    require(request, "workforce.manage_positions", position.institution)
    form = VacancyForm(
        request.POST or None,
        initial={
            "language": position.language or position.institution.languages.first(),
            "opened_on": timezone.localdate(),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = services.vacancy_open(
                actor=request.user, position=position, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The vacancy is published on the board."))
            return redirect(vacancy)
    return render(
        request,
        "workforce/form.html",
        {
            **nav(request, cluster_of(request, position.institution), "vacancies"),
            "form": form,
            "title": _("Publish a vacancy"),
            "subtitle": str(position),
            "back_url": position.get_absolute_url(),
        },
    )


def _managed_open(request: HttpRequest, pk: int) -> Vacancy:
    vacancy = selectors.vacancy_for_user(request.user, pk)
    require(request, "workforce.manage_positions", vacancy.position.institution)
    return vacancy


@login_required
def vacancy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = _managed_open(request, pk)
    form = VacancyForm(request.POST or None, instance=vacancy)
    if request.method == "POST" and form.is_valid():
        try:
            services.vacancy_update(
                actor=request.user,
                vacancy=Vacancy.objects.get(pk=vacancy.pk),
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(vacancy)
    return render(
        request,
        "workforce/form.html",
        {
            **nav(request, cluster_of(request, vacancy.position.institution), "vacancies"),
            "form": form,
            "title": _("Vacancy"),
            "subtitle": str(vacancy.position),
            "back_url": vacancy.get_absolute_url(),
        },
    )


@login_required
def vacancy_fill(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = _managed_open(request, pk)
    form = VacancyFillForm(
        request.POST or None,
        initial={"start_date": timezone.localdate(), "specialty": vacancy.position.subject},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.vacancy_fill(actor=request.user, vacancy=vacancy, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The vacancy is filled."))
            return redirect(vacancy.position)
    return render(
        request,
        "workforce/form.html",
        {
            **nav(request, cluster_of(request, vacancy.position.institution), "vacancies"),
            "form": form,
            "title": _("Fill the vacancy"),
            "subtitle": str(vacancy.position),
            "back_url": vacancy.get_absolute_url(),
        },
    )


@login_required
@require_POST
def vacancy_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = _managed_open(request, pk)
    try:
        services.vacancy_withdraw(actor=request.user, vacancy=vacancy)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("The vacancy was withdrawn."))
    return redirect(vacancy)
