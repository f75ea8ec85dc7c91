"""Importing a round's hosts: institution, seats, subject, language, mentor and ranking mode."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from educluster.core.text import fold, normalize_uz
from educluster.core.utils import verbose_name
from educluster.imports.handlers import Column, RowOutcome, register
from educluster.placements.importers._common import ROUND_COLUMN, RoundImporter, changed
from educluster.placements.models import Host
from educluster.placements.services.hosts import check_host_capacity
from educluster.placements.services.inputs import host_save
from educluster.registry.importers import choice_lookup

FIELDS = ["institution", "label", "subject", "language", "capacity", "mentor", "ranking"]


@register
class HostImporter(RoundImporter):
    kind = "placement-hosts"
    title = gettext_lazy("Placement hosts")
    columns = [
        ROUND_COLUMN,
        Column(
            "institution",
            gettext_lazy("Institution"),
            required=True,
            help=gettext_lazy("Code or exact name of a member institution"),
            example="CHR-SCH-3",
        ),
        Column(
            "label",
            gettext_lazy("Seats"),
            help=gettext_lazy(
                "What the seats are, e.g. “Fine arts, grades 5–7”; a host already in the round "
                "with the same institution and text is updated."
            ),
            example="Tasviriy sanʼat, 5–7-sinflar",
        ),
        Column("subject", gettext_lazy("Subject"), example="Tasviriy sanʼat"),
        Column("language", gettext_lazy("Language of instruction"), example="uz"),
        Column(
            "capacity",
            gettext_lazy("Number of seats"),
            required=True,
            help=gettext_lazy("A whole number, 0 or more"),
            example="3",
        ),
        Column(
            "mentor",
            gettext_lazy("Mentor teacher"),
            help=gettext_lazy("E-mail or account username of a teacher of the institution"),
            example="mentor",
        ),
        Column(
            "ranking",
            gettext_lazy("Ranking of applicants"),
            help=gettext_lazy("“priority” (the round's rule, the default) or “explicit”"),
            example="priority",
        ),
    ]

    def prepare(self) -> None:
        super().prepare()
        self.load_hosts()
        self.load_places()
        self.load_institutions()
        self.load_people()
        self.rankings = choice_lookup(Host.Ranking.choices)
        self.existing: dict[tuple[int, int, str], Host] = {
            (h.round_id, h.institution_id, fold(h.label)): h for h in self.hosts_by_pk.values()
        }
        self.seen: dict[tuple[int, int, str], int] = {}

    def reference(self) -> list[tuple[str, list[str]]]:
        self.prepare()
        return [
            self.round_reference(),
            (
                str(self.column("institution").label),
                sorted({f"{i.code or ''} — {i.name}" for i in self.institutions.values()}),
            ),
            (
                str(self.column("ranking").label),
                [f"{v} — {label}" for v, label in Host.Ranking.choices],
            ),
            self.host_reference_lines(),
            *self.place_reference(),
        ]

    def check_row(self, number: int, values: dict[str, str]) -> RowOutcome:
        outcome = RowOutcome(number=number)
        col = self.column
        rnd = self.find_round(outcome, values.get("round", ""))
        raw_institution = values.get("institution", "").strip()
        institution = self.institutions.get(fold(raw_institution))
        if not raw_institution:
            outcome.error(col("institution"), _("This field is required."))
        elif institution is None:
            outcome.error(
                col("institution"),
                _("“%(value)s” is not a member institution of this cluster.")
                % {"value": raw_institution},
            )
        label = normalize_uz(values.get("label", ""))
        subject = normalize_uz(values.get("subject", ""))
        for name, text, limit in (("label", label, 200), ("subject", subject, 120)):
            if len(text) > limit:
                outcome.error(col(name), _("Longer than %(n)d characters.") % {"n": limit})
        raw_language = values.get("language", "").strip()
        language = self.find_language(outcome, "language", raw_language) if raw_language else None
        capacity = self._capacity(outcome, values.get("capacity", ""))
        raw_mentor = values.get("mentor", "").strip()
        mentor = None
        if raw_mentor:
            mentor = self.find_person(outcome, col("mentor"), raw_mentor)
            if mentor and institution and mentor.institution_id != institution.pk:
                outcome.error(
                    col("mentor"),
                    _("%(name)s does not work at %(institution)s.")
                    % {"name": mentor.full_name, "institution": institution.name},
                )
        raw_ranking = values.get("ranking", "").strip()
        ranking = self.rankings.get(fold(raw_ranking)) if raw_ranking else Host.Ranking.PRIORITY
        if ranking is None:
            outcome.error(
                col("ranking"),
                _("Unknown ranking “%(value)s”; see the reference sheet.") % {"value": raw_ranking},
            )
        name = (institution.short_name or institution.name) if institution else raw_institution
        outcome.label = f"{name} — {label}" if label else name
        if rnd is None or institution is None:
            return outcome
        key = (rnd.pk, institution.pk, fold(label))
        if key in self.seen:
            outcome.error(
                col("label"),
                _("The same institution and seats are already on row %(row)d.")
                % {"row": self.seen[key]},
            )
        else:
            self.seen[key] = number
        data: dict[str, Any] = {
            "institution": institution,
            "label": label,
            "subject": subject,
            "language": language,
            "capacity": capacity,
            "mentor": mentor,
            "ranking": ranking,
        }
        target = self.existing.get(key)
        outcome.key, outcome.data, outcome.target = "|".join(map(str, key)), data, target
        if outcome.errors:
            return outcome
        if target is not None and target.is_generated:
            self._check_source(outcome, target, capacity)
        if target is None:
            outcome.action = "create"
            outcome.data["round"] = rnd
            return outcome
        for field in FIELDS:
            old, new = getattr(target, field), data[field]
            if field == "ranking":
                old, new = target.get_ranking_display(), Host.Ranking(str(new)).label
            changed(outcome, verbose_name(Host, field), old, new)
        outcome.action = "update" if outcome.changes else "unchanged"
        return outcome

    def _capacity(self, outcome: RowOutcome, raw: str) -> int | None:
        raw = raw.strip()
        column = self.column("capacity")
        if not raw:
            outcome.error(column, _("This field is required."))
            return None
        number = raw[:-2] if raw.endswith(".0") else raw  # a spreadsheet's 3.0 is 3
        if not number.lstrip("-").isdigit():
            outcome.error(column, _("“%(value)s” is not a whole number.") % {"value": raw})
            return None
        if int(number) < 0:
            outcome.error(
                column,
                _("The number of seats cannot be below zero (%(n)s given).") % {"n": number},
            )
            return None
        return int(number)

    def _check_source(self, outcome: RowOutcome, host: Host, capacity: Any) -> None:
        """A host generated from a lab term or a seat offer has no more seats than are left."""
        probe = Host(
            pk=host.pk,
            round_id=host.round_id,
            lab_id=host.lab_id,
            term_id=host.term_id,
            offer_id=host.offer_id,
            vacancy_id=host.vacancy_id,
            capacity=capacity,
        )
        try:
            check_host_capacity(probe)
        except ValidationError as error:
            for message in error.messages:
                outcome.error(self.column("capacity"), message)

    def apply_row(self, outcome: RowOutcome) -> None:
        data = outcome.data
        host = outcome.target or Host(round=data.pop("round"))
        for field in FIELDS:
            setattr(host, field, data[field])
        host_save(actor=self.actor, host=host)
