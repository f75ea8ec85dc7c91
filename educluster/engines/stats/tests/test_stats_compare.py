"""Welch's t, Mann–Whitney U and Hedges' g against independent implementations."""

from __future__ import annotations

import math
import statistics

import numpy as np
import pytest
from scipy import stats as sps
from statsmodels.stats.meta_analysis import effectsize_smd
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW, ttest_ind

from educluster.engines.stats import (
    hedges_g,
    hedges_g_from_summary,
    mann_whitney_u,
    welch_t_test,
)

from . import _reference as ref

RNG = np.random.default_rng(2024)
# Wikipedia, "Welch's t-test", example 1 (A1 vs A2): t = -2.46, df = 25.0, p = 0.021.
WIKI_A1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4]
WIKI_A2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4]
# Hollander & Wolfe (1973, p. 69), the example of R's ?wilcox.test: permeability constants.
HW_X = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46]
HW_Y = [1.15, 0.88, 0.90, 0.74, 1.21]

PAIRS = {
    "wikipedia_welch": (WIKI_A1, WIKI_A2),
    "hollander_wolfe": (HW_X, HW_Y),
    "unequal_sizes": (list(RNG.normal(55, 9, 23)), list(RNG.normal(50, 14, 41))),
    "rubric_ties": (
        list(RNG.integers(0, 13, 30).astype(float)),
        list(RNG.integers(0, 11, 35).astype(float)),
    ),
    "tiny": ([1.0, 4.0], [2.0, 2.5, 7.0]),
    "one_constant": ([5.0, 5.0, 5.0, 5.0], [3.0, 6.0, 4.5, 8.0, 1.0]),
    "large": (list(RNG.normal(0.3, 1, 900)), list(RNG.normal(0, 1.3, 1100))),
}


@pytest.mark.parametrize("name", sorted(PAIRS))
@pytest.mark.parametrize("confidence", [0.9, 0.95])
def test_it_matches_statsmodels_welch(name: str, confidence: float) -> None:
    x, y = PAIRS[name]
    result = welch_t_test(x, y, confidence=confidence)
    t, p, df = ttest_ind(np.asarray(x), np.asarray(y), usevar="unequal")
    low, high = CompareMeans(DescrStatsW(np.asarray(x)), DescrStatsW(np.asarray(y))).tconfint_diff(
        alpha=1 - confidence, usevar="unequal"
    )
    v_x, v_y = statistics.variance(x) / len(x), statistics.variance(y) / len(y)
    expected = {
        "difference": statistics.fmean(x) - statistics.fmean(y),
        "se": math.sqrt(v_x + v_y),
        "t": t,
        "df": (v_x + v_y) ** 2 / (v_x**2 / (len(x) - 1) + v_y**2 / (len(y) - 1)),
        "p_value": p,
        "ci_low": low,
        "ci_high": high,
    }
    assert df == pytest.approx(expected["df"], rel=1e-9)
    for field, value in expected.items():
        assert getattr(result, field) == pytest.approx(value, rel=1e-9, abs=1e-12), field


def test_it_reproduces_the_wikipedia_welch_example() -> None:
    result = welch_t_test(WIKI_A1, WIKI_A2)
    assert round(result.t, 2) == -2.46
    assert round(result.df, 1) == 25.0
    assert round(result.p_value, 3) == 0.021


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_it_matches_mann_whitney_by_pair_counting(name: str) -> None:
    x, y = PAIRS[name]
    result = mann_whitney_u(x, y)
    u = ref.u_by_pairs(x, y)
    assert result.u_x == pytest.approx(u, abs=1e-9)
    assert result.u_y == pytest.approx(ref.u_by_pairs(y, x), abs=1e-9)
    favourable = sum(1 for a in x for b in y if a > b)
    unfavourable = sum(1 for a in x for b in y if a < b)
    assert result.rank_biserial == pytest.approx(
        (favourable - unfavourable) / (len(x) * len(y)), abs=1e-12
    )
    if result.method == "exact":
        assert result.z is None
        assert result.p_value == pytest.approx(ref.mwu_exact_two_sided(u, len(x), len(y)), rel=1e-9)
    else:
        z, p = ref.mwu_asymptotic(x, y)
        assert result.z == pytest.approx(z, rel=1e-9)
        assert result.p_value == pytest.approx(p, rel=1e-9)


