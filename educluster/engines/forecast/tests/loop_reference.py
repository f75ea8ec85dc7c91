"""An independent plain-Python implementation of the deterministic forecast.

Written from the formulas in the engine's docstrings, with lists and loops only (no NumPy
arithmetic), cell by cell and age band by age band. The tests compare it with the vectorised
engine; ``bench/bench_forecast.py`` times it as the baseline.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from educluster.engines.forecast.inputs import ForecastInput
from educluster.engines.forecast.validation import FIELDS

EPS64 = 2.220446049250313e-16


def _ceil(x: float) -> float:
    k = 64 * EPS64  # the engine's documented rounding tolerance
    return max(float(math.ceil(x * (1.0 - k) - k)), 0.0)


def reference_forecast(
    inp: ForecastInput, values: Mapping[str, Any] | None = None
) -> dict[str, list[Any]]:
    """Return ``pupils``, ``classes`` ([year][district][grade]) and ``demand``, ``supply``,
    ``gap``, ``hiring_need``, ``quota`` ([year][district][subject]) as nested lists.

    ``values`` replaces field values (full natural shapes), as a Monte-Carlo draw does.
    """
    v: dict[str, Any] = {}
    for spec in FIELDS:
        value = getattr(getattr(inp, spec.group), spec.name)
        v[spec.name] = None if value is None else value.tolist()
    for name, value in (values or {}).items():
        v[name] = value.tolist() if hasattr(value, "tolist") else value
    dims = inp.dims()
    n_t, n_d, n_g, n_s, n_a = (
        dims[k] for k in ("year", "district", "grade", "subject", "age_band")
    )

    # Pupils: grade-transition projection.
    pupils = [[[0.0] * n_g for _ in range(n_d)] for _ in range(n_t + 1)]
    for d in range(n_d):
        prom = v["promotion"][d]
        rep = [min(v["repetition"][d][g], 1.0 - prom[g]) for g in range(n_g)]
        if v["entrants"] is not None:
            entrants = [v["entrants"][t][d] for t in range(n_t)]
        else:
            if v["base_entrants"] is not None:
                first = v["base_entrants"][d]
            else:
                first = v["base_pupils"][d][0] * (1.0 - rep[0])
            growth = v["intake_growth"][d]
            entrants = [first * (1.0 + growth) ** (t + 1) for t in range(n_t)]
        pupils[0][d] = list(v["base_pupils"][d])
        for t in range(1, n_t + 1):
            prev = pupils[t - 1][d]
            row = pupils[t][d]
            row[0] = rep[0] * prev[0] + entrants[t - 1]
            for g in range(1, n_g):
                row[g] = rep[g] * prev[g] + prom[g - 1] * prev[g - 1]

    # Classes and demand.
    continuous = inp.demand.class_rounding == "continuous"
    classes = [[[0.0] * n_g for _ in range(n_d)] for _ in range(n_t + 1)]
    demand = [[[0.0] * n_s for _ in range(n_d)] for _ in range(n_t + 1)]
    ptr_mode = inp.demand.mode == "ptr"
    for t in range(n_t + 1):
        for d in range(n_d):
            for g in range(n_g):
                ratio = pupils[t][d][g] / v["max_class_size"][d][g]
                classes[t][d][g] = ratio if continuous else _ceil(ratio)
            for s in range(n_s):
                total = 0.0
                for g in range(n_g):
                    if ptr_mode:
                        total += pupils[t][d][g] * v["ptr_grades"][g][s]
                    else:
                        total += classes[t][d][g] * v["hours"][g][s]
                divisor = v["ptr"][d][s] if ptr_mode else v["load_norm"][d][s]
                demand[t][d][s] = total / divisor

    # Supply by age band, hiring need.
    edges = inp.supply.age_band_edges
    retire_at = inp.supply.retirement_age
    entry = v["entry_age_share"]
    supply = [[[0.0] * n_s for _ in range(n_d)] for _ in range(n_t + 1)]
    need = [[[0.0] * n_s for _ in range(n_d)] for _ in range(n_t + 1)]
    for d in range(n_d):
        for s in range(n_s):
            stock = list(v["staff"][d][s])
            hired = [0.0] * n_a
            attrition = v["attrition"][d][s]
            intake = v["employment_rate"][d][s] * v["share_entering"][d][s]
            for t in range(n_t + 1):
                if t:
                    for people in (stock, hired):
                        aged = [0.0] * n_a
                        for a in range(n_a):
                            stayers = people[a] * (1.0 - attrition[a])
                            up = stayers / (edges[a + 1] - edges[a])
                            aged[a] += stayers - up
                            if a + 1 < n_a and edges[a + 1] != retire_at:
                                aged[a + 1] += up
                        people[:] = aged
                    arrivals = v["graduates"][t - 1][d][s] * intake
                    for a in range(n_a):
                        stock[a] += entry[a] * arrivals
                supply[t][d][s] = sum(stock)
                short = demand[t][d][s] - supply[t][d][s] - sum(hired)
                need[t][d][s] = max(short, 0.0)
                for a in range(n_a):
                    hired[a] += entry[a] * need[t][d][s]

    gap = [
        [[supply[t][d][s] - demand[t][d][s] for s in range(n_s)] for d in range(n_d)]
        for t in range(n_t + 1)
    ]
    length = inp.quota.programme_length
    quota = [[[math.nan] * n_s for _ in range(n_d)] for _ in range(n_t + 1)]
    for t in range(n_t + 1 - length):
        for d in range(n_d):
            for s in range(n_s):
                later = need[t + length][d][s]
                rate = (
                    v["completion_rate"][d][s]
                    * v["employment_rate"][d][s]
                    * v["share_entering"][d][s]
                )
                if later <= 0:
                    quota[t][d][s] = 0.0
                elif rate == 0:
                    quota[t][d][s] = math.inf
                else:
                    quota[t][d][s] = _ceil(later / rate)
    return {
        "pupils": pupils,
        "classes": classes,
        "demand": demand,
        "supply": supply,
        "gap": gap,
        "hiring_need": need,
        "quota": quota,
    }


def reference_quantile(values: list[float], q: float) -> float:
    """Linear-interpolation quantile (NumPy's default) of a list, by sorting."""
    ordered = sorted(values)
    h = (len(ordered) - 1) * q
    k = math.floor(h)
    a = ordered[k]
    b = ordered[min(k + 1, len(ordered) - 1)]
    return a if a == b else a + (b - a) * (h - k)
