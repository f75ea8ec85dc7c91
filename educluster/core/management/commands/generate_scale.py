"""``manage.py generate_scale``: national-scale data for benchmarks (see educluster.core.scale)."""

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError
from django.utils import timezone

from educluster.core.scale import (
    Plan,
    generate_scale,
    scale_clear,
    scale_exists,
    school_year_start,
)


class Command(BaseCommand):
    help = (
        "Generate a deterministic national-scale dataset (14 regions, ~200 districts, ~10,000 "
        "schools, ~500,000 positions, 20 clusters, 1,000,000 pupil results at --scale 1)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Fraction of the nation (1.0; 0.01 = 1%%)."
        )
        parser.add_argument("--seed", type=int, default=2026, help="Seed of the generator.")
        parser.add_argument(
            "--batch-size", type=int, default=5000, help="Rows per INSERT (bulk_create)."
        )
        parser.add_argument(
            "--anchor",
            type=date.fromisoformat,
            default=None,
            help="1 September the dates are built around (default: this school year's).",
        )
        parser.add_argument(
            "--force", action="store_true", help="Remove generated data first, then generate."
        )
        parser.add_argument("--clear", action="store_true", help="Only remove the generated data.")

    def handle(self, *args, **options) -> None:
        scale: float = options["scale"]
        if not 0 < scale <= 5:
            raise CommandError("--scale must be above 0 and at most 5.")
        say = self.stdout.write if options["verbosity"] > 0 else None
        if options["clear"] or options["force"]:
            try:
                scale_clear(say=say)
            except IntegrityError as error:
                raise CommandError(
                    "Other data refers to the generated rows, so they cannot be removed "
                    f"({error}). Generate into a fresh database instead."
                ) from error
            if options["clear"]:
                return
        elif scale_exists():
            raise CommandError(
                "This database already holds generated data (clusters “scale-…”, institutions "
                "“SC-…”). Run with --force to replace it, or --clear to remove it."
            )
        anchor = options["anchor"] or school_year_start(timezone.localdate())
        plan = Plan(scale=scale, seed=options["seed"], anchor=anchor)
        if say:
            say(
                f"Generating scale {scale:g} (seed {plan.seed}, school year from {anchor}): "
                f"{plan.clusters} clusters, {plan.schools:,} schools, "
                f"~{round(plan.positions_per_school * plan.schools):,} positions, "
                f"~{plan.pupil_results:,} pupil results."
            )
        started = time.perf_counter()
        counts = generate_scale(plan, batch_size=options["batch_size"], say=say)
        if say:
            say(
                self.style.SUCCESS(
                    f"Generated {sum(counts.values()):,} rows in "
                    f"{time.perf_counter() - started:.1f} s."
                )
            )
