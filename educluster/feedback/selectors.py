"""Reading employers' feedback: the graduates waiting for it and the department's summary.
Each function runs a fixed number of queries."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, Exists, OuterRef, QuerySet

from educluster.accounts.scoping import scope_for
from educluster.feedback.models import COMPETENCES, CompetenceRating, GraduateFeedback
from educluster.feedback.rules import giver_institution_ids
from educluster.placements.models import GraduateOutcome
from educluster.registry.models import Cluster


def waiting_outcomes(user: Any, cluster: Cluster | None = None) -> QuerySet[GraduateOutcome]:
    """Graduates employed at the user's institutions whose employer has not rated them yet."""
    ids = giver_institution_ids(user)
    given = GraduateFeedback.objects.filter(
        outcome=OuterRef("pk"), employer_id=OuterRef("institution_id")
    )
    qs = (
        GraduateOutcome.objects.filter(
            institution_id__in=ids, status=GraduateOutcome.Status.TEACHING_CLUSTER
        )
        .exclude(confirmation=GraduateOutcome.Confirmation.DISPUTED)
        .exclude(Exists(given))
        .select_related("person", "institution", "cluster")
    )
    if cluster is not None:
        qs = qs.filter(cluster=cluster)
    return qs


def given_feedback(user: Any, cluster: Cluster) -> QuerySet[GraduateFeedback]:
    """The feedback of ``cluster`` whose record the user may open: all of it for a
    coordinator, otherwise what the user's own institutions gave (as ``feedback.view_record``)."""
    qs = GraduateFeedback.objects.filter(cluster=cluster).select_related(
        "outcome__person", "employer", "cluster"
    )
    if scope_for(user).coordinates(cluster.pk):
        return qs
    return qs.filter(employer_id__in=giver_institution_ids(user))


@dataclass
class SummaryRow:
    programme: str
    cohort_year: int
    n: int = 0
    means: dict[str, float | None] = field(default_factory=dict)
    weakest: str | None = None

    def cells(self) -> list[float | None]:
        return [self.means.get(code) for code, _name in COMPETENCES]

    def columns(self) -> list[tuple[float | None, bool]]:
        """Each competence's mean in the fixed order, and whether it is the weakest."""
        return [(self.means.get(code), code == self.weakest) for code, _name in COMPETENCES]

    @property
    def weakest_name(self) -> str:
        return str(dict(COMPETENCES)[self.weakest]) if self.weakest else ""


def summary(cluster: Cluster) -> list[SummaryRow]:
    """Mean rating per competence for each programme × graduation year, and the weakest."""
    rows: dict[tuple[str, int], SummaryRow] = {}
    aggregated = (
        CompetenceRating.objects.filter(feedback__cluster=cluster)
        .values("feedback__programme", "feedback__cohort_year", "competence__code")
        .annotate(mean=Avg("rating"), n=Count("feedback", distinct=True))
        .order_by("feedback__programme", "-feedback__cohort_year")
    )
    for item in aggregated:
        key = (item["feedback__programme"], item["feedback__cohort_year"])
        row = rows.setdefault(key, SummaryRow(programme=key[0], cohort_year=key[1]))
        row.means[item["competence__code"]] = round(float(item["mean"]), 2)
        row.n = max(row.n, item["n"])
    for row in rows.values():
        rated = [(m, code) for code, m in row.means.items() if m is not None]
        if rated:
            row.weakest = min(rated)[1]
    return sorted(rows.values(), key=lambda r: (r.programme, -r.cohort_year))
