"""The national view: every cluster side by side, and teacher supply and demand by region.

Aggregates only (counts, shares, sums); each function runs a fixed number of queries whatever
the number of clusters, members or regions.

**Regional supply and demand.** A cluster's university stands in a region (the region of its
lead institution's district). Per region:

* *graduates expected* — graduates of the latest graduation year in the reference inputs of
  the clusters whose university is in the region, and of them the *expected teachers*
  (graduates × the employment rate in the specialty);
* *flows* — the expected teachers go to work in districts by the clusters' district norms
  (``graduate_share``); a flow from region A to region B is the sum over A's clusters of
  expected teachers × the shares of B's districts; what the shares leave over is *not assigned*;
* *demand* — the published forecasts' hiring need in their first forecast year, summed over
  subjects and districts of the region (where two clusters forecast the same district, the
  larger figure counts, so a district is not counted twice), and the open vacancies at the
  clusters' active member institutions in the region;
* *balance* = teachers arriving (flows in) − hiring need: negative means a shortage.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from educluster.accounts.scoping import scope_for
from educluster.agreements.models import Agreement, Occurrence
from educluster.registry.maps import (
    MEMBER_GROUPS,
    MapView,
    last_year_gaps,
    platform_map,
    published_runs,
)
from educluster.registry.models import Cluster, Membership, Region
from educluster.schoollabs.models import Placement, SchoolLab
from educluster.workforce.models import DistrictNorm, ForecastCell, GraduateCohort, Vacancy


def national_clusters(user: Any) -> QuerySet[Cluster]:
    """The clusters of the national view: all for administrators and global analysts, the
    analysed clusters for an analyst of particular clusters, none for anyone else."""
    scope = scope_for(user)
    qs = Cluster.objects.select_related(
        "region", "lead_institution", "lead_institution__district__region"
    ).order_by("name")
    if scope.sees_everything:
        return qs
    return qs.filter(pk__in=scope.analyst_cluster_ids)


@dataclass
class ClusterRow:
    cluster: Cluster
    members: int = 0
    members_by_group: dict[str, int] = field(default_factory=dict)
    agreements_active: int = 0
    obligations_due: int = 0
    obligations_overdue: int = 0
    confirmed_on_time: int = 0
    school_labs: int = 0
    students_in_practice: int = 0
    vacancies_open: int = 0
    forecast_run_id: int | None = None
    forecast_gap: float | None = None  # net: teachers missing minus surplus, last year
    forecast_shortage: float | None = None  # the districts with a gap only

    @property
    def group_counts(self) -> list[int]:
        """Members per map group, in the order of ``MEMBER_GROUPS`` (the table's columns)."""
        return [self.members_by_group.get(key, 0) for key, *_rest in MEMBER_GROUPS]

    @property
    def on_time_share(self) -> int | None:
        """Occurrences confirmed by their due date ÷ occurrences already due, in %."""
        if not self.obligations_due:
            return None
        return round(100 * self.confirmed_on_time / self.obligations_due)


def _active_member_q(prefix: str, today: Any) -> Q:
    return Q(**{f"{prefix}start_date__lte": today}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gt": today})
    )


def cluster_rows(clusters: list[Cluster], *, today: Any = None) -> list[ClusterRow]:
    """Every cluster's figures side by side (nine queries, whatever the number of clusters)."""
    today = today or timezone.localdate()
    rows = {c.pk: ClusterRow(cluster=c) for c in clusters}
    ids = list(rows)
    group_of = {kind: key for key, _l, _s, _c, kinds in MEMBER_GROUPS for kind in kinds}
    for cluster_id, kind, n in (
        Membership.objects.active(today)
        .filter(cluster_id__in=ids)
        .values_list("cluster_id", "institution__kind")
        .annotate(n=Count("id"))
    ):
        row = rows[cluster_id]
        row.members += n
        group = group_of.get(kind, "other")
        row.members_by_group[group] = row.members_by_group.get(group, 0) + n
    for cluster_id, n in (
        Agreement.objects.filter(cluster_id__in=ids, status=Agreement.Status.ACTIVE)
        .values_list("cluster_id")
        .annotate(n=Count("id"))
    ):
        rows[cluster_id].agreements_active = n
    confirmed = Occurrence.State.CONFIRMED
    occurrences = (
        Occurrence.objects.filter(obligation__agreement__cluster_id__in=ids)
        .annotate(confirmed_day=TruncDate("confirmed_at"))
        .values("obligation__agreement__cluster_id")
        .annotate(
            due=Count("id", filter=Q(due_date__lte=today)),
            overdue=Count("id", filter=Q(due_date__lt=today) & ~Q(state=confirmed)),
            on_time=Count(
                "id",
                filter=Q(due_date__lte=today, state=confirmed, confirmed_day__lte=F("due_date")),
            ),
        )
    )
    for r in occurrences:
        row = rows[r["obligation__agreement__cluster_id"]]
        row.obligations_due, row.obligations_overdue = r["due"], r["overdue"]
        row.confirmed_on_time = r["on_time"]
    for cluster_id, n in (
        SchoolLab.objects.filter(cluster_id__in=ids)
        .exclude(status=SchoolLab.Status.CLOSED)
        .values_list("cluster_id")
        .annotate(n=Count("id"))
    ):
        rows[cluster_id].school_labs = n
    for cluster_id, n in (
        Placement.objects.filter(lab__cluster_id__in=ids, status=Placement.Status.ACTIVE)
        .values_list("lab__cluster_id")
        .annotate(n=Count("student_id", distinct=True))
    ):
        rows[cluster_id].students_in_practice = n
    prefix = "position__institution__memberships__"
    for cluster_id, n in (
        Vacancy.objects.filter(
            Q(status=Vacancy.Status.OPEN, **{f"{prefix}cluster_id__in": ids})
            & _active_member_q(prefix, today)
        )
        .values_list(f"{prefix}cluster_id")
        .annotate(n=Count("id", distinct=True))
    ):
        rows[cluster_id].vacancies_open = n
    chosen = published_runs(ids)
    gaps = last_year_gaps(chosen.values()) if chosen else {}
    run_cluster = {run_id: cluster_id for cluster_id, run_id in chosen.items()}
    for cluster_id, run_id in chosen.items():
        rows[cluster_id].forecast_run_id = run_id
        rows[cluster_id].forecast_gap = 0.0
        rows[cluster_id].forecast_shortage = 0.0
    for (run_id, _district_id), gap in gaps.items():
        row = rows[run_cluster[run_id]]
        row.forecast_gap = (row.forecast_gap or 0.0) + gap
        row.forecast_shortage = (row.forecast_shortage or 0.0) + max(gap, 0.0)
    return [rows[c.pk] for c in clusters]


# --- Regions ----------------------------------------------------------------------------------


@dataclass
class RegionRow:
    region: Region
    universities: int = 0  # clusters whose university is in the region
    graduates: int = 0
    expected_teachers: float = 0.0  # graduates × employment rate
    arriving: float = 0.0  # expected teachers from any region who go to work here
    hiring_need: float = 0.0
    vacancies_open: int = 0

    @property
    def balance(self) -> float:
        return self.arriving - self.hiring_need


@dataclass(frozen=True)
class Flow:
    source: Region
    target: Region | None  # None: not assigned to a district by the district norms
    teachers: float


@dataclass(frozen=True)
class RegionalBalance:
    rows: list[RegionRow]
    flows: list[Flow]


def _university_region_id(cluster: Cluster) -> int:
    lead = cluster.lead_institution
    return lead.district.region_id if lead is not None else cluster.region_id


def regional_balance(clusters: list[Cluster], *, today: Any = None) -> RegionalBalance:
    """Teacher supply and demand per region and the flows between regions (six queries)."""
    today = today or timezone.localdate()
    ids = [c.pk for c in clusters]
    home = {c.pk: _university_region_id(c) for c in clusters}
    # Expected teachers of each cluster's latest graduation year.
    latest: dict[int, tuple[int, int, float]] = {}
    employed = ExpressionWrapper(
        F("graduates") * F("employment_rate"),
        output_field=DecimalField(max_digits=14, decimal_places=4),
    )
    for r in (
        GraduateCohort.objects.filter(cluster_id__in=ids)
        .values("cluster_id", "year")
        .annotate(graduates_sum=Sum("graduates"), employed=Sum(employed))
        .order_by("cluster_id", "-year")
    ):
        latest.setdefault(
            r["cluster_id"], (r["year"], r["graduates_sum"] or 0, float(r["employed"] or 0))
        )
    shares: dict[int, dict[int, float]] = defaultdict(dict)
    for cluster_id, region_id, share in (
        DistrictNorm.objects.filter(cluster_id__in=ids, graduate_share__gt=0)
        .values_list("cluster_id", "district__region_id")
        .annotate(share=Sum("graduate_share"))
    ):
        shares[cluster_id][region_id] = float(share or Decimal(0))
    # Hiring need in the first forecast year, by district (the larger figure where forecasts
    # of two clusters overlap), then by region.
    chosen = published_runs(ids)
    need_by_district: dict[int, tuple[int, float]] = {}
    for district_id, region_id, need_sum in (
        ForecastCell.objects.filter(run_id__in=list(chosen.values()), year=F("run__base_year") + 1)
        .values_list("run_id", "district_id", "district__region_id")
        .annotate(need=Sum("hiring_need"))
        .values_list("district_id", "district__region_id", "need")
    ):
        previous = need_by_district.get(district_id)
        need = float(need_sum or 0.0)
        if previous is None or need > previous[1]:
            need_by_district[district_id] = (region_id, need)
    prefix = "position__institution__memberships__"
    vacancies = Counter(
        dict(
            Vacancy.objects.filter(
                Q(status=Vacancy.Status.OPEN, **{f"{prefix}cluster_id__in": ids})
                & _active_member_q(prefix, today)
            )
            .values_list("position__institution__district__region_id")
            .annotate(n=Count("id", distinct=True))
        )
    )
    flows_by: dict[tuple[int, int | None], float] = defaultdict(float)
    region_ids: set[int] = set(home.values()) | set(vacancies)
    region_ids |= {region for region, _need in need_by_district.values()}
    for cluster_id, (_year, _graduates, expected) in latest.items():
        source = home[cluster_id]
        assigned = 0.0
        for target, share in shares.get(cluster_id, {}).items():
            flows_by[(source, target)] += expected * share
            assigned += share
            region_ids.add(target)
        if assigned < 1:
            flows_by[(source, None)] += expected * (1 - assigned)
    regions = {r.pk: r for r in Region.objects.filter(pk__in=region_ids)}
    rows = {pk: RegionRow(region=region) for pk, region in regions.items()}
    for cluster_id, home_id in home.items():
        rows[home_id].universities += 1
        if cluster_id in latest:
            rows[home_id].graduates += latest[cluster_id][1]
            rows[home_id].expected_teachers += latest[cluster_id][2]
    for (_source, flow_target), teachers in flows_by.items():
        if flow_target is not None:
            rows[flow_target].arriving += teachers
    for region_id, need in need_by_district.values():
        rows[region_id].hiring_need += need
    for vacancy_region_id, n in vacancies.items():
        rows[vacancy_region_id].vacancies_open += n
    flows = [
        Flow(regions[s], regions[t] if t is not None else None, round(v, 2))
        for (s, t), v in flows_by.items()
        if v > 0
    ]
    flows.sort(key=lambda f: (f.source.name, f.target is None, f.target.name if f.target else ""))
    return RegionalBalance(rows=sorted(rows.values(), key=lambda r: r.region.name), flows=flows)


# --- The page ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NationalSummary:
    clusters: list[ClusterRow]
    regions: RegionalBalance
    member_groups: list[tuple[str, str]]  # (layer key, label) of the member columns
    map: MapView | None = None

    @property
    def totals(self) -> dict[str, Any]:
        rows = self.clusters
        due = sum(r.obligations_due for r in rows)
        gaps = [r.forecast_gap for r in rows if r.forecast_gap is not None]
        return {
            "members": sum(r.members for r in rows),
            "by_group": [
                sum(r.members_by_group.get(k, 0) for r in rows) for k, _l in self.member_groups
            ],
            "agreements_active": sum(r.agreements_active for r in rows),
            "obligations_overdue": sum(r.obligations_overdue for r in rows),
            "on_time_share": (
                round(100 * sum(r.confirmed_on_time for r in rows) / due) if due else None
            ),
            "school_labs": sum(r.school_labs for r in rows),
            "students_in_practice": sum(r.students_in_practice for r in rows),
            "vacancies_open": sum(r.vacancies_open for r in rows),
            "forecast_gap": sum(gaps) if gaps else None,
        }


def national_summary(user: Any, *, with_map: bool = True) -> NationalSummary:
    clusters = list(national_clusters(user))
    return NationalSummary(
        clusters=cluster_rows(clusters),
        regions=regional_balance(clusters),
        member_groups=[(key, str(label)) for key, label, _s, _c, _k in MEMBER_GROUPS],
        map=platform_map(clusters) if with_map else None,
    )
