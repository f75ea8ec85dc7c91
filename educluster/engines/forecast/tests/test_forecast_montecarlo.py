"""Monte-Carlo bands: determinism, degenerate draws, order of quantiles, quantile accuracy."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from educluster.engines.forecast import (
    Beta,
    ForecastInputError,
    LogNormal,
    Normal,
    Uncertain,
    quantile_bands,
    run_forecast,
    run_monte_carlo,
)
from educluster.engines.forecast.montecarlo import Metric

from .builders import random_input, worked_input

METRICS: tuple[Metric, ...] = (
    "demand",
    "supply",
    "gap",
    "hiring_need",
    "cumulative_hiring_need",
    "quota",
)


def _spread(seed: int) -> list[Uncertain]:
    inp = random_input(seed)
    return [
        Uncertain("attrition", Beta(0.08, 0.03)),
        Uncertain("promotion", Beta(np.clip(inp.pupils.promotion, 0.05, 0.95), 0.02)),
        Uncertain("intake_growth", Normal(0.01, 0.02)),
        Uncertain("employment_rate", Beta(0.7, 0.1)),
        Uncertain("graduates", LogNormal(1.0, 0.3), mode="scale"),
    ]


def test_it_equals_the_deterministic_run_when_nothing_varies() -> None:
    inp = random_input(11)
    zero = [
        Uncertain("attrition", Beta(inp.supply.attrition, 0.0)),
        Uncertain("promotion", Beta(inp.pupils.promotion, 0.0)),
        Uncertain("intake_growth", Normal(inp.pupils.intake_growth, 0.0)),
        Uncertain("graduates", LogNormal(1.0, 0.0), mode="scale"),
    ]
    det = run_forecast(inp)
    mc = run_monte_carlo(inp, zero, draws=5, seed=3, dtype=np.float64, metrics=METRICS)
    for metric in METRICS:
        for band in getattr(mc, metric):
            np.testing.assert_allclose(band, getattr(det, metric), rtol=1e-9, atol=1e-9)


def test_it_handles_national_rates_shared_by_all_districts_and_subjects() -> None:
    # Rates and norms that do not vary by district or subject are compacted before the
    # draws; the result must not change.
    inp = random_input(21)
    shared = replace(
        inp,
        districts=("a", "b", "c"),
        subjects=("x", "y"),
        pupils=replace(inp.pupils, base_pupils=np.array([120.0] * len(inp.grades)),
                       promotion=np.array(0.95), repetition=np.array(0.01), entrants=None,
                       intake_growth=np.array(0.02)),
        demand=replace(inp.demand, max_class_size=np.array(25.0), hours=np.array(2.0),
                       load_norm=np.array(18.0), ptr=np.array(20.0), ptr_grades=np.array(1.0)),
        supply=replace(inp.supply, staff=np.array(3.0), attrition=np.array(0.05),
                       graduates=np.array(0.5), employment_rate=np.array(0.8),
                       share_entering=np.array(0.9)),
        quota=replace(inp.quota, completion_rate=np.array(0.9)),
    )  # fmt: skip
    zero = [Uncertain("attrition", Beta(0.05, 0.0)), Uncertain("employment_rate", Beta(0.8, 0))]
    det = run_forecast(shared)
    mc = run_monte_carlo(shared, zero, draws=4, seed=0, dtype=np.float64, metrics=METRICS)
    for metric in METRICS:
        for band in getattr(mc, metric):
            np.testing.assert_allclose(band, getattr(det, metric), rtol=1e-9, atol=1e-9)


def test_it_is_deterministic_for_a_seed_and_independent_of_chunking() -> None:
    inp = random_input(5)
    a = run_monte_carlo(inp, _spread(5), draws=64, seed=42, chunk_districts=1)
    b = run_monte_carlo(inp, _spread(5), draws=64, seed=42, chunk_districts=3)
    c = run_monte_carlo(inp, _spread(5), draws=64, seed=43)
    assert a.demand is not None and b.demand is not None and c.demand is not None
    again = run_monte_carlo(inp, _spread(5), draws=64, seed=42, chunk_districts=1)
    for metric in ("demand", "supply", "gap", "quota"):
        np.testing.assert_array_equal(getattr(a, metric), getattr(again, metric))
        # Chunks change only the BLAS blocking, hence float32 rounding; draws are the same.
        np.testing.assert_allclose(getattr(a, metric), getattr(b, metric), rtol=1e-5, atol=1e-3)
    assert not np.array_equal(np.asarray(a.demand), np.asarray(c.demand))


def test_it_orders_the_quantiles() -> None:
    inp = random_input(8)
    mc = run_monte_carlo(inp, _spread(8), draws=200, seed=1, metrics=METRICS)
    for metric in METRICS:
        band = getattr(mc, metric)
        defined = ~np.isnan(band[0])
        assert (band[0][defined] <= band[1][defined]).all()
        assert (band[1][defined] <= band[2][defined]).all()


def test_it_computes_exact_quantiles_like_numpy() -> None:
    rng = np.random.default_rng(0)
    values = rng.normal(size=(50, 101))
    expected = np.quantile(values, [0.1, 0.5, 0.9], axis=1)
    np.testing.assert_allclose(
        quantile_bands(values.copy(), (0.1, 0.5, 0.9), method="exact"), expected, rtol=1e-12
    )


def test_it_keeps_radix_quantiles_within_the_documented_bound() -> None:
    rng = np.random.default_rng(1)
    values = (rng.lognormal(3, 0.5, size=(300, 1000))).astype(np.float32)
    values[0] = 7.0  # a constant row is exact
    expected = np.quantile(values.astype(np.float64), [0.1, 0.5, 0.9], axis=1)
    bound = (values.max(axis=1) - values.min(axis=1)).astype(np.float64) / 131070
    got = quantile_bands(values.copy(), (0.1, 0.5, 0.9))
    assert (np.abs(got - expected) <= bound * 1.01 + 1e-4).all()
    assert got[:, 0].tolist() == [7.0, 7.0, 7.0]
    # Whole numbers (quotas) are exact.
    counts = rng.integers(0, 300, size=(20, 1000)).astype(np.float32)
    np.testing.assert_array_equal(
        quantile_bands(counts.copy(), (0.1, 0.5, 0.9), integer=True),
        np.quantile(counts.astype(np.float64), [0.1, 0.5, 0.9], axis=1),
    )


def test_it_gives_tidy_band_rows() -> None:
    mc = run_monte_carlo(
        worked_input(), [Uncertain("attrition", Beta(0.1, 0.02))], draws=20, seed=0
    )
    rows = mc.rows()
    assert rows[0].keys() == {"metric", "year", "district", "subject", "p10", "p50", "p90"}
    assert {r["metric"] for r in rows} == {"demand", "supply", "gap", "quota"}
    assert mc.band("demand", 0.5).shape == (3, 1, 1)


def test_it_refuses_bad_uncertainties() -> None:
    inp = worked_input()
    cases = [
        (Uncertain("attrition", Beta(1.2, 0.1)), "rate_out_of_range"),
        (Uncertain("attrition", Beta(0.5, 0.6)), "value_out_of_range"),
        (Uncertain("attrition", Normal(0.1, -1.0)), "negative_value"),
        (Uncertain("attrition", Beta(np.array([0.1, 0.1, 0.1]), 0.0)), "shape_mismatch"),
        (Uncertain("nonsense", Beta(0.1, 0.0)), "unknown_field"),
        (Uncertain("attrition", LogNormal(np.nan, 0.1)), "non_finite"),
    ]
    for uncertain, code in cases:
        with pytest.raises(ForecastInputError) as info:
            run_monte_carlo(inp, [uncertain], draws=4, seed=0)
        assert info.value.code == code, uncertain
