"""Sensitivity of the ranking to perturbed weights: determinism, bands, Spearman, exclusions."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats as sps

from educluster.engines.effectiveness import (
    IndicatorSpec,
    MissingPolicy,
    Unit,
    compute_index,
    sensitivity,
)

from ._reference import random_problem, reference_index, reference_ranks


def test_it_is_deterministic_for_a_seed_and_accepts_a_generator() -> None:
    specs, units = random_problem(40, 8, 11)
    first = sensitivity(specs, units, draws=200, seed=42, spread=0.3)
    again = sensitivity(specs, units, draws=200, seed=42, spread=0.3)
    assert first == again
    by_generator = sensitivity(specs, units, draws=200, seed=np.random.default_rng(42), spread=0.3)
    assert by_generator.units == first.units and by_generator.seed is None
    other = sensitivity(specs, units, draws=200, seed=43, spread=0.3)
    assert other.units != first.units


def test_it_reports_base_ranks_of_compute_index_and_bands_around_them() -> None:
    specs, units = random_problem(50, 10, 12)
    base = compute_index(specs, units)
    result = sensitivity(specs, units, draws=300, seed=1, spread=0.5, top_k=5)
    assert (result.draws, result.spread, result.top_k, result.seed) == (300, 0.5, 5, 1)
    moved = 0
    for score, item in zip(base.units, result.units, strict=True):
        assert item.id == score.id and item.overall is not None
        band = item.overall
        assert band.base == score.rank
        assert item.base_index == pytest.approx(score.index)
        assert band.rank_min <= band.p5 <= band.median <= band.p95 <= band.rank_max
        assert 0.0 <= band.p_same_rank <= 1.0 and 0.0 <= band.p_top_k <= 1.0
        moved += band.rank_max > band.rank_min
    assert moved > 0
    assert result.spearman_min is not None and result.spearman_median is not None
    assert result.spearman_p5 is not None
    assert -1.0 <= result.spearman_min <= result.spearman_p5 <= result.spearman_median <= 1.0
    assert result.spearman_median > 0.8


def test_it_matches_a_loop_recomputation_of_each_draw() -> None:
    specs, units = random_problem(25, 6, 13)
    draws, spread, seed = 50, 0.4, 5
    result = sensitivity(specs, units, draws=draws, seed=seed, spread=spread, top_k=3)
    # Same draws as the engine: canonical order is by code, factors drawn (draws × m).
    codes = sorted(s.code for s in specs)
    base_w = {s.code: float(s.weight) for s in specs}
    factors = np.random.default_rng(seed).uniform(1 - spread, 1 + spread, (draws, len(codes)))
    base_ranks = reference_ranks(reference_index(specs, units))
    ranks: dict[object, list[int]] = {u.id: [] for u in units}
    rhos = []
    for d in range(draws):
        weights = {c: base_w[c] * factors[d, j] for j, c in enumerate(codes)}
        index = reference_index(specs, units, weights=weights)
        draw_ranks = reference_ranks(index)
        for k, r in draw_ranks.items():
            ranks[k].append(r)
        ids = sorted(draw_ranks)
        rho = sps.spearmanr([base_ranks[i] for i in ids], [draw_ranks[i] for i in ids])
        rhos.append(rho.statistic)
    for item in result.units:
        assert item.overall is not None
        series = np.asarray(ranks[item.id], dtype=np.float64)
        assert item.overall.rank_min == series.min()
        assert item.overall.rank_max == series.max()
        assert item.overall.p_top_k == pytest.approx((series <= 3).mean())
        assert item.overall.p_same_rank == pytest.approx((series == item.overall.base).mean())
        assert item.overall.median == np.quantile(series, 0.5, method="inverted_cdf")
    assert result.spearman_median == pytest.approx(np.median(rhos))
    assert result.spearman_min == pytest.approx(min(rhos))


def test_it_never_moves_a_unit_that_dominates_on_every_indicator() -> None:
    specs = [IndicatorSpec(c, normalisation="minmax") for c in "abc"]
    units = [
        Unit("top", values={"a": 10, "b": 10, "c": 10}),
        Unit("mid", values={"a": 5, "b": 1, "c": 9}),
        Unit("low", values={"a": 0, "b": 0, "c": 0}),
    ]
    result = sensitivity(specs, units, draws=500, seed=0, spread=0.9, top_k=1)
    top, low = result.unit("top").overall, result.unit("low").overall
    assert top is not None and low is not None
    assert (top.rank_min, top.rank_max, top.p_top_k, top.p_same_rank) == (1.0, 1.0, 1.0, 1.0)
    assert (low.rank_min, low.rank_max) == (3.0, 3.0)


def test_it_leaves_excluded_units_out_and_ranks_within_kind() -> None:
    specs = [IndicatorSpec("a", target=1.0), IndicatorSpec("b", target=1.0)]
    units = [
        Unit(1, "school", {"a": 1.0, "b": 0.2}),
        Unit(2, "school", {"a": 0.2, "b": 1.0}),
        Unit(3, "university", {"a": 0.5, "b": None}),
        Unit(4, "university", {"a": 0.9, "b": 0.9}),
    ]
    result = sensitivity(
        specs, units, policy=MissingPolicy.exclude_unit(1.0), draws=100, seed=2, spread=0.5
    )
    excluded = result.unit(3)
    assert (excluded.overall, excluded.in_kind, excluded.base_index) == (None, None, None)
    university = result.unit(4).in_kind
    assert university is not None and university.rank_max == 1.0
    school = result.unit(1).in_kind
    assert school is not None and school.rank_min == 1.0 and school.rank_max == 2.0


def test_it_reports_no_spearman_for_a_single_unit() -> None:
    result = sensitivity([IndicatorSpec("a", target=1)], [Unit(1, values={"a": 1})], draws=5)
    assert result.spearman_median is None
    assert result.unit(1).base_rank == 1.0
