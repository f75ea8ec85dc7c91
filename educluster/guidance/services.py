"""Workflows of career guidance. Pathway stages cannot name a guidance event as their source
yet (pathways.Stage has no such key), so the link lives in :class:`PupilParticipant`."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from educluster.accounts.scoping import scope_for
from educluster.guidance.models import GuidanceEvent, Participation, PupilParticipant
from educluster.guidance.rules import may_record_school
from educluster.pathways.models import Learner
from educluster.pathways.selectors import learners_for
from educluster.registry.models import Cluster, Institution, Membership


def _is_member(cluster: Cluster, institution: Institution) -> bool:
    return Membership.objects.active().filter(cluster=cluster, institution=institution).exists()


@transaction.atomic
def event_create(*, cluster: Cluster, actor: Any, **fields: Any) -> GuidanceEvent:
    """Create an event organised by a member institution (a head organises for their own)."""
    organiser = fields.get("organiser")
    scope = scope_for(actor)
    if organiser is None or not _is_member(cluster, organiser):
        raise ValidationError({"organiser": _("The organiser must be a member of the cluster.")})
    if not (scope.coordinates(cluster.pk) or scope.heads(organiser.pk)):
        raise PermissionDenied
    event = GuidanceEvent(cluster=cluster, created_by=actor, **fields)
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def participation_record(
    *,
    event: GuidanceEvent,
    school: Institution,
    pupils_count: int | None,
    grade: int | None,
    actor: Any,
) -> Participation:
    """Record (or update) how many pupils of a school took part: the school's head, the
    organiser's head or the coordinator."""
    if not may_record_school(actor, event, school):
        raise PermissionDenied
    if not _is_member(event.cluster, school):
        raise ValidationError({"school": _("The school must be a member of the cluster.")})
    part = Participation.objects.filter(event=event, school=school).first() or Participation(
        event=event, school=school
    )
    if pupils_count is None or pupils_count < 1:
        raise ValidationError({"pupils_count": _("At least one pupil took part.")})
    if grade is not None and not 1 <= grade <= 11:
        raise ValidationError({"grade": _("The grade is from 1 to 11.")})
    part.pupils_count = pupils_count
    part.grade = grade
    part.full_clean()
    part.save()
    return part


@transaction.atomic
def pupil_link(
    *, event: GuidanceEvent, learner: Learner | None, consent: bool, actor: Any
) -> PupilParticipant:
    """Link a pupil's pathway to the event — only with recorded consent, and only by someone
    who may see the pathway (the cluster's coordinator keeps the pathways)."""
    if not scope_for(actor).coordinates(event.cluster_id):
        raise PermissionDenied
    if not consent:
        raise ValidationError({"consent": _("A pupil is linked only once consent is recorded.")})
    if learner is None:
        raise ValidationError({"learner": _("Choose the pupil's pathway.")})
    if learner.cluster_id != event.cluster_id:
        raise ValidationError({"learner": _("The pathway belongs to another cluster.")})
    if not learners_for(actor, event.cluster).filter(pk=learner.pk).exists():
        raise PermissionDenied
    link, _created = PupilParticipant.objects.get_or_create(
        event=event,
        learner=learner,
        defaults={
            "consent": True,
            "consent_recorded_by": actor,
            "consent_recorded_at": timezone.now(),
        },
    )
    return link
