"""Sensitivity of the ranking to the weights: how far ranks move when the weights are perturbed.

Perturbation (chosen over a Dirichlet): each draw multiplies every base weight by an
independent factor ``u_j ~ Uniform(1 - spread, 1 + spread)``, ``0 <= spread < 1``; the index
renormalises the perturbed weights for each unit exactly as :func:`compute_index` does, so
only their ratios matter. ``spread = 0`` reproduces the base ranking in every draw; a weight of
0 stays 0. Scores, coverage and the set of excluded units are those of the base computation.

For all ``d`` draws at once the indices are ``(S @ Wᵀ) / (M @ Wᵀ)`` (``n × d``, two matrix
multiplies), then ranked per draw. Reported per unit, overall and within its kind: the median
rank, the P5–P95 band (quantiles by the inverted CDF, so they are ranks that occurred), the
minimum and maximum, the probability of being in the top ``k`` and of keeping the base rank;
for the whole ranking, Spearman's ρ between each draw's ranks and the base ranks (Pearson
correlation of average ranks), summarised by its median, P5 and minimum.

Reference: Saisana, Saltelli & Tarantola (2005), "Uncertainty and sensitivity analysis
techniques as tools for the quality assessment of composite indicators", J. R. Stat. Soc. A
168(2), 307–323.

Example:
    >>> from educluster.engines.effectiveness import IndicatorSpec, Unit, sensitivity
    >>> specs = [IndicatorSpec(code, normalisation="minmax") for code in ("a", "b")]
    >>> units = [Unit(1, values={"a": 1, "b": 0}), Unit(2, values={"a": 0.2, "b": 1}),
    ...          Unit(3, values={"a": 0, "b": 0})]
    >>> result = sensitivity(specs, units, draws=200, seed=1, spread=0.5, top_k=1)
    >>> [(u.id, u.base_rank, u.overall.rank_min, u.overall.rank_max) for u in result.units]
    [(1, 2.0, 1.0, 2.0), (2, 1.0, 1.0, 2.0), (3, 3.0, 3.0, 3.0)]
    >>> result.unit(2).overall.p_top_k  # unit 2 leads in 71.5 % of the draws
    0.715
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ._core import coverage, denominator_mask, included, indices, rank_desc
from .errors import InvalidParameterError
from .index import ENGINE_VERSION, Ties, _check_ties
from .inputs import IndicatorSpec, MissingPolicy, Unit, UnitId
from .normalise import normalise
from .validation import FloatArray, check_policy, prepare

__all__ = ["RankBand", "SensitivityResult", "UnitSensitivity", "sensitivity"]

MAX_DRAWS = 100_000


@dataclass(frozen=True, slots=True)
class RankBand:
    """How one unit's rank (overall or within kind) is distributed over the draws."""

    base: float
    median: float
    p5: float
    p95: float
    rank_min: float
    rank_max: float
    p_top_k: float
    p_same_rank: float


@dataclass(frozen=True, slots=True)
class UnitSensitivity:
    """One unit's rank bands; ``None`` for a unit that the policy excluded."""

    id: UnitId
    kind: str
    base_index: float | None
    overall: RankBand | None
    in_kind: RankBand | None

    @property
    def base_rank(self) -> float | None:
        """The unit's rank with the base weights."""
        return None if self.overall is None else self.overall.base


@dataclass(frozen=True, slots=True)
class SensitivityResult:
    """Rank bands per unit (caller's order) and Spearman ρ of perturbed vs base ranking."""

    units: tuple[UnitSensitivity, ...]
    draws: int
    spread: float
    seed: int | None
    top_k: int
    spearman_median: float | None
    spearman_p5: float | None
    spearman_min: float | None
    policy: MissingPolicy
    ties: Ties
    version: str = ENGINE_VERSION

    def unit(self, unit_id: UnitId) -> UnitSensitivity:
        """The bands of the unit with ``unit_id`` (``KeyError`` if absent)."""
        for item in self.units:
            if item.id == unit_id:
                return item
        raise KeyError(unit_id)


def _quantile(values: NDArray[np.float64], q: float) -> NDArray[np.float64]:
    result: NDArray[np.float64] = np.quantile(values, q, axis=1, method="inverted_cdf")
    return result


