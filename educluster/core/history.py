"""The History tab: who changed what and when, read from django-simple-history."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from django.db import models
from django.utils.translation import gettext_lazy as _

_KINDS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


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
    changes: list[Change]


def _display(record: Any, field: Any, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):  # many-to-many: a list of through-row dicts
        related = field.related_model
        ids = [row.get(field.m2m_reverse_field_name()) for row in value if isinstance(row, dict)]
        if related is not None and ids:
            return ", ".join(str(o) for o in related._default_manager.filter(pk__in=ids))
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        obj = getattr(record, field.name, None)
        return str(obj) if obj is not None else str(value)
    return str(value)


def history_entries(obj: models.Model, *, limit: int = 200) -> list[HistoryEntry]:
    """Newest first. Each entry lists the fields that changed against the previous record."""
    model = type(obj)
    records = list(
        obj.history.select_related("history_user").order_by("history_date", "history_id")[  # type: ignore[attr-defined]
            : limit + 1
        ]
    )
    skip = {"id", "created_at", "updated_at", "password", "last_login"}
    entries: list[HistoryEntry] = []
    previous = None
    for record in records:
        changes: list[Change] = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                if change.field in skip:
                    continue
                field = cast(models.Field, model._meta.get_field(change.field))
                changes.append(
                    Change(
                        field=str(field.verbose_name),
                        old=_display(previous, field, change.old),
                        new=_display(record, field, change.new),
                    )
                )
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=(user.display_name if user is not None else str(_("system"))),
                kind=str(_KINDS.get(record.history_type, record.history_type)),
                changes=changes,
            )
        )
        previous = record
    entries.reverse()
    return entries
