"""Importing reference inputs: curriculum, pupils, attrition by age band, graduates."""

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from educluster.core.text import fold
from educluster.imports.handlers import Column, Importer, RowOutcome, register
from educluster.registry.models import District, Language
from educluster.workforce import services
from educluster.workforce.importers import _parse as parse
from educluster.workforce.models import (
    AgeBand,
    AttritionRate,
    CurriculumHours,
    DistrictNorm,
    GraduateCohort,
    PupilCount,
    Subject,
)
from educluster.workforce.selectors import cluster_districts

SUBJECT_HELP = gettext_lazy("Code or name of a subject; see the reference sheet")


class _ReferenceImporter(Importer):
    permission = "workforce.import_reference"
    done_url_name = "workforce:reference"
    fields: list[str] = []
    seen: dict[str, int]
    existing: dict[Any, Any]

    def _finish(self, outcome: RowOutcome, key: str, target: Any, data: dict[str, Any]) -> None:
        if key in self.seen:
            outcome.error(self.columns[0], _("Duplicate of row %(row)d.") % {"row": self.seen[key]})
        else:
            self.seen[key] = outcome.number
        outcome.key, outcome.data, outcome.target = key, data, target
        if outcome.errors:
            return
        if target is None:
            outcome.action = "create"
            return
        for name in self.fields:
            old, new = getattr(target, name), data[name]
            if old != new:
                label = str(target._meta.get_field(name).verbose_name)
                outcome.changes.append((label, "—" if old is None else str(old), str(new)))
        outcome.action = "update" if outcome.changes else "unchanged"


@register
class CurriculumImporter(_ReferenceImporter):
    kind = "workforce-curriculum"
    title = gettext_lazy("Curriculum (weekly hours)")
    columns = [
        Column(
            "subject",
            gettext_lazy("Subject"),
            required=True,
            help=SUBJECT_HELP,
            example="fine_arts",
        ),
        Column("grade", gettext_lazy("Grade"), required=True, example="5"),
        Column("weekly_hours", gettext_lazy("Weekly hours"), required=True, example="1"),
    ]
    fields = ["weekly_hours"]

    def prepare(self) -> None:
        self.subjects = parse.subject_lookup()
        self.existing = {
            (r.subject_id, r.grade): r for r in CurriculumHours.objects.filter(cluster=self.cluster)
        }
        self.seen = {}

    def reference(self) -> list[tuple[str, list[str]]]:
        return [(str(self.column("subject").label), parse.reference_list(Subject.objects.all()))]

    def check_row(self, number: int, values: dict[str, str]) -> RowOutcome:
        outcome = RowOutcome(number=number)
        col = self.column
        subject = parse.choice(outcome, col("subject"), values.get("subject", ""), self.subjects)
        grade = parse.grade(outcome, col("grade"), values.get("grade", ""))
        hours = parse.number(
            outcome,
            col("weekly_hours"),
            values.get("weekly_hours", ""),
            low=Decimal(0),
            high=Decimal(40),
            places=1,
        )
        outcome.label = f"{subject or values.get('subject', '')} · {grade or ''}"
        target = self.existing.get((subject.pk, grade)) if subject and grade else None
        key = f"{subject.pk if subject else values.get('subject')}|{grade}"
        data = {"subject": subject, "grade": grade, "weekly_hours": hours}
        self._finish(outcome, key, target, data)
        return outcome

    def apply_row(self, outcome: RowOutcome) -> None:
        services.curriculum_upsert(actor=self.actor, cluster=self.cluster, **outcome.data)


@register
class AttritionImporter(_ReferenceImporter):
    kind = "workforce-attrition"
    title = gettext_lazy("Attrition by age band")
    columns = [
        Column("age_band", gettext_lazy("Age band"), required=True, example="55-59"),
        Column("rate", gettext_lazy("Attrition rate"), required=True, example="0.05"),
    ]
    fields = ["rate"]

    def prepare(self) -> None:
        self.bands = {fold(v): v for v in AgeBand.values} | {
            fold(label): v for v, label in AgeBand.choices
        }
        self.existing = {r.age_band: r for r in AttritionRate.objects.filter(cluster=self.cluster)}
        self.seen = {}

    def reference(self) -> list[tuple[str, list[str]]]:
        return [(str(self.column("age_band").label), list(AgeBand.values))]

    def check_row(self, number: int, values: dict[str, str]) -> RowOutcome:
        outcome = RowOutcome(number=number)
        col = self.column
        band = parse.choice(outcome, col("age_band"), values.get("age_band", ""), self.bands)
        rate = parse.number(
            outcome,
            col("rate"),
            values.get("rate", ""),
            low=Decimal(0),
            high=Decimal(1),
            places=4,
            rate=True,
        )
        outcome.label = str(band or values.get("age_band", ""))
        data = {"age_band": band, "rate": rate}
        self._finish(outcome, str(band), self.existing.get(band), data)
        return outcome

    def apply_row(self, outcome: RowOutcome) -> None:
        services.attrition_upsert(actor=self.actor, cluster=self.cluster, **outcome.data)


