"""Cronbach's alpha and Feldt's interval against formulas and published examples."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import special

from educluster.engines.stats import cronbach_alpha

from . import _reference as ref

RNG = np.random.default_rng(5)
# thinkdeeply.cc "Survey reliability": 10 respondents × 4 Likert items; R (ltm::cronbach.alpha)
# reports alpha = 0.674.
LIKERT_10x4 = [
    [3, 3, 3, 3], [3, 3, 4, 3], [3, 3, 3, 1], [5, 4, 4, 5], [2, 1, 4, 4],
    [4, 4, 4, 5], [3, 2, 3, 3], [3, 4, 3, 3], [4, 2, 2, 3], [3, 3, 2, 3],
]  # fmt: skip
_TRAIT = RNG.normal(0, 1, (80, 1))
MATRICES = {
    "likert_10x4": LIKERT_10x4,
    "two_items": [[1, 2], [2, 2], [3, 5], [4, 4], [2, 1]],
    "congeneric_80x6": (np.clip(np.round(3 + _TRAIT + RNG.normal(0, 0.9, (80, 6))), 1, 5)).tolist(),
    "weak_items_40x5": RNG.integers(1, 6, (40, 5)).astype(float).tolist(),
}


def _f_quantile(p: float, d1: float, d2: float) -> float:
    """F quantile through the inverse regularised incomplete beta (a separate code path)."""
    x = special.betaincinv(d1 / 2, d2 / 2, p)
    return d2 * x / (d1 * (1 - x))


@pytest.mark.parametrize("name", sorted(MATRICES))
@pytest.mark.parametrize("confidence", [0.9, 0.95])
def test_it_matches_the_formula_and_feldts_interval(name: str, confidence: float) -> None:
    rows = MATRICES[name]
    result = cronbach_alpha(rows, confidence=confidence)
    alpha = ref.cronbach_reference(rows)
    n, k = len(rows), len(rows[0])
    assert result.alpha == pytest.approx(alpha, rel=1e-9, abs=1e-12)
    d1, d2 = n - 1, (n - 1) * (k - 1)
    assert result.ci_low == pytest.approx(
        1 - (1 - alpha) * _f_quantile(0.5 + confidence / 2, d1, d2), rel=1e-9
    )
    assert result.ci_high == pytest.approx(
        1 - (1 - alpha) * _f_quantile(0.5 - confidence / 2, d1, d2), rel=1e-9
    )
    assert result.ci_low <= result.alpha <= result.ci_high
    if k > 2:
        for j, value in enumerate(result.alpha_if_deleted):
            reduced = [[v for i, v in enumerate(row) if i != j] for row in rows]
            assert value == pytest.approx(ref.cronbach_reference(reduced), rel=1e-9, abs=1e-12)
    else:
        assert result.alpha_if_deleted == ()


def test_it_reproduces_the_published_likert_example() -> None:
    result = cronbach_alpha(LIKERT_10x4)
    assert round(result.alpha, 3) == 0.674
    assert (result.n_respondents, result.n_items, result.n_dropped) == (10, 4, 0)


def test_it_reproduces_the_statsbase_covariance_example() -> None:
    # StatsBase.jl `cronbachalpha` docstring: covariance [[10,6,6,6],[6,11,6,6],[6,6,12,6],
    # [6,6,6,13]] → alpha 0.8136; if an item is dropped 0.7500, 0.7606, 0.7714, 0.7826.
    cov = np.full((4, 4), 6.0) + np.diag([4.0, 5.0, 6.0, 7.0])
    z = RNG.normal(size=(50, 4))
    z -= z.mean(axis=0)
    # Whiten to an exactly identity sample covariance, then colour to `cov`.
    z = z @ np.linalg.inv(np.linalg.cholesky(np.cov(z, rowvar=False)).T)
    data = z @ np.linalg.cholesky(cov).T + 20
    result = cronbach_alpha(data)
    assert round(result.alpha, 4) == 0.8136
    assert [round(v, 4) for v in result.alpha_if_deleted if v is not None] == [
        0.7500, 0.7606, 0.7714, 0.7826,
    ]  # fmt: skip


def test_it_drops_incomplete_responses_listwise() -> None:
    rows = [list(map(float, row)) for row in LIKERT_10x4]
    with_missing = [*rows, [np.nan, 3.0, 4.0, 2.0], [5.0, np.nan, np.nan, 1.0]]
    result = cronbach_alpha(with_missing)
    assert result.n_dropped == 2
    assert result.alpha == cronbach_alpha(rows).alpha


def test_it_gives_alpha_one_for_identical_items() -> None:
    rows = [[v, v, v] for v in (1.0, 2.0, 4.0, 5.0, 3.0)]
    result = cronbach_alpha(rows)
    assert result.alpha == 1.0
    assert result.ci_low == result.ci_high == 1.0
