"""Importing positions and the staff records on them.

Both match rows by institution and the position's code. A coordinator imports for every member
institution of the cluster, a member head only for their own institution. Positions are created
vacant (or on hold); importing a staff record onto a post fills it.
"""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from educluster.core.text import fold, normalize_uz
from educluster.core.utils import verbose_name
from educluster.imports.handlers import Column, Importer, RowOutcome, register
from educluster.registry.importers import choice_lookup
from educluster.registry.models import Institution, Language
from educluster.workforce import services
from educluster.workforce.importers import _parse as parse
from educluster.workforce.models import (
    AgeBand,
    Position,
    QualificationCategory,
    StaffRecord,
    Subject,
)
from educluster.workforce.selectors import manageable_institutions

INSTITUTION_HELP = gettext_lazy("Code or exact name of a member institution you manage")


class _PositionsBase(Importer):
    permission = "workforce.import_positions"
    done_url_name = "workforce:positions"

    def prepare(self) -> None:
        institutions = list(manageable_institutions(self.actor, self.cluster))
        self.institutions = parse.lookup(institutions, "code", "name", "short_name")
        self.institution_ids = [i.pk for i in institutions]
        self.positions = {
            (p.institution_id, p.code.casefold()): p
            for p in Position.objects.filter(institution__in=institutions).exclude(code="")
        }
        self.subjects = parse.subject_lookup()
        self.seen: dict[str, int] = {}

    def _institution(self, outcome: RowOutcome, raw: str) -> Institution | None:
        if not raw.strip():
            outcome.error(self.column("institution"), _("This field is required."))
            return None
        found = self.institutions.get(fold(raw))
        if found is None:
            outcome.error(
                self.column("institution"),
                _("“%(value)s” is not a member institution of this cluster that you manage.")
                % {"value": raw},
            )
        return found

    def _key(self, outcome: RowOutcome, key: str, column: Column) -> None:
        if key in self.seen:
            outcome.error(column, _("Duplicate of row %(row)d.") % {"row": self.seen[key]})
        else:
            self.seen[key] = outcome.number

    def reference(self) -> list[tuple[str, list[str]]]:
        self.prepare()
        return [
            (
                str(self.column("institution").label),
                sorted({f"{i.code or ''} — {i.name}" for i in self.institutions.values()}),
            ),
            (
                str(_("Subject")),
                parse.reference_list(Subject.objects.all()),
            ),
        ]


