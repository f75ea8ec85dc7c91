"""Trainee practice pages: placements, logged hours, the mentor's decisions and evaluation,
and a student's practice record."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.accounts.models import Role
from educluster.accounts.scoping import cluster_for_user, scope_for
from educluster.core.forms import apply_errors
from educluster.core.history import history_entries
from educluster.core.pagination import paginate, query_without_page
from educluster.schoollabs import selectors, services
from educluster.schoollabs.forms import (
    DecisionForm,
    EvaluationForm,
    HoursForm,
    PlacementEditForm,
    PlacementForm,
)
from educluster.schoollabs.models import Evaluation, Placement, PracticeLog
from educluster.schoollabs.rules import lab_roles

from ._common import allowed, require, show_errors


@login_required
def practice_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    placements = selectors.cluster_placements(request.user, cluster)
    terms = cluster.lab_terms.all()
    term = request.GET.get("term", "")
    status = request.GET.get("status", "")
    if term.isdigit():
        placements = placements.filter(term_id=int(term))
    if status in Placement.Status.values:
        placements = placements.filter(status=status)
    person_id = lab_roles(request.user).person_id
    pending = (
        PracticeLog.objects.filter(
            placement__mentor_id=person_id,
            placement__lab__cluster=cluster,
            status=PracticeLog.Status.SUBMITTED,
        ).count()
        if person_id
        else 0
    )
    return render(
        request,
        "schoollabs/practice_list.html",
        {
            "cluster": cluster,
            "summary": selectors.practice_summary(cluster),
            "page": paginate(request, placements),
            "query": query_without_page(request),
            "terms": terms,
            "term": term,
            "status": status,
            "statuses": Placement.Status.choices,
            "pending": pending,
            "can_manage_terms": allowed(request, "schoollabs.manage_terms", cluster),
            "is_student": any(
                Role.STUDENT in roles
                for roles in scope_for(request.user).institution_roles.values()
            ),
            "tab": "practice",
        },
    )


@login_required
def placement_create(request: HttpRequest, pk: int) -> HttpResponse:
    lab = selectors.lab_for_user(request.user, pk)
    require(request, "schoollabs.manage_lab", lab)
    form = PlacementForm(request.POST or None, lab=lab)
    if request.method == "POST" and form.is_valid():
        try:
            placement = services.placement_create(actor=request.user, lab=lab, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The trainee was placed."))
            return redirect(placement)
    return render(
        request,
        "schoollabs/placement_form.html",
        {"form": form, "lab": lab, "cluster": lab.cluster, "tab": "practice"},
    )


@login_required
def placement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    placement = selectors.placement_for_user(request.user, pk)
    logs = placement.logs.select_related("activity", "decided_by", "decided_by__person")
    evaluation = _evaluation_of(placement)
    return render(
        request,
        "schoollabs/placement_detail.html",
        {
            "placement": placement,
            "cluster": placement.lab.cluster,
            "logs": logs,
            "totals": selectors.placement_totals(placement),
            "evaluation": evaluation,
            "evaluation_items": _evaluation_rows(evaluation),
            "can_log": allowed(request, "schoollabs.log_hours", placement),
            "can_decide": allowed(request, "schoollabs.decide_hours", placement),
            "can_evaluate": allowed(request, "schoollabs.evaluate_trainee", placement),
            "can_manage": allowed(request, "schoollabs.manage_placement", placement),
            "decision_form": DecisionForm(),
            "tab": "practice",
        },
    )


def _evaluation_of(placement: Placement) -> Evaluation | None:
    return Evaluation.objects.filter(placement=placement).select_related("instrument").first()


def _evaluation_rows(evaluation) -> list[tuple[object, int]]:
    if evaluation is None:
        return []
    items = list(evaluation.instrument.items.all())
    return list(zip(items, evaluation.scores, strict=False))


@login_required
def placement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    placement = selectors.placement_for_user(request.user, pk)
    require(request, "schoollabs.manage_placement", placement)
    form = PlacementEditForm(request.POST or None, instance=placement)
    if request.method == "POST" and form.is_valid():
        services.placement_update(actor=request.user, placement=placement, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect(placement)
    return render(
        request,
        "schoollabs/placement_form.html",
        {
            "form": form,
            "lab": placement.lab,
            "placement": placement,
            "cluster": placement.lab.cluster,
            "tab": "practice",
        },
    )


@login_required
def placement_history(request: HttpRequest, pk: int) -> HttpResponse:
    placement = selectors.placement_for_user(request.user, pk)
    return render(
        request,
        "core/history.html",
        {
            "object": placement,
            "cluster": placement.lab.cluster,
            "entries": history_entries(
                placement,
                related=[
                    PracticeLog.history.filter(placement_id=placement.pk),
                    Evaluation.history.filter(placement_id=placement.pk),
                ],
            ),
            "back_url": placement.get_absolute_url(),
            "tab": "practice",
        },
    )


def _log_of(placement: Placement, log_pk: int) -> PracticeLog:
    try:
        return placement.logs.get(pk=log_pk)
    except PracticeLog.DoesNotExist:
        raise Http404 from None


@login_required
def hours_create(request: HttpRequest, pk: int) -> HttpResponse:
    placement = selectors.placement_for_user(request.user, pk)
    require(request, "schoollabs.log_hours", placement)
    form = HoursForm(request.POST or None, placement=placement)
    if request.method == "POST" and form.is_valid():
        try:
            services.hours_log(actor=request.user, placement=placement, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The hours were sent to your mentor."))
            return redirect(placement)
    return render(
        request,
        "schoollabs/hours_form.html",
        {"form": form, "placement": placement, "cluster": placement.lab.cluster, "tab": "practice"},
    )


@login_required
def hours_edit(request: HttpRequest, pk: int, log_pk: int) -> HttpResponse:
    placement = selectors.placement_for_user(request.user, pk)
    require(request, "schoollabs.log_hours", placement)
    log = _log_of(placement, log_pk)
    if log.status == PracticeLog.Status.APPROVED:
        messages.error(request, _("Approved hours cannot be changed."))
        return redirect(placement)
    form = HoursForm(request.POST or None, instance=log, placement=placement)
    if request.method == "POST" and form.is_valid():
        try:
            services.hours_update(actor=request.user, log=log, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The hours were sent to your mentor again."))
            return redirect(placement)
    return render(
        request,
        "schoollabs/hours_form.html",
        {
            "form": form,
            "placement": placement,
            "log": log,
            "cluster": placement.lab.cluster,
            "tab": "practice",
        },
    )


@login_required
@require_POST
def hours_decide(request: HttpRequest, pk: int, log_pk: int) -> HttpResponse:
    placement = selectors.placement_for_user(request.user, pk)
    require(request, "schoollabs.decide_hours", placement)
    log = _log_of(placement, log_pk)
    form = DecisionForm(request.POST)
    form.is_valid()
    approve = request.POST.get("decision") == "approve"
    try:
        services.hours_decide(
            actor=request.user, log=log, approve=approve, comment=form.cleaned_data["comment"]
        )
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(
            request, _("The hours were approved.") if approve else _("The hours were returned.")
        )
    return redirect(placement)


@login_required
def evaluation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    placement = selectors.placement_for_user(request.user, pk)
    require(request, "schoollabs.evaluate_trainee", placement)
    existing = _evaluation_of(placement)
    instrument = existing.instrument if existing else placement.lab.evaluation_rubric
    if instrument is None:
        messages.error(
            request, _("The lab has no trainee evaluation rubric yet; ask its supervisor.")
        )
        return redirect(placement)
    initial: dict[str, Any] = {"evaluated_on": timezone.localdate()}
    if existing is not None:
        initial = {"evaluated_on": existing.evaluated_on, "comment": existing.comment}
        initial |= {
            f"item_{item.number}": score
            for item, score in zip(instrument.items.all(), existing.scores, strict=False)
        }
    form = EvaluationForm(request.POST or None, instrument=instrument, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_save(
                actor=request.user,
                placement=placement,
                instrument=instrument,
                scores=form.scores,
                comment=form.cleaned_data["comment"],
                evaluated_on=form.cleaned_data["evaluated_on"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The evaluation was saved."))
            return redirect(placement)
    return render(
        request,
        "schoollabs/evaluation_form.html",
        {
            "form": form,
            "placement": placement,
            "instrument": instrument,
            "cluster": placement.lab.cluster,
            "tab": "practice",
        },
    )


@login_required
def trainee_record(request: HttpRequest, pk: int) -> HttpResponse:
    student, placements = selectors.trainee_for_user(request.user, pk)
    placements = placements.annotate(
        approved=_sum_hours(PracticeLog.Status.APPROVED),
        submitted=_sum_hours(PracticeLog.Status.SUBMITTED),
        returned=_sum_hours(PracticeLog.Status.RETURNED),
        n_logs=Count("logs"),
    ).select_related("evaluation", "evaluation__instrument")
    return render(
        request, "schoollabs/trainee_record.html", {"student": student, "placements": placements}
    )


def _sum_hours(status: str) -> Sum:
    return Sum("logs__hours", filter=Q(logs__status=status))


@login_required
def my_practice(request: HttpRequest) -> HttpResponse:
    person_id = lab_roles(request.user).person_id
    if person_id is None:
        raise Http404
    return redirect("schoollabs:trainee", pk=person_id)
