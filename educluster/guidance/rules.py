"""Who may do what with career guidance.

* ``guidance.view`` (a cluster) — everyone with a role in the cluster: events, schools, counts.
* ``guidance.create`` (a cluster) — coordinators and heads of member institutions.
* ``guidance.change_event`` (an event) — the coordinator or the organiser's head.
* ``guidance.record_participation`` (an event, checked with the school in the service) — as
  ``change_event``; a school's head also for their own school (see ``services``).
No page shows a pupil's code or name: linked pupils are counted only.
"""

import rules

from educluster.accounts.scoping import scope_for


@rules.predicate
def sees_cluster(user, cluster) -> bool:
    return cluster is not None and scope_for(user).sees_cluster(cluster.pk)


@rules.predicate
def creates_in_cluster(user, cluster) -> bool:
    if cluster is None:
        return False
    scope = scope_for(user)
    return scope.coordinates(cluster.pk) or (
        scope.sees_cluster(cluster.pk) and bool(scope.headed_institution_ids)
    )


@rules.predicate
def organises(user, event) -> bool:
    if event is None:
        return False
    scope = scope_for(user)
    return scope.coordinates(event.cluster_id) or scope.heads(event.organiser_id)


@rules.predicate
def heads_any_school(user, event) -> bool:
    return event is not None and bool(scope_for(user).headed_institution_ids)


def may_record_school(user, event, school) -> bool:
    scope = scope_for(user)
    return organises(user, event) or scope.heads(school.pk)


rules.add_perm("guidance.view", sees_cluster)
rules.add_perm("guidance.create", creates_in_cluster)
rules.add_perm("guidance.change_event", organises)
rules.add_perm("guidance.record_participation", organises | heads_any_school)
