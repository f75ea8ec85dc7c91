"""Input validation: turns specs and units into canonical NumPy arrays, or raises a coded error.

The canonical order (indicators by code, units by id) makes every result independent of the
order in which the caller lists indicators and units, including the random draws of the
sensitivity analysis.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from numbers import Real
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .errors import (
    DuplicateIndicatorError,
    DuplicateUnitError,
    InvalidParameterError,
    InvalidTargetError,
    NegativeWeightError,
    NoApplicableIndicatorError,
    NoIndicatorsError,
    NonFiniteValueError,
    NotNumericError,
    NoUnitsError,
    UnknownIndicatorError,
    ZeroWeightsError,
)
from .inputs import IndicatorSpec, MissingPolicy, Unit, UnitId

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

DIRECTIONS = ("higher", "lower")
NORMALISATIONS = ("target", "minmax")
METHODS = ("renormalise", "zero", "exclude_unit")


@dataclass(frozen=True)
class Problem:
    """Validated input in canonical order (private to the engine)."""

    specs: tuple[IndicatorSpec, ...]
    units: tuple[Unit, ...]
    raw: FloatArray  # n × m, NaN where missing or not applicable
    applicable: BoolArray  # n × m
    present: BoolArray  # n × m, applicable and has a value
    weights: FloatArray  # m, base weights times a power of two (largest in [0.5, 1))
    lower: BoolArray  # m, lower is better
    by_target: BoolArray  # m, target normalisation
    targets: FloatArray  # m, NaN where no target


def number(value: Any, *, field: str, unit: Any = None, indicator: str | None = None) -> float:
    """A finite float from an int, float, NumPy number or Decimal (not a bool or text)."""
    if isinstance(value, bool) or not isinstance(value, Real | Decimal):
        raise NotNumericError(field=field, unit=unit, indicator=indicator)
    try:
        number = float(value)
    except ValueError:  # a signalling Decimal NaN
        raise NonFiniteValueError(field=field, unit=unit, indicator=indicator) from None
    if not math.isfinite(number):
        raise NonFiniteValueError(field=field, unit=unit, indicator=indicator)
    return number


def _unit_key(unit: Unit) -> tuple[str, Any]:
    return (type(unit.id).__name__, unit.id)


def check_policy(policy: MissingPolicy) -> None:
    """Refuse an unknown policy method or a coverage threshold outside [0, 1]."""
    if policy.method not in METHODS:
        raise InvalidParameterError(
            name="policy.method", value=policy.method, reason=f"it must be one of {METHODS}"
        )
    coverage = number(policy.min_coverage, field="policy.min_coverage")
    if not 0.0 <= coverage <= 1.0:
        raise InvalidParameterError(
            name="policy.min_coverage", value=coverage, reason="it must be between 0 and 1"
        )


def check_specs(specs: Sequence[IndicatorSpec]) -> tuple[IndicatorSpec, ...]:
    """Validate the indicator specifications and return them sorted by code."""
    if not specs:
        raise NoIndicatorsError()
    seen: set[str] = set()
    for spec in specs:
        if not isinstance(spec.code, str) or not spec.code:
            raise InvalidParameterError(
                name="code", value=spec.code, reason="it must be a non-empty string"
            )
        if spec.code in seen:
            raise DuplicateIndicatorError(indicator=spec.code)
        seen.add(spec.code)
        if spec.direction not in DIRECTIONS:
            raise InvalidParameterError(
                name=f"{spec.code}.direction",
                value=spec.direction,
                reason=f"it must be one of {DIRECTIONS}",
            )
        if spec.normalisation not in NORMALISATIONS:
            raise InvalidParameterError(
                name=f"{spec.code}.normalisation",
                value=spec.normalisation,
                reason=f"it must be one of {NORMALISATIONS}",
            )
        weight = number(spec.weight, field="weight", indicator=spec.code)
        if weight < 0:
            raise NegativeWeightError(indicator=spec.code, weight=weight)
        if spec.target is not None:
            target = number(spec.target, field="target", indicator=spec.code)
            if spec.normalisation == "target" and target <= 0:
                raise InvalidTargetError(indicator=spec.code, target=target)
        elif spec.normalisation == "target":
            raise InvalidTargetError(indicator=spec.code, target=None)
    if all(float(spec.weight) == 0.0 for spec in specs):
        raise ZeroWeightsError()
    return tuple(sorted(specs, key=lambda spec: spec.code))


def prepare(specs: Sequence[IndicatorSpec], units: Sequence[Unit]) -> Problem:
    """Validate everything and build the canonical arrays."""
    ordered_specs = check_specs(specs)
    if not units:
        raise NoUnitsError()
    seen: set[tuple[str, UnitId]] = set()
    for unit in units:
        key = _unit_key(unit)
        if key in seen:
            raise DuplicateUnitError(unit=unit.id)
        seen.add(key)
    ordered_units = tuple(sorted(units, key=_unit_key))
    codes = {spec.code for spec in ordered_specs}
    n, m = len(ordered_units), len(ordered_specs)
    raw = np.full((n, m), np.nan)
    applicable = np.zeros((n, m), dtype=bool)
    weights = np.array([float(spec.weight) for spec in ordered_specs])
    # Only ratios matter; scaling by a power of two (exact, no rounding) to a maximum in
    # [0.5, 1) keeps sums of huge weights finite.
    weights = np.ldexp(weights, -int(np.frexp(weights.max())[1]))
    for i, unit in enumerate(ordered_units):
        for code in unit.values:
            if code not in codes:
                raise UnknownIndicatorError(unit=unit.id, indicator=code)
        for j, spec in enumerate(ordered_specs):
            if not spec.applies_to(unit.kind):
                continue
            applicable[i, j] = True
            value = unit.values.get(spec.code)
            if value is not None:
                raw[i, j] = number(value, field="value", unit=unit.id, indicator=spec.code)
        if not (weights[applicable[i]] > 0).any():
            raise NoApplicableIndicatorError(unit=unit.id, kind=unit.kind)
    return Problem(
        specs=ordered_specs,
        units=ordered_units,
        raw=raw,
        applicable=applicable,
        present=applicable & ~np.isnan(raw),
        weights=weights,
        lower=np.array([spec.direction == "lower" for spec in ordered_specs]),
        by_target=np.array([spec.normalisation == "target" for spec in ordered_specs]),
        targets=np.array(
            [np.nan if spec.target is None else float(spec.target) for spec in ordered_specs]
        ),
    )
