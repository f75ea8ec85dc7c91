"""Cluster tabs contributed by the domain apps, grouped by domain, and the home page sections.

Each app registers its tabs in ``AppConfig.ready()``; ``base.html`` shows the ones the user may
open, so adding a domain never means editing the shared layout. Tabs belong to one of the
domain groups below; the layout shows every group that has a tab the user may open, and the
tabs of the group the current page belongs to.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The domains of a cluster, in the order the navigation shows them.
GROUPS: dict[str, Promise] = {
    "registry": _("Registry"),
    "agreements": _("Agreements"),
    "schoollabs": _("School-Labs"),
    "projects": _("Projects & materials"),
    "workforce": _("Workforce"),
    "placements": _("Placements & pathways"),
    "profession": _("Teaching profession"),
    "community": _("Cluster life"),
    "effectiveness": _("Effectiveness"),
}


@dataclass(frozen=True)
class ClusterTab:
    key: str  # matches the ``tab`` a view puts in its context
    label: Promise | str
    url_name: str  # takes the cluster slug as its only argument
    order: int
    visible: Callable[[Any, Any], bool]  # (user, cluster) -> bool
    group: str = "registry"  # a key of GROUPS


@dataclass
class TabGroup:
    key: str
    label: str
    url: str  # the group's first tab
    current: bool = False
    tabs: list[tuple[str, str, str]] = field(default_factory=list)  # (key, label, url)


_TABS: dict[str, ClusterTab] = {}


def register_cluster_tab(tab: ClusterTab) -> None:
    if tab.group not in GROUPS:
        raise ValueError(f"Unknown tab group {tab.group!r} for tab {tab.key!r}")
    _TABS[tab.key] = tab


def _visible_tabs(user: Any, cluster: Any) -> list[ClusterTab]:
    return [
        tab for tab in sorted(_TABS.values(), key=lambda t: t.order) if tab.visible(user, cluster)
    ]


def cluster_tabs(user: Any, cluster: Any) -> list[tuple[str, str, str]]:
    """(key, label, url) of the tabs ``user`` may open in ``cluster``, in order."""
    return [
        (tab.key, str(tab.label), reverse(tab.url_name, args=[cluster.slug]))
        for tab in _visible_tabs(user, cluster)
    ]


def tab_groups(user: Any, cluster: Any, current_tab: str | None = None) -> list[TabGroup]:
    """The domain groups with a tab ``user`` may open, in order; an empty group is left out.

    The group holding ``current_tab`` is marked current (the layout expands it).
    """
    by_group: dict[str, TabGroup] = {}
    for tab in _visible_tabs(user, cluster):
        url = reverse(tab.url_name, args=[cluster.slug])
        group = by_group.get(tab.group)
        if group is None:
            group = by_group[tab.group] = TabGroup(tab.group, str(GROUPS[tab.group]), url)
        group.tabs.append((tab.key, str(tab.label), url))
        if tab.key == current_tab:
            group.current = True
    return [by_group[key] for key in GROUPS if key in by_group]


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
