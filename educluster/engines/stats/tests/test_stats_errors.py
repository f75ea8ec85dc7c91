"""Bad input raises a StatsInputError with a stable code, its parameters and a clear message."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest

from educluster.engines.stats import (
    StatsInputError,
    cronbach_alpha,
    describe,
    difference_in_differences,
    hedges_g,
    hedges_g_from_summary,
    mann_whitney_u,
    paired_comparison,
    power_two_groups,
    sample_size_two_groups,
    welch_t_test,
)

DID_CELLS = ([1, 2, 3, 4, 5, 6, 7, 8], [0, 0, 0, 0, 1, 1, 1, 1], [0, 0, 1, 1, 0, 0, 1, 1])

CASES: list[tuple[str, Callable[[], Any], str, dict[str, Any]]] = [
    ("describe one value", lambda: describe([3.0]), "too_few_observations", {"n": 1, "minimum": 2}),
    ("describe NaN", lambda: describe([1, math.nan, 2]), "non_finite_value", {"row": 1}),
    ("describe text", lambda: describe(["a", "b"]), "not_numeric", {"field": "values"}),
    ("describe 2-D", lambda: describe([[1, 2], [3, 4]]), "wrong_shape", {"shape": (2, 2)}),
    (
        "confidence 1",
        lambda: describe([1, 2], confidence=1.0),
        "invalid_parameter",
        {"name": "confidence"},
    ),
    ("welch one y", lambda: welch_t_test([1, 2, 3], [4]), "too_few_observations", {"field": "y"}),
    ("welch constant", lambda: welch_t_test([2, 2, 2], [5, 5]), "zero_variance", {}),
    (
        "welch inf",
        lambda: welch_t_test([1, math.inf], [1, 2]),
        "non_finite_value",
        {"field": "x", "row": 1},
    ),
    ("mwu all tied", lambda: mann_whitney_u([3] * 10, [3] * 12), "zero_variance", {}),
    ("mwu empty", lambda: mann_whitney_u([], [1, 2]), "too_few_observations", {"field": "x"}),
    (
        "mwu exact ties",
        lambda: mann_whitney_u([1, 2], [2, 3], method="exact"),
        "invalid_parameter",
        {"name": "method"},
    ),
    (
        "mwu method",
        lambda: mann_whitney_u([1, 2], [3, 4], method="perm"),  # type: ignore[arg-type]
        "invalid_parameter",
        {"name": "method"},
    ),
    ("hedges constant", lambda: hedges_g([1, 1], [1, 1, 1]), "zero_variance", {}),
    (
        "hedges summary n",
        lambda: hedges_g_from_summary(1, 1, 1, 0, 1, 5),
        "too_few_observations",
        {"field": "n_x"},
    ),
    (
        "hedges summary sd",
        lambda: hedges_g_from_summary(1, -1, 5, 0, 1, 5),
        "invalid_parameter",
        {"name": "sd_x"},
    ),
    (
        "paired lengths",
        lambda: paired_comparison([1, 2, 3], [1, 2]),
        "mismatched_waves",
        {"field": "before and after"},
    ),
    (
        "paired one pair",
        lambda: paired_comparison([1], [2]),
        "too_few_observations",
        {"field": "pairs"},
    ),
    ("paired same change", lambda: paired_comparison([1, 2, 3], [3, 4, 5]), "zero_variance", {}),
    (
        "paired NaN after",
        lambda: paired_comparison([1, 2, 3], [3, math.nan, 5]),
        "non_finite_value",
        {"field": "after", "row": 1},
    ),
    (
        "did lengths",
        lambda: difference_in_differences([1, 2], [0], [0, 1], [1, 2]),
        "mismatched_lengths",
        {"field": "treated"},
    ),
    (
        "did codes",
        lambda: difference_in_differences([1, 2], [0, 2], [0, 1], [1, 2]),
        "invalid_code",
        {"field": "treated", "row": 1, "value": 2},
    ),
    (
        "did empty cell",
        lambda: difference_in_differences(*DID_CELLS[:2], [0] * 8, list(range(8))),
        "too_few_observations",
        {"n": 0},
    ),
    (
        "did one cluster per arm",
        lambda: difference_in_differences(*DID_CELLS, [1, 1, 1, 1, 2, 2, 2, 2]),
        "too_few_clusters",
        {"n_clusters": 1},
    ),
    (
        "did constant cells",
        lambda: difference_in_differences(
            [1, 1, 2, 2, 3, 3, 4, 4], *DID_CELLS[1:], [1, 2, 1, 2, 3, 4, 3, 4]
        ),
        "zero_variance",
        {},
    ),
    (
        "alpha one item",
        lambda: cronbach_alpha([[1], [2], [3]]),
        "too_few_observations",
        {"field": "questionnaire items"},
    ),
    (
        "alpha one response",
        lambda: cronbach_alpha([[1.0, 2.0], [math.nan, 1.0]]),
        "too_few_observations",
        {"field": "complete responses", "n": 1},
    ),
    (
        "alpha constant",
        lambda: cronbach_alpha([[1, 2], [2, 1], [0, 3]]),
        "zero_variance",
        {"field": "total scores"},
    ),
    (
        "alpha inf",
        lambda: cronbach_alpha([[1.0, 2.0], [2.0, math.inf]]),
        "non_finite_value",
        {"row": 1},
    ),
    ("alpha 1-D", lambda: cronbach_alpha([1, 2, 3]), "wrong_shape", {"field": "items"}),
    ("power n", lambda: power_two_groups(0.5, 1), "invalid_parameter", {"name": "n_x"}),
    (
        "power alpha",
        lambda: power_two_groups(0.5, 10, alpha=0),
        "invalid_parameter",
        {"name": "alpha"},
    ),
    (
        "size zero effect",
        lambda: sample_size_two_groups(0.0),
        "invalid_parameter",
        {"name": "effect_size"},
    ),
    (
        "size wrong side",
        lambda: sample_size_two_groups(-0.5, alternative="larger"),
        "invalid_parameter",
        {"name": "effect_size"},
    ),
    (
        "size icc",
        lambda: sample_size_two_groups(0.5, icc=1.5),
        "invalid_parameter",
        {"name": "icc"},
    ),
    (
        "size tiny effect",
        lambda: sample_size_two_groups(1e-6),
        "invalid_parameter",
        {"name": "effect_size"},
    ),
]


@pytest.mark.parametrize(("case", "call", "code", "params"), CASES, ids=[c[0] for c in CASES])
def test_it_raises_a_coded_domain_error(
    case: str, call: Callable[[], Any], code: str, params: dict[str, Any]
) -> None:
    with pytest.raises(StatsInputError) as caught:
        call()
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.code == code, case
    for name, value in params.items():
        assert getattr(error, name) == value, name
        assert error.params[name] == value, name
    message = str(error)
    assert message[0].isupper() and message.endswith("."), message
