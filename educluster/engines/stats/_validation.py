"""Input validation shared by the engine's modules (private)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .errors import (
    InvalidParameterError,
    MissingLabelError,
    NonFiniteValueError,
    NotNumericError,
    TooFewObservationsError,
    ValueTooLargeError,
    WrongShapeError,
)

FloatArray = NDArray[np.float64]
Values = Sequence[float] | NDArray[Any]
# Welch's degrees of freedom take the fourth power of the scores: beyond this it overflows
# float64 (max ~1.8e308) and the statistic becomes infinite or NaN.
MAX_MAGNITUDE = 1e50


def as_float_array(values: ArrayLike, *, field: str, ndim: int = 1) -> FloatArray:
    """Convert to a float64 array of the given dimensionality (NaN allowed)."""
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise NotNumericError(field=field) from None
    if array.ndim != ndim:
        expected = "a one-dimensional sequence" if ndim == 1 else f"a {ndim}-dimensional array"
        raise WrongShapeError(field=field, expected=expected, shape=tuple(array.shape))
    return array


def check_finite(array: FloatArray, *, field: str) -> None:
    """Raise :class:`NonFiniteValueError` naming the first NaN or infinite row, and
    :class:`ValueTooLargeError` for the first value beyond :data:`MAX_MAGNITUDE`."""
    finite = np.isfinite(array)
    if not finite.all():
        bad = np.argwhere(~finite)[0]
        raise NonFiniteValueError(field=field, row=int(bad[0]))
    huge = np.abs(array) > MAX_MAGNITUDE
    if huge.any():
        bad = np.argwhere(huge)[0]
        raise ValueTooLargeError(field=field, row=int(bad[0]), limit=MAX_MAGNITUDE)


def check_labels(labels: NDArray[Any], *, field: str) -> None:
    """Raise :class:`MissingLabelError` for the first label that is None or NaN."""
    if labels.dtype.kind in "fc":
        missing = np.isnan(labels)
    elif labels.dtype.kind == "O":
        # Element-wise in C: None equals only None, and NaN is the one value unequal to itself.
        missing = np.asarray(labels == None) | np.asarray(labels != labels)  # noqa: E711
    else:
        return
    if missing.any():
        raise MissingLabelError(field=field, row=int(np.flatnonzero(missing)[0]))


def as_sample(values: ArrayLike, *, field: str, minimum: int = 2) -> FloatArray:
    """A finite one-dimensional float64 sample with at least ``minimum`` values."""
    array = as_float_array(values, field=field)
    check_finite(array, field=field)
    if array.size < minimum:
        raise TooFewObservationsError(field=field, n=int(array.size), minimum=minimum)
    return array


def check_probability(value: float, *, name: str) -> float:
    """A probability strictly between 0 and 1 (confidence, alpha, power)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidParameterError(name=name, value=value, reason="it must be a number") from None
    if not 0.0 < number < 1.0:
        raise InvalidParameterError(
            name=name, value=value, reason="it must be strictly between 0 and 1"
        )
    return number
