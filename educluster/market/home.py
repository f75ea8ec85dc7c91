"""The market's home page section for member heads."""

from typing import Any

from educluster.market.selectors import waiting_for_head


def section(user: Any) -> tuple[str, dict] | None:
    waiting = waiting_for_head(user)
    if not waiting["incoming"] and not waiting["to_confirm"]:
        return None
    return "market/_home.html", waiting
