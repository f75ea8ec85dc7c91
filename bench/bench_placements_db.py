"""Benchmark: load and store a placement round of 20,000 applicants through PostgreSQL.

Run ``.venv/bin/python bench/bench_placements_db.py`` (``--quick`` for 2,000 applicants). It
creates its own database ``bench_educluster`` on 127.0.0.1:5432 as user ``postgres`` (override
with ``--url``), migrates the placement app and what it depends on, generates a round, measures,
and drops the database again. Prints one table: seconds per step and the ratio against the
baseline measured in the same run.

The round: n applicants (students of one department), n/10 hosts at n/100 member schools with
capacities summing to 1.1 x n, each applicant listing 10 distinct hosts drawn with popularity
weights (lognormal, sigma 1); every 20th host ranks its applicants itself, the others use the
priority rule (contract district, residence, grade average, lottery).

* **the app's path**: ``load_round_input`` reads plain tuples with one query per table and
  builds the engine's arrays with NumPy; ``store_result`` writes the result rows and their
  history rows with ``COPY`` and the hosts' figures with one ``UPDATE … FROM unnest(…)``;
* **ORM bulk path** (what the app does on SQLite): ``bulk_create_with_history`` and
  ``bulk_update``;
* **baseline: row-by-row ORM**: the straightforward Django code, loading model instances and each
  applicant's list (``applicant.preferences.all()``, one query per applicant) and saving each
  result row and each host with ``save()`` (history recorded by the signal).

Reads are the best of three runs (the row-by-row load: one run); every write starts from an
empty result inside one transaction. All paths store the same assignment; the matching itself
(the engine, identical for all) is reported on its own line. Generating the data is not
measured.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_educluster"


def _admin_connect(url: str) -> Any:
    import dj_database_url
    import psycopg
    from psycopg.conninfo import make_conninfo

    cfg = dj_database_url.parse(url)
    info = make_conninfo(
        host=cfg["HOST"] or "127.0.0.1",
        port=cfg["PORT"] or 5432,
        user=cfg["USER"] or "postgres",
        password=cfg["PASSWORD"] or None,
        dbname="postgres",
    )
    return psycopg.connect(info, autocommit=True), cfg["NAME"]


def create_database(url: str) -> str:
    conn, name = _admin_connect(url)
    with conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return name


def drop_database(url: str) -> None:
    from django.db import connections

    connections.close_all()
    conn, name = _admin_connect(url)
    with conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "placements", verbosity=0)


def generate(n: int, seed: int = 7) -> Any:
    """The round's rows, written in bulk (not measured)."""
    import numpy as np
    from django.utils import timezone

    from educluster.accounts.models import Person
    from educluster.placements.models import (
        Applicant,
        Host,
        HostRanking,
        PlacementRound,
        Preference,
    )
    from educluster.registry.models import Cluster, District, Institution, Membership, Region

    rng = np.random.default_rng(seed)
    region = Region.objects.order_by("pk").first()
    assert region is not None, "the reference data migration loads the regions"
    districts = list(District.objects.filter(region=region)[:8]) or list(District.objects.all()[:8])
    department = Institution.objects.create(
        name="Bench department", kind="department", district=districts[0]
    )
    cluster = Cluster.objects.create(
        slug="bench", name="Bench", common_goal="-", lead_institution=department, region=region
    )
    n_schools, m = max(n // 100, 2), max(n // 10, 4)
    schools = Institution.objects.bulk_create(
        Institution(
            name=f"School {i}", kind="general_school", district=districts[i % len(districts)]
        )
        for i in range(n_schools)
    )
    Membership.objects.bulk_create(
        Membership(cluster=cluster, institution=i) for i in [department, *schools]
    )
    rnd = PlacementRound.objects.create(
        cluster=cluster,
        kind="practice",
        title="Bench round",
        status="closed",
        lottery_seed=1234,
        check_subject=False,
        check_language=False,
        preference_deadline=timezone.now(),
    )
    weight = rng.lognormal(0.0, 1.0, m)
    capacities = np.maximum(1, np.floor(weight / weight.sum() * 1.1 * n)).astype(int)
    hosts = Host.objects.bulk_create(
        Host(
            round=rnd,
            institution=schools[j % n_schools],
            capacity=int(capacities[j]),
            ranking="explicit" if j % 20 == 0 else "priority",
        )
        for j in range(m)
    )
    people = Person.objects.bulk_create(
        (
            Person(
                full_name=f"Talaba {i}",
                kind="student",
                institution=department,
                study_level="bachelor",
                study_year=3,
            )
            for i in range(n)
        ),
        batch_size=5000,
    )
    grades = np.round(rng.uniform(3.0, 5.0, n), 2)
    applicants = Applicant.objects.bulk_create(
        (
            Applicant(
                round=rnd,
                person=p,
                district=districts[int(rng.integers(len(districts)))],
                grade_average=float(grades[i]),
            )
            for i, p in enumerate(people)
        ),
        batch_size=5000,
    )
    cdf = np.cumsum(weight / weight.sum())
    prefs: list[Preference] = []
    listed: list[list[Applicant]] = [[] for _ in range(m)]
    for a in applicants:
        chosen: list[int] = []
        while len(chosen) < 10:
            j = min(int(np.searchsorted(cdf, rng.random())), m - 1)
            if j not in chosen:
                chosen.append(j)
        for pos, j in enumerate(chosen, start=1):
            prefs.append(Preference(applicant=a, host=hosts[j], position=pos))
            listed[j].append(a)
    Preference.objects.bulk_create(prefs, batch_size=10000)
    ranks = []
    for j, host in enumerate(hosts):
        if host.ranking == "explicit":
            order = rng.permutation(len(listed[j]))
            ranks += [
                HostRanking(host=host, applicant=listed[j][k], position=pos)
                for pos, k in enumerate(order, start=1)
            ]
    HostRanking.objects.bulk_create(ranks, batch_size=10000)
    return rnd, len(prefs)


def baseline_load(rnd: Any) -> dict[str, Any]:
    """Row-by-row ORM: model instances, and each applicant's list with its own query. Returns
    the same information the bulk path reads (lists, capacities, grades, hosts' rankings)."""
    from educluster.placements.models import Host

    hosts = list(Host.objects.filter(round=rnd).select_related("institution").order_by("pk"))
    index = {h.pk: j for j, h in enumerate(hosts)}
    applicants = list(rnd.applicants.select_related("district").order_by("pk"))
    lists = [
        [index[p.host_id] for p in applicant.preferences.order_by("position")]
        for applicant in applicants
    ]
    ranked = {
        host.pk: {r.applicant_id: r.position for r in host.rankings.all()}
        for host in hosts
        if host.ranking == "explicit"
    }
    return {
        "lists": lists,
        "capacities": [h.capacity for h in hosts],
        "grades": [a.grade_average for a in applicants],
        "ranked": ranked,
    }


def baseline_store(rnd: Any, rows: list, hosts: list, actor: Any) -> None:
    """Row-by-row ORM: ``save()`` per result row (its history row by the signal) and per host."""
    from django.db import transaction

    from educluster.placements.models import Assignment, Host

    with transaction.atomic():
        Assignment.objects.filter(round=rnd).delete()
        for applicant_id, host_id, choice, rank, why in rows:
            row = Assignment(
                round=rnd,
                applicant_id=applicant_id,
                host_id=host_id,
                choice_position=choice,
                host_rank=rank,
                explanation=why,
            )
            row._history_user = actor  # type: ignore[attr-defined]
            row.save()
        for pk, admitted, cutoff in hosts:
            host = Host.objects.get(pk=pk)
            host.admitted_count = admitted
            host.cutoff_rank = cutoff
            host._history_user = actor  # type: ignore[attr-defined]
            host.save(update_fields=["admitted_count", "cutoff_rank"])


def best(fn: Any, *args: Any, repeat: int = 3) -> tuple[float, Any]:
    """Best of ``repeat`` runs (reads only)."""
    runs = [timed(fn, *args) for _ in range(repeat)]
    return min(t for t, _v in runs), runs[-1][1]


def timed(fn: Any, *args: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    value = fn(*args)
    return time.perf_counter() - started, value


ROW = "{:<42} {:>11} {:>11}  {}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="2,000 applicants instead of 20,000")
    parser.add_argument("--url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("-n", type=int, default=None, help="number of applicants")
    args = parser.parse_args()
    n = args.n or (2_000 if args.quick else 20_000)
    started = time.perf_counter()
    name = create_database(args.url)
    try:
        setup_django(args.url)
        run(n, name)
    finally:
        drop_database(args.url)
    print(f"\ndatabase {name} dropped; benchmark wall time {time.perf_counter() - started:.0f} s")


def run(n: int, name: str) -> None:
    from django.db import connection, transaction

    from educluster.placements.models import Assignment, Host, PlacementRound
    from educluster.placements.services import matching, rounds, storage

    t_gen, (rnd, n_prefs) = timed(generate, n)
    server = connection.cursor().connection.info.server_version
    print(
        f"PostgreSQL {server // 10000}.{server % 10000}, database {name}; generated "
        f"{n:,} applicants, {rnd.hosts.count():,} hosts, {n_prefs:,} preferences in {t_gen:.1f} s"
    )
    # Warm the engine (Numba kernels from the disk cache) so no path pays for it.
    matching.solve(rnd, matching.load_round_input(rnd))

    t_load, data = best(matching.load_round_input, rnd)
    t_solve, outcome = timed(matching.solve, rnd, data)
    t_rows, rows = timed(matching.result_rows, data, outcome)
    figures = matching.host_figures(data, outcome)

    def stored() -> dict:
        return dict(Assignment.objects.filter(round=rnd).values_list("applicant_id", "host_id"))

    def clear() -> None:
        # Between the measurements, not timed: the next path starts from an empty result.
        Assignment.history.filter(round_id=rnd.pk).delete()
        Assignment.objects.filter(round=rnd)._raw_delete(connection.alias)

    def store(fast: bool) -> None:
        with transaction.atomic():
            storage.store_result(rnd, rows, figures, actor=None, fast=fast)

    t_copy, _ = timed(store, True)
    result = stored()
    history = Assignment.history.filter(round_id=rnd.pk).count()
    assert history == n, history
    clear()
    t_orm, _ = timed(store, False)
    assert stored() == result, "the ORM bulk path stored another result"

    t_bload, read = best(baseline_load, rnd, repeat=1)
    # The engine gets identical input either way; only reading and writing are compared.
    assert read["lists"] == data.preferences.to_lists()
    assert read["capacities"] == data.capacities.tolist()
    clear()
    t_bstore, _ = timed(baseline_store, rnd, rows, figures, None)
    assert stored() == result, "the row-by-row path stored another result"

    m, pairs = len(figures), len(data.preferences.indices)
    written = n + m
    print(ROW.format("step", "seconds", "rows/s", "ratio"))
    print(
        ROW.format("load: bulk (tuples -> arrays)", f"{t_load:.3f}", f"{pairs / t_load:,.0f}", "")
    )
    print(
        ROW.format(
            "load: baseline row-by-row ORM",
            f"{t_bload:.3f}",
            f"{pairs / t_bload:,.0f}",
            f"bulk {t_bload / t_load:.0f}x faster",
        )
    )
    print(ROW.format("engine: match + check + explain", f"{t_solve:.3f}", "", "same for all"))
    print(ROW.format("result rows from the explanations", f"{t_rows:.3f}", "", "same for all"))
    print(
        ROW.format(
            "store: COPY + UPDATE FROM unnest (app)",
            f"{t_copy:.3f}",
            f"{written / t_copy:,.0f}",
            "",
        )
    )
    print(
        ROW.format(
            "store: ORM bulk_create_with_history",
            f"{t_orm:.3f}",
            f"{written / t_orm:,.0f}",
            f"COPY {t_orm / t_copy:.1f}x faster",
        )
    )
    print(
        ROW.format(
            "store: baseline row-by-row ORM save()",
            f"{t_bstore:.3f}",
            f"{written / t_bstore:,.0f}",
            f"COPY {t_bstore / t_copy:.0f}x faster",
        )
    )
    app_total = t_load + t_rows + t_copy
    base_total = t_bload + t_rows + t_bstore
    print(
        ROW.format(
            "load + store: app / baseline",
            f"{app_total:.2f}/{base_total:.1f}",
            "",
            f"app {base_total / app_total:.0f}x faster",
        )
    )

    # The whole background run as the app does it (load, match, explain, store, statistics).
    PlacementRound.objects.filter(pk=rnd.pk).update(status="running")
    clear()
    Host.objects.filter(round=rnd).update(admitted_count=0, cutoff_rank=None)
    t_run, done = timed(lambda: rounds.round_execute(round_id=rnd.pk))
    seconds = done.stats["seconds"]
    print(
        f"\nround_execute end to end: {t_run:.2f} s (load {seconds['load']:.2f}, match + explain "
        f"{seconds['match']:.2f}, rows + store {seconds['store']:.2f}); matched "
        f"{done.stats['share_matched']:.1%}, first choice {done.stats['share_first_choice']:.1%}, "
        f"blocking pairs {done.stats['blocking_pairs']}"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
