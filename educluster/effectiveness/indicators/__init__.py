"""The computed indicators: small calculator functions over the data the other apps hold.

A calculator takes the :class:`Context` (cluster, period, members and their kinds) and returns,
for each indicator code it computes, the figures per member (institution id) or for the cluster
(key ``None``). Each calculator runs a constant number of aggregate queries for the whole
cluster and period, never one per member. ``None`` as a value means "cannot be measured" (no
data to compute it from), which the index's missing-value policy then treats as missing.

Example:
    >>> figure = Figure(0.75, {"confirmed_on_time": 3, "due": 4})
    >>> figure.value
    0.75
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from statistics import median
from typing import Any

from educluster.registry.models import Cluster


@dataclass(frozen=True)
class Period:
    """An academic year ("2025/2026", first_year 2025) or one of its two terms."""

    year: str
    term: str
    start: date
    end: date
    first_year: int

    @property
    def terms(self) -> int:
        """How many terms the period spans (used for "per term" indicators)."""
        return 1 if self.term else 2


@dataclass(frozen=True)
class Context:
    cluster: Cluster
    period: Period
    members: dict[int, str]  # institution id -> kind
    today: date

    @property
    def measured_until(self) -> date:
        """Nothing after today is known yet: a period still running is measured up to today."""
        return min(self.period.end, self.today)


@dataclass(frozen=True)
class Figure:
    """One computed value with the counts it came from (shown on the "why" page)."""

    value: float | None
    detail: dict[str, Any] = field(default_factory=dict)


Key = int | None  # institution id, or None for the cluster
Figures = dict[str, dict[Key, Figure]]
Calculator = Callable[[Context], Figures]

_CALCULATORS: list[tuple[tuple[str, ...], Calculator]] = []


def calculator(*codes: str) -> Callable[[Calculator], Calculator]:
    """Register a calculator for the indicator ``codes`` it returns."""

    def register(function: Calculator) -> Calculator:
        _CALCULATORS.append((codes, function))
        return function

    return register


def calculators() -> list[tuple[tuple[str, ...], Calculator]]:
    from educluster.effectiveness.indicators import (  # noqa: F401 (registration)
        agreements,
        council,
        development,
        guidance,
        market,
        materials,
        pathways,
        placements,
        recognition,
        schoollabs,
        workforce,
    )

    return list(_CALCULATORS)


def computed_codes() -> set[str]:
    return {code for codes, _function in calculators() for code in codes}


def share(part: float, whole: float) -> float | None:
    """``part / whole``, or None when there is nothing to divide by."""
    return part / whole if whole else None


def median_or_none(values: list[float]) -> float | None:
    return float(median(values)) if values else None
