"""Who may do what with the cluster council (reading is scoped in ``selectors``).

* ``council.view`` (a cluster) — the coordinators, the heads of the cluster's member
  institutions, the cluster's analysts and administrators: the whole council of the cluster.
* ``council.manage`` (a cluster) — coordinators: members, meetings, minutes, decisions, plan.
* ``council.mark_done`` (a decision) — the head of the responsible institution, or the
  coordinator.
"""

import rules

from educluster.accounts.rules import coordinates_cluster
from educluster.accounts.scoping import scope_for
from educluster.registry.models import Cluster, Membership


def heads_member_of(user, cluster: Cluster) -> bool:
    scope = scope_for(user)
    headed = scope.headed_institution_ids
    if not headed or cluster.pk not in scope.member_cluster_ids:
        return False
    return Membership.objects.active().filter(cluster=cluster, institution_id__in=headed).exists()


@rules.predicate
def sees_council(user, cluster: Cluster | None) -> bool:
    if cluster is None:
        return False
    scope = scope_for(user)
    if scope.sees_everything or scope.coordinates(cluster.pk):
        return True
    if cluster.pk in scope.analyst_cluster_ids:
        return True
    return heads_member_of(user, cluster)


@rules.predicate
def answers_for_decision(user, decision) -> bool:
    if decision is None:
        return False
    scope = scope_for(user)
    return scope.coordinates(decision.meeting.cluster_id) or scope.heads(decision.responsible_id)


rules.add_perm("council.view", sees_council)
rules.add_perm("council.manage", coordinates_cluster)
rules.add_perm("council.mark_done", answers_for_decision)
