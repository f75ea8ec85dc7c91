"""Vectorised building blocks shared by the index and the sensitivity analysis (private)."""

from __future__ import annotations

import numpy as np
from scipy.stats import rankdata

from .inputs import MissingPolicy
from .validation import BoolArray, FloatArray, Problem

# Indices closer than this are the same index: ranking must not depend on float noise from
# the order of summation (order invariance), so ranks are taken on rounded values.
RANK_DECIMALS = 12
COVERAGE_TOLERANCE = 1e-12


def denominator_mask(problem: Problem, policy: MissingPolicy) -> BoolArray:
    """Which indicators share a unit's weight: all applicable ones ("zero") or present ones."""
    return problem.applicable if policy.method == "zero" else problem.present


def coverage(problem: Problem) -> FloatArray:
    """Weighted share of each unit's applicable indicators that have a value (base weights)."""
    w = problem.weights
    return (problem.present * w).sum(axis=1) / (problem.applicable * w).sum(axis=1)


def included(problem: Problem, policy: MissingPolicy, cover: FloatArray) -> BoolArray:
    """Units that get an index under the policy (decided with the base weights)."""
    has_weight = (problem.present * problem.weights).sum(axis=1) > 0
    if policy.method == "zero":
        return np.ones(cover.shape, dtype=bool)
    if policy.method == "exclude_unit":
        return has_weight & (cover >= policy.min_coverage - COVERAGE_TOLERANCE)
    return has_weight


def indices(scores: FloatArray, mask: BoolArray, weights: FloatArray) -> FloatArray:
    """Index of every unit for every weight vector: one matrix multiply per side.

    ``weights`` is ``m`` (one vector) or ``d × m`` (draws); the result is ``n`` or ``n × d``:
    ``I = (S @ Wᵀ) / (M @ Wᵀ)`` with ``S`` the scores (0 where missing) and ``M`` the indicators
    that share the weight. Units with a zero denominator get NaN.
    """
    numerator = scores @ weights.T
    denominator = mask.astype(np.float64) @ weights.T
    with np.errstate(divide="ignore", invalid="ignore"):
        result = np.where(denominator > 0, numerator / denominator, np.nan)
    return np.clip(result, 0.0, 1.0)


def rank_desc(values: FloatArray, ties: str) -> FloatArray:
    """Rank 1 = highest value, along axis 0; ties by ``"min"`` (1, 2, 2, 4) or ``"average"``."""
    rounded = np.round(values, RANK_DECIMALS)
    ranked: FloatArray = rankdata(-rounded, method=ties, axis=0).astype(np.float64)
    return ranked
