"""Project workflows. Each is atomic, checks the project's rules and records its author."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from educluster.accounts.models import Person
from educluster.core.files import DOCUMENT_KINDS, validate_upload
from educluster.projects.models import Deliverable, Milestone, Project, TeamMember
from educluster.registry.models import Cluster, Goal, Institution, Membership
from educluster.schoollabs.models import SchoolLab


def _save(obj: Any, actor: Any) -> None:
    obj._history_user = actor
    obj.full_clean()
    obj.save()


def _delete(obj: Any, actor: Any) -> None:
    obj._history_user = actor
    obj.delete()


def _require_open(project: Project) -> None:
    if not project.is_open:
        raise ValidationError(
            _("The project is %(status)s: it can no longer be changed.")
            % {"status": project.get_status_display()}
        )


def _active_member_ids(cluster: Cluster, institution_ids: Iterable[int]) -> set[int]:
    return set(
        Membership.objects.active()
        .filter(cluster=cluster, institution_id__in=list(institution_ids))
        .values_list("institution_id", flat=True)
    )


def _check_links(
    project: Project,
    goals: list[Goal] | None,
    partners: list[Institution] | None,
    labs: list[SchoolLab] | None,
) -> None:
    """Goals, partners and School-Labs must belong to the project's own cluster."""
    errors: dict[str, str] = {}
    cluster = project.cluster
    if goals is not None:
        foreign = [g for g in goals if g.cluster_id != cluster.pk]
        if foreign:
            errors["goals"] = _("“%(goal)s” is a goal of another cluster.") % {"goal": foreign[0]}
        elif not goals and project.status != Project.Status.PROPOSED:
            errors["goals"] = _("An approved project must serve at least one goal of the cluster.")
    if partners:
        members = _active_member_ids(cluster, (i.pk for i in partners))
        outside = [i for i in partners if i.pk not in members]
        if outside:
            errors["partners"] = _("%(name)s is not a member of this cluster.") % {
                "name": outside[0]
            }
    if labs:
        elsewhere = [lab for lab in labs if lab.cluster_id != cluster.pk]
        if elsewhere:
            errors["labs"] = _("%(name)s is not a School-Laboratory of this cluster.") % {
                "name": elsewhere[0]
            }
    if errors:
        raise ValidationError(errors)


def _check_person_in_cluster(person: Person, cluster: Cluster, field: str) -> None:
    if not _active_member_ids(cluster, [person.institution_id]):
        raise ValidationError(
            {
                field: _("%(name)s is not at a member institution of this cluster.")
                % {"name": person.full_name}
            }
        )


def _changed(relation: Any, wanted: list[Any]) -> bool:
    return {o.pk for o in wanted} != set(relation.values_list("pk", flat=True))


@transaction.atomic
def project_create(
    *,
    actor: Any,
    cluster: Cluster,
    goals: Iterable[Goal] = (),
    partners: Iterable[Institution] = (),
    labs: Iterable[SchoolLab] = (),
    **fields: Any,
) -> Project:
    """Propose a project. It may be proposed before its goals are settled, but not approved."""
    project = Project(cluster=cluster, created_by=actor if actor else None, **fields)
    goal_list, partner_list, lab_list = list(goals), list(partners), list(labs)
    _check_links(project, goal_list, partner_list, lab_list)
    if project.leader_id:
        _check_person_in_cluster(project.leader, cluster, "leader")
    _save(project, actor)
    project.goals.set(goal_list)
    project.partners.set(partner_list)
    project.labs.set(lab_list)
    return project


@transaction.atomic
def project_update(
    *,
    actor: Any,
    project: Project,
    goals: Iterable[Goal] | None = None,
    partners: Iterable[Institution] | None = None,
    labs: Iterable[SchoolLab] | None = None,
    **fields: Any,
) -> Project:
    _require_open(project)
    goal_list = list(goals) if goals is not None else None
    partner_list = list(partners) if partners is not None else None
    lab_list = list(labs) if labs is not None else None
    for name, value in fields.items():
        setattr(project, name, value)
    _check_links(project, goal_list, partner_list, lab_list)
    if "leader" in fields:
        _check_person_in_cluster(project.leader, project.cluster, "leader")
    late = project.milestones.filter(due_date__gt=project.end_date).first()
    if late is not None:
        raise ValidationError(
            {
                "end_date": _("The milestone “%(title)s” is due %(due)s, after this end date.")
                % {"title": late.title, "due": late.due_date.isoformat()}
            }
        )
    _save(project, actor)
    # Set a relation only when it changed, so the history shows real changes only.
    if goal_list is not None and _changed(project.goals, goal_list):
        project.goals.set(goal_list)
    if partner_list is not None and _changed(project.partners, partner_list):
        project.partners.set(partner_list)
    if lab_list is not None and _changed(project.labs, lab_list):
        project.labs.set(lab_list)
    return project


