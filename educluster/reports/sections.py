"""The figures of an annual report, gathered from every module as plain JSON.

Each ``_section`` function reads one domain with a few aggregate queries for the whole cluster
and the academic year (1 September ``year`` to 31 August ``year + 1``) and returns codes and
numbers only; labels are put on when the documents are rendered, in the report's language.
Pupil- and staff-level rows never enter the snapshot.
"""

from collections.abc import Callable
from datetime import date
from statistics import median
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import timezone

from educluster.registry.models import Cluster

SNAPSHOT_VERSION = 1


def period(year: int) -> tuple[date, date]:
    """First and last day of the academic year that starts in September ``year``."""
    return date(year, 9, 1), date(year + 1, 8, 31)


def _counts(queryset: Any, field: str) -> dict[str, int]:
    return {row[field]: row["n"] for row in queryset.values(field).annotate(n=Count("pk"))}


def _members(cluster: Cluster, year: int) -> dict[str, Any]:
    from educluster.registry.models import Membership

    start, end = period(year)
    active = Membership.objects.filter(cluster=cluster, start_date__lte=end).filter(
        Q(end_date__isnull=True) | Q(end_date__gt=start)
    )
    return {
        "by_kind": _counts(active, "institution__kind"),
        "by_role": _counts(active, "role"),
        "joined": active.filter(start_date__gte=start).count(),
        "total": active.count(),
    }


def _agreements(cluster: Cluster, year: int) -> dict[str, Any]:
    from educluster.agreements.models import Agreement, FulfilmentReport, Occurrence

    start, end = period(year)
    occurrences = Occurrence.objects.filter(
        obligation__agreement__cluster=cluster, due_date__range=(start, end)
    )
    due = occurrences.filter(due_date__lte=min(end, timezone.localdate()))
    totals = due.aggregate(
        due=Count("pk"),
        confirmed=Count("pk", filter=Q(state=Occurrence.State.CONFIRMED)),
    )
    # "On time" compares the local date of confirmation with the due date, as the page does.
    on_time = sum(
        1
        for confirmed_at, due_date in due.filter(state=Occurrence.State.CONFIRMED).values_list(
            "confirmed_at", "due_date"
        )
        if confirmed_at is not None and timezone.localdate(confirmed_at) <= due_date
    )
    disputes = FulfilmentReport.objects.filter(
        occurrence__in=occurrences, decision=FulfilmentReport.Decision.DISPUTED
    ).count()
    return {
        "by_status": _counts(Agreement.objects.filter(cluster=cluster), "status"),
        "signed_in_year": Agreement.objects.filter(
            cluster=cluster, signed_on__range=(start, end)
        ).count(),
        "due": totals["due"],
        "confirmed": totals["confirmed"],
        "confirmed_on_time": on_time,
        "overdue": due.exclude(state=Occurrence.State.CONFIRMED).count(),
        "disputes": disputes,
        "by_area": {
            row["obligation__area"]: {"due": row["n"], "confirmed": row["c"]}
            for row in due.values("obligation__area").annotate(
                n=Count("pk"), c=Count("pk", filter=Q(state=Occurrence.State.CONFIRMED))
            )
        },
    }


def _schoollabs(cluster: Cluster, year: int) -> dict[str, Any]:
    from educluster.schoollabs.models import Activity, PracticeLog, SchoolLab, Study
    from educluster.schoollabs.services.analysis import study_analyse

    start, end = period(year)
    activities = Activity.objects.filter(cluster=cluster, date__range=(start, end))
    logs = PracticeLog.objects.filter(
        placement__lab__cluster=cluster,
        date__range=(start, end),
        status=PracticeLog.Status.APPROVED,
    )
    hours = logs.aggregate(hours=Sum("hours"), trainees=Count("placement__student", distinct=True))
    studies = []
    for study in Study.objects.filter(cluster=cluster, status=Study.Status.COMPLETED).order_by(
        "pk"
    ):
        report = study_analyse(study)
        primary = report.analysis.interpretation.primary if report.analysis else None
        studies.append(
            {
                "title": study.title,
                "effect_size": primary.effect_size if primary else None,
                "magnitude": (primary.magnitude or "") if primary else "",
                "significant": bool(primary and primary.significant),
            }
        )
    return {
        "labs_by_status": _counts(SchoolLab.objects.filter(cluster=cluster), "status"),
        "activities_by_kind": _counts(activities, "kind"),
        "activities": activities.count(),
        "activities_without_lab": activities.filter(lab__isnull=True).count(),
        "approved_hours": float(hours["hours"] or 0),
        "trainees": hours["trainees"],
        "studies": studies,
    }


