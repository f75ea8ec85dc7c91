"""Who may do what with School-Labs, their activities, practice and studies.

Reading is governed by :mod:`educluster.schoollabs.selectors` (what is not visible is not
found); these predicates decide the actions. Pupil-level study data are the strictest: only the
study's team (its faculty members and the lab's scientific supervisor) and the coordinators of
the cluster see them — not platform administrators, not analysts, who read aggregates only.
"""

from dataclasses import dataclass

import rules
from django.db.models import Q

from educluster.accounts.models import Person
from educluster.accounts.scoping import scope_for


@dataclass(frozen=True)
class LabRoles:
    """What a user's Person does in School-Labs, from at most three queries per request."""

    person_id: int | None = None
    supervised_lab_ids: frozenset[int] = frozenset()
    supervised_cluster_ids: frozenset[int] = frozenset()
    team_study_ids: frozenset[int] = frozenset()
    team_cluster_ids: frozenset[int] = frozenset()


_NOBODY = LabRoles()


def lab_roles(user) -> LabRoles:
    """The user's School-Lab roles, cached on the user object for the rest of the request."""
    scope = scope_for(user)
    if scope.user_id is None:
        return _NOBODY
    cached = getattr(user, "_schoollabs_roles", None)
    if cached is not None:
        return cached
    from educluster.schoollabs.models import SchoolLab, Study

    person_id = Person.objects.filter(user_id=scope.user_id).values_list("pk", flat=True).first()
    roles = _NOBODY
    if person_id is not None:
        labs = list(
            SchoolLab.objects.filter(supervisor_id=person_id).values_list("pk", "cluster_id")
        )
        studies = list(
            Study.objects.filter(Q(team=person_id) | Q(lab__supervisor_id=person_id))
            .values_list("pk", "cluster_id")
            .distinct()
        )
        roles = LabRoles(
            person_id=person_id,
            supervised_lab_ids=frozenset(pk for pk, _c in labs),
            supervised_cluster_ids=frozenset(c for _pk, c in labs),
            team_study_ids=frozenset(pk for pk, _c in studies),
            team_cluster_ids=frozenset(c for _pk, c in studies),
        )
    user._schoollabs_roles = roles
    return roles


def forget_lab_roles(user) -> None:
    """Drop the cached roles after they changed within this request (e.g. a new study)."""
    if hasattr(user, "_schoollabs_roles"):
        del user._schoollabs_roles


# --- Labs -------------------------------------------------------------------------------------


@rules.predicate
def coordinates_cluster(user, cluster) -> bool:
    return cluster is not None and scope_for(user).coordinates(cluster.pk)


@rules.predicate
def manages_lab(user, lab) -> bool:
    """Coordinators of the cluster, the lab's scientific supervisor, the host school's head."""
    if lab is None:
        return False
    scope = scope_for(user)
    if scope.coordinates(lab.cluster_id) or scope.heads(lab.host_id):
        return True
    return lab.pk in lab_roles(user).supervised_lab_ids


@rules.predicate
def sees_participants(user, lab) -> bool:
    """Names of participants and evidence photos: people of the cluster's members, not analysts."""
    if lab is None:
        return False
    scope = scope_for(user)
    return scope.coordinates(lab.cluster_id) or lab.cluster_id in scope.member_cluster_ids


@rules.predicate
def manages_activity(user, activity) -> bool:
    """A lab's activity: the lab's managers. Elsewhere: the coordinators and the head of the
    member institution where it takes place."""
    if activity is None:
        return False
    if activity.lab_id:
        return manages_lab(user, activity.lab)
    scope = scope_for(user)
    return scope.coordinates(activity.cluster_id) or scope.heads(activity.institution_id)


@rules.predicate
def sees_activity_participants(user, activity) -> bool:
    """As for a lab: people of the cluster's members, not analysts."""
    if activity is None:
        return False
    scope = scope_for(user)
    return scope.coordinates(activity.cluster_id) or activity.cluster_id in scope.member_cluster_ids


# --- Practice ---------------------------------------------------------------------------------


