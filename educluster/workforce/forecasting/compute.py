"""From a stored snapshot to engine inputs, and the run itself.

Everything here depends only on the snapshot (plain JSON) and the engine, never on the
database: a run is reproduced by passing its stored snapshot to :func:`compute` again.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from educluster.engines.forecast import (
    Beta,
    DemandInput,
    ForecastInput,
    ForecastResult,
    LogNormal,
    MonteCarloResult,
    Normal,
    Override,
    PupilInput,
    QuotaInput,
    Scenario,
    SupplyInput,
    Uncertain,
    apply_scenario,
    run_forecast,
    run_monte_carlo,
)


class ScenarioInputError(Exception):
    """The scenario's overrides made the input invalid; wraps the engine's error."""

    def __init__(self, error: Exception, name: str) -> None:
        super().__init__(str(error))
        self.error = error
        self.name = name


def _array(value: Any) -> np.ndarray:
    return np.asarray(value, dtype=np.float64)


def forecast_input(snapshot: dict[str, Any]) -> ForecastInput:
    """The validated base input (no scenario) described by a snapshot.

    Raises ``ForecastInputError`` for bad numbers (negative pupils, rates outside 0–1, …).
    """
    p, d, s, q = snapshot["pupils"], snapshot["demand"], snapshot["supply"], snapshot["quota"]
    return ForecastInput(
        districts=tuple(snapshot["districts"]),
        subjects=tuple(snapshot["subjects"]),
        grades=tuple(snapshot["grades"]),
        horizon=int(snapshot["horizon"]),
        base_year=int(snapshot["base_year"]),
        pupils=PupilInput(
            base_pupils=_array(p["base_pupils"]),
            promotion=_array(p["promotion"]),
            repetition=_array(p["repetition"]),
            intake_growth=_array(p["intake_growth"]),
        ),
        demand=DemandInput(
            max_class_size=_array(d["max_class_size"]),
            hours=_array(d["hours"]),
            load_norm=_array(d["load_norm"]),
            class_rounding=d["class_rounding"],
        ),
        supply=SupplyInput(
            staff=_array(s["staff"]),
            attrition=_array(s["attrition"]),
            graduates=_array(s["graduates"]),
            employment_rate=_array(s["employment_rate"]),
            share_entering=_array(s["share_entering"]),
            age_band_edges=tuple(s["age_band_edges"]),
            retirement_age=int(s["retirement_age"]),
        ),
        quota=QuotaInput(
            programme_length=int(q["programme_length"]),
            completion_rate=_array(q["completion_rate"]),
        ),
    )


def engine_scenario(snapshot: dict[str, Any]) -> Scenario:
    spec = snapshot["scenario"]
    overrides = tuple(
        Override(
            field=o["field"],
            op=o["op"],
            value=o["value"],
            district=o.get("district"),
            subject=o.get("subject"),
            grade=tuple(o["grade"]) if o.get("grade") else None,
        )
        for o in spec["overrides"]
    )
    return Scenario(name=spec["name"] or "base", overrides=overrides)


def scenario_input(snapshot: dict[str, Any]) -> ForecastInput:
    """The input with the scenario applied; a bad override raises ``ScenarioInputError``."""
    base = forecast_input(snapshot)
    scenario = engine_scenario(snapshot)
    if not scenario.overrides:
        return base
    try:
        return apply_scenario(base, scenario)
    except ValueError as error:  # ForecastInputError is a ValueError
        raise ScenarioInputError(error, snapshot["scenario"]["name"]) from error


def uncertainties(snapshot: dict[str, Any]) -> list[Uncertain]:
    out = []
    for u in snapshot["uncertain"]:
        kind = u["distribution"]
        distribution: Beta | Normal | LogNormal
        if kind == "lognormal":
            distribution = LogNormal(_array(u["median"]), _array(u["sigma"]))
        elif kind == "normal":
            distribution = Normal(_array(u["mean"]), _array(u["sd"]))
        else:
            distribution = Beta(_array(u["mean"]), _array(u["sd"]))
        out.append(Uncertain(u["field"], distribution, u["mode"]))
    return out


@dataclass(frozen=True)
class Computed:
    deterministic: ForecastResult
    bands: MonteCarloResult


def compute(snapshot: dict[str, Any], progress: Callable[[int], None] | None = None) -> Computed:
    """Run the deterministic forecast and the Monte-Carlo bands of a snapshot."""
    report = progress or (lambda _percent: None)
    inputs = scenario_input(snapshot)
    report(20)
    deterministic = run_forecast(inputs)
    report(40)
    bands = run_monte_carlo(
        inputs,
        uncertainties(snapshot),
        draws=int(snapshot["draws"]),
        seed=int(snapshot["seed"]),
        quantiles=tuple(snapshot["quantiles"]),
    )
    report(80)
    return Computed(deterministic=deterministic, bands=bands)


def _number(value: float) -> float | None:
    return None if value != value else float(value)  # NaN → None


def cells(computed: Computed) -> Iterator[dict[str, Any]]:
    """One dict per year × district × subject with the values and bands to store."""
    det, mc = computed.deterministic, computed.bands
    values = {m: getattr(det, m).tolist() for m in ("demand", "supply", "gap", "hiring_need")}
    values["cumulative_hiring_need"] = det.cumulative_hiring_need.tolist()
    values["quota"] = det.quota.tolist()
    bands = {
        (metric, k): mc.band(metric, q).tolist()
        for metric in ("demand", "supply", "gap", "quota")
        for k, q in zip(("p10", "p50", "p90"), mc.quantiles, strict=True)
    }
    for t, year in enumerate(det.years.tolist()):
        for i, district in enumerate(det.districts):
            for j, subject in enumerate(det.subjects):
                row: dict[str, Any] = {"year": year, "district": district, "subject": subject}
                for metric, array in values.items():
                    row[metric] = _number(array[t][i][j])
                for (metric, k), array in bands.items():
                    row[f"{metric}_{k}"] = _number(array[t][i][j])
                yield row
