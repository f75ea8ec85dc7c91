"""Importing hosts' own rankings of the applicants who listed them.

One row per host and applicant. A host named in the file gets exactly the ranking the file
gives (best first, by the position column or else by the order of its rows) and ranks by it
from then on; hosts not named keep theirs.
"""

from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from educluster.imports.handlers import Column, RowOutcome, register
from educluster.placements.importers._common import ROUND_COLUMN, RoundImporter
from educluster.placements.models import Applicant, Host, HostRanking, Preference
from educluster.placements.services.imports import host_ranking_import


@register
class HostRankingImporter(RoundImporter):
    kind = "placement-rankings"
    title = gettext_lazy("Hosts' rankings of applicants")
    columns = [
        ROUND_COLUMN,
        Column(
            "host",
            gettext_lazy("Host"),
            required=True,
            help=gettext_lazy("The host's number (see the reference sheet)"),
            example="14",
        ),
        Column(
            "person",
            gettext_lazy("Applicant"),
            required=True,
            help=gettext_lazy(
                "E-mail, account username or registry number of an applicant who listed the host"
            ),
            example="student",
        ),
        Column(
            "position",
            gettext_lazy("Rank"),
            help=gettext_lazy("1 is the host's favourite; empty: the order of the rows"),
            example="1",
        ),
    ]

    def prepare(self) -> None:
        super().prepare()
        self.load_hosts()
        self.load_people()
        rounds = [r.pk for r in self.editable_rounds()]
        self.applicants: dict[tuple[int, int], Applicant] = {
            (a.round_id, a.person_id): a for a in Applicant.objects.filter(round_id__in=rounds)
        }
        self.listed = set(
            Preference.objects.filter(applicant__round_id__in=rounds).values_list(
                "host_id", "applicant_id"
            )
        )
        self.current = {
            (r.host_id, r.applicant_id): r.position
            for r in HostRanking.objects.filter(host__round_id__in=rounds)
        }
        # Per host: (sort key, applicant id) of the file's rows, collected while checking.
        self.orders: dict[int, list[tuple[tuple[int, int], int]]] = defaultdict(list)
        self.seen: dict[tuple[int, int], int] = {}
        self.positions: dict[tuple[int, int], int] = {}
        self.written: set[int] = set()

    def reference(self) -> list[tuple[str, list[str]]]:
        self.prepare()
        return [self.round_reference(), self.host_reference_lines()]

    def check_row(self, number: int, values: dict[str, str]) -> RowOutcome:
        outcome = RowOutcome(number=number)
        col = self.column
        rnd = self.find_round(outcome, values.get("round", ""))
        raw_host = values.get("host", "").strip()
        host: Host | None = None
        if not raw_host:
            outcome.error(col("host"), _("This field is required."))
        elif rnd is not None:
            host = self.find_host(outcome, col("host"), rnd, raw_host)
        raw_person = values.get("person", "").strip()
        applicant = None
        if not raw_person:
            outcome.error(col("person"), _("This field is required."))
        else:
            person = self.find_person(outcome, col("person"), raw_person)
            if person is not None and rnd is not None:
                applicant = self.applicants.get((rnd.pk, person.pk))
                if applicant is None:
                    outcome.error(
                        col("person"),
                        _("%(name)s is not an applicant of the round “%(round)s”.")
                        % {"name": person.full_name, "round": rnd.title},
                    )
                elif host is not None and (host.pk, applicant.pk) not in self.listed:
                    outcome.error(
                        col("person"),
                        _("%(name)s did not list %(host)s; only applicants who did can be ranked.")
                        % {"name": person.full_name, "host": host},
                    )
        position = self._position(outcome, values.get("position", ""))
        outcome.label = f"{host or raw_host}: {raw_person}"
        if host is None or applicant is None:
            return outcome
        key = (host.pk, applicant.pk)
        if key in self.seen:
            outcome.error(
                col("person"),
                _("This applicant is already ranked for this host on row %(row)d.")
                % {"row": self.seen[key]},
            )
        else:
            self.seen[key] = number
        if position is not None:
            if (host.pk, position) in self.positions:
                outcome.error(
                    col("position"),
                    _("Rank %(n)d of this host is already given on row %(row)d.")
                    % {"n": position, "row": self.positions[(host.pk, position)]},
                )
            else:
                self.positions[(host.pk, position)] = number
        sort_key = (position if position is not None else len(self.orders[host.pk]) + 1, number)
        self.orders[host.pk].append((sort_key, applicant.pk))
        outcome.data = {"host": host}
        outcome.key = f"{host.pk}|{applicant.pk}"
        if outcome.errors:
            return outcome
        old = self.current.get(key)
        effective = position if position is not None else len(self.orders[host.pk])
        if old is None:
            outcome.action = "create"
        elif old != effective or host.ranking != Host.Ranking.EXPLICIT:
            outcome.action = "update"
        else:
            outcome.action = "unchanged"
        if outcome.action != "unchanged":
            outcome.changes.append((str(col("position").label), str(old or "—"), str(effective)))
        return outcome

    def _position(self, outcome: RowOutcome, raw: str) -> int | None:
        raw = raw.strip()
        raw = raw[:-2] if raw.endswith(".0") else raw
        if not raw:
            return None
        if not raw.isdigit() or int(raw) < 1:
            outcome.error(
                self.column("position"),
                _("“%(value)s” is not a whole number of 1 or more.") % {"value": raw},
            )
            return None
        return int(raw)

    def apply_row(self, outcome: RowOutcome) -> None:
        host: Any = outcome.data["host"]
        if host.pk in self.written:
            return  # the host's whole ranking was written with its first changed row
        self.written.add(host.pk)
        order = [applicant_id for _key, applicant_id in sorted(self.orders[host.pk])]
        host_ranking_import(actor=self.actor, host=host, applicant_ids=order)
