"""Benchmark: the main pages and API lists at national scale on PostgreSQL, against their raw SQL.

Run ``.venv/bin/python bench/bench_pages_scale.py`` (``--quick`` for 5 requests per page, the
dataset stays national). It uses its own database ``educluster_bench`` on 127.0.0.1:5432 as user
``postgres`` (``--url`` to change), creates it when missing, migrates it, and fills it once with
``generate_scale`` (national scale, seed 2026, school year from 2026-09-01). The parameters and
the generation time are kept in the table ``bench_scale_meta``; a rerun with the same parameters
reuses the data (``--regenerate`` forces a new one). The database is left in place.

Each page is requested with Django's test ``Client`` (in this process, the whole stack:
middleware, sessions, permissions, templates) as a user of the generated cluster ``scale-01``: its
coordinator, the head of one of its member schools, and an analyst who reads every cluster (the
national pages). After 3 warm-up requests, one request runs under ``CaptureQueriesContext``; then
the page is timed over ``--requests`` requests (p50, p95), and so is the **named baseline "raw
SQL"**: the same SELECT statements replayed through a raw cursor with every row fetched (writes,
e.g. the session's, and transaction statements are not replayed). The ratio page / raw SQL says how
much the application adds to the database work the page needs (goal of issue #15: at most 1.5x).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/educluster_bench"
SCALE, SEED, ANCHOR = 1.0, 2026, date(2026, 9, 1)
CLUSTER = "scale-01"


def ensure_database(url: str) -> None:
    """Create the benchmark's database unless it exists (the data in it is reused)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_placements_db import _admin_connect

    conn, name = _admin_connect(url)
    with conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


META = """CREATE TABLE IF NOT EXISTS bench_scale_meta (
    scale double precision, seed integer, anchor date, seconds double precision,
    generated_at timestamptz DEFAULT now())"""


def ensure_data(regenerate: bool) -> tuple[float, bool]:
    """Generate the national dataset unless it is there with the same parameters; returns the
    generation time (now or when it was generated) and whether it was generated now."""
    from django.core.management import call_command
    from django.db import connection

    from educluster.core.scale import scale_exists

    with connection.cursor() as cur:
        cur.execute(META)
        cur.execute("SELECT scale, seed, anchor, seconds FROM bench_scale_meta")
        meta = cur.fetchone()
    if not regenerate and meta and tuple(meta[:3]) == (SCALE, SEED, ANCHOR) and scale_exists():
        return float(meta[3]), False
    started = time.perf_counter()
    call_command(
        "generate_scale",
        scale=SCALE,
        seed=SEED,
        anchor=ANCHOR,
        force=scale_exists(),
        verbosity=1,
    )
    seconds = time.perf_counter() - started
    with connection.cursor() as cur:
        cur.execute("DELETE FROM bench_scale_meta")
        cur.execute(
            "INSERT INTO bench_scale_meta (scale, seed, anchor, seconds) VALUES (%s, %s, %s, %s)",
            [SCALE, SEED, ANCHOR, seconds],
        )
        cur.execute("ANALYZE")
    return seconds, True


def bench_users() -> dict[str, Any]:
    """The cluster's coordinator (generated) and a member head and an analyst added for the
    benchmark (``scale-`` accounts, so ``generate_scale --clear`` removes them too)."""
    from educluster.accounts.models import Role, RoleAssignment, User
    from educluster.registry.models import Cluster, Membership

    cluster = Cluster.objects.get(slug=CLUSTER)
    coordinator = User.objects.get(username="scale-coordinator-01")
    school = (
        Membership.objects.filter(cluster=cluster, institution__kind="general_school")
        .order_by("pk")
        .values_list("institution_id", flat=True)
        .first()
    )
    assert school is not None, "the generated cluster has member schools"
    head, _ = User.objects.get_or_create(username="scale-bench-head", defaults={"password": "!"})
    RoleAssignment.objects.get_or_create(user=head, role=Role.MEMBER_HEAD, institution_id=school)
    analyst, _ = User.objects.get_or_create(
        username="scale-bench-analyst", defaults={"password": "!"}
    )
    RoleAssignment.objects.get_or_create(user=analyst, role=Role.ANALYST, cluster=None)
    for user in (coordinator, head, analyst):
        if getattr(user, "preferred_language", "en") != "en":
            user.preferred_language = "en"
            user.save(update_fields=["preferred_language"])
    return {"coordinator": coordinator, "head": head, "analyst": analyst}


