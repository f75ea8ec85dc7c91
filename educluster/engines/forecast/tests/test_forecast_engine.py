"""The whole deterministic run: a hand-worked district and a cross-check with a plain loop."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from educluster.engines.forecast import aggregate, run_forecast
from educluster.engines.forecast.engine import field_values, simulate

from .builders import random_input, worked_input
from .loop_reference import reference_forecast


def test_it_reproduces_the_hand_worked_district() -> None:
    r = run_forecast(worked_input())
    # Pupils. Year 1: grade 1 = 60 entrants + 0.1·50 repeaters = 65; grade 2 = 0.9·50 = 45.
    # Year 2: grade 1 = 60 + 0.1·65 = 66.5; grade 2 = 0.9·65 = 58.5.
    np.testing.assert_allclose(r.pupils[:, 0], [[50.0, 40.0], [65.0, 45.0], [66.5, 58.5]])
    # Classes of at most 25: ceil(50/25)=2, ceil(40/25)=2; ceil(2.6)=3, ceil(1.8)=2;
    # ceil(2.66)=3, ceil(2.34)=3.
    assert r.classes[:, 0].tolist() == [[2, 2], [3, 2], [3, 3]]
    # Demand: maths 4 h in grade 1 and 5 h in grade 2, 18 h a post:
    # (2·4 + 2·5)/18 = 1; (3·4 + 2·5)/18 = 22/18; (3·4 + 3·5)/18 = 1.5.
    assert r.demand[:, 0, 0] == pytest.approx([1.0, 22 / 18, 1.5])
    # Supply: bands 20–29 (0.6 teachers, attrition 10 %) and 30–39 (0.3, none), retire at 40.
    # Year 1: band 1 stayers 0.54, 1/10 moves up; band 2: 0.3 − 0.03 retired + 0.054 = 0.324;
    # band 1: 0.486 + graduates 0.25 · 0.8 employed = 0.686 → supply 1.01.
    # Year 2: band 1 0.686·0.9 = 0.6174 → 0.55566 + 0.2 = 0.75566; band 2: 0.324 − 0.0324
    # + 0.06174 = 0.35334 → supply 1.109.
    assert r.supply[:, 0, 0] == pytest.approx([0.9, 1.01, 1.109])
    assert r.retirements[:, 0, 0] == pytest.approx([0.0, 0.03, 0.0324])
    assert r.leavers[:, 0, 0] == pytest.approx([0.0, 0.06, 0.0686])
    assert r.entrants[:, 0, 0] == pytest.approx([0.0, 0.2, 0.2])
    assert r.gap[:, 0, 0] == pytest.approx([-0.1, 1.01 - 22 / 18, 1.109 - 1.5])
    # Hiring need. Year 0: 1 − 0.9 = 0.1 vacant, hired into the young band.
    # Year 1: the 0.1 hired are 0.09 in post; need = 22/18 − 1.01 − 0.09 = 0.12222.
    # Year 2: hires in post: band 1 (0.081 + 0.12222)·0.9 = 0.18290 of whom 1/10 move up,
    # band 2 0.009 − 0.0009 retired + 0.01829 → 0.16461 + 0.02639 = 0.191;
    # need = 1.5 − 1.109 − 0.191 = 0.2.
    assert r.hiring_need[:, 0, 0] == pytest.approx([0.1, 22 / 18 - 1.1, 0.2])
    assert r.cumulative_hiring_need[:, 0, 0] == pytest.approx([0.1, 22 / 18 - 1.0, 22 / 18 - 0.8])
    assert r.hired_in_post[:, 0, 0] == pytest.approx([0.1, 22 / 18 - 1.01, 0.391])
    # Quota, 1-year programme, yield 0.5 completion · 0.8 employment · 1 share = 0.4:
    # year 0: ceil(0.12222/0.4) = ceil(0.306) = 1; year 1: ceil(0.2/0.4) = ceil(0.5) = 1;
    # year 2: graduates would arrive after the horizon.
    assert r.quota[:2, 0, 0].tolist() == [1.0, 1.0]
    assert math.isnan(r.quota[2, 0, 0])
    assert r.years.tolist() == [2025, 2026, 2027]


def test_it_returns_read_only_results() -> None:
    r = run_forecast(worked_input())
    with pytest.raises(ValueError):
        r.demand[0, 0, 0] = 5.0


def test_it_gives_tidy_rows_for_tables() -> None:
    r = run_forecast(worked_input())
    rows = r.rows()
    assert len(rows) == 3
    assert rows[0]["year"] == 2025 and rows[0]["district"] == "Chilonzor"
    assert rows[0]["subject"] == "math" and rows[0]["demand"] == pytest.approx(1.0)
    assert rows[2]["quota"] is None
    pupil_rows = r.pupil_rows()
    assert pupil_rows[1] == {
        "year": 2025,
        "district": "Chilonzor",
        "grade": 2,
        "pupils": 40.0,
        "classes": 2.0,
    }


def test_it_aggregates_units_into_groups() -> None:
    # Units (district, language): two Uzbek-medium and one Russian-medium unit of a district.
    values = np.array([[[1.0], [2.0], [4.0]]])  # [year, unit, subject]
    labels, summed = aggregate(values, ["A", "A", "B"])
    assert labels == ("A", "B")
    assert summed[:, :, 0].tolist() == [[3.0, 4.0]]


def _compare_with_loop(seed: int) -> None:
    inp = random_input(seed)
    engine = run_forecast(inp)
    loop = reference_forecast(inp)
    for metric in ("pupils", "classes", "demand", "supply", "gap", "hiring_need", "quota"):
        np.testing.assert_allclose(
            getattr(engine, metric), np.array(loop[metric]), rtol=1e-9, atol=1e-9, err_msg=metric
        )


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_it_matches_an_independent_plain_loop_implementation(seed: int) -> None:
    _compare_with_loop(seed)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_it_gives_the_same_supply_with_the_state_and_the_survival_kernels(seed: int) -> None:
    # Monte-Carlo uses the survival (convolution) form, the deterministic run the age-band
    # state; both must agree.
    inp = random_input(seed)
    get = field_values(inp, {}, slice(None), np.float64)
    n_d = len(inp.districts)
    state = simulate(inp, get, np.float64, n_districts=n_d, report=True)
    survival = simulate(inp, get, np.float64, n_districts=n_d, report=False)
    for metric in ("supply", "hiring_need", "quota", "gap"):
        np.testing.assert_allclose(
            survival[metric], state[metric], rtol=1e-9, atol=1e-9, err_msg=metric
        )
