"""Two independent groups: Welch's t-test, Mann–Whitney U and Hedges' g.

Throughout, ``x`` is the first group (in a study: experimental) and ``y`` the second (control);
differences are ``x - y``, so a positive estimate favours ``x``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats as sps

from ._ranks import midranks
from ._validation import FloatArray, as_sample, check_probability
from .errors import InvalidParameterError, TooFewObservationsError, ZeroVarianceError

__all__ = [
    "HedgesG",
    "MannWhitneyTest",
    "WelchTest",
    "hedges_g",
    "hedges_g_from_summary",
    "mann_whitney_u",
    "welch_t_test",
]

Method = Literal["auto", "exact", "asymptotic"]


@dataclass(frozen=True, slots=True)
class WelchTest:
    """Welch's unequal-variance t-test of ``mean(x) - mean(y)``."""

    n_x: int
    n_y: int
    mean_x: float
    mean_y: float
    difference: float
    se: float
    t: float
    df: float
    p_value: float
    ci_low: float
    ci_high: float
    confidence: float


@dataclass(frozen=True, slots=True)
class MannWhitneyTest:
    """Two-sided Mann–Whitney U test; ``u_x`` counts pairs with x > y (ties count ½)."""

    n_x: int
    n_y: int
    u_x: float
    u_y: float
    z: float | None
    p_value: float
    method: Literal["exact", "asymptotic"]
    rank_biserial: float
    probability_of_superiority: float


@dataclass(frozen=True, slots=True)
class HedgesG:
    """Standardised mean difference with small-sample correction and a normal-theory CI."""

    n_x: int
    n_y: int
    difference: float
    pooled_sd: float
    d: float
    j: float
    g: float
    se: float
    ci_low: float
    ci_high: float
    confidence: float


def welch_t_test(x: ArrayLike, y: ArrayLike, *, confidence: float = 0.95) -> WelchTest:
    """Welch's t-test (two-sided) with a confidence interval for ``mean(x) - mean(y)``.

    ``se = √(s_x²/n_x + s_y²/n_y)``, ``t = (x̄ - ȳ) / se``, Welch–Satterthwaite
    ``df = se⁴ / ((s_x²/n_x)²/(n_x-1) + (s_y²/n_y)²/(n_y-1))``; CI ``(x̄ - ȳ) ± t_{(1+c)/2,df}·se``
    (Welch 1947; Satterthwaite 1946).

    Example:
        >>> r = welch_t_test([19.0, 22.0, 16.0, 29.0, 24.0], [20.0, 11.0, 17.0, 12.0])
        >>> (round(r.t, 4), round(r.df, 2))
        (2.2831, 6.93)
    """
    level = check_probability(confidence, name="confidence")
    return welch_arrays(as_sample(x, field="x"), as_sample(y, field="y"), level, "x", "y")


def welch_arrays(x: FloatArray, y: FloatArray, level: float, x_name: str, y_name: str) -> WelchTest:
    """:func:`welch_t_test` on validated arrays; the names go into error messages."""
    n_x, n_y = int(x.size), int(y.size)
    if np.ptp(x) == 0 and np.ptp(y) == 0:
        raise ZeroVarianceError(field=f"{x_name} and {y_name}")
    mean_x, mean_y = float(np.mean(x)), float(np.mean(y))
    v_x = float(np.sum(np.square(x - mean_x))) / (n_x - 1) / n_x
    v_y = float(np.sum(np.square(y - mean_y))) / (n_y - 1) / n_y
    se = math.sqrt(v_x + v_y)
    df = (v_x + v_y) ** 2 / (v_x**2 / (n_x - 1) + v_y**2 / (n_y - 1))
    difference = mean_x - mean_y
    t = difference / se
    half = float(sps.t.ppf(0.5 + level / 2.0, df)) * se
    return WelchTest(
        n_x=n_x,
        n_y=n_y,
        mean_x=mean_x,
        mean_y=mean_y,
        difference=difference,
        se=se,
        t=t,
        df=df,
        p_value=float(2.0 * sps.t.sf(abs(t), df)),
        ci_low=difference - half,
        ci_high=difference + half,
        confidence=level,
    )


