"""Who may do what: every permission of the platform, as `rules` predicates.

Views ask ``user.has_perm("<app>.<action>", obj)``; reading is governed by
:mod:`educluster.accounts.scoping` (what is not visible is not found).
"""

import rules

from educluster.accounts.models import Person, Role
from educluster.accounts.scoping import scope_for
from educluster.registry.models import Cluster, Institution, Membership


@rules.predicate
def is_platform_admin(user) -> bool:
    return scope_for(user).is_admin


@rules.predicate
def coordinates_cluster(user, cluster: Cluster | None) -> bool:
    return cluster is not None and scope_for(user).coordinates(cluster.pk)


@rules.predicate
def sees_cluster_people(user, cluster: Cluster | None) -> bool:
    """Coordinators, and heads of member institutions (for their own staff)."""
    if cluster is None:
        return False
    scope = scope_for(user)
    if scope.coordinates(cluster.pk):
        return True
    return cluster.pk in scope.member_cluster_ids and bool(scope.headed_institution_ids)


def _coordinated_member(user, institution_id: int) -> bool:
    scope = scope_for(user)
    if not scope.coordinated_cluster_ids:
        return False
    return Membership.objects.filter(
        institution_id=institution_id, cluster_id__in=scope.coordinated_cluster_ids
    ).exists()


@rules.predicate
def manages_institution(user, institution: Institution | None) -> bool:
    if institution is None:
        return False
    scope = scope_for(user)
    if scope.is_admin or scope.heads(institution.pk):
        return True
    return _coordinated_member(user, institution.pk)


@rules.predicate
def manages_person(user, person: Person | None) -> bool:
    if person is None:
        return False
    scope = scope_for(user)
    if scope.is_admin or scope.heads(person.institution_id):
        return True
    return _coordinated_member(user, person.institution_id)


@rules.predicate
def manages_people_anywhere(user) -> bool:
    scope = scope_for(user)
    return scope.is_admin or bool(scope.coordinated_cluster_ids or scope.headed_institution_ids)


rules.add_perm("registry.create_cluster", is_platform_admin)
rules.add_perm("registry.manage_cluster", coordinates_cluster)
rules.add_perm("registry.view_cluster_people", sees_cluster_people)
rules.add_perm("registry.import_institutions", coordinates_cluster)
rules.add_perm("registry.change_institution", manages_institution)
rules.add_perm("accounts.import_people", sees_cluster_people)
rules.add_perm("accounts.change_person", manages_person)
rules.add_perm("accounts.manage_people", manages_people_anywhere)


def grantable_roles(user, person: Person) -> list[str]:
    """The roles ``user`` may grant to ``person``'s account.

    Administrators grant anything; a coordinator grants every role but administrator within
    their cluster; a member head grants faculty, student and mentor roles at their institution.
    """
    scope = scope_for(user)
    if scope.is_admin:
        return [r.value for r in Role]
    if _coordinated_member(user, person.institution_id):
        return [r.value for r in Role if r != Role.ADMINISTRATOR]
    if scope.heads(person.institution_id):
        return [Role.FACULTY.value, Role.STUDENT.value, Role.MENTOR.value]
    return []
