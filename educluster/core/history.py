"""The History tab: who changed what and when, read from django-simple-history.

An object's tab can include the history of rows that belong to it (a cluster's memberships and
goals, a person's roles), so everything mutual control depends on is visible in one place.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from django.db import models
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

_KINDS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
_SKIP = {"id", "created_at", "updated_at", "password", "last_login"}


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    kind: str
    subject: str
    changes: list[Change]


def _field(model: type[models.Model], name: str) -> Any:
    return cast(models.Field, model._meta.get_field(name))


class _Labels:
    """Names of the objects foreign keys point at, fetched once per related model."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        self.names: dict[tuple[type[models.Model], Any], str] = {}

    def want(self, field: Any, value: Any) -> None:
        if isinstance(field, models.ForeignKey) and value not in (None, ""):
            self.wanted[field.related_model].add(value)

    def load(self) -> None:
        for model, ids in self.wanted.items():
            for obj in model._default_manager.filter(pk__in=ids):
                self.names[(model, obj.pk)] = str(obj)

    def display(self, field: Any, value: Any) -> str:
        if value is None or value == "":
            return "—"
        if isinstance(value, list):  # many-to-many: a list of through-row dicts
            related = field.related_model
            ids = [
                row.get(field.m2m_reverse_field_name()) for row in value if isinstance(row, dict)
            ]
            if related is not None and ids:
                return ", ".join(str(o) for o in related._default_manager.filter(pk__in=ids))
            return "—"
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(field, models.ForeignKey):
            return self.names.get((field.related_model, value), str(value))
        return format_value(value)


def format_value(value: Any) -> str:
    """A stored value as the page's language writes it (dates, numbers, yes/no)."""
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, Decimal):
        # 5.00 reads as 5; 2.50 as 2,5 where the language uses a decimal comma.
        integral = value == value.to_integral_value()
        value = value.quantize(Decimal(1)) if integral else value.normalize()
        return formats.number_format(value, use_l10n=True)
    if isinstance(value, int | float):
        return formats.number_format(value, use_l10n=True)
    return str(value)


def history_entries(
    obj: models.Model, *, related: Iterable[QuerySet] = (), limit: int = 300
) -> list[HistoryEntry]:
    """Newest first; each entry lists the fields that changed against the object's previous
    version. ``related`` are history querysets of rows shown beside the object's own."""
    sources: list[tuple[QuerySet, bool]] = [(obj.history.all(), False)]  # type: ignore[attr-defined]
    sources += [(qs, True) for qs in related]
    labels = _Labels()
    pending: list[tuple[Any, Any, Any, bool]] = []  # (record, previous, model, is_related)
    for queryset, is_related in sources:
        model = queryset.model.instance_type
        records = queryset.select_related("history_user__person").order_by(
            "history_date", "history_id"
        )
        previous_of: dict[Any, Any] = {}
        for record in records[: limit * 4]:
            previous = previous_of.get(record.id)
            pending.append((record, previous, model, is_related))
            previous_of[record.id] = record
            for f in model._meta.concrete_fields:
                if isinstance(f, models.ForeignKey):
                    labels.want(f, getattr(record, f.attname, None))
    labels.load()

    entries: list[HistoryEntry] = []
    for record, previous, model, is_related in pending:
        changes: list[Change] = []
        if previous is not None and record.history_type == "~":
            for change in record.diff_against(previous).changes:
                if change.field in _SKIP:
                    continue
                field = _field(model, change.field)
                changes.append(
                    Change(
                        field=str(field.verbose_name),
                        old=labels.display(field, change.old),
                        new=labels.display(field, change.new),
                    )
                )
            if not changes:
                continue  # saved without a change worth showing
        user = record.history_user
        subject = ""
        if is_related:
            subject = (
                f"{str(model._meta.verbose_name).capitalize()}: {_describe(record, model, labels)}"
            )
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=(user.display_name if user is not None else str(_("system"))),
                kind=str(_KINDS.get(record.history_type, record.history_type)),
                subject=subject,
                changes=changes,
            )
        )
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]


def _describe(record: Any, model: type[models.Model], labels: _Labels) -> str:
    """A short name for a related row, from its own text fields or what it points at."""
    for name in ("title", "name", "full_name"):
        if hasattr(record, name) and getattr(record, name):
            return str(getattr(record, name))
    parts = []
    for f in model._meta.concrete_fields:
        if isinstance(f, models.ForeignKey) and f.name not in {"cluster", "granted_by"}:
            value = getattr(record, f.attname, None)
            if value is not None:
                parts.append(labels.display(f, value))
    role = getattr(record, "get_role_display", None)
    if callable(role):
        parts.append(str(role()))
    return " — ".join(parts) or str(record.id)
