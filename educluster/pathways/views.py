"""Pathway pages: the continuity indicators, the pathways, their stages."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.accounts.models import Person
from educluster.accounts.scoping import cluster_for_user
from educluster.core.history import history_entries
from educluster.core.pagination import paginate, query_without_page
from educluster.core.text import normalize_uz
from educluster.core.utils import request_user
from educluster.core.xlsx import xlsx_response
from educluster.guidance.selectors import enrolment_by_kind
from educluster.pathways import selectors, services
from educluster.pathways.forms import EnrolForm, PersonLearnerForm, PupilForm, StageForm
from educluster.pathways.models import Learner, Stage
from educluster.registry.models import Membership
from educluster.registry.selectors import cluster_institutions


def _require(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _report(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _percent(value: float | None) -> float | str:
    return "" if value is None else round(100 * value, 1)


@login_required
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    """The three continuity indicators, per year (aggregates only: no names)."""
    cluster = cluster_for_user(request.user, slug)
    indicators = selectors.continuity_indicators(cluster)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            f"continuity-{cluster.slug}.xlsx",
            [
                _("Year"),
                _("New teachers at cluster schools"),
                _("of them trained in the cluster"),
                _("Share, %"),
                _("Admitted students"),
                _("of them from cluster schools and art schools"),
                _("of them from art schools"),
                _("Share, %"),
                _("Talented pupils identified"),
                _("of them enrolled later"),
                _("Share, %"),
            ],
            (
                [
                    r.year,
                    r.new_teachers,
                    r.new_teachers_trained_here,
                    _percent(r.share_teachers_trained_here),
                    r.admitted,
                    r.admitted_from_schools,
                    r.admitted_from_art_schools,
                    _percent(r.share_admitted_from_cluster),
                    r.talents,
                    r.talents_enrolled,
                    _percent(r.share_talents_enrolled),
                ]
                for r in indicators.rows
            ),
            title=_("Continuity"),
        )
    return render(
        request,
        "pathways/overview.html",
        {
            "cluster": cluster,
            "indicators": indicators,
            "can_manage": request.user.has_perm("pathways.manage", cluster),
            "own": selectors.learners_for(request.user, cluster).filter(
                person__user_id=request_user(request).id
            ),
            # Which guidance events led to pedagogical study (aggregates only, one query).
            "guidance": enrolment_by_kind(cluster),
            "tab": "pathways",
        },
    )


@login_required
def learner_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    _require(request, "pathways.manage", cluster)
    learners = selectors.learner_list(request.user, cluster)
    q = normalize_uz(request.GET.get("q", ""))
    if q:
        learners = learners.filter(Q(pupil_code__icontains=q) | Q(person__full_name__icontains=q))
    return render(
        request,
        "pathways/learner_list.html",
        {
            "cluster": cluster,
            "page": paginate(request, learners),
            "query": query_without_page(request),
            "tab": "pathways",
        },
    )


def _cluster_people(cluster):
    return Person.objects.filter(
        institution_id__in=Membership.objects.filter(cluster=cluster).values("institution_id")
    ).select_related("institution")


@login_required
def learner_create(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    _require(request, "pathways.manage", cluster)
    is_pupil = request.GET.get("as", request.POST.get("as", "pupil")) != "person"
    data = request.POST if request.method == "POST" else None
    form: PupilForm | PersonLearnerForm = (
        PupilForm(data) if is_pupil else PersonLearnerForm(data, people=_cluster_people(cluster))
    )
    if request.method == "POST" and form.is_valid():
        try:
            learner = services.learner_create(
                actor=request.user, cluster=cluster, **form.cleaned_data
            )
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(request, _("The pathway was created. Add its stages."))
            return redirect(learner)
    return render(
        request,
        "pathways/learner_form.html",
        {"cluster": cluster, "form": form, "is_pupil": is_pupil, "tab": "pathways"},
    )


@login_required
def learner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    learner = selectors.learner_for_user(request.user, pk)
    can_manage = request.user.has_perm("pathways.change_learner", learner)
    return render(
        request,
        "pathways/learner_detail.html",
        {
            "learner": learner,
            "cluster": learner.cluster,
            "stages": selectors.learner_stages(learner),
            "can_manage": can_manage,
            "stage_form": StageForm(institutions=cluster_institutions(learner.cluster))
            if can_manage
            else None,
            "tab": "pathways",
        },
    )


@login_required
def stage_edit(request: HttpRequest, pk: int, stage_pk: int | None = None) -> HttpResponse:
    learner = selectors.learner_for_user(request.user, pk)
    _require(request, "pathways.change_learner", learner)
    stage = selectors.stage_of(learner, stage_pk) if stage_pk else Stage(learner=learner)
    form = StageForm(
        request.POST or None, instance=stage, institutions=cluster_institutions(learner.cluster)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.stage_save(actor=request.user, stage=form.instance)
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(request, _("The stage was saved."))
            return redirect(learner)
    return render(
        request,
        "pathways/stage_form.html",
        {
            "learner": learner,
            "cluster": learner.cluster,
            "form": form,
            "stage": stage,
            "tab": "pathways",
        },
    )


@login_required
@require_POST
def stage_delete(request: HttpRequest, pk: int, stage_pk: int) -> HttpResponse:
    learner = selectors.learner_for_user(request.user, pk)
    _require(request, "pathways.change_learner", learner)
    services.stage_delete(actor=request.user, stage=selectors.stage_of(learner, stage_pk))
    messages.success(request, _("The stage was deleted."))
    return redirect(learner)


@login_required
def learner_enrol(request: HttpRequest, pk: int) -> HttpResponse:
    learner = selectors.learner_for_user(request.user, pk)
    _require(request, "pathways.change_learner", learner)
    people = _cluster_people(learner.cluster).exclude(
        pk__in=Learner.objects.filter(cluster=learner.cluster, person__isnull=False).values(
            "person_id"
        )
    )
    form = EnrolForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            services.learner_enrol(
                actor=request.user, learner=learner, person=form.cleaned_data["person"]
            )
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(request, _("The pathway now belongs to the enrolled student."))
            return redirect(learner)
    return render(
        request,
        "pathways/enrol.html",
        {"learner": learner, "cluster": learner.cluster, "form": form, "tab": "pathways"},
    )


@login_required
@require_POST
def learner_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    learner = selectors.learner_for_user(request.user, pk)
    _require(request, "pathways.change_learner", learner)
    cluster = learner.cluster
    services.learner_withdraw(actor=request.user, learner=learner)
    messages.success(request, _("Consent was withdrawn: the pathway was deleted."))
    return redirect("pathways:learners", slug=cluster.slug)


@login_required
def learner_history(request: HttpRequest, pk: int) -> HttpResponse:
    learner = selectors.learner_for_user(request.user, pk)
    _require(request, "pathways.change_learner", learner)
    return render(
        request,
        "core/history.html",
        {
            "object": learner,
            "cluster": learner.cluster,
            "entries": history_entries(
                learner, related=[Stage.history.filter(learner_id=learner.pk)]
            ),
            "back_url": learner.get_absolute_url(),
            "tab": "pathways",
        },
    )
