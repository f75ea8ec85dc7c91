"""Validation of :class:`~educluster.engines.forecast.inputs.ForecastInput`.

Each array field is checked in this order, and the first failure raises
:class:`~educluster.engines.forecast.errors.ForecastInputError`:

1. ``shape_mismatch`` — not broadcastable to the field's full shape;
2. ``non_finite`` — NaN or ±inf;
3. by kind: counts ``negative_value`` (< 0); rates ``rate_out_of_range`` (outside [0, 1]);
   positive norms ``negative_value`` (< 0) or ``value_out_of_range`` (= 0); growth rates
   ``value_out_of_range`` (≤ −1);
4. cross-field rules: ``promotion + repetition ≤ 1`` (``rate_out_of_range`` on ``repetition``),
   entry-age shares summing to 1 (``value_out_of_range``).

The error's ``index`` is the first offending position in the full shape and ``row`` names it
with axis labels, e.g. ``{"district": "Yunusobod", "grade": 7}``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

import numpy as np

from . import errors as E
from .errors import ForecastInputError
from .inputs import MAX_GRADE, MIN_GRADE

if TYPE_CHECKING:
    from .inputs import FloatArray, ForecastInput

Kind = Literal["count", "rate", "positive", "growth", "weight"]
Group = Literal["pupils", "demand", "supply", "quota"]


@dataclass(frozen=True)
class FieldSpec:
    """One array field: where it lives, its axes and the domain of its values."""

    name: str
    group: Group
    axes: tuple[str, ...]
    kind: Kind


#: Every array field of the input, in validation order. Scenario overrides and Monte-Carlo
#: uncertainties address fields by these names.
FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("base_pupils", "pupils", ("district", "grade"), "count"),
    FieldSpec("promotion", "pupils", ("district", "grade"), "rate"),
    FieldSpec("repetition", "pupils", ("district", "grade"), "rate"),
    FieldSpec("entrants", "pupils", ("year", "district"), "count"),
    FieldSpec("intake_growth", "pupils", ("district",), "growth"),
    FieldSpec("base_entrants", "pupils", ("district",), "count"),
    FieldSpec("max_class_size", "demand", ("district", "grade"), "positive"),
    FieldSpec("hours", "demand", ("grade", "subject"), "count"),
    FieldSpec("load_norm", "demand", ("district", "subject"), "positive"),
    FieldSpec("ptr", "demand", ("district", "subject"), "positive"),
    FieldSpec("ptr_grades", "demand", ("grade", "subject"), "weight"),
    FieldSpec("staff", "supply", ("district", "subject", "age_band"), "count"),
    FieldSpec("attrition", "supply", ("district", "subject", "age_band"), "rate"),
    FieldSpec("graduates", "supply", ("year", "district", "subject"), "count"),
    FieldSpec("employment_rate", "supply", ("district", "subject"), "rate"),
    FieldSpec("share_entering", "supply", ("district", "subject"), "rate"),
    FieldSpec("entry_age_share", "supply", ("age_band",), "rate"),
    FieldSpec("completion_rate", "quota", ("district", "subject"), "rate"),
)
FIELD_BY_NAME: dict[str, FieldSpec] = {f.name: f for f in FIELDS}


def row_labels(inp: ForecastInput, axes: tuple[str, ...], index: tuple[int, ...]) -> dict:
    """Axis labels of a position, e.g. ``{"district": "A", "grade": 3}``."""
    labels: dict[str, object] = {}
    for axis, i in zip(axes, index, strict=True):
        if axis == "district":
            labels[axis] = inp.districts[i]
        elif axis == "subject":
            labels[axis] = inp.subjects[i]
        elif axis == "grade":
            labels[axis] = inp.grades[i]
        elif axis == "year":
            labels[axis] = inp.base_year + 1 + i
        else:
            labels[axis] = inp.age_bands[i]
    return labels


def _fail(
    inp: ForecastInput, spec: FieldSpec, code: str, bad: np.ndarray, reason: str
) -> ForecastInputError:
    index = tuple(int(i) for i in np.argwhere(bad)[0])
    row = row_labels(inp, spec.axes, index)
    where = ", ".join(f"{k} {v}" for k, v in row.items())
    where = f" at {where}" if where else ""
    return ForecastInputError(
        code, spec.name, f"Field '{spec.name}'{where} {reason}.", index=index, row=row
    )


def check_values(inp: ForecastInput, spec: FieldSpec, full: FloatArray) -> None:
    """Raise for the first non-finite or out-of-domain element of ``full``."""
    finite = np.isfinite(full)
    if not finite.all():
        raise _fail(inp, spec, E.NON_FINITE, ~finite, "is not a finite number")
    if spec.kind == "rate":
        bad = (full < 0) | (full > 1)
        if bad.any():
            raise _fail(inp, spec, E.RATE_OUT_OF_RANGE, bad, "is a rate outside 0 to 1")
    elif spec.kind == "growth":
        if (full <= -1).any():
            raise _fail(
                inp, spec, E.VALUE_OUT_OF_RANGE, full <= -1, "is a growth rate of -100 % or less"
            )
    else:
        if (full < 0).any():
            raise _fail(inp, spec, E.NEGATIVE_VALUE, full < 0, "is negative")
        if spec.kind == "positive" and (full == 0).any():
            raise _fail(inp, spec, E.VALUE_OUT_OF_RANGE, full == 0, "is zero but must be positive")


def full_shape(inp: ForecastInput, spec: FieldSpec) -> tuple[int, ...]:
    dims = inp.dims()
    return tuple(dims[a] for a in spec.axes)


def _value_error(field: str, message: str, code: str = E.VALUE_OUT_OF_RANGE) -> ForecastInputError:
    return ForecastInputError(code, field, message)


def _check_labels(inp: ForecastInput) -> None:
    for name in ("districts", "subjects"):
        labels = getattr(inp, name)
        if len(labels) == 0 or len(set(labels)) != len(labels):
            raise _value_error(name, f"The {name} must be a non-empty list of unique names.")
    grades = tuple(inp.grades)
    if not grades:
        raise _value_error("grades", "The grades must not be empty.", E.GRADE_OUT_OF_RANGE)
    for i, g in enumerate(grades):
        if not MIN_GRADE <= g <= MAX_GRADE or (i and g != grades[i - 1] + 1):
            raise ForecastInputError(
                E.GRADE_OUT_OF_RANGE,
                "grades",
                f"Grade {g} is not allowed: grades must be consecutive between "
                f"{MIN_GRADE} and {MAX_GRADE}.",
                index=(i,),
                row={"grade": g},
            )
    if int(inp.horizon) != inp.horizon or inp.horizon < 1:
        raise _value_error("horizon", "The horizon must be a whole number of years, at least 1.")
    edges = inp.supply.age_band_edges
    if len(edges) < 2 or any(b <= a for a, b in itertools.pairwise(edges)):
        raise _value_error("age_band_edges", "Age-band edges must be increasing, at least two.")
    if inp.supply.retirement_age not in edges[1:]:
        raise _value_error(
            "retirement_age",
            f"The retirement age {inp.supply.retirement_age} must be one of the age-band "
            f"edges {list(edges[1:])}.",
        )
    if int(inp.quota.programme_length) != inp.quota.programme_length or (
        inp.quota.programme_length < 1
    ):
        raise _value_error("programme_length", "The programme length must be at least 1 year.")
    if inp.demand.class_rounding not in ("ceil", "continuous"):
        raise _value_error("class_rounding", "Class rounding must be 'ceil' or 'continuous'.")
    if inp.demand.mode not in ("curriculum", "ptr"):
        raise _value_error("mode", "The demand mode must be 'curriculum' or 'ptr'.")
    if inp.demand.mode == "ptr" and inp.demand.ptr is None:
        raise _value_error("ptr", "A pupil-teacher ratio is required in 'ptr' mode.")


def normalise(inp: ForecastInput) -> None:
    """Validate ``inp`` and replace its array fields by full-shape read-only float64 copies."""
    _check_labels(inp)
    updates: dict[str, dict[str, object]] = {g: {} for g in ("pupils", "demand", "supply", "quota")}
    full_values: dict[str, FloatArray] = {}
    for spec in FIELDS:
        group = getattr(inp, spec.group)
        value = getattr(group, spec.name)
        if value is None and spec.name == "entry_age_share":
            value = np.zeros(inp.dims()["age_band"])
            value[0] = 1.0
        if value is None:
            continue
        shape = full_shape(inp, spec)
        try:
            full = np.broadcast_to(np.asarray(value, dtype=np.float64), shape)
        except ValueError:
            axes = ", ".join(spec.axes)
            raise ForecastInputError(
                E.SHAPE_MISMATCH,
                spec.name,
                f"Field '{spec.name}' has shape {tuple(np.shape(value))}, which does not fit "
                f"[{axes}] = {shape}.",
            ) from None
        check_values(inp, spec, full)
        stored = np.array(full, dtype=np.float64)
        stored.flags.writeable = False
        full_values[spec.name] = stored
        updates[spec.group][spec.name] = stored
    _check_cross_fields(inp, full_values)
    for group, changes in updates.items():
        object.__setattr__(inp, group, replace(getattr(inp, group), **changes))


def _check_cross_fields(inp: ForecastInput, values: dict[str, FloatArray]) -> None:
    over = values["promotion"] + values["repetition"] > 1 + 1e-12
    if over.any():
        raise _fail(
            inp,
            FIELD_BY_NAME["repetition"],
            E.RATE_OUT_OF_RANGE,
            over,
            "plus promotion exceeds 1 (drop-out would be negative)",
        )
    total = float(values["entry_age_share"].sum())
    if abs(total - 1.0) > 1e-9:
        raise _value_error("entry_age_share", f"Entry-age shares must sum to 1, not {total:.6g}.")
