"""Descriptive statistics against the standard library and statsmodels."""

from __future__ import annotations

import statistics

import numpy as np
import pytest
from statsmodels.stats.weightstats import DescrStatsW

from educluster.engines.stats import Descriptives, describe

RNG = np.random.default_rng(11)
SAMPLES = {
    # Wikipedia, "Standard deviation", worked example: mean 5, population SD 2.
    "wikipedia_sd": [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0],
    "two_values": [3.0, 8.0],
    "likert": [1.0, 2.0, 2.0, 3.0, 3.0, 3.0, 4.0, 4.0, 5.0],
    "large_offset": list(1e6 + RNG.normal(0, 1, 31)),
    "normal_200": list(RNG.normal(60, 12, 200)),
    "rubric_ties": list(RNG.integers(0, 21, 57).astype(float)),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
@pytest.mark.parametrize("confidence", [0.9, 0.95, 0.99])
def test_it_matches_the_standard_library_and_statsmodels(name: str, confidence: float) -> None:
    values = SAMPLES[name]
    result = describe(values, confidence=confidence)
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    low, high = DescrStatsW(np.asarray(values)).tconfint_mean(alpha=1 - confidence)
    sd = statistics.stdev(values)
    expected = {
        "mean": statistics.fmean(values),
        "sd": sd,
        "se": sd / len(values) ** 0.5,
        "median": statistics.median(values),
        "q1": q1,
        "q3": q3,
        "iqr": q3 - q1,
        "minimum": min(values),
        "maximum": max(values),
        "ci_low": low,
        "ci_high": high,
    }
    assert result.n == len(values)
    for field, value in expected.items():
        assert getattr(result, field) == pytest.approx(value, rel=1e-9, abs=1e-9), field
    assert median == pytest.approx(result.median, rel=1e-12)


def test_it_reproduces_the_wikipedia_standard_deviation_example() -> None:
    result = describe(SAMPLES["wikipedia_sd"])
    assert result.mean == 5.0
    # Population SD is 2, so the sample SD is 2·√(8/7).
    assert result.sd == pytest.approx(2 * (8 / 7) ** 0.5, rel=1e-12)
    assert (result.q1, result.median, result.q3) == (4.0, 4.5, 5.5)


def test_it_allows_a_constant_sample_with_a_zero_width_interval() -> None:
    result = describe([4, 4, 4])
    assert (result.sd, result.se, result.ci_low, result.ci_high) == (0.0, 0.0, 4.0, 4.0)


def test_it_returns_a_frozen_result() -> None:
    result = describe([1, 2, 3])
    assert isinstance(result, Descriptives)
    with pytest.raises(AttributeError):
        result.mean = 0.0  # type: ignore[misc]
