"""Council pages: thin views — check access, call one service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.core.forms import apply_errors
from educluster.core.history import history_entries
from educluster.council import documents, selectors, services
from educluster.council.forms import (
    CouncilMemberForm,
    DecisionForm,
    DoneForm,
    MeetingForm,
    MinutesForm,
    PlanForm,
    PlanItemForm,
)


def _require(request: HttpRequest, perm: str, obj) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _council_context(request, cluster, **forms) -> dict:
    today = timezone.localdate()
    status = request.GET.get("status", "")
    if status not in selectors.STATUSES:
        status = ""
    can_manage = request.user.has_perm("council.manage", cluster)
    return {
        "cluster": cluster,
        "tab": "council",
        "today": today,
        "status": status,
        "statuses": [(s, label) for s, label in _status_labels()],
        "members": list(selectors.members(cluster)),
        "meetings": list(selectors.meetings(cluster)),
        "decisions": [
            (d, d.status_on(today))
            for d in selectors.decisions(cluster, status=status, today=today)
        ],
        "plans": list(selectors.plans(cluster)),
        "can_manage": can_manage,
        "member_form": forms.get("member_form")
        or (CouncilMemberForm(cluster=cluster) if can_manage else None),
        "meeting_form": forms.get("meeting_form") or (MeetingForm() if can_manage else None),
        "plan_form": forms.get("plan_form") or (PlanForm() if can_manage else None),
    }


def _status_labels():
    from educluster.council.models import Decision

    return [("", _("All")), *Decision.Status.choices]


@login_required
def council(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = selectors.council_cluster(request.user, slug)
    return render(request, "council/council.html", _council_context(request, cluster))


@login_required
@require_POST
def member_add(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = selectors.council_cluster(request.user, slug)
    _require(request, "council.manage", cluster)
    form = CouncilMemberForm(request.POST, cluster=cluster)
    if form.is_valid():
        try:
            services.council_member_add(user=request.user, cluster=cluster, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The council member was added."))
            return redirect("council:council", cluster.slug)
    ctx = _council_context(request, cluster, member_form=form)
    return render(request, "council/council.html", ctx, status=400)


@login_required
@require_POST
def meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = selectors.council_cluster(request.user, slug)
    _require(request, "council.manage", cluster)
    form = MeetingForm(request.POST)
    if form.is_valid():
        try:
            meeting = services.meeting_create(
                user=request.user, cluster=cluster, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The meeting was created."))
            return redirect(meeting)
    ctx = _council_context(request, cluster, meeting_form=form)
    return render(request, "council/council.html", ctx, status=400)


def _meeting_context(request, meeting, **forms) -> dict:
    today = timezone.localdate()
    can_manage = request.user.has_perm("council.manage", meeting.cluster)
    return {
        "meeting": meeting,
        "cluster": meeting.cluster,
        "tab": "council",
        "decisions": [
            (d, d.status_on(today)) for d in meeting.decisions.select_related("responsible", "goal")
        ],
        "can_manage": can_manage,
        "decision_form": forms.get("decision_form")
        or (DecisionForm(cluster=meeting.cluster) if can_manage else None),
        "minutes_form": forms.get("minutes_form")
        or (
            MinutesForm(
                initial={"minutes": meeting.minutes, "approve": bool(meeting.minutes_approved_at)}
            )
            if can_manage
            else None
        ),
    }


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, pk)
    return render(request, "council/meeting.html", _meeting_context(request, meeting))


@login_required
@require_POST
def meeting_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, pk)
    _require(request, "council.manage", meeting.cluster)
    form = MinutesForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_record_minutes(
                user=request.user,
                meeting=meeting,
                minutes=form.cleaned_data["minutes"],
                approve=form.cleaned_data["approve"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The minutes were saved."))
            return redirect(meeting)
    ctx = _meeting_context(request, meeting, minutes_form=form)
    return render(request, "council/meeting.html", ctx, status=400)


@login_required
@require_POST
def decision_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, pk)
    _require(request, "council.manage", meeting.cluster)
    form = DecisionForm(request.POST, cluster=meeting.cluster)
    if form.is_valid():
        try:
            services.decision_create(user=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect(meeting)
    ctx = _meeting_context(request, meeting, decision_form=form)
    return render(request, "council/meeting.html", ctx, status=400)


def _doc_name(meeting, ext: str) -> str:
    return f"council-minutes-{meeting.date.isoformat()}.{ext}"


@login_required
def minutes_docx(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, pk)
    response = HttpResponse(
        documents.minutes_docx(meeting),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{_doc_name(meeting, "docx")}"'
    return response


@login_required
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from educluster.core.documents import pdf_response

    meeting = selectors.meeting_for_user(request.user, pk)
    return pdf_response(documents.minutes_pdf(meeting), _doc_name(meeting, "pdf"))


@login_required
def meeting_history(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, pk)
    return render(
        request,
        "core/history.html",
        {
            "object": meeting,
            "cluster": meeting.cluster,
            "entries": history_entries(meeting),
            "back_url": meeting.get_absolute_url(),
            "tab": "council",
        },
    )


def _decision_context(request, decision, form=None) -> dict:
    can_mark = decision.done_at is None and request.user.has_perm("council.mark_done", decision)
    return {
        "decision": decision,
        "status": decision.status_on(timezone.localdate()),
        "meeting": decision.meeting,
        "cluster": decision.meeting.cluster,
        "tab": "council",
        "done_form": form or (DoneForm() if can_mark else None),
    }


@login_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_for_user(request.user, pk)
    return render(request, "council/decision.html", _decision_context(request, decision))


@login_required
@require_POST
def decision_done(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_for_user(request.user, pk)
    _require(request, "council.mark_done", decision)
    form = DoneForm(request.POST)
    if form.is_valid():
        try:
            services.decision_mark_done(
                user=request.user, decision=decision, note=form.cleaned_data["done_note"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The decision is marked done."))
            return redirect(decision)
    ctx = _decision_context(request, decision, form)
    return render(request, "council/decision.html", ctx, status=400)


@login_required
def decision_history(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_for_user(request.user, pk)
    return render(
        request,
        "core/history.html",
        {
            "object": decision,
            "cluster": decision.meeting.cluster,
            "entries": history_entries(decision),
            "back_url": decision.get_absolute_url(),
            "tab": "council",
        },
    )


@login_required
@require_POST
def plan_create(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = selectors.council_cluster(request.user, slug)
    _require(request, "council.manage", cluster)
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            plan = services.work_plan_get_or_create(
                user=request.user, cluster=cluster, academic_year=form.cleaned_data["academic_year"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect(plan)
    ctx = _council_context(request, cluster, plan_form=form)
    return render(request, "council/council.html", ctx, status=400)


def _plan_context(request, plan, form=None) -> dict:
    items = list(selectors.plan_items(plan))
    months: dict = {}
    for item in items:
        months.setdefault(item.due_date.replace(day=1), []).append(item)
    can_manage = request.user.has_perm("council.manage", plan.cluster)
    return {
        "plan": plan,
        "cluster": plan.cluster,
        "tab": "council",
        "months": sorted(months.items()),
        "item_form": form or (PlanItemForm(cluster=plan.cluster) if can_manage else None),
    }


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for_user(request.user, pk)
    return render(request, "council/plan.html", _plan_context(request, plan))


@login_required
@require_POST
def plan_item_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for_user(request.user, pk)
    _require(request, "council.manage", plan.cluster)
    form = PlanItemForm(request.POST, cluster=plan.cluster)
    if form.is_valid():
        try:
            services.plan_item_create(user=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The plan item was added."))
            return redirect(plan)
    return render(request, "council/plan.html", _plan_context(request, plan, form), status=400)
