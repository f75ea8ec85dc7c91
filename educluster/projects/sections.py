"""The projects' section of the goal view (see :mod:`educluster.projects.goal_sections`)."""

from typing import Any

from educluster.projects import selectors
from educluster.registry.models import Cluster, Goal


def goal_projects_section(goal: Goal, user: Any) -> tuple[str, dict[str, Any]]:
    # Projects are read by every member of the cluster, so the goal's whole list is shown.
    return "projects/_goal_projects.html", {"projects": selectors.goal_projects(goal)}


def goal_projects_count(cluster: Cluster, user: Any) -> dict[int, int]:
    return selectors.goal_project_counts(cluster)
