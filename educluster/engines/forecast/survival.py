"""Supply and hiring need in survival (convolution) form, for Monte-Carlo speed.

The age-band stock of :mod:`.supply` evolves linearly, ``x[t+1] = K · x[t] + e · inflow[t+1]``
with ``K`` the bidiagonal attrition-and-ageing matrix (``K[a, a] = (1 − attr[a])(1 − 1/w[a])``,
``K[a+1, a] = (1 − attr[a]) / w[a]`` unless the edge is the retirement age). Only the totals
are reported, so with the survival row vectors ``r[t] = 1ᵀ K^t`` (teachers left at t per
teacher in each band at 0) and the entrant-cohort survival ``c[k] = r[k] · e``::

    supply[t]  = Σ_a r[t, a] · staff[a]  +  Σ_{τ=1…t} c[t−τ] · inflow[τ]
    hired[t]   = Σ_{τ<t} c[t−τ] · need[τ]                 (hires still in post)
    need[t]    = max(0, demand[t] − supply[t] − hired[t])

This is the same projection as :func:`.supply.project_workforce_batch` (the tests check the
two agree), but ``r`` and ``c`` only vary along the axes attrition varies on: with attrition by
age band and draw (the usual case) they are tiny, and both sums become matrix products.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from . import _kernels

Array = npt.NDArray[np.floating[Any]]


def survival_rows(keep: Array, move: Array, stays: Array, years: int) -> Array:
    """``r[t] = 1ᵀ K^t`` for t = 0…years−1: ``[years, A, *keep.shape[1:]]``.

    Recursion: ``r[t, a] = r[t−1, a] · K[a, a] + r[t−1, a+1] · K[a+1, a]``.
    """
    col = (slice(None),) + (None,) * (keep.ndim - 1)
    diag = keep * (1.0 - move)[col]
    sub = keep[:-1] * (move * stays)[:-1][col]
    r = np.empty((years, *keep.shape), dtype=keep.dtype)
    r[0] = 1.0
    for t in range(1, years):
        np.multiply(r[t - 1], diag, out=r[t])
        r[t, :-1] += sub * r[t - 1, 1:]
    return r


def _flat_cells(a: Array) -> bool:
    """True when an ``[…, D, S, B]`` survival array does not vary by district or subject."""
    return a.shape[-3] == 1 and a.shape[-2] == 1


def supply_and_need(
    staff: Array,
    keep: Array,
    move: Array,
    stays: Array,
    entry: Array,
    graduates: Array,
    intake_rate: Array,
    demand: Array,
) -> tuple[Array, Array]:
    """Supply and hiring need ``[T+1, D, S, B]`` (formulas in the module docstring).

    Args:
        staff: ``[A, D, S, B]``; keep (1 − attrition): ``[A, D, S, B]``; axes may be 1.
        move, stays, entry: ``[A]`` (see :func:`.supply.ageing_rates`).
        graduates: ``[T, D, S, B]``; intake_rate (employment · share entering) ``[D, S, B]``.
        demand: ``[T+1, D, S, B]``.
    """
    dtype = demand.dtype
    years, n_d, n_s = demand.shape[:3]
    n_b = max(a.shape[-1] for a in (staff, keep, graduates, intake_rate, demand))
    n_a = staff.shape[0]
    staff = np.broadcast_to(staff, (n_a, n_d, n_s, staff.shape[-1]))
    graduates = np.broadcast_to(graduates, (graduates.shape[0], n_d, n_s, graduates.shape[-1]))
    r = survival_rows(keep.astype(dtype), move.astype(dtype), stays.astype(dtype), years)
    c = np.tensordot(entry.astype(dtype), r, axes=(0, 1))  # [T+1, D', S', B']
    supply = np.empty((years, n_d, n_s, n_b), dtype=dtype)
    n_years = graduates.shape[0]
    cells = n_d * n_s
    gemm_stock = _flat_cells(r[0]) and staff.shape[-1] == 1 and r.shape[-1] == n_b
    gemm_arrivals = (
        _flat_cells(c[0]) and graduates.shape[-1] == 1 and n_years > 0 and c.shape[-1] == n_b
    )
    if gemm_stock:
        stock_cells = np.ascontiguousarray(staff[..., 0].reshape(n_a, cells).T)  # [D·S, A]
    if gemm_arrivals:
        # toeplitz[t, τ−1] = c[t − τ] for t ≥ τ: the arrivals of year τ still in post at t.
        toeplitz = np.zeros((years, n_years, n_b), dtype=dtype)
        for tau in range(1, years):
            toeplitz[tau:, tau - 1] = c[: years - tau, 0, 0]
        graduate_cells = np.ascontiguousarray(graduates[..., 0].reshape(n_years, cells).T)
    arrivals = np.empty((n_d, n_s, n_b), dtype=dtype)
    need = np.empty_like(supply)
    shortfall = np.empty_like(arrivals)
    # With the hires' survival the same in every cell, the need recursion runs compiled, in
    # one pass after the supply (same sums in the same order); otherwise year by year below.
    compiled = _kernels.HAVE_NUMBA and _flat_cells(c[0]) and c.shape[-1] == n_b
    for t in range(years):
        # Current stock: Σ_a r[t, a] · staff[a].
        if gemm_stock:
            np.matmul(stock_cells, r[t].reshape(n_a, n_b), out=supply[t].reshape(cells, n_b))
        else:
            np.sum(r[t] * staff, axis=0, out=supply[t])
        if t:
            # Graduates: intake_rate · Σ_{τ=1…t} c[t−τ] · graduates[τ].
            if gemm_arrivals:
                np.matmul(graduate_cells, toeplitz[t], out=arrivals.reshape(cells, n_b))
            else:
                arrivals[...] = np.einsum("t...,t...->...", c[t - 1 :: -1], graduates[:t])
            arrivals *= intake_rate
            supply[t] += arrivals
        if compiled:
            continue
        # Hiring need: hires made earlier stay with survival c.
        np.subtract(demand[t], supply[t], out=shortfall)
        if t:
            # Σ_{τ<t} c[t−τ] · need[τ] in one pass (einsum avoids a temporary per term).
            shortfall -= np.einsum("t...,t...->...", c[t:0:-1], need[:t])
        np.maximum(shortfall, 0.0, out=need[t])
    if compiled:
        _kernels.hiring_need_flat(
            np.ascontiguousarray(np.broadcast_to(demand, supply.shape)).reshape(years, cells, n_b),
            supply.reshape(years, cells, n_b),
            np.ascontiguousarray(c[:, 0, 0]),
            need.reshape(years, cells, n_b),
        )
    return supply, need
