"""The vectorised engine agrees with an independent plain-Python and plain-NumPy computation."""

from __future__ import annotations

import numpy as np
import pytest

from educluster.engines.effectiveness import IndicatorSpec, MissingPolicy, Unit, compute_index

from ._reference import random_problem, reference_index, reference_ranks, reference_scores

POLICIES = [
    MissingPolicy.renormalise(),
    MissingPolicy.zero(),
    MissingPolicy.exclude_unit(0.8),
]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_normalises_like_the_loop_reference(seed: int) -> None:
    specs, units = random_problem(60, 12, seed)
    expected = reference_scores(specs, units)
    result = compute_index(specs, units)
    for score in result.units:
        got = {t.code: t.score for t in score.trace}
        assert got.keys() == expected[score.id].keys()
        for code, value in expected[score.id].items():
            assert got[code] == pytest.approx(value, abs=1e-12), (score.id, code)


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.method)
@pytest.mark.parametrize("seed", [4, 5])
def test_it_computes_the_index_and_ranks_like_the_loop_reference(
    policy: MissingPolicy, seed: int
) -> None:
    specs, units = random_problem(80, 9, seed, missing=0.15)
    expected = reference_index(specs, units, policy.method, policy.min_coverage)
    result = compute_index(specs, units, policy=policy)
    for score in result.units:
        if expected[score.id] is None:
            assert score.index is None
        else:
            assert score.index == pytest.approx(expected[score.id], abs=1e-12)
            assert sum(t.contribution for t in score.trace) == pytest.approx(score.index)
    ranks = reference_ranks(expected)
    assert {u.id: u.rank for u in result.units if u.rank is not None} == ranks


def test_it_matches_a_plain_numpy_min_max_and_weighted_mean() -> None:
    rng = np.random.default_rng(9)
    x = rng.uniform(0, 50, size=(40, 6))
    w = rng.uniform(0.1, 2.0, size=6)
    # Plain NumPy: min–max per column (higher is better), weighted mean per row.
    s = (x - x.min(axis=0)) / (x.max(axis=0) - x.min(axis=0))
    expected = s @ w / w.sum()
    specs = [IndicatorSpec(f"c{j}", normalisation="minmax", weight=float(w[j])) for j in range(6)]
    units = [Unit(i, values={f"c{j}": float(x[i, j]) for j in range(6)}) for i in range(40)]
    got = np.array([u.index for u in compute_index(specs, units).units])
    np.testing.assert_allclose(got, expected, atol=1e-12)
    # Target normalisation, lower is better: min(1, T / x).
    target = 20.0
    lower = [IndicatorSpec("c0", direction="lower", target=target)]
    one = [Unit(i, values={"c0": float(x[i, 0])}) for i in range(40)]
    got = np.array([u.index for u in compute_index(lower, one).units])
    np.testing.assert_allclose(got, np.minimum(1.0, target / x[:, 0]), atol=1e-12)
