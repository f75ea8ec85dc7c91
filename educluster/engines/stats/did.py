"""Difference-in-differences with cluster-robust standard errors, computed in closed form.

The model ``score ~ 1 + treated + post + treated:post`` is saturated in the four cells
(control/treated × pre/post), so OLS reproduces the cell means and the interaction coefficient is
``(ȳ_T,post - ȳ_T,pre) - (ȳ_C,post - ȳ_C,pre)``. The cluster-robust (CR1) sandwich
``V = c · (X'X)⁻¹ (Σ_g X_g'e_g e_g'X_g) (X'X)⁻¹`` with ``c = G/(G-1) · (N-1)/(N-K)`` is assembled
from per-(cluster, cell) residual sums — one ``bincount`` instead of an N×K design matrix.
Inference uses Student's t with ``G - 1`` degrees of freedom (Cameron & Miller 2015, §VI), the
Stata convention; it equals statsmodels ``OLS(...).fit(cov_type="cluster", use_t=True)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import stats as sps

from ._validation import (
    FloatArray,
    as_float_array,
    check_finite,
    check_labels,
    check_probability,
)
from .errors import (
    InvalidCodeError,
    MismatchedLengthsError,
    TooFewClustersError,
    TooFewObservationsError,
    ZeroVarianceError,
)

__all__ = ["CellMeans", "DiDResult", "difference_in_differences"]

#: Below this many clusters in either arm the result carries the ``few_clusters`` warning.
DEFAULT_MIN_CLUSTERS = 10
_CELL_NAMES = ("control pre", "control post", "treated pre", "treated post")


@dataclass(frozen=True, slots=True)
class CellMeans:
    """Mean score and count of each of the four design cells."""

    control_pre: float
    control_post: float
    treated_pre: float
    treated_post: float
    n_control_pre: int
    n_control_post: int
    n_treated_pre: int
    n_treated_post: int


@dataclass(frozen=True, slots=True)
class DiDResult:
    """Interaction estimate of ``score ~ treated * post`` with cluster-robust inference.

    ``effect_size`` is Morris's (2008) ``d_ppc2``: the estimate divided by the pooled pre-test
    SD, times ``1 - 3/(4(n_T + n_C - 2) - 1)``; ``None`` when the pre-test has no spread.
    ``warnings`` holds machine-readable codes: ``few_clusters``, ``zero_pretest_variance``.
    """

    estimate: float
    se: float
    t: float
    df: int
    p_value: float
    ci_low: float
    ci_high: float
    confidence: float
    intercept: float
    treated_coef: float
    post_coef: float
    effect_size: float | None
    n_observations: int
    n_clusters: int
    n_clusters_treated: int
    n_clusters_control: int
    cells: CellMeans
    warnings: tuple[str, ...]

    @property
    def few_clusters(self) -> bool:
        """True when a cluster-robust SE rests on too few clusters to be trusted."""
        return "few_clusters" in self.warnings


def difference_in_differences(
    score: ArrayLike,
    treated: ArrayLike,
    post: ArrayLike,
    cluster: ArrayLike,
    *,
    confidence: float = 0.95,
    min_clusters: int = DEFAULT_MIN_CLUSTERS,
) -> DiDResult:
    """Difference-in-differences of treated vs control × post vs pre, clustered by ``cluster``.

    One row per observation: ``score``, ``treated`` (0/1), ``post`` (0/1) and ``cluster`` (any
    hashable label: class or school). Estimate ``β₃`` of ``score ~ treated + post + treated:post``
    (Angrist & Pischke 2009, §5.2), CR1 cluster-robust SE, ``t = β₃/SE``, ``df = G - 1``, CI
    ``β₃ ± t_{(1+c)/2,G-1}·SE``. Needs two observations in every cell and two clusters in each
    arm; warns (``few_clusters``) when either arm has fewer than ``min_clusters`` clusters, where
    cluster-robust inference is known to over-reject (Cameron, Gelbach & Miller 2008).

    Example:
        >>> r = difference_in_differences(
        ...     [10, 12, 11, 13, 20, 22, 21, 25, 10, 11, 12, 12, 15, 16, 14, 17],
        ...     [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1],
        ...     [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1],
        ...     [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4], min_clusters=2)
        >>> (r.estimate, r.n_clusters, r.df)
        (-0.75, 4, 3)
    """
    level = check_probability(confidence, name="confidence")
    y = as_float_array(score, field="score")
    n = int(y.size)
    codes: dict[str, NDArray[np.int64]] = {}
    for name, values in (("treated", treated), ("post", post)):
        array = np.asarray(values)
        if array.ndim != 1 or array.size != n:
            raise MismatchedLengthsError(field=name, length=int(array.size), expected=n)
        valid = (array == 0) | (array == 1)
        if not valid.all():
            row = int(np.flatnonzero(~valid)[0])
            raise InvalidCodeError(field=name, row=row, value=array[row].item(), allowed=(0, 1))
        codes[name] = array.astype(np.int64)
    labels = np.asarray(cluster)
    if labels.ndim != 1 or labels.size != n:
        raise MismatchedLengthsError(field="cluster", length=int(labels.size), expected=n)
    check_labels(labels, field="cluster")
    check_finite(y, field="score")
    _, cluster_codes = np.unique(labels, return_inverse=True)
    cell = 2 * codes["treated"] + codes["post"]
    return did_arrays(y, cell, cluster_codes.astype(np.int64), level, min_clusters, "")


def did_arrays(
    y: FloatArray,
    cell: NDArray[np.int64],
    cluster: NDArray[np.int64],
    level: float,
    min_clusters: int,
    context: str,
) -> DiDResult:
    """:func:`difference_in_differences` on validated arrays.

    ``cell = 2·treated + post``; ``cluster`` holds codes ``0..G-1`` (unused codes allowed);
    ``context`` (e.g. " (pre vs post)") is appended to field names in error messages.
    """
    n = int(y.size)
    counts = np.bincount(cell, minlength=4).astype(np.float64)
    for index, cell_count in enumerate(counts):
        if cell_count < 2:
            raise TooFewObservationsError(
                field=f"the {_CELL_NAMES[index]} cell{context}", n=int(cell_count), minimum=2
            )
    means = np.bincount(cell, weights=y, minlength=4) / counts
    resid = y - means[cell]
    constant = [bool(np.ptp(y[cell == index]) == 0) for index in range(4)]
    if all(constant):
        raise ZeroVarianceError(field=f"the scores within every design cell{context}")

    n_codes = int(cluster.max()) + 1
    # Residual sums per (cluster, cell): every cluster's score vector X_g'e_g is a sum of these.
    sums = np.bincount(cluster * 4 + cell, weights=resid, minlength=4 * n_codes).reshape(-1, 4)
    present = np.bincount(cluster * 4 + cell, minlength=4 * n_codes).reshape(-1, 4) > 0
    in_treated = present[:, 2:].any(axis=1)
    in_control = present[:, :2].any(axis=1)
    used = in_treated | in_control
    n_clusters = int(used.sum())
    n_treated, n_control = int(in_treated.sum()), int(in_control.sum())
    for arm, count in (("treated", n_treated), ("control", n_control)):
        if count < 2:
            raise TooFewClustersError(
                field=f"the {arm} group{context}", n_clusters=count, minimum=2
            )
    sums = sums[used]
    # Columns of X: 1, treated, post, treated·post; cells: 0=C pre, 1=C post, 2=T pre, 3=T post.
    scores = np.column_stack(
        (sums.sum(axis=1), sums[:, 2] + sums[:, 3], sums[:, 1] + sums[:, 3], sums[:, 3])
    )
    meat = scores.T @ scores
    n_c, n_t, n_p, n_tp = counts.sum(), counts[2] + counts[3], counts[1] + counts[3], counts[3]
    xtx = np.array(
        [[n_c, n_t, n_p, n_tp], [n_t, n_t, n_tp, n_tp], [n_p, n_tp, n_p, n_tp], [n_tp] * 4]
    )
    bread = np.linalg.inv(xtx)
    k = 4
    factor = n_clusters / (n_clusters - 1) * (n - 1) / (n - k)
    variance = factor * float((bread @ meat @ bread)[3, 3])
    scale = math.sqrt(float(np.sum(np.square(resid))) / n)
    if not variance > (1e-13 * scale) ** 2:
        raise ZeroVarianceError(field=f"the class-level residuals{context}")
    se = math.sqrt(variance)
    estimate = float(means[3] - means[2] - means[1] + means[0])
    t = estimate / se
    df = n_clusters - 1
    half = float(sps.t.ppf(0.5 + level / 2.0, df)) * se

    ss = np.bincount(cell, weights=np.square(resid), minlength=4)
    n_pre = counts[0] + counts[2]
    pooled_pre_sd = math.sqrt(float(ss[0] + ss[2]) / (n_pre - 2))
    warnings: list[str] = []
    if min(n_treated, n_control) < min_clusters:
        warnings.append("few_clusters")
    effect_size: float | None = None
    if constant[0] and constant[2]:
        warnings.append("zero_pretest_variance")
    else:
        effect_size = float((1.0 - 3.0 / (4.0 * (n_pre - 2) - 1.0)) * estimate / pooled_pre_sd)
    return DiDResult(
        estimate=estimate,
        se=se,
        t=t,
        df=df,
        p_value=float(2.0 * sps.t.sf(abs(t), df)),
        ci_low=estimate - half,
        ci_high=estimate + half,
        confidence=level,
        intercept=float(means[0]),
        treated_coef=float(means[2] - means[0]),
        post_coef=float(means[1] - means[0]),
        effect_size=effect_size,
        n_observations=n,
        n_clusters=n_clusters,
        n_clusters_treated=n_treated,
        n_clusters_control=n_control,
        cells=CellMeans(
            control_pre=float(means[0]),
            control_post=float(means[1]),
            treated_pre=float(means[2]),
            treated_post=float(means[3]),
            n_control_pre=int(counts[0]),
            n_control_post=int(counts[1]),
            n_treated_pre=int(counts[2]),
            n_treated_post=int(counts[3]),
        ),
        warnings=tuple(warnings),
    )
