"""What a user may see of the workforce, and queries over many rows.

* Positions and staff records: platform administrators; coordinators, for their clusters'
  member institutions; member heads, for their own institution. Anyone else does not find them.
* Aggregates (overview, forecasts, scenario comparison): coordinators, analysts and platform
  administrators for the whole cluster; heads of member institutions for their *area* — the
  districts of the institutions they head (a district education department's head sees the
  district, a regional authority's head the whole cluster).
* The vacancy board: everyone with a role in the cluster (students and graduates above all).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from educluster.accounts.scoping import scope_for
from educluster.registry.models import Cluster, District, Institution, Membership
from educluster.workforce.models import (
    AgeBand,
    ForecastRun,
    Position,
    Scenario,
    StaffRecord,
    Subject,
    Vacancy,
)


@dataclass(frozen=True)
class Area:
    """The districts of a cluster whose aggregates a user may see."""

    all_districts: bool = False
    district_ids: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return self.all_districts or bool(self.district_ids)

    def allows(self, district_id: int | None) -> bool:
        return self.all_districts or district_id in self.district_ids

    def filter(self, queryset: QuerySet, field: str = "district_id") -> QuerySet:
        return queryset if self.all_districts else queryset.filter(**{f"{field}__in": self.ids})

    @property
    def ids(self) -> list[int]:
        return sorted(self.district_ids)


_NOWHERE = Area()


def workforce_area(user: Any, cluster: Cluster) -> Area:
    """The user's area in ``cluster``, cached on the user object for the request."""
    scope = scope_for(user)
    if scope.user_id is None:
        return _NOWHERE
    if scope.sees_everything or scope.coordinates(cluster.pk):
        return Area(all_districts=True)
    if cluster.pk in scope.analyst_cluster_ids:
        return Area(all_districts=True)
    cache: dict[int, Area] = user.__dict__.setdefault("_workforce_areas", {})
    if cluster.pk in cache:
        return cache[cluster.pk]
    area = _NOWHERE
    if scope.headed_institution_ids and cluster.pk in scope.member_cluster_ids:
        rows = (
            Membership.objects.active()
            .filter(cluster=cluster, institution_id__in=scope.headed_institution_ids)
            .values_list("institution__kind", "institution__district_id")
        )
        kinds_districts = list(rows)
        if any(kind == Institution.Kind.REGIONAL_AUTHORITY for kind, _d in kinds_districts):
            area = Area(all_districts=True)
        elif kinds_districts:
            area = Area(district_ids=frozenset(d for _k, d in kinds_districts))
    cache[cluster.pk] = area
    return area


def cluster_districts(cluster: Cluster, area: Area | None = None) -> QuerySet[District]:
    """Districts of the cluster's member institutions (within ``area`` when given)."""
    qs = District.objects.filter(
        pk__in=Membership.objects.filter(cluster=cluster).values("institution__district_id")
    )
    return area.filter(qs, "pk") if area is not None else qs


# --- Positions and staff ------------------------------------------------------------------


def _managed_institution_filter(user: Any, field: str = "institution_id") -> Q | None:
    """None: every institution; else the condition on ``field`` for the ones user manages."""
    scope = scope_for(user)
    if scope.is_admin:
        return None
    condition = Q(**{f"{field}__in": sorted(scope.headed_institution_ids)})
    if scope.coordinated_cluster_ids:
        members = Membership.objects.filter(cluster_id__in=scope.coordinated_cluster_ids).values(
            "institution_id"
        )
        condition |= Q(**{f"{field}__in": members})
    return condition


def positions_for(user: Any) -> QuerySet[Position]:
    qs = Position.objects.select_related(
        "institution", "institution__district", "subject", "language"
    )
    condition = _managed_institution_filter(user)
    return qs if condition is None else qs.filter(condition)


def position_for_user(user: Any, pk: int) -> Position:
    try:
        return positions_for(user).get(pk=pk)
    except Position.DoesNotExist:
        raise Http404 from None


def cluster_positions(user: Any, cluster: Cluster) -> QuerySet[Position]:
    return positions_for(user).filter(
        institution_id__in=Membership.objects.filter(cluster=cluster).values("institution_id")
    )


def staff_record_for_user(user: Any, pk: int) -> StaffRecord:
    condition = _managed_institution_filter(user, "position__institution_id")
    qs = StaffRecord.objects.select_related("position", "position__institution", "specialty")
    if condition is not None:
        qs = qs.filter(condition)
    try:
        return qs.get(pk=pk)
    except StaffRecord.DoesNotExist:
        raise Http404 from None


def manageable_institutions(user: Any, cluster: Cluster) -> QuerySet[Institution]:
    """The cluster's member institutions whose positions ``user`` manages."""
    qs = Institution.objects.filter(
        pk__in=Membership.objects.filter(cluster=cluster).values("institution_id")
    )
    condition = _managed_institution_filter(user, "pk")
    return qs if condition is None else qs.filter(condition)


# --- Vacancies ----------------------------------------------------------------------------


def _vacancy_qs() -> QuerySet[Vacancy]:
    return Vacancy.objects.select_related(
        "position",
        "position__institution",
        "position__institution__district",
        "position__subject",
        "language",
    )


