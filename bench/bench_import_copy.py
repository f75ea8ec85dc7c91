"""Benchmark: a 100,000-row CSV through the import pipeline against PostgreSQL ``COPY``.

Run ``.venv/bin/python bench/bench_import_copy.py`` (``--rows`` to change the size). It uses the
national dataset of ``bench_pages_scale.py`` in the database ``educluster_bench`` (generated
there first when missing). The file: new teaching posts (the ``workforce-positions`` importer:
institution, code, subject, weekly hours, load, language, status, note) at the member institutions
of the cluster ``scale-01``, imported by its coordinator exactly as an upload is:
``import_validate`` (read the file, check every row, store the preview), then ``import_apply``
(check every row again inside the write's transaction, then write them all or nothing, with
their history rows).
``IMPORT_MAX_ROWS`` is raised for the run (the setting's default is 50,000).

``--row-by-row`` writes through the importer's per-row path instead (``position_create`` for
each row: ``full_clean`` with its queries, ``save``, the history row by signal), the code before
the bulk write; use it with ``--rows 10000``, it is slow.

Named baseline, same run: ``COPY … FROM STDIN (FORMAT csv, HEADER)`` of the same bytes into a
temporary table with the file's columns (text and numeric), i.e. the database's own bulk load
with no checks. Printed: seconds and rows/s of each step and the ratio COPY / pipeline. The rows
written are removed at the end (the generated data stays).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pages_scale import (
    CLUSTER,
    DEFAULT_URL,
    ensure_data,
    ensure_database,
    setup_django,
)

CODE_PREFIX = "BENCH-IMP-"
HEADER = [
    "institution",
    "code",
    "subject",
    "weekly_hours",
    "load_fraction",
    "language",
    "status",
    "note",
]


def make_csv(rows: int) -> bytes:
    """``rows`` new posts spread over the cluster's member institutions (deterministic)."""
    from educluster.registry.models import Membership
    from educluster.workforce.models import Subject

    codes = list(
        Membership.objects.filter(cluster__slug=CLUSTER, end_date__isnull=True)
        .exclude(institution__code="")
        .order_by("institution__code")
        .values_list("institution__code", flat=True)
    )
    subjects = list(Subject.objects.order_by("code").values_list("code", flat=True))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for i in range(rows):
        writer.writerow(
            [
                codes[i % len(codes)],
                f"{CODE_PREFIX}{i:06d}",
                subjects[i % len(subjects)],
                str(12 + i % 12),
                "1" if i % 4 else "0.5",
                "uz" if i % 5 else "ru",
                "vacant" if i % 10 else "on_hold",
                f"bench row {i}",
            ]
        )
    return out.getvalue().encode()


def remove_rows() -> int:
    from educluster.workforce.models import Position

    history = Position.history.model.objects.filter(code__startswith=CODE_PREFIX)
    history._raw_delete(history.db)
    rows = Position.objects.filter(code__startswith=CODE_PREFIX)
    return rows._raw_delete(rows.db)


def run_pipeline(data: bytes) -> dict[str, float]:
    from django.core.files.base import ContentFile
    from django.db import connection

    from educluster.accounts.models import User
    from educluster.imports.models import ImportJob
    from educluster.imports.services import import_apply, import_validate
    from educluster.registry.models import Cluster

    cluster = Cluster.objects.get(slug=CLUSTER)
    actor = User.objects.get(username="scale-coordinator-01")
    job = ImportJob(
        kind="workforce-positions",
        cluster=cluster,
        created_by=actor,
        language="en",
        original_name="bench-positions.csv",
    )
    job.file.save(f"{job.pk}.bin", ContentFile(data), save=False)
    job.save()
    try:
        t0 = time.perf_counter()
        job = import_validate(job_id=str(job.pk))
        t_check = time.perf_counter() - t0
        assert job.status == ImportJob.Status.VALID, (job.status, job.message, job.errors[:3])
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.APPLYING)
        t0 = time.perf_counter()
        job = import_apply(job_id=str(job.pk))
        t_apply = time.perf_counter() - t0
        assert job.status == ImportJob.Status.DONE, (job.status, job.message)
        with connection.cursor() as cur:
            cur.execute(
                "SELECT count(*) FROM workforce_position WHERE code LIKE %s", [CODE_PREFIX + "%"]
            )
            written = cur.fetchone()[0]
    finally:
        job.file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).delete()
    return {"check": t_check, "apply": t_apply, "written": written}


def run_copy(data: bytes) -> float:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(
            "CREATE TEMP TABLE bench_copy (institution text, code text, subject text, "
            "weekly_hours numeric(4,1), load_fraction numeric(4,2), language text, status text, "
            "note text) ON COMMIT DROP"
        )
        t0 = time.perf_counter()
        with cur.cursor.copy("COPY bench_copy FROM STDIN (FORMAT csv, HEADER)") as copy:
            copy.write(data)
        seconds = time.perf_counter() - t0
        cur.execute("SELECT count(*) FROM bench_copy")
        assert cur.fetchone()[0] == data.count(b"\n") - 1
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default=DEFAULT_URL)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1, help="pipeline runs (best is shown)")
    parser.add_argument(
        "--row-by-row",
        action="store_true",
        help="write through the importer's per-row path (the code before the bulk write)",
    )
    args = parser.parse_args()
    ensure_database(args.url)
    setup_django(args.url)
    ensure_data(False)
    from django.test import override_settings

    if args.row_by_row:
        from educluster.imports.handlers import Importer
        from educluster.workforce.importers.positions import PositionImporter

        PositionImporter.apply_rows = Importer.apply_rows  # type: ignore[method-assign]

    remove_rows()
    data = make_csv(args.rows)
    path = "row by row (position_create per row)" if args.row_by_row else "bulk write"
    print(
        f"{args.rows:,} rows, {len(data) / 1e6:.1f} MB CSV (workforce-positions importer, {path})"
    )
    best: dict[str, float] | None = None
    copies = []
    with override_settings(
        IMPORT_MAX_ROWS=max(args.rows, 50_000), IMPORT_MAX_FILE_BYTES=max(len(data) + 1, 10 << 20)
    ):
        for _ in range(args.repeat):
            copies.append(run_copy(data))
            got = run_pipeline(data)
            assert got["written"] == args.rows, got
            remove_rows()
            copies.append(run_copy(data))
            if best is None or got["check"] + got["apply"] < best["check"] + best["apply"]:
                best = got
    assert best is not None
    t_copy = min(copies)
    n = args.rows
    total = best["check"] + best["apply"]
    fmt = "{:<52} {:>9} {:>11} {:>12}"
    print(fmt.format("step", "seconds", "rows/s", "COPY faster"))
    for label, sec in (
        ("pipeline: check (import_validate)", best["check"]),
        ("pipeline: check again + write (import_apply)", best["apply"]),
        ("pipeline: upload to done", total),
        ("baseline: COPY FROM STDIN into a temp table", t_copy),
    ):
        ratio = f"{sec / t_copy:.0f}x" if sec is not t_copy else "-"
        print(fmt.format(label, f"{sec:.2f}", f"{n / sec:,.0f}", ratio))


if __name__ == "__main__":
    main()
