"""The deterministic forecast run, and the shared pipeline the Monte-Carlo run reuses.

``run_forecast`` chains the blocks, each documented with its formula and source:

1. :mod:`.pupils` — pupils by grade (grade-transition projection, UNESCO EPSSim);
2. :mod:`.demand` — classes and full-time posts (EPSSim teacher requirement, or PTR);
3. :mod:`.supply` — stock by age band, flows, hiring need (DfE Teacher Workforce Model);
4. :mod:`.quota` — targeted-training admissions (DfE Teacher Supply Model's ITT inversion);

and ``gap = supply − demand``. Internally every array carries a trailing draw axis ``B``
(``B = 1`` here); :mod:`.montecarlo` runs the same :func:`simulate` with ``B`` draws over chunks
of districts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from .demand import count_classes_batch, demand_from_curriculum_batch
from .inputs import ForecastInput
from .pupils import entrants_from_growth_batch, project_pupils_batch
from .quota import training_quota_batch
from .results import ForecastResult
from .supply import ageing_rates, project_workforce_batch
from .survival import supply_and_need
from .validation import FIELD_BY_NAME

Array = npt.NDArray[np.floating[Any]]
Mode = Literal["replace", "scale", "add"]
#: Per-field draws: the way they combine with the base value, and an array of the field's
#: natural axes (each of length 1 or full) plus a trailing draw axis.
Draws = Mapping[str, tuple[Mode, Array]]

_POSITIVE_FLOOR = 1e-6


def constant_axes_removed(
    array: npt.NDArray[np.float64], keep: tuple[int, ...] = ()
) -> npt.NDArray[np.float64]:
    """Shrink to length 1 every axis (except those in ``keep``) along which ``array`` does not
    vary (a broadcastable equivalent), so that kernels do not repeat work on copies, e.g.
    national attrition rates stored as ``[district, subject, age_band]`` become
    ``[1, 1, age_band]``."""
    for axis in range(array.ndim):
        if array.shape[axis] > 1 and axis not in keep:
            first = np.take(array, [0], axis=axis)
            if np.array_equal(array, np.broadcast_to(first, array.shape)):
                array = first
    return array


def base_values(inp: ForecastInput, *, compact: bool) -> dict[str, Array | None]:
    """Every array field with a trailing draw axis of length 1 (compacted if asked)."""
    values: dict[str, Array | None] = {}
    for name, spec in FIELD_BY_NAME.items():
        base = getattr(getattr(inp, spec.group), name)
        if base is not None and compact:
            # Kernels shift, slice or contract the year, grade and age-band axes, so only the
            # district and subject axes may shrink.
            structural = tuple(
                i for i, axis in enumerate(spec.axes) if axis not in ("district", "subject")
            )
            base = constant_axes_removed(base, structural)
        values[name] = None if base is None else np.asarray(base)[..., None]
    return values


def field_values(
    inp: ForecastInput,
    draws: Draws,
    districts: slice,
    dtype: npt.DTypeLike,
    base: Mapping[str, Array | None] | None = None,
) -> Callable[[str], Array | None]:
    """Return a getter of field values with a trailing draw axis, cut to ``districts``.

    Drawn values are combined with the base value (``replace``: the draw; ``scale``: base ×
    draw; ``add``: base + draw) and clipped into the field's domain, since a Normal draw of a
    rate can leave [0, 1]: rates to [0, 1], counts and weights to ≥ 0, norms to ≥ 1e-6,
    growth rates to ≥ −1. ``base`` defaults to :func:`base_values` (not compacted).
    """
    bases = base if base is not None else base_values(inp, compact=False)

    def get(name: str) -> Array | None:
        spec = FIELD_BY_NAME[name]
        value = bases[name]
        if value is None:
            return None
        value = value.astype(dtype, copy=False)
        cut: tuple[slice, ...] = ()
        if "district" in spec.axes:
            cut = (slice(None),) * spec.axes.index("district") + (districts,)
            if value.shape[len(cut) - 1] > 1:
                value = value[cut]
        if name not in draws:
            return value
        mode, drawn = draws[name]
        if cut and drawn.shape[len(cut) - 1] > 1:
            drawn = drawn[cut]
        drawn = drawn.astype(dtype, copy=False)
        if mode == "replace":
            value = np.broadcast_to(drawn, np.broadcast_shapes(value.shape, drawn.shape))
        elif mode == "scale":
            value = value * drawn
        else:
            value = value + drawn
        if spec.kind == "rate":
            return np.clip(value, 0.0, 1.0)
        if spec.kind == "growth":
            return np.maximum(value, -1.0)
        floor = _POSITIVE_FLOOR if spec.kind == "positive" else 0.0
        return np.maximum(value, floor)

    return get


def simulate(
    inp: ForecastInput,
    get: Callable[[str], Array | None],
    dtype: npt.DTypeLike,
    *,
    n_districts: int,
    report: bool,
) -> dict[str, Array]:
    """Run the pipeline on field values from ``get`` (see :func:`field_values`).

    Returns arrays with a trailing draw axis (of length 1 where nothing drawn reaches them):
    ``demand``, ``supply``, ``gap``, ``hiring_need``, ``quota`` (``[T+1, D, S, B]``) and, when
    ``report``, ``pupils`` and ``classes`` (``[T+1, D, G, B]``) and the flows of
    :class:`~.supply.WorkforceProjection` (computed with the age-band state kernel; otherwise
    the equivalent survival form of :mod:`.survival` is used, which is faster).
    """

    def need(name: str) -> Array:
        value = get(name)
        assert value is not None, name  # validation guarantees the required fields
        return value

    horizon = inp.horizon
    base = need("base_pupils")
    promotion = need("promotion")
    repetition = np.minimum(need("repetition"), 1.0 - promotion)
    entrants = get("entrants")
    if entrants is None:
        first = get("base_entrants")
        if first is None:
            first = base[:, 0] * (1.0 - repetition[:, 0])
        entrants = entrants_from_growth_batch(first, need("intake_growth"), horizon)
    pupils = project_pupils_batch(base, promotion, repetition, entrants)

    demand_in = inp.demand
    classes = count_classes_batch(pupils, need("max_class_size"), demand_in.class_rounding)
    if demand_in.mode == "curriculum":
        demand = demand_from_curriculum_batch(classes, _matrix(need("hours")), need("load_norm"))
    else:
        demand = demand_from_curriculum_batch(pupils, _matrix(need("ptr_grades")), need("ptr"))
    grid = (horizon + 1, n_districts, len(inp.subjects))
    if demand.shape[:-1] != grid:  # all districts alike: broadcast (read-only view)
        demand = np.broadcast_to(demand, grid + demand.shape[-1:])

    supply_in = inp.supply
    move, stays = ageing_rates(supply_in.age_band_edges, supply_in.retirement_age)
    entry = np.asarray(supply_in.entry_age_share, dtype=np.float64)
    employment = need("employment_rate")
    share = need("share_entering")
    intake_rate = employment * share
    staff = np.moveaxis(need("staff"), 2, 0)
    keep = 1.0 - np.moveaxis(need("attrition"), 2, 0)
    out: dict[str, Array]
    if report:
        inflow = need("graduates") * intake_rate
        out = dict(
            project_workforce_batch(staff, keep, move, stays, entry, inflow, demand, report=True)
        )
    else:
        supply, hiring = supply_and_need(
            staff, keep, move, stays, entry, need("graduates"), intake_rate, demand
        )
        out = {"supply": supply, "hiring_need": hiring}
    yield_ = need("completion_rate") * intake_rate
    out["demand"] = demand
    out["gap"] = out["supply"] - demand
    out["quota"] = training_quota_batch(out["hiring_need"], inp.quota.programme_length, yield_)
    if report:
        shape = (horizon + 1, n_districts, len(inp.grades))
        out["pupils"] = np.broadcast_to(pupils, shape + pupils.shape[-1:])
        out["classes"] = np.broadcast_to(classes, shape + classes.shape[-1:])
    return out


def _matrix(table: Array) -> Array:
    """A ``[grade, subject, B]`` table without draws becomes a plain matrix for ``matmul``."""
    return table[..., 0] if table.shape[-1] == 1 else np.broadcast_to(table, table.shape)


def run_forecast(inputs: ForecastInput) -> ForecastResult:
    """Deterministic forecast of pupils, classes, demand, supply, gap, hiring need and quota.

    Args:
        inputs: a validated :class:`~.inputs.ForecastInput`.

    Returns:
        A :class:`~.results.ForecastResult` of float64 arrays with T + 1 years (index 0 the
        base year); see the block modules for every formula.

    Example: see ``tests/test_forecast_engine.py`` for a fully hand-worked district.
    """
    get = field_values(inputs, {}, slice(None), np.float64)
    out = simulate(inputs, get, np.float64, n_districts=len(inputs.districts), report=True)
    arrays = {k: np.ascontiguousarray(v[..., 0]) for k, v in out.items()}
    for value in arrays.values():
        value.flags.writeable = False
    return ForecastResult(
        years=inputs.years,
        districts=inputs.districts,
        subjects=inputs.subjects,
        grades=inputs.grades,
        **arrays,
    )
