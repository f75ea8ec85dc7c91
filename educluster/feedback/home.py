"""Home section: the graduates a school head still has to give feedback on (two queries)."""

from typing import Any

from educluster.accounts.scoping import scope_for
from educluster.feedback.selectors import waiting_outcomes

LIMIT = 10


def waiting_section(user: Any) -> tuple[str, dict] | None:
    if not scope_for(user).headed_institution_ids:
        return None
    items = list(waiting_outcomes(user)[:LIMIT])
    if not items:
        return None
    return "feedback/_home_waiting.html", {"items": items}
