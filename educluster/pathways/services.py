"""Pathway workflows. Each is atomic and records its author in the history."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from educluster.accounts.models import Person
from educluster.pathways.models import Learner, Stage
from educluster.registry.models import Institution, Membership

UNIVERSITY_KINDS = (Institution.Kind.UNIVERSITY, Institution.Kind.DEPARTMENT)


def _save(obj: Any, actor: Any) -> None:
    obj._history_user = actor
    obj.full_clean()
    obj.save()


def _member(cluster_id: int, institution_id: int | None) -> bool:
    return (
        institution_id is not None
        and Membership.objects.filter(cluster_id=cluster_id, institution_id=institution_id).exists()
    )


@transaction.atomic
def learner_create(*, actor: Any, cluster: Any, **fields: Any) -> Learner:
    """A new pathway: a person of the cluster, or a pupil by code with consent recorded."""
    learner = Learner(cluster=cluster, created_by=actor, **fields)
    person = learner.person
    if person is not None:
        if not _member(cluster.pk, person.institution_id):
            raise ValidationError(
                {"person": _("This person is not at an institution of the cluster.")}
            )
        if Learner.objects.filter(cluster=cluster, person=person).exists():
            raise ValidationError({"person": _("This person already has a pathway.")})
    _save(learner, actor)
    return learner


@transaction.atomic
def learner_update(*, actor: Any, learner: Learner, **fields: Any) -> Learner:
    for name, value in fields.items():
        setattr(learner, name, value)
    _save(learner, actor)
    return learner


@transaction.atomic
def learner_enrol(*, actor: Any, learner: Learner, person: Person) -> Learner:
    """The pupil enrolled: from now on the pathway belongs to their person record."""
    if learner.person_id is not None:
        raise ValidationError(_("This pathway already belongs to a person."))
    if not _member(learner.cluster_id, person.institution_id):
        raise ValidationError(_("This person is not at an institution of the cluster."))
    if Learner.objects.filter(cluster_id=learner.cluster_id, person=person).exists():
        raise ValidationError(_("This person already has a pathway."))
    learner.person = person
    _save(learner, actor)
    return learner


@transaction.atomic
def learner_withdraw(*, actor: Any, learner: Learner) -> None:
    """Consent withdrawn: the pathway and its stages are deleted."""
    learner._history_user = actor  # type: ignore[attr-defined]
    learner.delete()


@transaction.atomic
def stage_save(*, actor: Any, stage: Stage) -> Stage:
    """Record a stage. A chosen institution must be a member of the pathway's cluster."""
    if stage.is_automatic:
        raise ValidationError(_("This stage is written from its source record; change that."))
    if stage.institution_id and not _member(stage.learner.cluster_id, stage.institution_id):
        raise ValidationError(
            {"institution": _("This institution is not a member of the cluster.")}
        )
    if stage.institution_id:
        stage.institution_name = ""
    _save(stage, actor)
    return stage


@transaction.atomic
def stage_delete(*, actor: Any, stage: Stage) -> None:
    if stage.is_automatic:
        raise ValidationError(_("This stage is written from its source record; change that."))
    stage._history_user = actor  # type: ignore[attr-defined]
    stage.delete()


def _source_field(source: Any) -> str:
    """The Stage foreign key that names this kind of source record."""
    label = source._meta.label
    fields = {
        "schoollabs.Placement": "source_placement",
        "placements.GraduateOutcome": "source_outcome",
        "schoollabs.ActivityAward": "source_award",
    }
    if label not in fields:
        raise TypeError(f"A pathway stage cannot come from {label}.")
    return fields[label]


def _university(cluster_id: int) -> Institution | None:
    membership = (
        Membership.objects.filter(cluster_id=cluster_id, institution__kind__in=UNIVERSITY_KINDS)
        .select_related("institution")
        .order_by("institution__kind", "pk")
        .first()
    )
    return membership.institution if membership else None


def _learner_of(cluster: Any, person: Person, actor: Any) -> Learner:
    learner = Learner.objects.filter(cluster=cluster, person=person).first()
    if learner is None:
        # Trainees and graduates are adults: their own record needs no pupil consent.
        learner = Learner(cluster=cluster, person=person, created_by=actor)
        _save(learner, actor)
    return learner


@transaction.atomic
def pathway_record_stage(
    *,
    cluster: Any,
    person: Person | None,
    kind: str,
    year: int,
    source: Any,
    institution: Institution | None = None,
    detail: str = "",
    award: str = "",
    level: str = "",
    actor: Any = None,
    learner: Learner | None = None,
) -> Stage | None:
    """Write the stage EduCluster knows from ``source`` to the person's pathway.

    Idempotent per source and kind: recording again updates the same stage. The person's pathway
    in the cluster is created when missing. A practice stage is placed at the lab's host school,
    a graduation without an institution at the cluster's university; an institution outside the
    cluster is kept by name. ``learner`` names the pathway directly (a pupil known by code, who
    has no person record). Returns None when there is no person or pathway to write for.
    """
    if learner is None and person is None:
        return None
    field = _source_field(source)
    if learner is None:
        assert person is not None
        learner = _learner_of(cluster, person, actor)
    stage = Stage.objects.filter(**{field: source, "kind": kind}).first()
    if stage is None:
        stage = Stage(**{field: source, "kind": kind})
    stage.learner = learner
    if institution is None and kind == Stage.Kind.PRACTICE:
        institution = source.lab.host
    if institution is None and kind == Stage.Kind.GRADUATION:
        institution = _university(cluster.pk)
    stage.institution = None
    stage.institution_name = ""
    if institution is not None and _member(cluster.pk, institution.pk):
        stage.institution = institution
    elif institution is not None:
        stage.institution_name = str(institution)
    elif kind != Stage.Kind.COMPETITION:
        stage.institution_name = str(cluster)
    stage.start_year = year
    stage.detail = (detail or "")[:300]
    stage.award = award
    stage.level = level
    _save(stage, actor)
    return stage


@transaction.atomic
def pathway_forget_source(*, source: Any, actor: Any = None) -> None:
    """The source record no longer stands (a withdrawn placement): its stages go."""
    for stage in Stage.objects.filter(**{_source_field(source): source}):
        stage._history_user = actor  # type: ignore[attr-defined]
        stage.delete()
