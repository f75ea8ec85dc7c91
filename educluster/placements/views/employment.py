"""Graduate employment: the indicator, the graduates' statuses (self-report, the employer's
confirmation), statuses from a round's result, and targeted-training contracts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.accounts.models import Person
from educluster.accounts.scoping import cluster_for_user, scope_for
from educluster.core.history import history_entries
from educluster.core.pagination import paginate, query_without_page
from educluster.core.utils import request_user
from educluster.core.xlsx import xlsx_response
from educluster.placements import selectors, services
from educluster.placements.forms import (
    ConfirmForm,
    ContractForm,
    FromRoundForm,
    OutcomeForm,
    SelfReportForm,
)
from educluster.placements.models import GraduateOutcome, PlacementRound, TargetedContract
from educluster.placements.views._common import int_or_none, report, require
from educluster.registry.models import Membership
from educluster.registry.selectors import cluster_institutions


def _cluster_people(cluster):
    return Person.objects.filter(
        institution_id__in=Membership.objects.filter(cluster=cluster).values("institution_id"),
        kind__in=[Person.Kind.STUDENT, Person.Kind.OTHER, Person.Kind.TEACHER],
    ).order_by("full_name")


@login_required
def employment_overview(request: HttpRequest, slug: str) -> HttpResponse:
    """The indicator "graduates employed in their specialty" per programme and year."""
    cluster = cluster_for_user(request.user, slug)
    rows = selectors.employment_indicator(cluster)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            f"graduate-employment-{cluster.slug}.xlsx",
            [
                _("Programme"),
                _("Graduation year"),
                _("Graduates"),
                _("In specialty"),
                _("In the cluster"),
                _("Share in specialty"),
                _("Confirmed share"),
            ],
            (
                [
                    r.programme,
                    r.year,
                    r.graduates,
                    r.in_specialty,
                    r.in_cluster,
                    round(r.share_in_specialty, 4),
                    round(r.share_confirmed, 4),
                ]
                for r in rows
            ),
            title=_("Employment"),
        )
    scope = scope_for(request.user)
    mine = (
        GraduateOutcome.objects.filter(cluster=cluster, person__user_id=scope.user_id)
        if scope.user_id
        else GraduateOutcome.objects.none()
    )
    return render(
        request,
        "placements/employment.html",
        {
            "cluster": cluster,
            "rows": rows,
            "totals": selectors.status_totals(cluster),
            "statuses": GraduateOutcome.Status.choices,
            "contracts": selectors.contract_summary(cluster),
            "mine": mine,
            "can_manage": request.user.has_perm("placements.manage_employment", cluster),
            "sees_graduates": scope.coordinates(cluster.pk) or bool(scope.headed_institution_ids),
            "tab": "employment",
        },
    )


@login_required
def outcome_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    outcomes = selectors.outcomes_for(request.user, cluster)
    year = int_or_none(request.GET.get("year"))
    if year:
        outcomes = outcomes.filter(graduation_year=year)
    status = request.GET.get("status", "")
    if status in GraduateOutcome.Status.values:
        outcomes = outcomes.filter(status=status)
    if request.GET.get("confirmation") in GraduateOutcome.Confirmation.values:
        outcomes = outcomes.filter(confirmation=request.GET["confirmation"])
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            f"graduates-{cluster.slug}.xlsx",
            [
                _("Graduate"),
                _("Graduation year"),
                _("Programme"),
                _("Status"),
                _("Employer"),
                _("Source"),
                _("Confirmation"),
                _("As of"),
            ],
            (
                [
                    o.person.full_name,
                    o.graduation_year,
                    o.programme,
                    o.get_status_display(),
                    o.institution.name if o.institution else o.employer_name,
                    o.get_source_display(),
                    o.get_confirmation_display(),
                    o.measured_on,
                ]
                for o in outcomes
            ),
            title=_("Graduates"),
        )
    return render(
        request,
        "placements/outcome_list.html",
        {
            "cluster": cluster,
            "page": paginate(request, outcomes),
            "query": query_without_page(request),
            "statuses": GraduateOutcome.Status.choices,
            "confirmations": GraduateOutcome.Confirmation.choices,
            "can_manage": request.user.has_perm("placements.manage_employment", cluster),
            "rounds": PlacementRound.objects.filter(
                cluster=cluster,
                kind=PlacementRound.Kind.EMPLOYMENT,
                status=PlacementRound.Status.PUBLISHED,
            )
            if request.user.has_perm("placements.manage_employment", cluster)
            else [],
            "tab": "employment",
        },
    )


@login_required
def outcome_create(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    require(request, "placements.manage_employment", cluster)
    form = OutcomeForm(
        request.POST or None,
        instance=GraduateOutcome(cluster=cluster),
        people=_cluster_people(cluster),
        institutions=cluster_institutions(cluster),
    )
    if request.method == "POST" and form.is_valid():
        outcome = services.outcome_save(actor=request.user, outcome=form.instance)
        messages.success(request, _("Saved."))
        return redirect(outcome)
    return render(
        request,
        "placements/outcome_form.html",
        {"form": form, "cluster": cluster, "tab": "employment"},
    )


@login_required
def outcome_detail(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = selectors.outcome_for_user(request.user, pk)
    cluster = outcome.cluster
    institutions = cluster_institutions(cluster)
    can_edit = request.user.has_perm("placements.change_outcome", outcome)
    form = None
    if can_edit:
        form = OutcomeForm(
            request.POST or None,
            instance=outcome,
            people=_cluster_people(cluster),
            institutions=institutions,
        )
        if request.method == "POST" and form.is_valid():
            services.outcome_save(actor=request.user, outcome=form.instance)
            messages.success(request, _("Saved."))
            return redirect(outcome)
    report_form = None
    if request.user.has_perm("placements.report_outcome", outcome):
        report_form = SelfReportForm(
            initial={
                "status": outcome.status,
                "institution": outcome.institution_id,
                "employer_name": outcome.employer_name,
            },
            institutions=institutions,
        )
    return render(
        request,
        "placements/outcome_detail.html",
        {
            "outcome": outcome,
            "cluster": cluster,
            "form": form,
            "report_form": report_form,
            "confirm_form": ConfirmForm()
            if request.user.has_perm("placements.confirm_outcome", outcome)
            else None,
            "entries": history_entries(outcome) if can_edit else None,
            "tab": "employment",
        },
    )


@login_required
@require_POST
def outcome_report(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = selectors.outcome_for_user(request.user, pk)
    require(request, "placements.report_outcome", outcome)
    form = SelfReportForm(request.POST, institutions=cluster_institutions(outcome.cluster))
    if not form.is_valid():
        messages.error(request, _("Check the form: a field is missing or wrong."))
        return redirect(outcome)
    try:
        services.outcome_self_report(actor=request.user, outcome=outcome, **form.cleaned_data)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, _("Thank you: your status was recorded."))
    return redirect(outcome)


@login_required
@require_POST
def outcome_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = selectors.outcome_for_user(request.user, pk)
    require(request, "placements.confirm_outcome", outcome)
    form = ConfirmForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    confirmed = request.POST.get("answer") == "confirm"
    try:
        services.outcome_confirm(
            actor=request.user, outcome=outcome, confirmed=confirmed, note=note
        )
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(
            request, _("Confirmed.") if confirmed else _("The record is marked as disputed.")
        )
    return redirect(outcome)


@login_required
@require_POST
def outcomes_from_round(request: HttpRequest, pk: int) -> HttpResponse:
    from educluster.placements.selectors import round_for_user

    rnd = round_for_user(request.user, pk)
    require(request, "placements.manage_round", rnd)
    form = FromRoundForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the graduation year."))
        return redirect("placements:outcomes", slug=rnd.cluster.slug)
    try:
        created, skipped = services.outcomes_from_round(
            actor=request.user, round=rnd, graduation_year=form.cleaned_data["graduation_year"]
        )
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(
            request,
            _("%(created)d statuses recorded, %(skipped)d graduates already had one.")
            % {"created": created, "skipped": skipped},
        )
    return redirect("placements:outcomes", slug=rnd.cluster.slug)


# --- targeted-training contracts --------------------------------------------------------------


@login_required
def contract_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    require(request, "placements.manage_employment", cluster)
    contracts = selectors.contracts_for(request.user, cluster)
    if request.GET.get("status") in TargetedContract.Status.values:
        contracts = contracts.filter(status=request.GET["status"])
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            f"targeted-contracts-{cluster.slug}.xlsx",
            [
                _("Number"),
                _("Person"),
                _("District"),
                _("Programme"),
                _("Admission year"),
                _("Graduation year"),
                _("Years to work"),
                _("Workplace"),
                _("Started work on"),
                _("Status"),
                _("Fulfilment, %"),
            ],
            (
                [
                    c.number,
                    c.person.full_name,
                    c.district.name,
                    c.programme,
                    c.admission_year,
                    c.graduation_year,
                    c.years_required,
                    c.work_institution.name if c.work_institution else "",
                    c.work_started_on,
                    c.get_status_display(),
                    c.fulfilment_percent,
                ]
                for c in contracts
            ),
            title=_("Contracts"),
        )
    return render(
        request,
        "placements/contract_list.html",
        {
            "cluster": cluster,
            "page": paginate(request, contracts),
            "query": query_without_page(request),
            "statuses": TargetedContract.Status.choices,
            "tab": "employment",
        },
    )


@login_required
def contract_edit(
    request: HttpRequest, slug: str | None = None, pk: int | None = None
) -> HttpResponse:
    if pk is not None:
        contract = selectors.contract_for_user(request.user, pk)
        cluster = contract.cluster
    else:
        cluster = cluster_for_user(request.user, slug or "")
        contract = TargetedContract(cluster=cluster)
    require(request, "placements.manage_employment", cluster)
    form = ContractForm(
        request.POST or None,
        instance=contract,
        people=_cluster_people(cluster),
        institutions=cluster_institutions(cluster),
    )
    if request.method == "POST" and form.is_valid():
        services.contract_save(actor=request_user(request), contract=form.instance)
        messages.success(request, _("Saved."))
        return redirect("placements:contracts", slug=cluster.slug)
    return render(
        request,
        "placements/contract_form.html",
        {"form": form, "cluster": cluster, "contract": contract, "tab": "employment"},
    )
