"""An independent plain-Python computation of the index, written from the documented formulas.

Used to cross-check the vectorised engine (tests) and as the loop baseline of the benchmark.
It shares no code with the engine.
"""

from __future__ import annotations

import random
from typing import Any

from educluster.engines.effectiveness import IndicatorSpec, Unit


def reference_scores(specs: list[IndicatorSpec], units: list[Unit]) -> dict[Any, dict[str, Any]]:
    """unit id -> code -> normalised score (None where missing), for applicable indicators."""
    out: dict[Any, dict[str, Any]] = {}
    ranges: dict[str, tuple[float, float]] = {}
    for spec in specs:
        values = [
            float(v)
            for u in units
            if spec.applies_to(u.kind) and (v := u.values.get(spec.code)) is not None
        ]
        if values:
            ranges[spec.code] = (min(values), max(values))
    for unit in units:
        row: dict[str, Any] = {}
        for spec in specs:
            if not spec.applies_to(unit.kind):
                continue
            raw = unit.values.get(spec.code)
            if raw is None:
                row[spec.code] = None
                continue
            x = float(raw)
            if spec.normalisation == "target":
                t = float(spec.target or 0)
                if spec.direction == "higher":
                    s = min(1.0, max(0.0, x / t))
                else:
                    s = 1.0 if x <= 0 else min(1.0, t / x)
            else:
                lo, hi = ranges[spec.code]
                if hi == lo:
                    s = 1.0
                elif spec.direction == "higher":
                    s = (x - lo) / (hi - lo)
                else:
                    s = (hi - x) / (hi - lo)
            row[spec.code] = s
        out[unit.id] = row
    return out


def reference_index(
    specs: list[IndicatorSpec],
    units: list[Unit],
    method: str = "renormalise",
    min_coverage: float = 0.0,
    weights: dict[str, float] | None = None,
) -> dict[Any, float | None]:
    """unit id -> index (None when the policy excludes the unit)."""
    w = {s.code: float(s.weight) for s in specs} if weights is None else weights
    scores = reference_scores(specs, units)
    out: dict[Any, float | None] = {}
    for unit in units:
        row = scores[unit.id]
        applicable = sum(w[c] for c in row)
        present = sum(w[c] for c, s in row.items() if s is not None)
        cover = present / applicable
        if method == "zero":
            out[unit.id] = sum(w[c] * (s or 0.0) for c, s in row.items()) / applicable
        elif present == 0 or (method == "exclude_unit" and cover < min_coverage - 1e-12):
            out[unit.id] = None
        else:
            out[unit.id] = sum(w[c] * s for c, s in row.items() if s is not None) / present
    return out


def reference_ranks(index: dict[Any, float | None]) -> dict[Any, int]:
    """Competition ranks (1 = best, ties share the minimum rank) of the units with an index."""
    scored = {k: round(v, 12) for k, v in index.items() if v is not None}
    return {k: 1 + sum(1 for other in scored.values() if other > v) for k, v in scored.items()}


def random_problem(
    n_units: int, n_indicators: int, seed: int, missing: float = 0.1
) -> tuple[list[IndicatorSpec], list[Unit]]:
    """A reproducible mixed problem: both directions and normalisations, two kinds, gaps."""
    rng = random.Random(seed)
    specs = []
    for j in range(n_indicators):
        by_target = rng.random() < 0.5
        specs.append(
            IndicatorSpec(
                f"ind{j:02d}",
                direction=rng.choice(["higher", "lower"]),
                weight=rng.uniform(0.5, 3.0),
                normalisation="target" if by_target else "minmax",
                target=rng.uniform(10, 90) if by_target else None,
                kind="university" if j % 7 == 6 else None,
            )
        )
    units = []
    for i in range(n_units):
        values: dict[str, float | None] = {
            s.code: None if rng.random() < missing else rng.uniform(0, 100) for s in specs
        }
        units.append(Unit(i, kind="university" if i % 5 == 0 else "school", values=values))
    return specs, units
