"""Targeted-training quota: admissions whose graduates cover a future hiring need.

Source: the pipeline inversion used to set initial-teacher-training targets in England's DfE
Teacher Supply Model (trainees needed = newly qualified entrants needed ÷ (completion rate ×
rate of taking up a teaching post)), applied to Uzbekistan's targeted admission (*maqsadli
qabul*) to pedagogical universities for a district::

    quota[t] = ceil( need[t + L] / (completion · employment · share_entering) )
               for admission years t = 0 … T − L; undefined (NaN) for later years

``L`` is the programme length, ``need`` the hiring need of
:mod:`~educluster.engines.forecast.supply` (which already counts the regular graduate inflow,
so the quota is the *additional* targeted admission), ``completion`` the share of admitted
students who graduate, ``employment`` the share of graduates who take a teaching post and
``share_entering`` the share of those who take it in the district. When the yield
``completion · employment · share_entering`` is 0 and the need positive, no admission can
cover it and the quota is ``inf``; with no need it is 0. ``ceil`` uses the same float tolerance
as class rounding (:func:`~educluster.engines.forecast.demand.tolerant_ceil`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from . import _kernels
from .demand import TOLERANCE_ULPS, tolerant_ceil

Array = npt.NDArray[np.floating[Any]]


def training_quota(
    hiring_need: npt.ArrayLike,
    programme_length: int,
    completion_rate: npt.ArrayLike = 1.0,
    employment_rate: npt.ArrayLike = 1.0,
    share_entering: npt.ArrayLike = 1.0,
) -> Array:
    """Admissions per admission year (formula in the module docstring).

    Args:
        hiring_need: ``[year, district, subject]`` for years 0…T.
        programme_length: L ≥ 1 years.
        completion_rate, employment_rate, share_entering: broadcastable to
            ``[district, subject]``.

    Returns:
        ``[year, district, subject]``; year index t is the admission year, NaN for t > T − L.

    Example (by hand): need 10 posts in year 4, 4-year programme, 80 % complete, 75 % take a
    teaching job, all in the district: 10 / (0.8 · 0.75) = 16.67 → admit 17 in year 0.

        >>> need = np.zeros((6, 1, 1)); need[4] = 10.0
        >>> training_quota(need, 4, 0.8, 0.75)[:, 0, 0].tolist()
        [17.0, 0.0, nan, nan, nan, nan]
    """
    need = np.asarray(hiring_need, dtype=np.float64)
    yield_ = np.asarray(completion_rate) * np.asarray(employment_rate)
    yield_ = np.asarray(yield_ * np.asarray(share_entering), dtype=np.float64)
    return training_quota_batch(need, programme_length, yield_)


def training_quota_batch(need: Array, programme_length: int, yield_: Array) -> Array:
    """Kernel: need ``[T+1, ...]``, yield broadcastable to ``need[0]`` → ``[T+1, ...]``."""
    out = np.empty(np.broadcast_shapes(need.shape, np.shape(yield_)), dtype=need.dtype)
    n = max(need.shape[0] - programme_length, 0)
    out[n:] = np.nan
    if n and _kernels.HAVE_NUMBA and need.dtype in (np.float32, np.float64):
        positive = bool(np.all(yield_ > 0))
        if positive and need.ndim >= 2 and out.shape[1:] == need.shape[1:]:
            # One compiled pass, the same operations as below (tests compare them).
            k = TOLERANCE_ULPS * float(np.finfo(need.dtype).eps)
            cells = int(np.prod(need.shape[1:-1], dtype=np.int64))
            shape = (n, cells, need.shape[-1])
            _kernels.training_quota_ceil(
                np.ascontiguousarray(need[programme_length:]).reshape(shape),
                np.ascontiguousarray(np.broadcast_to(yield_, need.shape[1:])).reshape(shape[1:]),
                need.dtype.type(1.0 - k),
                need.dtype.type(k),
                out[:n].reshape(shape),
            )
            return out
    if n:
        head = out[:n]
        with np.errstate(divide="ignore", invalid="ignore"):
            np.divide(need[programme_length:], yield_, out=head)
        if not np.all(yield_ > 0):
            # No need means no admission, even where nothing would be yielded (0 / 0).
            np.copyto(head, 0.0, where=need[programme_length:] <= 0)
        tolerant_ceil(head, out=head)
    return out
