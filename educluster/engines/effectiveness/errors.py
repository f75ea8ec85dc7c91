"""Domain errors of the effectiveness-index engine.

Every error is an :class:`EffectivenessInputError` (a ``ValueError``) with a stable ``code``
that the Django layer translates, the offending parameters as attributes (also collected in
``params``) and a plain English message naming the indicator or unit and the reason.

Example:
    >>> try:
    ...     raise NegativeWeightError(indicator="vacancy_fill", weight=-1.0)
    ... except EffectivenessInputError as error:
    ...     (error.code, error.params["indicator"])
    ('negative_weight', 'vacancy_fill')
"""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = [
    "DuplicateIndicatorError",
    "DuplicateUnitError",
    "EffectivenessInputError",
    "InvalidParameterError",
    "InvalidTargetError",
    "NegativeWeightError",
    "NoApplicableIndicatorError",
    "NoIndicatorsError",
    "NoUnitsError",
    "NonFiniteValueError",
    "NotNumericError",
    "UnknownIndicatorError",
    "ZeroWeightsError",
]


class EffectivenessInputError(ValueError):
    """Base class: input from which the engine refuses to compute an index.

    ``code`` is stable and machine-readable; ``params`` holds the keyword arguments the error was
    raised with (each also available as an attribute of the same name).
    """

    code: ClassVar[str] = "invalid_input"

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params: dict[str, Any] = dict(params)
        for name, value in params.items():
            setattr(self, name, value)


class InvalidParameterError(EffectivenessInputError):
    """An argument or a field (direction, normalisation, policy, draws, spread...) is invalid."""

    code = "invalid_parameter"

    def __init__(self, *, name: str, value: Any, reason: str) -> None:
        super().__init__(
            f"Parameter {name} = {value!r} is invalid: {reason}.",
            name=name,
            value=value,
            reason=reason,
        )


class NoIndicatorsError(EffectivenessInputError):
    """No indicator specification was given."""

    code = "no_indicators"

    def __init__(self) -> None:
        super().__init__("At least one indicator is needed to compute an index.")


class NoUnitsError(EffectivenessInputError):
    """No unit (member) was given."""

    code = "no_units"

    def __init__(self) -> None:
        super().__init__("At least one unit (member) is needed to compute an index.")


class DuplicateIndicatorError(EffectivenessInputError):
    """Two indicator specifications share a code."""

    code = "duplicate_indicator"

    def __init__(self, *, indicator: str) -> None:
        super().__init__(f"Indicator {indicator!r} is specified twice.", indicator=indicator)


class DuplicateUnitError(EffectivenessInputError):
    """Two units share an id."""

    code = "duplicate_unit"

    def __init__(self, *, unit: Any) -> None:
        super().__init__(f"Unit {unit!r} is given twice.", unit=unit)


class UnknownIndicatorError(EffectivenessInputError):
    """A unit has a value for an indicator code that no specification defines."""

    code = "unknown_indicator"

    def __init__(self, *, unit: Any, indicator: str) -> None:
        super().__init__(
            f"Unit {unit!r} has a value for indicator {indicator!r}, which is not specified.",
            unit=unit,
            indicator=indicator,
        )


class NotNumericError(EffectivenessInputError):
    """A value, weight or target that must be a number is something else."""

    code = "not_numeric"

    def __init__(self, *, field: str, unit: Any = None, indicator: str | None = None) -> None:
        where = f" of unit {unit!r}" if unit is not None else ""
        what = f" for indicator {indicator!r}" if indicator is not None else ""
        super().__init__(
            f"The {field}{where}{what} must be a number.",
            field=field,
            unit=unit,
            indicator=indicator,
        )


class NonFiniteValueError(EffectivenessInputError):
    """A value, weight or target is NaN or infinite (a missing value must be ``None``)."""

    code = "non_finite_value"

    def __init__(self, *, field: str, unit: Any = None, indicator: str | None = None) -> None:
        where = f" of unit {unit!r}" if unit is not None else ""
        what = f" for indicator {indicator!r}" if indicator is not None else ""
        super().__init__(
            f"The {field}{where}{what} is not a finite number (NaN or infinity); "
            "give None for a missing value.",
            field=field,
            unit=unit,
            indicator=indicator,
        )


class NegativeWeightError(EffectivenessInputError):
    """An indicator's weight is below zero."""

    code = "negative_weight"

    def __init__(self, *, indicator: str, weight: float) -> None:
        super().__init__(
            f"Indicator {indicator!r} has weight {weight!r}; weights must be zero or more.",
            indicator=indicator,
            weight=weight,
        )


class ZeroWeightsError(EffectivenessInputError):
    """Every indicator has weight zero, so no index can be formed."""

    code = "zero_weights"

    def __init__(self) -> None:
        super().__init__("All indicator weights are zero; at least one must be positive.")


class InvalidTargetError(EffectivenessInputError):
    """A target-normalised indicator has no target, or a target of zero or less."""

    code = "invalid_target"

    def __init__(self, *, indicator: str, target: float | None) -> None:
        reason = "no target" if target is None else f"target {target!r}"
        super().__init__(
            f"Indicator {indicator!r} is normalised by its target but has {reason}; "
            "the target must be a number greater than zero.",
            indicator=indicator,
            target=target,
        )


class NoApplicableIndicatorError(EffectivenessInputError):
    """No indicator with a positive weight applies to a unit's kind."""

    code = "no_applicable_indicator"

    def __init__(self, *, unit: Any, kind: str) -> None:
        super().__init__(
            f"No indicator with a positive weight applies to unit {unit!r} of kind {kind!r}.",
            unit=unit,
            kind=kind,
        )
