"""Home page section: the open and overdue council decisions the user answers for (the
coordinator: the clusters they coordinate; a member head: their institution's). Two queries."""

from typing import Any

from django.utils import timezone

from educluster.council.selectors import open_decisions_for

LIMIT = 10


def decisions_section(user: Any) -> tuple[str, dict] | None:
    if not getattr(user, "is_authenticated", False):
        return None
    today = timezone.localdate()
    pending = open_decisions_for(user, today)
    rows = list(pending[:LIMIT])
    if not rows:
        return None
    return (
        "council/_home.html",
        {"rows": [(d, d.status_on(today)) for d in rows], "total": pending.count()},
    )
