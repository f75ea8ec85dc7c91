"""Reference inputs: settings, curriculum, district norms, pupils, attrition, graduates.

Table edits are all-or-nothing: every row is validated before the first is written, and the
whole table is saved in one transaction.
"""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from educluster.registry.models import Cluster, District, Language
from educluster.workforce import reference
from educluster.workforce.forecasting.snapshot import settings_for
from educluster.workforce.models import (
    AttritionRate,
    CurriculumHours,
    DistrictNorm,
    GraduateCohort,
    PupilCount,
    Subject,
    WorkforceSettings,
)
from educluster.workforce.services._common import delete, save


@transaction.atomic
def settings_save(*, actor: Any, cluster: Cluster, **fields: Any) -> WorkforceSettings:
    settings = settings_for(cluster)
    for name, value in fields.items():
        setattr(settings, name, value)
    save(settings, actor)
    return settings


def _label(row: Any, name: str) -> str:
    if name == NON_FIELD_ERRORS:
        return ""
    return f"{row._meta.get_field(name).verbose_name}: "


def _validated(rows: list[Any]) -> list[Any]:
    """full_clean every row first, so a bad row stops the table before anything is written."""
    for row in rows:
        try:
            row.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            reasons = "; ".join(
                f"{_label(row, name)}{' '.join(messages)}"
                for name, messages in error.message_dict.items()
            )
            raise ValidationError(f"{row}: {reasons}") from None
    return rows


@transaction.atomic
def curriculum_upsert(
    *, actor: Any, cluster: Cluster, subject: Subject, grade: int, weekly_hours: Decimal
) -> CurriculumHours:
    row = CurriculumHours.objects.filter(cluster=cluster, subject=subject, grade=grade).first()
    row = row or CurriculumHours(cluster=cluster, subject=subject, grade=grade)
    row.weekly_hours = weekly_hours
    save(row, actor)
    return row


@transaction.atomic
def curriculum_save(
    *, actor: Any, cluster: Cluster, table: Mapping[tuple[Subject, int], Decimal]
) -> int:
    """Save the (subject, grade) → weekly hours table; returns the number of rows changed."""
    existing = {(r.subject_id, r.grade): r for r in CurriculumHours.objects.filter(cluster=cluster)}
    changed = []
    for (subject, grade), hours in table.items():
        row = existing.get((subject.pk, grade)) or CurriculumHours(
            cluster=cluster, subject=subject, grade=grade
        )
        if row.pk is None or row.weekly_hours != hours:
            row.weekly_hours = hours
            changed.append(row)
    for row in _validated(changed):
        save(row, actor)
    return len(changed)


@transaction.atomic
def curriculum_load_example(*, actor: Any, cluster: Cluster) -> int:
    """Write the shipped example curriculum (``reference.EXAMPLE_CURRICULUM``) and its source."""
    subjects = {s.code: s for s in Subject.objects.filter(code__in=reference.EXAMPLE_CURRICULUM)}
    table = {
        (subjects[code], grade): Decimal(hours)
        for code, row in reference.EXAMPLE_CURRICULUM.items()
        if code in subjects
        for grade, hours in zip(reference.GRADES, row, strict=True)
    }
    changed = curriculum_save(actor=actor, cluster=cluster, table=table)
    settings_save(
        actor=actor, cluster=cluster, curriculum_source=reference.EXAMPLE_CURRICULUM_SOURCE
    )
    return changed


@transaction.atomic
def attrition_upsert(
    *, actor: Any, cluster: Cluster, age_band: str, rate: Decimal
) -> AttritionRate:
    row = AttritionRate.objects.filter(cluster=cluster, age_band=age_band).first()
    row = row or AttritionRate(cluster=cluster, age_band=age_band)
    row.rate = rate
    save(row, actor)
    return row


@transaction.atomic
def attrition_save(*, actor: Any, cluster: Cluster, rates: Mapping[str, Decimal]) -> int:
    existing = {r.age_band: r for r in AttritionRate.objects.filter(cluster=cluster)}
    changed = []
    for band, rate in rates.items():
        row = existing.get(band) or AttritionRate(cluster=cluster, age_band=band)
        if row.pk is None or row.rate != rate:
            row.rate = rate
            changed.append(row)
    for row in _validated(changed):
        save(row, actor)
    return len(changed)


@transaction.atomic
def district_norm_save(
    *, actor: Any, cluster: Cluster, district: District, **fields: Any
) -> DistrictNorm:
    norm = DistrictNorm.objects.filter(cluster=cluster, district=district).first()
    norm = norm or DistrictNorm(cluster=cluster, district=district)
    for name, value in fields.items():
        setattr(norm, name, value)
    save(norm, actor)
    return norm


@transaction.atomic
def pupil_count_upsert(
    *,
    actor: Any,
    cluster: Cluster,
    district: District,
    year: int,
    grade: int,
    language: Language,
    pupils: int,
    classes: int | None = None,
) -> PupilCount:
    row = PupilCount.objects.filter(
        cluster=cluster, district=district, year=year, grade=grade, language=language
    ).first()
    row = row or PupilCount(
        cluster=cluster, district=district, year=year, grade=grade, language=language
    )
    row.pupils, row.classes = pupils, classes
    save(row, actor)
    return row


@transaction.atomic
def pupils_save(
    *,
    actor: Any,
    cluster: Cluster,
    district: District,
    year: int,
    table: Mapping[tuple[int, Language], tuple[int | None, int | None]],
) -> int:
    """Save one district-year: (grade, language) → (pupils, classes). An empty pupils cell
    removes the row. Returns the number of rows changed."""
    existing = {
        (r.grade, r.language_id): r
        for r in PupilCount.objects.filter(cluster=cluster, district=district, year=year)
    }
    changed, removed = [], []
    for (grade, language), (pupils, classes) in table.items():
        row = existing.get((grade, language.pk))
        if pupils is None:
            if row is not None:
                removed.append(row)
            continue
        row = row or PupilCount(
            cluster=cluster, district=district, year=year, grade=grade, language=language
        )
        if row.pk is None or (row.pupils, row.classes) != (pupils, classes):
            row.pupils, row.classes = pupils, classes
            changed.append(row)
    if any(p is None and c is not None for p, c in table.values()):
        raise ValidationError(_("A grade has classes but no pupils."))
    for row in _validated(changed):
        save(row, actor)
    for row in removed:
        delete(row, actor)
    return len(changed) + len(removed)


@transaction.atomic
def graduate_upsert(
    *,
    actor: Any,
    cluster: Cluster,
    specialty: Subject,
    year: int,
    graduates: int,
    employment_rate: Decimal,
) -> GraduateCohort:
    row = GraduateCohort.objects.filter(cluster=cluster, specialty=specialty, year=year).first()
    row = row or GraduateCohort(cluster=cluster, specialty=specialty, year=year)
    row.graduates, row.employment_rate = graduates, employment_rate
    save(row, actor)
    return row


@transaction.atomic
def graduate_save(*, actor: Any, cohort: GraduateCohort) -> GraduateCohort:
    save(cohort, actor)
    return cohort


@transaction.atomic
def graduate_delete(*, actor: Any, cohort: GraduateCohort) -> None:
    delete(cohort, actor)