@pytest.mark.parametrize("name", sorted(PAIRS))
@pytest.mark.parametrize("method", ["asymptotic", "auto"])
def test_it_agrees_with_scipy_mannwhitneyu(name: str, method: str) -> None:
    x, y = PAIRS[name]
    result = mann_whitney_u(x, y, method=method)  # type: ignore[arg-type]
    expected = sps.mannwhitneyu(x, y, alternative="two-sided", method=method)
    assert result.u_x == pytest.approx(float(expected.statistic), abs=1e-9)
    assert result.p_value == pytest.approx(float(expected.pvalue), rel=1e-9)


def test_it_reproduces_the_hollander_wolfe_example() -> None:
    result = mann_whitney_u(HW_X, HW_Y)
    # R: wilcox.test(x, y, alternative = "greater") gives W = 35, p-value = 0.1272.
    assert result.u_x == 35.0
    assert result.method == "exact"
    assert round(result.p_value / 2, 4) == 0.1272


def test_it_uses_exact_only_without_ties_in_small_samples() -> None:
    assert mann_whitney_u([1, 2, 3], [4, 5, 6, 7]).method == "exact"
    assert mann_whitney_u([1, 2, 3], [3, 5, 6, 7]).method == "asymptotic"
    assert mann_whitney_u(range(9), range(5, 14)).method == "asymptotic"


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_it_matches_hedges_g_by_formula_and_statsmodels(name: str) -> None:
    x, y = PAIRS[name]
    result = hedges_g(x, y, confidence=0.95)
    d, g, se = ref.hedges_reference(x, y)
    smd, _ = effectsize_smd(
        statistics.fmean(x),
        statistics.stdev(x),
        len(x),
        statistics.fmean(y),
        statistics.stdev(y),
        len(y),
    )
    assert result.d == pytest.approx(d, rel=1e-9)
    assert result.g == pytest.approx(g, rel=1e-9)
    assert result.g == pytest.approx(smd, rel=1e-9)
    assert result.se == pytest.approx(se, rel=1e-9)
    z = statistics.NormalDist().inv_cdf(0.975)
    assert result.ci_low == pytest.approx(g - z * se, rel=1e-9, abs=1e-12)
    assert result.ci_high == pytest.approx(g + z * se, rel=1e-9, abs=1e-12)


def test_it_reproduces_the_borenstein_worked_example() -> None:
    # Borenstein, Hedges, Higgins & Rothstein (2009), Introduction to Meta-Analysis, ch. 4:
    # means 103 vs 100, SDs 5.5 and 4.5, n = 50 each → d = 0.5970, V_d = 0.0418, J = 0.9923,
    # g = 0.5924, V_g = 0.0411, SE_g = 0.2028.
    result = hedges_g_from_summary(103.0, 5.5, 50, 100.0, 4.5, 50)
    assert round(result.d, 4) == 0.5970
    assert round(result.j, 4) == 0.9923
    assert round(result.g, 4) == 0.5924
    assert round(result.se**2, 4) == 0.0411
    assert round(result.se, 4) == 0.2028


def test_it_gives_the_same_g_from_data_and_from_summaries() -> None:
    x, y = PAIRS["unequal_sizes"]
    from_data = hedges_g(x, y)
    from_summary = hedges_g_from_summary(
        statistics.fmean(x),
        statistics.stdev(x),
        len(x),
        statistics.fmean(y),
        statistics.stdev(y),
        len(y),
    )
    assert from_summary.g == pytest.approx(from_data.g, rel=1e-12)
    assert from_summary.se == pytest.approx(from_data.se, rel=1e-12)
