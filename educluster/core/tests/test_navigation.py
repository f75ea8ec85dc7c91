"""Cluster tabs grouped by domain, the same on every page; the current group expanded."""

import re

import pytest
from django.urls import reverse

from educluster.core.navigation import GROUPS, ClusterTab, register_cluster_tab, tab_groups


def _groups(html: str) -> list[str]:
    return re.findall(r'class="tab-group[^"]*" data-group="(\w+)"', html)


def _current_group(html: str) -> str | None:
    found = re.search(r'class="tab-group current" data-group="(\w+)"', html)
    return found.group(1) if found else None


def test_it_puts_every_tab_in_a_known_group(cast, cluster):
    groups = tab_groups(cast["coordinator"], cluster)
    keys = [g.key for g in groups]
    assert keys == [k for k in GROUPS if k in keys]  # in the domain order
    assert {"registry", "agreements", "schoollabs", "projects", "workforce", "placements"} <= set(
        keys
    )
    tabs = {key for g in groups for key, _label, _url in g.tabs}
    assert {"overview", "agreements", "labs", "projects", "workforce", "placements"} <= tabs


def test_it_refuses_a_tab_in_an_unknown_group():
    with pytest.raises(ValueError):
        register_cluster_tab(ClusterTab("x", "X", "home", 1, lambda u, c: True, group="nope"))


def test_it_leaves_out_groups_without_a_visible_tab(cast, cluster):
    coordinator = {g.key for g in tab_groups(cast["coordinator"], cluster)}
    student = {g.key for g in tab_groups(cast["student"], cluster)}
    assert "workforce" in coordinator
    assert student <= coordinator
    for group in tab_groups(cast["student"], cluster):
        assert group.tabs


@pytest.mark.parametrize(
    ("url_name", "group"),
    [
        ("registry:cluster", "registry"),
        ("agreements:list", "agreements"),
        ("schoollabs:practice", "schoollabs"),
        ("materials:list", "projects"),
        ("placements:rounds", "placements"),
        ("pathways:overview", "placements"),
    ],
)
def test_it_shows_the_same_groups_on_every_page_and_expands_the_current_one(
    client_as, cluster, url_name, group
):
    client = client_as("coordinator")
    home = client.get(reverse("registry:cluster", args=[cluster.slug])).content.decode()
    html = client.get(reverse(url_name, args=[cluster.slug])).content.decode()
    assert _groups(html) == _groups(home)
    assert _current_group(html) == group
    assert html.count('class="tab-list"') == 1
    # The phone toggle is a checkbox and a label: no script is needed to open the menu.
    assert 'id="nav-toggle"' in html and 'for="nav-toggle"' in html
