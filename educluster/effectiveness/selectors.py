"""What the effectiveness pages read: runs, scores and values, scoped to the user, each a
constant number of queries whatever the number of members."""

from dataclasses import dataclass
from statistics import median
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from educluster.accounts.scoping import scope_for
from educluster.effectiveness.models import (
    IndexRun,
    IndexScore,
    IndicatorDefinition,
    IndicatorValue,
)
from educluster.registry.models import Cluster, Institution, Membership


def runs_of(cluster: Cluster) -> QuerySet[IndexRun]:
    return IndexRun.objects.filter(cluster=cluster).defer("inputs", "results")


def run_of(cluster: Cluster, pk: int, *, full: bool = False) -> IndexRun:
    qs = IndexRun.objects.filter(cluster=cluster)
    if not full:
        qs = qs.defer("inputs", "results")
    try:
        return qs.select_related("created_by").get(pk=pk)
    except IndexRun.DoesNotExist:
        raise Http404 from None


def latest_run(cluster: Cluster, run_id: str | None = None) -> IndexRun | None:
    """The run the page shows: the one asked for, or the latest completed one."""
    qs = runs_of(cluster).filter(status=IndexRun.Status.DONE)
    if run_id and run_id.isdigit():
        return qs.filter(pk=int(run_id)).first()
    return qs.order_by("-year", "-finished_at", "-pk").first()


def visible_member_ids(user: object, cluster: Cluster) -> frozenset[int] | None:
    """Members whose detail the user may see: None means all of them (ranking readers)."""
    if user.has_perm("effectiveness.view_ranking", cluster):  # type: ignore[attr-defined]
        return None
    return scope_for(user).institution_ids


def member_for_user(user: object, cluster: Cluster, pk: int) -> Institution:
    """A member of the cluster whose detail the user may see; otherwise 404."""
    visible = visible_member_ids(user, cluster)
    if visible is not None and pk not in visible:
        raise Http404
    try:
        return Institution.objects.get(pk=pk, memberships__cluster=cluster)
    except Institution.DoesNotExist:
        raise Http404 from None


@dataclass
class Row:
    definition: IndicatorDefinition
    value: Any
    detail: dict
    computed_at: Any
    median: float | None = None
    evidence_id: int | None = None  # the value's pk when an evidence file is attached

    @property
    def meets_target(self) -> bool | None:
        if self.value is None:
            return None
        if self.definition.direction == IndicatorDefinition.Direction.HIGHER:
            return self.value >= self.definition.target
        return self.value <= self.definition.target


def _evidence_id(value: IndicatorValue | None) -> int | None:
    return value.pk if value is not None and value.evidence else None


def evidence_for_user(user: object, cluster: Cluster, pk: int) -> IndicatorValue:
    """A value's evidence file, for those who may see the value (a member's: its detail
    readers; the cluster's: everyone who sees the cluster's effectiveness); otherwise 404."""
    try:
        value = IndicatorValue.objects.get(pk=pk, cluster=cluster)
    except IndicatorValue.DoesNotExist:
        raise Http404 from None
    visible = visible_member_ids(user, cluster)
    if not value.evidence or (
        value.institution_id is not None
        and visible is not None
        and value.institution_id not in visible
    ):
        raise Http404
    return value


def goal_progress(cluster: Cluster) -> list[dict[str, Any]]:
    """The cluster's strategic goals with their indicators and the mean progress of those that
    have a current value (``Indicator.progress_percent``). Two queries."""
    out = []
    for goal in cluster.goals.prefetch_related("indicators"):
        indicators = list(goal.indicators.all())
        known = [i.progress_percent for i in indicators if i.progress_percent is not None]
        out.append(
            {
                "goal": goal,
                "indicators": indicators,
                "progress": round(sum(known) / len(known)) if known else None,
            }
        )
    return out


def definitions() -> list[IndicatorDefinition]:
    return list(IndicatorDefinition.objects.filter(is_active=True))


