"""Small forecast inputs for the tests: a hand-worked district and random ones."""

from __future__ import annotations

from typing import Any

import numpy as np

from educluster.engines.forecast import (
    DemandInput,
    ForecastInput,
    PupilInput,
    QuotaInput,
    SupplyInput,
)


def worked_input(**changes: Any) -> ForecastInput:
    """One district, grades 1–2, mathematics, two 10-year age bands, horizon 2.

    The numbers are worked by hand in ``test_forecast_engine.py``.
    """
    values: dict[str, Any] = {
        "districts": ("Chilonzor",),
        "subjects": ("math",),
        "grades": (1, 2),
        "horizon": 2,
        "base_year": 2025,
        "pupils": PupilInput(
            base_pupils=np.array([[50.0, 40.0]]),
            promotion=np.array([0.9, 1.0]),
            repetition=np.array([0.1, 0.0]),
            entrants=np.array([[60.0], [60.0]]),
        ),
        "demand": DemandInput(max_class_size=np.array(25.0), hours=np.array([[4.0], [5.0]])),
        "supply": SupplyInput(
            staff=np.array([[[0.6, 0.3]]]),
            attrition=np.array([0.1, 0.0]),
            graduates=np.array(0.25),
            employment_rate=np.array(0.8),
            share_entering=np.array(1.0),
            age_band_edges=(20, 30, 40),
            retirement_age=40,
        ),
        "quota": QuotaInput(programme_length=1, completion_rate=np.array(0.5)),
    }
    values.update(changes)
    return ForecastInput(**values)


EDGE_CHOICES: tuple[tuple[int, ...], ...] = (
    (20, 65),
    (20, 40, 60),
    (20, 25, 30, 35, 40, 45, 50, 55, 60, 65),
    (22, 23, 24, 25, 26),
)


def random_input(seed: int, horizon: int | None = None, **changes: Any) -> ForecastInput:
    """A random, valid input of a few districts, grades, subjects and age bands."""
    rng = np.random.default_rng(seed)
    n_d, n_g, n_s = (int(x) for x in rng.integers(1, 4, 3))
    n_g = int(rng.integers(1, 6))
    edges = EDGE_CHOICES[int(rng.integers(len(EDGE_CHOICES)))]
    n_a = len(edges) - 1
    drawn_horizon = int(rng.integers(1, 6))
    horizon = drawn_horizon if horizon is None else horizon
    promotion = rng.uniform(0.6, 1.0, (n_d, n_g))
    repetition = rng.uniform(0, 1, (n_d, n_g)) * (1 - promotion)
    entry = rng.random(n_a) * (rng.random(n_a) < 0.6)
    entry[0] += 0.1
    use_entrants = bool(rng.random() < 0.5)
    ptr_mode = bool(rng.random() < 0.2)
    values: dict[str, Any] = {
        "districts": tuple(f"d{i}" for i in range(n_d)),
        "subjects": tuple(f"s{i}" for i in range(n_s)),
        "grades": tuple(range(1, n_g + 1)),
        "horizon": horizon,
        "pupils": PupilInput(
            base_pupils=rng.uniform(0, 300, (n_d, n_g)),
            promotion=promotion,
            repetition=repetition,
            entrants=rng.uniform(0, 300, (horizon, n_d)) if use_entrants else None,
            intake_growth=rng.normal(0, 0.05, n_d),
        ),
        "demand": DemandInput(
            max_class_size=rng.integers(10, 36, (n_d, n_g)).astype(float),
            hours=np.asarray(rng.choice([0.0, 1.0, 2.0, 3.5, 5.0], (n_g, n_s)), dtype=float),
            load_norm=rng.uniform(12, 24, (n_d, n_s)),
            class_rounding="ceil" if rng.random() < 0.7 else "continuous",
            mode="ptr" if ptr_mode else "curriculum",
            ptr=rng.uniform(8, 30, (n_d, n_s)),
            ptr_grades=np.asarray(rng.random((n_g, n_s)) < 0.7, dtype=float),
        ),
        "supply": SupplyInput(
            staff=rng.uniform(0, 20, (n_d, n_s, n_a)),
            attrition=rng.uniform(0, 0.2, (n_d, n_s, n_a)),
            graduates=rng.uniform(0, 5, (horizon, n_d, n_s)),
            employment_rate=rng.uniform(0.3, 1, (n_d, n_s)),
            share_entering=rng.uniform(0, 1, (n_d, n_s)),
            entry_age_share=entry / entry.sum(),
            age_band_edges=edges,
            retirement_age=int(edges[int(rng.integers(1, len(edges)))]),
        ),
        "quota": QuotaInput(
            programme_length=int(rng.integers(1, 5)),
            completion_rate=rng.uniform(0.2, 1, (n_d, n_s)),
        ),
    }
    values.update(changes)
    return ForecastInput(**values)