def targets() -> list[tuple[str, str, str]]:
    """``(label, user, url)`` of the pages and API lists measured."""
    from django.db.models import Count

    from educluster.placements.models import PlacementRound
    from educluster.schoollabs.models import Study

    study = (
        Study.objects.filter(cluster__slug=CLUSTER)
        .annotate(n=Count("pupils"))
        .order_by("-n", "pk")
        .first()
    )
    rnd = PlacementRound.objects.filter(cluster__slug=CLUSTER).order_by("pk").first()
    c = f"/clusters/{CLUSTER}"
    pages = [
        ("home (coordinator)", "coordinator", "/?all=1"),
        ("home (member head)", "head", "/?all=1"),
        ("home (analyst)", "analyst", "/?all=1"),
        ("cluster dashboard", "coordinator", f"{c}/"),
        ("members", "coordinator", f"{c}/members/"),
        ("agreements list", "coordinator", f"{c}/agreements/"),
        ("compliance", "coordinator", f"{c}/compliance/"),
        ("reports list", "coordinator", f"{c}/reports/"),
        ("activities", "coordinator", f"{c}/activities/"),
        ("studies list", "coordinator", f"{c}/studies/"),
        ("workforce overview", "coordinator", f"{c}/workforce/"),
        ("positions list", "coordinator", f"{c}/workforce/positions/"),
        ("vacancies list", "coordinator", f"{c}/workforce/vacancies/"),
        ("effectiveness overview", "coordinator", f"{c}/effectiveness/"),
        ("placement rounds", "coordinator", f"{c}/placements/"),
        ("national overview", "analyst", "/national/"),
        ("national map", "analyst", "/national/map/"),
    ]
    if study:
        pages += [
            (f"study report ({study.n:,} pupils)", "coordinator", f"/studies/{study.pk}/report/"),
            ("study results list", "coordinator", f"/studies/{study.pk}/results/"),
        ]
    if rnd:
        pages += [
            ("round detail", "coordinator", f"/rounds/{rnd.pk}/"),
            ("round applicants", "coordinator", f"/rounds/{rnd.pk}/applicants/"),
            ("round results", "coordinator", f"/rounds/{rnd.pk}/results/"),
        ]
    api = "/api/v1"
    pages += [
        ("API clusters", "analyst", f"{api}/clusters/"),
        ("API members", "coordinator", f"{api}/clusters/{CLUSTER}/members/"),
        ("API agreements", "coordinator", f"{api}/agreements/"),
        ("API occurrences", "coordinator", f"{api}/occurrences/"),
        ("API reports", "coordinator", f"{api}/reports/"),
        ("API labs", "coordinator", f"{api}/labs/"),
        ("API activities", "coordinator", f"{api}/activities/"),
        ("API vacancies", "coordinator", f"{api}/vacancies/"),
        ("API positions", "coordinator", f"{api}/clusters/{CLUSTER}/positions/"),
        ("API placement rounds", "coordinator", f"{api}/placement-rounds/"),
    ]
    if rnd:
        pages.append(
            ("API round results", "coordinator", f"{api}/placement-rounds/{rnd.pk}/results/")
        )
    return pages


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def replayable(sql: str) -> bool:
    head = sql.lstrip()[:10].upper()
    return head.startswith(("SELECT", "WITH"))


def measure(client: Any, url: str, n: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        response = client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    statements = [q["sql"] for q in captured.captured_queries]
    selects = [s for s in statements if replayable(s)]
    page: list[float] = []
    for _ in range(n):
        t0 = time.perf_counter()
        client.get(url)
        page.append(time.perf_counter() - t0)
    raw: list[float] = []
    with connection.cursor() as cur:
        for s in selects:  # warm the replay like the page was warmed
            cur.execute(s)
            cur.fetchall()
        for _ in range(n):
            t0 = time.perf_counter()
            for s in selects:
                cur.execute(s)
                cur.fetchall()
            raw.append(time.perf_counter() - t0)
    return {
        "status": response.status_code,
        "bytes": len(response.content),
        "queries": len(statements),
        "selects": len(selects),
        "p50": statistics.median(page),
        "p95": pct(page, 0.95),
        "raw50": statistics.median(raw),
        "raw95": pct(raw, 0.95),
        "sql": selects,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default=DEFAULT_URL)
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page")
    parser.add_argument("--quick", action="store_true", help="5 requests per page")
    parser.add_argument("--only", help="measure only pages whose label contains this")
    parser.add_argument("--regenerate", action="store_true", help="generate the data again")
    parser.add_argument("--show-sql", action="store_true", help="print the slowest statements")
    args = parser.parse_args()
    n = 5 if args.quick else args.requests
    ensure_database(args.url)
    setup_django(args.url)
    gen_seconds, fresh = ensure_data(args.regenerate)
    print(
        f"national dataset (scale {SCALE:g}, seed {SEED}, from {ANCHOR}): "
        f"{'generated now' if fresh else 'reused'}, generation took {gen_seconds:.0f} s"
    )
    from django.test import Client

    users = bench_users()
    clients: dict[str, Client] = {}
    for name, user in users.items():
        clients[name] = Client()
        clients[name].force_login(user)
    print(f"{n} timed requests per page after 3 warm-up requests; times in ms\n")
    head = "{:<34} {:>4} {:>8} {:>5} {:>8} {:>8} {:>8} {:>8} {:>7}"
    print(head.format("page", "code", "KB", "SQL", "p50", "p95", "raw p50", "raw p95", "ratio"))
    rows = []
    for label, who, url in targets():
        if args.only and args.only not in label:
            continue
        m = measure(clients[who], url, n)
        ratio = m["p50"] / m["raw50"] if m["raw50"] > 0 else float("inf")
        rows.append((label, m, ratio))
        print(
            head.format(
                label[:34],
                m["status"],
                f"{m['bytes'] / 1024:.0f}",
                m["queries"],
                f"{m['p50'] * 1000:.1f}",
                f"{m['p95'] * 1000:.1f}",
                f"{m['raw50'] * 1000:.1f}",
                f"{m['raw95'] * 1000:.1f}",
                f"{ratio:.1f}x",
            ),
            flush=True,
        )
        if args.show_sql:
            from django.db import connection

            with connection.cursor() as cur:
                timed = []
                for s in m["sql"]:
                    t0 = time.perf_counter()
                    cur.execute(s)
                    cur.fetchall()
                    timed.append((time.perf_counter() - t0, s))
            for sec, s in sorted(timed, reverse=True)[:3]:
                print(f"      {sec * 1000:7.1f} ms  {s[:300]}")
    within = sum(1 for _, m, r in rows if r <= 1.5)
    print(f"\n{within} of {len(rows)} within 1.5x of their raw SQL (p50 / raw p50)")


if __name__ == "__main__":
    main()
