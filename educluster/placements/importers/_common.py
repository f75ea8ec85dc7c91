"""Lookups shared by the placement importers: the round each row names, its hosts, people.

Every row names its round (by number or exact title), because the import framework is per
cluster. Hosts are named by their number (shown on the hosts page and in the template's
reference sheet) or, when the institution has a single host in the round, by the institution's
code or name. People are named by e-mail or account username, the keys that identify a person
today (or, for people without either, the number of their page in the registry).
"""

from collections import defaultdict
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from educluster.accounts.models import Person
from educluster.core.text import fold
from educluster.imports.handlers import Column, Importer, RowOutcome
from educluster.placements.models import Host, PlacementRound
from educluster.registry.models import District, Institution, Language, Membership

ROUND_COLUMN = Column(
    "round",
    gettext_lazy("Round"),
    required=True,
    help=gettext_lazy("The round's number (see the reference sheet) or its exact title"),
    example="12",
)

CHOICE_SEPARATORS = (";", "\n", ",")


def host_reference(host: Host) -> str:
    """How a host is written in a file and in the reference sheet: its number, then its name."""
    return f"{host.pk} — {host}"


def split_list(raw: str) -> list[str]:
    """Items of a list cell: separated by semicolons, commas or line breaks."""
    text = raw
    for separator in CHOICE_SEPARATORS[1:]:
        text = text.replace(separator, CHOICE_SEPARATORS[0])
    return [part.strip() for part in text.split(CHOICE_SEPARATORS[0]) if part.strip()]


def leading_number(raw: str) -> int | None:
    """``12``, ``#12`` or ``12 — School No. 3`` (as copied from the reference sheet) → 12."""
    head = raw.strip().lstrip("#").split("—")[0].split(" ")[0].strip()
    return int(head) if head.isdigit() else None


