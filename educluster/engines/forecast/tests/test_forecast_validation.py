"""Input errors: the right code, field, index and row labels."""

from __future__ import annotations

import pickle
from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from educluster.engines.forecast import (
    CODES,
    DemandInput,
    ForecastInputError,
    Override,
    PupilInput,
    Scenario,
    SupplyInput,
    apply_scenario,
)

from .builders import worked_input


def _error(**changes: Any) -> ForecastInputError:
    with pytest.raises(ForecastInputError) as info:
        worked_input(**changes)
    return info.value


def _pupils(**changes: Any) -> PupilInput:
    return replace(worked_input().pupils, **changes)


def _supply(**changes: Any) -> SupplyInput:
    return replace(worked_input().supply, **changes)


def _demand(**changes: Any) -> DemandInput:
    return replace(worked_input().demand, **changes)


def test_it_reports_a_negative_count_with_its_index_and_labels() -> None:
    err = _error(supply=_supply(staff=np.array([[[0.6, -1.0]]])))
    assert (err.code, err.field, err.index) == ("negative_value", "staff", (0, 0, 1))
    assert err.row == {"district": "Chilonzor", "subject": "math", "age_band": "30-39"}
    assert "staff" in err.message and "negative" in str(err)


def test_it_reports_a_rate_out_of_range_at_the_right_grade() -> None:
    err = _error(pupils=_pupils(promotion=np.array([0.9, 1.2])))
    assert (err.code, err.field, err.index) == ("rate_out_of_range", "promotion", (0, 1))
    assert err.row == {"district": "Chilonzor", "grade": 2}


def test_it_refuses_promotion_plus_repetition_above_one() -> None:
    err = _error(pupils=_pupils(promotion=np.array([0.95, 1.0]), repetition=np.array(0.1)))
    assert (err.code, err.field, err.index) == ("rate_out_of_range", "repetition", (0, 0))


def test_it_refuses_grades_outside_one_to_eleven() -> None:
    err = _error(grades=(11, 12))
    assert (err.code, err.field, err.index) == ("grade_out_of_range", "grades", (1,))
    assert _error(grades=(1, 3)).code == "grade_out_of_range"


def test_it_reports_a_shape_that_does_not_fit_the_axes() -> None:
    err = _error(pupils=_pupils(promotion=np.array([0.9, 0.9, 0.9])))
    assert (err.code, err.field, err.index) == ("shape_mismatch", "promotion", None)
    assert "[district, grade]" in err.message


def test_it_reports_non_finite_values() -> None:
    err = _error(demand=_demand(hours=np.array([[4.0], [np.nan]])))
    assert (err.code, err.field, err.index) == ("non_finite", "hours", (1, 0))
    assert err.row == {"grade": 2, "subject": "math"}


def test_it_reports_non_rate_values_out_of_range() -> None:
    assert _error(demand=_demand(max_class_size=np.array(0.0))).code == "value_out_of_range"
    err = _error(supply=_supply(retirement_age=35))
    assert (err.code, err.field) == ("value_out_of_range", "retirement_age")
    err = _error(supply=_supply(entry_age_share=np.array([0.5, 0.4])))
    assert (err.code, err.field) == ("value_out_of_range", "entry_age_share")
    assert _error(horizon=0).code == "value_out_of_range"
    err = _error(pupils=_pupils(intake_growth=np.array(-1.0), entrants=None))
    assert (err.code, err.field) == ("value_out_of_range", "intake_growth")


def test_it_reports_unknown_labels_in_scenarios() -> None:
    base = worked_input()
    cases = [
        (Override("hours", "add", 1.0, subject="chess"), "unknown_subject"),
        (Override("hours", "add", 1.0, grade=12), "grade_out_of_range"),
        (Override("max_class_size", "set", 20.0, district="Nowhere"), "unknown_district"),
        (Override("no_such_field", "set", 1.0), "unknown_field"),
        (Override("hours", "set", 1.0, district="Chilonzor"), "shape_mismatch"),
        (Override("attrition", "scale", 20.0), "rate_out_of_range"),
    ]
    for override, code in cases:
        with pytest.raises(ForecastInputError) as info:
            apply_scenario(base, Scenario("bad", (override,)))
        assert info.value.code == code, override
    assert {code for _, code in cases} <= CODES


def test_it_keeps_the_error_details_through_pickling() -> None:
    err = _error(supply=_supply(staff=np.array([[[0.6, -1.0]]])))
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.code, copy.field, copy.index, copy.row) == (
        err.code,
        err.field,
        err.index,
        err.row,
    )
    assert isinstance(copy, ValueError)
