"""Plan against reality: a forecast's recommended targeted admissions (quotas) against the
targeted-training contracts actually signed and the graduates who took up work under them.

One row per district × subject × admission year, from the union of the run's quota cells and
the cluster's contracts in the reader's area. Four queries whatever the number of rows.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from educluster.registry.models import Cluster, District
from educluster.workforce.models import ForecastCell, ForecastRun, Subject
from educluster.workforce.selectors import Area


@dataclass(frozen=True)
class PlanRow:
    """Recommended admissions in ``year`` (the run's quota, rounded as shown; None when the
    run has no quota for that year) against contracts signed with that admission year, and
    those of them whose graduate has started work in the district (``placed``)."""

    district: District
    subject: Subject | None
    year: int
    recommended: float | None
    signed: int
    placed: int
    released: int

    @property
    def gap(self) -> float | None:
        """Contracts signed − recommended admissions: negative is a shortfall against the plan."""
        return None if self.recommended is None else self.signed - round(self.recommended)

    @property
    def to_place(self) -> int:
        """Contracts still waiting for their graduate to start work (released ones excluded)."""
        return max(0, self.signed - self.placed - self.released)


@dataclass(frozen=True)
class Plan:
    run: ForecastRun | None
    rows: list[PlanRow]

    @property
    def totals(self) -> dict[str, Any]:
        planned = [r for r in self.rows if r.recommended is not None]
        return {
            "recommended": sum(round(r.recommended or 0) for r in planned),
            "signed": sum(r.signed for r in self.rows),
            "signed_planned": sum(r.signed for r in planned),
            "placed": sum(r.placed for r in self.rows),
            "to_place": sum(r.to_place for r in self.rows),
            "gap": sum(r.gap or 0 for r in planned),
        }


def plan_run(cluster: Cluster, run_id: str | int | None = None) -> ForecastRun | None:
    """The run whose quotas are the plan: the one asked for, else the newest published run
    (base scenario first), else the newest completed one."""
    runs = ForecastRun.objects.filter(cluster=cluster, status=ForecastRun.Status.DONE).defer(
        "input_snapshot"
    )
    if run_id and str(run_id).isdigit():
        return runs.filter(pk=int(run_id)).first()
    return runs.order_by("-is_published", "-scenario__is_base", "-created_at", "-pk").first()


def quota_plan(
    *,
    cluster: Cluster,
    run: ForecastRun | None,
    area: Area,
    district_id: int | None = None,
    subject_id: int | None = None,
    year: int | None = None,
) -> Plan:
    """The plan-against-reality rows of ``cluster`` within ``area``, optionally one district,
    subject or year. Contracts that name no subject form rows of their own (subject None)."""
    from educluster.placements.models import TargetedContract

    cells = ForecastCell.objects.none()
    if run is not None:
        cells = area.filter(run.cells.filter(quota__isnull=False))
    contracts = area.filter(TargetedContract.objects.filter(cluster=cluster))
    if district_id:
        cells = cells.filter(district_id=district_id)
        contracts = contracts.filter(district_id=district_id)
    if subject_id:
        cells = cells.filter(subject_id=subject_id)
        contracts = contracts.filter(subject_id=subject_id)
    if year:
        cells = cells.filter(year=year)
        contracts = contracts.filter(admission_year=year)
    planned = {
        (c["district_id"], c["subject_id"], c["year"]): c["quota"]
        for c in cells.values("district_id", "subject_id", "year", "quota")
    }
    signed = {
        (c["district_id"], c["subject_id"], c["admission_year"]): c
        for c in contracts.values("district_id", "subject_id", "admission_year").annotate(
            signed=Count("pk"),
            placed=Count("pk", filter=Q(work_started_on__isnull=False)),
            released=Count(
                "pk",
                filter=Q(status=TargetedContract.Status.RELEASED, work_started_on__isnull=True),
            ),
        )
    }
    keys = set(planned) | set(signed)
    districts = District.objects.in_bulk({k[0] for k in keys})
    subjects = Subject.objects.in_bulk({k[1] for k in keys if k[1] is not None})
    rows = []
    for key in keys:
        d, s, y = key
        counts = signed.get(key, {})
        rows.append(
            PlanRow(
                district=districts[d],
                subject=subjects.get(s) if s is not None else None,
                year=y,
                recommended=planned.get(key),
                signed=counts.get("signed", 0),
                placed=counts.get("placed", 0),
                released=counts.get("released", 0),
            )
        )
    rows.sort(
        key=lambda r: (
            r.district.name,
            r.subject is None,
            r.subject.order if r.subject else 0,
            r.year,
        )
    )
    return Plan(run=run, rows=rows)
