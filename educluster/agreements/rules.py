"""Who may act on agreements.

A user *acts for* an institution when they head it, or when they coordinate a cluster whose lead
institution it is (coordinators speak for the integrator). Reading is governed by
:mod:`educluster.agreements.selectors`: parties, coordinators and analysts see an agreement.
"""

from typing import Any

import rules

from educluster.accounts.scoping import scope_for


def acts_for(user: Any, institution_id: int, cluster: Any) -> bool:
    scope = scope_for(user)
    if scope.heads(institution_id):
        return True
    return scope.coordinates(cluster.pk) and cluster.lead_institution_id == institution_id


def acts_for_party(user: Any, obligation: Any) -> bool:
    """May file reports for the obliged party: its heads, its responsible person, and the
    coordinators when the integrator is obliged."""
    if obligation.responsible_id and obligation.responsible.user_id == getattr(user, "pk", None):
        return True
    return acts_for(user, obligation.party.institution_id, obligation.agreement.cluster)


def acts_for_counterpart(user: Any, obligation: Any) -> bool:
    return acts_for(user, obligation.counterpart.institution_id, obligation.agreement.cluster)


@rules.predicate
def manages_agreements(user, cluster) -> bool:
    return cluster is not None and scope_for(user).coordinates(cluster.pk)


@rules.predicate
def manages_agreement(user, agreement) -> bool:
    return agreement is not None and scope_for(user).coordinates(agreement.cluster_id)


@rules.predicate
def reports_for(user, obligation) -> bool:
    return obligation is not None and acts_for_party(user, obligation)


@rules.predicate
def controls(user, obligation) -> bool:
    return obligation is not None and acts_for_counterpart(user, obligation)


rules.add_perm("agreements.create_agreement", manages_agreements)
rules.add_perm("agreements.verify_audit", manages_agreements)
rules.add_perm("agreements.change_agreement", manages_agreement)
rules.add_perm("agreements.report_obligation", reports_for)
rules.add_perm("agreements.decide_report", controls)
