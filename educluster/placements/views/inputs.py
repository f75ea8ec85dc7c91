"""Hosts and applicants of a round, the applicant's ranked list, the host's own ranking, and
the applicant's result with its explanation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.accounts.models import Person
from educluster.core.pagination import paginate, query_without_page
from educluster.core.xlsx import xlsx_response
from educluster.placements import selectors, services
from educluster.placements.explanations import describe
from educluster.placements.forms import AddApplicantsForm, ApplicantForm, HostForm
from educluster.placements.models import Assignment, Host, PlacementRound
from educluster.placements.views._common import int_or_none, report, require
from educluster.registry.models import Membership
from educluster.registry.selectors import cluster_institutions

# --- hosts ------------------------------------------------------------------------------------


def _managed(request: HttpRequest, pk: int) -> PlacementRound:
    rnd = selectors.round_for_user(request.user, pk)
    require(request, "placements.manage_round", rnd)
    return rnd


def _host_institutions(rnd: PlacementRound):
    return (
        cluster_institutions(rnd.cluster)
        .filter(memberships__cluster=rnd.cluster, memberships__end_date__isnull=True)
        .order_by("name")
    )


@login_required
def host_list(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = _managed(request, pk)
    form = HostForm(institutions=_host_institutions(rnd))
    return render(
        request,
        "placements/host_list.html",
        {
            "round": rnd,
            "cluster": rnd.cluster,
            "hosts": selectors.round_hosts(rnd),
            "form": form,
            "tab": "placements",
        },
    )


@login_required
def host_edit(request: HttpRequest, pk: int, host_pk: int | None = None) -> HttpResponse:
    rnd = _managed(request, pk)
    host = selectors.host_for_user(request.user, rnd, host_pk) if host_pk else Host(round=rnd)
    form = HostForm(request.POST or None, instance=host, institutions=_host_institutions(rnd))
    if request.method == "POST" and form.is_valid():
        try:
            services.host_save(actor=request.user, host=form.instance)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    for e in errors:
                        form.add_error(field if field in form.fields else None, e)
            else:
                report(request, error)
                return redirect("placements:hosts", pk=rnd.pk)
        else:
            messages.success(request, _("The host was saved."))
            return redirect("placements:hosts", pk=rnd.pk)
    return render(
        request,
        "placements/host_form.html",
        {"form": form, "round": rnd, "host": host, "cluster": rnd.cluster, "tab": "placements"},
    )


@login_required
@require_POST
def host_remove(request: HttpRequest, pk: int, host_pk: int) -> HttpResponse:
    rnd = _managed(request, pk)
    host = selectors.host_for_user(request.user, rnd, host_pk)
    try:
        services.host_remove(actor=request.user, host=host)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, _("The host was removed."))
    return redirect("placements:hosts", pk=rnd.pk)


@login_required
def host_detail(request: HttpRequest, pk: int, host_pk: int) -> HttpResponse:
    """The host's own page: its candidates and ranking, and after publication its list."""
    rnd = selectors.round_for_user(request.user, pk)
    host = selectors.host_for_user(request.user, rnd, host_pk)
    sees_list = rnd.is_published or request.user.has_perm("placements.manage_round", rnd)
    admitted = selectors.host_admitted(host) if sees_list and rnd.has_result else None
    if request.GET.get("export") == "xlsx" and admitted is not None:
        return xlsx_response(
            f"placement-host-{host.pk}.xlsx",
            [_("Applicant"), _("Specialty"), _("District"), _("Rank at the host"), _("Answer")],
            (
                [
                    a.applicant.person.full_name,
                    a.applicant.specialty,
                    a.applicant.district.name if a.applicant.district else "",
                    a.host_rank,
                    a.get_response_display(),
                ]
                for a in admitted
            ),
            title=str(host)[:31],
        )
    ranking = selectors.host_ranking(host)
    ranked = {a.pk for a in ranking}
    candidates = [a for a in selectors.host_candidates(host) if a.pk not in ranked]
    return render(
        request,
        "placements/host_detail.html",
        {
            "round": rnd,
            "host": host,
            "cluster": rnd.cluster,
            "admitted": admitted,
            "ranking": ranking,
            "candidates": candidates,
            "can_rank": request.user.has_perm("placements.rank_applicants", host)
            and rnd.inputs_editable,
            "tab": "placements",
        },
    )


@login_required
@require_POST
def host_rank(request: HttpRequest, pk: int, host_pk: int) -> HttpResponse:
    rnd = selectors.round_for_user(request.user, pk)
    host = selectors.host_for_user(request.user, rnd, host_pk)
    require(request, "placements.rank_applicants", host)
    action = request.POST.get("action", "")
    try:
        if action == "mode":
            services.host_set_ranking(
                actor=request.user, host=host, ranking=request.POST.get("ranking", "")
            )
        elif action == "order":
            ids = [int_or_none(x) for x in request.POST.get("order", "").split(",") if x]
            if None in ids:
                raise ValidationError(_("The order could not be read; nothing was changed."))
            services.host_ranking_set(
                actor=request.user, host=host, applicant_ids=[i for i in ids if i is not None]
            )
        else:
            services.host_ranking_edit(
                actor=request.user,
                host=host,
                action=action,
                applicant_id=int_or_none(request.POST.get("applicant")),
            )
    except ValidationError as error:
        report(request, error)
    return redirect("placements:host", pk=rnd.pk, host_pk=host.pk)


# --- applicants -------------------------------------------------------------------------------


