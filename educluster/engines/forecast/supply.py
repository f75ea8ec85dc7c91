"""Teacher supply: a stocks-and-flows projection by age band, and the hiring need.

Source: the stocks-and-flows structure of England's DfE Teacher Workforce Model and its
predecessor, the Teacher Supply Model (next year's stock = this year's stock − leavers −
retirements + entrants; leaving rates by age), with the standard cohort-component ageing of
multi-year age groups (people uniformly spread within a band of width w, so 1/w of the band
reaches the next band each year).

One year, for every district × subject (``x`` = teachers by age band at the start of the year)::

    stayers[a]     = x[a] · (1 − attrition[a])                 leavers = Σ_a x[a] · attrition[a]
    x'[a]          = stayers[a] · (1 − 1/w[a]) + stayers[a−1] · 1/w[a−1] · [edge a is not R]
    retirements    = Σ stayers[a] / w[a] over bands whose upper edge is the retirement age R,
                     plus the top band (teachers ageing out of the last band leave too)
    x'[a]         += entry_age_share[a] · graduates · employment_rate · share_entering

Bands at or above R only hold the base year's working pensioners; nobody ages into them.
The projected *supply* is ``Σ_a x``: the current stock and regular graduates, no extra hiring.

Hiring need (the entrants needed each year, as in the DfE models): posts to fill in year t so that
every year's demand is met, assuming earlier needs were filled and the people hired then age and
leave like everybody else (they enter with ``entry_age_share``)::

    need[t]        = max(0, demand[t] − supply[t] − hired_in_post[t])
    hired_in_post  = survivors of need[0 … t−1], aged and thinned by the same rates
    cumulative[t]  = Σ_{τ ≤ t} need[τ]

Year 0's need is the current shortfall (vacant posts). A surplus (supply > demand) is kept, not
laid off, and shrinks by attrition and retirement. The *gap* reported beside it is
``supply − demand`` without hiring; when nobody leaves (no attrition, no retirement) the
cumulative need is the running maximum of ``max(0, −gap)``.

Layout: kernels use ``[age_band, district, subject, B]`` for the stock, ``B`` the draw axis.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.floating[Any]]


def ageing_rates(
    age_band_edges: tuple[int, ...], retirement_age: int
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Per band: the yearly share moving up (``1/w``) and whether it stays in service.

    Returns:
        ``(move, stays)``, both ``[age_band]``; ``stays[a]`` is 0 when band a's upper edge is
        the retirement age or band a is the last one (its movers retire), else 1.

    Example:
        >>> move, stays = ageing_rates((20, 30, 60, 65), 60)
        >>> move.tolist(), stays.tolist()
        ([0.1, 0.03333333333333333, 0.2], [1.0, 0.0, 0.0])
    """
    edges = np.asarray(age_band_edges, dtype=np.float64)
    move = 1.0 / np.diff(edges)
    stays = np.array(
        [
            0.0 if (e == retirement_age or a == len(move) - 1) else 1.0
            for a, e in enumerate(age_band_edges[1:])
        ]
    )
    return move, stays


def graduate_inflow(
    graduates: npt.ArrayLike, employment_rate: npt.ArrayLike, share_entering: npt.ArrayLike
) -> Array:
    """Entrants from new graduates: ``graduates · employment_rate · share_entering``.

    Example: 40 graduates, 75 % employed as teachers, 80 % of them in the district → 24.

        >>> graduate_inflow(40.0, 0.75, 0.8)
        array(24.)
    """
    g = np.asarray(graduates, dtype=np.float64)
    return np.asarray(g * np.asarray(employment_rate) * np.asarray(share_entering))


@dataclass(frozen=True)
class WorkforceProjection:
    """Supply-side results, each ``[year, district, subject]`` with T + 1 years.

    ``retirements``, ``leavers`` and ``entrants`` are the flows during the year ending in the
    given year (zero in the base year); ``hired_in_post`` counts the teachers hired for earlier
    and current needs who are still in post.
    """

    supply: Array
    hiring_need: Array
    cumulative_hiring_need: Array
    retirements: Array
    leavers: Array
    entrants: Array
    hired_in_post: Array


