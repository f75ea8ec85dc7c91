"""Round pages: list, create, the round with its timeline and statistics, the coordinator's
steps (open, close, run, review, publish, second round, correction), results and history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.accounts.scoping import cluster_for_user, scope_for
from educluster.core.history import history_entries
from educluster.core.pagination import paginate, query_without_page
from educluster.core.utils import is_htmx, request_user
from educluster.core.xlsx import xlsx_response
from educluster.placements import selectors, services
from educluster.placements.charts import choice_chart
from educluster.placements.forms import CorrectionForm, PublishForm, RoundForm
from educluster.placements.models import Applicant, Assignment, Host, PlacementRound
from educluster.placements.views._common import int_or_none, report, require


def _count(model, field: str = "round") -> Subquery:
    # A subquery per count: two joined Count()s would multiply applicants by hosts.
    rows = (
        model.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(rows, output_field=IntegerField())


@login_required
def round_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    rounds = selectors.cluster_rounds(request.user, cluster).annotate(
        n_applicants=_count(Applicant), n_hosts=_count(Host)
    )
    scope = scope_for(request.user)
    mine = set(
        Applicant.objects.filter(
            round__cluster=cluster, person__user_id=request_user(request).id
        ).values_list("round_id", flat=True)
    )
    hosting = set(
        selectors.rounds_for(request.user)
        .filter(cluster=cluster, hosts__institution_id__in=scope.headed_institution_ids)
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "placements/round_list.html",
        {
            "cluster": cluster,
            "page": paginate(request, rounds),
            "query": query_without_page(request),
            "mine": mine,
            "hosting": hosting,
            "can_manage": request.user.has_perm("placements.manage_rounds", cluster),
            "tab": "placements",
        },
    )


@login_required
def round_create(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    require(request, "placements.manage_rounds", cluster)
    form = RoundForm(request.POST or None, cluster=cluster)
    if request.method == "POST" and form.is_valid():
        rnd = services.round_create(actor=request.user, cluster=cluster, **form.cleaned_data)
        messages.success(request, _("The round was created. Add hosts and applicants next."))
        return redirect(rnd)
    return render(
        request,
        "placements/round_form.html",
        {"form": form, "cluster": cluster, "tab": "placements"},
    )


def _round_context(request: HttpRequest, rnd: PlacementRound) -> dict:
    access = selectors.round_access(request.user, rnd)
    context: dict = {
        "round": rnd,
        "cluster": rnd.cluster,
        "access": access,
        "tab": "placements",
    }
    if access.reads_statistics and rnd.has_result:
        statistics = selectors.round_statistics(rnd)
        context["statistics"] = statistics
        context["chart"] = choice_chart(
            statistics.histogram,
            title=_("Applicants by the choice they got"),
            xlabel=_("choice"),
        )
    if access.applicant is not None and rnd.is_published:
        context["my_assignment"] = (
            Assignment.objects.filter(applicant=access.applicant)
            .select_related("host__institution")
            .first()
        )
    return context


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = selectors.round_for_user(request.user, pk)
    context = _round_context(request, rnd)
    if context["access"].manages:
        context["publish_form"] = PublishForm(initial={"response_deadline": rnd.response_deadline})
        context["followers"] = rnd.followers.all()
    return render(request, "placements/round_detail.html", context)


@login_required
def round_progress(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = selectors.round_for_user(request.user, pk)
    response = render(request, "placements/_progress.html", {"round": rnd})
    if is_htmx(request) and rnd.status != PlacementRound.Status.RUNNING:
        response["HX-Refresh"] = "true"  # the run finished: show the result
    return response


@login_required
def round_edit(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = selectors.round_for_user(request.user, pk)
    require(request, "placements.manage_round", rnd)
    form = RoundForm(request.POST or None, instance=rnd)
    if request.method == "POST" and form.is_valid():
        try:
            services.round_update(actor=request.user, round=rnd, **form.cleaned_data)
        except ValidationError as error:
            report(request, error)
            rnd.refresh_from_db()
        else:
            messages.success(request, _("Saved."))
        return redirect(rnd)
    return render(
        request,
        "placements/round_form.html",
        {"form": form, "round": rnd, "cluster": rnd.cluster, "tab": "placements"},
    )


def _step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    rnd = selectors.round_for_user(request.user, pk)
    require(request, "placements.manage_round", rnd)
    done = {
        "open": _("The round is open for preferences."),
        "close": _("The preferences are closed."),
        "run": _("The round is running."),
        "review": _("The result is marked as reviewed."),
        "publish": _("The result is published."),
    }
    try:
        if action == "open":
            services.round_open(actor=request.user, round=rnd)
        elif action == "close":
            services.round_close(actor=request.user, round=rnd)
        elif action == "run":
            services.round_run(actor=request.user, round=rnd, language=get_language() or "uz")
        elif action == "review":
            services.round_review(actor=request.user, round=rnd)
        elif action == "publish":
            form = PublishForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Set an answer deadline in the future."))
            services.round_publish(
                actor=request.user,
                round=rnd,
                response_deadline=form.cleaned_data["response_deadline"],
            )
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, done[action])
    return redirect("placements:round", pk=rnd.pk)


@login_required
@require_POST
def round_open(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "open")


@login_required
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "close")


@login_required
@require_POST
def round_run(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "run")


@login_required
@require_POST
def round_review(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "review")


@login_required
@require_POST
def round_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "publish")


@login_required
@require_POST
def round_second(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = selectors.round_for_user(request.user, pk)
    require(request, "placements.manage_round", rnd)
    try:
        new = services.round_second(actor=request.user, round=rnd)
    except ValidationError as error:
        report(request, error)
        return redirect(rnd)
    messages.success(request, _("The second round was created as a draft."))
    return redirect(new)


@login_required
def round_correct(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = selectors.round_for_user(request.user, pk)
    require(request, "placements.manage_round", rnd)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.round_correct(
                actor=request.user, round=rnd, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            report(request, error)
            return redirect(rnd)
        messages.success(request, _("The correction round was created."))
        return redirect(new)
    return render(
        request,
        "placements/round_correct.html",
        {"form": form, "round": rnd, "cluster": rnd.cluster, "tab": "placements"},
    )


@login_required
def round_results(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = selectors.round_for_user(request.user, pk)
    require(request, "placements.manage_round", rnd)
    results = selectors.round_results(rnd)
    host_id = int_or_none(request.GET.get("host"))
    if host_id:
        results = results.filter(host_id=host_id)
    if request.GET.get("matched") in ("0", "1"):
        results = results.filter(host__isnull=request.GET["matched"] == "0")
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            f"placement-round-{rnd.pk}.xlsx",
            [
                _("Applicant"),
                _("Specialty"),
                _("District"),
                _("Grade average"),
                _("Host"),
                _("Host district"),
                _("Choice"),
                _("Rank at the host"),
                _("Answer"),
            ],
            (
                [
                    a.applicant.person.full_name,
                    a.applicant.specialty,
                    a.applicant.district.name if a.applicant.district else "",
                    a.applicant.grade_average,
                    str(a.host) if a.host else _("not matched"),
                    a.host.institution.district.name if a.host else "",
                    a.choice_position,
                    a.host_rank,
                    a.get_response_display() if a.host else "",
                ]
                for a in results
            ),
            title=_("Results"),
        )
    return render(
        request,
        "placements/round_results.html",
        {
            "round": rnd,
            "cluster": rnd.cluster,
            "page": paginate(request, results, per_page=50),
            "query": query_without_page(request),
            "hosts": selectors.round_hosts(rnd),
            "tab": "placements",
        },
    )


@login_required
def round_history(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = selectors.round_for_user(request.user, pk)
    require(request, "placements.manage_round", rnd)
    related = [
        Host.history.filter(round_id=rnd.pk),
        Applicant.history.filter(round_id=rnd.pk),
        Assignment.history.filter(round_id=rnd.pk).exclude(history_type="+"),
    ]
    return render(
        request,
        "core/history.html",
        {
            "object": rnd,
            "cluster": rnd.cluster,
            "entries": history_entries(rnd, related=related),
            "back_url": rnd.get_absolute_url(),
            "tab": "placements",
        },
    )