def parse_decimal(raw: str) -> Decimal | None:
    try:
        return Decimal(raw.strip().replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        return None


class RoundImporter(Importer):
    """Base of the placement importers: only the cluster's coordinator imports, only into a
    round whose inputs are still editable."""

    permission = "placements.manage_rounds"
    done_url_name = "placements:rounds"

    def prepare(self) -> None:
        rounds = list(PlacementRound.objects.filter(cluster=self.cluster).order_by("pk"))
        self.rounds_by_pk = {r.pk: r for r in rounds}
        self.rounds_by_title: dict[str, list[PlacementRound]] = defaultdict(list)
        for rnd in rounds:
            self.rounds_by_title[fold(rnd.title)].append(rnd)
        self.members = set(
            Membership.objects.active()
            .filter(cluster=self.cluster)
            .values_list("institution_id", flat=True)
        )

    # --- rounds ---------------------------------------------------------------------------

    def find_round(self, outcome: RowOutcome, raw: str) -> PlacementRound | None:
        """The round the row names, or None with the reason recorded on the row."""
        column = self.column("round")
        raw = raw.strip()
        if not raw:
            outcome.error(column, _("This field is required."))
            return None
        number = leading_number(raw)
        found = self.rounds_by_pk.get(number) if number is not None else None
        if found is None:
            by_title = self.rounds_by_title.get(fold(raw), [])
            if len(by_title) > 1:
                outcome.error(
                    column,
                    _("Several rounds are called “%(value)s”; give the round's number.")
                    % {"value": raw},
                )
                return None
            found = by_title[0] if by_title else None
        if found is None:
            outcome.error(
                column,
                _("“%(value)s” is not a placement round of this cluster.") % {"value": raw},
            )
            return None
        if not found.inputs_editable:
            outcome.error(
                column,
                _(
                    "The round “%(round)s” has been run; its hosts, applicants and rankings can "
                    "no longer change."
                )
                % {"round": found.title},
            )
            return None
        return found

    def editable_rounds(self) -> list[PlacementRound]:
        return [r for r in self.rounds_by_pk.values() if r.inputs_editable]

    def round_reference(self) -> tuple[str, list[str]]:
        return (
            str(self.column("round").label),
            [f"{r.pk} — {r.title}" for r in self.editable_rounds()],
        )

    # --- hosts ----------------------------------------------------------------------------

    def load_hosts(self) -> None:
        rounds = [r.pk for r in self.rounds_by_pk.values()]
        hosts = Host.objects.filter(round_id__in=rounds).select_related("institution")
        self.hosts_by_pk: dict[int, Host] = {h.pk: h for h in hosts}
        # (round, folded institution code/name/short name) → hosts of that institution.
        self.hosts_by_institution: dict[tuple[int, str], list[Host]] = defaultdict(list)
        for host in self.hosts_by_pk.values():
            institution = host.institution
            for name in {institution.code or "", institution.name, institution.short_name}:
                if name:
                    self.hosts_by_institution[(host.round_id, fold(name))].append(host)

    def find_host(
        self, outcome: RowOutcome, column: Column, rnd: PlacementRound, raw: str
    ) -> Host | None:
        """A host of ``rnd`` named by number or by its institution (when that has one host)."""
        number = leading_number(raw)
        if number is not None:
            host = self.hosts_by_pk.get(number)
            if host is None:
                outcome.error(column, _("There is no host number %(n)d.") % {"n": number})
                return None
            if host.round_id != rnd.pk:
                other = self.rounds_by_pk[host.round_id]
                outcome.error(
                    column,
                    _("Host %(n)d belongs to the round “%(other)s”, not to “%(round)s”.")
                    % {"n": number, "other": other.title, "round": rnd.title},
                )
                return None
            return host
        candidates = self.hosts_by_institution.get((rnd.pk, fold(raw)), [])
        if len(candidates) > 1:
            outcome.error(
                column,
                _("“%(value)s” has %(n)d hosts in this round; give the host's number.")
                % {"value": raw, "n": len(candidates)},
            )
            return None
        if not candidates:
            outcome.error(
                column,
                _("“%(value)s” is not a host of the round “%(round)s”.")
                % {"value": raw, "round": rnd.title},
            )
            return None
        return candidates[0]

    def host_reference_lines(self) -> tuple[str, list[str]]:
        lines = [
            f"{rnd.pk}: {host_reference(host)}"
            for rnd in self.editable_rounds()
            for host in sorted(
                (h for h in self.hosts_by_pk.values() if h.round_id == rnd.pk),
                key=lambda h: h.pk,
            )
        ]
        return (_("Hosts (round: number — host)"), lines)

    # --- institutions, people, districts, languages ---------------------------------------

    def load_institutions(self) -> None:
        self.institutions: dict[str, Institution] = {}
        for institution in Institution.objects.filter(pk__in=self.members):
            for name in (institution.code or "", institution.short_name, institution.name):
                if name:
                    self.institutions.setdefault(fold(name), institution)

    def load_people(self, kinds: list[str] | None = None) -> None:
        """People of the member institutions, by folded e-mail and by username."""
        people = Person.objects.filter(institution_id__in=self.members).select_related("user")
        if kinds:
            people = people.filter(kind__in=kinds)
        self.people_by_key: dict[str, list[Person]] = defaultdict(list)
        self.people_by_pk: dict[int, Person] = {}
        for person in people:
            self.people_by_pk[person.pk] = person
            if person.email:
                self.people_by_key[person.email.casefold()].append(person)
            if person.user_id and person.user:
                key = person.user.username.casefold()
                if person not in self.people_by_key[key]:
                    self.people_by_key[key].append(person)

    def find_person(self, outcome: RowOutcome, column: Column, raw: str) -> Person | None:
        raw = raw.strip()
        found = self.people_by_key.get(raw.casefold(), [])
        number = raw.lstrip("#")
        if not found and number.isdigit() and int(number) in self.people_by_pk:
            found = [self.people_by_pk[int(number)]]  # the number on the person's page
        if len(found) > 1:
            outcome.error(
                column,
                _("%(n)d people have “%(value)s”; give the username of their account.")
                % {"n": len(found), "value": raw},
            )
            return None
        if not found:
            outcome.error(
                column,
                _(
                    "Nobody at an institution of the cluster has the e-mail, username or number "
                    "“%(value)s”."
                )
                % {"value": raw},
            )
            return None
        return found[0]

    def load_places(self) -> None:
        self.districts: dict[str, District] = {}
        for district in District.objects.filter(region=self.cluster.region):
            for key in (district.code, district.name_uz, district.name_ru, district.name_en):
                if key:
                    self.districts[fold(key)] = district
        self.languages: dict[str, Language] = {}
        for language in Language.objects.all():
            for key in (language.code, language.name_uz, language.name_ru, language.name_en):
                if key:
                    self.languages[fold(key)] = language

    def find_district(self, outcome: RowOutcome, key: str, raw: str) -> District | None:
        district = self.districts.get(fold(raw))
        if district is None:
            outcome.error(
                self.column(key),
                _("Unknown district “%(value)s”; see the reference sheet.") % {"value": raw},
            )
        return district

    def find_language(self, outcome: RowOutcome, key: str, raw: str) -> Language | None:
        language = self.languages.get(fold(raw))
        if language is None:
            outcome.error(self.column(key), _("Unknown language “%(value)s”.") % {"value": raw})
        return language

    def place_reference(self) -> list[tuple[str, list[str]]]:
        return [
            (
                _("Districts"),
                [
                    f"{d.code} — {d.name}"
                    for d in District.objects.filter(region=self.cluster.region).order_by("code")
                ],
            ),
            (_("Languages"), [f"{lang.code} — {lang.name}" for lang in Language.objects.all()]),
        ]


def changed(outcome: RowOutcome, label: Any, old: Any, new: Any) -> None:
    """Record a change for the preview when the value differs."""
    if (old or None) != (new or None):
        outcome.changes.append(
            (
                str(label),
                str(old if old not in (None, "") else "—"),
                str(new if new not in (None, "") else "—"),
            )
        )
