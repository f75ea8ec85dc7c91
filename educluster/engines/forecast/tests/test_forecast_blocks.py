"""Hand-worked examples for each block function (pupils, classes, demand, supply, quota)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from educluster.engines.forecast import (
    ageing_rates,
    base_entrants_from_pupils,
    count_classes,
    demand_from_curriculum,
    demand_from_ptr,
    entrants_from_growth,
    graduate_inflow,
    project_pupils,
    project_workforce,
    training_quota,
)


def test_it_projects_pupils_with_promotion_repetition_and_dropout() -> None:
    # Grades 1–3 of one district: 100, 90, 80 pupils. Promotion 0.9, 0.8; repetition 0.05,
    # 0.1, 0.0 (so drop-out 5 %, 10 %). 120 then 130 entrants.
    pupils = project_pupils(
        [[100.0, 90.0, 80.0]], [0.9, 0.8, 1.0], [0.05, 0.1, 0.0], [[120.0], [130.0]]
    )
    # Year 1: g1 = 120 + 0.05·100 = 125; g2 = 0.9·100 + 0.1·90 = 99; g3 = 0.8·90 + 0 = 72.
    # Year 2: g1 = 130 + 0.05·125 = 136.25; g2 = 0.9·125 + 0.1·99 = 122.4; g3 = 0.8·99 = 79.2.
    expected = np.array([[100, 90, 80], [125, 99, 72], [136.25, 122.4, 79.2]])
    np.testing.assert_allclose(pupils[:, 0], expected)


def test_it_grows_entrants_from_the_base_year() -> None:
    # Base entrants = non-repeaters of grade 1: 200 · (1 − 0.1) = 180; growth 5 %:
    # 189, 198.45.
    first = base_entrants_from_pupils([[200.0, 150.0]], [[0.1, 0.0]])
    assert first.tolist() == pytest.approx([180.0])
    np.testing.assert_allclose(entrants_from_growth(first, [0.05], 2)[:, 0], [189.0, 198.45])


def test_it_counts_classes_by_ceiling_or_continuously() -> None:
    # 0 pupils: 0 classes; 25: 1; 26: 2; 75: 3 (ceil(75/25) = 3 exactly, no extra class).
    assert count_classes([0.0, 25.0, 26.0, 75.0], 25.0).tolist() == [0, 1, 2, 3]
    assert count_classes([26.0], 25.0, "continuous").tolist() == [1.04]
    # Float noise from rates does not open a class: 3 · (1/3) · 75 is 75 up to rounding.
    assert count_classes([3 * (1 / 3) * 75.0 * (1 + 1e-15)], 25.0).tolist() == [3.0]


def test_it_computes_demand_from_the_curriculum() -> None:
    # Two districts, grades 5–6, subjects maths and art. District A: 4 and 3 classes; B: 1, 1.
    # Maths 5 h and 4 h; art 1 h and 0 h; load 18 h (maths) and 9 h (art, part-time norm).
    # A maths (4·5 + 3·4)/18 = 32/18; A art 4·1/9; B maths 9/18 = 0.5; B art 1/9.
    posts = demand_from_curriculum(
        [[[4.0, 3.0], [1.0, 1.0]]], [[5.0, 1.0], [4.0, 0.0]], [18.0, 9.0]
    )
    np.testing.assert_allclose(posts[0], [[32 / 18, 4 / 9], [0.5, 1 / 9]])


def test_it_computes_demand_from_a_pupil_teacher_ratio() -> None:
    # Pre-school groups: 120 + 80 pupils; educators PTR 20 (all groups), speech therapists
    # PTR 100 (only the older group): 200/20 = 10 and 80/100 = 0.8.
    posts = demand_from_ptr([[[120.0, 80.0]]], [[20.0, 100.0]], [[1.0, 0.0], [1.0, 1.0]])
    np.testing.assert_allclose(posts[0, 0], [10.0, 0.8])


def test_it_ages_bands_and_retires_at_the_retirement_age() -> None:
    # Bands 20–39 (w = 20) and 40–59 (w = 20), working pensioners 60–64 (w = 5); retire at 60.
    move, stays = ageing_rates((20, 40, 60, 65), 60)
    assert move.tolist() == [0.05, 0.05, 0.2] and stays.tolist() == [1.0, 0.0, 0.0]
    # 100, 100, 10 teachers; no attrition; no inflow; demand 0.
    # Year 1: 5 move 20s→40s, 5 retire from the 50s, 2 pensioners leave the top band:
    # 95, 100, 8 → 203 in post, 7 retirements.
    r = project_workforce(
        [[[100.0, 100.0, 10.0]]],
        0.0,
        [[[0.0]]],
        np.zeros((2, 1, 1)),
        age_band_edges=(20, 40, 60, 65),
        retirement_age=60,
    )
    assert r.supply[:, 0, 0].tolist() == pytest.approx([210.0, 203.0])
    assert r.retirements[1, 0, 0] == pytest.approx(7.0)


def test_it_counts_graduates_entering_the_district() -> None:
    assert float(graduate_inflow(40.0, 0.75, 0.8)) == pytest.approx(24.0)


def test_it_keeps_hires_in_the_stock_when_computing_later_needs() -> None:
    # One band 20–29, retire at 30, 10 % attrition, 100 teachers, demand 100 in years 0–2.
    # Year 1: 100·0.9·0.9 = 81 (9 retire) → need 19. Year 2: stock 81·0.81 = 65.61, hires
    # 19·0.81 = 15.39 in post → need 100 − 65.61 − 15.39 = 19.
    r = project_workforce(
        [[[100.0]]],
        0.1,
        np.zeros((2, 1, 1)),
        np.full((3, 1, 1), 100.0),
        age_band_edges=(20, 30),
        retirement_age=30,
    )
    assert r.hiring_need[:, 0, 0] == pytest.approx([0.0, 19.0, 19.0])
    assert r.cumulative_hiring_need[:, 0, 0] == pytest.approx([0.0, 19.0, 38.0])


def test_it_sets_the_training_quota_from_the_need_after_the_programme() -> None:
    # Need 10 in year 4 and 3 in year 5; 4-year programme; 80 % complete, 75 % employed,
    # 50 % enter the district: yield 0.3. Year 0: ceil(10/0.3) = 34; year 1: ceil(3/0.3) = 10
    # exactly (no extra admission for float noise); years 2–5: beyond the horizon.
    need = np.zeros((6, 1, 1))
    need[4], need[5] = 10.0, 3.0
    quota = training_quota(need, 4, 0.8, 0.75, 0.5)[:, 0, 0]
    assert quota[:2].tolist() == [34.0, 10.0]
    assert all(math.isnan(q) for q in quota[2:])


def test_it_marks_a_need_no_training_can_cover_as_infinite() -> None:
    need = np.array([[[0.0, 0.0]], [[5.0, 0.0]]])  # [year, district, subject]
    quota = training_quota(need, 1, 1.0, 1.0, [0.0, 0.0])
    assert quota[0, 0].tolist() == [math.inf, 0.0]
