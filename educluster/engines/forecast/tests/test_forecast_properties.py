"""Property tests (hypothesis) of the forecast engine."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from educluster.engines.forecast import (
    Beta,
    ForecastInput,
    Normal,
    SupplyInput,
    Uncertain,
    run_forecast,
    run_monte_carlo,
)

from .builders import random_input

seeds = st.integers(0, 2**32 - 1)


@settings(max_examples=60, deadline=None)
@given(seeds)
def test_it_never_projects_negative_pupils_posts_or_teachers(seed: int) -> None:
    r = run_forecast(random_input(seed))
    for metric in ("pupils", "classes", "demand", "supply", "hiring_need", "hired_in_post"):
        assert (getattr(r, metric) >= 0).all(), metric
    assert (np.nan_to_num(r.quota) >= 0).all()


@settings(max_examples=60, deadline=None)
@given(seeds, st.integers(0, 2**32 - 1))
def test_it_needs_more_posts_for_more_weekly_hours(seed: int, extra_seed: int) -> None:
    inp = random_input(seed)
    extra = np.random.default_rng(extra_seed).choice([0.0, 0.5, 1.0], inp.demand.hours.shape)
    more = replace(inp, demand=replace(inp.demand, hours=inp.demand.hours + extra))
    assert (run_forecast(more).demand >= run_forecast(inp).demand - 1e-12).all()


@settings(max_examples=60, deadline=None)
@given(seeds, st.integers(1, 2), st.lists(st.floats(0, 50), min_size=2, max_size=2))
def test_it_keeps_supply_constant_without_flows(seed: int, horizon: int, staff: list) -> None:
    # Bands 20–29, 30–39, 40–49, 50–59, retirement at 60: staff in the two youngest bands
    # cannot reach 60 within 2 years; no attrition, no graduates, no growth.
    inp = random_input(seed, horizon=horizon)
    n_d, n_s = len(inp.districts), len(inp.subjects)
    stock = np.zeros((n_d, n_s, 4))
    stock[..., :2] = staff
    still = ForecastInput(
        districts=inp.districts,
        subjects=inp.subjects,
        grades=inp.grades,
        horizon=horizon,
        pupils=replace(inp.pupils, intake_growth=np.array(0.0)),
        demand=inp.demand,
        supply=SupplyInput(
            staff=stock,
            attrition=np.array(0.0),
            graduates=np.array(0.0),
            age_band_edges=(20, 30, 40, 50, 60),
            retirement_age=60,
        ),
        quota=inp.quota,
    )
    supply = run_forecast(still).supply
    np.testing.assert_allclose(supply, np.broadcast_to(supply[0], supply.shape), rtol=1e-12)


@settings(max_examples=25, deadline=None)
@given(seeds, st.integers(0, 1000))
def test_it_equals_the_deterministic_run_with_zero_variance(seed: int, mc_seed: int) -> None:
    inp = random_input(seed)
    zero = [
        Uncertain("attrition", Beta(inp.supply.attrition, 0.0)),
        Uncertain("employment_rate", Beta(inp.supply.employment_rate, 0.0)),
        Uncertain("intake_growth", Normal(inp.pupils.intake_growth, 0.0)),
    ]
    det = run_forecast(inp)
    mc = run_monte_carlo(inp, zero, draws=3, seed=mc_seed, dtype=np.float64)
    for metric in ("demand", "supply", "gap", "quota"):
        for band in getattr(mc, metric):
            np.testing.assert_allclose(band, getattr(det, metric), rtol=1e-9, atol=1e-9)


@settings(max_examples=25, deadline=None)
@given(seeds, st.integers(0, 2**32 - 1), st.floats(0.0, 0.2))
def test_it_orders_bands_and_repeats_itself_for_a_seed(seed: int, mc_seed: int, sd: float) -> None:
    inp = random_input(seed)
    uncertain = [
        Uncertain("attrition", Beta(0.1, min(sd, 0.25))),
        Uncertain("intake_growth", Normal(0.0, sd)),
        Uncertain("max_class_size", Normal(0.0, 3 * sd), mode="add"),
    ]
    a = run_monte_carlo(inp, uncertain, draws=40, seed=mc_seed)
    b = run_monte_carlo(inp, uncertain, draws=40, seed=mc_seed)
    for metric in ("demand", "supply", "gap", "quota"):
        band = getattr(a, metric)
        np.testing.assert_array_equal(band, getattr(b, metric))
        ok = ~np.isnan(band[0])
        assert (band[0][ok] <= band[1][ok]).all() and (band[1][ok] <= band[2][ok]).all()
