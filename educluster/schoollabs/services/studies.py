"""Study workflows: instruments, studies, classes, pupils' results, and the access log."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from educluster.accounts.models import Person
from educluster.schoollabs.codes import normalize_pupil_code
from educluster.schoollabs.models import (
    Instrument,
    InstrumentItem,
    Pupil,
    PupilDataAccess,
    PupilResult,
    Study,
    StudyGroup,
)
from educluster.schoollabs.rules import forget_lab_roles
from educluster.schoollabs.selectors import instrument_in_use
from educluster.security.models import SecurityEvent
from educluster.security.services import security_event_record

from ._common import delete, save


@transaction.atomic
def instrument_save(*, actor: Any, instrument: Instrument) -> Instrument:
    save(instrument, actor)
    return instrument


def _unlocked(instrument: Instrument) -> None:
    if instrument_in_use(instrument):
        raise ValidationError(
            _("This instrument already has answers; its criteria can no longer change.")
        )


@transaction.atomic
def item_save(*, actor: Any, item: InstrumentItem) -> InstrumentItem:
    _unlocked(item.instrument)
    if item.number is None:
        last = item.instrument.items.order_by("-number").first()
        item.number = (last.number + 1) if last else 1
    save(item, actor)
    return item


@transaction.atomic
def item_delete(*, actor: Any, item: InstrumentItem) -> None:
    _unlocked(item.instrument)
    delete(item, actor)


@transaction.atomic
def study_save(*, actor: Any, study: Study, team: Iterable[Person] | None = None) -> Study:
    """Create or update a study; ``team`` (faculty people) replaces the team when given."""
    if study.pk is None:
        study.created_by = actor
    elif (
        study.instrument_id
        != Study.objects.filter(pk=study.pk).values_list("instrument_id", flat=True).first()
        and PupilResult.objects.filter(pupil__study=study).exists()
    ):
        raise ValidationError({"instrument": _("The study has results; its instrument is fixed.")})
    save(study, actor)
    if team is not None:
        people = list(team)
        if any(p.kind != Person.Kind.FACULTY for p in people):
            raise ValidationError({"team": _("The study team consists of faculty members.")})
        if {p.pk for p in people} != set(study.team.values_list("pk", flat=True)):
            study.team.set(people)
    forget_lab_roles(actor)
    return study


@transaction.atomic
def group_save(*, actor: Any, group: StudyGroup) -> StudyGroup:
    if not group.code:
        prefix = "E" if group.arm == StudyGroup.Arm.EXPERIMENTAL else "C"
        taken = set(group.study.groups.values_list("code", flat=True))
        group.code = next(f"{prefix}{n}" for n in range(1, 1000) if f"{prefix}{n}" not in taken)
    if group.pk and group.pupils.filter(results__isnull=False).exists():
        old = StudyGroup.objects.get(pk=group.pk)
        if old.arm != group.arm:
            raise ValidationError({"arm": _("The class has results; its group is fixed.")})
    save(group, actor)
    return group


@transaction.atomic
def group_delete(*, actor: Any, group: StudyGroup) -> None:
    if group.pupils.exists():
        raise ValidationError(_("The class has pupils; it cannot be removed."))
    delete(group, actor)


@dataclass(frozen=True)
class ResultRow:
    """One pupil's answers at one wave, as entered or imported."""

    code: str
    group: StudyGroup
    wave: int
    scores: Sequence[int]
    sex: str = ""
    birth_year: int | None = None
    assessed_on: date | None = None


def _pupil(actor: Any, study: Study, row: ResultRow, cache: dict[str, Pupil]) -> Pupil:
    code = normalize_pupil_code(row.code)
    pupil = cache.get(code)
    if pupil is None:
        pupil = Pupil.objects.filter(study=study, code=code).first()
    if pupil is None:
        pupil = Pupil(study=study, code=code, group=row.group)
    elif pupil.group_id != row.group.pk:
        raise ValidationError(
            _("Pupil %(code)s is in class %(group)s; a pupil stays in one class of a study.")
            % {"code": code, "group": pupil.group.code}
        )
    changed = pupil.pk is None
    if row.sex and row.sex != pupil.sex:
        pupil.sex, changed = row.sex, True
    if row.birth_year and row.birth_year != pupil.birth_year:
        pupil.birth_year, changed = row.birth_year, True
    if changed:
        save(pupil, actor)
    cache[code] = pupil
    return pupil


@transaction.atomic
def results_save(*, actor: Any, study: Study, rows: Iterable[ResultRow]) -> int:
    """Create or replace results; all rows or none. Returns how many rows changed."""
    changed = 0
    cache: dict[str, Pupil] = {}
    for row in rows:
        if row.group.study_id != study.pk:
            raise ValidationError(_("Choose a class of this study."))
        pupil = _pupil(actor, study, row, cache)
        result = PupilResult.objects.filter(pupil=pupil, wave=row.wave).first()
        if result is None:
            result = PupilResult(pupil=pupil, wave=row.wave)
        elif list(result.scores) == list(row.scores) and (
            row.assessed_on is None or row.assessed_on == result.assessed_on
        ):
            continue
        result.scores = list(row.scores)
        result.assessed_on = row.assessed_on or result.assessed_on
        result.entered_by = actor
        save(result, actor)
        changed += 1
    return changed


@transaction.atomic
def result_delete(*, actor: Any, result: PupilResult) -> None:
    delete(result, actor)


def pupil_data_logged(
    *, actor: Any, study: Study, action: str, detail: str = "", ip_address: str | None = None
) -> PupilDataAccess:
    """Record one look at or export of the study's pupil-level data; an export is also a
    security event (the platform administrator's log)."""
    if action == PupilDataAccess.Action.EXPORT_XLSX:
        security_event_record(
            kind=SecurityEvent.Kind.PUPIL_EXPORT,
            user=actor,
            ip_address=ip_address,
            detail={"study": study.code, "format": "xlsx", "rows": detail},
        )
    return PupilDataAccess.objects.create(
        cluster_id=study.cluster_id,
        study=study,
        study_title=study.title[:300],
        user=actor if getattr(actor, "pk", None) else None,
        username=getattr(actor, "username", "") or "",
        action=action,
        detail=detail[:300],
        ip_address=ip_address or None,
    )
