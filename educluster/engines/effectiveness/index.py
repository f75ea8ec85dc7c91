"""The effectiveness index per unit (member) and for the cluster, with a full trace.

For unit ``i`` with normalised scores ``s_ij`` (see :mod:`.normalise`), base weights ``w_j`` and
the indicators ``M_i`` that share its weight (the applicable ones under the ``"zero"`` policy,
the applicable ones that have a value otherwise):

    e_ij = w_j / Σ_{k∈M_i} w_k   (effective weight, 0 outside M_i)
    c_ij = e_ij · s_ij           (contribution)
    I_i  = Σ_j c_ij ∈ [0, 1]      (index; "why is this 0.62?" = the sum of the contributions)

Ranks: 1 is the best index, overall and within the unit's kind; ties get the minimum rank
(competition ranking 1, 2, 2, 4) or, with ``ties="average"``, the mean rank (1, 2.5, 2.5, 4).
Indices equal to 12 decimals are ties. Excluded units get no index and no rank.

Cluster aggregate: ``I_cluster = Σ_i v_i I_i / Σ_i v_i`` over the units with an index, with
``v_i = 1`` (equal weighting) or the size ``v_i`` the caller passes (pupils, staff...).

Reference: OECD/JRC, *Handbook on Constructing Composite Indicators* (2008), sections 5–6
(weighted linear aggregation).

Example:
    >>> from educluster.engines.effectiveness import IndicatorSpec, Unit, compute_index
    >>> specs = [IndicatorSpec("fill", target=0.8), IndicatorSpec("hours", target=100, weight=3)]
    >>> units = [Unit("A", values={"fill": 0.4, "hours": 100}), Unit("B", values={"fill": 0.8})]
    >>> result = compute_index(specs, units)
    >>> [(u.id, u.index, u.rank) for u in result.units]
    [('A', 0.875, 2.0), ('B', 1.0, 1.0)]
    >>> [(t.code, t.score, t.effective_weight, t.contribution) for t in result.unit("A").trace]
    [('fill', 0.5, 0.25, 0.125), ('hours', 1.0, 0.75, 0.75)]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from ._core import coverage, denominator_mask, included, indices, rank_desc
from .errors import InvalidParameterError
from .inputs import (
    Direction,
    IndicatorSpec,
    MissingPolicy,
    Normalisation,
    Number,
    Unit,
    UnitId,
)
from .normalise import normalise
from .validation import BoolArray, FloatArray, Problem, check_policy, number, prepare

__all__ = [
    "ENGINE_VERSION",
    "ClusterAggregate",
    "IndexResult",
    "IndicatorRange",
    "IndicatorTrace",
    "Ties",
    "UnitScore",
    "cluster_aggregate",
    "compute_index",
]

#: Stored with every published figure so that a ranking can be reproduced with the same code.
ENGINE_VERSION = "effectiveness-1.0"

Ties = Literal["min", "average"]


@dataclass(frozen=True, slots=True)
class IndicatorTrace:
    """One applicable indicator of one unit: from the raw value to its share of the index."""

    code: str
    raw: float | None
    score: float | None
    base_weight: float
    effective_weight: float
    contribution: float
    direction: Direction
    normalisation: Normalisation
    target: float | None

    @property
    def missing(self) -> bool:
        """Whether the unit has no value for this indicator."""
        return self.raw is None


@dataclass(frozen=True, slots=True)
class UnitScore:
    """A unit's index, coverage, ranks and trace (``index``/ranks are None when excluded)."""

    id: UnitId
    kind: str
    index: float | None
    coverage: float
    rank: float | None
    rank_in_kind: float | None
    trace: tuple[IndicatorTrace, ...]

    @property
    def excluded(self) -> bool:
        """Whether the missing-value policy left the unit without an index."""
        return self.index is None

    @property
    def missing(self) -> tuple[str, ...]:
        """Codes of the applicable indicators the unit has no value for."""
        return tuple(t.code for t in self.trace if t.missing)


@dataclass(frozen=True, slots=True)
class IndicatorRange:
    """The range across units of one indicator (used by min–max normalisation)."""

    code: str
    low: float | None
    high: float | None
    n_values: int


@dataclass(frozen=True, slots=True)
class ClusterAggregate:
    """Weighted mean of the members' indices, for the cluster and per kind."""

    index: float | None
    weighting: Literal["equal", "size"]
    members: tuple[tuple[UnitId, float], ...]  # (unit id, weight share), shares sum to 1
    by_kind: tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class IndexResult:
    """Everything :func:`compute_index` computed, units in the caller's order."""

    units: tuple[UnitScore, ...]
    specs: tuple[IndicatorSpec, ...]  # as given, so that the figures can be reproduced
    ranges: tuple[IndicatorRange, ...]
    cluster: ClusterAggregate
    policy: MissingPolicy
    ties: Ties
    version: str = ENGINE_VERSION

    def unit(self, unit_id: UnitId) -> UnitScore:
        """The score of the unit with ``unit_id`` (``KeyError`` if absent)."""
        for score in self.units:
            if score.id == unit_id:
                return score
        raise KeyError(unit_id)

    def by_id(self) -> dict[UnitId, UnitScore]:
        """The scores keyed by unit id (for pages that look many units up)."""
        return {score.id: score for score in self.units}

    @property
    def excluded(self) -> tuple[UnitId, ...]:
        """Ids of the units left without an index by the policy."""
        return tuple(u.id for u in self.units if u.excluded)


def _check_ties(ties: str) -> None:
    if ties not in ("min", "average"):
        raise InvalidParameterError(name="ties", value=ties, reason="it must be min or average")