def mann_whitney_u(x: ArrayLike, y: ArrayLike, *, method: Method = "auto") -> MannWhitneyTest:
    """Two-sided Mann–Whitney U test with rank-biserial correlation.

    ``U_x = R_x - n_x(n_x+1)/2`` where ``R_x`` is the sum of x's mid-ranks in the pooled sample.
    Asymptotic p: ``z = (U_x - n_x n_y/2 ∓ ½) / σ`` with the tie-corrected
    ``σ² = n_x n_y/12 · ((N+1) - Σ(t³-t)/(N(N-1)))`` (continuity correction towards the mean;
    Mann & Whitney 1947; Lehmann 1975, §1.4). ``method="auto"`` uses the exact null distribution
    (SciPy) when the smaller sample has at most 8 values and there are no ties — SciPy's own rule.
    Rank-biserial ``r = 2U_x/(n_x n_y) - 1`` (Wendt 1972; Kerby 2014), positive when x tends to
    be larger; probability of superiority ``U_x/(n_x n_y)`` (McGraw & Wong 1992).

    Example:
        >>> r = mann_whitney_u([0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46],
        ...                    [1.15, 0.88, 0.90, 0.74, 1.21])
        >>> (r.u_x, round(r.p_value, 4), r.method)
        (35.0, 0.2544, 'exact')
    """
    if method not in ("auto", "exact", "asymptotic"):
        raise InvalidParameterError(
            name="method", value=method, reason="it must be auto, exact or asymptotic"
        )
    return mann_whitney_arrays(
        as_sample(x, field="x", minimum=1), as_sample(y, field="y", minimum=1), method, "x", "y"
    )


def mann_whitney_arrays(
    x: FloatArray, y: FloatArray, method: Method, x_name: str, y_name: str
) -> MannWhitneyTest:
    """:func:`mann_whitney_u` on validated arrays; the names go into error messages."""
    n_x, n_y = int(x.size), int(y.size)
    n = n_x + n_y
    ranks, ties, distinct = midranks(np.concatenate((x, y)))
    rank_sum = float(np.sum(ranks[:n_x]))
    u_x = rank_sum - n_x * (n_x + 1) / 2.0
    u_y = n_x * n_y - u_x
    chosen = method
    if method == "auto":
        chosen = "exact" if min(n_x, n_y) <= 8 and ties == 0 else "asymptotic"
    elif method == "exact" and ties > 0:
        raise InvalidParameterError(
            name="method", value=method, reason="the exact distribution assumes no tied values"
        )
    z: float | None = None
    if chosen == "exact":
        p_value = float(sps.mannwhitneyu(x, y, alternative="two-sided", method="exact").pvalue)
    else:
        if distinct == 1:
            raise ZeroVarianceError(field=f"{x_name} and {y_name}")
        variance = n_x * n_y / 12.0 * ((n + 1) - ties / (n * (n - 1)))
        deviation = u_x - n_x * n_y / 2.0
        z = math.copysign(max(abs(deviation) - 0.5, 0.0), deviation) / math.sqrt(variance)
        p_value = min(1.0, float(2.0 * sps.norm.sf(abs(z))))
    superiority = u_x / (n_x * n_y)
    return MannWhitneyTest(
        n_x=n_x,
        n_y=n_y,
        u_x=u_x,
        u_y=u_y,
        z=z,
        p_value=p_value,
        method="exact" if chosen == "exact" else "asymptotic",
        rank_biserial=2.0 * superiority - 1.0,
        probability_of_superiority=superiority,
    )


