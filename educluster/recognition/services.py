"""Workflows of recognition and mentoring: each checks its input and writes all or nothing."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from educluster.accounts.models import Person
from educluster.core.files import validate_upload
from educluster.recognition.models import MentoringMeeting, MentoringPair, Recognition
from educluster.registry.models import Cluster, Institution, Membership


def _member_person(cluster: Cluster, person: Person, field: str) -> None:
    if person.kind not in (Person.Kind.TEACHER, Person.Kind.FACULTY):
        raise ValidationError({field: _("Only teachers and faculty members can be chosen.")})
    if (
        not Membership.objects.active()
        .filter(cluster=cluster, institution_id=person.institution_id)
        .exists()
    ):
        raise ValidationError({field: _("This person does not work at a member of the cluster.")})


@transaction.atomic
def recognition_record(
    *,
    actor: Any,
    cluster: Cluster,
    person: Person,
    kind: str,
    title: str,
    date: datetime.date,
    awarded_by: str = "",
    awarded_by_institution: Institution | None = None,
    evidence=None,
    is_demo: bool = False,
) -> Recognition:
    _member_person(cluster, person, "person")
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": _("Give the title of the recognition.")})
    if kind not in Recognition.Kind.values:
        raise ValidationError({"kind": _("Choose a kind of recognition.")})
    if not awarded_by.strip() and awarded_by_institution is None:
        raise ValidationError({"awarded_by": _("Name the body that gave the recognition.")})
    recognition = Recognition(
        cluster=cluster,
        person=person,
        kind=kind,
        title=title,
        date=date,
        awarded_by=" ".join(awarded_by.split()),
        awarded_by_institution=awarded_by_institution,
        recorded_by=actor,
        is_demo=is_demo,
    )
    if evidence:
        try:
            validate_upload(evidence)
        except ValidationError as error:
            raise ValidationError({"evidence": error.messages}) from None
        recognition.evidence_name = evidence.name[:200]
        recognition.evidence.save(evidence.name, evidence, save=False)
    recognition.save()
    return recognition


@transaction.atomic
def pair_create(
    *,
    actor: Any,
    cluster: Cluster,
    mentor: Person,
    mentee: Person,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    note: str = "",
    is_demo: bool = False,
) -> MentoringPair:
    """Pair a mentor with a young teacher; refuses the same person twice and a young teacher
    who already has an active pair."""
    if mentor.pk == mentee.pk:
        raise ValidationError({"mentee": _("A teacher cannot be their own mentor.")})
    _member_person(cluster, mentor, "mentor")
    _member_person(cluster, mentee, "mentee")
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end is before the start.")})
    Person.objects.select_for_update().filter(pk=mentee.pk).first()
    if MentoringPair.objects.active(starts_on).filter(mentee=mentee).exists():
        raise ValidationError({"mentee": _("This young teacher already has an active mentor.")})
    return MentoringPair.objects.create(
        cluster=cluster,
        mentor=mentor,
        mentee=mentee,
        institution_id=mentee.institution_id,
        starts_on=starts_on,
        ends_on=ends_on,
        note=note.strip(),
        created_by=actor,
        is_demo=is_demo,
    )


@transaction.atomic
def meeting_record(
    *,
    actor: Any,
    pair: MentoringPair,
    date: datetime.date,
    topic: str,
    notes: str = "",
    is_demo: bool = False,
) -> MentoringMeeting:
    topic = " ".join(topic.split())
    if not topic:
        raise ValidationError({"topic": _("Give the topic of the meeting.")})
    if date < pair.starts_on or (pair.ends_on is not None and date > pair.ends_on):
        raise ValidationError({"date": _("The meeting is outside the pair's dates.")})
    return MentoringMeeting.objects.create(
        pair=pair, date=date, topic=topic, notes=notes.strip(), recorded_by=actor, is_demo=is_demo
    )
