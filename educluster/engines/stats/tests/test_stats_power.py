"""Power and sample size against statsmodels TTestIndPower and G*Power figures."""

from __future__ import annotations

import math

import pytest
from statsmodels.stats.power import TTestIndPower

from educluster.engines.stats import power_two_groups, sample_size_two_groups

CASES = [
    (0.2, 50, 0.05, 1.0, "two-sided"),
    (0.5, 64, 0.05, 1.0, "two-sided"),
    (0.8, 26, 0.01, 1.0, "two-sided"),
    (0.35, 40, 0.05, 1.5, "two-sided"),
    (0.5, 30, 0.05, 1.0, "larger"),
    (-0.4, 45, 0.10, 0.75, "smaller"),
    (-0.3, 80, 0.05, 2.0, "two-sided"),
    (1.2, 3, 0.05, 1.0, "two-sided"),
]


@pytest.mark.parametrize(("d", "n", "alpha", "ratio", "alternative"), CASES)
def test_it_matches_statsmodels_power(
    d: float, n: int, alpha: float, ratio: float, alternative: str
) -> None:
    result = power_two_groups(d, n, alpha=alpha, ratio=ratio, alternative=alternative)  # type: ignore[arg-type]
    expected = TTestIndPower().power(d, n, alpha, ratio=ratio, alternative=alternative)
    assert result.power == pytest.approx(expected, rel=1e-9)
    assert result.noncentrality == pytest.approx(d * math.sqrt(n * n * ratio / (n + n * ratio)))


@pytest.mark.parametrize(("d", "n", "alpha", "ratio", "alternative"), CASES)
def test_it_finds_the_smallest_sufficient_size_like_statsmodels(
    d: float, n: int, alpha: float, ratio: float, alternative: str
) -> None:
    del n
    result = sample_size_two_groups(d, alpha=alpha, power=0.8, ratio=ratio, alternative=alternative)  # type: ignore[arg-type]
    continuous = TTestIndPower().solve_power(
        d, alpha=alpha, power=0.8, ratio=ratio, alternative=alternative
    )
    assert result.n_x == max(2, math.ceil(continuous - 1e-6))
    assert result.achieved_power >= 0.8
    if result.n_x > 2:
        smaller = TTestIndPower().power(
            d, result.n_x - 1, alpha, ratio=ratio, alternative=alternative
        )
        assert smaller < 0.8


@pytest.mark.parametrize(("d", "n_per_group"), [(0.2, 394), (0.5, 64), (0.8, 26)])
def test_it_reproduces_gpower_sample_sizes(d: float, n_per_group: int) -> None:
    # G*Power 3 (Faul et al. 2007), t tests – means: two independent groups, two tails,
    # α = .05, power = .80: 394, 64 and 26 per group for d = 0.2, 0.5 and 0.8.
    result = sample_size_two_groups(d)
    assert (result.n_x, result.n_y, result.n_total) == (n_per_group, n_per_group, 2 * n_per_group)


def test_it_inflates_by_the_design_effect_for_whole_classes() -> None:
    # Classes of 25 with ICC 0.10: design effect 1 + 24·0.10 = 3.4 (Donner & Klar 2000).
    result = sample_size_two_groups(0.5, cluster_size=25, icc=0.10)
    assert result.design_effect == pytest.approx(3.4)
    assert result.n_x == math.ceil(64 * 3.4)
    assert result.clusters_x == math.ceil(result.n_x / 25)
