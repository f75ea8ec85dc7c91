"""Positions, staff records and vacancies.

The position's status and its current staff record always agree: *filled* and *interim*
positions have exactly one current staff record, *vacant* and *on hold* ones none.
"""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from educluster.workforce.models import Position, StaffRecord, Vacancy
from educluster.workforce.services._common import save

Status = Position.Status


def _current_staff(position: Position) -> StaffRecord | None:
    return position.staff_records.filter(end_date__isnull=True).first()


def _open_vacancy(position: Position) -> Vacancy | None:
    return position.vacancies.filter(status=Vacancy.Status.OPEN).first()


def _end_interim(actor: Any, record: StaffRecord, successor_starts: date) -> None:
    """The interim teacher leaves the day before their successor starts."""
    record.end_date = max(record.start_date, successor_starts - timedelta(days=1))
    save(record, actor)


def _lock(vacancy: Vacancy) -> None:
    """Lock the vacancy's row for the rest of the transaction and read its state again: the
    page that asked may show it open while another request has just filled or withdrawn it.
    (SQLite takes no row locks, but its IMMEDIATE transactions already run one at a time.)"""
    locked = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    vacancy.status, vacancy.closed_on, vacancy.filled_by_id = (
        locked.status,
        locked.closed_on,
        locked.filled_by_id,
    )


@transaction.atomic
def position_create(*, actor: Any, **fields: Any) -> Position:
    """Create a post; it starts vacant (or on hold) until a staff record is added."""
    position = Position(**fields)
    if position.status in Position.HELD:
        raise ValidationError(
            {"status": _("A new position is vacant or on hold; add its teacher to fill it.")}
        )
    save(position, actor)
    return position


#: Rows per INSERT when posts are created in bulk (an import).
BULK_BATCH = 2000


@transaction.atomic
def positions_create_many(
    *, actor: Any, rows: list[dict[str, Any]], progress: Callable[[int], None] | None = None
) -> list[Position]:
    """Create many posts at once (an import): each is validated as :func:`position_create`
    validates it, then they are inserted ``BULK_BATCH`` at a time with their history rows.
    Foreign keys and the unique code per institution are left to the database (the importer
    found the institution, subject and language and checked the codes; an INSERT that still
    fails rolls the whole import back)."""
    positions = []
    for fields in rows:
        position = Position(**fields)
        if position.status in Position.HELD:
            raise ValidationError(
                {"status": _("A new position is vacant or on hold; add its teacher to fill it.")}
            )
        position.full_clean(
            exclude=["institution", "subject", "language"],
            validate_unique=False,
            validate_constraints=False,
        )
        positions.append(position)
    for start in range(0, len(positions), BULK_BATCH):
        batch = positions[start : start + BULK_BATCH]
        bulk_create_with_history(batch, Position, batch_size=BULK_BATCH, default_user=actor)
        if progress:
            progress(start + len(batch))
    return positions


@transaction.atomic
def position_update(*, actor: Any, position: Position, **fields: Any) -> Position:
    held_before = _current_staff(position) is not None
    for name, value in fields.items():
        setattr(position, name, value)
    if held_before and position.status not in Position.HELD:
        raise ValidationError(
            {"status": _("The position has a teacher; end the staff record to free it.")}
        )
    if not held_before and position.status in Position.HELD:
        raise ValidationError(
            {"status": _("Add the teacher's staff record to mark the position filled.")}
        )
    if position.status == Status.ON_HOLD and _open_vacancy(position) is not None:
        raise ValidationError({"status": _("Withdraw the open vacancy before holding the post.")})
    save(position, actor)
    return position


