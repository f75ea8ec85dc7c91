"""Reading career guidance: reach totals and the guidance → enrolment table (constant queries)."""

from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.http import Http404

from educluster.accounts.scoping import scope_for
from educluster.guidance.models import GuidanceEvent, Participation, PupilParticipant
from educluster.pathways.models import Stage
from educluster.pathways.selectors import UNIVERSITY_KINDS
from educluster.registry.models import Cluster, Membership


def event_for_user(user: object, pk: int) -> GuidanceEvent:
    """An event of a cluster the user sees, or 404."""
    event = GuidanceEvent.objects.select_related("cluster", "organiser").filter(pk=pk).first()
    if event is None or not scope_for(user).sees_cluster(event.cluster_id):
        raise Http404
    return event


def participations_of(event: GuidanceEvent) -> QuerySet[Participation]:
    return event.participations.select_related("school").order_by("school__name")


def linked_learners(event: GuidanceEvent) -> QuerySet[PupilParticipant]:
    """The pathways linked to the event — for the pathways' keepers only (see views)."""
    return event.pupils.select_related("learner", "learner__person").order_by("pk")


def upcoming_for(user: object, today: date, limit: int = 5) -> list[GuidanceEvent]:
    """Upcoming events of the clusters a coordinator or a member head works in. One query."""
    scope = scope_for(user)
    if not (scope.coordinated_cluster_ids or scope.headed_institution_ids):
        return []
    return list(
        GuidanceEvent.objects.filter(cluster_id__in=scope.cluster_ids, date__gte=today)
        .select_related("organiser")
        .order_by("date", "pk")[:limit]
    )


def events_of(cluster: Cluster) -> QuerySet[GuidanceEvent]:
    return (
        GuidanceEvent.objects.filter(cluster=cluster)
        .select_related("organiser")
        .annotate(
            schools=Count("participations", distinct=True),
            pupils_total=Sum("participations__pupils_count"),
        )
    )


def reach(cluster: Cluster) -> dict[str, int]:
    """Events, distinct schools and pupils (sum of counts) of the cluster. Two queries."""
    totals = Participation.objects.filter(event__cluster=cluster).aggregate(
        schools=Count("school", distinct=True), pupils=Sum("pupils_count")
    )
    return {
        "events": GuidanceEvent.objects.filter(cluster=cluster).count(),
        "schools": totals["schools"] or 0,
        "pupils": totals["pupils"] or 0,
    }


def enrolment_by_kind(cluster: Cluster) -> list[dict[str, Any]]:
    """Per event kind: pupils linked, and of them how many were admitted to pedagogical study —
    an admission stage at the cluster's university (a member university or department) in the
    year of the event or later. One query."""
    universities = Membership.objects.filter(
        cluster=cluster, institution__kind__in=UNIVERSITY_KINDS
    ).values("institution_id")
    admitted = Stage.objects.filter(
        learner=OuterRef("learner"),
        kind=Stage.Kind.ADMISSION,
        institution_id__in=universities,
        start_year__gte=OuterRef("event__date__year"),
    )
    rows = (
        PupilParticipant.objects.filter(event__cluster=cluster)
        .annotate(enrolled=Exists(admitted))
        .values("event__kind")
        .annotate(
            linked=Count("learner", distinct=True),
            enrolled_count=Count("learner", distinct=True, filter=Q(enrolled=True)),
        )
        .order_by("event__kind")
    )
    labels = dict(GuidanceEvent.Kind.choices)
    return [
        {
            "kind": labels.get(r["event__kind"], r["event__kind"]),
            "linked": r["linked"],
            "enrolled": r["enrolled_count"],
        }
        for r in rows
    ]
