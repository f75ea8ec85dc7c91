"""Home page section of agreements for coordinators: the cluster's overdue obligations.

The parties' own obligations and the reports to confirm are the section registered in
``apps.py`` (``selectors.waiting_for``); this one is the coordinator's overview of what is
late anywhere in the clusters they coordinate. Two queries: the first rows and the count.
"""

from typing import Any

from django.utils import timezone

from educluster.accounts.scoping import scope_for
from educluster.agreements.models import Agreement, Occurrence

LIMIT = 10


def overdue_section(user: Any) -> tuple[str, dict] | None:
    clusters = scope_for(user).coordinated_cluster_ids
    if not clusters:
        return None
    overdue = Occurrence.objects.overdue(timezone.localdate()).filter(
        obligation__agreement__cluster_id__in=clusters,
        obligation__agreement__status=Agreement.Status.ACTIVE,
    )
    rows = list(
        overdue.select_related(
            "obligation__agreement__cluster", "obligation__party__institution"
        ).order_by("due_date", "pk")[:LIMIT]
    )
    if not rows:
        return None
    total = overdue.count()
    return ("agreements/_home_overdue.html", {"rows": rows, "total": total})
