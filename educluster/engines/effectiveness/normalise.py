"""Normalisation of raw indicator values onto [0, 1], vectorised over units and indicators.

Target normalisation (``T`` the indicator's target, ``T > 0``):

* higher is better: ``s = clip(x / T, 0, 1)`` — meeting or beating the target scores 1, a
  negative value scores 0;
* lower is better: ``s = min(1, T / x)`` for ``x > 0`` and ``s = 1`` for ``x <= 0`` — at or
  under the target scores 1, twice the target scores 0.5.

Min–max normalisation across the units that have a value (``lo``, ``hi`` their minimum and
maximum; units of another kind and units without a value do not set the range; units later
excluded for low coverage do):

* higher is better: ``s = (x - lo) / (hi - lo)``; lower is better: ``s = (hi - x) / (hi - lo)``;
* degenerate case ``hi == lo`` (all equal, or a single value): every unit scores 1 — nobody is
  behind anybody.

Reference: OECD/JRC, *Handbook on Constructing Composite Indicators* (2008), section 5
(normalisation: min–max and distance to a reference).

Example:
    >>> import numpy as np
    >>> raw = np.array([[0.45, 4.0], [0.9, 1.0], [1.2, np.nan]])
    >>> present = ~np.isnan(raw)
    >>> scores = normalise(raw, present, lower=np.array([False, True]),
    ...                    by_target=np.array([True, False]), targets=np.array([0.9, np.nan]))
    >>> scores.round(3).tolist()
    [[0.5, 0.0], [1.0, 1.0], [1.0, 0.0]]
"""

from __future__ import annotations

import numpy as np

from .validation import BoolArray, FloatArray

__all__ = ["normalise"]


def normalise(
    raw: FloatArray,
    present: BoolArray,
    *,
    lower: BoolArray,
    by_target: BoolArray,
    targets: FloatArray,
) -> FloatArray:
    """Scores in [0, 1] for an ``n × m`` matrix of raw values; 0 wherever ``present`` is false."""
    x = np.where(present, raw, 0.0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # Target normalisation (T / x overflowing to infinity still scores min(1, inf) = 1).
        t = np.where(by_target, targets, 1.0)
        higher_t = np.clip(x / t, 0.0, 1.0)
        lower_t = np.where(x > 0, np.minimum(1.0, t / np.where(x > 0, x, 1.0)), 1.0)
        target_scores = np.where(lower, lower_t, higher_t)
        # Min–max normalisation over the present values of each column.
        lo = np.where(present, raw, np.inf).min(axis=0)
        hi = np.where(present, raw, -np.inf).max(axis=0)
        # Halves, so that hi - lo cannot overflow for values near the float limits.
        half_lo, half_hi, half_x = lo / 2, hi / 2, x / 2
        span = half_hi - half_lo
        flat = ~(span > 0)  # all equal, single value or no value at all
        safe = np.where(flat, 1.0, span)
        up = (half_x - np.where(flat, 0.0, half_lo)) / safe
        down = (np.where(flat, 0.0, half_hi) - half_x) / safe
        minmax_scores = np.where(flat, 1.0, np.clip(np.where(lower, down, up), 0.0, 1.0))
    scores = np.where(by_target, target_scores, minmax_scores)
    return np.where(present, scores, 0.0)
