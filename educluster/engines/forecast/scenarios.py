"""Scenarios: named parameter overrides applied on a base input, compared side by side.

A :class:`Scenario` is a name and a tuple of :class:`Override` s, each changing one field —
``set`` it, ``scale`` it or ``add`` to it — optionally only for some districts, grades,
subjects or years (selected by label). Examples::

    Scenario("smaller classes", (Override("max_class_size", "set", 25.0),))
    Scenario("+1 h fine arts", (Override("hours", "add", 1.0, subject="fine_arts",
                                         grade=(5, 6, 7)),))
    Scenario("higher attrition", (Override("attrition", "scale", 1.25),))
    Scenario("retire at 63", (Override("retirement_age", "set", 63),))  # needs an edge at 63

The changed input is validated again, so an override that makes a rate exceed 1 raises
:class:`~.errors.ForecastInputError` like any bad input. :func:`compare_scenarios` runs the base
and every scenario and reports each metric's difference ``scenario − base``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from . import errors as E
from .engine import run_forecast
from .errors import ForecastInputError
from .inputs import ForecastInput
from .results import ForecastResult
from .validation import FIELD_BY_NAME

Op = Literal["set", "scale", "add"]
Selector = str | int | Sequence[str] | Sequence[int] | None
#: Non-array settings that an override may ``set``, and the input part holding each.
SETTINGS: dict[str, str | None] = {
    "class_rounding": "demand",
    "mode": "demand",
    "retirement_age": "supply",
    "programme_length": "quota",
    "horizon": None,
}
COMPARED_METRICS: tuple[str, ...] = (
    "demand",
    "supply",
    "gap",
    "hiring_need",
    "cumulative_hiring_need",
    "quota",
)
BASE = "base"


@dataclass(frozen=True)
class Override:
    """Change one field: ``set`` / ``scale`` / ``add`` ``value``, where the selectors match.

    Selectors take labels (a district name, a grade number, a subject name, a calendar year)
    or tuples of them; ``None`` means all. A selector for an axis the field does not have is a
    ``shape_mismatch``; an unknown label raises ``unknown_district``, ``unknown_subject``,
    ``grade_out_of_range`` or ``value_out_of_range`` (year).
    """

    field: str
    op: Op
    value: Any
    district: Selector = None
    grade: Selector = None
    subject: Selector = None
    year: Selector = None


@dataclass(frozen=True)
class Scenario:
    """A named set of overrides."""

    name: str
    overrides: tuple[Override, ...]
    description: str = ""


def _labels(selector: Selector) -> list[Any]:
    if isinstance(selector, str | int):
        return [selector]
    return list(selector or ())


def _positions(inputs: ForecastInput, axis: str, selector: Selector, field: str) -> list[int]:
    universe: Sequence[Any]
    if axis == "district":
        universe, code = inputs.districts, E.UNKNOWN_DISTRICT
    elif axis == "subject":
        universe, code = inputs.subjects, E.UNKNOWN_SUBJECT
    elif axis == "grade":
        universe, code = inputs.grades, E.GRADE_OUT_OF_RANGE
    else:
        universe = tuple(inputs.years.tolist()[1:])
        code = E.VALUE_OUT_OF_RANGE
    positions = []
    for label in _labels(selector):
        if label not in universe:
            raise ForecastInputError(
                code,
                field,
                f"The {axis} '{label}' in an override of '{field}' is not in the input.",
                row={axis: label},
            )
        positions.append(universe.index(label))
    return positions


def _apply_array(inputs: ForecastInput, o: Override) -> npt.NDArray[np.float64]:
    spec = FIELD_BY_NAME[o.field]
    current = getattr(getattr(inputs, spec.group), o.field)
    selectors = {"district": o.district, "grade": o.grade, "subject": o.subject, "year": o.year}
    index: list[Any] = [slice(None)] * len(spec.axes)
    for axis, selector in selectors.items():
        if selector is None:
            continue
        if axis not in spec.axes:
            raise ForecastInputError(
                E.SHAPE_MISMATCH, o.field, f"Field '{o.field}' has no {axis} axis to select."
            )
        index[spec.axes.index(axis)] = _positions(inputs, axis, selector, o.field)
    # One list per axis selects the cross product of the chosen labels.
    lists = [i for i, sel in enumerate(index) if isinstance(sel, list)]
    if lists:
        grids = np.ix_(*[index[i] for i in lists])
        for grid_pos, axis_pos in enumerate(lists):
            index[axis_pos] = grids[grid_pos]
    if current is None:
        if o.op != "set" or len(lists):
            raise ForecastInputError(
                E.UNKNOWN_FIELD, o.field, f"Field '{o.field}' is not set; it can only be set whole."
            )
        return np.asarray(o.value, dtype=np.float64)
    array = np.array(current, dtype=np.float64)
    value = np.asarray(o.value, dtype=np.float64)
    target = tuple(index)
    try:
        if o.op == "set":
            array[target] = value
        elif o.op == "scale":
            array[target] = array[target] * value
        elif o.op == "add":
            array[target] = array[target] + value
        else:
            raise ForecastInputError(
                E.VALUE_OUT_OF_RANGE, o.field, f"Unknown override operation '{o.op}'."
            )
    except ValueError:
        raise ForecastInputError(
            E.SHAPE_MISMATCH, o.field, f"The override value does not fit field '{o.field}'."
        ) from None
    return array


def apply_scenario(inputs: ForecastInput, scenario: Scenario) -> ForecastInput:
    """Return a new, validated input with the scenario's overrides applied in order.

    Example:
        ``apply_scenario(inp, Scenario("x", (Override("attrition", "scale", 1.2),)))``
    """
    current = inputs
    for o in scenario.overrides:
        if o.field in SETTINGS:
            if o.op != "set":
                raise ForecastInputError(
                    E.VALUE_OUT_OF_RANGE, o.field, f"Setting '{o.field}' can only be set."
                )
            group = SETTINGS[o.field]
            if group is None:
                current = replace(current, **{o.field: o.value})
            else:
                part = replace(getattr(current, group), **{o.field: o.value})
                current = replace(current, **{group: part})
            continue
        spec = FIELD_BY_NAME.get(o.field)
        if spec is None:
            raise ForecastInputError(E.UNKNOWN_FIELD, o.field, f"Unknown field '{o.field}'.")
        part = replace(getattr(current, spec.group), **{o.field: _apply_array(current, o)})
        current = replace(current, **{spec.group: part})
    return current


@dataclass(frozen=True)
class ScenarioComparison:
    """Results per scenario (``"base"`` first) and differences ``scenario − base``.

    ``differences[name][metric]`` is ``[year, district, subject]`` for the metrics in
    :data:`COMPARED_METRICS` (quota differences are NaN where the quota is undefined).
    """

    names: tuple[str, ...]
    results: Mapping[str, ForecastResult]
    differences: Mapping[str, Mapping[str, npt.NDArray[np.float64]]]

    def totals(self, metric: str) -> dict[str, npt.NDArray[np.float64]]:
        """National total per year of ``metric`` for every scenario (NaN-free years)."""
        return {
            name: np.asarray(getattr(self.results[name], metric).sum(axis=(1, 2)))
            for name in self.names
        }

    def rows(self, metrics: Sequence[str] = COMPARED_METRICS) -> list[dict[str, Any]]:
        """Tidy rows ``{"scenario", "metric", "year", "district", "subject", "value", "base",
        "difference"}``, NaN as ``None``."""
        base = self.results[BASE]
        rows: list[dict[str, Any]] = []
        keys = [
            (y, d, s) for y in base.years.tolist() for d in base.districts for s in base.subjects
        ]
        for name in self.names:
            for metric in metrics:
                values = getattr(self.results[name], metric).reshape(-1).tolist()
                bases = getattr(base, metric).reshape(-1).tolist()
                for (y, d, s), v, b in zip(keys, values, bases, strict=True):
                    rows.append(
                        {
                            "scenario": name,
                            "metric": metric,
                            "year": y,
                            "district": d,
                            "subject": s,
                            "value": None if v != v else v,
                            "base": None if b != b else b,
                            "difference": None if v != v or b != b else v - b,
                        }
                    )
        return rows


def compare_scenarios(base: ForecastInput, scenarios: Sequence[Scenario]) -> ScenarioComparison:
    """Run the base input and each scenario; return results and differences vs the base.

    Scenario names must be unique and not ``"base"``; a scenario must keep the horizon,
    districts and subjects of the base (the grids are compared cell by cell).

    Example: see ``tests/test_forecast_scenarios.py``.
    """
    names = [s.name for s in scenarios]
    if BASE in names or len(set(names)) != len(names):
        raise ForecastInputError(
            E.VALUE_OUT_OF_RANGE, "scenarios", "Scenario names must be unique and not 'base'."
        )
    results: dict[str, ForecastResult] = {BASE: run_forecast(base)}
    differences: dict[str, dict[str, npt.NDArray[np.float64]]] = {}
    for scenario in scenarios:
        result = run_forecast(apply_scenario(base, scenario))
        if result.demand.shape != results[BASE].demand.shape:
            raise ForecastInputError(
                E.SHAPE_MISMATCH,
                "horizon",
                f"Scenario '{scenario.name}' changes the grid, so it cannot be compared.",
            )
        results[scenario.name] = result
        differences[scenario.name] = {
            m: np.asarray(getattr(result, m) - getattr(results[BASE], m)) for m in COMPARED_METRICS
        }
    for deltas in differences.values():
        for array in deltas.values():
            array.flags.writeable = False
    return ScenarioComparison(
        names=(BASE, *names),
        results=MappingProxyType(results),
        differences=MappingProxyType(
            {name: MappingProxyType(deltas) for name, deltas in differences.items()}
        ),
    )
