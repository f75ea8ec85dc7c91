"""What a user may see of placement rounds and graduate employment.

Coordinators see everything of their cluster; an applicant sees the round and their own
result; a host's head (and its mentor) the round and that host's list; analysts the statistics
of published rounds. Anything else is not found (404).
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from educluster.accounts.scoping import scope_for
from educluster.placements.models import (
    Applicant,
    GraduateOutcome,
    Host,
    PlacementRound,
    TargetedContract,
)
from educluster.registry.models import Cluster


def rounds_for(user: object) -> QuerySet[PlacementRound]:
    scope = scope_for(user)
    qs = PlacementRound.objects.select_related("cluster")
    if scope.is_admin:
        return qs
    if scope.user_id is None:
        return qs.none()
    published = Q(status=PlacementRound.Status.PUBLISHED)
    condition = Q(cluster_id__in=scope.coordinated_cluster_ids)
    if scope.global_analyst:
        condition |= published
    elif scope.analyst_cluster_ids:
        condition |= published & Q(cluster_id__in=scope.analyst_cluster_ids)
    condition |= Q(
        pk__in=Applicant.objects.filter(person__user_id=scope.user_id).values("round_id")
    )
    host_condition = Q(mentor__user_id=scope.user_id)
    if scope.headed_institution_ids:
        host_condition |= Q(institution_id__in=scope.headed_institution_ids)
    condition |= Q(pk__in=Host.objects.filter(host_condition).values("round_id"))
    return qs.filter(condition)


def cluster_rounds(user: object, cluster: Cluster) -> QuerySet[PlacementRound]:
    return rounds_for(user).filter(cluster=cluster)


def round_for_user(user: object, pk: int) -> PlacementRound:
    try:
        return rounds_for(user).get(pk=pk)
    except PlacementRound.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class RoundAccess:
    """The user's part in one round."""

    manages: bool
    reads_statistics: bool
    applicant: Applicant | None
    hosts: tuple[Host, ...]


def round_access(user: object, rnd: PlacementRound) -> RoundAccess:
    scope = scope_for(user)
    manages = scope.coordinates(rnd.cluster_id)
    analyst = scope.global_analyst or rnd.cluster_id in scope.analyst_cluster_ids
    applicant = None
    hosts: tuple[Host, ...] = ()
    if scope.user_id is not None:
        applicant = (
            Applicant.objects.filter(round=rnd, person__user_id=scope.user_id)
            .select_related("person")
            .first()
        )
        host_condition = Q(mentor__user_id=scope.user_id)
        if scope.headed_institution_ids:
            host_condition |= Q(institution_id__in=scope.headed_institution_ids)
        hosts = tuple(Host.objects.filter(host_condition, round=rnd).select_related("institution"))
    return RoundAccess(
        manages=manages,
        reads_statistics=manages or (analyst and rnd.is_published),
        applicant=applicant,
        hosts=hosts,
    )


def host_for_user(user: object, rnd: PlacementRound, pk: int) -> Host:
    """A host of the round, for its head, its mentor or the coordinator."""
    scope = scope_for(user)
    qs = Host.objects.filter(round=rnd).select_related(
        "institution", "institution__district", "language", "mentor", "round"
    )
    if not scope.coordinates(rnd.cluster_id):
        condition = Q(mentor__user_id=scope.user_id) if scope.user_id else Q(pk__in=[])
        if scope.headed_institution_ids:
            condition |= Q(institution_id__in=scope.headed_institution_ids)
        qs = qs.filter(condition)
    try:
        return qs.get(pk=pk)
    except Host.DoesNotExist:
        raise Http404 from None


def applicant_of_round(rnd: PlacementRound, pk: int) -> Applicant:
    """An applicant of a round the caller manages (checked by the view)."""
    try:
        return Applicant.objects.select_related("person", "district", "targeted_district").get(
            round=rnd, pk=pk
        )
    except Applicant.DoesNotExist:
        raise Http404 from None


def own_applicant(user: object, rnd: PlacementRound) -> Applicant:
    """The user's own application in the round, or 404."""
    scope = scope_for(user)
    applicant = (
        Applicant.objects.filter(round=rnd, person__user_id=scope.user_id)
        .select_related("person", "round")
        .first()
        if scope.user_id
        else None
    )
    if applicant is None:
        raise Http404
    return applicant


# --- graduate employment ----------------------------------------------------------------------


def outcomes_for(user: object, cluster: Cluster) -> QuerySet[GraduateOutcome]:
    """Coordinators see every graduate; a head the graduates employed at their institution;
    a graduate their own records."""
    scope = scope_for(user)
    qs = GraduateOutcome.objects.filter(cluster=cluster).select_related(
        "person", "institution", "institution__district"
    )
    if scope.coordinates(cluster.pk):
        return qs
    condition = Q(person__user_id=scope.user_id) if scope.user_id else Q(pk__in=[])
    if scope.headed_institution_ids:
        condition |= Q(institution_id__in=scope.headed_institution_ids)
    return qs.filter(condition)


def outcome_for_user(user: object, pk: int) -> GraduateOutcome:
    scope = scope_for(user)
    qs = GraduateOutcome.objects.select_related(
        "person", "institution", "cluster", "confirmed_by", "assignment__round"
    )
    if not scope.is_admin:
        condition = Q(cluster_id__in=scope.coordinated_cluster_ids)
        if scope.user_id:
            condition |= Q(person__user_id=scope.user_id)
        if scope.headed_institution_ids:
            condition |= Q(institution_id__in=scope.headed_institution_ids)
        qs = qs.filter(condition)
    try:
        return qs.get(pk=pk)
    except GraduateOutcome.DoesNotExist:
        raise Http404 from None


def contracts_for(user: object, cluster: Cluster) -> QuerySet[TargetedContract]:
    scope = scope_for(user)
    qs = TargetedContract.objects.filter(cluster=cluster).select_related(
        "person",
        "district",
        "sponsor",
        "work_institution",
        "subject",
        "assignment__host__institution",
        "assignment__host__vacancy__position",
    )
    if scope.coordinates(cluster.pk):
        return qs
    return qs.filter(person__user_id=scope.user_id) if scope.user_id else qs.none()


def contract_for_user(user: object, pk: int) -> TargetedContract:
    """Contracts are changed by coordinators only; anybody else does not find them."""
    scope = scope_for(user)
    qs = TargetedContract.objects.select_related("cluster", "person")
    if not scope.is_admin:
        qs = qs.filter(cluster_id__in=scope.coordinated_cluster_ids)
    try:
        return qs.get(pk=pk)
    except TargetedContract.DoesNotExist:
        raise Http404 from None
