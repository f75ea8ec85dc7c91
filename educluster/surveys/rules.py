"""Who may do what with surveys: everyone with a role in the cluster sees and fills in its
open surveys; coordinators create, edit, open, close and read results."""

import rules

from educluster.accounts.rules import coordinates_cluster
from educluster.accounts.scoping import scope_for
from educluster.registry.models import Cluster


@rules.predicate
def sees_cluster(user, cluster: Cluster | None) -> bool:
    return cluster is not None and scope_for(user).sees_cluster(cluster.pk)


rules.add_perm("surveys.view", sees_cluster)
rules.add_perm("surveys.manage", coordinates_cluster)
