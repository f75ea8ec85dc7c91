"""Scenarios: overrides applied on a base input and compared side by side."""

from __future__ import annotations

import numpy as np
import pytest

from educluster.engines.forecast import (
    ForecastInputError,
    Override,
    Scenario,
    apply_scenario,
    compare_scenarios,
    run_forecast,
)

from .builders import worked_input


def test_it_applies_overrides_only_where_selected() -> None:
    base = worked_input()
    changed = apply_scenario(
        base, Scenario("+1 h maths in grade 2", (Override("hours", "add", 1.0, grade=2),))
    )
    assert changed.demand.hours.tolist() == [[4.0], [6.0]]
    assert base.demand.hours.tolist() == [[4.0], [5.0]]  # the base is untouched
    # Setting a non-array value.
    later = apply_scenario(base, Scenario("x", (Override("programme_length", "set", 2),)))
    assert later.quota.programme_length == 2


def test_it_compares_scenarios_with_the_base() -> None:
    base = worked_input()
    comparison = compare_scenarios(
        base,
        [
            Scenario("smaller classes", (Override("max_class_size", "set", 20.0),)),
            Scenario("+1 h maths", (Override("hours", "add", 1.0, subject="math"),)),
            Scenario("higher attrition", (Override("attrition", "scale", 2.0),)),
        ],
    )
    assert comparison.names == ("base", "smaller classes", "+1 h maths", "higher attrition")
    # Smaller classes, year 0: classes ceil(50/20) = 3 and ceil(40/20) = 2 → (3·4 + 2·5)/18
    # = 22/18 instead of 1 post.
    diff = comparison.differences["smaller classes"]["demand"]
    assert diff[0, 0, 0] == pytest.approx(22 / 18 - 1.0)
    # One more hour in both grades, year 0: 2 + 2 classes · 1 h / 18 = 4/18 more posts.
    assert comparison.differences["+1 h maths"]["demand"][0, 0, 0] == pytest.approx(4 / 18)
    # Doubling attrition lowers supply from year 1 on and never raises the need's lower bound.
    supply_diff = comparison.differences["higher attrition"]["supply"][:, 0, 0]
    assert supply_diff[0] == 0.0 and (supply_diff[1:] < 0).all()
    base_result = run_forecast(base)
    np.testing.assert_array_equal(comparison.results["base"].demand, base_result.demand)
    totals = comparison.totals("demand")
    assert totals["smaller classes"][0] == pytest.approx(22 / 18)
    rows = comparison.rows(["demand"])
    assert rows[3]["scenario"] == "smaller classes"
    assert rows[3]["difference"] == pytest.approx(22 / 18 - 1.0)


def test_it_refuses_duplicate_or_reserved_scenario_names() -> None:
    with pytest.raises(ForecastInputError) as info:
        compare_scenarios(worked_input(), [Scenario("base", ())])
    assert info.value.code == "value_out_of_range"
