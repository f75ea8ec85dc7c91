"""Queries over stored forecast results, always cut to the reader's area."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet, Sum

from educluster.registry.models import Cluster, District
from educluster.workforce.models import ForecastCell, ForecastRun, Subject
from educluster.workforce.selectors import Area


def run_cells(run: ForecastRun, area: Area) -> QuerySet[ForecastCell]:
    return area.filter(run.cells.all())


def run_districts(run: ForecastRun, area: Area) -> QuerySet[District]:
    return District.objects.filter(pk__in=run_cells(run, area).values("district_id")).order_by(
        "name_uz"
    )


def run_subjects(run: ForecastRun) -> QuerySet[Subject]:
    return Subject.objects.filter(pk__in=run.cells.values("subject_id")).order_by("order")


@dataclass
class Series:
    """One district × subject of a run, year by year (lists aligned with ``years``)."""

    years: list[int] = field(default_factory=list)
    values: dict[str, list[float | None]] = field(default_factory=lambda: defaultdict(list))

    def rows(self) -> list[dict[str, Any]]:
        return [
            {"year": year, **{k: v[i] for k, v in self.values.items()}}
            for i, year in enumerate(self.years)
        ]


SERIES_FIELDS = [
    "demand",
    "supply",
    "gap",
    "hiring_need",
    "cumulative_hiring_need",
    "quota",
    *[f"{m}_{q}" for m in ForecastCell.BANDED for q in ("p10", "p50", "p90")],
]


def run_series(run: ForecastRun, district: District, subject: Subject) -> Series:
    series = Series()
    rows = (
        run.cells.filter(district=district, subject=subject)
        .order_by("year")
        .values_list("year", *SERIES_FIELDS)
    )
    for year, *values in rows:
        series.years.append(year)
        for name, value in zip(SERIES_FIELDS, values, strict=True):
            series.values[name].append(value)
    return series


@dataclass(frozen=True)
class SummaryRow:
    district: District
    subject: Subject
    demand_last: float
    supply_last: float
    gap_last: float
    hiring_need: float
    quota_total: float


def run_summary(run: ForecastRun, area: Area) -> list[SummaryRow]:
    """Per district × subject: demand, supply and gap in the last year, the cumulative hiring
    need over the horizon and the total targeted admissions."""
    if run.last_year is None:
        return []
    cells = run_cells(run, area)
    last = {
        (c["district_id"], c["subject_id"]): c
        for c in cells.filter(year=run.last_year).values(
            "district_id", "subject_id", "demand", "supply", "gap", "cumulative_hiring_need"
        )
    }
    quotas = {
        (r["district_id"], r["subject_id"]): r["total"] or 0.0
        for r in cells.values("district_id", "subject_id").annotate(total=Sum("quota"))
    }
    districts = {d.pk: d for d in District.objects.filter(pk__in={k[0] for k in last})}
    subjects = {s.pk: s for s in Subject.objects.filter(pk__in={k[1] for k in last})}
    rows = [
        SummaryRow(
            district=districts[d],
            subject=subjects[s],
            demand_last=c["demand"],
            supply_last=c["supply"],
            gap_last=c["gap"],
            hiring_need=c["cumulative_hiring_need"],
            quota_total=quotas.get((d, s), 0.0),
        )
        for (d, s), c in last.items()
    ]
    rows.sort(key=lambda r: (r.district.name, r.subject.order))
    return rows


def latest_runs(cluster: Cluster, horizon: int | None = None) -> list[ForecastRun]:
    """The newest completed run of each scenario (published first), optionally of a horizon."""
    runs = ForecastRun.objects.filter(cluster=cluster, status=ForecastRun.Status.DONE)
    if horizon:
        runs = runs.filter(horizon=horizon)
    chosen: dict[str, ForecastRun] = {}
    for run in (
        runs.select_related("scenario")
        .defer("input_snapshot")
        .order_by("-is_published", "-created_at", "-id")
    ):
        key = str(run.scenario_id or run.scenario_name)
        chosen.setdefault(key, run)
    return sorted(
        chosen.values(),
        key=lambda r: (not (r.scenario and r.scenario.is_base), r.scenario_name),
    )
