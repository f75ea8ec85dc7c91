"""Benchmark of the effectiveness-index engine against a plain-Python loop.

A cluster of 500 members (schools and universities) with 30 indicators (both directions,
target and min–max normalisation, 10 % of the values missing) and 1,000 weight-perturbation
draws. Times :func:`compute_index` and :func:`sensitivity` (best wall time of 3) and a
straightforward plain-Python baseline measured in the same run: nested loops over units and
indicators per draw, ranking by sorting. The baseline runs on a subset of the draws and is
extrapolated linearly to all draws (said in the output); before any timing is believed, the
engine and the baseline must agree on the base ranks and on every unit's rank range over the
baseline's draws. Target: sensitivity well under 1 s.

Run:  .venv/bin/python bench/bench_effectiveness.py [--quick]
      (--quick: 100 members, 30 indicators, 200 draws)

Threads are pinned to 1 through the environment before NumPy is imported.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from educluster.engines.effectiveness import (  # noqa: E402
    IndicatorSpec,
    MissingPolicy,
    Unit,
    compute_index,
    sensitivity,
)

TARGET_SECONDS = 1.0
SPREAD = 0.25
SEED = 2026


def make_cluster(
    n_units: int, n_indicators: int, seed: int
) -> tuple[list[IndicatorSpec], list[Unit]]:
    """Mixed indicators (one in seven for universities only) and members with 10 % gaps."""
    rng = random.Random(seed)
    specs = []
    for j in range(n_indicators):
        by_target = j % 2 == 0
        specs.append(
            IndicatorSpec(
                f"ind{j:02d}",
                direction="lower" if j % 3 == 2 else "higher",
                weight=rng.uniform(0.5, 3.0),
                normalisation="target" if by_target else "minmax",
                target=rng.uniform(20, 80) if by_target else None,
                kind="university" if j % 7 == 6 else None,
            )
        )
    units = []
    for i in range(n_units):
        values: dict[str, float | None] = {
            s.code: None if rng.random() < 0.1 else rng.uniform(0, 100) for s in specs
        }
        units.append(Unit(i, kind="university" if i % 10 == 0 else "school", values=values))
    return specs, units


def loop_ranks(specs: list[IndicatorSpec], units: list[Unit], weights: list[float]) -> list[int]:
    """Plain Python: normalise, renormalise weights over present values, rank by sorting."""
    lo: dict[str, float] = {}
    hi: dict[str, float] = {}
    for spec in specs:
        for unit in units:
            raw = unit.values.get(spec.code)
            if raw is None or not spec.applies_to(unit.kind):
                continue
            x = float(raw)
            lo[spec.code] = min(lo.get(spec.code, x), x)
            hi[spec.code] = max(hi.get(spec.code, x), x)
    index = []
    for unit in units:
        numerator = denominator = 0.0
        for spec, w in zip(specs, weights, strict=True):
            raw = unit.values.get(spec.code)
            if raw is None or not spec.applies_to(unit.kind):
                continue
            x = float(raw)
            if spec.normalisation == "target":
                t = float(spec.target or 1.0)
                if spec.direction == "higher":
                    s = min(1.0, max(0.0, x / t))
                else:
                    s = 1.0 if x <= 0 else min(1.0, t / x)
            else:
                span = hi[spec.code] - lo[spec.code]
                if span == 0:
                    s = 1.0
                elif spec.direction == "higher":
                    s = (x - lo[spec.code]) / span
                else:
                    s = (hi[spec.code] - x) / span
            numerator += w * s
            denominator += w
        index.append(round(numerator / denominator, 12))
    order = sorted(range(len(units)), key=lambda i: -index[i])
    ranks = [0] * len(units)
    for position, i in enumerate(order):
        same = position > 0 and index[order[position - 1]] == index[i]
        ranks[i] = ranks[order[position - 1]] if same else position + 1
    return ranks


def loop_sensitivity(
    specs: list[IndicatorSpec], units: list[Unit], draws: int
) -> tuple[list[int], list[list[int]]]:
    """The baseline: recompute the whole index and ranking once per draw, in loops.

    Uses the engine's documented draw order (indicators sorted by code, factors ``draws × m``)
    so that its rank ranges can be compared with the engine's.
    """
    ordered = sorted(specs, key=lambda s: s.code)
    base_w = [float(s.weight) for s in ordered]
    factors = np.random.default_rng(SEED).uniform(1 - SPREAD, 1 + SPREAD, (draws, len(ordered)))
    base = loop_ranks(ordered, units, base_w)
    per_draw = []
    for d in range(draws):
        weights = [w * float(f) for w, f in zip(base_w, factors[d], strict=True)]
        per_draw.append(loop_ranks(ordered, units, weights))
    return base, per_draw


def timed(call: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = call()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 members, 200 draws")
    parser.add_argument("--loop-draws", type=int, default=None, help="draws run by the loop")
    args = parser.parse_args()
    n_units, n_indicators, draws = (100, 30, 200) if args.quick else (500, 30, 1000)
    loop_draws = args.loop_draws or (20 if args.quick else 40)
    specs, units = make_cluster(n_units, n_indicators, seed=7)
    policy = MissingPolicy.renormalise()
    print(
        f"effectiveness bench: {n_units} members x {n_indicators} indicators x {draws} draws "
        f"(spread ±{SPREAD:.0%}, 10 % missing, renormalise); threads pinned to 1"
    )

    sensitivity(specs, units, policy=policy, draws=10, seed=0)  # warm-up
    t_index, result = timed(lambda: compute_index(specs, units, policy=policy), 3)
    t_sens, sens = timed(
        lambda: sensitivity(specs, units, policy=policy, draws=draws, seed=SEED, spread=SPREAD),
        3,
    )

    start = time.perf_counter()
    base, per_draw = loop_sensitivity(specs, units, loop_draws)
    t_loop_measured = time.perf_counter() - start
    t_loop = t_loop_measured * draws / loop_draws

    # The two must agree before their speeds mean anything.
    assert [u.rank for u in result.units] == [float(r) for r in base]
    check = sensitivity(specs, units, policy=policy, draws=loop_draws, seed=SEED, spread=SPREAD)
    for i, item in enumerate(check.units):
        assert item.overall is not None
        series = [ranks[i] for ranks in per_draw]
        assert (item.overall.rank_min, item.overall.rank_max) == (min(series), max(series))

    widest = max(
        (u for u in sens.units if u.overall is not None),
        key=lambda u: u.overall.p95 - u.overall.p5 if u.overall else 0.0,
    )
    assert widest.overall is not None
    print(
        f"Spearman rho perturbed vs base: median {sens.spearman_median:.4f}, "
        f"P5 {sens.spearman_p5:.4f}, min {sens.spearman_min:.4f}; widest band: member "
        f"{widest.id} base rank {widest.overall.base:.0f}, P5-P95 "
        f"{widest.overall.p5:.0f}-{widest.overall.p95:.0f}"
    )
    print(f"compute_index (with traces):  {t_index * 1000:8.1f} ms  (best of 3)")
    verdict = "meets" if t_sens <= TARGET_SECONDS else "MISSES"
    print(
        f"sensitivity, {draws} draws:    {t_sens * 1000:8.1f} ms  (best of 3)  "
        f"{verdict} the {TARGET_SECONDS:.0f} s target"
    )
    print(
        f"plain Python loop:            {t_loop:8.2f} s   (measured {t_loop_measured:.2f} s on "
        f"{loop_draws} draws, extrapolated linearly to {draws})"
    )
    print(f"ratio loop / engine:          {t_loop / t_sens:8.0f}x")


if __name__ == "__main__":
    main()
