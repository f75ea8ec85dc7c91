"""Reading the council: what is not visible to the user is not found (404)."""

from datetime import date

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from educluster.accounts.scoping import cluster_for_user, scope_for
from educluster.council.models import CouncilMember, Decision, Meeting, PlanItem, WorkPlan
from educluster.registry.models import Cluster, Membership

STATUSES = ("open", "overdue", "done")


def council_cluster(user, slug: str) -> Cluster:
    cluster = cluster_for_user(user, slug)
    if not user.has_perm("council.view", cluster):
        raise Http404
    return cluster


def _visible(user, cluster: Cluster) -> Cluster:
    if not user.has_perm("council.view", cluster):
        raise Http404
    return cluster


def meeting_for_user(user, pk: int) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("cluster", "created_by"), pk=pk)
    _visible(user, meeting.cluster)
    return meeting


def decision_for_user(user, pk: int) -> Decision:
    decision = get_object_or_404(
        Decision.objects.select_related("meeting__cluster", "responsible", "goal", "done_by"),
        pk=pk,
    )
    _visible(user, decision.meeting.cluster)
    return decision


def plan_for_user(user, pk: int) -> WorkPlan:
    plan = get_object_or_404(WorkPlan.objects.select_related("cluster"), pk=pk)
    _visible(user, plan.cluster)
    return plan


def members(cluster: Cluster) -> QuerySet[CouncilMember]:
    return CouncilMember.objects.filter(cluster=cluster).select_related("institution", "person")


def meetings(cluster: Cluster) -> QuerySet[Meeting]:
    return Meeting.objects.filter(cluster=cluster)


def decisions(
    cluster: Cluster, *, status: str = "", today: date | None = None
) -> QuerySet[Decision]:
    qs = Decision.objects.filter(meeting__cluster=cluster).select_related(
        "meeting", "responsible", "goal"
    )
    if status == "open":
        qs = qs.open(today)
    elif status == "overdue":
        qs = qs.overdue(today)
    elif status == "done":
        qs = qs.done()
    return qs


def plans(cluster: Cluster) -> QuerySet[WorkPlan]:
    return WorkPlan.objects.filter(cluster=cluster)


def plan_items(plan: WorkPlan) -> QuerySet[PlanItem]:
    return plan.items.select_related("responsible", "goal")


def member_institutions(cluster: Cluster):
    from educluster.registry.models import Institution

    return Institution.objects.filter(
        pk__in=Membership.objects.active().filter(cluster=cluster).values("institution_id")
    ).order_by("name")


def open_decisions_for(user, today: date | None = None) -> QuerySet[Decision]:
    """Open and overdue decisions the user answers for: those of the clusters they coordinate,
    and those whose responsible institution they head."""
    from django.db.models import Q

    scope = scope_for(user)
    cond = Q(meeting__cluster_id__in=scope.coordinated_cluster_ids) | Q(
        responsible_id__in=scope.headed_institution_ids
    )
    return (
        Decision.objects.filter(cond, done_at__isnull=True)
        .select_related("meeting__cluster", "responsible")
        .order_by("due_date", "id")
    )
