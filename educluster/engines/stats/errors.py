"""Domain errors of the statistics engine.

Every error is a :class:`StatsInputError` (a ``ValueError``) with a stable ``code`` that the
Django layer translates, the offending parameters as attributes (also collected in ``params``)
and a plain English message naming the field, the row where one applies, and the reason.

Example:
    >>> try:
    ...     raise TooFewObservationsError(field="the control group", n=1, minimum=2)
    ... except StatsInputError as error:
    ...     (error.code, error.params["n"])
    ('too_few_observations', 1)
"""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = [
    "ClusterSwitchError",
    "DuplicateObservationError",
    "GroupSwitchError",
    "InvalidCodeError",
    "InvalidParameterError",
    "MismatchedLengthsError",
    "MismatchedWavesError",
    "MissingLabelError",
    "NonFiniteValueError",
    "NotNumericError",
    "StatsInputError",
    "TooFewClustersError",
    "TooFewObservationsError",
    "ValueTooLargeError",
    "WrongShapeError",
    "ZeroVarianceError",
]


class StatsInputError(ValueError):
    """Base class: input that the statistics engine cannot analyse.

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


class InvalidParameterError(StatsInputError):
    """An argument such as ``confidence`` or ``alpha`` is outside its allowed range."""

    code = "invalid_parameter"

    def __init__(self, *, name: str, value: Any, reason: str) -> None:
        super().__init__(
            f"Parameter {name} = {value!r} is invalid: {reason}.",
            name=name,
            value=value,
            reason=reason,
        )


class NotNumericError(StatsInputError):
    """A field that must hold numbers holds something else."""

    code = "not_numeric"

    def __init__(self, *, field: str) -> None:
        super().__init__(f"The values of {field} must be numbers.", field=field)


class WrongShapeError(StatsInputError):
    """An array has the wrong number of dimensions."""

    code = "wrong_shape"

    def __init__(self, *, field: str, expected: str, shape: tuple[int, ...]) -> None:
        super().__init__(
            f"Wrong shape for {field}: expected {expected}, got shape {shape}.",
            field=field,
            expected=expected,
            shape=shape,
        )


class NonFiniteValueError(StatsInputError):
    """A value is NaN or infinite where a finite number is required."""

    code = "non_finite_value"

    def __init__(self, *, field: str, row: int) -> None:
        super().__init__(
            f"Row {row} of {field} is not a finite number (NaN or infinity).",
            field=field,
            row=row,
        )


class ValueTooLargeError(StatsInputError):
    """A value so large in magnitude that its square overflows double precision.

    Welch's degrees of freedom raise the scores to the fourth power, so ``|x| > 1e50`` would
    turn Welch's t or Hedges' g into infinity or NaN without an error; no score of a study
    comes near it.
    """

    code = "value_too_large"

    def __init__(self, *, field: str, row: int, limit: float) -> None:
        super().__init__(
            f"Row {row} of {field} is too large in magnitude (the limit is {limit:g}).",
            field=field,
            row=row,
            limit=limit,
        )


class MissingLabelError(StatsInputError):
    """A label (class or school) is missing where every observation needs one."""

    code = "missing_label"

    def __init__(self, *, field: str, row: int) -> None:
        super().__init__(f"Row {row} of {field} has no label.", field=field, row=row)


class MismatchedLengthsError(StatsInputError):
    """Parallel arrays (one entry per observation) have different lengths."""

    code = "mismatched_lengths"

    def __init__(self, *, field: str, length: int, expected: int) -> None:
        super().__init__(
            f"Wrong number of entries in {field}: {length}, but {expected} were expected "
            "(one per observation).",
            field=field,
            length=length,
            expected=expected,
        )


class MismatchedWavesError(StatsInputError):
    """Paired measurements do not line up: different lengths, or a wave is missing."""

    code = "mismatched_waves"

    def __init__(self, *, field: str, reason: str) -> None:
        super().__init__(
            f"The waves of {field} do not match: {reason}.", field=field, reason=reason
        )


class TooFewObservationsError(StatsInputError):
    """Fewer observations than the statistic needs."""

    code = "too_few_observations"

    def __init__(self, *, field: str, n: int, minimum: int) -> None:
        super().__init__(
            f"Too few observations in {field}: {n} usable, at least {minimum} needed.",
            field=field,
            n=n,
            minimum=minimum,
        )


class TooFewClustersError(StatsInputError):
    """Fewer clusters than a cluster-robust standard error needs."""

    code = "too_few_clusters"

    def __init__(self, *, field: str, n_clusters: int, minimum: int) -> None:
        super().__init__(
            f"Too few clusters in {field}: {n_clusters}, at least {minimum} needed.",
            field=field,
            n_clusters=n_clusters,
            minimum=minimum,
        )


class ZeroVarianceError(StatsInputError):
    """All values are equal, so the statistic (a ratio to a spread) is undefined."""

    code = "zero_variance"

    def __init__(self, *, field: str) -> None:
        super().__init__(
            f"All values of {field} are identical, so the statistic is undefined.",
            field=field,
        )


class InvalidCodeError(StatsInputError):
    """A categorical field (group, wave) holds a value outside its allowed codes."""

    code = "invalid_code"

    def __init__(self, *, field: str, row: int, value: Any, allowed: tuple[int, ...]) -> None:
        super().__init__(
            f"Row {row} of {field} is {value!r}; allowed values are "
            f"{', '.join(map(str, allowed))}.",
            field=field,
            row=row,
            value=value,
            allowed=allowed,
        )


class DuplicateObservationError(StatsInputError):
    """The same pupil has two results in the same wave."""

    code = "duplicate_observation"

    def __init__(self, *, pupil: Any, wave: int, rows: tuple[int, int]) -> None:
        super().__init__(
            f"Pupil {pupil} has more than one result in wave {wave} (rows {rows[0]} and "
            f"{rows[1]}).",
            pupil=pupil,
            wave=wave,
            rows=rows,
        )


class GroupSwitchError(StatsInputError):
    """A pupil appears in both the experimental and the control group."""

    code = "group_switch"

    def __init__(self, *, pupil: Any, rows: tuple[int, int]) -> None:
        super().__init__(
            f"Pupil {pupil} is in the experimental group in one wave and in the control group "
            f"in another (rows {rows[0]} and {rows[1]}).",
            pupil=pupil,
            rows=rows,
        )


class ClusterSwitchError(StatsInputError):
    """A pupil appears in two different clusters (classes) across waves."""

    code = "cluster_switch"

    def __init__(self, *, pupil: Any, rows: tuple[int, int]) -> None:
        super().__init__(
            f"Pupil {pupil} belongs to different classes in different waves (rows {rows[0]} "
            f"and {rows[1]}); pupils must be nested in one class.",
            pupil=pupil,
            rows=rows,
        )
