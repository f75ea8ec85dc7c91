"""Bad input raises an EffectivenessInputError with a stable code, its parameters and a message."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest

from educluster.engines.effectiveness import (
    EffectivenessInputError,
    IndicatorSpec,
    MissingPolicy,
    Unit,
    compute_index,
    sensitivity,
)

OK = IndicatorSpec("x", target=1.0)
UNIT = Unit(1, values={"x": 0.5})


def index(specs: list[IndicatorSpec], units: list[Unit] | None = None, **kw: Any) -> Any:
    return compute_index(specs, [UNIT] if units is None else units, **kw)


CASES: list[tuple[str, Callable[[], Any], str, dict[str, Any]]] = [
    ("no indicators", lambda: index([]), "no_indicators", {}),
    ("no units", lambda: index([OK], []), "no_units", {}),
    ("duplicate code", lambda: index([OK, OK]), "duplicate_indicator", {"indicator": "x"}),
    (
        "duplicate unit",
        lambda: index([OK], [UNIT, Unit(1, values={"x": 1})]),
        "duplicate_unit",
        {"unit": 1},
    ),
    (
        "unknown code",
        lambda: index([OK], [Unit(7, values={"x": 1, "y": 2})]),
        "unknown_indicator",
        {"unit": 7, "indicator": "y"},
    ),
    (
        "NaN value",
        lambda: index([OK], [Unit(3, values={"x": math.nan})]),
        "non_finite_value",
        {"unit": 3, "indicator": "x", "field": "value"},
    ),
    (
        "infinite value",
        lambda: index([OK], [Unit(3, values={"x": math.inf})]),
        "non_finite_value",
        {"unit": 3},
    ),
    (
        "text value",
        lambda: index([OK], [Unit(3, values={"x": "high"})]),  # type: ignore[dict-item]
        "not_numeric",
        {"unit": 3, "indicator": "x"},
    ),
    (
        "negative weight",
        lambda: index([IndicatorSpec("x", target=1, weight=-0.5)]),
        "negative_weight",
        {"indicator": "x", "weight": -0.5},
    ),
    (
        "NaN weight",
        lambda: index([IndicatorSpec("x", target=1, weight=math.nan)]),
        "non_finite_value",
        {"indicator": "x", "field": "weight"},
    ),
    (
        "all-zero weights",
        lambda: index([IndicatorSpec("x", target=1, weight=0)]),
        "zero_weights",
        {},
    ),
    (
        "target zero",
        lambda: index([IndicatorSpec("x", target=0)]),
        "invalid_target",
        {"indicator": "x", "target": 0.0},
    ),
    (
        "target negative",
        lambda: index([IndicatorSpec("x", target=-2)]),
        "invalid_target",
        {"target": -2.0},
    ),
    (
        "target missing",
        lambda: index([IndicatorSpec("x")]),
        "invalid_target",
        {"indicator": "x", "target": None},
    ),
    (
        "infinite target",
        lambda: index([IndicatorSpec("x", target=math.inf)]),
        "non_finite_value",
        {"field": "target"},
    ),
    (
        "direction",
        lambda: index([IndicatorSpec("x", target=1, direction="up")]),  # type: ignore[arg-type]
        "invalid_parameter",
        {"name": "x.direction"},
    ),
    (
        "normalisation",
        lambda: index([IndicatorSpec("x", normalisation="z")]),  # type: ignore[arg-type]
        "invalid_parameter",
        {"name": "x.normalisation"},
    ),
    (
        "policy method",
        lambda: index([OK], policy=MissingPolicy("impute")),  # type: ignore[arg-type]
        "invalid_parameter",
        {"name": "policy.method"},
    ),
    (
        "policy coverage",
        lambda: index([OK], policy=MissingPolicy.exclude_unit(1.5)),
        "invalid_parameter",
        {"name": "policy.min_coverage"},
    ),
    ("ties", lambda: index([OK], ties="dense"), "invalid_parameter", {"name": "ties"}),
    (
        "no applicable indicator",
        lambda: index([IndicatorSpec("x", target=1, kind="university")], [Unit(4, "school")]),
        "no_applicable_indicator",
        {"unit": 4, "kind": "school"},
    ),
    (
        "size missing",
        lambda: index([OK], sizes={}),
        "invalid_parameter",
        {"name": "sizes"},
    ),
    (
        "size negative",
        lambda: index([OK], sizes={1: -3}),
        "invalid_parameter",
        {"name": "sizes"},
    ),
    ("size NaN", lambda: index([OK], sizes={1: math.nan}), "non_finite_value", {"unit": 1}),
    ("sizes zero", lambda: index([OK], sizes={1: 0}), "invalid_parameter", {"name": "sizes"}),
    (
        "draws zero",
        lambda: sensitivity([OK], [UNIT], draws=0),
        "invalid_parameter",
        {"name": "draws"},
    ),
    (
        "spread one",
        lambda: sensitivity([OK], [UNIT], spread=1.0),
        "invalid_parameter",
        {"name": "spread"},
    ),
    (
        "spread negative",
        lambda: sensitivity([OK], [UNIT], spread=-0.1),
        "invalid_parameter",
        {"name": "spread"},
    ),
    ("top k", lambda: sensitivity([OK], [UNIT], top_k=0), "invalid_parameter", {"name": "top_k"}),
    ("sensitivity bad spec", lambda: sensitivity([], [UNIT]), "no_indicators", {}),
]


@pytest.mark.parametrize(("label", "call", "code", "params"), CASES, ids=[c[0] for c in CASES])
def test_it_refuses_bad_input_with_a_code(
    label: str, call: Callable[[], Any], code: str, params: dict[str, Any]
) -> None:
    with pytest.raises(EffectivenessInputError) as caught:
        call()
    error = caught.value
    assert error.code == code, label
    for name, value in params.items():
        assert error.params[name] == value, name
        assert getattr(error, name) == value
    assert isinstance(error, ValueError)
    assert str(error) == error.message and error.message.endswith(".")


def test_it_names_the_unit_and_indicator_in_the_message() -> None:
    with pytest.raises(EffectivenessInputError, match=r"unit 'S-12'.*indicator 'fill'"):
        compute_index([IndicatorSpec("fill", target=1)], [Unit("S-12", values={"fill": math.nan})])


def test_it_ignores_the_target_of_a_min_max_indicator() -> None:
    spec = IndicatorSpec("x", normalisation="minmax", target=-1)
    assert compute_index([spec], [UNIT]).unit(1).index == 1.0


def test_it_refuses_a_decimal_nan_and_a_boolean() -> None:
    from decimal import Decimal

    for bad, code in (
        (Decimal("NaN"), "non_finite_value"),
        (Decimal("sNaN"), "non_finite_value"),
        (True, "not_numeric"),
    ):
        with pytest.raises(EffectivenessInputError) as caught:
            compute_index([OK], [Unit(1, values={"x": bad})])
        assert caught.value.code == code
