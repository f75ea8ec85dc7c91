"""Importing a round's applicants with their ranked choices of hosts."""

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from educluster.accounts.models import Person
from educluster.core.text import normalize_uz
from educluster.core.utils import verbose_name
from educluster.imports.handlers import Column, RowOutcome, register
from educluster.placements.importers._common import (
    ROUND_COLUMN,
    RoundImporter,
    changed,
    parse_decimal,
    split_list,
)
from educluster.placements.models import Applicant, PlacementRound
from educluster.placements.services.imports import applicant_import

KEEP = gettext_lazy("Leave empty to keep what is recorded.")


@register
class ApplicantImporter(RoundImporter):
    kind = "placement-applicants"
    title = gettext_lazy("Placement applicants and their choices")
    columns = [
        ROUND_COLUMN,
        Column(
            "person",
            gettext_lazy("Student"),
            required=True,
            help=gettext_lazy(
                "E-mail, account username or registry number of a student of the cluster"
            ),
            example="student",
        ),
        Column("specialty", gettext_lazy("Specialty"), help=KEEP, example="Tasviriy sanʼat"),
        Column("languages", gettext_lazy("Languages"), help=KEEP, example="uz, ru"),
        Column("district", gettext_lazy("District of residence"), help=KEEP, example="parkent"),
        Column("grade_average", gettext_lazy("Grade average"), help=KEEP, example="86.5"),
        Column(
            "targeted_district",
            gettext_lazy("Targeted-training contract district"),
            help=gettext_lazy("Empty: the district of the student's running contract."),
            example="",
        ),
        Column(
            "choices",
            gettext_lazy("Choices"),
            help=gettext_lazy(
                "Host numbers in order of preference, separated by “;” (see the reference "
                "sheet). Leave empty to keep the recorded list."
            ),
            example="14; 12; 15",
        ),
    ]

    def prepare(self) -> None:
        super().prepare()
        self.load_hosts()
        self.load_places()
        self.load_people([Person.Kind.STUDENT, Person.Kind.OTHER])
        rounds = [r.pk for r in self.editable_rounds()]
        self.existing: dict[tuple[int, int], Applicant] = {
            (a.round_id, a.person_id): a
            for a in Applicant.objects.filter(round_id__in=rounds)
            .select_related("district", "targeted_district")
            .prefetch_related("languages", "preferences")
        }
        self.seen: dict[tuple[int, int], int] = {}

    def reference(self) -> list[tuple[str, list[str]]]:
        self.prepare()
        return [self.round_reference(), self.host_reference_lines(), *self.place_reference()]

    def check_row(self, number: int, values: dict[str, str]) -> RowOutcome:
        outcome = RowOutcome(number=number)
        col = self.column
        rnd = self.find_round(outcome, values.get("round", ""))
        raw_person = values.get("person", "").strip()
        person = None
        if not raw_person:
            outcome.error(col("person"), _("This field is required."))
        else:
            person = self.find_person(outcome, col("person"), raw_person)
        if (
            person is not None
            and rnd is not None
            and rnd.kind == PlacementRound.Kind.PRACTICE
            and person.kind != Person.Kind.STUDENT
        ):
            outcome.error(
                col("person"),
                _("%(name)s is not a student; a practice round takes students.")
                % {"name": person.full_name},
            )
        fields: dict[str, Any] = {}
        specialty = normalize_uz(values.get("specialty", ""))
        if len(specialty) > 120:
            outcome.error(col("specialty"), _("Longer than %(n)d characters.") % {"n": 120})
        elif specialty:
            fields["specialty"] = specialty
        for name in ("district", "targeted_district"):
            raw = values.get(name, "").strip()
            if raw:
                fields[name] = self.find_district(outcome, name, raw)
        raw_grade = values.get("grade_average", "").strip()
        if raw_grade:
            grade = parse_decimal(raw_grade)
            if grade is None or not Decimal(0) <= grade <= Decimal(100):
                outcome.error(
                    col("grade_average"),
                    _("“%(value)s” is not a number from 0 to 100.") % {"value": raw_grade},
                )
            else:
                fields["grade_average"] = grade.quantize(Decimal("0.01"))
        languages = None
        if values.get("languages", "").strip():
            languages = [
                self.find_language(outcome, "languages", part)
                for part in split_list(values["languages"])
            ]
        host_ids = self._choices(outcome, rnd, values.get("choices", ""))

        label = person.full_name if person else raw_person
        outcome.label = f"{label} ({rnd.title})" if rnd else label
        if rnd is None or person is None:
            return outcome
        key = (rnd.pk, person.pk)
        if key in self.seen:
            outcome.error(
                col("person"),
                _("%(name)s is already on row %(row)d for this round.")
                % {"name": person.full_name, "row": self.seen[key]},
            )
        else:
            self.seen[key] = number
        outcome.key = f"{rnd.pk}|{person.pk}"
        outcome.data = {
            "round": rnd,
            "person": person,
            "fields": fields,
            "languages": languages,
            "host_ids": host_ids,
        }
        if outcome.errors:
            return outcome
        self._compare(outcome, self.existing.get(key), fields, languages, host_ids)
        return outcome

    def _choices(self, outcome: RowOutcome, rnd: PlacementRound | None, raw: str) -> Any:
        parts = split_list(raw)
        if not parts or rnd is None:
            return None
        column = self.column("choices")
        if len(parts) > rnd.max_choices:
            outcome.error(
                column,
                _("%(n)d choices given; the round “%(round)s” allows at most %(max)d.")
                % {"n": len(parts), "round": rnd.title, "max": rnd.max_choices},
            )
        host_ids: list[int] = []
        for position, part in enumerate(parts, start=1):
            host = self.find_host(outcome, column, rnd, part)
            if host is None:
                continue
            if host.pk in host_ids:
                outcome.error(
                    column,
                    _("%(host)s is chosen twice (choices %(first)d and %(second)d).")
                    % {
                        "host": host,
                        "first": host_ids.index(host.pk) + 1,
                        "second": position,
                    },
                )
                continue
            host_ids.append(host.pk)
        return host_ids

    def _compare(
        self,
        outcome: RowOutcome,
        applicant: Applicant | None,
        fields: dict[str, Any],
        languages: Any,
        host_ids: Any,
    ) -> None:
        if applicant is None:
            outcome.action = "create"
            for name, value in fields.items():
                changed(outcome, verbose_name(Applicant, name), None, value)
        else:
            for name, value in fields.items():
                changed(
                    outcome,
                    verbose_name(Applicant, name),
                    getattr(applicant, name),
                    value,
                )
        old_languages = sorted(lang.code for lang in applicant.languages.all()) if applicant else []
        if languages is not None:
            new_languages = sorted({lang.code for lang in languages})
            if new_languages != old_languages:
                changed(
                    outcome,
                    _("languages"),
                    ", ".join(old_languages),
                    ", ".join(new_languages),
                )
        old_choices = (
            [p.host_id for p in sorted(applicant.preferences.all(), key=lambda p: p.position)]
            if applicant
            else []
        )
        if host_ids is not None and host_ids != old_choices:
            changed(
                outcome,
                _("choices"),
                "; ".join(str(self.hosts_by_pk[h]) for h in old_choices if h in self.hosts_by_pk),
                "; ".join(str(self.hosts_by_pk[h]) for h in host_ids),
            )
        if applicant is not None:
            outcome.action = "update" if outcome.changes else "unchanged"
            outcome.target = applicant

    def apply_row(self, outcome: RowOutcome) -> None:
        applicant_import(actor=self.actor, **outcome.data)
