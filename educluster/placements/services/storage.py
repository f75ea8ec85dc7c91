"""Writing a round's result: one row per applicant (with its history row) and each host's
admitted count and cut-off, in one transaction opened by the caller.

On PostgreSQL the rows go in with ``COPY`` (ids drawn from the table's sequence first, so the
history rows can name them) and the hosts with one ``UPDATE … FROM unnest(…)``: a round of
20,000 applicants is stored in well under a second instead of several seconds through
``bulk_create``, which builds a model instance per row and per history row (see
``bench/bench_placements_db.py``). Other databases (SQLite) take the ORM's bulk path.
"""

import json
from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from educluster.placements.models import Assignment, Host, PlacementRound

# (applicant id, host id or None, 1-based choice or None, 1-based host rank or None, explanation)
ResultRow = tuple[int, int | None, int | None, int | None, list[dict[str, Any]]]
# (host id, admitted, 1-based cut-off or None)
HostFigures = tuple[int, int, int | None]
BATCH = 2000


def store_result(
    rnd: PlacementRound,
    rows: Sequence[ResultRow],
    hosts: Sequence[HostFigures],
    *,
    actor: Any,
    fast: bool = True,
) -> None:
    """Replace the round's result rows and the hosts' figures. ``fast=False`` forces the ORM
    path (the benchmark compares both)."""
    Assignment.objects.filter(round=rnd).delete()
    if fast and connection.vendor == "postgresql":
        _copy_postgres(rnd, rows, hosts, actor)
    else:
        _bulk_orm(rnd, rows, hosts, actor)


def _bulk_orm(
    rnd: PlacementRound, rows: Sequence[ResultRow], hosts: Sequence[HostFigures], actor: Any
) -> None:
    objects = [
        Assignment(
            round_id=rnd.pk,
            applicant_id=applicant_id,
            host_id=host_id,
            choice_position=choice,
            host_rank=rank,
            explanation=why,
        )
        for applicant_id, host_id, choice, rank, why in rows
    ]
    bulk_create_with_history(objects, Assignment, batch_size=BATCH, default_user=actor)
    Host.objects.bulk_update(
        [Host(pk=pk, admitted_count=n, cutoff_rank=cut) for pk, n, cut in hosts],
        ["admitted_count", "cutoff_rank"],
        batch_size=BATCH,
    )


def _copy_postgres(
    rnd: PlacementRound, rows: Sequence[ResultRow], hosts: Sequence[HostFigures], actor: Any
) -> None:
    table = Assignment._meta.db_table
    history = Assignment.history.model._meta.db_table
    pending = Assignment.Response.PENDING.value
    now = timezone.now()
    user_id = getattr(actor, "pk", None)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(rows)],
        )
        ids = [r[0] for r in cursor.fetchall()]
        pg = cursor.cursor  # the driver's cursor, for COPY
        with pg.copy(
            f'COPY "{table}" (id, round_id, applicant_id, host_id, choice_position, host_rank, '
            "explanation, response, placement_note) FROM STDIN"
        ) as copy:
            for pk, (applicant_id, host_id, choice, rank, why) in zip(ids, rows, strict=True):
                copy.write_row(
                    (pk, rnd.pk, applicant_id, host_id, choice, rank, json.dumps(why), pending, "")
                )
        with pg.copy(
            f'COPY "{history}" (id, round_id, applicant_id, host_id, choice_position, host_rank, '
            "response, placement_note, history_date, history_type, history_user_id) FROM STDIN"
        ) as copy:
            for pk, (applicant_id, host_id, choice, rank, _why) in zip(ids, rows, strict=True):
                copy.write_row(
                    (
                        pk,
                        rnd.pk,
                        applicant_id,
                        host_id,
                        choice,
                        rank,
                        pending,
                        "",
                        now,
                        "+",
                        user_id,
                    )
                )
        cursor.execute(
            f'UPDATE "{Host._meta.db_table}" AS h '
            "SET admitted_count = v.admitted, cutoff_rank = v.cutoff "
            "FROM unnest(%s::bigint[], %s::integer[], %s::integer[]) AS v(id, admitted, cutoff) "
            "WHERE h.id = v.id",
            [[h[0] for h in hosts], [h[1] for h in hosts], [h[2] for h in hosts]],
        )