def cluster_rows(cluster: Cluster, year: str, term: str) -> list[Row]:
    """The cluster-level indicators of the period with their values. Two queries."""
    defs = [d for d in definitions() if d.level == IndicatorDefinition.Level.CLUSTER]
    values = {
        v.definition_id: v
        for v in IndicatorValue.objects.filter(
            cluster=cluster, institution__isnull=True, year=year, term=term
        )
    }
    return [
        Row(
            d,
            getattr(values.get(d.pk), "value", None),
            getattr(values.get(d.pk), "detail", {}),
            getattr(values.get(d.pk), "computed_at", None),
            evidence_id=_evidence_id(values.get(d.pk)),
        )
        for d in defs
    ]


def member_rows(cluster: Cluster, member: Institution, year: str, term: str) -> list[Row]:
    """The member's indicators of the period, each with the median of the members of its kind.
    Three queries."""
    defs = [d for d in definitions() if d.applies_to(member.kind)]
    same_kind = Membership.objects.filter(cluster=cluster, institution__kind=member.kind).values(
        "institution_id"
    )
    own: dict[int, IndicatorValue] = {}
    peers: dict[int, list[float]] = {}
    for v in IndicatorValue.objects.filter(
        cluster=cluster, year=year, term=term, institution_id__in=same_kind
    ).only("definition_id", "institution_id", "value", "detail", "computed_at", "evidence"):
        if v.institution_id == member.pk:
            own[v.definition_id] = v
        if v.value is not None:
            peers.setdefault(v.definition_id, []).append(float(v.value))
    return [
        Row(
            d,
            getattr(own.get(d.pk), "value", None),
            getattr(own.get(d.pk), "detail", {}),
            getattr(own.get(d.pk), "computed_at", None),
            median(peers[d.pk]) if peers.get(d.pk) else None,
            evidence_id=_evidence_id(own.get(d.pk)),
        )
        for d in defs
    ]


def ranking(run: IndexRun, visible: frozenset[int] | None) -> QuerySet[IndexScore]:
    """Members ranked within their kind (all of them, or only the visible ones). One query."""
    qs = IndexScore.objects.filter(run=run).select_related("institution")
    if visible is not None:
        qs = qs.filter(institution_id__in=visible)
    return qs.order_by("kind", "rank_in_kind", "institution__name")


def member_trend(cluster: Cluster, member: Institution) -> list[tuple[str, float | None]]:
    """(year, index) of the member in the latest completed whole-year run of each year. One
    query."""
    seen: dict[str, float | None] = {}
    for year, index in (
        IndexScore.objects.filter(
            run__cluster=cluster,
            run__status=IndexRun.Status.DONE,
            run__term="",
            institution=member,
        )
        .order_by("run__year", "-run__finished_at", "-run_id")
        .values_list("run__year", "index")
    ):
        seen.setdefault(year, index)
    return sorted(seen.items())


def cluster_trend(cluster: Cluster) -> list[tuple[str, float | None]]:
    seen: dict[str, float | None] = {}
    for year, index in (
        runs_of(cluster)
        .filter(status=IndexRun.Status.DONE, term="")
        .order_by("year", "-finished_at", "-pk")
        .values_list("year", "cluster_index")
    ):
        seen.setdefault(year, index)
    return sorted(seen.items())


def manual_values(cluster: Cluster) -> QuerySet[IndicatorValue]:
    return (
        IndicatorValue.objects.filter(cluster=cluster, definition__source="manual")
        .select_related("definition", "institution", "entered_by")
        .order_by("-year", "definition__order", "institution__name")
    )


@dataclass(frozen=True)
class ScorecardRow:
    area: str
    label: str
    scores: list[Any]  # SelfAssessment or None, one per year of the grid
    change: int | None  # newest year's score − the year before's


def self_assessment_grid(cluster: Cluster, years: int = 4) -> tuple[list[str], list[ScorecardRow]]:
    """The newest ``years`` academic years with a score, and per area its scores year by year
    (newest first) with the change from the year before. One query."""
    from educluster.effectiveness.models import SelfAssessment

    rows = list(cluster.self_assessments.select_related("scored_by"))
    shown = sorted({r.year for r in rows}, reverse=True)[:years]
    by_key = {(r.area, r.year): r for r in rows}
    grid = []
    for area, label in SelfAssessment.Area.choices:
        scores = [by_key.get((area, y)) for y in shown]
        change = None
        if len(scores) >= 2 and scores[0] is not None and scores[1] is not None:
            change = scores[0].score - scores[1].score
        grid.append(ScorecardRow(area=area, label=str(label), scores=scores, change=change))
    return shown, grid
