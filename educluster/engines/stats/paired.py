"""Paired (pre/post) comparison of the same pupils: paired t-test, Wilcoxon signed-rank, d_z."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats as sps

from ._ranks import midranks
from ._validation import FloatArray, as_float_array, check_finite, check_probability
from .errors import MismatchedWavesError, TooFewObservationsError, ZeroVarianceError

__all__ = ["PairedComparison", "WilcoxonSignedRank", "paired_comparison"]

#: Largest number of differences for which the exact signed-rank distribution is used.
EXACT_WILCOXON_MAX_N = 50


@dataclass(frozen=True, slots=True)
class WilcoxonSignedRank:
    """Two-sided Wilcoxon signed-rank test of the differences (zeros dropped)."""

    n_nonzero: int
    w_plus: float
    w_minus: float
    z: float | None
    p_value: float
    method: Literal["exact", "asymptotic"]
    rank_biserial: float


@dataclass(frozen=True, slots=True)
class PairedComparison:
    """Paired t-test of ``after - before`` with its CI and the paired effect size d_z."""

    n: int
    mean_before: float
    mean_after: float
    mean_difference: float
    sd_difference: float
    se: float
    t: float
    df: int
    p_value: float
    ci_low: float
    ci_high: float
    confidence: float
    d_z: float
    wilcoxon: WilcoxonSignedRank | None


def paired_comparison(
    before: ArrayLike,
    after: ArrayLike,
    *,
    confidence: float = 0.95,
    wilcoxon: bool = True,
) -> PairedComparison:
    """Compare two measurements of the same pupils (``before[i]`` and ``after[i]`` pair up).

    With ``D = after - before``: ``t = D̄ / (s_D/√n)``, ``df = n - 1``, CI
    ``D̄ ± t_{(1+c)/2,n-1}·s_D/√n`` (Student 1908); ``d_z = D̄ / s_D`` (Cohen 1988, §2.3.5).
    Wilcoxon signed-rank (Wilcoxon 1945): zero differences dropped, ``W+`` = sum of mid-ranks
    of ``|D|`` for positive ``D``; exact null distribution (SciPy) when there are at most 50
    differences, none zero and none tied (R's ``wilcox.test`` rule), otherwise the normal
    approximation with tie correction
    ``σ² = n(n+1)(2n+1)/24 - Σ(t³-t)/48`` and a continuity correction of ½. Matched-pairs
    rank-biserial ``(W+ - W-)/(W+ + W-)`` (Kerby 2014).

    Example (Student's sleep data, Cushny & Peebles 1905):
        >>> r = paired_comparison([0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0],
        ...                       [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4])
        >>> (round(r.mean_difference, 2), round(r.t, 4), r.df, round(r.p_value, 6))
        (1.58, 4.0621, 9, 0.002833)
    """
    level = check_probability(confidence, name="confidence")
    x = as_float_array(before, field="before")
    y = as_float_array(after, field="after")
    if x.size != y.size:
        raise MismatchedWavesError(
            field="before and after",
            reason=f"{x.size} values before but {y.size} after; each pupil needs both",
        )
    check_finite(x, field="before")
    check_finite(y, field="after")
    if x.size < 2:
        raise TooFewObservationsError(field="pairs", n=int(x.size), minimum=2)
    return paired_arrays(x, y, level, wilcoxon, "score change")


def paired_arrays(
    before: FloatArray, after: FloatArray, level: float, wilcoxon: bool, name: str
) -> PairedComparison:
    """:func:`paired_comparison` on validated arrays; ``name`` goes into error messages."""
    diff = after - before
    n = int(diff.size)
    if np.ptp(diff) == 0:
        raise ZeroVarianceError(field=name)
    mean_diff = float(np.mean(diff))
    sd = float(np.sqrt(np.sum(np.square(diff - mean_diff)) / (n - 1)))
    se = sd / math.sqrt(n)
    t = mean_diff / se
    half = float(sps.t.ppf(0.5 + level / 2.0, n - 1)) * se
    return PairedComparison(
        n=n,
        mean_before=float(np.mean(before)),
        mean_after=float(np.mean(after)),
        mean_difference=mean_diff,
        sd_difference=sd,
        se=se,
        t=t,
        df=n - 1,
        p_value=float(2.0 * sps.t.sf(abs(t), n - 1)),
        ci_low=mean_diff - half,
        ci_high=mean_diff + half,
        confidence=level,
        d_z=mean_diff / sd,
        wilcoxon=_signed_rank(diff) if wilcoxon else None,
    )


def _signed_rank(diff: FloatArray) -> WilcoxonSignedRank | None:
    nonzero = diff[diff != 0]
    n = int(nonzero.size)
    if n == 0:
        return None
    ranks, ties, _ = midranks(np.abs(nonzero))
    w_plus = float(np.sum(ranks[nonzero > 0]))
    total = n * (n + 1) / 2.0
    w_minus = total - w_plus
    z: float | None = None
    if n <= EXACT_WILCOXON_MAX_N and ties == 0 and n == diff.size:
        method: Literal["exact", "asymptotic"] = "exact"
        p_value = float(sps.wilcoxon(nonzero, method="exact").pvalue)
    else:
        method = "asymptotic"
        sigma = math.sqrt(n * (n + 1) * (2 * n + 1) / 24.0 - ties / 48.0)
        deviation = w_plus - total / 2.0
        z = math.copysign(max(abs(deviation) - 0.5, 0.0), deviation) / sigma
        p_value = min(1.0, float(2.0 * sps.norm.sf(abs(z))))
    return WilcoxonSignedRank(
        n_nonzero=n,
        w_plus=w_plus,
        w_minus=w_minus,
        z=z,
        p_value=p_value,
        method=method,
        rank_biserial=(w_plus - w_minus) / total,
    )