def _projects(cluster: Cluster, year: int) -> dict[str, Any]:
    from educluster.materials.models import Adoption, Material
    from educluster.projects.models import Project, TeamMember

    start, end = period(year)
    running = Project.objects.filter(cluster=cluster, start_date__lte=end, end_date__gte=start)
    published = Material.objects.filter(
        cluster=cluster, status=Material.Status.PUBLISHED, published_on__range=(start, end)
    )
    adoptions = Adoption.objects.filter(material__cluster=cluster, adopted_on__range=(start, end))
    lags = [
        (adopted - published_on).days
        for adopted, published_on in adoptions.values_list("adopted_on", "material__published_on")
        if published_on is not None
    ]
    return {
        "by_area": _counts(running, "area"),
        "by_status": _counts(running, "status"),
        "student_researchers": TeamMember.objects.filter(
            project__in=running, role=TeamMember.Role.STUDENT_RESEARCHER
        )
        .values("person")
        .distinct()
        .count(),
        "materials_published": published.count(),
        "materials_by_kind": _counts(published, "kind"),
        "adoptions": len(lags),
        "adopting_institutions": adoptions.values("institution").distinct().count(),
        "median_days_to_adopt": median(lags) if lags else None,
    }


def _workforce(cluster: Cluster, year: int) -> dict[str, Any]:
    from educluster.workforce import plan
    from educluster.workforce.models import Vacancy
    from educluster.workforce.selectors import Area

    start, end = period(year)
    members = cluster.memberships.values("institution_id")
    vacancies = Vacancy.objects.filter(position__institution_id__in=members)
    filled = vacancies.filter(status=Vacancy.Status.FILLED, closed_on__range=(start, end))
    days = [
        (closed - opened).days
        for opened, closed in filled.values_list("opened_on", "closed_on")
        if closed is not None
    ]
    run = plan.plan_run(cluster)
    forecast: dict[str, Any] | None = None
    quota: dict[str, Any] = {}
    if run is not None:
        cells = run.cells.filter(year=run.last_year) if run.last_year else run.cells.none()
        sums = cells.aggregate(demand=Sum("demand"), supply=Sum("supply"), gap=Sum("gap"))
        forecast = {
            "scenario": run.scenario_name,
            "base_year": run.base_year,
            "last_year": run.last_year,
            "published": run.is_published,
            "demand_last": sums["demand"],
            "supply_last": sums["supply"],
            "gap_last": sums["gap"],
            "quota_total": run.cells.aggregate(q=Sum("quota"))["q"],
        }
    quota = plan.quota_plan(
        cluster=cluster, run=run, area=Area(all_districts=True), year=year
    ).totals
    return {
        "vacancies_open": vacancies.filter(status=Vacancy.Status.OPEN).count(),
        "vacancies_opened": vacancies.filter(opened_on__range=(start, end)).count(),
        "vacancies_filled": len(days),
        "median_days_to_fill": median(days) if days else None,
        "forecast": forecast,
        "quota": quota,
    }


