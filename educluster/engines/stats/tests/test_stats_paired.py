"""Paired pre/post comparison against statsmodels, SciPy and textbook formulas."""

from __future__ import annotations

import statistics

import numpy as np
import pytest
from scipy import stats as sps
from statsmodels.stats.weightstats import DescrStatsW

from educluster.engines.stats import paired_comparison

from . import _reference as ref

RNG = np.random.default_rng(77)
# Student (1908) / Cushny & Peebles (1905), R's `sleep` data: extra hours of sleep, drug 1 and 2.
SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
SLEEP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]
_PRE = RNG.normal(50, 10, 120)
_PRE_SMALL = RNG.integers(0, 20, 12).astype(float)

PAIRS = {
    "sleep": (SLEEP_1, SLEEP_2),
    "normal_120": (list(_PRE), list(_PRE + 3 + RNG.normal(0, 5, 120))),
    "small_no_ties": ([10.0, 12.0, 9.0, 15.0, 11.0], [13.0, 12.5, 14.0, 17.0, 10.0]),
    "rubric_ties_zeros": (
        list(_PRE_SMALL),
        list(_PRE_SMALL + RNG.integers(-2, 4, 12)),
    ),
    "quarter_points_60": (
        [0.25 * k for k in RNG.integers(0, 40, 60)],
        [0.25 * k for k in RNG.integers(4, 44, 60)],
    ),
}


@pytest.mark.parametrize("name", sorted(PAIRS))
@pytest.mark.parametrize("confidence", [0.9, 0.95, 0.99])
def test_it_matches_statsmodels_paired_t(name: str, confidence: float) -> None:
    before, after = PAIRS[name]
    diff = np.asarray(after) - np.asarray(before)
    result = paired_comparison(before, after, confidence=confidence)
    stats = DescrStatsW(diff)
    t, p, df = stats.ttest_mean()
    low, high = stats.tconfint_mean(alpha=1 - confidence)
    sd = statistics.stdev(diff.tolist())
    assert result.n == len(before)
    assert result.df == df
    for field, value in {
        "mean_difference": statistics.fmean(diff.tolist()),
        "sd_difference": sd,
        "t": t,
        "p_value": p,
        "ci_low": low,
        "ci_high": high,
        "d_z": statistics.fmean(diff.tolist()) / sd,
    }.items():
        assert getattr(result, field) == pytest.approx(value, rel=1e-9, abs=1e-12), field


def test_it_reproduces_students_sleep_data() -> None:
    # R: t.test(extra ~ group, data = sleep, paired = TRUE): t = -4.0621, df = 9,
    # p-value = 0.002833, 95 % CI -2.4598858 -0.7001142, mean difference -1.58 (group 1 - 2).
    result = paired_comparison(SLEEP_1, SLEEP_2)
    assert round(result.t, 4) == 4.0621
    assert result.df == 9
    assert round(result.p_value, 6) == 0.002833
    assert (round(result.ci_low, 7), round(result.ci_high, 7)) == (0.7001142, 2.4598858)
    assert round(result.mean_difference, 2) == 1.58


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_it_matches_the_signed_rank_formulas(name: str) -> None:
    before, after = PAIRS[name]
    diff = [a - b for a, b in zip(after, before, strict=True)]
    result = paired_comparison(before, after).wilcoxon
    assert result is not None
    w_plus, w_minus, p_asymptotic = ref.wilcoxon_reference(diff)
    assert result.w_plus == pytest.approx(w_plus, abs=1e-9)
    assert result.w_minus == pytest.approx(w_minus, abs=1e-9)
    assert result.rank_biserial == pytest.approx((w_plus - w_minus) / (w_plus + w_minus))
    if result.method == "exact":
        assert result.p_value == pytest.approx(
            ref.wilcoxon_exact_two_sided(w_plus, result.n_nonzero), rel=1e-9
        )
    else:
        assert result.p_value == pytest.approx(p_asymptotic, rel=1e-9)
        nonzero = [d for d in diff if d != 0]
        scipy_result = sps.wilcoxon(nonzero, correction=True, method="asymptotic")
        assert result.p_value == pytest.approx(float(scipy_result.pvalue), rel=1e-9)


def test_it_uses_the_exact_signed_rank_test_for_small_untied_samples() -> None:
    result = paired_comparison([10, 12, 9, 15, 11], [13, 12.5, 14, 17, 10]).wilcoxon
    assert result is not None
    assert result.method == "exact"
    # Differences 3, 0.5, 5, 2, -1 have |d|-ranks 4, 1, 5, 3, 2: W+ = 13 of 15. Sign patterns
    # with W+ ≥ 13 are {1,3,4,5}, {2,3,4,5}, {1,2,3,4,5}: 3 of 32, two-sided 6/32.
    assert result.w_plus == 13.0
    assert result.p_value == pytest.approx(6 / 32, rel=1e-12)


def test_it_reproduces_the_hollander_wolfe_signed_rank_example() -> None:
    # Hollander & Wolfe (1973, p. 29f), the example of R's ?wilcox.test: Hamilton depression
    # scale at the first (x) and second (y) visit. R: wilcox.test(x, y, paired = TRUE,
    # alternative = "greater") gives V = 40, p-value = 0.01953 (exact).
    x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
    y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]
    result = paired_comparison(y, x).wilcoxon  # after - before = x - y, as R's V
    assert result is not None
    assert (result.w_plus, result.w_minus, result.method) == (40.0, 5.0, "exact")
    assert round(result.p_value / 2, 5) == 0.01953


def test_it_uses_the_normal_approximation_when_a_difference_is_zero() -> None:
    result = paired_comparison([1, 2, 3, 4, 5], [1, 4, 6, 5, 9]).wilcoxon
    assert result is not None
    assert (result.method, result.n_nonzero) == ("asymptotic", 4)


def test_it_can_skip_the_signed_rank_test() -> None:
    assert paired_comparison([1, 2, 3], [2, 4, 5], wilcoxon=False).wilcoxon is None
