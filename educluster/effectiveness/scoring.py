"""Adapter between the stored indicator values and the pure effectiveness engine.

:func:`build_inputs` turns definitions, members and values into a JSON snapshot (the run's
``inputs``); :func:`score` computes the results from that snapshot alone, so that a stored run
can be reproduced exactly (``score(run.inputs) == run.results``).

Members are scored within their kind: an indicator that applies to several kinds becomes one
engine indicator per kind (``"<code>@<kind>"``), so each member is normalised and weighted only
on the indicators of its own kind, and ranks are read within the kind. Every indicator uses
target normalisation (the definition's target). The cluster's index combines the cluster-level
indicators with the mean of the members' indices (indicator ``members_index``, target 1) whose
weight equals the sum of the cluster-level weights: half members, half cluster-wide results.

Example:
    >>> inputs = build_inputs(
    ...     member_defs=[{"code": "fill", "kinds": [], "direction": "higher", "weight": 1.0,
    ...                   "target": 0.9}],
    ...     cluster_defs=[], members={1: "general_school"}, values={("fill", 1): 0.45},
    ...     policy={"method": "renormalise", "min_coverage": 0.0}, seed=1, draws=10)
    >>> results = score(inputs)
    >>> (results["members"]["1"]["index"], results["cluster"]["index"])
    (0.5, 0.5)
"""

from collections.abc import Mapping, Sequence
from typing import Any

from educluster.engines.effectiveness import (
    ENGINE_VERSION,
    IndicatorSpec,
    MissingPolicy,
    Unit,
    compute_index,
    sensitivity,
)

MEMBERS_INDEX = "members_index"
SPREAD = 0.25
TOP_K = 3


def spec_code(code: str, kind: str | None) -> str:
    return code if kind is None else f"{code}@{kind}"


def indicator_of(code: str) -> str:
    """The definition code of an engine indicator code."""
    return code.split("@", 1)[0]


def build_inputs(
    *,
    member_defs: Sequence[Mapping[str, Any]],
    cluster_defs: Sequence[Mapping[str, Any]],
    members: Mapping[int, str],
    values: Mapping[tuple[str, int | None], float | None],
    policy: Mapping[str, Any],
    seed: int,
    draws: int = 1000,
) -> dict[str, Any]:
    """The JSON snapshot of everything the index is computed from."""
    specs = []
    for d in member_defs:
        for kind in d["kinds"] or [None]:
            specs.append(
                {
                    "code": spec_code(d["code"], kind),
                    "kind": kind,
                    "direction": d["direction"],
                    "weight": float(d["weight"]),
                    "target": float(d["target"]),
                }
            )
    units = []
    for member, kind in sorted(members.items()):
        codes = [s for s in specs if s["kind"] in (None, kind)]
        if not codes:
            continue  # no indicator measures this kind of member
        unit_values = {}
        for s in codes:
            value = values.get((indicator_of(s["code"]), member))
            unit_values[s["code"]] = None if value is None else float(value)
        units.append({"id": member, "kind": kind, "values": unit_values})
    cspecs = [
        {
            "code": d["code"],
            "kind": None,
            "direction": d["direction"],
            "weight": float(d["weight"]),
            "target": float(d["target"]),
        }
        for d in cluster_defs
    ]
    cvalues = {}
    for s in cspecs:
        value = values.get((s["code"], None))
        cvalues[s["code"]] = None if value is None else float(value)
    return {
        "engine_version": ENGINE_VERSION,
        "member_specs": specs,
        "units": units,
        "cluster_specs": cspecs,
        "cluster_values": cvalues,
        "members_weight": sum(s["weight"] for s in cspecs) or 1.0,
        "policy": dict(policy),
        "sensitivity": {"draws": draws, "seed": seed, "spread": SPREAD, "top_k": TOP_K},
    }


def _spec(s: Mapping[str, Any]) -> IndicatorSpec:
    return IndicatorSpec(
        s["code"], direction=s["direction"], weight=s["weight"], target=s["target"], kind=s["kind"]
    )


def _trace(trace: Any) -> list[dict[str, Any]]:
    return [
        {
            "code": t.code,
            "indicator": indicator_of(t.code),
            "raw": t.raw,
            "score": t.score,
            "base_weight": t.base_weight,
            "effective_weight": t.effective_weight,
            "contribution": t.contribution,
            "direction": t.direction,
            "normalisation": t.normalisation,
            "target": t.target,
        }
        for t in trace
    ]


def score(inputs: Mapping[str, Any]) -> dict[str, Any]:
    """The results of a snapshot: per member (index, coverage, ranks, band, trace), per kind, and
    the cluster's index with its trace. Deterministic (the sensitivity seed is in the inputs)."""
    p = inputs["policy"]
    policy = MissingPolicy(p["method"], float(p.get("min_coverage", 0.0)))
    specs = [_spec(s) for s in inputs["member_specs"]]
    units = [Unit(u["id"], kind=u["kind"], values=u["values"]) for u in inputs["units"]]
    members: dict[str, Any] = {}
    by_kind: dict[str, float] = {}
    members_mean = None
    spearman = None
    if units and specs:
        result = compute_index(specs, units, policy=policy)
        sens = inputs["sensitivity"]
        bands = sensitivity(
            specs,
            units,
            policy=policy,
            draws=sens["draws"],
            seed=sens["seed"],
            spread=sens["spread"],
            top_k=sens["top_k"],
        )
        band_of = {b.id: b for b in bands.units}
        for u in result.units:
            band = band_of[u.id].in_kind
            members[str(u.id)] = {
                "kind": u.kind,
                "index": u.index,
                "coverage": u.coverage,
                "rank": u.rank,
                "rank_in_kind": u.rank_in_kind,
                "band": None
                if band is None
                else {
                    "p5": band.p5,
                    "p95": band.p95,
                    "median": band.median,
                    "min": band.rank_min,
                    "max": band.rank_max,
                    "p_same_rank": band.p_same_rank,
                    "p_top_k": band.p_top_k,
                },
                "trace": _trace(u.trace),
            }
        members_mean = result.cluster.index
        by_kind = dict(result.cluster.by_kind)
        spearman = {
            "median": bands.spearman_median,
            "p5": bands.spearman_p5,
            "min": bands.spearman_min,
        }
    cspecs = [_spec(s) for s in inputs["cluster_specs"]]
    cvalues = dict(inputs["cluster_values"])
    cspecs.append(IndicatorSpec(MEMBERS_INDEX, weight=inputs["members_weight"], target=1.0))
    cvalues[MEMBERS_INDEX] = members_mean
    cluster_result = compute_index(
        cspecs, [Unit("cluster", values=cvalues)], policy=MissingPolicy.renormalise()
    )
    c = cluster_result.units[0]
    return {
        "engine_version": ENGINE_VERSION,
        "members": members,
        "by_kind": by_kind,
        "members_mean": members_mean,
        "spearman": spearman,
        "cluster": {"index": c.index, "coverage": c.coverage, "trace": _trace(c.trace)},
    }
