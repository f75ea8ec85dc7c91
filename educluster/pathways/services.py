"""Pathway workflows. Each is atomic and records its author in the history."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from educluster.accounts.models import Person
from educluster.pathways.models import Learner, Stage
from educluster.registry.models import Membership


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
    stage._history_user = actor  # type: ignore[attr-defined]
    stage.delete()