def _placements(cluster: Cluster, year: int) -> dict[str, Any]:
    from educluster.placements.models import (
        Assignment,
        GraduateOutcome,
        PlacementRound,
        TargetedContract,
    )

    start, end = period(year)
    rounds = PlacementRound.objects.filter(
        cluster=cluster,
        status=PlacementRound.Status.PUBLISHED,
        published_at__date__range=(start, end),
    )
    by_kind = {}
    for row in (
        Assignment.objects.filter(round__in=rounds)
        .values("round__kind")
        .annotate(
            applicants=Count("pk"),
            placed=Count("pk", filter=Q(host__isnull=False)),
            first_choice=Count("pk", filter=Q(choice_position=1)),
            accepted=Count("pk", filter=Q(response=Assignment.Response.ACCEPTED)),
        )
    ):
        by_kind[row["round__kind"]] = {
            "applicants": row["applicants"],
            "placed": row["placed"],
            "first_choice": row["first_choice"],
            "accepted": row["accepted"],
        }
    outcomes = GraduateOutcome.objects.filter(cluster=cluster, graduation_year=year)
    return {
        "rounds": rounds.count(),
        "by_kind": by_kind,
        "graduates_by_status": _counts(outcomes, "status"),
        "graduates_confirmed": outcomes.filter(
            confirmation=GraduateOutcome.Confirmation.CONFIRMED
        ).count(),
        "contracts_by_status": _counts(TargetedContract.objects.filter(cluster=cluster), "status"),
    }


def _continuity(cluster: Cluster, year: int) -> dict[str, Any]:
    from educluster.pathways.models import Learner, Stage

    learners = Learner.objects.filter(cluster=cluster)
    stages = Stage.objects.filter(learner__cluster=cluster)
    return {
        "learners": learners.count(),
        "stages_by_kind": _counts(stages, "kind"),
        "reached_teaching": stages.filter(kind=Stage.Kind.EMPLOYMENT)
        .values("learner")
        .distinct()
        .count(),
        "automatic_stages": stages.filter(
            Q(source_placement__isnull=False)
            | Q(source_outcome__isnull=False)
            | Q(source_award__isnull=False)
        ).count(),
    }


def _effectiveness(cluster: Cluster, year: int) -> dict[str, Any]:
    """The newest completed index run of the academic year and the cluster-level indicators."""
    from educluster.effectiveness.models import IndexRun, IndexScore, IndicatorValue

    label = f"{year}/{year + 1}"
    run = (
        IndexRun.objects.filter(cluster=cluster, year=label, status=IndexRun.Status.DONE)
        .defer("inputs", "results")
        .order_by("-finished_at", "-pk")
        .first()
    )
    values = (
        IndicatorValue.objects.filter(cluster=cluster, year=label, institution__isnull=True)
        .select_related("definition")
        .order_by("definition__order", "definition__code", "term")
    )
    kinds: dict[str, list[float]] = {}
    if run is not None:
        for kind, index in IndexScore.objects.filter(run=run, index__isnull=False).values_list(
            "kind", "index"
        ):
            kinds.setdefault(kind, []).append(float(index or 0))
    return {
        "run": None
        if run is None
        else {
            "cluster_index": run.cluster_index,
            "engine_version": run.engine_version,
            "finished_at": run.finished_at.isoformat(timespec="minutes")
            if run.finished_at
            else None,
        },
        "by_kind": {kind: {"members": len(xs), "median": median(xs)} for kind, xs in kinds.items()},
        "cluster_values": [
            {
                "code": v.definition.code,
                "name": v.definition.name,
                "unit": v.definition.unit,
                "term": v.term,
                "value": float(v.value) if v.value is not None else None,
                "target": float(v.definition.target),
            }
            for v in values
        ],
    }


#: The sections in document order, with the step shown while each is gathered.
SECTIONS: list[tuple[str, Callable[[Cluster, int], dict[str, Any]]]] = [
    ("members", _members),
    ("agreements", _agreements),
    ("schoollabs", _schoollabs),
    ("projects", _projects),
    ("workforce", _workforce),
    ("placements", _placements),
    ("continuity", _continuity),
    ("effectiveness", _effectiveness),
]


def cluster_header(cluster: Cluster, year: int) -> dict[str, Any]:
    start, end = period(year)
    return {
        "version": SNAPSHOT_VERSION,
        "cluster": {"name": cluster.name, "slug": cluster.slug, "goal": cluster.common_goal},
        "year": year,
        "period": [start.isoformat(), end.isoformat()],
        "made_at": timezone.now().isoformat(timespec="seconds"),
    }
