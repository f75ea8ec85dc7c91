"""Descriptive statistics of one sample of scores."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats as sps

from ._validation import FloatArray, as_sample, check_probability

__all__ = ["Descriptives", "describe"]


@dataclass(frozen=True, slots=True)
class Descriptives:
    """Summary of one sample; ``sd`` uses ddof=1, quartiles use linear interpolation."""

    n: int
    mean: float
    sd: float
    se: float
    median: float
    q1: float
    q3: float
    iqr: float
    minimum: float
    maximum: float
    ci_low: float
    ci_high: float
    confidence: float


def describe(values: ArrayLike, *, confidence: float = 0.95) -> Descriptives:
    """Describe a sample: n, mean, SD, SE, quartiles, range and a t-interval for the mean.

    Formulas: ``sd = sqrt(Σ(x - x̄)² / (n - 1))``, ``se = sd / √n``, confidence interval
    ``x̄ ± t_{(1+c)/2, n-1} · se`` (Student 1908). Quartiles use linear interpolation between
    order statistics (Hyndman & Fan 1996, type 7 — the default of R, NumPy and spreadsheet
    ``QUARTILE.INC``).

    Needs at least two values (the SD is undefined otherwise); a constant sample is allowed and
    gives ``sd = 0`` and a zero-width interval.

    Example:
        >>> d = describe([2, 4, 4, 4, 5, 5, 7, 9])
        >>> (d.n, d.mean, round(d.sd, 4), d.median)
        (8, 5.0, 2.1381, 4.5)
    """
    level = check_probability(confidence, name="confidence")
    return describe_array(as_sample(values, field="values", minimum=2), level)


def describe_array(x: FloatArray, confidence: float) -> Descriptives:
    """:func:`describe` without validation (``x`` finite, ``len(x) >= 2``)."""
    n = int(x.size)
    mean = float(np.mean(x))
    # Two-pass variance: subtracting the mean first keeps precision for large offsets.
    sd = float(np.sqrt(np.sum(np.square(x - mean)) / (n - 1)))
    se = sd / math.sqrt(n)
    q1, median, q3 = (float(q) for q in np.percentile(x, (25.0, 50.0, 75.0)))
    half = float(sps.t.ppf(0.5 + confidence / 2.0, n - 1)) * se
    return Descriptives(
        n=n,
        mean=mean,
        sd=sd,
        se=se,
        median=median,
        q1=q1,
        q3=q3,
        iqr=q3 - q1,
        minimum=float(np.min(x)),
        maximum=float(np.max(x)),
        ci_low=mean - half,
        ci_high=mean + half,
        confidence=confidence,
    )