@register
class PositionImporter(_PositionsBase):
    kind = "workforce-positions"
    title = gettext_lazy("Positions")
    columns = [
        Column(
            "institution",
            gettext_lazy("Institution"),
            required=True,
            help=INSTITUTION_HELP,
            example="PAR-SCH-12",
        ),
        Column("code", gettext_lazy("Position code"), required=True, example="TSA-1"),
        Column("subject", gettext_lazy("Subject"), required=True, example="fine_arts"),
        Column("weekly_hours", gettext_lazy("Weekly hours"), required=True, example="18"),
        Column("load_fraction", gettext_lazy("Load (stavka)"), required=True, example="1"),
        Column("language", gettext_lazy("Language of instruction"), example="uz"),
        Column("status", gettext_lazy("Status"), example="vacant"),
        Column("note", gettext_lazy("Note")),
    ]
    fields = ["subject", "weekly_hours", "load_fraction", "language", "status", "note"]

    def prepare(self) -> None:
        super().prepare()
        self.languages = parse.lookup(
            Language.objects.all(), "code", "name_uz", "name_ru", "name_en"
        )
        self.statuses = choice_lookup(Position.Status.choices)
        # By institution, not by a list of every post's id (tens of thousands at scale).
        self.held = set(
            StaffRecord.objects.filter(
                end_date__isnull=True, position__institution__in=self.institution_ids
            ).values_list("position_id", flat=True)
        )

    def reference(self) -> list[tuple[str, list[str]]]:
        return [
            *super().reference(),
            (
                str(self.column("status").label),
                [f"{v} — {label}" for v, label in Position.Status.choices],
            ),
        ]

    def check_row(self, number: int, values: dict[str, str]) -> RowOutcome:
        outcome = RowOutcome(number=number)
        col = self.column
        institution = self._institution(outcome, values.get("institution", ""))
        code = values.get("code", "").strip()
        if not code:
            outcome.error(col("code"), _("This field is required."))
        elif len(code) > 40:
            outcome.error(col("code"), _("Longer than %(n)d characters.") % {"n": 40})
        subject = parse.choice(outcome, col("subject"), values.get("subject", ""), self.subjects)
        hours = parse.number(
            outcome,
            col("weekly_hours"),
            values.get("weekly_hours", ""),
            low=Decimal("0.5"),
            high=Decimal(40),
            places=1,
        )
        load = parse.number(
            outcome,
            col("load_fraction"),
            values.get("load_fraction", ""),
            low=Decimal("0.05"),
            high=Decimal(2),
            places=2,
        )
        language = parse.choice(
            outcome, col("language"), values.get("language", ""), self.languages, required=False
        )
        status = parse.choice(
            outcome, col("status"), values.get("status", ""), self.statuses, required=False
        )
        target = self.positions.get((institution.pk, code.casefold())) if institution else None
        held = target is not None and target.pk in self.held
        if status is None and not outcome.errors:
            status = target.status if target else Position.Status.VACANT
        if status in Position.HELD and not held:
            outcome.error(
                col("status"), _("Import the teacher (staff import) to mark the post filled.")
            )
        elif status is not None and status not in Position.HELD and held:
            outcome.error(col("status"), _("The post has a teacher; end that record first."))
        self._key(
            outcome, f"{institution.pk if institution else ''}|{code.casefold()}", col("code")
        )
        outcome.label = f"{institution or ''} · {code}"
        outcome.data = {
            "institution": institution,
            "code": code,
            "subject": subject,
            "weekly_hours": hours,
            "load_fraction": load,
            "language": language,
            "status": status,
            "note": normalize_uz(values.get("note", ""))[:300],
        }
        outcome.target = target
        if outcome.errors:
            return outcome
        if target is None:
            outcome.action = "create"
            return outcome
        for name in self.fields:
            old, new = getattr(target, name), outcome.data[name]
            if old != new:
                label = verbose_name(Position, name)
                outcome.changes.append((label, str(old or "—"), str(new or "—")))
        outcome.action = "update" if outcome.changes else "unchanged"
        return outcome

    def apply_row(self, outcome: RowOutcome) -> None:
        data: dict[str, Any] = dict(outcome.data)
        if outcome.target is None:
            services.position_create(actor=self.actor, **data)
        else:
            data.pop("institution")
            services.position_update(actor=self.actor, position=outcome.target, **data)

    def apply_rows(self, outcomes: list[RowOutcome], progress: Callable[[int], None]) -> None:
        """New posts in bulk (:func:`services.positions_create_many`: each still validated,
        with its history row), changed ones one by one as before."""
        new = [o for o in outcomes if o.action == "create"]
        services.positions_create_many(
            actor=self.actor, rows=[o.data for o in new], progress=progress
        )
        done = len(new)
        for outcome in outcomes:
            if outcome.action == "update":
                self.apply_row(outcome)
            if outcome.action != "create":
                done += 1
                progress(done)