@rules.predicate
def is_the_trainee(user, placement) -> bool:
    person_id = lab_roles(user).person_id
    return placement is not None and person_id is not None and placement.student_id == person_id


@rules.predicate
def is_the_mentor(user, placement) -> bool:
    person_id = lab_roles(user).person_id
    return placement is not None and person_id is not None and placement.mentor_id == person_id


@rules.predicate
def manages_placement(user, placement) -> bool:
    return placement is not None and manages_lab(user, placement.lab)


@rules.predicate
def placement_is_active(user, placement) -> bool:
    return placement is not None and placement.status == placement.Status.ACTIVE


# --- Studies and instruments ------------------------------------------------------------------


@rules.predicate
def creates_studies(user, cluster) -> bool:
    """Coordinators and the scientific supervisors of the cluster's labs."""
    if cluster is None:
        return False
    return scope_for(user).coordinates(cluster.pk) or (
        cluster.pk in lab_roles(user).supervised_cluster_ids
    )


@rules.predicate
def on_study_team(user, study) -> bool:
    return study is not None and study.pk in lab_roles(user).team_study_ids


@rules.predicate
def coordinates_study_cluster(user, study) -> bool:
    # Deliberately not ``scope.coordinates``: platform administrators are not coordinators here,
    # minors' data are for the people running the study.
    return study is not None and study.cluster_id in scope_for(user).coordinated_cluster_ids


@rules.predicate
def reads_study_aggregates(user, study) -> bool:
    """The report (no pupil rows): team, coordinators, analysts, the host school's head."""
    if study is None:
        return False
    scope = scope_for(user)
    if scope.sees_everything or scope.coordinates(study.cluster_id):
        return True
    if study.cluster_id in scope.analyst_cluster_ids:
        return True
    return scope.heads(study.lab.host_id) or on_study_team(user, study)


@rules.predicate
def sees_studies_tab(user, cluster) -> bool:
    if cluster is None:
        return False
    scope = scope_for(user)
    if scope.sees_everything or scope.coordinates(cluster.pk):
        return True
    if cluster.pk in scope.analyst_cluster_ids or cluster.pk in lab_roles(user).team_cluster_ids:
        return True
    return cluster.pk in scope.member_cluster_ids and bool(scope.headed_institution_ids)


@rules.predicate
def imports_results(user, cluster) -> bool:
    if cluster is None:
        return False
    return (
        cluster.pk in scope_for(user).coordinated_cluster_ids
        or cluster.pk in lab_roles(user).team_cluster_ids
    )


pupil_data = coordinates_study_cluster | on_study_team

rules.add_perm("schoollabs.create_lab", coordinates_cluster)
rules.add_perm("schoollabs.manage_terms", coordinates_cluster)
rules.add_perm("schoollabs.manage_lab", manages_lab)
rules.add_perm("schoollabs.view_participants", sees_participants)
rules.add_perm("schoollabs.create_activity", coordinates_cluster)
rules.add_perm("schoollabs.manage_activity", manages_activity)
rules.add_perm("schoollabs.view_activity_participants", sees_activity_participants)
rules.add_perm("schoollabs.view_placement", manages_placement | is_the_trainee | is_the_mentor)
rules.add_perm("schoollabs.manage_placement", manages_placement)
rules.add_perm("schoollabs.log_hours", is_the_trainee & placement_is_active)
rules.add_perm("schoollabs.decide_hours", is_the_mentor)
rules.add_perm("schoollabs.evaluate_trainee", is_the_mentor)
rules.add_perm("schoollabs.manage_instruments", creates_studies)
rules.add_perm("schoollabs.create_study", creates_studies)
rules.add_perm("schoollabs.view_studies", sees_studies_tab)
rules.add_perm("schoollabs.view_study", reads_study_aggregates)
rules.add_perm("schoollabs.view_pupil_data", pupil_data)
rules.add_perm("schoollabs.manage_study", pupil_data)
rules.add_perm("schoollabs.import_results", imports_results)
rules.add_perm("schoollabs.view_access_log", coordinates_cluster)
