"""Inputs a probe found handled badly: huge values overflowed Welch's t and Hedges' g into
infinity or NaN without an error, and a missing (None) class or school label was counted as a
label of its own in difference-in-differences. Each is now refused with a stable code."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from educluster.engines.stats import (
    MissingLabelError,
    ValueTooLargeError,
    analyse_study,
    describe,
    difference_in_differences,
    hedges_g,
    welch_t_test,
)

SCORES = [10, 12, 11, 13, 20, 22, 21, 25, 10, 11, 12, 12, 15, 16, 14, 17]
TREATED = [0] * 8 + [1] * 8
POST = [0, 0, 1, 1] * 4


def test_it_refuses_a_huge_value_in_welch_naming_the_row():
    with pytest.raises(ValueTooLargeError) as raised:
        welch_t_test([1.0, 2.0, 1e200], [1.0, 2.0, 3.0])
    assert (raised.value.code, raised.value.field, raised.value.row) == ("value_too_large", "x", 2)


def test_it_refuses_a_huge_value_in_hedges_g():
    with pytest.raises(ValueTooLargeError) as raised:
        hedges_g([1.0, 2.0, 3.0], [-1e200, 2.0, 3.0])
    assert (raised.value.field, raised.value.row) == ("y", 0)


def test_it_refuses_a_huge_score_in_descriptives_and_did():
    with pytest.raises(ValueTooLargeError):
        describe([1.0, 1e150])
    scores = [*SCORES[:-1], 1e200]
    with pytest.raises(ValueTooLargeError):
        difference_in_differences(scores, TREATED, POST, [1] * 4 + [2] * 4 + [3] * 4 + [4] * 4)


def test_it_refuses_a_missing_school_label_in_did():
    schools = [1] * 4 + [2] * 4 + [3, None, 3, 3] + [4] * 4
    with pytest.raises(MissingLabelError) as raised:
        difference_in_differences(SCORES, TREATED, POST, schools, min_clusters=2)
    assert (raised.value.code, raised.value.field, raised.value.row) == (
        "missing_label",
        "cluster",
        9,
    )


def test_it_refuses_a_missing_class_label_in_a_study():
    pupils = [f"p{i}" for i in range(8)] * 2
    group = [0, 0, 0, 0, 1, 1, 1, 1] * 2
    classes = ["a", "a", "b", "b", "c", "c", None, "d"] * 2
    wave = [0] * 8 + [1] * 8
    with pytest.raises(MissingLabelError) as raised:
        analyse_study(pupils, group, classes, wave, SCORES)
    assert raised.value.field == "cluster_ids"


def test_it_still_accepts_integer_and_text_labels():
    by_int = difference_in_differences(
        SCORES, TREATED, POST, [1] * 4 + [2] * 4 + [3] * 4 + [4] * 4, min_clusters=2
    )
    by_text = difference_in_differences(
        SCORES, TREATED, POST, ["a"] * 4 + ["b"] * 4 + ["c"] * 4 + ["d"] * 4, min_clusters=2
    )
    assert by_int.estimate == by_text.estimate == -0.75


@given(st.floats(min_value=-1e50, max_value=1e50, allow_nan=False), st.integers(0, 2))
def test_it_gives_finite_figures_for_any_value_within_the_limit(value, row):
    x = [1.0, 2.0, 3.0]
    x[row] = value
    welch = welch_t_test(x, [1.0, 2.5, 4.0])
    g = hedges_g(x, [1.0, 2.5, 4.0])
    assert math.isfinite(welch.t) and math.isfinite(welch.se) and math.isfinite(g.g)
