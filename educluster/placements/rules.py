"""Who may do what with placement rounds and graduate employment.

Reading is governed by :mod:`educluster.placements.selectors.access` (what is not visible is
not found); these predicates decide the actions on what is visible.
"""

import rules

from educluster.accounts.scoping import scope_for


@rules.predicate
def coordinates_cluster(user, cluster) -> bool:
    return cluster is not None and scope_for(user).coordinates(cluster.pk)


@rules.predicate
def manages_round(user, rnd) -> bool:
    return rnd is not None and scope_for(user).coordinates(rnd.cluster_id)


@rules.predicate
def reads_round_statistics(user, rnd) -> bool:
    if rnd is None:
        return False
    scope = scope_for(user)
    if scope.coordinates(rnd.cluster_id):
        return True
    analyst = scope.global_analyst or rnd.cluster_id in scope.analyst_cluster_ids
    return analyst and rnd.status == "published"


@rules.predicate
def ranks_for_host(user, host) -> bool:
    """The host's head ranks its applicants; the coordinator may do it for them."""
    if host is None:
        return False
    scope = scope_for(user)
    return scope.heads(host.institution_id) or scope.coordinates(host.round.cluster_id)


@rules.predicate
def owns_application(user, applicant) -> bool:
    return applicant is not None and applicant.person.user_id == getattr(user, "pk", None)


@rules.predicate
def owns_assignment(user, assignment) -> bool:
    return assignment is not None and owns_application(user, assignment.applicant)


@rules.predicate
def confirms_outcome(user, outcome) -> bool:
    """The head of the employing institution confirms or disputes."""
    return (
        outcome is not None
        and outcome.institution_id is not None
        and scope_for(user).heads(outcome.institution_id)
    )


@rules.predicate
def reports_outcome(user, outcome) -> bool:
    return outcome is not None and outcome.person.user_id == getattr(user, "pk", None)


@rules.predicate
def manages_outcome(user, outcome) -> bool:
    return outcome is not None and scope_for(user).coordinates(outcome.cluster_id)


@rules.predicate
def offers_seats_in_cluster(user, cluster) -> bool:
    """The coordinator, or the head of a member school: they offer practice seats."""
    if cluster is None:
        return False
    scope = scope_for(user)
    if scope.coordinates(cluster.pk):
        return True
    headed = scope.headed_institution_ids
    if not headed:
        return False
    from educluster.registry.models import Membership

    return (
        Membership.objects.active()
        .filter(cluster_id=cluster.pk, institution_id__in=headed)
        .exists()
    )


@rules.predicate
def heads_institution(user, institution) -> bool:
    return institution is not None and scope_for(user).heads(institution.pk)


rules.add_perm("placements.manage_rounds", coordinates_cluster)
rules.add_perm("placements.manage_round", manages_round)
rules.add_perm("placements.view_statistics", reads_round_statistics)
rules.add_perm("placements.rank_applicants", ranks_for_host)
rules.add_perm("placements.rank_hosts", owns_application)
rules.add_perm("placements.respond", owns_assignment)
rules.add_perm("placements.manage_employment", coordinates_cluster)
rules.add_perm("placements.change_outcome", manages_outcome)
rules.add_perm("placements.confirm_outcome", confirms_outcome)
rules.add_perm("placements.report_outcome", reports_outcome)
rules.add_perm("placements.offer_seats", offers_seats_in_cluster)
rules.add_perm("placements.offer_seats_at", heads_institution)
