"""Compiled kernels of the Monte-Carlo run (Numba, cached on disk), each giving the same
bits as the NumPy code it replaces (kept as the path without Numba; the tests run both):

* :func:`radix16_order_statistics` — the order statistics of each row's 16-bit codes (see
  :func:`.quantiles.quantile_bands`) are *selected*, not sorted: a 256-bin histogram of the
  high byte finds the bucket of every wanted rank, the codes of those few buckets are
  gathered and their low bytes histogrammed. Two passes over the row instead of a radix
  sort's three (with its scatter and allocations);
* :func:`hiring_need_flat` — the hiring-need recursion of :mod:`.survival` in one pass;
* :func:`training_quota_ceil` — the quota of :mod:`.quota` and its tolerant ceiling in one
  pass.

Numba is imported and a kernel compiled (or loaded from the cache) at its first call only, so
importing the engine stays cheap; without Numba, ``HAVE_NUMBA`` is False.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from typing import Any, Literal

import numpy as np

HAVE_NUMBA = importlib.util.find_spec("numba") is not None


def lazy_jit(
    *helpers: str, error_model: Literal["python", "numpy"] = "python"
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Decorate a kernel that Numba compiles (nopython, cached on disk) at its first call,
    first compiling the module-level ``helpers`` it calls (kept out of line: LLVM vectorises
    their loops). ``error_model="numpy"`` lets a division by zero give inf/NaN as NumPy does.
    ``kernel.py_func`` is the plain-Python original (used by the tests)."""

    def decorate(fn: Callable[..., None]) -> Callable[..., None]:
        compiled: list[Callable[..., None]] = []

        def call(*args: Any) -> None:
            if not compiled:
                import numba

                for name in helpers:
                    if not isinstance(globals()[name], numba.core.dispatcher.Dispatcher):
                        globals()[name] = numba.njit(
                            globals()[name],
                            cache=True,
                            nogil=True,
                            boundscheck=False,
                            inline="never",
                        )
                compiled.append(
                    numba.njit(
                        fn, cache=True, nogil=True, boundscheck=False, error_model=error_model
                    )
                )
            compiled[0](*args)

        call.py_func = fn  # type: ignore[attr-defined]
        call.__doc__ = fn.__doc__
        return call

    return decorate


@lazy_jit()
def radix16_order_statistics(
    rows: Any, lo: Any, scale: Any, integer: bool, ranks: Any, out: Any
) -> None:
    """``out[r, i]`` = the ``ranks[i]``-th smallest 16-bit code of row ``r``.

    Codes are ``uint16((x − lo[r]) · scale[r])`` in the rows' precision (``integer``: the
    whole-number values themselves), exactly as :func:`.quantiles.quantile_bands` computes
    them before sorting. ``ranks`` must be ascending.
    """
    n = rows.shape[1]
    n_ranks = ranks.shape[0]
    codes = np.empty(n, dtype=np.uint16)
    high = np.zeros(256, dtype=np.int32)
    slot = np.zeros(256, dtype=np.int64)
    wanted = np.zeros(256, dtype=np.uint8)
    scratch = np.empty(2 * n_ranks, dtype=np.int64)
    gathered = np.empty(n + 1, dtype=np.uint16)
    low = np.zeros((n_ranks + 1, 256 + 16), dtype=np.int64)  # per wanted bucket: 256 + 16 sums
    for r in range(rows.shape[0]):
        row = rows[r]
        if integer:
            for j in range(n):
                codes[j] = np.uint16(row[j])
        else:
            base = lo[r]
            factor = scale[r]
            for j in range(n):  # vectorised by LLVM; the histogram below is not
                codes[j] = np.uint16((row[j] - base) * factor)
        high[:] = 0
        for j in range(n):
            high[codes[j] >> 8] += 1
        below = 0
        b = 0
        n_slots = 0
        for i in range(n_ranks):  # ranks ascend, so one walk up the buckets finds them all
            k = ranks[i]
            while below + high[b] <= k:
                below += high[b]
                b += 1
            scratch[i] = b
            scratch[n_ranks + i] = k - below
            if slot[b] == 0:
                n_slots += 1
                slot[b] = n_slots
                wanted[b] = 1
                low[n_slots, :] = 0
        # Gather the codes of the wanted buckets (branch-free: every code is written, the
        # cursor moves only past wanted ones), then histogram their low bytes.
        kept = 0
        for j in range(n):
            c = codes[j]
            gathered[kept] = c
            kept += wanted[c >> 8]
        for j in range(kept):
            c = gathered[j]
            s = slot[c >> 8]
            low[s, c & 255] += 1
            low[s, 256 + ((c & 255) >> 4)] += 1
        for i in range(n_ranks):
            bucket = scratch[i]
            s = slot[bucket]
            rest = scratch[n_ranks + i]
            v = 0
            while low[s, 256 + (v >> 4)] <= rest:  # 16 bins at a time, then one by one
                rest -= low[s, 256 + (v >> 4)]
                v += 16
            while low[s, v] <= rest:
                rest -= low[s, v]
                v += 1
            out[r, i] = (bucket << 8) | v
        for i in range(n_ranks):
            slot[scratch[i]] = 0
            wanted[scratch[i]] = 0


def _add_products(acc: Any, c: Any, h: Any, n: int) -> None:
    """``acc += c · h`` over n elements (a helper of :func:`hiring_need_flat`)."""
    for b in range(n):
        acc[b] += c[b] * h[b]


@lazy_jit("_add_products")
def hiring_need_flat(demand: Any, supply: Any, survival: Any, need: Any) -> None:
    """``need[t] = max(0, demand[t] − supply[t] − Σ_{τ<t} c[t−τ] · need[τ])``, in place.

    ``demand``, ``supply``, ``need``: ``[T+1, cells, B]``; ``survival`` (c): ``[T+1, B]``, the
    same for every cell. The sum runs over τ = 0, 1, … in the arrays' precision and is then
    subtracted, as the ``einsum`` of :func:`.survival.supply_and_need` does: same results to
    the bit, one pass instead of one per year.
    """
    years, cells, n_b = demand.shape
    acc = np.empty(n_b, dtype=need.dtype)
    for cell in range(cells):
        for t in range(years):
            acc[:] = 0
            for tau in range(t):
                _add_products(acc, survival[t - tau], need[tau, cell], n_b)
            for b in range(n_b):
                short = demand[t, cell, b] - supply[t, cell, b]
                if t:
                    short -= acc[b]
                # np.maximum(short, 0): NaN stays, −0 is 0
                need[t, cell, b] = short if (short > 0 or short != short) else 0


@lazy_jit(error_model="numpy")
def training_quota_ceil(need: Any, yield_: Any, one_minus_k: Any, k: Any, out: Any) -> None:
    """``out[t] = max(0, ceil((need[t] / yield) · (1 − k) − k))``: the quota of
    :func:`.quota.training_quota_batch` with :func:`.demand.tolerant_ceil` in one pass, in
    the arrays' precision (``one_minus_k`` and ``k`` are given in it), operation by
    operation as NumPy does them. ``need``, ``out``: ``[years, cells, B]``; ``yield_``
    ``[cells, B]``, all positive.
    """
    years, cells, n_b = need.shape
    for t in range(years):
        for cell in range(cells):
            h = need[t, cell]
            y = yield_[cell]
            o = out[t, cell]
            for b in range(n_b):
                v = np.ceil((h[b] / y[b]) * one_minus_k - k)
                o[b] = v if (v > 0 or v != v) else 0  # np.maximum(v, 0): NaN stays, −0 is 0
