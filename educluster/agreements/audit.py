"""Writing and verifying the hash-chained event log."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models, transaction
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from educluster.agreements.models.audit import GENESIS, AuditEvent
from educluster.core.history import format_value

# Any 64-bit number names the PostgreSQL advisory lock that serialises appends to the chain.
_CHAIN_LOCK = 0x45445543_4C555354  # "EDUCLUST"


def record_event(
    *,
    cluster_id: int,
    agreement_id: int | None,
    actor: Any,
    action: str,
    obj: Any,
    payload: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the cluster's chain, inside the caller's transaction.

    Appends are serialised (an advisory lock on PostgreSQL; SQLite's write lock elsewhere), so
    each event links to the one before it; the unique (cluster, prev_hash) pair refuses forks.
    """
    assert transaction.get_connection().in_atomic_block, "record_event needs a transaction"
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_CHAIN_LOCK >> 32, cluster_id])
    last = AuditEvent.objects.filter(cluster_id=cluster_id).order_by("-id").first()
    actor_user = actor if getattr(actor, "pk", None) else None
    event = AuditEvent(
        cluster_id=cluster_id,
        agreement_id=agreement_id,
        # Microseconds dropped: the stored value must round-trip exactly on every database.
        at=timezone.now().replace(microsecond=0),
        actor=actor_user,
        actor_name=(actor_user.display_name if actor_user else "system"),
        action=action,
        object_type=type(obj)._meta.model_name,
        object_id=obj.pk,
        payload=payload or {},
        prev_hash=last.hash if last else GENESIS,
    )
    event.hash = event.computed_hash()
    event.save()
    return event


@dataclass(frozen=True)
class ChainBreak:
    cluster_id: int
    event_id: int
    reason: str  # "altered" (row changed) or "unlinked" (a row before it was removed/inserted)


def verify_chain(cluster_ids: list[int] | None = None) -> tuple[int, list[ChainBreak]]:
    """Check every chain; return the number of events checked and the first break of each."""
    events = AuditEvent.objects.order_by("cluster_id", "id")
    if cluster_ids is not None:
        events = events.filter(cluster_id__in=cluster_ids)
    checked = 0
    breaks: list[ChainBreak] = []
    previous: dict[int, str] = {}
    broken: set[int] = set()
    for event in events.iterator(chunk_size=2000):
        checked += 1
        if event.cluster_id in broken:
            continue
        expected_prev = previous.get(event.cluster_id, GENESIS)
        if event.prev_hash != expected_prev:
            breaks.append(ChainBreak(event.cluster_id, event.pk, "unlinked"))
            broken.add(event.cluster_id)
        elif event.computed_hash() != event.hash:
            breaks.append(ChainBreak(event.cluster_id, event.pk, "altered"))
            broken.add(event.cluster_id)
        previous[event.cluster_id] = event.hash
    return checked, breaks


# --- Showing events in the reader's language -------------------------------------------------
# The chain stores stable codes and plain values (so the hash never depends on a language);
# the pages translate them when they are shown.

_ACTIONS = {
    "agreement_created": _("Agreement created"),
    "agreement_updated": _("Agreement changed"),
    "agreement_draft": _("Agreement returned to draft"),
    "agreement_signed": _("Agreement signed"),
    "agreement_active": _("Agreement in force"),
    "agreement_expired": _("Agreement expired"),
    "agreement_terminated": _("Agreement terminated"),
    "agreement_renewed": _("Agreement renewed"),
    "scan_added": _("Signed scan attached"),
    "obligation_created": _("Obligation added"),
    "obligation_updated": _("Obligation changed"),
    "report_submitted": _("Report submitted"),
    "report_resubmitted": _("Report submitted again"),
    "report_confirmed": _("Report confirmed"),
    "report_disputed": _("Report disputed"),
}
# Payload keys that are not a field of the agreement, obligation or report under that name.
_KEYS = {
    "parties": _("Parties"),
    "goals": _("goals served"),
    "reason": _("Reason"),
    "successor": _("Renewed by"),
    "file": _("file"),
    "party": _("obliged party"),
    "counterpart": _("controlling party"),
    "target": _("target"),
    "occurrence": _("occurrence"),
    "value": _("value achieved"),
    "files": _("Files"),
    "comment": _("Comment"),
}
_DATES = {"signed_on", "valid_from", "valid_to", "due_date", "occurrence"}
_NUMBERS = {"version", "value", "files", "target_value"}


def _models() -> list[type[models.Model]]:
    from educluster.agreements.models import Agreement, FulfilmentReport, Obligation

    return [Agreement, Obligation, FulfilmentReport]


def _model_field(key: str) -> Any:
    for model in _models():
        try:
            field = model._meta.get_field(key)
        except FieldDoesNotExist:
            continue
        if not field.auto_created:  # a reverse relation has no label or choices of its own
            return field
    return None


def event_label(action: str) -> str:
    """The event's name in the active language (an unknown code is shown readable)."""
    label = _ACTIONS.get(action)
    return str(label) if label is not None else action.replace("_", " ")


def _number(text: str) -> str:
    try:
        return format_value(Decimal(text))
    except InvalidOperation:
        return text


def event_value(key: str, value: Any) -> str:
    """A stored payload value formatted for the page: dates, numbers and choices localised."""
    text = str(value)
    if key in _DATES:
        try:
            return formats.date_format(date.fromisoformat(text[:10]), "DATE_FORMAT")
        except ValueError:
            return text
    if key in _NUMBERS:
        return _number(text)
    if key == "target":  # "8.00 students": the number, then the unit as entered
        number, _space, unit = text.partition(" ")
        return f"{_number(number)} {unit}".strip()
    field = _model_field(key)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(text, text))
    return text


def event_details(payload: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) pairs of an event's payload, empty values left out."""
    details = []
    for key, value in (payload or {}).items():
        if value in (None, "", [], {}):
            continue
        label: Any = _KEYS.get(key)
        if label is None:
            field = _model_field(key)
            label = field.verbose_name if field is not None else key.replace("_", " ")
        details.append((capfirst(str(label)), event_value(key, value)))
    return details
