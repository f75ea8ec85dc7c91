"""Sections of the goal view contributed by the domain apps.

The goal view shows, for one cluster goal, everything that serves it. Each domain app adds its
part without the goal view knowing the app: in its ``AppConfig.ready()`` it calls ::

    from educluster.projects.goal_sections import register_goal_section

    register_goal_section(
        "obligations", _("Agreement obligations"), 20,
        render=lambda goal, user: ("agreements/_goal_obligations.html", {"obligations": ...}),
        count=lambda cluster, user: {goal_id: n, ...},   # optional, for the goals overview
    )

``render(goal, user)`` returns a template name and its context, or None to leave the section
out for this user; it must query only what ``user`` may see and run a fixed number of queries.
``count(cluster, user)`` returns how many items serve each goal of the cluster, in one query.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.safestring import SafeString

from educluster.registry.models import Cluster, Goal

RenderFn = Callable[[Goal, Any], tuple[str, dict[str, Any]] | None]
CountFn = Callable[[Cluster, Any], dict[int, int]]


@dataclass(frozen=True)
class GoalSection:
    key: str
    title: Promise | str
    order: int
    render: RenderFn
    count: CountFn | None = None


@dataclass(frozen=True)
class RenderedSection:
    key: str
    title: str
    html: SafeString


_SECTIONS: dict[str, GoalSection] = {}


def register_goal_section(
    key: str,
    title: Promise | str,
    order: int,
    render: RenderFn,
    count: CountFn | None = None,
) -> None:
    """Add (or replace) the section ``key`` of the goal view."""
    _SECTIONS[key] = GoalSection(key, title, order, render, count)


def goal_sections() -> list[GoalSection]:
    return sorted(_SECTIONS.values(), key=lambda s: s.order)


def render_goal_sections(request: HttpRequest, goal: Goal) -> list[RenderedSection]:
    """Every section the user may see for ``goal``, rendered, in order."""
    rendered = []
    for section in goal_sections():
        result = section.render(goal, request.user)
        if result is None:
            continue
        template, context = result
        context = {"goal": goal, "cluster": goal.cluster, **context}
        html = render_to_string(template, context, request=request)
        rendered.append(RenderedSection(section.key, str(section.title), SafeString(html)))
    return rendered


def goal_counts(cluster: Cluster, user: Any) -> list[tuple[str, str, dict[int, int]]]:
    """(key, title, counts per goal id) of the sections that can count."""
    return [
        (s.key, str(s.title), s.count(cluster, user))
        for s in goal_sections()
        if s.count is not None
    ]
