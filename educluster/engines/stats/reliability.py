"""Reliability of a questionnaire: Cronbach's alpha with Feldt's confidence interval."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats as sps

from ._validation import FloatArray, as_float_array, check_probability
from .errors import NonFiniteValueError, TooFewObservationsError, ZeroVarianceError

__all__ = ["CronbachAlpha", "cronbach_alpha"]


@dataclass(frozen=True, slots=True)
class CronbachAlpha:
    """Cronbach's alpha of ``n_items`` items over ``n_respondents`` complete responses.

    ``alpha_if_deleted[j]`` is alpha without item ``j`` (empty for two items; ``None`` where the
    remaining items' total has no spread). ``n_dropped`` responses had a missing (NaN) item.
    """

    alpha: float
    ci_low: float
    ci_high: float
    confidence: float
    n_respondents: int
    n_items: int
    n_dropped: int
    item_variances: tuple[float, ...]
    total_variance: float
    alpha_if_deleted: tuple[float | None, ...]


def cronbach_alpha(items: ArrayLike, *, confidence: float = 0.95) -> CronbachAlpha:
    """Cronbach's alpha of a respondents × items matrix, with Feldt's confidence interval.

    ``α = k/(k-1) · (1 - Σ s_j² / s_T²)`` where ``s_j²`` are the item variances and ``s_T²`` the
    variance of the respondents' total scores, all with ddof=1 (Cronbach 1951). Missing answers
    are NaN; a respondent with any missing item is dropped (listwise deletion). Feldt's interval
    (Feldt, Woodruff & Salih 1987, eq. 6): with ``F_p`` the p-quantile of
    ``F(n-1, (n-1)(k-1))``, ``[1 - (1-α)·F_{(1+c)/2},  1 - (1-α)·F_{(1-c)/2}]``.
    Alpha never exceeds 1 (Cauchy–Schwarz: ``s_T² ≤ k Σ s_j²``) but can be negative.

    Example:
        >>> r = cronbach_alpha([[3, 4, 3], [2, 3, 4], [4, 4, 5], [3, 2, 3], [4, 4, 4]])
        >>> (r.n_respondents, r.n_items, round(r.alpha, 4))
        (5, 3, 0.7326)
    """
    level = check_probability(confidence, name="confidence")
    matrix = as_float_array(items, field="items", ndim=2)
    infinite = np.isinf(matrix)
    if infinite.any():
        raise NonFiniteValueError(field="items", row=int(np.argwhere(infinite)[0][0]))
    n_items = int(matrix.shape[1])
    if n_items < 2:
        raise TooFewObservationsError(field="questionnaire items", n=n_items, minimum=2)
    complete = ~np.isnan(matrix).any(axis=1)
    data: FloatArray = matrix[complete]
    n = int(data.shape[0])
    if n < 2:
        raise TooFewObservationsError(field="complete responses", n=n, minimum=2)
    totals = data.sum(axis=1)
    if np.ptp(totals) == 0:
        raise ZeroVarianceError(field="total scores")
    item_variances = data.var(axis=0, ddof=1)
    total_variance = float(totals.var(ddof=1))
    alpha = _alpha(n_items, float(item_variances.sum()), total_variance)

    df1, df2 = n - 1, (n - 1) * (n_items - 1)
    upper_f = float(sps.f.ppf(0.5 + level / 2.0, df1, df2))
    lower_f = float(sps.f.ppf(0.5 - level / 2.0, df1, df2))

    if_deleted: list[float | None] = []
    if n_items > 2:
        for j in range(n_items):
            rest = totals - data[:, j]
            if np.ptp(rest) == 0:
                if_deleted.append(None)
                continue
            rest_items = float(item_variances.sum() - item_variances[j])
            if_deleted.append(_alpha(n_items - 1, rest_items, float(rest.var(ddof=1))))
    return CronbachAlpha(
        alpha=alpha,
        ci_low=1.0 - (1.0 - alpha) * upper_f,
        ci_high=1.0 - (1.0 - alpha) * lower_f,
        confidence=level,
        n_respondents=n,
        n_items=n_items,
        n_dropped=int(matrix.shape[0]) - n,
        item_variances=tuple(float(v) for v in item_variances),
        total_variance=total_variance,
        alpha_if_deleted=tuple(if_deleted),
    )


def _alpha(k: int, sum_item_variances: float, total_variance: float) -> float:
    # Rounding alone can push a perfectly consistent scale a hair above the bound of 1.
    return min(1.0, k / (k - 1) * (1.0 - sum_item_variances / total_variance))