@transaction.atomic
def project_transition(*, actor: Any, project: Project, status: str) -> Project:
    """Move the project to ``status`` along proposed → approved → running → completed (or to
    cancelled from any open status). Approval needs at least one goal of the cluster."""
    if status not in project.next_statuses():
        raise ValidationError(
            {
                "status": _("A %(current)s project cannot become %(wanted)s.")
                % {
                    "current": project.get_status_display(),
                    "wanted": Project.Status(status).label
                    if status in Project.Status.values
                    else status,
                }
            }
        )
    if (
        status == Project.Status.APPROVED
        and not project.goals.filter(cluster_id=project.cluster_id).exists()
    ):
        raise ValidationError(
            {
                "goals": _(
                    "The project serves no goal of the cluster, so it cannot be approved: "
                    "choose the goals it serves first."
                )
            }
        )
    project.status = status
    _save(project, actor)
    return project


# --- Team -------------------------------------------------------------------------------------


@transaction.atomic
def team_member_add(
    *,
    actor: Any,
    project: Project,
    person: Person,
    role: str = "",
    task: str = "",
    joined_on: date | None = None,
) -> TeamMember:
    """Put a person of one of the cluster's member institutions on the team."""
    _require_open(project)
    _check_person_in_cluster(person, project.cluster, "person")
    if project.team.filter(person=person).exists():
        raise ValidationError(
            {"person": _("%(name)s is already on the team.") % {"name": person.full_name}}
        )
    if joined_on is None:
        joined_on = min(max(timezone.localdate(), project.start_date), project.end_date)
    if not project.start_date <= joined_on <= project.end_date:
        raise ValidationError(
            {"joined_on": _("The joining date is outside the project's start and end dates.")}
        )
    member = TeamMember(
        project=project,
        person=person,
        role=role or TeamMember.default_role(person),
        task=task,
        joined_on=joined_on,
    )
    _save(member, actor)
    return member


@transaction.atomic
def team_member_remove(*, actor: Any, member: TeamMember) -> None:
    """Take someone off the team. A member who authored a deliverable stays on record: they
    get a leaving date instead, so last year's involvement is not rewritten."""
    _require_open(member.project)
    if member.person.deliverables.filter(project_id=member.project_id).exists():
        member.left_on = max(timezone.localdate(), member.joined_on)
        _save(member, actor)
    else:
        _delete(member, actor)


# --- Milestones -------------------------------------------------------------------------------


@transaction.atomic
def milestone_save(*, actor: Any, milestone: Milestone) -> Milestone:
    _require_open(milestone.project)
    _save(milestone, actor)
    return milestone


@transaction.atomic
def milestone_complete(
    *, actor: Any, milestone: Milestone, on: date | None = None, undo: bool = False
) -> Milestone:
    _require_open(milestone.project)
    milestone.completed_on = None if undo else (on or timezone.localdate())
    _save(milestone, actor)
    return milestone


@transaction.atomic
def milestone_delete(*, actor: Any, milestone: Milestone) -> None:
    _require_open(milestone.project)
    _delete(milestone, actor)


# --- Deliverables -----------------------------------------------------------------------------


@transaction.atomic
def deliverable_save(
    *,
    actor: Any,
    deliverable: Deliverable,
    authors: Iterable[Person] = (),
    upload: UploadedFile | None = None,
) -> Deliverable:
    """Add or change a deliverable. A file is checked by content and size; authors must be on
    the team (or lead the project). Cancelled projects take no deliverables."""
    project = deliverable.project
    if project.status == Project.Status.CANCELLED:
        raise ValidationError(_("A cancelled project takes no deliverables."))
    author_list = list(authors)
    team_ids = set(project.team.values_list("person_id", flat=True)) | {project.leader_id}
    outside = [p for p in author_list if p.pk not in team_ids]
    if outside:
        raise ValidationError(
            {"authors": _("%(name)s is not on the project team.") % {"name": outside[0].full_name}}
        )
    if upload is not None:
        try:
            validate_upload(upload, kinds=DOCUMENT_KINDS)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from None
        deliverable.file = upload
        deliverable.file_name = (upload.name or "")[:255]
    _save(deliverable, actor)
    deliverable.authors.set(author_list)
    return deliverable


@transaction.atomic
def deliverable_delete(*, actor: Any, deliverable: Deliverable) -> None:
    _require_open(deliverable.project)
    stored = deliverable.file.name if deliverable.file else ""
    storage = deliverable.file.storage if deliverable.file else None
    _delete(deliverable, actor)
    if storage is not None and stored:
        # Remove the file only once the row is really gone.
        transaction.on_commit(lambda: storage.delete(stored))
