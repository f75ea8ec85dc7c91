"""Figures of rounds and of graduate employment, each from a few aggregate queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _

from educluster.engines.matching import lottery
from educluster.placements.models import (
    Applicant,
    Assignment,
    GraduateOutcome,
    Host,
    HostRanking,
    PlacementRound,
    Preference,
    TargetedContract,
)
from educluster.registry.models import Cluster, District


@dataclass(frozen=True)
class SeatRow:
    """Seats, filled and unfilled for one district or subject."""

    label: str
    hosts: int
    seats: int
    filled: int

    @property
    def unfilled(self) -> int:
        return max(0, self.seats - self.filled)


@dataclass(frozen=True)
class RoundStatistics:
    stats: dict[str, Any]
    by_district: list[SeatRow]
    by_subject: list[SeatRow]
    responses: dict[str, int]
    histogram: list[tuple[str, int]]


def _seat_rows(rows: QuerySet, key: str, labels: dict[Any, str]) -> list[SeatRow]:
    out = [
        SeatRow(
            label=labels.get(r[key], r[key] or "—"),
            hosts=r["hosts"],
            seats=r["seats"] or 0,
            filled=r["filled"] or 0,
        )
        for r in rows
    ]
    return sorted(out, key=lambda r: (-r.unfilled, r.label))


def round_statistics(rnd: PlacementRound) -> RoundStatistics:
    """Share matched, in the first choice and in the top three (stored by the run), unfilled
    seats by district and by subject, and the applicants' answers."""
    hosts = Host.objects.filter(round=rnd)
    by_district = hosts.values("institution__district_id").annotate(
        hosts=Count("id"), seats=Sum("capacity"), filled=Sum("admitted_count")
    )
    districts = {
        d.pk: d.name
        for d in District.objects.filter(pk__in=hosts.values("institution__district_id"))
    }
    by_subject = hosts.values("subject").annotate(
        hosts=Count("id"), seats=Sum("capacity"), filled=Sum("admitted_count")
    )
    responses = dict(
        Assignment.objects.filter(round=rnd, host__isnull=False)
        .values_list("response")
        .annotate(n=Count("id"))
        .values_list("response", "n")
    )
    stats = dict(rnd.stats or {})
    counts = stats.get("choice_histogram", [])
    histogram = [(str(i + 1), int(n)) for i, n in enumerate(counts) if n]
    if stats.get("unmatched"):
        histogram.append((_("not matched"), int(stats["unmatched"])))
    return RoundStatistics(
        stats=stats,
        by_district=_seat_rows(by_district, "institution__district_id", districts),
        by_subject=_seat_rows(by_subject, "subject", {"": _("any subject")}),
        responses={k: responses.get(k, 0) for k in Assignment.Response.values},
        histogram=histogram,
    )


def round_hosts(rnd: PlacementRound) -> QuerySet[Host]:
    return (
        Host.objects.filter(round=rnd)
        .select_related(
            "institution",
            "institution__district",
            "language",
            "mentor",
            "lab",
            "term",
            "offer__term",
            "vacancy__position",
        )
        .annotate(listed=Count("preferences"))
        .order_by("institution__name", "label", "pk")
    )


def round_applicants(rnd: PlacementRound) -> QuerySet[Applicant]:
    return (
        Applicant.objects.filter(round=rnd)
        .select_related("person", "district", "targeted_district")
        .prefetch_related("languages")
        .annotate(choices=Count("preferences"))
        .order_by("person__full_name", "pk")
    )


def round_results(rnd: PlacementRound) -> QuerySet[Assignment]:
    return Assignment.objects.filter(round=rnd).select_related(
        "applicant__person", "applicant__district", "host__institution__district"
    )


def applicant_list(applicant: Applicant) -> list[Host]:
    """The applicant's hosts, best first."""
    prefs = (
        Preference.objects.filter(applicant=applicant)
        .select_related("host__institution__district", "host__language")
        .order_by("position")
    )
    return [p.host for p in prefs]


def host_candidates(host: Host) -> QuerySet[Applicant]:
    """Applicants who listed the host (their position on the list is not shown to hosts)."""
    return (
        Applicant.objects.filter(preferences__host=host)
        .select_related("person", "district", "targeted_district")
        .order_by("person__full_name")
    )


