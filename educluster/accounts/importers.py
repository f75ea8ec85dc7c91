"""Importing people of a cluster's member institutions from XLSX or CSV."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from educluster.accounts import services
from educluster.accounts.models import Person
from educluster.accounts.scoping import scope_for
from educluster.core.text import fold, normalize_uz
from educluster.core.utils import verbose_name
from educluster.imports.handlers import Column, Importer, RowOutcome, register
from educluster.registry.importers import choice_lookup
from educluster.registry.models import Membership


@register
class PersonImporter(Importer):
    kind = "people"
    title = gettext_lazy("People")
    permission = "accounts.import_people"
    done_url_name = "accounts:people"
    columns = [
        Column(
            "full_name",
            gettext_lazy("Full name"),
            required=True,
            example="Karimova Dilnoza Aliyevna",
        ),
        Column("kind", gettext_lazy("Kind"), required=True, example="teacher"),
        Column(
            "institution",
            gettext_lazy("Institution"),
            required=True,
            help=gettext_lazy("Code or exact name of a member institution"),
            example="PAR-SCH-12",
        ),
        Column("position", gettext_lazy("Position"), example="tasviriy sanʼat oʻqituvchisi"),
        Column("email", gettext_lazy("Email")),
        Column("phone", gettext_lazy("Phone")),
        Column("study_level", gettext_lazy("Study level"), example="bachelor"),
        Column("study_year", gettext_lazy("Year of study"), example="3"),
        Column("programme", gettext_lazy("Programme")),
    ]
    fields = [
        "full_name",
        "kind",
        "institution",
        "position",
        "email",
        "phone",
        "study_level",
        "study_year",
        "programme",
    ]

    def prepare(self) -> None:
        self.kinds = choice_lookup(Person.Kind.choices)
        self.levels = choice_lookup(Person.StudyLevel.choices)
        scope = scope_for(self.actor)
        memberships = Membership.objects.filter(cluster=self.cluster).select_related("institution")
        self.institutions: dict[str, Any] = {}
        for m in memberships:
            institution = m.institution
            # A member head imports only their own institution's people.
            if not (scope.coordinates(self.cluster.pk) or scope.heads(institution.pk)):
                continue
            if institution.code:
                self.institutions[fold(institution.code)] = institution
            self.institutions[fold(institution.name)] = institution
            if institution.short_name:
                self.institutions.setdefault(fold(institution.short_name), institution)
        ids = {i.pk for i in self.institutions.values()}
        existing = list(Person.objects.filter(institution_id__in=ids))
        self.by_email = {p.email.casefold(): p for p in existing if p.email}
        self.by_name = {(fold(p.full_name), p.institution_id): p for p in existing}
        self.seen: dict[str, int] = {}

    def reference(self) -> list[tuple[str, list[str]]]:
        self.prepare()
        return [
            (
                str(self.column("kind").label),
                [f"{v} — {label}" for v, label in Person.Kind.choices],
            ),
            (
                str(self.column("institution").label),
                sorted({f"{i.code or ''} — {i.name}" for i in self.institutions.values()}),
            ),
            (
                str(self.column("study_level").label),
                [f"{v} — {label}" for v, label in Person.StudyLevel.choices],
            ),
        ]

    def check_row(self, number: int, values: dict[str, str]) -> RowOutcome:
        outcome = RowOutcome(number=number)
        col = self.column
        name = normalize_uz(values.get("full_name", ""))
        if not name:
            outcome.error(col("full_name"), _("This field is required."))
        elif len(name) > 200:
            outcome.error(col("full_name"), _("Longer than %(n)d characters.") % {"n": 200})
        raw_kind = values.get("kind", "")
        kind = self.kinds.get(fold(raw_kind))
        if not raw_kind:
            outcome.error(col("kind"), _("This field is required."))
        elif kind is None:
            outcome.error(
                col("kind"),
                _("Unknown kind “%(value)s”; see the reference sheet.") % {"value": raw_kind},
            )
        raw_inst = values.get("institution", "")
        institution = self.institutions.get(fold(raw_inst))
        if not raw_inst:
            outcome.error(col("institution"), _("This field is required."))
        elif institution is None:
            outcome.error(
                col("institution"),
                _("“%(value)s” is not a member institution of this cluster that you manage.")
                % {"value": raw_inst},
            )
        email = values.get("email", "").strip()
        if email:
            try:
                EmailValidator()(email)
            except ValidationError:
                outcome.error(col("email"), _("“%(value)s” is not valid.") % {"value": email})
        raw_level = values.get("study_level", "")
        level = self.levels.get(fold(raw_level)) if raw_level else ""
        if level is None:
            outcome.error(
                col("study_level"), _("Unknown study level “%(value)s”.") % {"value": raw_level}
            )
            level = ""
        raw_year = values.get("study_year", "").strip()
        year = None
        if raw_year:
            if raw_year.isdigit():
                year = int(raw_year)
            else:
                outcome.error(
                    col("study_year"), _("“%(value)s” is not a whole number.") % {"value": raw_year}
                )
        data = {
            "full_name": name,
            "kind": kind,
            "institution": institution,
            "position": normalize_uz(values.get("position", ""))[:200],
            "email": email,
            "phone": values.get("phone", "").strip()[:40],
            "study_level": level,
            "study_year": year,
            "programme": normalize_uz(values.get("programme", ""))[:200],
        }
        if not outcome.errors:
            # The model's own rules (a student needs a level and a valid year, …).
            try:
                Person(**data).clean()
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    for message in messages:
                        outcome.error(col(field) if field in self.fields else field, message)

        target = None
        if email:
            target = self.by_email.get(email.casefold())
        if target is None and institution is not None:
            target = self.by_name.get((fold(name), institution.pk))
        key = email.casefold() if email else f"{fold(name)}|{institution.pk if institution else ''}"
        if key in self.seen:
            outcome.error(
                col("email") if email else col("full_name"),
                _("Duplicate of row %(row)d.") % {"row": self.seen[key]},
            )
        else:
            self.seen[key] = number
        outcome.key, outcome.label, outcome.data, outcome.target = key, name, data, target
        if outcome.errors:
            return outcome
        if target is None:
            outcome.action = "create"
            return outcome
        for field in self.fields:
            old, new = getattr(target, field), data[field]
            if (old or None) != (new or None):
                verbose = verbose_name(Person, field)
                outcome.changes.append((verbose, str(old or "—"), str(new or "—")))
        outcome.action = "update" if outcome.changes else "unchanged"
        return outcome

    def apply_row(self, outcome: RowOutcome) -> None:
        if outcome.target is None:
            services.person_create(actor=self.actor, **outcome.data)
        else:
            services.person_update(actor=self.actor, person=outcome.target, **outcome.data)
