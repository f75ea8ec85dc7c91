"""Seat offers as the requesting user may see them, and who was placed on each."""

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from educluster.accounts.scoping import scope_for
from educluster.placements.models import Assignment, PlacementRound, SeatOffer
from educluster.registry.models import Cluster

PLACING = [
    PlacementRound.Status.RUN,
    PlacementRound.Status.REVIEWED,
    PlacementRound.Status.PUBLISHED,
]


def _visible(user: Any) -> Q:
    scope = scope_for(user)
    if scope.is_admin:
        return Q()
    return Q(cluster_id__in=scope.coordinated_cluster_ids) | Q(
        institution_id__in=scope.headed_institution_ids
    )


def offers_for(user: Any, cluster: Cluster) -> QuerySet[SeatOffer]:
    """The cluster's offers the user sees: all for its coordinator, a head's own school's.

    ``placed`` counts the people placed on the offer by rounds that have a result (declined
    answers give the seat back), in the same query."""
    placed = Count(
        "hosts__assignments",
        filter=Q(hosts__assignments__round__status__in=PLACING)
        & ~Q(hosts__assignments__response=Assignment.Response.DECLINED),
        distinct=True,
    )
    return (
        SeatOffer.objects.filter(_visible(user), cluster=cluster)
        .select_related("term", "institution", "language", "mentor")
        .annotate(placed=placed)
        .order_by("-term__start_date", "institution__name", "subject", "pk")
    )


def offer_for_user(user: Any, pk: int) -> SeatOffer:
    """One offer, or 404 for anybody who does not see it."""
    offer = (
        SeatOffer.objects.filter(_visible(user), pk=pk)
        .select_related("cluster", "term", "institution", "language", "mentor", "offered_by")
        .first()
    )
    if offer is None:
        raise Http404
    return offer


def offer_placements(offer: SeatOffer) -> list[Assignment]:
    """Who was placed on the offer: results of rounds that have one, with their School-Lab
    placement (created when a practice round is published)."""
    return list(
        Assignment.objects.filter(host__offer=offer, round__status__in=PLACING)
        .exclude(response=Assignment.Response.DECLINED)
        .select_related(
            "round", "host", "applicant__person", "lab_placement__mentor", "lab_placement__lab"
        )
        .order_by("round__pk", "applicant__person__full_name", "pk")
    )


__all__ = ["offer_for_user", "offer_placements", "offers_for"]