def vacancies_for(user: Any) -> QuerySet[Vacancy]:
    """Vacancies of positions the user manages (any status) and open vacancies at active
    members of the clusters the user sees."""
    scope = scope_for(user)
    qs = _vacancy_qs()
    if scope.sees_everything:
        return qs
    managed = _managed_institution_filter(user, "position__institution_id")
    active_members = Membership.objects.active().filter(cluster_id__in=scope.cluster_ids)
    condition = Q(
        status=Vacancy.Status.OPEN,
        position__institution_id__in=active_members.values("institution_id"),
    )
    if managed is not None:
        condition |= managed
    return qs.filter(condition)


def vacancy_for_user(user: Any, pk: int) -> Vacancy:
    try:
        return vacancies_for(user).get(pk=pk)
    except Vacancy.DoesNotExist:
        raise Http404 from None


def board_vacancies(cluster: Cluster) -> QuerySet[Vacancy]:
    """Open vacancies at the cluster's active member institutions, newest first."""
    members = Membership.objects.active().filter(cluster=cluster).values("institution_id")
    return _vacancy_qs().filter(status=Vacancy.Status.OPEN, position__institution_id__in=members)


def cluster_vacancies(user: Any, cluster: Cluster) -> QuerySet[Vacancy]:
    """Every vacancy (any status) of the cluster's positions that ``user`` manages."""
    return _vacancy_qs().filter(position__in=cluster_positions(user, cluster).values("pk"))


# --- Scenarios and runs --------------------------------------------------------------------


def scenario_of(cluster: Cluster, pk: int) -> Scenario:
    try:
        return cluster.workforce_scenarios.get(pk=pk)
    except Scenario.DoesNotExist:
        raise Http404 from None


def run_of(cluster: Cluster, pk: int) -> ForecastRun:
    try:
        return ForecastRun.objects.select_related("cluster", "scenario", "created_by").get(
            cluster=cluster, pk=pk
        )
    except ForecastRun.DoesNotExist:
        raise Http404 from None


def cluster_runs(cluster: Cluster) -> QuerySet[ForecastRun]:
    return (
        ForecastRun.objects.filter(cluster=cluster)
        .select_related("scenario", "created_by", "cluster")
        .defer("input_snapshot")
    )


# --- Aggregates -----------------------------------------------------------------------------


@dataclass(frozen=True)
class OverviewRow:
    district: District
    subject: Subject
    positions: int
    fte: float
    filled: int
    vacant: int
    open_vacancies: int
    staff: int
    aged_55_plus: int
    out_of_specialty: int


@dataclass(frozen=True)
class Overview:
    rows: list[OverviewRow]
    staff_by_age: list[tuple[str, int]]
    mean_time_to_fill: float | None
    filled_vacancies: int


def workforce_overview(cluster: Cluster, area: Area) -> Overview:
    """Positions, staff and vacancies of the cluster's member institutions in ``area``,
    aggregated by district and subject (no individual records)."""
    members = Membership.objects.filter(cluster=cluster).values("institution_id")
    positions = area.filter(
        Position.objects.filter(institution_id__in=members), "institution__district_id"
    )
    counts: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
    fte: dict[tuple[int, int], float] = defaultdict(float)
    for district_id, subject_id, status, load in positions.values_list(
        "institution__district_id", "subject_id", "status", "load_fraction"
    ):
        key = (district_id, subject_id)
        counts[key]["positions"] += 1
        counts[key][status] += 1
        fte[key] += float(load)
    staff = StaffRecord.objects.filter(end_date__isnull=True, position__in=positions)
    by_age: Counter[str] = Counter()
    old_bands = {AgeBand.A55, AgeBand.A60, AgeBand.A65}
    for district_id, subject_id, specialty_id, band in staff.values_list(
        "position__institution__district_id", "position__subject_id", "specialty_id", "age_band"
    ):
        key = (district_id, subject_id)
        counts[key]["staff"] += 1
        counts[key]["old"] += band in old_bands
        counts[key]["out"] += specialty_id != subject_id
        by_age[band] += 1
    open_vacancies = Vacancy.objects.filter(status=Vacancy.Status.OPEN, position__in=positions)
    for district_id, subject_id in open_vacancies.values_list(
        "position__institution__district_id", "position__subject_id"
    ):
        counts[(district_id, subject_id)]["open"] += 1
    filled = list(
        Vacancy.objects.filter(
            status=Vacancy.Status.FILLED, position__in=positions, closed_on__isnull=False
        ).values_list("opened_on", "closed_on")
    )
    districts = {d.pk: d for d in District.objects.filter(pk__in={k[0] for k in counts})}
    subjects = {s.pk: s for s in Subject.objects.filter(pk__in={k[1] for k in counts})}
    rows = [
        OverviewRow(
            district=districts[d],
            subject=subjects[s],
            positions=c["positions"],
            fte=round(fte[(d, s)], 2),
            filled=c[Position.Status.FILLED] + c[Position.Status.INTERIM],
            vacant=c[Position.Status.VACANT],
            open_vacancies=c["open"],
            staff=c["staff"],
            aged_55_plus=c["old"],
            out_of_specialty=c["out"],
        )
        for (d, s), c in counts.items()
    ]
    rows.sort(key=lambda r: (r.district.name, r.subject.order))
    days = [(closed - opened).days for opened, closed in filled if closed is not None]
    return Overview(
        rows=rows,
        staff_by_age=[(label, by_age.get(band, 0)) for band, label in AgeBand.choices],
        mean_time_to_fill=round(sum(days) / len(days), 1) if days else None,
        filled_vacancies=len(days),
    )
