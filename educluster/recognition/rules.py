"""Who may record recognitions, mentoring pairs and meetings. Reading is scoping
(``selectors``)."""

import rules

from educluster.accounts.scoping import scope_for


@rules.predicate
def may_record_recognition(user, cluster) -> bool:
    """The cluster's coordinators and the heads of its member institutions."""
    if cluster is None:
        return False
    scope = scope_for(user)
    if scope.coordinates(cluster.pk):
        return True
    return bool(scope.headed_institution_ids) and cluster.pk in scope.member_cluster_ids


@rules.predicate
def may_record_meeting(user, pair) -> bool:
    """Coordinators, the head of the pair's institution, the mentor and the young teacher."""
    if pair is None:
        return False
    scope = scope_for(user)
    if scope.coordinates(pair.cluster_id) or scope.heads(pair.institution_id):
        return True
    return scope.user_id is not None and scope.user_id in (
        pair.mentor.user_id,
        pair.mentee.user_id,
    )


rules.add_perm("recognition.record", may_record_recognition)
rules.add_perm("recognition.create_pair", may_record_recognition)
rules.add_perm("recognition.record_meeting", may_record_meeting)