def _candidates(rnd: PlacementRound):
    kinds = [Person.Kind.STUDENT]
    if rnd.kind == PlacementRound.Kind.EMPLOYMENT:
        kinds.append(Person.Kind.OTHER)
    return (
        Person.objects.filter(
            kind__in=kinds,
            institution_id__in=Membership.objects.filter(cluster=rnd.cluster).values(
                "institution_id"
            ),
        )
        .exclude(pk__in=rnd.applicants.values("person_id"))
        .order_by("full_name")
    )


@login_required
def applicant_list(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = _managed(request, pk)
    form = AddApplicantsForm(request.POST or None, candidates=_candidates(rnd))
    if request.method == "POST" and form.is_valid():
        try:
            added = services.applicants_add(
                actor=request.user,
                round=rnd,
                people=form.chosen(),
                specialty=form.cleaned_data["specialty"],
                languages=form.cleaned_data["languages"],
            )
        except ValidationError as error:
            report(request, error)
        else:
            messages.success(request, _("%(n)d applicants were added.") % {"n": added})
        return redirect("placements:applicants", pk=rnd.pk)
    return render(
        request,
        "placements/applicant_list.html",
        {
            "round": rnd,
            "cluster": rnd.cluster,
            "page": paginate(request, selectors.round_applicants(rnd), per_page=50),
            "query": query_without_page(request),
            "form": form,
            "tab": "placements",
        },
    )


@login_required
def applicant_detail(request: HttpRequest, pk: int, applicant_pk: int) -> HttpResponse:
    """The coordinator's view of one applicant: details, list, result and explanation."""
    rnd = _managed(request, pk)
    applicant = selectors.applicant_of_round(rnd, applicant_pk)
    form = ApplicantForm(request.POST or None, instance=applicant)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        languages = data.pop("languages")
        try:
            services.applicant_update(
                actor=request.user, applicant=applicant, languages=languages, **data
            )
        except ValidationError as error:
            report(request, error)
        else:
            messages.success(request, _("Saved."))
        return redirect("placements:applicant", pk=rnd.pk, applicant_pk=applicant.pk)
    assignment = Assignment.objects.filter(applicant=applicant).select_related("host").first()
    return render(
        request,
        "placements/applicant_detail.html",
        {
            "round": rnd,
            "cluster": rnd.cluster,
            "applicant": applicant,
            "form": form,
            "choices": selectors.applicant_list(applicant),
            "assignment": assignment,
            "reasons": describe(assignment) if assignment else [],
            "tab": "placements",
        },
    )


@login_required
@require_POST
def applicant_remove(request: HttpRequest, pk: int, applicant_pk: int) -> HttpResponse:
    rnd = _managed(request, pk)
    applicant = selectors.applicant_of_round(rnd, applicant_pk)
    try:
        services.applicant_remove(actor=request.user, applicant=applicant)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, _("The applicant was removed."))
    return redirect("placements:applicants", pk=rnd.pk)


# --- the applicant's own pages ----------------------------------------------------------------


@login_required
def my_preferences(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = selectors.round_for_user(request.user, pk)
    applicant = selectors.own_applicant(request.user, rnd)
    chosen = selectors.applicant_list(applicant)
    listed = {h.pk for h in chosen}
    available = [h for h in selectors.round_hosts(rnd) if h.pk not in listed]
    return render(
        request,
        "placements/my_preferences.html",
        {
            "round": rnd,
            "cluster": rnd.cluster,
            "applicant": applicant,
            "chosen": chosen,
            "available": available,
            "editable": rnd.preferences_open,
            "tab": "placements",
        },
    )


@login_required
@require_POST
def my_preferences_edit(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = selectors.round_for_user(request.user, pk)
    applicant = selectors.own_applicant(request.user, rnd)
    require(request, "placements.rank_hosts", applicant)
    action = request.POST.get("action", "")
    try:
        if action == "order":
            ids = [int_or_none(x) for x in request.POST.get("order", "").split(",") if x]
            if None in ids:
                raise ValidationError(_("The order could not be read; nothing was changed."))
            services.preferences_set(
                actor=request.user, applicant=applicant, host_ids=[i for i in ids if i is not None]
            )
        else:
            services.preference_edit(
                actor=request.user,
                applicant=applicant,
                action=action,
                host_id=int_or_none(request.POST.get("host")),
            )
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, _("Your list was saved."))
    return redirect("placements:my_preferences", pk=rnd.pk)


@login_required
def my_result(request: HttpRequest, pk: int) -> HttpResponse:
    """The applicant's result and why not a higher choice, once the round is published."""
    rnd = selectors.round_for_user(request.user, pk)
    applicant = selectors.own_applicant(request.user, rnd)
    assignment = None
    if rnd.is_published:
        assignment = (
            Assignment.objects.filter(applicant=applicant)
            .select_related("host__institution__district", "host__mentor", "round")
            .first()
        )
    return render(
        request,
        "placements/my_result.html",
        {
            "round": rnd,
            "cluster": rnd.cluster,
            "applicant": applicant,
            "assignment": assignment,
            "reasons": describe(assignment) if assignment else [],
            "tab": "placements",
        },
    )


@login_required
@require_POST
def my_result_respond(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = selectors.round_for_user(request.user, pk)
    applicant = selectors.own_applicant(request.user, rnd)
    assignment = Assignment.objects.filter(applicant=applicant).select_related("round").first()
    if assignment is None or not rnd.is_published:
        messages.error(request, _("The result is not published yet."))
        return redirect("placements:my_result", pk=rnd.pk)
    require(request, "placements.respond", assignment)
    accept = request.POST.get("answer") == "accept"
    try:
        services.assignment_respond(actor=request.user, assignment=assignment, accept=accept)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(
            request,
            _("You accepted the placement.") if accept else _("You declined the placement."),
        )
    return redirect("placements:my_result", pk=rnd.pk)
