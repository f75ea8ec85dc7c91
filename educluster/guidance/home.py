"""Home page section for coordinators and member heads: the cluster's upcoming guidance events
(where their schools can bring pupils). One query; nothing to show, no section."""

from typing import Any

from django.utils import timezone

from educluster.guidance import selectors


def section(user: Any) -> tuple[str, dict] | None:
    upcoming = selectors.upcoming_for(user, timezone.localdate())
    if not upcoming:
        return None
    return "guidance/_home.html", {"upcoming": upcoming}
