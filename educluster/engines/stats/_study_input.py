"""Validation of a study's flat arrays (private to :mod:`.study`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validation import FloatArray, as_float_array, check_finite, check_labels
from .errors import (
    ClusterSwitchError,
    DuplicateObservationError,
    GroupSwitchError,
    InvalidCodeError,
    MismatchedLengthsError,
    NotNumericError,
    WrongShapeError,
)

IntArray = NDArray[np.int64]
N_WAVES = 3


@dataclass(frozen=True, slots=True)
class StudyInput:
    """Validated study: integer codes per observation and a pupil × wave score matrix."""

    score: FloatArray
    group: IntArray
    wave: IntArray
    cluster: IntArray
    n_clusters: int
    n_pupils: int
    pupil_group: IntArray
    by_pupil: FloatArray  # shape (pupil codes, 3), NaN where a wave is missing


def _labels(values: ArrayLike, field: str, n: int) -> NDArray[Any]:
    if isinstance(values, Sequence) and len(values) and isinstance(values[0], str):
        # Text codes from a list: an object array is built far faster than a fixed-width
        # unicode one, and factorize() hashes it instead of sorting.
        array = np.array(values, dtype=object)
    else:
        array = np.asarray(values)
    if array.ndim != 1:
        raise WrongShapeError(
            field=field, expected="a one-dimensional sequence", shape=tuple(array.shape)
        )
    if array.size != n:
        raise MismatchedLengthsError(field=field, length=int(array.size), expected=n)
    check_labels(array, field=field)
    return array


def _codes(values: ArrayLike, field: str, n: int, allowed: tuple[int, ...]) -> IntArray:
    array = _labels(values, field, n)
    if array.dtype.kind not in "biuf":
        raise NotNumericError(field=field)
    valid = np.zeros(n, dtype=bool)
    for code in allowed:
        valid |= array == code
    if not valid.all():
        row = int(np.flatnonzero(~valid)[0])
        raise InvalidCodeError(field=field, row=row, value=array[row].item(), allowed=allowed)
    return array.astype(np.int64)


def factorize(labels: NDArray[Any]) -> tuple[IntArray, int]:
    """Codes ``0..size-1`` for arbitrary hashable labels (some codes may be unused)."""
    n = labels.size
    if labels.dtype.kind in "iu" and n:
        low, high = int(labels.min()), int(labels.max())
        # Dense integer ids need no sort: shifting them is already a valid coding.
        if high - low <= 4 * n + 16:
            return (labels - low).astype(np.int64), high - low + 1
    if labels.dtype.kind != "O":
        uniques, inverse = np.unique(labels, return_inverse=True)
        return inverse.astype(np.int64).reshape(-1), int(uniques.size)
    # Python objects (e.g. a list of pupil codes): hashing beats np.unique's object comparisons
    # threefold and also copes with mixed, unorderable labels.
    mapping: dict[Any, int] = {}
    codes = np.fromiter(
        (mapping.setdefault(label, len(mapping)) for label in labels.tolist()),
        dtype=np.int64,
        count=n,
    )
    return codes, len(mapping)


def _python(value: Any) -> Any:
    """A NumPy scalar as the plain Python value, for error parameters."""
    return value.item() if isinstance(value, np.generic) else value


def _pair_of_rows(mask: NDArray[np.bool_], values: NDArray[Any]) -> tuple[int, int]:
    rows = np.flatnonzero(mask)
    other = rows[values[rows] != values[rows[0]]]
    return int(rows[0]), int(other[0]) if other.size else int(rows[-1])


def validate_study(
    pupil_ids: ArrayLike,
    group: ArrayLike,
    cluster_ids: ArrayLike,
    wave: ArrayLike,
    score: ArrayLike,
) -> StudyInput:
    """Check lengths, codes, finiteness, one result per pupil and wave, and stable membership."""
    y = as_float_array(score, field="score")
    n = int(y.size)
    pupils = _labels(pupil_ids, "pupil_ids", n)
    clusters = _labels(cluster_ids, "cluster_ids", n)
    g = _codes(group, "group", n, (0, 1))
    w = _codes(wave, "wave", n, (0, 1, 2))
    check_finite(y, field="score")

    pupil, n_codes = factorize(pupils)
    cluster, n_cluster_codes = factorize(clusters)
    key = pupil * N_WAVES + w
    per_key = np.bincount(key, minlength=n_codes * N_WAVES)
    if per_key.max(initial=0) > 1:
        bad = int(np.argmax(per_key > 1))
        rows = np.flatnonzero(key == bad)
        raise DuplicateObservationError(
            pupil=_python(pupils[rows[0]]), wave=bad % N_WAVES, rows=(int(rows[0]), int(rows[1]))
        )
    per_pupil = np.bincount(pupil, minlength=n_codes).astype(np.float64)
    in_group = np.bincount(pupil, weights=g, minlength=n_codes)
    switched = (in_group > 0) & (in_group < per_pupil)
    if switched.any():
        mask = pupil == int(np.argmax(switched))
        rows_pair = _pair_of_rows(mask, g)
        raise GroupSwitchError(pupil=_python(pupils[rows_pair[0]]), rows=rows_pair)
    # All of a pupil's cluster codes are equal iff count·Σc² = (Σc)² (Cauchy–Schwarz equality);
    # the sums stay far below 2⁵³, so the float comparison is exact.
    c = cluster.astype(np.float64)
    total = np.bincount(pupil, weights=c, minlength=n_codes)
    squares = np.bincount(pupil, weights=c * c, minlength=n_codes)
    moved = per_pupil * squares != total * total
    if moved.any():
        mask = pupil == int(np.argmax(moved))
        rows_pair = _pair_of_rows(mask, cluster)
        raise ClusterSwitchError(pupil=_python(pupils[rows_pair[0]]), rows=rows_pair)

    by_pupil = np.full((n_codes, N_WAVES), np.nan)
    by_pupil[pupil, w] = y
    pupil_group = np.zeros(n_codes, dtype=np.int64)
    pupil_group[pupil] = g
    used_clusters = np.bincount(cluster, minlength=n_cluster_codes) > 0
    return StudyInput(
        score=y,
        group=g,
        wave=w,
        cluster=cluster,
        n_clusters=int(used_clusters.sum()),
        n_pupils=int(np.count_nonzero(per_pupil)),
        pupil_group=pupil_group,
        by_pupil=by_pupil,
    )