@register
class PupilImporter(_ReferenceImporter):
    kind = "workforce-pupils"
    title = gettext_lazy("Pupils by grade and language")
    columns = [
        Column("district", gettext_lazy("District"), required=True, example="parkent"),
        Column("year", gettext_lazy("School year (start)"), required=True, example="2025"),
        Column("grade", gettext_lazy("Grade"), required=True, example="5"),
        Column("language", gettext_lazy("Language of instruction"), required=True, example="uz"),
        Column("pupils", gettext_lazy("Pupils"), required=True, example="312"),
        Column("classes", gettext_lazy("Classes"), example="11"),
    ]
    fields = ["pupils", "classes"]

    def prepare(self) -> None:
        self.districts = parse.lookup(
            cluster_districts(self.cluster), "code", "name_uz", "name_ru", "name_en"
        )
        self.languages = parse.lookup(
            Language.objects.all(), "code", "name_uz", "name_ru", "name_en"
        )
        self.existing = {
            (r.district_id, r.year, r.grade, r.language_id): r
            for r in PupilCount.objects.filter(cluster=self.cluster)
        }
        self.seen = {}

    def reference(self) -> list[tuple[str, list[str]]]:
        return [
            (
                str(self.column("district").label),
                [f"{d.code} — {d.name}" for d in cluster_districts(self.cluster)],
            ),
            (
                str(self.column("language").label),
                [f"{lang.code} — {lang.name}" for lang in Language.objects.all()],
            ),
        ]

    def check_row(self, number: int, values: dict[str, str]) -> RowOutcome:
        outcome = RowOutcome(number=number)
        col = self.column
        district: District | None = parse.choice(
            outcome, col("district"), values.get("district", ""), self.districts
        )
        year = parse.whole(outcome, col("year"), values.get("year", ""), low=2000, high=2100)
        grade = parse.grade(outcome, col("grade"), values.get("grade", ""))
        language = parse.choice(
            outcome, col("language"), values.get("language", ""), self.languages
        )
        pupils = parse.whole(outcome, col("pupils"), values.get("pupils", ""), low=0, high=10**6)
        classes = parse.whole(
            outcome, col("classes"), values.get("classes", ""), low=0, high=10**5, required=False
        )
        if pupils and classes == 0:
            outcome.error(col("classes"), _("Pupils need at least one class."))
        ids = (district.pk if district else None, year, grade, language.pk if language else None)
        outcome.label = f"{district or ''} {year or ''} · {grade or ''} · {language or ''}"
        data = {
            "district": district,
            "year": year,
            "grade": grade,
            "language": language,
            "pupils": pupils,
            "classes": classes,
        }
        self._finish(outcome, "|".join(map(str, ids)), self.existing.get(ids), data)
        return outcome

    def apply_row(self, outcome: RowOutcome) -> None:
        services.pupil_count_upsert(actor=self.actor, cluster=self.cluster, **outcome.data)