def _bands(base: FloatArray, ranks: FloatArray, top_k: int) -> list[RankBand]:
    median, p5, p95 = (_quantile(ranks, q) for q in (0.5, 0.05, 0.95))
    low, high = ranks.min(axis=1), ranks.max(axis=1)
    top = (ranks <= top_k).mean(axis=1)
    same = (ranks == base[:, None]).mean(axis=1)
    return [
        RankBand(
            base=float(base[i]),
            median=float(median[i]),
            p5=float(p5[i]),
            p95=float(p95[i]),
            rank_min=float(low[i]),
            rank_max=float(high[i]),
            p_top_k=float(top[i]),
            p_same_rank=float(same[i]),
        )
        for i in range(base.size)
    ]


def _spearman(base: FloatArray, draws: FloatArray) -> FloatArray | None:
    """Spearman ρ of each column of ``draws`` (n × d index values) against ``base`` (n)."""
    if base.size < 2:
        return None
    x = rank_desc(base, "average")
    y = rank_desc(draws, "average")
    x = x - x.mean()
    y = y - y.mean(axis=0)
    denominator = math.sqrt(float(x @ x)) * np.sqrt((y * y).sum(axis=0))
    if not (denominator > 0).all():
        return None
    rho: FloatArray = (x @ y) / denominator
    return rho


def _check(draws: int, spread: float, top_k: int) -> None:
    if isinstance(draws, bool) or not isinstance(draws, int) or not 1 <= draws <= MAX_DRAWS:
        raise InvalidParameterError(
            name="draws", value=draws, reason=f"it must be an integer from 1 to {MAX_DRAWS}"
        )
    if not isinstance(spread, int | float) or not 0.0 <= spread < 1.0:
        raise InvalidParameterError(
            name="spread", value=spread, reason="it must be at least 0 and below 1"
        )
    if isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 1:
        raise InvalidParameterError(name="top_k", value=top_k, reason="it must be 1 or more")


def sensitivity(
    specs: Sequence[IndicatorSpec],
    units: Sequence[Unit],
    *,
    policy: MissingPolicy | None = None,
    draws: int = 1000,
    seed: int | np.random.Generator | None = 0,
    spread: float = 0.25,
    top_k: int = 10,
    ties: Ties = "min",
) -> SensitivityResult:
    """Perturb the weights ``draws`` times and report how the ranks move (deterministic per seed).

    ``seed`` is an integer (or a ``numpy.random.Generator`` the caller owns); indicators and
    units are processed in a canonical order, so the result does not depend on input order.
    """
    policy = MissingPolicy.renormalise() if policy is None else policy
    check_policy(policy)
    _check_ties(ties)
    _check(draws, spread, top_k)
    problem = prepare(specs, units)
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    scores = normalise(
        problem.raw,
        problem.present,
        lower=problem.lower,
        by_target=problem.by_target,
        targets=problem.targets,
    )
    mask = denominator_mask(problem, policy)
    keep = included(problem, policy, coverage(problem))
    base = indices(scores, mask, problem.weights)
    factors = rng.uniform(1.0 - spread, 1.0 + spread, size=(draws, problem.weights.size))
    perturbed = indices(scores[keep], mask[keep], factors * problem.weights)  # n_kept × d

    kept = np.flatnonzero(keep)
    base_kept = base[keep]
    overall = _bands(rank_desc(base_kept, ties), rank_desc(perturbed, ties), top_k)
    kinds = np.array([problem.units[i].kind for i in kept], dtype=object)
    in_kind: dict[int, RankBand] = {}
    for kind in set(kinds.tolist()):
        rows = np.flatnonzero(kinds == kind)
        bands = _bands(rank_desc(base_kept[rows], ties), rank_desc(perturbed[rows], ties), top_k)
        in_kind.update(zip(rows.tolist(), bands, strict=True))
    rho = _spearman(base_kept, perturbed)

    position = {int(i): k for k, i in enumerate(kept)}
    by_key: dict[tuple[str, UnitId], UnitSensitivity] = {}
    for i, unit in enumerate(problem.units):
        k = position.get(i)
        by_key[(type(unit.id).__name__, unit.id)] = UnitSensitivity(
            id=unit.id,
            kind=unit.kind,
            base_index=None if k is None else float(base_kept[k]),
            overall=None if k is None else overall[k],
            in_kind=None if k is None else in_kind[k],
        )
    return SensitivityResult(
        units=tuple(by_key[(type(u.id).__name__, u.id)] for u in units),
        draws=draws,
        spread=float(spread),
        seed=seed if isinstance(seed, int) else None,
        top_k=top_k,
        spearman_median=None if rho is None else float(np.median(rho)),
        spearman_p5=None if rho is None else float(_quantile(rho[None, :], 0.05)[0]),
        spearman_min=None if rho is None else float(rho.min()),
        policy=policy,
        ties=ties,
    )