def project_workforce(
    staff: npt.ArrayLike,
    attrition: npt.ArrayLike,
    inflow: npt.ArrayLike,
    demand: npt.ArrayLike,
    *,
    age_band_edges: tuple[int, ...],
    retirement_age: int,
    entry_age_share: npt.ArrayLike | None = None,
) -> WorkforceProjection:
    """Age the stock forward, add graduates, and derive the hiring need (module docstring).

    Args:
        staff: ``[district, subject, age_band]`` teachers in the base year.
        attrition: broadcastable to ``staff``; yearly non-retirement leaving rates.
        inflow: ``[year, district, subject]`` entrants in years 1…T (see
            :func:`graduate_inflow`).
        demand: ``[year, district, subject]`` posts for years 0…T.
        age_band_edges: ``A + 1`` increasing ages.
        retirement_age: one of ``age_band_edges[1:]``.
        entry_age_share: ``[age_band]`` age distribution of entrants; default youngest band.

    Example (by hand): one band 20–30 (w = 10), retirement at 30, 100 teachers, attrition
    10 %: stayers 90, of whom 1/10 = 9 retire, so 81 remain; 5 graduates enter → 86.
    Demand 100 → need 100 − 86 = 14.

        >>> r = project_workforce([[[100.0]]], 0.1, [[[5.0]]], [[[100.0]]] * 2,
        ...                       age_band_edges=(20, 30), retirement_age=30)
        >>> r.supply[:, 0, 0].round(9).tolist(), r.retirements[:, 0, 0].round(9).tolist()
        ([100.0, 86.0], [0.0, 9.0])
        >>> r.hiring_need[:, 0, 0].round(9).tolist()
        [0.0, 14.0]
    """
    x0 = np.asarray(staff, dtype=np.float64)
    keep = 1.0 - np.broadcast_to(np.asarray(attrition, dtype=np.float64), x0.shape)
    n_bands = x0.shape[-1]
    if entry_age_share is None:
        entry = np.zeros(n_bands)
        entry[0] = 1.0
    else:
        entry = np.asarray(entry_age_share, dtype=np.float64)
    dem = np.asarray(demand, dtype=np.float64)
    flow = np.broadcast_to(np.asarray(inflow, dtype=np.float64), (dem.shape[0] - 1, *x0.shape[:2]))
    move, stays = ageing_rates(age_band_edges, retirement_age)
    out = project_workforce_batch(
        np.moveaxis(x0, -1, 0)[..., None],
        np.moveaxis(keep, -1, 0)[..., None],
        move,
        stays,
        entry,
        flow[..., None],
        dem[..., None],
        report=True,
    )
    return WorkforceProjection(**{k: v[..., 0] for k, v in out.items()})


def _age(state: Array, stay_factor: Array, up_factor: Array) -> None:
    """One year of attrition and ageing, in place: ``x·P + shift(x·Q)``."""
    moved = state[:-1] * up_factor
    state *= stay_factor
    state[1:] += moved


def project_workforce_batch(
    staff: Array,
    keep: Array,
    move: npt.NDArray[np.float64],
    stays: npt.NDArray[np.float64],
    entry: npt.NDArray[np.float64],
    inflow: Array,
    demand: Array,
    *,
    report: bool,
) -> dict[str, Array]:
    """Kernel: staff ``[A, D, S, B]``, keep = 1 − attrition ``[A, D, S, B]``, ``move``,
    ``stays`` and ``entry`` ``[A]``, inflow ``[T, D, S, B]``, demand ``[T+1, D, S, B]``.

    Returns ``supply`` and ``hiring_need`` (``[T+1, D, S, B]``), plus, when ``report``, the
    other fields of :class:`WorkforceProjection`.
    """
    dtype = demand.dtype
    n_bands, n_d, n_s = staff.shape[:3]
    b = max(staff.shape[3], keep.shape[3], inflow.shape[3], demand.shape[3])
    years = demand.shape[0]
    col = (slice(None), None, None, None)
    # Contiguous factors: the draws arrive in [D, S, A, B] memory order.
    stay_factor = np.ascontiguousarray(keep * (1.0 - move)[col], dtype=dtype)
    up_factor = np.ascontiguousarray(keep[:-1] * (move * stays)[:-1][col], dtype=dtype)
    entry_bands = [(a, dtype.type(entry[a])) for a in np.flatnonzero(entry)]

    x = np.empty((n_bands, n_d, n_s, b), dtype=dtype)
    x[...] = staff
    hired = np.zeros_like(x)
    supply = np.empty((years, n_d, n_s, b), dtype=dtype)
    need = np.empty_like(supply)
    tmp = np.empty((n_d, n_s, b), dtype=dtype)
    extra: dict[str, Array] = {}
    if report:
        retire_share = (keep * (move * (1.0 - stays))[col]).astype(dtype)
        for name in ("retirements", "leavers", "entrants", "hired_in_post"):
            extra[name] = np.zeros_like(supply)

    def hire(t: int) -> None:
        np.subtract(demand[t], supply[t], out=tmp)
        if t:
            np.subtract(tmp, hired.sum(axis=0), out=tmp)
        np.maximum(tmp, 0.0, out=need[t])
        for a, share in entry_bands:
            hired[a] += share * need[t]
        if report:
            extra["hired_in_post"][t] = hired.sum(axis=0)

    supply[0] = x.sum(axis=0)
    hire(0)
    for t in range(1, years):
        if report:
            extra["leavers"][t] = ((1.0 - keep) * x).sum(axis=0)
            extra["retirements"][t] = (retire_share * x).sum(axis=0)
            extra["entrants"][t] = inflow[t - 1]
        _age(x, stay_factor, up_factor)
        _age(hired, stay_factor, up_factor)
        for a, share in entry_bands:
            x[a] += share * inflow[t - 1]
        x.sum(axis=0, out=supply[t])
        hire(t)
    result = {"supply": supply, "hiring_need": need}
    if report:
        result["cumulative_hiring_need"] = np.cumsum(need, axis=0)
        result.update(extra)
    return result
