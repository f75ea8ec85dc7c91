"""Home page sections of placements: each person's next step in the placement rounds.

A student (or graduate) sees their published results, with the link to why not a higher
choice, and the lists still open for ranking; a member school's head (or a host's mentor) the
rankings to submit and the terms their school has not offered practice seats for yet; a
coordinator the rounds to review or publish, the lists whose deadline passed, and runs that
stopped reporting progress. Every section runs a fixed number of queries.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from educluster.accounts.scoping import scope_for
from educluster.placements.models import Applicant, Assignment, Host, PlacementRound, SeatOffer
from educluster.registry.models import Institution, Membership

LIMIT = 10
# Institutions that take trainees for practice (the heads asked to offer seats).
PRACTICE_KINDS = (
    Institution.Kind.GENERAL_SCHOOL,
    Institution.Kind.MUSIC_ART_SCHOOL,
    Institution.Kind.ART_COLLEGE,
    Institution.Kind.PRESCHOOL,
)


@dataclass
class SeatItem:
    institution: Institution
    term: Any
    url: str


@dataclass
class HostItem:
    host: Host
    url: str


@dataclass
class CoordinatorItems:
    to_review: list[PlacementRound] = field(default_factory=list)
    to_publish: list[PlacementRound] = field(default_factory=list)
    to_close: list[PlacementRound] = field(default_factory=list)
    stuck: list[PlacementRound] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.to_review or self.to_publish or self.to_close or self.stuck)


# --- applicants -------------------------------------------------------------------------------


def applicant_section(user: Any) -> tuple[str, dict] | None:
    """The student's or graduate's published results and the lists open for ranking."""
    uid = scope_for(user).user_id
    if uid is None:
        return None
    now = timezone.now()
    results = list(
        Assignment.objects.filter(
            applicant__person__user_id=uid, round__status=PlacementRound.Status.PUBLISHED
        )
        .select_related("round", "round__cluster", "host", "host__institution")
        .order_by("-round__published_at", "-pk")[:LIMIT]
    )
    open_lists = list(
        Applicant.objects.filter(
            person__user_id=uid,
            round__status=PlacementRound.Status.OPEN,
            round__preference_deadline__gt=now,
        )
        .select_related("round")
        .order_by("round__preference_deadline")[:LIMIT]
    )
    if not results and not open_lists:
        return None
    return (
        "placements/_home_applicant.html",
        {"results": results, "open_lists": open_lists},
    )


# --- heads and mentors of hosts ---------------------------------------------------------------


def seat_offer_url(cluster_slug: str) -> str:
    """The head's seat-offer page when the placements app has one, else the rounds."""
    for name in ("placements:offers", "placements:seat_offers", "placements:offer_list"):
        try:
            return reverse(name, args=[cluster_slug])
        except NoReverseMatch:
            continue
    return reverse("placements:rounds", args=[cluster_slug])


def host_section(user: Any) -> tuple[str, dict] | None:
    """Rankings a host has to submit and the terms the head's school has not offered seats for."""
    scope = scope_for(user)
    if scope.user_id is None:
        return None
    condition = Q(mentor__user_id=scope.user_id)
    headed = scope.headed_institution_ids
    if headed:
        condition |= Q(institution_id__in=headed)
    to_rank = [
        HostItem(host, reverse("placements:host", args=[host.round_id, host.pk]))
        for host in Host.objects.filter(
            condition,
            ranking=Host.Ranking.EXPLICIT,
            round__status__in=[PlacementRound.Status.OPEN, PlacementRound.Status.CLOSED],
        )
        .select_related("round", "institution")
        .order_by("round__preference_deadline", "pk")[:LIMIT]
    ]
    seats: list[SeatItem] = []
    if headed:
        seats = _seats_to_offer(headed)
    if not to_rank and not seats:
        return None
    return ("placements/_home_host.html", {"to_rank": to_rank, "seats": seats})


def _seats_to_offer(headed: frozenset[int]) -> list[SeatItem]:
    from educluster.schoollabs.models import Term

    today = timezone.localdate()
    memberships = list(
        Membership.objects.active()
        .filter(institution_id__in=headed, institution__kind__in=PRACTICE_KINDS)
        .select_related("institution", "cluster")
    )
    if not memberships:
        return []
    terms = list(
        Term.objects.filter(
            cluster_id__in={m.cluster_id for m in memberships}, end_date__gte=today
        ).order_by("start_date", "pk")[:LIMIT]
    )
    offered = set(
        SeatOffer.objects.filter(institution_id__in=headed, term__in=terms).values_list(
            "institution_id", "term_id"
        )
    )
    items = []
    for term in terms:
        for membership in memberships:
            if membership.cluster_id != term.cluster_id:
                continue
            if (membership.institution_id, term.pk) in offered:
                continue
            url = seat_offer_url(membership.cluster.slug)
            items.append(SeatItem(membership.institution, term, url))
    return items[:LIMIT]


# --- coordinators -----------------------------------------------------------------------------


def coordinator_section(user: Any) -> tuple[str, dict] | None:
    """Rounds that wait for the coordinator: to review, to publish, to close, or stuck."""
    clusters = scope_for(user).coordinated_cluster_ids
    if not clusters:
        return None
    now = timezone.now()
    Status = PlacementRound.Status
    rounds = PlacementRound.objects.filter(cluster_id__in=clusters).filter(
        Q(status__in=[Status.RUN, Status.REVIEWED, Status.RUNNING])
        | Q(status=Status.OPEN, preference_deadline__lte=now)
    )
    items = CoordinatorItems()
    for rnd in rounds.select_related("cluster").order_by("created_at", "pk")[: 4 * LIMIT]:
        if rnd.status == Status.RUN:
            items.to_review.append(rnd)
        elif rnd.status == Status.REVIEWED:
            items.to_publish.append(rnd)
        elif rnd.status == Status.OPEN:
            items.to_close.append(rnd)
        elif rnd.is_stuck:  # running, but no progress reported for too long
            items.stuck.append(rnd)
    if not items:
        return None
    return ("placements/_home_coordinator.html", {"items": items})
