"""Importing institutions into a cluster from XLSX or CSV."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from educluster.core.text import fold, normalize_uz
from educluster.core.utils import verbose_name
from educluster.imports.handlers import Column, Importer, RowOutcome, register
from educluster.registry import services
from educluster.registry.models import District, Institution, Language, Membership
from educluster.registry.selectors import cluster_institutions


def choice_lookup(choices: Any) -> dict[str, str]:
    """Map each choice's value and its label in every language to the value."""
    from django.conf import settings

    lookup: dict[str, str] = {}
    for value, label in choices:
        lookup[fold(str(value))] = value
        for code, _name in settings.LANGUAGES:
            with override(code):
                lookup[fold(str(label))] = value
    return lookup


@register
class InstitutionImporter(Importer):
    kind = "institutions"
    title = gettext_lazy("Institutions")
    permission = "registry.import_institutions"
    done_url_name = "registry:institutions"
    columns = [
        Column(
            "code",
            gettext_lazy("Code"),
            help=gettext_lazy("Unique; matches existing rows"),
            example="PAR-SCH-12",
        ),
        Column("name", gettext_lazy("Name"), required=True, example="12-sonli umumtaʼlim maktabi"),
        Column("short_name", gettext_lazy("Short name"), example="12-maktab"),
        Column("kind", gettext_lazy("Kind"), required=True, example="general_school"),
        Column("district", gettext_lazy("District"), required=True, example="parkent"),
        Column("address", gettext_lazy("Address")),
        Column("latitude", gettext_lazy("Latitude"), example="41.2945"),
        Column("longitude", gettext_lazy("Longitude"), example="69.6761"),
        Column("languages", gettext_lazy("Languages"), example="uz, ru"),
        Column("head_name", gettext_lazy("Head")),
        Column("phone", gettext_lazy("Phone")),
        Column("email", gettext_lazy("Email")),
        Column("website", gettext_lazy("Website")),
        Column("role", gettext_lazy("Role in cluster"), example="partner"),
    ]
    fields = [
        "code",
        "name",
        "short_name",
        "kind",
        "district",
        "address",
        "latitude",
        "longitude",
        "head_name",
        "phone",
        "email",
        "website",
    ]

    def prepare(self) -> None:
        self.kinds = choice_lookup(Institution.Kind.choices)
        self.roles = choice_lookup(Membership.Role.choices)
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
        existing = cluster_institutions(self.cluster).prefetch_related("languages")
        self.by_code = {(i.code or "").casefold(): i for i in existing if i.code}
        self.by_name = {(fold(i.name), i.district_id): i for i in existing}
        self.codes_elsewhere = set(
            c.casefold()
            for c in Institution.objects.exclude(pk__in=[i.pk for i in existing])
            .exclude(code__isnull=True)
            .values_list("code", flat=True)
            if c
        )
        self.members = set(
            Membership.objects.filter(cluster=self.cluster, end_date__isnull=True).values_list(
                "institution_id", flat=True
            )
        )
        self.seen: dict[str, int] = {}

    def reference(self) -> list[tuple[str, list[str]]]:
        return [
            (
                str(self.column("kind").label),
                [f"{v} — {label}" for v, label in Institution.Kind.choices],
            ),
            (
                str(self.column("district").label),
                [
                    f"{d.code} — {d.name}"
                    for d in District.objects.filter(region=self.cluster.region)
                ],
            ),
            (
                str(self.column("languages").label),
                [f"{lang.code} — {lang.name}" for lang in Language.objects.all()],
            ),
            (
                str(self.column("role").label),
                [f"{v} — {label}" for v, label in Membership.Role.choices],
            ),
        ]

    def check_row(self, number: int, values: dict[str, str]) -> RowOutcome:
        outcome = RowOutcome(number=number)
        col = self.column
        data: dict[str, Any] = {}
        name = normalize_uz(values.get("name", ""))
        if not name:
            outcome.error(col("name"), _("This field is required."))
        elif len(name) > 300:
            outcome.error(col("name"), _("Longer than %(n)d characters.") % {"n": 300})
        data["name"] = name
        data["short_name"] = normalize_uz(values.get("short_name", ""))[:120]
        data["code"] = values.get("code", "").strip() or None
        data["address"] = normalize_uz(values.get("address", ""))[:300]
        data["head_name"] = normalize_uz(values.get("head_name", ""))[:200]
        data["phone"] = values.get("phone", "").strip()[:40]

        raw_kind = values.get("kind", "")
        kind = self.kinds.get(fold(raw_kind))
        if not raw_kind:
            outcome.error(col("kind"), _("This field is required."))
        elif kind is None:
            outcome.error(
                col("kind"),
                _("Unknown kind “%(value)s”; see the reference sheet.") % {"value": raw_kind},
            )
        data["kind"] = kind

        raw_district = values.get("district", "")
        district = self.districts.get(fold(raw_district))
        if not raw_district:
            outcome.error(col("district"), _("This field is required."))
        elif district is None:
            outcome.error(
                col("district"),
                _("Unknown district “%(value)s” in %(region)s.")
                % {"value": raw_district, "region": self.cluster.region.name},
            )
        data["district"] = district

        for key, limit in (("latitude", 90), ("longitude", 180)):
            raw = values.get(key, "").replace(",", ".").strip()
            if not raw:
                data[key] = None
                continue
            try:
                number_value = Decimal(raw).quantize(Decimal("0.000001"))
            except InvalidOperation:
                outcome.error(col(key), _("“%(value)s” is not a number.") % {"value": raw})
                continue
            if not -limit <= number_value <= limit:
                outcome.error(col(key), _("Must be between −%(n)d and %(n)d.") % {"n": limit})
            data[key] = number_value
        if (data.get("latitude") is None) != (data.get("longitude") is None) and not any(
            c in (str(col("latitude").label), str(col("longitude").label))
            for c, _r in outcome.errors
        ):
            outcome.error(col("longitude"), _("Give both latitude and longitude, or neither."))

        for key, validator in (("email", EmailValidator()), ("website", URLValidator())):
            raw = values.get(key, "").strip()
            if raw:
                try:
                    validator(raw)
                except ValidationError:
                    outcome.error(col(key), _("“%(value)s” is not valid.") % {"value": raw})
            data[key] = raw

        languages: list[Language] = []
        for part in filter(
            None, (p.strip() for p in values.get("languages", "").replace(";", ",").split(","))
        ):
            language = self.languages.get(fold(part))
            if language is None:
                outcome.error(
                    col("languages"), _("Unknown language “%(value)s”.") % {"value": part}
                )
            else:
                languages.append(language)
        raw_role = values.get("role", "")
        role = self.roles.get(fold(raw_role)) if raw_role else Membership.Role.PARTNER
        if role is None:
            outcome.error(
                col("role"),
                _("Unknown role “%(value)s”; see the reference sheet.") % {"value": raw_role},
            )

        # Which registry row this is: by code when given, else by name within the district.
        code = data["code"]
        target = None
        if code:
            if len(code) > 40:
                outcome.error(col("code"), _("Longer than %(n)d characters.") % {"n": 40})
            target = self.by_code.get(code.casefold())
            if target is None and code.casefold() in self.codes_elsewhere:
                outcome.error(col("code"), _("This code is already used by another institution."))
        if target is None and name and district is not None:
            target = self.by_name.get((fold(name), district.pk))
            if (
                target is not None
                and code
                and target.code
                and target.code.casefold() != code.casefold()
            ):
                target = None
        key = code.casefold() if code else f"{fold(name)}|{district.pk if district else ''}"
        if key in self.seen:
            outcome.error(
                col("code") if code else col("name"),
                _("Duplicate of row %(row)d.") % {"row": self.seen[key]},
            )
        else:
            self.seen[key] = number

        outcome.key = key
        outcome.label = name
        outcome.data = {**data, "languages": languages, "role": role}
        outcome.target = target
        if outcome.errors:
            return outcome
        if target is None:
            outcome.action = "create"
            return outcome
        for field in self.fields:
            old, new = getattr(target, field), data[field]
            if (old or None) != (new or None) and not (field == "code" and new is None):
                verbose = verbose_name(Institution, field)
                outcome.changes.append((verbose, str(old or "—"), str(new or "—")))
        old_langs = {lang.pk for lang in target.languages.all()}
        if languages and old_langs != {lang.pk for lang in languages}:
            outcome.changes.append(
                (
                    str(col("languages").label),
                    ", ".join(sorted(lang.code for lang in target.languages.all())) or "—",
                    ", ".join(sorted(lang.code for lang in languages)),
                )
            )
        if target.pk not in self.members:
            outcome.changes.append(
                (
                    str(_("membership")),
                    "—",
                    str(Membership.Role(role or Membership.Role.PARTNER).label),
                )
            )
        outcome.action = "update" if outcome.changes else "unchanged"
        return outcome

    def apply_row(self, outcome: RowOutcome) -> None:
        data = dict(outcome.data)
        languages = data.pop("languages")
        role = data.pop("role")
        if outcome.target is None:
            services.institution_create(
                actor=self.actor, languages=languages, cluster=self.cluster, role=role, **data
            )
            return
        if data["code"] is None:
            data.pop("code")
        services.institution_update(
            actor=self.actor,
            institution=outcome.target,
            languages=languages or None,
            **data,
        )
        if outcome.target.pk not in self.members:
            services.membership_add(
                actor=self.actor, cluster=self.cluster, institution=outcome.target, role=role
            )
