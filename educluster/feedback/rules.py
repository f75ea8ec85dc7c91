"""Who may do what with employers' feedback.

* ``feedback.give`` (a graduate employment record) — the member head or a faculty member of
  the institution where the record says the graduate works.
* ``feedback.view_summary`` (a cluster) — the department: coordinators, administrators, and
  heads and faculty of a university or department that is an active member of the cluster.
* ``feedback.change`` (a feedback) — head or faculty of the employer that gave it.
* ``feedback.view_record`` (a feedback: its History) — the employer that gave it and the
  cluster's coordinators; the department reads only the summary, not single graduates.
* ``feedback.view`` (a cluster) — either of the two: employers who can give feedback here,
  and the department.
"""

import rules

from educluster.accounts.models import Role
from educluster.accounts.rules import coordinates_cluster
from educluster.accounts.scoping import scope_for
from educluster.registry.models import Cluster, Institution, Membership

GIVER_ROLES = frozenset({Role.MEMBER_HEAD, Role.FACULTY})
DEPARTMENT_KINDS = (Institution.Kind.UNIVERSITY, Institution.Kind.DEPARTMENT)


def giver_institution_ids(user) -> frozenset[int]:
    """Institutions where the user is head or faculty (from the cached scope, no query)."""
    scope = scope_for(user)
    return frozenset(i for i, roles in scope.institution_roles.items() if roles & GIVER_ROLES)


@rules.predicate
def employs_graduate(user, outcome) -> bool:
    return outcome is not None and outcome.institution_id in giver_institution_ids(user)


@rules.predicate
def gives_in_cluster(user, cluster: Cluster | None) -> bool:
    if cluster is None:
        return False
    ids = giver_institution_ids(user)
    return bool(ids) and cluster.pk in scope_for(user).member_cluster_ids


@rules.predicate
def department_of_cluster(user, cluster: Cluster | None) -> bool:
    if cluster is None:
        return False
    ids = giver_institution_ids(user)
    if not ids or cluster.pk not in scope_for(user).member_cluster_ids:
        return False
    return (
        Membership.objects.active()
        .filter(cluster=cluster, institution_id__in=ids, institution__kind__in=DEPARTMENT_KINDS)
        .exists()
    )


@rules.predicate
def gave_feedback(user, feedback) -> bool:
    """Staff (head or faculty) of the employer that gave the feedback."""
    return feedback is not None and feedback.employer_id in giver_institution_ids(user)


@rules.predicate
def coordinates_feedback_cluster(user, feedback) -> bool:
    return feedback is not None and scope_for(user).coordinates(feedback.cluster_id)


rules.add_perm("feedback.give", employs_graduate)
rules.add_perm("feedback.change", gave_feedback)
rules.add_perm("feedback.view_record", gave_feedback | coordinates_feedback_cluster)
rules.add_perm("feedback.view_summary", coordinates_cluster | department_of_cluster)
rules.add_perm("feedback.view", gives_in_cluster | coordinates_cluster)
