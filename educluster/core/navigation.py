"""Cluster tabs contributed by the domain apps.

Each app registers its tabs in ``AppConfig.ready()``; ``base.html`` shows the ones the user may
open, so adding a domain never means editing the shared layout.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class ClusterTab:
    key: str  # matches the ``tab`` a view puts in its context
    label: Promise | str
    url_name: str  # takes the cluster slug as its only argument
    order: int
    visible: Callable[[Any, Any], bool]  # (user, cluster) -> bool


_TABS: dict[str, ClusterTab] = {}


def register_cluster_tab(tab: ClusterTab) -> None:
    _TABS[tab.key] = tab


def cluster_tabs(user: Any, cluster: Any) -> list[tuple[str, str, str]]:
    """(key, label, url) of the tabs ``user`` may open in ``cluster``, in order."""
    return [
        (tab.key, str(tab.label), reverse(tab.url_name, args=[cluster.slug]))
        for tab in sorted(_TABS.values(), key=lambda t: t.order)
        if tab.visible(user, cluster)
    ]


# --- Home page sections --------------------------------------------------------------------

_HOME: dict[str, tuple[int, Callable[[Any], tuple[str, dict] | None]]] = {}


def register_home_section(
    key: str, order: int, section: Callable[[Any], tuple[str, dict] | None]
) -> None:
    """``section(user)`` returns (template, context) to show on the home page, or None."""
    _HOME[key] = (order, section)


def home_sections(user: Any) -> list[tuple[str, dict]]:
    shown = []
    for _order, section in sorted(_HOME.values(), key=lambda item: item[0]):
        result = section(user)
        if result is not None:
            shown.append(result)
    return shown
