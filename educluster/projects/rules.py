"""Who may do what with projects. Reading is scoping (``selectors.projects_for``)."""

import rules

from educluster.accounts.models import Role
from educluster.accounts.scoping import scope_for
from educluster.registry.models import Cluster, Membership


def _has_role_at_member(user, cluster: Cluster, roles: set[str]) -> bool:
    """Whether the user holds one of ``roles`` at an active member institution of ``cluster``."""
    scope = scope_for(user)
    ids = [i for i, held in scope.institution_roles.items() if held & roles]
    if not ids or cluster.pk not in scope.member_cluster_ids:
        return False
    return Membership.objects.active().filter(cluster=cluster, institution_id__in=ids).exists()


@rules.predicate
def coordinates_cluster(user, cluster: Cluster | None) -> bool:
    return cluster is not None and scope_for(user).coordinates(cluster.pk)


@rules.predicate
def may_propose_project(user, cluster: Cluster | None) -> bool:
    """Coordinators and faculty members of the cluster's member institutions."""
    if cluster is None:
        return False
    if scope_for(user).coordinates(cluster.pk):
        return True
    return _has_role_at_member(user, cluster, {Role.FACULTY})


@rules.predicate
def manages_project(user, project) -> bool:
    """The cluster's coordinators, the project's leader and whoever proposed it."""
    if project is None:
        return False
    scope = scope_for(user)
    if scope.coordinates(project.cluster_id):
        return True
    if scope.user_id is None:
        return False
    return project.created_by_id == scope.user_id or project.leader.user_id == scope.user_id


@rules.predicate
def approves_project(user, project) -> bool:
    return project is not None and scope_for(user).coordinates(project.cluster_id)


@rules.predicate
def sees_student_research(user, cluster: Cluster | None) -> bool:
    """Each student's involvement is personal data: coordinators, and the heads and faculty of
    the lead institution, see every student's; others see the shares only."""
    if cluster is None:
        return False
    scope = scope_for(user)
    if scope.coordinates(cluster.pk):
        return True
    held = scope.institution_roles.get(cluster.lead_institution_id, frozenset())
    return bool(held & {Role.MEMBER_HEAD, Role.FACULTY})


rules.add_perm("projects.propose_project", may_propose_project)
rules.add_perm("projects.change_project", manages_project)
rules.add_perm("projects.approve_project", approves_project)
rules.add_perm("projects.view_student_research", sees_student_research)
rules.add_perm("projects.manage_indicators", coordinates_cluster)