def _ranks(
    problem: Problem, index: FloatArray, keep: BoolArray, ties: str
) -> tuple[FloatArray, FloatArray]:
    overall = np.full(index.shape, np.nan)
    in_kind = np.full(index.shape, np.nan)
    if keep.any():
        overall[keep] = rank_desc(index[keep], ties)
    kinds = np.array([u.kind for u in problem.units], dtype=object)
    for kind in set(kinds[keep].tolist()):
        rows = keep & (kinds == kind)
        in_kind[rows] = rank_desc(index[rows], ties)
    return overall, in_kind


def _optional(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def compute_index(
    specs: Sequence[IndicatorSpec],
    units: Sequence[Unit],
    *,
    policy: MissingPolicy | None = None,
    ties: Ties = "min",
    sizes: Mapping[UnitId, Number] | None = None,
) -> IndexResult:
    """Compute the index of every unit, its trace and ranks, and the cluster aggregate.

    ``policy`` defaults to :meth:`MissingPolicy.renormalise`; ``sizes`` (unit id -> size >= 0)
    switches the cluster aggregate from equal weights to size weights.
    """
    policy = MissingPolicy.renormalise() if policy is None else policy
    check_policy(policy)
    _check_ties(ties)
    problem = prepare(specs, units)
    scores = normalise(
        problem.raw,
        problem.present,
        lower=problem.lower,
        by_target=problem.by_target,
        targets=problem.targets,
    )
    mask = denominator_mask(problem, policy)
    cover = coverage(problem)
    keep = included(problem, policy, cover)
    weighted = mask * problem.weights
    totals = weighted.sum(axis=1, keepdims=True)
    effective = np.divide(weighted, totals, out=np.zeros_like(weighted), where=totals > 0)
    contributions = effective * scores
    index = np.where(keep, indices(scores, mask, problem.weights), np.nan)
    overall, in_kind = _ranks(problem, index, keep, ties)

    order = {spec.code: k for k, spec in enumerate(specs)}
    by_id: dict[tuple[str, UnitId], UnitScore] = {}
    for i, unit in enumerate(problem.units):
        trace = []
        for j, spec in enumerate(problem.specs):
            if not problem.applicable[i, j]:
                continue
            present = bool(problem.present[i, j])
            trace.append(
                IndicatorTrace(
                    code=spec.code,
                    raw=float(problem.raw[i, j]) if present else None,
                    score=float(scores[i, j]) if present else None,
                    base_weight=float(spec.weight),
                    effective_weight=float(effective[i, j]) if keep[i] else 0.0,
                    contribution=float(contributions[i, j]) if keep[i] else 0.0,
                    direction=spec.direction,
                    normalisation=spec.normalisation,
                    target=None if spec.target is None else float(spec.target),
                )
            )
        trace.sort(key=lambda t: order[t.code])
        by_id[(type(unit.id).__name__, unit.id)] = UnitScore(
            id=unit.id,
            kind=unit.kind,
            index=_optional(index[i]),
            coverage=float(cover[i]),
            rank=_optional(overall[i]),
            rank_in_kind=_optional(in_kind[i]),
            trace=tuple(trace),
        )
    ranges = []
    for j, spec in enumerate(problem.specs):
        column = problem.raw[problem.present[:, j], j]
        ranges.append(
            IndicatorRange(
                code=spec.code,
                low=float(column.min()) if column.size else None,
                high=float(column.max()) if column.size else None,
                n_values=int(column.size),
            )
        )
    ranges.sort(key=lambda r: order[r.code])
    scored = tuple(by_id[(type(u.id).__name__, u.id)] for u in units)
    return IndexResult(
        units=scored,
        specs=tuple(specs),
        ranges=tuple(ranges),
        cluster=cluster_aggregate(scored, sizes=sizes),
        policy=policy,
        ties=ties,
    )


def _size(sizes: Mapping[UnitId, Number], unit_id: UnitId) -> float:
    if unit_id not in sizes:
        raise InvalidParameterError(
            name="sizes", value=unit_id, reason="every unit with an index needs a size"
        )
    value = number(sizes[unit_id], field="size", unit=unit_id)
    if value < 0:
        raise InvalidParameterError(name="sizes", value=value, reason="sizes must be >= 0")
    return float(value)


def cluster_aggregate(
    scores: Sequence[UnitScore], *, sizes: Mapping[UnitId, Number] | None = None
) -> ClusterAggregate:
    """Weighted mean of the indices of the units that have one (equal weights or by size)."""
    members = [s for s in scores if s.index is not None]
    raw = [1.0 if sizes is None else _size(sizes, s.id) for s in members]
    total = math.fsum(raw)
    if members and total <= 0:
        raise InvalidParameterError(
            name="sizes", value=total, reason="the sizes of the scored units sum to zero"
        )
    shares = [v / total for v in raw] if members else []
    index = math.fsum(w * (s.index or 0.0) for w, s in zip(shares, members, strict=True))
    by_kind: dict[str, list[tuple[float, float]]] = {}
    for v, s in zip(raw, members, strict=True):
        by_kind.setdefault(s.kind, []).append((v, s.index or 0.0))
    kinds = []
    for kind in sorted(by_kind):
        pairs = by_kind[kind]
        weight = math.fsum(v for v, _ in pairs)
        mean = math.fsum(v * x for v, x in pairs) / weight if weight > 0 else float("nan")
        kinds.append((kind, mean))
    return ClusterAggregate(
        index=min(1.0, max(0.0, index)) if members else None,
        weighting="equal" if sizes is None else "size",
        members=tuple((s.id, w) for s, w in zip(members, shares, strict=True)),
        by_kind=tuple(kinds),
    )
