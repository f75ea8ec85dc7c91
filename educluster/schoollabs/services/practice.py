"""Trainee practice workflows: placing trainees, logging hours, the mentor's decisions and
evaluation.

State changes of logged hours are compare-and-swap updates (``UPDATE … WHERE status = …``), so
two mentors' clicks or a mentor approving while the trainee edits cannot both win, on SQLite as
on PostgreSQL; the row is then saved once more so the history records who did it.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from educluster.accounts.models import Person
from educluster.schoollabs.models import (
    Activity,
    Evaluation,
    Instrument,
    Placement,
    PracticeLog,
    SchoolLab,
    Term,
)
from educluster.schoollabs.models.practice import MAX_HOURS_PER_DAY
from educluster.telegram import notices as telegram

from ._common import save


@transaction.atomic
def placement_create(
    *,
    actor: Any,
    lab: SchoolLab,
    term: Term,
    student: Person,
    mentor: Person,
    planned_hours: int = 72,
) -> Placement:
    """Place a student at a lab for a term, within the lab's capacity per term."""
    taken = Placement.objects.filter(
        lab=lab, term=term, status__in=[Placement.Status.ACTIVE, Placement.Status.COMPLETED]
    ).count()
    if taken >= lab.capacity_per_term:
        raise ValidationError(
            _("The lab takes %(n)d trainees a term and has no free place in %(term)s.")
            % {"n": lab.capacity_per_term, "term": term}
        )
    placement = Placement(
        lab=lab,
        term=term,
        student=student,
        mentor=mentor,
        planned_hours=planned_hours,
        created_by=actor,
    )
    save(placement, actor)
    _record_practice_stage(actor, placement)
    return placement


def _record_practice_stage(actor: Any, placement: Placement) -> None:
    """Every placement is a practice stage on the trainee's pathway; a withdrawn one is not."""
    from educluster.pathways.services import pathway_forget_source, pathway_record_stage

    if placement.status == Placement.Status.WITHDRAWN:
        pathway_forget_source(source=placement, actor=actor)
        return
    pathway_record_stage(
        cluster=placement.lab.cluster,
        person=placement.student,
        kind="practice",
        year=placement.term.start_date.year,
        source=placement,
        institution=placement.lab.host,
        detail=f"{placement.lab.name} · {placement.term}",
        actor=actor,
    )


@transaction.atomic
def placement_update(*, actor: Any, placement: Placement, **fields: Any) -> Placement:
    for name, value in fields.items():
        setattr(placement, name, value)
    save(placement, actor)
    _record_practice_stage(actor, placement)
    return placement


def _check_day_total(student_id: int, day: date, hours: Decimal, exclude: int | None) -> None:
    logged = PracticeLog.objects.filter(placement__student_id=student_id, date=day)
    if exclude is not None:
        logged = logged.exclude(pk=exclude)
    already = logged.aggregate(total=Sum("hours"))["total"] or Decimal(0)
    if already + hours > MAX_HOURS_PER_DAY:
        raise ValidationError(
            {
                "hours": _(
                    "With %(already)s hours already logged on %(day)s this makes more than "
                    "%(max)s hours in a day."
                )
                % {"already": already, "day": day, "max": MAX_HOURS_PER_DAY}
            }
        )


@transaction.atomic
def hours_log(
    *,
    actor: Any,
    placement: Placement,
    date: date,
    hours: Decimal,
    description: str,
    activity: Activity | None = None,
) -> PracticeLog:
    """The trainee logs hours of one day; they wait for the mentor's approval."""
    if placement.status != Placement.Status.ACTIVE:
        raise ValidationError(_("Hours are logged only while the trainee is in practice."))
    log = PracticeLog(
        placement=placement,
        date=date,
        hours=hours,
        description=description.strip(),
        activity=activity,
    )
    log.full_clean()
    _check_day_total(placement.student_id, date, hours, None)
    save(log, actor)
    telegram.hours_submitted(log=log)
    return log


def _swap(log: PracticeLog, *, allowed: list[str], **changes: Any) -> None:
    claimed = PracticeLog.objects.filter(pk=log.pk, status__in=allowed).update(**changes)
    if not claimed:
        raise ValidationError(_("These hours were changed meanwhile; reload the page."))


@transaction.atomic
def hours_update(
    *,
    actor: Any,
    log: PracticeLog,
    date: date,
    hours: Decimal,
    description: str,
    activity: Activity | None = None,
) -> PracticeLog:
    """The trainee corrects hours not yet approved; returned hours go back to the mentor."""
    if log.status == PracticeLog.Status.APPROVED:
        raise ValidationError(_("Approved hours cannot be changed."))
    candidate = PracticeLog(
        pk=log.pk,
        placement=log.placement,
        date=date,
        hours=hours,
        description=description.strip(),
        activity=activity,
    )
    candidate.full_clean(exclude=["status"], validate_unique=False)
    _check_day_total(log.placement.student_id, date, hours, log.pk)
    _swap(
        log,
        allowed=[PracticeLog.Status.SUBMITTED, PracticeLog.Status.RETURNED],
        status=PracticeLog.Status.SUBMITTED,
        date=date,
        hours=hours,
        description=candidate.description,
        activity=activity,
    )
    log.refresh_from_db()
    save(log, actor)  # records the trainee's change in the history
    telegram.hours_submitted(log=log)
    return log


@transaction.atomic
def hours_decide(*, actor: Any, log: PracticeLog, approve: bool, comment: str = "") -> PracticeLog:
    """The mentor approves submitted hours, or returns them with a comment saying why."""
    comment = comment.strip()
    if not approve and not comment:
        raise ValidationError({"mentor_comment": _("Say why the hours are returned.")})
    _swap(
        log,
        allowed=[PracticeLog.Status.SUBMITTED],
        status=PracticeLog.Status.APPROVED if approve else PracticeLog.Status.RETURNED,
        mentor_comment=comment,
        decided_by=actor,
        decided_at=timezone.now(),
    )
    log.refresh_from_db()
    log._history_user = actor  # type: ignore[attr-defined]
    log.save()  # no full_clean: a decision on an old date stays valid after the term ends
    return log


@transaction.atomic
def evaluation_save(
    *,
    actor: Any,
    placement: Placement,
    instrument: Instrument,
    scores: list[int],
    comment: str = "",
    evaluated_on: date | None = None,
) -> Evaluation:
    """The mentor evaluates the trainee on each criterion of the rubric (re-evaluating replaces
    the scores; the history keeps the earlier ones)."""
    evaluation = Evaluation.objects.filter(placement=placement).first() or Evaluation(
        placement=placement
    )
    evaluation.instrument = instrument
    evaluation.scores = list(scores)
    evaluation.comment = comment.strip()
    evaluation.evaluator = actor
    evaluation.evaluated_on = evaluated_on or timezone.localdate()
    save(evaluation, actor)
    return evaluation
