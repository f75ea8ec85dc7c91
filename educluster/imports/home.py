"""Home page section of imports: the user's checked files waiting for confirmation."""

from typing import Any

from educluster.accounts.scoping import scope_for
from educluster.imports.models import ImportJob

LIMIT = 10


def waiting_section(user: Any) -> tuple[str, dict] | None:
    """An import belongs to whoever uploaded it, so only their own jobs are listed."""
    uid = scope_for(user).user_id
    if uid is None:
        return None
    jobs = list(
        ImportJob.objects.filter(created_by_id=uid, status=ImportJob.Status.VALID)
        .select_related("cluster")
        .order_by("created_at")[:LIMIT]
    )
    if not jobs:
        return None
    return ("imports/_home_waiting.html", {"jobs": jobs})
