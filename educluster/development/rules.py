"""Who may do what with professional development (reading is scoped in ``selectors``).

* ``development.view`` (a cluster) — everyone with a role in the cluster: the event list.
* ``development.create_event`` (a cluster) — coordinators, and member heads and faculty of a
  member institution of the cluster (they organise for their institution).
* ``development.organise`` (an event) — the cluster's coordinators, and member heads and faculty
  of the organising institution: attendance, the check-in code, closing.
* ``development.register`` (an event) — a signed-in teacher, mentor or faculty member who sees
  the cluster and has a person record, while the attendance is open.
* ``development.view_staff`` (a cluster) — member heads of a member institution (their staff).
"""

import rules

from educluster.accounts.models import Person, Role
from educluster.accounts.scoping import scope_for
from educluster.development.models import DevelopmentEvent
from educluster.registry.models import Cluster

ORGANISER_ROLES = frozenset({Role.MEMBER_HEAD, Role.FACULTY})
REGISTRANT_KINDS = frozenset({Person.Kind.TEACHER, Person.Kind.FACULTY})


@rules.predicate
def sees_cluster(user, cluster: Cluster | None) -> bool:
    return cluster is not None and scope_for(user).sees_cluster(cluster.pk)


@rules.predicate
def organises_in_cluster(user, cluster: Cluster | None) -> bool:
    if cluster is None:
        return False
    scope = scope_for(user)
    if scope.coordinates(cluster.pk):
        return True
    return cluster.pk in scope.member_cluster_ids and any(
        roles & ORGANISER_ROLES for roles in scope.institution_roles.values()
    )


@rules.predicate
def organises_event(user, event: DevelopmentEvent | None) -> bool:
    if event is None:
        return False
    scope = scope_for(user)
    if scope.coordinates(event.cluster_id):
        return True
    return bool(scope.institution_roles.get(event.organiser_id, frozenset()) & ORGANISER_ROLES)


def may_register(user) -> bool:
    """Teachers, mentors and faculty with a person record."""
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if person is None:
        return False
    if person.kind in REGISTRANT_KINDS:
        return True
    return any(Role.MENTOR in roles for roles in scope_for(user).institution_roles.values())


@rules.predicate
def registers_for(user, event: DevelopmentEvent | None) -> bool:
    return (
        event is not None
        and not event.is_closed
        and scope_for(user).sees_cluster(event.cluster_id)
        and may_register(user)
    )


@rules.predicate
def heads_member(user, cluster: Cluster | None) -> bool:
    if cluster is None:
        return False
    scope = scope_for(user)
    return cluster.pk in scope.member_cluster_ids and bool(scope.headed_institution_ids)


rules.add_perm("development.view", sees_cluster)
rules.add_perm("development.create_event", organises_in_cluster)
rules.add_perm("development.organise", organises_event)
rules.add_perm("development.register", registers_for)
rules.add_perm("development.view_staff", heads_member)
