"""Importing pupils' study results from XLSX or CSV: one row per pupil and wave.

Rows name the study by its code and the class by its code in that study; the pupil only by a
pseudonymous code (see :mod:`.codes`); then one score column per criterion or item, in the
instrument's order. A bad row (unknown code format, a score outside its scale, the same pupil
twice in a wave, …) is reported by row and column, and nothing is written until every row is
valid.
"""

from datetime import date
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from educluster.core.text import fold
from educluster.imports.handlers import Column, Importer, RowOutcome, register
from educluster.registry.importers import choice_lookup
from educluster.schoollabs import services
from educluster.schoollabs.codes import (
    PUPIL_CODE_EXAMPLE,
    is_pupil_code,
    normalize_pupil_code,
    pupil_code_rule,
)
from educluster.schoollabs.models import MAX_ITEMS, Pupil, PupilResult, Study, Wave
from educluster.schoollabs.rules import lab_roles
from educluster.schoollabs.services.studies import ResultRow

SCORE_KEYS = [f"s{n}" for n in range(1, MAX_ITEMS + 1)]


@register
class PupilResultImporter(Importer):
    kind = "pupil-results"
    title = gettext_lazy("Pupils' study results")
    permission = "schoollabs.import_results"
    done_url_name = "schoollabs:studies"
    columns = [
        Column("study", gettext_lazy("Study"), required=True, example="DRAW-2026"),
        Column("wave", gettext_lazy("Wave"), required=True, example="pre"),
        Column("class", gettext_lazy("Class code"), required=True, example="E1"),
        Column(
            "pupil",
            gettext_lazy("Pupil code"),
            required=True,
            help=gettext_lazy("Never a name: see the reference below."),
            example=PUPIL_CODE_EXAMPLE,
        ),
        Column("sex", gettext_lazy("Sex"), example="f"),
        Column("birth_year", gettext_lazy("Birth year"), example="2015"),
        Column("assessed_on", gettext_lazy("Assessed on"), example="2026-09-15"),
        *[
            Column(
                key,
                format_lazy("{} {}", gettext_lazy("Score"), n),
                help=format_lazy("{} {}", gettext_lazy("Criterion or item number"), n),
                example="3" if n <= 5 else "",
            )
            for n, key in enumerate(SCORE_KEYS, start=1)
        ],
    ]

    def _studies(self):
        roles = lab_roles(self.actor)
        studies = Study.objects.filter(cluster=self.cluster).select_related("instrument")
        if self.cluster.pk not in _coordinated(self.actor):
            studies = studies.filter(pk__in=roles.team_study_ids)
        return studies.prefetch_related("instrument__items", "groups")

    def prepare(self) -> None:
        self.waves: dict[str, int] = {
            key: int(value) for key, value in choice_lookup(Wave.choices).items()
        }
        for wave, key in ((0, "pre"), (1, "post"), (2, "follow-up"), (2, "follow_up")):
            self.waves[key] = wave
        self.sexes = choice_lookup(Pupil.Sex.choices)
        self.studies = {s.code.casefold(): s for s in self._studies()}
        self.items = {s.pk: list(s.instrument.items.all()) for s in self.studies.values()}
        self.groups = {
            (s.pk, g.code.casefold()): g for s in self.studies.values() for g in s.groups.all()
        }
        self.pupils: dict[tuple[int, str], Pupil] = {
            (p.study_id, p.code): p
            for p in Pupil.objects.filter(study__in=list(self.studies.values())).select_related(
                "group"
            )
        }
        self.results = {
            (r.pupil.study_id, r.pupil.code, r.wave): r
            for r in PupilResult.objects.filter(
                pupil__study__in=list(self.studies.values())
            ).select_related("pupil")
        }
        self.seen: dict[tuple[int, str, int], int] = {}
        self.class_in_file: dict[tuple[int, str], tuple[str, int]] = {}
        self.logged: set[int] = set()

    def reference(self) -> list[tuple[str, list[str]]]:
        self.prepare()
        sheet: list[tuple[str, list[str]]] = [
            (str(self.column("pupil").label), [pupil_code_rule(), "^[A-Z0-9]{2,12}-[0-9]{2,4}$"]),
            (
                str(self.column("wave").label),
                [
                    f"{key} — {label}"
                    for key, label in (
                        ("pre", Wave.PRE.label),
                        ("post", Wave.POST.label),
                        ("follow-up", Wave.FOLLOW_UP.label),
                    )
                ],
            ),
            (str(self.column("sex").label), [f"{v} — {label}" for v, label in Pupil.Sex.choices]),
        ]
        for study in self.studies.values():
            values = [
                f"{_('Class code')}: {g.code} — {g.institution.name if False else ''}{g}"
                for g in study.groups.all()
            ]
            for item in self.items[study.pk]:
                values.append(
                    f"{_('Score')} {item.number}: {item.title} ({item.scale_min}–{item.scale_max})"
                )
            sheet.append((f"{study.code} — {study.title}", values))
        return sheet

    def check_row(self, number: int, values: dict[str, str]) -> RowOutcome:
        outcome = RowOutcome(number=number)
        col = self.column
        raw_study = values.get("study", "").strip()
        study = self.studies.get(raw_study.casefold())
        if not raw_study:
            outcome.error(col("study"), _("This field is required."))
        elif study is None:
            outcome.error(
                col("study"),
                _("Unknown study “%(value)s”, or you are not on its team.") % {"value": raw_study},
            )
        raw_wave = values.get("wave", "").strip()
        wave = self.waves.get(fold(raw_wave)) if raw_wave else None
        if not raw_wave:
            outcome.error(col("wave"), _("This field is required."))
        elif wave is None:
            outcome.error(
                col("wave"),
                _("Unknown wave “%(value)s”; use pre, post or follow-up.") % {"value": raw_wave},
            )
        elif study is not None and wave == Wave.FOLLOW_UP and not study.has_follow_up:
            outcome.error(col("wave"), _("This study has no follow-up wave."))
        code = normalize_pupil_code(values.get("pupil", ""))
        if not code:
            outcome.error(col("pupil"), _("This field is required."))
        elif not is_pupil_code(code):
            outcome.error(
                col("pupil"),
                _("“%(value)s” is not a pupil code: use %(rule)s")
                % {"value": values.get("pupil", "").strip(), "rule": pupil_code_rule()},
            )
        group = None
        raw_class = values.get("class", "").strip()
        if study is not None:
            group = self.groups.get((study.pk, raw_class.casefold()))
            if not raw_class:
                outcome.error(col("class"), _("This field is required."))
            elif group is None:
                outcome.error(
                    col("class"),
                    _("Study %(study)s has no class “%(value)s”.")
                    % {"study": study.code, "value": raw_class},
                )
        sex = ""
        raw_sex = values.get("sex", "").strip()
        if raw_sex:
            sex = self.sexes.get(fold(raw_sex), "")
            if not sex:
                outcome.error(
                    col("sex"), _("Unknown value “%(value)s”; use f or m.") % {"value": raw_sex}
                )
        birth_year = None
        raw_year = values.get("birth_year", "").strip()
        if raw_year:
            if raw_year.isdigit() and 1990 <= int(raw_year) <= date.today().year:
                birth_year = int(raw_year)
            else:
                outcome.error(
                    col("birth_year"), _("“%(value)s” is not a birth year.") % {"value": raw_year}
                )
        assessed_on = None
        raw_date = values.get("assessed_on", "").strip()
        if raw_date:
            try:
                assessed_on = date.fromisoformat(raw_date[:10])
            except ValueError:
                outcome.error(
                    col("assessed_on"),
                    _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": raw_date},
                )
        scores = self._scores(outcome, study, values)

        if study is not None and code and is_pupil_code(code) and group is not None:
            self._check_pupil(outcome, study, code, group, wave, number)
        outcome.label = f"{study.code if study else raw_study} · {code} · {raw_wave}"
        if outcome.errors or study is None or group is None or wave is None:
            return outcome
        outcome.data = {
            "study": study,
            "row": ResultRow(
                code=code,
                group=group,
                wave=wave,
                scores=scores,
                sex=sex,
                birth_year=birth_year,
                assessed_on=assessed_on,
            ),
        }
        existing = self.results.get((study.pk, code, wave))
        if existing is None:
            outcome.action = "create"
        elif list(existing.scores) != scores:
            outcome.action = "update"
            outcome.changes.append(
                (str(_("scores")), " ".join(map(str, existing.scores)), " ".join(map(str, scores)))
            )
        else:
            outcome.action = "unchanged"
        return outcome

    def _scores(
        self, outcome: RowOutcome, study: Study | None, values: dict[str, str]
    ) -> list[int]:
        if study is None:
            return []
        items = self.items[study.pk]
        scores: list[int] = []
        for index, key in enumerate(SCORE_KEYS):
            raw = values.get(key, "").strip().replace(",", ".")
            column = self.column(key)
            if index >= len(items):
                if raw:
                    outcome.error(
                        column,
                        _("The instrument has only %(n)d criteria; leave this empty.")
                        % {"n": len(items)},
                    )
                continue
            item = items[index]
            if not raw:
                outcome.error(column, _("This field is required."))
                continue
            try:
                value = float(raw)
            except ValueError:
                outcome.error(column, _("“%(value)s” is not a number.") % {"value": raw})
                continue
            if not value.is_integer():
                outcome.error(column, _("“%(value)s” is not a whole number.") % {"value": raw})
                continue
            if not item.scale_min <= value <= item.scale_max:
                outcome.error(
                    column,
                    _("%(value)s is outside the scale %(low)d–%(high)d of “%(item)s”.")
                    % {
                        "value": raw,
                        "low": item.scale_min,
                        "high": item.scale_max,
                        "item": item.title,
                    },
                )
                continue
            scores.append(int(value))
        return scores

    def _check_pupil(
        self, outcome: RowOutcome, study: Study, code: str, group, wave: int | None, number: int
    ) -> None:
        col = self.column
        stored = self.pupils.get((study.pk, code))
        if stored is not None and stored.group_id != group.pk:
            outcome.error(
                col("class"),
                _("Pupil %(code)s is in class %(group)s of this study; a pupil stays in one class.")
                % {"code": code, "group": stored.group.code},
            )
        earlier = self.class_in_file.get((study.pk, code))
        if earlier is not None and earlier[0] != group.code:
            outcome.error(
                col("class"),
                _("Row %(row)d puts pupil %(code)s in class %(group)s.")
                % {"row": earlier[1], "code": code, "group": earlier[0]},
            )
        elif earlier is None:
            self.class_in_file[study.pk, code] = (group.code, number)
        if wave is not None:
            key = (study.pk, code, wave)
            if key in self.seen:
                outcome.error(
                    col("pupil"),
                    _("Duplicate of row %(row)d: the same pupil twice in one wave.")
                    % {"row": self.seen[key]},
                )
            else:
                self.seen[key] = number

    def apply_row(self, outcome: RowOutcome) -> None:
        study = outcome.data["study"]
        services.results_save(actor=self.actor, study=study, rows=[outcome.data["row"]])
        if study.pk not in self.logged:
            self.logged.add(study.pk)
            services.pupil_data_logged(actor=self.actor, study=study, action="import_file")


def _coordinated(user: Any) -> frozenset[int]:
    from educluster.accounts.scoping import scope_for

    return scope_for(user).coordinated_cluster_ids
