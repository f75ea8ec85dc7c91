"""Teacher demand–supply forecast engine (pure Python + NumPy, no Django).

Pupils by grade → classes → teacher demand in full-time posts; teacher stock by age band →
supply; gap, hiring need and targeted-training quota per district × subject × year; named
scenarios compared with a base; Monte-Carlo P10/P50/P90 bands. Each block's module documents
its formula and source (UNESCO EPSSim, England's DfE Teacher Workforce / Supply Model, standard
cohort-component projection).

Typical use::

    inputs = ForecastInput(districts=..., subjects=..., pupils=PupilInput(...),
                           demand=DemandInput(...), supply=SupplyInput(...))
    result = run_forecast(inputs)                     # ForecastResult, result.rows()
    comparison = compare_scenarios(inputs, [Scenario("smaller classes",
                                   (Override("max_class_size", "set", 25.0),))])
    bands = run_monte_carlo(inputs, [Uncertain("attrition", Beta(0.05, 0.01))], seed=7)
"""

from .demand import count_classes, demand_from_curriculum, demand_from_ptr
from .engine import run_forecast
from .errors import CODES, ForecastInputError
from .inputs import (
    DEFAULT_AGE_BAND_EDGES,
    DEFAULT_LOAD_NORM,
    DemandInput,
    ForecastInput,
    PupilInput,
    QuotaInput,
    SupplyInput,
)
from .montecarlo import (
    Beta,
    LogNormal,
    MonteCarloResult,
    Normal,
    Uncertain,
    run_monte_carlo,
)
from .pupils import base_entrants_from_pupils, entrants_from_growth, project_pupils
from .quantiles import quantile_bands
from .quota import training_quota
from .results import ForecastResult, aggregate
from .scenarios import Override, Scenario, ScenarioComparison, apply_scenario, compare_scenarios
from .supply import WorkforceProjection, ageing_rates, graduate_inflow, project_workforce
from .validation import FIELDS

__all__ = [
    "CODES",
    "DEFAULT_AGE_BAND_EDGES",
    "DEFAULT_LOAD_NORM",
    "FIELDS",
    "Beta",
    "DemandInput",
    "ForecastInput",
    "ForecastInputError",
    "ForecastResult",
    "LogNormal",
    "MonteCarloResult",
    "Normal",
    "Override",
    "PupilInput",
    "QuotaInput",
    "Scenario",
    "ScenarioComparison",
    "SupplyInput",
    "Uncertain",
    "WorkforceProjection",
    "ageing_rates",
    "aggregate",
    "apply_scenario",
    "base_entrants_from_pupils",
    "compare_scenarios",
    "count_classes",
    "demand_from_curriculum",
    "demand_from_ptr",
    "entrants_from_growth",
    "graduate_inflow",
    "project_pupils",
    "project_workforce",
    "quantile_bands",
    "run_forecast",
    "run_monte_carlo",
    "training_quota",
]
