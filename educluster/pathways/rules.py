"""Who may change pathways: the cluster's coordinators (reading: see selectors)."""

import rules

from educluster.accounts.scoping import scope_for


@rules.predicate
def coordinates_cluster(user, cluster) -> bool:
    return cluster is not None and scope_for(user).coordinates(cluster.pk)


@rules.predicate
def manages_learner(user, learner) -> bool:
    return learner is not None and scope_for(user).coordinates(learner.cluster_id)


rules.add_perm("pathways.manage", coordinates_cluster)
rules.add_perm("pathways.change_learner", manages_learner)