@transaction.atomic
def staff_add(
    *, actor: Any, position: Position, interim: bool = False, **fields: Any
) -> StaffRecord:
    """Put a teacher on a post. A regular (not interim) teacher on a post with an open vacancy
    fills that vacancy; one on a post held by an interim teacher replaces them."""
    vacancy = _open_vacancy(position)
    if vacancy is not None and not interim:
        return vacancy_fill(actor=actor, vacancy=vacancy, **fields)
    # Two teachers added at once: the second waits for the first (row lock on PostgreSQL, the
    # write lock on SQLite) and then sees it, from the status read again under the lock.
    locked = Position.objects.select_for_update().get(pk=position.pk)
    position.status = locked.status
    if position.status == Status.ON_HOLD:
        raise ValidationError(_("The position is on hold; make it vacant first."))
    current = _current_staff(position)
    if current is not None:
        if interim or position.status != Status.INTERIM:
            raise ValidationError(_("The position already has a teacher; end that record first."))
        _end_interim(actor, current, fields.get("start_date") or timezone.localdate())
    record = StaffRecord(position=position, **fields)
    save(record, actor)
    position.status = Status.INTERIM if interim else Status.FILLED
    save(position, actor)
    return record


@transaction.atomic
def staff_update(*, actor: Any, record: StaffRecord, **fields: Any) -> StaffRecord:
    for name, value in fields.items():
        setattr(record, name, value)
    save(record, actor)
    return record


@transaction.atomic
def staff_end(*, actor: Any, record: StaffRecord, end_date: date | None = None) -> StaffRecord:
    """The teacher left the post: the record ends and the post becomes vacant."""
    if record.end_date is not None:
        raise ValidationError(_("This staff record has already ended."))
    record.end_date = end_date or timezone.localdate()
    save(record, actor)
    position = record.position
    position.status = Status.VACANT
    save(position, actor)
    return record


@transaction.atomic
def vacancy_open(*, actor: Any, position: Position, **fields: Any) -> Vacancy:
    """Publish a vacancy for a vacant post (or one held by an interim teacher)."""
    position.refresh_from_db(fields=["status"])
    if position.status not in (Status.VACANT, Status.INTERIM):
        raise ValidationError(_("Only a vacant post or one held by an interim teacher is open."))
    if _open_vacancy(position) is not None:
        raise ValidationError(_("This position already has an open vacancy."))
    fields.setdefault("language", position.language)
    vacancy = Vacancy(
        position=position,
        status=Vacancy.Status.OPEN,
        created_by=actor if getattr(actor, "pk", None) else None,
        **fields,
    )
    save(vacancy, actor)
    return vacancy


@transaction.atomic
def vacancy_update(*, actor: Any, vacancy: Vacancy, **fields: Any) -> Vacancy:
    if vacancy.status != Vacancy.Status.OPEN:
        raise ValidationError(_("Only an open vacancy can be changed."))
    for name, value in fields.items():
        setattr(vacancy, name, value)
    save(vacancy, actor)
    return vacancy


@transaction.atomic
def vacancy_fill(
    *, actor: Any, vacancy: Vacancy, start_date: date | None = None, **staff_fields: Any
) -> StaffRecord:
    """Close the vacancy as filled by a new teacher starting on ``start_date``; an interim
    teacher on the post leaves the day before (or the same day, if they started then).
    Of two hires at once, the second finds the vacancy filled: it is read again under a lock."""
    _lock(vacancy)
    if vacancy.status != Vacancy.Status.OPEN:
        raise ValidationError(_("Only an open vacancy can be filled."))
    start = start_date or timezone.localdate()
    if start < vacancy.opened_on:
        raise ValidationError({"start_date": _("The teacher starts before the vacancy opened.")})
    position = vacancy.position
    interim = _current_staff(position)
    if interim is not None:
        _end_interim(actor, interim, start)
    record = StaffRecord(position=position, start_date=start, **staff_fields)
    save(record, actor)
    position.status = Status.FILLED
    save(position, actor)
    vacancy.status = Vacancy.Status.FILLED
    vacancy.closed_on = start
    vacancy.filled_by = record
    save(vacancy, actor)
    return record


@transaction.atomic
def vacancy_withdraw(*, actor: Any, vacancy: Vacancy, on: date | None = None) -> Vacancy:
    _lock(vacancy)
    if vacancy.status != Vacancy.Status.OPEN:
        raise ValidationError(_("Only an open vacancy can be withdrawn."))
    vacancy.status = Vacancy.Status.WITHDRAWN
    vacancy.closed_on = max(on or timezone.localdate(), vacancy.opened_on)
    save(vacancy, actor)
    return vacancy
