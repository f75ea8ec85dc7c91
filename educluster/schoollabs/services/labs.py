"""School-Lab, term and activity workflows. Each is atomic and records its author."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from educluster.accounts.models import Person
from educluster.core.files import EVIDENCE_KINDS, IMAGE_KINDS, validate_upload
from educluster.schoollabs.models import (
    Activity,
    ActivityClassCount,
    ActivityFile,
    CalendarToken,
    SchoolLab,
    Term,
)
from educluster.schoollabs.models.activities import new_calendar_token
from educluster.schoollabs.models.labs import is_active_member

from ._common import delete, save


@transaction.atomic
def lab_create(*, actor: Any, **fields: Any) -> SchoolLab:
    """Open a School-Lab at a member school of the cluster."""
    lab = SchoolLab(**fields)
    save(lab, actor)
    return lab


@transaction.atomic
def lab_update(*, actor: Any, lab: SchoolLab, **fields: Any) -> SchoolLab:
    for name, value in fields.items():
        setattr(lab, name, value)
    save(lab, actor)
    return lab


@transaction.atomic
def term_save(*, actor: Any, term: Term) -> Term:
    save(term, actor)
    return term


def _check_participants(faculty, students, teachers) -> None:
    wrong = [
        (field, person)
        for field, people, kind in (
            ("faculty", faculty, Person.Kind.FACULTY),
            ("students", students, Person.Kind.STUDENT),
            ("teachers", teachers, Person.Kind.TEACHER),
        )
        for person in people
        if person.kind != kind
    ]
    if wrong:
        field, person = wrong[0]
        raise ValidationError({field: _("%(person)s is not of this kind.") % {"person": person}})


@transaction.atomic
def activity_save(
    *,
    actor: Any,
    activity: Activity,
    faculty: Iterable[Person] = (),
    students: Iterable[Person] = (),
    teachers: Iterable[Person] = (),
    class_counts: Iterable[tuple[str, int]] | None = None,
) -> Activity:
    """Create or update an activity with its participants and pupils by class.

    ``class_counts`` replaces the class rows when given; a class named twice is an error.
    """
    faculty, students, teachers = list(faculty), list(students), list(teachers)
    lab = activity.lab if activity.lab_id else None
    if lab is not None:
        activity.cluster_id = lab.cluster_id
        activity.institution_id = lab.host_id
    elif activity.institution_id and not is_active_member(
        activity.cluster_id, activity.institution_id
    ):
        raise ValidationError(
            {
                "institution": _("%(name)s is not a member of this cluster.")
                % {"name": activity.institution}
            }
        )
    _check_participants(faculty, students, teachers)
    if activity.pk is None:
        activity.created_by = actor
    save(activity, actor)
    for field, people in (("faculty", faculty), ("students", students), ("teachers", teachers)):
        manager = getattr(activity, field)
        if {p.pk for p in people} != set(manager.values_list("pk", flat=True)):
            manager.set(people)
    if class_counts is not None:
        rows = [
            ActivityClassCount(activity=activity, class_label=label, pupils=n)
            for label, n in class_counts
        ]
        seen: set[str] = set()
        for row in rows:
            row.full_clean(exclude=["activity"])
            if row.class_label in seen:
                raise ValidationError(
                    _("Class %(label)s is listed twice.") % {"label": row.class_label}
                )
            seen.add(row.class_label)
        wanted = {(r.class_label, r.pupils) for r in rows}
        current = set(activity.class_counts.values_list("class_label", "pupils"))
        if wanted != current:
            for old in activity.class_counts.all():
                delete(old, actor)
            for row in rows:
                save(row, actor)
    return activity


def _delete_file_on_commit(stored: ActivityFile) -> None:
    # The stored file goes only when the row is gone for good, not in a rolled-back attempt.
    storage, name = stored.file.storage, stored.file.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def activity_delete(*, actor: Any, activity: Activity) -> None:
    for stored in activity.files.all():
        _delete_file_on_commit(stored)
    delete(activity, actor)


@transaction.atomic
def activity_file_add(
    *, actor: Any, activity: Activity, upload: Any, caption: str = ""
) -> ActivityFile:
    """Attach a photo or document, checked by its content (see :mod:`educluster.core.files`)."""
    kind = validate_upload(upload, kinds=EVIDENCE_KINDS)
    stored = ActivityFile(
        activity=activity,
        original_name=(upload.name or "file")[:255],
        caption=caption.strip()[:300],
        is_image=kind in IMAGE_KINDS,
        uploaded_by=actor,
    )
    stored.file.save(upload.name or "file", upload, save=False)
    save(stored, actor)
    return stored


@transaction.atomic
def activity_file_delete(*, actor: Any, stored: ActivityFile) -> None:
    _delete_file_on_commit(stored)
    delete(stored, actor)


def calendar_token_renew(*, user: Any) -> CalendarToken:
    """Give the user a new calendar secret; addresses built on the old one stop working."""
    token, created = CalendarToken.objects.get_or_create(user=user)
    if not created:
        token.token = new_calendar_token()
        token.last_used_at = None
        token.save(update_fields=["token", "last_used_at"])
    return token


def calendar_token_revoke(*, user: Any) -> None:
    CalendarToken.objects.filter(user=user).delete()