def host_ranking(host: Host) -> list[Applicant]:
    rows = (
        HostRanking.objects.filter(host=host)
        .select_related("applicant__person", "applicant__district")
        .order_by("position")
    )
    return [r.applicant for r in rows]


def host_admitted(host: Host) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(host=host)
        .select_related("applicant__person", "applicant__district")
        .order_by("host_rank")
    )


def priority_order(host: Host) -> list[int]:
    """The host's candidates in the order of the priority rule (contract district, residence,
    grade average, the round's lottery), as the run computes it."""
    rnd = host.round
    app_ids = list(Applicant.objects.filter(round=rnd).order_by("pk").values_list("pk", flat=True))
    draw = lottery(len(app_ids), int(rnd.lottery_seed))
    index = {pk: i for i, pk in enumerate(app_ids)}
    district = host.institution.district_id
    rows = Applicant.objects.filter(preferences__host=host).values_list(
        "pk", "targeted_district_id", "district_id", "grade_average"
    )
    keyed = [
        (
            targeted != district,
            home != district,
            -float(grade) if grade is not None else np.inf,
            int(draw[index[pk]]),
            pk,
        )
        for pk, targeted, home, grade in rows
    ]
    return [row[-1] for row in sorted(keyed)]


# --- graduate employment ----------------------------------------------------------------------


@dataclass
class EmploymentRow:
    """Graduates of one programme and year, and how many work in their specialty."""

    programme: str
    year: int
    graduates: int = 0
    in_specialty: int = 0
    in_cluster: int = 0
    confirmed_in_specialty: int = 0
    statuses: dict[str, int] = field(default_factory=dict)

    @property
    def share_in_specialty(self) -> float:
        return self.in_specialty / self.graduates if self.graduates else 0.0

    @property
    def share_confirmed(self) -> float:
        return self.confirmed_in_specialty / self.graduates if self.graduates else 0.0


def employment_indicator(cluster: Cluster) -> list[EmploymentRow]:
    """ "Graduates employed in their specialty" per programme and graduation year: teaching in
    the specialty inside the cluster or elsewhere, over all graduates with a recorded status;
    the confirmed share counts only statuses the employer confirmed."""
    rows: dict[tuple[str, int], EmploymentRow] = {}
    counts = (
        GraduateOutcome.objects.filter(cluster=cluster)
        .values_list("programme", "graduation_year", "status", "confirmation")
        .annotate(n=Count("id"))
        .order_by()
    )
    for programme, year, status, confirmation, n in counts:
        row = rows.setdefault((programme, year), EmploymentRow(programme=programme, year=year))
        row.graduates += n
        row.statuses[status] = row.statuses.get(status, 0) + n
        if status in GraduateOutcome.IN_SPECIALTY:
            row.in_specialty += n
            if confirmation == GraduateOutcome.Confirmation.CONFIRMED:
                row.confirmed_in_specialty += n
        if status == GraduateOutcome.Status.TEACHING_CLUSTER:
            row.in_cluster += n
    return sorted(rows.values(), key=lambda r: (-r.year, r.programme))


def status_totals(cluster: Cluster) -> list[tuple[int, list[int]]]:
    """Graduates per year (newest first) and status, in the order of the statuses."""
    totals: dict[int, dict[str, int]] = defaultdict(dict)
    for year, status, n in (
        GraduateOutcome.objects.filter(cluster=cluster)
        .values_list("graduation_year", "status")
        .annotate(n=Count("id"))
        .order_by()
    ):
        totals[year][status] = n
    return [
        (year, [counts.get(s, 0) for s in GraduateOutcome.Status.values])
        for year, counts in sorted(totals.items(), reverse=True)
    ]


def contract_summary(cluster: Cluster) -> list[tuple[str, int]]:
    """(status label, number of contracts) in the order of the statuses."""
    counts = dict(
        TargetedContract.objects.filter(cluster=cluster)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return [(str(label), counts.get(key, 0)) for key, label in TargetedContract.Status.choices]
