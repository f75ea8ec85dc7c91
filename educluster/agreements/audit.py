"""Writing and verifying the hash-chained event log."""

from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from educluster.agreements.models.audit import GENESIS, AuditEvent

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
