"""Who may do what with effectiveness (reading is scoped in ``selectors``).

* ``effectiveness.view`` (a cluster) — everyone with a role in the cluster: the cluster index,
  its cluster-level indicators and the aggregates by kind.
* ``effectiveness.view_ranking`` (a cluster) — coordinators, analysts, administrators: every
  member's index, rank and band. A member sees only its own (``view_member``).
* ``effectiveness.view_member`` (an institution, checked with the cluster in the selector) —
  the ranking readers, and the people of that institution.
* ``effectiveness.manage`` (a cluster) — coordinators: recompute, enter manual values.

No page of this app shows a pupil or staff row: every figure is a count, a share or a median.
"""

import rules

from educluster.accounts.rules import coordinates_cluster
from educluster.accounts.scoping import scope_for
from educluster.registry.models import Cluster


@rules.predicate
def sees_cluster(user, cluster: Cluster | None) -> bool:
    return cluster is not None and scope_for(user).sees_cluster(cluster.pk)


@rules.predicate
def analyses_cluster(user, cluster: Cluster | None) -> bool:
    if cluster is None:
        return False
    scope = scope_for(user)
    return scope.sees_everything or cluster.pk in scope.analyst_cluster_ids


rules.add_perm("effectiveness.view", sees_cluster)
rules.add_perm("effectiveness.view_ranking", coordinates_cluster | analyses_cluster)
rules.add_perm("effectiveness.manage", coordinates_cluster)
