"""Who may do what with annual reports.

* ``reports.view`` — everyone with a role in the cluster (the report holds aggregates only).
* ``reports.manage`` — the cluster's coordinators and platform administrators: request reports.
"""

import rules

from educluster.accounts.rules import coordinates_cluster
from educluster.accounts.scoping import scope_for
from educluster.registry.models import Cluster


@rules.predicate
def sees_cluster(user, cluster: Cluster | None) -> bool:
    return cluster is not None and scope_for(user).sees_cluster(cluster.pk)


rules.add_perm("reports.view", sees_cluster)
rules.add_perm("reports.manage", coordinates_cluster)
