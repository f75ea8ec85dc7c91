"""The plan of a generated dataset, the bulk writer and the shared state of one run."""

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import time as dtime
from decimal import Decimal
from random import Random
from typing import Any

from django.db import models
from django.utils import timezone

#: Every generated slug, username and district code starts with ``scale-``; institution codes
#: with ``SC-``. Clearing and the "already generated" check look for these.
PREFIX = "scale-"
CODE_PREFIX = "SC-"

NATIONAL = {
    "clusters": 20,
    "schools": 10_000,
    "positions": 500_000,
    "pupil_results": 1_000_000,
    "studies": 100,
    "districts": 200,
}


def school_year_start(today: date) -> date:
    """1 September of the current school year: the anchor of every generated date."""
    return date(today.year if today.month >= 9 else today.year - 1, 9, 1)


@dataclass(frozen=True)
class Plan:
    """How much to generate: ``scale`` 1.0 is the nation, 0.01 a hundredth of it. Regions and
    districts are the country's at any scale; the rest is proportional (with small floors so a
    tiny run still has every kind of row)."""

    scale: float
    seed: int
    anchor: date

    def _n(self, key: str, floor: int) -> int:
        return max(floor, round(NATIONAL[key] * self.scale))

    @property
    def clusters(self) -> int:
        return self._n("clusters", 2)

    @property
    def schools(self) -> int:
        return self._n("schools", 5 * self.clusters)

    @property
    def positions_per_school(self) -> float:
        return max(1.0, NATIONAL["positions"] * self.scale / self.schools)

    @property
    def pupil_results(self) -> int:
        return self._n("pupil_results", 200)

    @property
    def studies(self) -> int:
        return self._n("studies", self.clusters)


def aware(day: date, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime.combine(day, dtime(hour)))


def dec(value: float, places: int = 6) -> Decimal:
    return Decimal(f"{value:.{places}f}")


class Run:
    """One generation: the plan, the seeded generator, the batch size, progress output, counts."""

    def __init__(
        self, plan: Plan, *, batch_size: int = 5000, say: Callable[[str], None] | None = None
    ) -> None:
        self.plan = plan
        self.rng = Random(plan.seed)
        self.batch_size = batch_size
        self.say = say or (lambda line: None)
        self.counts: dict[str, int] = {}
        self.started = time.perf_counter()

    def writer(self, model: type[models.Model], label: str | None = None) -> "Writer":
        return Writer(self, model, label or model._meta.db_table)

    def insert(
        self, model: type[models.Model], objs: Iterable[Any], label: str | None = None
    ) -> list[Any]:
        """Insert all of ``objs`` now and return them with their primary keys."""
        started = time.perf_counter()
        objs = list(objs)
        model._default_manager.bulk_create(objs, batch_size=self.batch_size)
        self.report(label or model._meta.db_table, len(objs), time.perf_counter() - started)
        return objs

    def report(self, label: str, count: int, seconds: float) -> None:
        self.counts[label] = self.counts.get(label, 0) + count
        total = time.perf_counter() - self.started
        self.say(f"{label:<34} {count:>10,} rows  {seconds:7.1f} s  (total {total:7.1f} s)")


@dataclass
class Writer:
    """Buffers model instances and bulk-inserts them ``batch_size`` at a time."""

    run: Run
    model: type[models.Model]
    label: str
    count: int = 0
    buffer: list[Any] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    def add(self, obj: Any) -> None:
        self.buffer.append(obj)
        if len(self.buffer) >= self.run.batch_size:
            self.flush()

    def flush(self) -> list[Any]:
        batch, self.buffer = self.buffer, []
        if batch:
            self.model._default_manager.bulk_create(batch, batch_size=self.run.batch_size)
            self.count += len(batch)
        return batch

    def done(self) -> None:
        self.flush()
        self.run.report(self.label, self.count, time.perf_counter() - self.started)
