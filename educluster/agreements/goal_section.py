"""The agreements' part of the goal view: obligations of the agreements that serve a goal."""

from typing import Any

from django.db.models import Count, Prefetch

from educluster.agreements.models import Obligation, Occurrence
from educluster.agreements.selectors import agreements_for


def render(goal: Any, user: Any) -> tuple[str, dict[str, Any]] | None:
    obligations = (
        Obligation.objects.filter(agreement__goals=goal, agreement__in=agreements_for(user))
        .select_related("agreement", "party__institution", "counterpart__institution")
        .prefetch_related(Prefetch("occurrences", queryset=Occurrence.objects.order_by("due_date")))
        .order_by("agreement__number", "id")
    )
    rows = []
    for obligation in obligations:
        occurrences = list(obligation.occurrences.all())
        confirmed = sum(1 for o in occurrences if o.state == Occurrence.State.CONFIRMED)
        overdue = sum(1 for o in occurrences if o.is_overdue)
        rows.append(
            {
                "obligation": obligation,
                "total": len(occurrences),
                "confirmed": confirmed,
                "overdue": overdue,
            }
        )
    return "agreements/_goal_obligations.html", {"rows": rows}


def count(cluster: Any, user: Any) -> dict[int, int]:
    return dict(
        Obligation.objects.filter(agreement__cluster=cluster, agreement__in=agreements_for(user))
        .exclude(agreement__goals=None)
        .values("agreement__goals")
        .annotate(n=Count("id", distinct=True))
        .values_list("agreement__goals", "n")
    )
