"""Benchmark: recompute every indicator and the effectiveness index of a cluster of 500 members
over 5 academic years (issue 12 asks for under a minute).

Run ``.venv/bin/python bench/bench_effectiveness_recompute.py`` (``--quick``: 100 members). It
builds a throw-away SQLite database in a temporary directory (or uses ``--url``, e.g. a
PostgreSQL database you own), migrates, loads the deterministic demo cluster, then grows the
cluster to n members (general schools, art schools, preschools) with, per member and year: 12
School-Lab activities, 2 obligation occurrences (some confirmed on time, some late, some
disputed reports), 3 vacancies (filled or open), 2 adoptions of the year's materials. Generating
the data is not measured.

* **the app's path**: ``index_run_execute`` for each of the 5 years — all calculators (a
  constant number of aggregate queries each), storing the values with their history, then the
  engine's index and 1,000-draw sensitivity, and the run's scores;
* **baseline: per-member queries** — the same calculators called once per member (a context
  holding one member), the straightforward N+1 way; measured for one year (the baseline's
  values are checked equal to the app's first) and compared with the app's calculator time for
  that year.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def setup(url: str | None) -> None:
    if url is None:
        url = f"sqlite:///{tempfile.mkdtemp(prefix='bench_eff_')}/bench.sqlite3"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from io import StringIO

    call_command("seed_demo", verbosity=0, stdout=StringIO())  # not its account list


def grow(n: int, years: list[int]) -> None:
    from django.db import transaction
    from django.utils import timezone

    from educluster.accounts.models import User
    from educluster.agreements.models import (
        Agreement,
        AgreementParty,
        FulfilmentReport,
        Obligation,
        Occurrence,
    )
    from educluster.materials.models import Adoption, Material
    from educluster.registry.demo_data import SLUG
    from educluster.registry.models import Cluster, Institution, Language, Membership
    from educluster.schoollabs.models import Activity
    from educluster.workforce.models import Position, Subject, Vacancy

    reporter = User.objects.get(username="head")
    cluster = Cluster.objects.get(slug=SLUG)
    have = Membership.objects.filter(cluster=cluster).count()
    district = cluster.lead_institution.district
    subject = Subject.objects.first()
    uz = Language.objects.get(code="uz")
    kinds = ["general_school", "general_school", "music_art_school", "preschool"]
    tz = timezone.get_current_timezone()
    with transaction.atomic():
        new = Institution.objects.bulk_create(
            Institution(name=f"Bench {i}", kind=kinds[i % 4], district=district)
            for i in range(n - have)
        )
        Membership.objects.bulk_create(
            Membership(cluster=cluster, institution=i, start_date=date(years[0] - 1, 1, 1))
            for i in new
        )
        lead = cluster.lead_institution
        agreement = Agreement.objects.create(
            cluster=cluster,
            number="B-1",
            title="Bench",
            valid_from=date(years[0], 9, 1),
            valid_to=date(years[-1] + 1, 8, 31),
            status="active",
        )
        lead_party = AgreementParty.objects.create(agreement=agreement, institution=lead)
        parties = AgreementParty.objects.bulk_create(
            AgreementParty(agreement=agreement, institution=i) for i in new
        )
        obligations = Obligation.objects.bulk_create(
            Obligation(
                agreement=agreement,
                party=p,
                counterpart=lead_party,
                area="educational_methodological",
                description="Bench",
                recurrence="term",
                target_value=1,
                target_unit="x",
            )
            for p in parties
        )
        positions = Position.objects.bulk_create(
            Position(
                institution=i,
                code=f"B{k}",
                subject=subject,
                language=uz,
                weekly_hours=18,
                load_fraction=1,
            )
            for i in new
            for k in range(3 * len(years))
        )
        activities, occurrences, vacancies, adoptions = [], [], [], []
        for y, year in enumerate(years):
            materials = Material.objects.bulk_create(
                Material(
                    cluster=cluster,
                    title=f"Bench {year}-{k}",
                    kind="methodological",
                    language=uz,
                    level="basic",
                    subject="x",
                    status="published",
                    published_on=date(year, 9, 15),
                )
                for k in range(20)
            )
            for j, inst in enumerate(new):
                for k in range(12):
                    activities.append(
                        Activity(
                            cluster=cluster,
                            institution=inst,
                            kind="open_lesson",
                            topic="Bench",
                            date=date(year, 9, 10) + timedelta(days=25 * k),
                        )
                    )
                for k, due in enumerate((date(year, 12, 31), date(year + 1, 5, 31))):
                    late = (j + k) % 3 == 0
                    occurrences.append(
                        Occurrence(
                            obligation=obligations[j],
                            due_date=due,
                            state="confirmed",
                            confirmed_at=datetime(due.year, due.month, due.day, 12, tzinfo=tz)
                            + timedelta(days=5 if late else -3),
                        )
                    )
                for k in range(3):
                    filled = (j + k) % 2 == 0
                    opened = date(year, 9, 1) + timedelta(days=30 * k)
                    vacancies.append(
                        Vacancy(
                            position=positions[j * 3 * len(years) + 3 * y + k],
                            status="filled" if filled else "open",
                            language=uz,
                            opened_on=opened,
                            closed_on=opened + timedelta(days=20 + j % 60) if filled else None,
                        )
                    )
                for k in range(2):
                    adoptions.append(
                        Adoption(
                            material=materials[(j + k) % 20],
                            institution=inst,
                            adopted_on=date(year, 10, 1) + timedelta(days=j % 90 + k),
                        )
                    )
        Activity.objects.bulk_create(activities, batch_size=5000)
        occurrences = Occurrence.objects.bulk_create(occurrences, batch_size=5000)
        FulfilmentReport.objects.bulk_create(
            (
                FulfilmentReport(
                    occurrence=o,
                    value_achieved=1,
                    submitted_by=reporter,
                    text="Bench",
                    submitted_at=(o.confirmed_at or timezone.now()) - timedelta(days=1),
                    decision="disputed" if i % 7 == 0 else "confirmed",
                )
                for i, o in enumerate(occurrences)
            ),
            batch_size=5000,
        )
        Vacancy.objects.bulk_create(vacancies, batch_size=5000)
        Adoption.objects.bulk_create(adoptions, batch_size=5000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="100 members instead of 500")
    parser.add_argument("--url", help="database URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    n = 100 if args.quick else 500
    t0 = time.perf_counter()
    setup(args.url)
    from django.db import connection
    from django.utils import timezone

    first = timezone.localdate().year - (0 if timezone.localdate().month >= 9 else 1)
    years = list(range(first - 4, first + 1))
    grow(n, years)
    print(
        f"setup (migrate, demo, grow to {n} members x {len(years)} years): "
        f"{time.perf_counter() - t0:.1f} s, database {connection.vendor}"
    )

    from educluster.effectiveness import services
    from educluster.effectiveness.indicators import Context, calculators
    from educluster.effectiveness.models import IndexRun, IndicatorValue
    from educluster.registry.demo_data import SLUG
    from educluster.registry.models import Cluster

    cluster = Cluster.objects.get(slug=SLUG)
    labels = [f"{y}/{y + 1}" for y in years]

    # The app's path: one background run per year, end to end.
    per_year = []
    start = time.perf_counter()
    for label in labels:
        t = time.perf_counter()
        run = services.index_run_start(
            actor=None, cluster=cluster, year=label, seed=1, enqueue=False
        )
        run = services.index_run_execute(run_id=run.pk)
        assert run.status == IndexRun.Status.DONE, run.message
        per_year.append(time.perf_counter() - t)
    total = time.perf_counter() - start
    values = IndicatorValue.objects.filter(cluster=cluster).count()
    members = len(run.results["members"])

    # Calculators alone for the last year: app (whole cluster) vs baseline (per member).
    period = services.period_of(labels[-1])
    members_map = services.period_members(cluster, period)
    today = timezone.localdate()
    ctx = Context(cluster, period, members_map, today)
    t = time.perf_counter()
    app = {}
    for _codes, function in calculators():
        app.update(function(ctx))
    app_calc = time.perf_counter() - t
    t = time.perf_counter()
    base: dict[str, dict] = {}
    for member, kind in members_map.items():
        one = Context(cluster, period, {member: kind}, today)
        for _codes, function in calculators():
            for code, figures in function(one).items():
                base.setdefault(code, {}).update(
                    {k: f for k, f in figures.items() if k is not None}
                )
    base_calc = time.perf_counter() - t
    for code, figures in base.items():
        mine = {k: f.value for k, f in app.get(code, {}).items() if k is not None}
        theirs = {k: f.value for k, f in figures.items()}
        assert mine == theirs, f"baseline and app disagree on {code}"

    print(f"members scored: {members}; indicator values stored: {values}")
    print("| step | seconds |")
    print("|---|---|")
    for label, seconds in zip(labels, per_year, strict=True):
        print(f"| recompute {label} (values + index + 1,000-draw sensitivity) | {seconds:.2f} |")
    print(f"| **all {len(years)} years** | **{total:.2f}** (limit 60) |")
    print(f"| calculators, one year, whole-cluster queries (app) | {app_calc:.3f} |")
    print(f"| calculators, one year, per-member queries (baseline) | {base_calc:.3f} |")
    print(f"ratio baseline / app (calculators, same run): {base_calc / app_calc:.1f}x")
    if total >= 60:
        sys.exit("recompute took a minute or more")


if __name__ == "__main__":
    main()