@register
class StaffImporter(_PositionsBase):
    kind = "workforce-staff"
    title = gettext_lazy("Staff on positions")
    columns = [
        Column(
            "institution",
            gettext_lazy("Institution"),
            required=True,
            help=INSTITUTION_HELP,
            example="PAR-SCH-12",
        ),
        Column("position", gettext_lazy("Position code"), required=True, example="TSA-1"),
        Column(
            "qualification_category",
            gettext_lazy("Qualification category"),
            required=True,
            example="first",
        ),
        Column("specialty", gettext_lazy("Specialty"), required=True, example="fine_arts"),
        Column("age_band", gettext_lazy("Age band"), required=True, example="45-49"),
        Column("start_date", gettext_lazy("Start date"), required=True, example="2019-09-02"),
        Column(
            "interim",
            gettext_lazy("Interim"),
            help=gettext_lazy("yes: an acting teacher while the post is recruited for"),
            example="no",
        ),
    ]
    fields = ["qualification_category", "specialty", "age_band", "start_date"]

    def prepare(self) -> None:
        super().prepare()
        self.categories = choice_lookup(QualificationCategory.choices)
        self.bands = {fold(v): v for v in AgeBand.values} | {
            fold(label): v for v, label in AgeBand.choices
        }
        self.current = {
            r.position_id: r
            for r in StaffRecord.objects.filter(
                end_date__isnull=True, position__institution__in=self.institution_ids
            )
        }

    def reference(self) -> list[tuple[str, list[str]]]:
        return [
            *super().reference(),
            (
                str(self.column("qualification_category").label),
                [f"{v} — {label}" for v, label in QualificationCategory.choices],
            ),
            (str(self.column("age_band").label), list(AgeBand.values)),
        ]

    def check_row(self, number: int, values: dict[str, str]) -> RowOutcome:
        from datetime import date

        outcome = RowOutcome(number=number)
        col = self.column
        institution = self._institution(outcome, values.get("institution", ""))
        code = values.get("position", "").strip()
        position = self.positions.get((institution.pk, code.casefold())) if institution else None
        if not code:
            outcome.error(col("position"), _("This field is required."))
        elif institution is not None and position is None:
            outcome.error(
                col("position"),
                _("No position “%(code)s” at this institution; import the positions first.")
                % {"code": code},
            )
        elif position is not None and position.status == Position.Status.ON_HOLD:
            outcome.error(col("position"), _("The position is on hold; make it vacant first."))
        category = parse.choice(
            outcome,
            col("qualification_category"),
            values.get("qualification_category", ""),
            self.categories,
        )
        specialty = parse.choice(
            outcome, col("specialty"), values.get("specialty", ""), self.subjects
        )
        band = parse.choice(outcome, col("age_band"), values.get("age_band", ""), self.bands)
        raw_start = values.get("start_date", "").strip()
        start = None
        try:
            start = date.fromisoformat(raw_start)
        except ValueError:
            outcome.error(
                col("start_date"),
                _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": raw_start}
                if raw_start
                else _("This field is required."),
            )
        if start is not None and start > timezone.localdate():
            outcome.error(col("start_date"), _("The start date is in the future."))
        interim = fold(values.get("interim", "")) in {"yes", "ha", "да", "1", "true"}
        self._key(outcome, f"{position.pk if position else code}", col("position"))
        target = self.current.get(position.pk) if position else None
        outcome.label = f"{institution or ''} · {code}"
        outcome.data = {
            "position": position,
            "qualification_category": category,
            "specialty": specialty,
            "age_band": band,
            "start_date": start,
            "interim": interim,
        }
        outcome.target = target
        if outcome.errors:
            return outcome
        if target is None:
            outcome.action = "create"
            return outcome
        for name in self.fields:
            old, new = getattr(target, name), outcome.data[name]
            if old != new:
                label = verbose_name(StaffRecord, name)
                outcome.changes.append((label, str(old), str(new)))
        outcome.action = "update" if outcome.changes else "unchanged"
        return outcome

    def apply_row(self, outcome: RowOutcome) -> None:
        data: dict[str, Any] = dict(outcome.data)
        position = data.pop("position")
        interim = data.pop("interim")
        if outcome.target is None:
            services.staff_add(actor=self.actor, position=position, interim=interim, **data)
        else:
            services.staff_update(actor=self.actor, record=outcome.target, **data)