@register
class GraduateImporter(_ReferenceImporter):
    kind = "workforce-graduates"
    title = gettext_lazy("Graduates and employment rates")
    columns = [
        Column(
            "specialty",
            gettext_lazy("Specialty"),
            required=True,
            help=SUBJECT_HELP,
            example="fine_arts",
        ),
        Column("year", gettext_lazy("Graduation year"), required=True, example="2025"),
        Column("graduates", gettext_lazy("Graduates"), required=True, example="58"),
        Column(
            "employment_rate",
            gettext_lazy("Employment rate in the specialty"),
            required=True,
            help=gettext_lazy("Share of graduates who took a teaching post: 0–1 or 0–100%"),
            example="0.62",
        ),
    ]
    fields = ["graduates", "employment_rate"]

    def prepare(self) -> None:
        self.subjects = parse.subject_lookup()
        self.existing = {
            (r.specialty_id, r.year): r for r in GraduateCohort.objects.filter(cluster=self.cluster)
        }
        self.seen = {}

    def reference(self) -> list[tuple[str, list[str]]]:
        return [(str(self.column("specialty").label), parse.reference_list(Subject.objects.all()))]

    def check_row(self, number: int, values: dict[str, str]) -> RowOutcome:
        outcome = RowOutcome(number=number)
        col = self.column
        specialty = parse.choice(
            outcome, col("specialty"), values.get("specialty", ""), self.subjects
        )
        year = parse.whole(outcome, col("year"), values.get("year", ""), low=2000, high=2100)
        graduates = parse.whole(
            outcome, col("graduates"), values.get("graduates", ""), low=0, high=100_000
        )
        rate = parse.number(
            outcome,
            col("employment_rate"),
            values.get("employment_rate", ""),
            low=Decimal(0),
            high=Decimal(1),
            places=4,
            rate=True,
        )
        outcome.label = f"{specialty or values.get('specialty', '')} {year or ''}"
        ids = (specialty.pk if specialty else None, year)
        data = {
            "specialty": specialty,
            "year": year,
            "graduates": graduates,
            "employment_rate": rate,
        }
        self._finish(outcome, "|".join(map(str, ids)), self.existing.get(ids), data)
        return outcome

    def apply_row(self, outcome: RowOutcome) -> None:
        services.graduate_upsert(actor=self.actor, cluster=self.cluster, **outcome.data)


@register
class DistrictNormImporter(_ReferenceImporter):
    kind = "workforce-districts"
    title = gettext_lazy("District norms")
    columns = [
        Column("district", gettext_lazy("District"), required=True, example="parkent"),
        Column("max_class_size", gettext_lazy("Class-size norm"), example="28"),
        Column(
            "intake_growth",
            gettext_lazy("Growth of grade-1 intake"),
            help=gettext_lazy("E.g. 0.02 for 2 % a year; empty: estimated from the pupil history"),
            example="0.02",
        ),
        Column("graduate_share", gettext_lazy("Share of graduates"), required=True, example="0.01"),
    ]
    fields = ["max_class_size", "intake_growth", "graduate_share"]

    def prepare(self) -> None:
        self.districts = parse.lookup(
            cluster_districts(self.cluster), "code", "name_uz", "name_ru", "name_en"
        )
        self.existing = {
            n.district_id: n for n in DistrictNorm.objects.filter(cluster=self.cluster)
        }
        self.seen = {}

    def reference(self) -> list[tuple[str, list[str]]]:
        return [
            (
                str(self.column("district").label),
                [f"{d.code} — {d.name}" for d in cluster_districts(self.cluster)],
            )
        ]

    def check_row(self, number: int, values: dict[str, str]) -> RowOutcome:
        outcome = RowOutcome(number=number)
        col = self.column
        district = parse.choice(
            outcome, col("district"), values.get("district", ""), self.districts
        )
        size = parse.number(
            outcome,
            col("max_class_size"),
            values.get("max_class_size", ""),
            low=Decimal(1),
            high=Decimal(60),
            places=1,
            required=False,
        )
        growth = parse.number(
            outcome,
            col("intake_growth"),
            values.get("intake_growth", ""),
            low=Decimal("-0.5"),
            high=Decimal("0.5"),
            places=4,
            required=False,
        )
        share = parse.number(
            outcome,
            col("graduate_share"),
            values.get("graduate_share", ""),
            low=Decimal(0),
            high=Decimal(1),
            places=4,
            rate=True,
        )
        outcome.label = str(district or values.get("district", ""))
        data = {
            "district": district,
            "max_class_size": size,
            "intake_growth": growth,
            "graduate_share": share,
        }
        target = self.existing.get(district.pk) if district else None
        self._finish(
            outcome, str(district.pk if district else values.get("district")), target, data
        )
        return outcome

    def apply_row(self, outcome: RowOutcome) -> None:
        data = dict(outcome.data)
        services.district_norm_save(
            actor=self.actor, cluster=self.cluster, district=data.pop("district"), **data
        )
