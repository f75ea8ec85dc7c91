"""Scoped reads of recognitions and mentoring pairs, and the young-teacher retention figure."""

import datetime
from collections import defaultdict

from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404

from educluster.accounts.scoping import scope_for
from educluster.recognition.models import MentoringMeeting, MentoringPair, Recognition
from educluster.registry.models import Cluster, Membership


def _cluster_ids(user) -> Q:
    scope = scope_for(user)
    if scope.sees_everything:
        return Q()
    return Q(cluster_id__in=scope.cluster_ids)


def recognitions(cluster: Cluster) -> QuerySet[Recognition]:
    return Recognition.objects.filter(cluster=cluster).select_related(
        "person", "person__institution", "awarded_by_institution"
    )


def recognition_for_user(user, pk: int) -> Recognition:
    try:
        return Recognition.objects.filter(_cluster_ids(user)).get(pk=pk)
    except Recognition.DoesNotExist:
        raise Http404 from None


def person_recognitions(user, person) -> QuerySet[Recognition]:
    return (
        Recognition.objects.filter(_cluster_ids(user), person=person)
        .select_related("cluster", "awarded_by_institution")
        .order_by("-date", "-pk")
    )


def pairs_visible(user) -> QuerySet[MentoringPair]:
    """Coordinators, analysts and admins see the cluster's pairs; heads their institution's;
    mentors and young teachers their own."""
    scope = scope_for(user)
    qs = MentoringPair.objects.select_related(
        "mentor", "mentee", "institution", "cluster", "mentor__user", "mentee__user"
    )
    if scope.sees_everything:
        return qs
    condition = Q(cluster_id__in=scope.coordinated_cluster_ids | scope.analyst_cluster_ids)
    condition |= Q(institution_id__in=scope.headed_institution_ids)
    if scope.user_id:
        condition |= Q(mentor__user_id=scope.user_id) | Q(mentee__user_id=scope.user_id)
    return qs.filter(condition)


def pairs(user, cluster: Cluster) -> QuerySet[MentoringPair]:
    return (
        pairs_visible(user)
        .filter(cluster=cluster)
        .annotate(meeting_count=Count("meetings"), last_meeting=Max("meetings__date"))
    )


def pair_for_user(user, pk: int) -> MentoringPair:
    try:
        return pairs_visible(user).get(pk=pk)
    except MentoringPair.DoesNotExist:
        raise Http404 from None


def meetings(pair: MentoringPair) -> QuerySet[MentoringMeeting]:
    return pair.meetings.select_related("recorded_by").order_by("-date", "-pk")


def retention(cluster: Cluster, *, today: datetime.date) -> list[dict]:
    """Per start year Y (the year of the young teacher's first mentoring pair in the cluster,
    taken as the start of work since no people or workforce record holds one): the young
    teachers, and for 1, 2 and 3 years later the share still employed in the cluster (their
    person record at an institution that is an active member), shown only once Y + k has been
    reached. Only the present employment is recorded, so a teacher who left and came back
    counts as retained. Two queries."""
    members = set(
        Membership.objects.active(today)
        .filter(cluster=cluster)
        .values_list("institution_id", flat=True)
    )
    first: dict[int, tuple[int, int]] = {}
    for mentee, starts, institution in (
        MentoringPair.objects.filter(cluster=cluster)
        .order_by("starts_on")
        .values_list("mentee_id", "starts_on", "mentee__institution_id")
    ):
        first.setdefault(mentee, (starts.year, institution))
    cohorts: dict[int, list[bool]] = defaultdict(list)
    for year, institution in first.values():
        cohorts[year].append(institution in members)
    rows = []
    for year in sorted(cohorts):
        stayed = cohorts[year]
        shares = [
            (sum(stayed) / len(stayed)) if year + k <= today.year else None for k in (1, 2, 3)
        ]
        rows.append({"year": year, "teachers": len(stayed), "shares": shares})
    return rows
