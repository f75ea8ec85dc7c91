"""Who may do what with the teacher workforce (reading is scoped in ``selectors``).

* ``workforce.manage`` — coordinators (and platform administrators): reference inputs,
  scenarios, forecast runs, publishing.
* ``workforce.view_positions`` / ``import_positions`` — coordinators and heads of member
  institutions (a head sees and imports only their own institution's posts).
* ``workforce.manage_positions`` / ``view_staff`` (an institution) — its heads, the
  coordinators of clusters it belongs to, administrators. Staff records are seen by no one else.
* ``workforce.view_aggregates`` — anyone with a non-empty area (see ``selectors.Area``):
  coordinators, analysts, administrators, heads of member institutions.
* ``workforce.view_reference`` — coordinators, analysts, administrators.
* ``workforce.view_vacancy_board`` — everyone with a role in the cluster.
"""

import rules

from educluster.accounts.rules import coordinates_cluster, manages_institution
from educluster.accounts.scoping import scope_for
from educluster.registry.models import Cluster
from educluster.workforce.selectors import workforce_area


@rules.predicate
def has_workforce_area(user, cluster: Cluster | None) -> bool:
    return cluster is not None and bool(workforce_area(user, cluster))


@rules.predicate
def heads_a_member(user, cluster: Cluster | None) -> bool:
    if cluster is None:
        return False
    scope = scope_for(user)
    return cluster.pk in scope.member_cluster_ids and bool(scope.headed_institution_ids)


@rules.predicate
def analyses_cluster(user, cluster: Cluster | None) -> bool:
    if cluster is None:
        return False
    scope = scope_for(user)
    return scope.sees_everything or cluster.pk in scope.analyst_cluster_ids


@rules.predicate
def sees_cluster(user, cluster: Cluster | None) -> bool:
    return cluster is not None and scope_for(user).sees_cluster(cluster.pk)


rules.add_perm("workforce.manage", coordinates_cluster)
rules.add_perm("workforce.import_reference", coordinates_cluster)
rules.add_perm("workforce.view_positions", coordinates_cluster | heads_a_member)
rules.add_perm("workforce.import_positions", coordinates_cluster | heads_a_member)
rules.add_perm("workforce.manage_positions", manages_institution)
rules.add_perm("workforce.view_staff", manages_institution)
rules.add_perm("workforce.view_aggregates", has_workforce_area)
rules.add_perm("workforce.view_reference", coordinates_cluster | analyses_cluster)
rules.add_perm("workforce.view_vacancy_board", sees_cluster)
