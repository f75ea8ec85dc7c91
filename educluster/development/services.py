"""Professional-development workflows: each one atomic, validating before it writes."""

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from educluster.accounts.language import user_language
from educluster.accounts.models import Person
from educluster.development.models import (
    Certificate,
    DevelopmentEvent,
    DevelopmentNorm,
    Registration,
    new_certificate_code,
)
from educluster.registry.models import Cluster, Institution, Membership

CHECKIN_SALT = "educluster.development.checkin"
CHECKIN_MAX_AGE = 6 * 60 * 60  # a code shown on the screen is good for six hours


def event_create(
    *,
    actor: Any,
    cluster: Cluster,
    organiser: Institution,
    kind: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    hours: Decimal,
    description: str = "",
    place: str = "",
    capacity: int | None = None,
    is_demo: bool = False,
) -> DevelopmentEvent:
    errors: dict[str, str] = {}
    if not Membership.objects.active().filter(cluster=cluster, institution=organiser).exists():
        errors["organiser"] = _("The organiser must be a member institution of the cluster.")
    if ends_at <= starts_at:
        errors["ends_at"] = _("The event must end after it starts.")
    if hours is None or hours <= 0:
        errors["hours"] = _("Credited hours must be more than zero.")
    if capacity is not None and capacity < 1:
        errors["capacity"] = _("Capacity must be at least one place, or left empty.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return DevelopmentEvent.objects.create(
            cluster=cluster,
            organiser=organiser,
            kind=kind,
            title=title,
            description=description,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
            hours=hours,
            capacity=capacity,
            created_by=actor if getattr(actor, "pk", None) else None,
            is_demo=is_demo,
        )


def registration_create(
    *, event: DevelopmentEvent, person: Person, is_demo: bool = False
) -> Registration:
    """``person`` registers for ``event``; refused when the attendance is closed or it is full."""
    with transaction.atomic():
        locked = DevelopmentEvent.objects.select_for_update().get(pk=event.pk)
        if locked.is_closed:
            raise ValidationError(_("The attendance of this event is closed."))
        if locked.registrations.filter(person=person).exists():
            raise ValidationError(_("You are already registered for this event."))
        if locked.capacity is not None and locked.registrations.count() >= locked.capacity:
            raise ValidationError(_("The event is full: all places are taken."))
        try:
            with transaction.atomic():
                return Registration.objects.create(event=locked, person=person, is_demo=is_demo)
        except IntegrityError:
            raise ValidationError(_("You are already registered for this event.")) from None


def attendance_mark(
    *, actor: Any, event: DevelopmentEvent, attended_ids: set[int]
) -> list[Registration]:
    """The organiser marks who attended: the registrations in ``attended_ids`` attended, the
    others did not. Refused once the attendance is closed."""
    with transaction.atomic():
        locked = DevelopmentEvent.objects.select_for_update().get(pk=event.pk)
        if locked.is_closed:
            raise ValidationError(_("The attendance is closed and can no longer change."))
        changed = []
        for reg in locked.registrations.all():
            attended = reg.pk in attended_ids
            if reg.attended != attended:
                reg.attended = attended
                reg.marked_by = actor
                reg.save(update_fields=["attended", "marked_by"])
                changed.append(reg)
        return changed


def checkin_token(event: DevelopmentEvent) -> str:
    """The signed code behind the event's check-in QR code."""
    return signing.TimestampSigner(salt=CHECKIN_SALT).sign(str(event.pk))


def checkin_by_token(*, user: Any, token: str) -> Registration:
    """The signed-in ``user`` scanned the event's code: mark their registration attended."""
    try:
        value = signing.TimestampSigner(salt=CHECKIN_SALT).unsign(token, max_age=CHECKIN_MAX_AGE)
    except signing.SignatureExpired:
        raise ValidationError(
            _("This check-in code has expired. Ask the organiser to show the current one.")
        ) from None
    except signing.BadSignature:
        raise ValidationError(_("This check-in code is not valid.")) from None
    person = getattr(user, "person", None)
    with transaction.atomic():
        event = DevelopmentEvent.objects.select_for_update().filter(pk=int(value)).first()
        if event is None:
            raise ValidationError(_("This check-in code is not valid."))
        if event.is_closed:
            raise ValidationError(_("The attendance of this event is closed."))
        reg = Registration.objects.filter(event=event, person=person).first() if person else None
        if reg is None:
            raise ValidationError(_("You are not registered for this event."))
        if not reg.attended:
            reg.attended = True
            reg.checked_in_at = timezone.now()
            reg.marked_by = user
            reg.save(update_fields=["attended", "checked_in_at", "marked_by"])
        return reg


def attendance_close(
    *, actor: Any, event: DevelopmentEvent, is_demo: bool = False
) -> list[Certificate]:
    """Close the attendance and issue a certificate to every attendee."""
    with transaction.atomic():
        locked = DevelopmentEvent.objects.select_for_update().get(pk=event.pk)
        if locked.is_closed:
            raise ValidationError(_("The attendance is already closed."))
        now = timezone.now()
        locked.attendance_closed_at = now
        locked.save(update_fields=["attendance_closed_at"])
        event.attendance_closed_at = now
        certificates = []
        regs = locked.registrations.filter(attended=True).select_related("person__user")
        for reg in regs:
            certificates.append(
                Certificate.objects.create(
                    registration=reg,
                    code=_unique_code(),
                    issued_at=now,
                    hours=locked.hours,
                    language=user_language(reg.person.user) if reg.person.user else "",
                    is_demo=is_demo,
                )
            )
        return certificates


def _unique_code() -> str:
    while True:
        code = new_certificate_code()
        if not Certificate.objects.filter(code=code).exists():
            return code


def norm_set(
    *, actor: Any, cluster: Cluster, year: int, hours: Decimal, is_demo: bool = False
) -> DevelopmentNorm:
    if hours is None or hours < 0:
        raise ValidationError({"hours": _("The norm cannot be negative.")})
    with transaction.atomic():
        norm, _created = DevelopmentNorm.objects.update_or_create(
            cluster=cluster, year=year, defaults={"hours": hours, "is_demo": is_demo}
        )
        return norm