def hedges_g(x: ArrayLike, y: ArrayLike, *, confidence: float = 0.95) -> HedgesG:
    """Hedges' g for ``x`` versus ``y`` with a confidence interval.

    Pooled ``s_p = √(((n_x-1)s_x² + (n_y-1)s_y²) / (n_x+n_y-2))``, ``d = (x̄ - ȳ)/s_p``,
    ``J = 1 - 3/(4·df - 1)`` with ``df = n_x+n_y-2``, ``g = J·d``. Variance (Borenstein, Hedges,
    Higgins & Rothstein 2009, *Introduction to Meta-Analysis*, eqs. 4.20 and 4.24–4.25):
    ``V_d = (n_x+n_y)/(n_x n_y) + d²/(2(n_x+n_y))``, ``SE_g² = J²·V_d``;
    CI ``g ± z_{(1+c)/2}·SE_g``.

    Example:
        >>> r = hedges_g([5.0, 6.0, 7.0, 8.0], [4.0, 5.0, 6.0, 7.0])
        >>> (round(r.d, 4), round(r.g, 4))
        (0.7746, 0.6736)
    """
    level = check_probability(confidence, name="confidence")
    return hedges_arrays(as_sample(x, field="x"), as_sample(y, field="y"), level, "x", "y")


def hedges_arrays(x: FloatArray, y: FloatArray, level: float, x_name: str, y_name: str) -> HedgesG:
    """:func:`hedges_g` on validated arrays; the names go into error messages."""
    if np.ptp(x) == 0 and np.ptp(y) == 0:
        raise ZeroVarianceError(field=f"{x_name} and {y_name}")
    mean_x, mean_y = float(np.mean(x)), float(np.mean(y))
    ss_x = float(np.sum(np.square(x - mean_x)))
    ss_y = float(np.sum(np.square(y - mean_y)))
    return _hedges(mean_x, ss_x, int(x.size), mean_y, ss_y, int(y.size), level)


def hedges_g_from_summary(
    mean_x: float,
    sd_x: float,
    n_x: int,
    mean_y: float,
    sd_y: float,
    n_y: int,
    *,
    confidence: float = 0.95,
) -> HedgesG:
    """Hedges' g from published group summaries (means, SDs with ddof=1, sizes).

    Same formulas as :func:`hedges_g`. Example (Borenstein et al. 2009, §4, worked example):
        >>> r = hedges_g_from_summary(103.0, 5.5, 50, 100.0, 4.5, 50)
        >>> (round(r.d, 4), round(r.g, 4), round(r.se**2, 4))
        (0.597, 0.5924, 0.0411)
    """
    level = check_probability(confidence, name="confidence")
    for name, n in (("n_x", n_x), ("n_y", n_y)):
        if int(n) != n or n < 2:
            raise TooFewObservationsError(field=name, n=int(n), minimum=2)
    for name, value in (("mean_x", mean_x), ("sd_x", sd_x), ("mean_y", mean_y), ("sd_y", sd_y)):
        if not math.isfinite(value) or (name.startswith("sd") and value < 0):
            raise InvalidParameterError(
                name=name, value=value, reason="it must be a finite number (SDs non-negative)"
            )
    if sd_x == 0 and sd_y == 0:
        raise ZeroVarianceError(field="x and y")
    ss_x, ss_y = (int(n_x) - 1) * sd_x**2, (int(n_y) - 1) * sd_y**2
    return _hedges(mean_x, ss_x, int(n_x), mean_y, ss_y, int(n_y), level)


def _hedges(
    mean_x: float, ss_x: float, n_x: int, mean_y: float, ss_y: float, n_y: int, level: float
) -> HedgesG:
    df = n_x + n_y - 2
    pooled_sd = math.sqrt((ss_x + ss_y) / df)
    difference = mean_x - mean_y
    d = difference / pooled_sd
    j = 1.0 - 3.0 / (4.0 * df - 1.0)
    g = j * d
    se = j * math.sqrt((n_x + n_y) / (n_x * n_y) + d * d / (2.0 * (n_x + n_y)))
    half = float(sps.norm.ppf(0.5 + level / 2.0)) * se
    return HedgesG(
        n_x=n_x,
        n_y=n_y,
        difference=difference,
        pooled_sd=pooled_sd,
        d=d,
        j=j,
        g=g,
        se=se,
        ci_low=g - half,
        ci_high=g + half,
        confidence=level,
    )
