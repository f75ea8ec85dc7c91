"""Home section: the open surveys of the user's clusters they have not answered yet."""

from typing import Any

from educluster.accounts.scoping import clusters_for
from educluster.surveys.models import Survey
from educluster.surveys.selectors import answered_ids


def open_surveys_section(user: Any) -> tuple[str, dict] | None:
    if not getattr(user, "is_authenticated", False):
        return None
    surveys = list(
        Survey.objects.filter(
            status=Survey.Status.OPEN, cluster__in=clusters_for(user)
        ).select_related("cluster")[:20]
    )
    done = answered_ids(user, surveys)
    rows = [s for s in surveys if s.pk not in done]
    if not rows:
        return None
    return "surveys/_home.html", {"surveys": rows}
