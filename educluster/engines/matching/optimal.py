"""Optimal-assignment mode: minimum total preference rank or distance by min-cost flow.

For rounds where hosts do not rank anybody (e.g. placing trainees in partner schools) the engine
can instead place as many applicants as possible and, among those maximum placements, minimise
the sum of the applicants' choice positions or of their travel distances. This is a
transportation problem solved exactly as a min-cost flow (Ahuja, Magnanti & Orlin 1993,
*Network Flows*, ch. 9-10) with OR-Tools ``SimpleMinCostFlow``. The result is **not** stable in
general (it may have blocking pairs) and is labelled ``stable=False``.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt

from .market import make_result
from .types import Market, MatchingInputError, MatchKind, MatchResult, PairStatus

Objective = Literal["rank", "distance"]


def optimal_assignment(
    market: Market,
    *,
    objective: Objective = "rank",
    distance_km: npt.ArrayLike | None = None,
    distance_unit_km: float = 0.001,
    unmatched_cost: int | None = None,
) -> MatchResult:
    """Assignment of minimum total cost over the market's acceptable pairs, within capacities.

    ``objective="rank"``: the cost of a pair is the applicant's 1-based choice position
    (first choice costs 1). ``objective="distance"``: the cost is ``distance_km`` of the pair
    (aligned with the preference entries), rounded to multiples of ``distance_unit_km``
    (default one metre). With ``unmatched_cost=None`` the number of placed applicants is
    maximised first and the total cost minimised among maximum placements; with an integer, an
    unplaced applicant costs that much instead and the total is minimised outright. Hosts'
    rankings are ignored except that pairs a host does not rank, or ineligible pairs, stay out.

    >>> from educluster.engines.matching import build_market
    >>> m = build_market([[0, 1], [0]], None, [1, 1])
    >>> r = optimal_assignment(m)
    >>> r.assignment.tolist(), r.stable, r.total_cost
    ([1, 0], False, 3)
    """
    if objective not in ("rank", "distance"):
        raise MatchingInputError(
            "bad_option", f"The objective must be 'rank' or 'distance', not {objective!r}."
        )
    n, m = market.n_applicants, market.n_hosts
    ok = np.flatnonzero(market.pair_status == PairStatus.ACCEPTABLE)
    apps = market.entry_applicant[ok]
    hosts = market.pref_hosts[ok]
    if objective == "rank":
        cost = ok - market.pref_indptr[apps] + 1
        kind = MatchKind.MIN_TOTAL_RANK
    else:
        if distance_km is None:
            raise MatchingInputError(
                "bad_structure", "The distance objective needs distance_km.", field="distance_km"
            )
        dist = np.asarray(distance_km, dtype=np.float64)
        if dist.shape != (market.n_pairs,):
            raise MatchingInputError(
                "length_mismatch",
                f"There are {dist.size} distances but the preferences have {market.n_pairs} "
                "entries.",
                field="distance_km",
            )
        d = dist[ok]
        if not np.all(np.isfinite(d)) or np.any(d < 0):
            raise MatchingInputError(
                "bad_structure",
                "Distances must be finite and not negative.",
                field="distance_km",
            )
        cost = np.rint(d / distance_unit_km).astype(np.int64)
        kind = MatchKind.MIN_TOTAL_DISTANCE
    limit = np.iinfo(np.int64).max // max(4 * (n + 1), 1)
    worst = max(int(cost.max(initial=0)), unmatched_cost or 0)
    if worst > limit:
        raise MatchingInputError(
            "cost_overflow",
            "The costs are too large for an exact solution; use a coarser distance unit.",
            field="distance_km",
        )

    # Imported here so that stable matching does not pay for loading OR-Tools.
    from ortools.graph.python import min_cost_flow

    source, sink = n + m, n + m + 1
    cap_host = np.minimum(market.capacities, np.bincount(hosts, minlength=m))
    pair_tails = apps.astype(np.int32)
    tails = [np.full(n, source, np.int32), pair_tails, np.arange(n, n + m, dtype=np.int32)]
    heads = [np.arange(n, dtype=np.int32), (hosts + n).astype(np.int32), np.full(m, sink, np.int32)]
    caps = [np.ones(n, np.int64), np.ones(len(ok), np.int64), cap_host.astype(np.int64)]
    costs = [np.zeros(n, np.int64), cost.astype(np.int64), np.zeros(m, np.int64)]
    if unmatched_cost is not None:
        tails.append(np.arange(n, dtype=np.int32))
        heads.append(np.full(n, sink, np.int32))
        caps.append(np.ones(n, np.int64))
        costs.append(np.full(n, int(unmatched_cost), np.int64))
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate(tails), np.concatenate(heads), np.concatenate(caps), np.concatenate(costs)
    )
    flow.set_nodes_supplies(np.array([source, sink], np.int32), np.array([n, -n], np.int64))
    status = flow.solve() if unmatched_cost is not None else flow.solve_max_flow_with_min_cost()
    if status == min_cost_flow.SimpleMinCostFlow.BAD_COST_RANGE:
        raise MatchingInputError(
            "cost_overflow",
            "The costs are too large for an exact solution; use a coarser distance unit.",
            field="distance_km",
        )
    if status != min_cost_flow.SimpleMinCostFlow.OPTIMAL:  # pragma: no cover - solver failure
        raise RuntimeError(f"The min-cost flow solver stopped with status {status}.")
    pair_arcs = np.arange(n, n + len(ok), dtype=np.int32)
    used = np.asarray(flow.flows(pair_arcs)) > 0
    assign = np.full(n, -1, dtype=np.int64)
    entry = np.full(n, -1, dtype=np.int64)
    assign[apps[used]] = hosts[used]
    entry[apps[used]] = ok[used]
    total = int(flow.optimal_cost())
    extra: dict[str, object] = {"objective": objective, "unmatched_cost": unmatched_cost}
    extra["total_rank"] = int((ok[used] - market.pref_indptr[apps[used]] + 1).sum())
    if objective == "distance":
        extra["total_distance_km"] = float(d[used].sum())
    return make_result(
        market, assign, entry, kind=kind, stable=False, total_cost=total, extra=extra
    )
