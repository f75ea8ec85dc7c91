"""The compiled kernels (Numba) against the NumPy code they replace: the same bits.

With Numba the quantiles select order statistics instead of sorting, and the hiring-need
recursion runs in one compiled pass; without it the engine runs the NumPy sort and the
year-by-year ``einsum``. Both paths are run here and must agree exactly, and the kernels'
plain-Python originals (``py_func``) are checked on small inputs as a slow reference.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from educluster.engines.forecast import (
    Beta,
    LogNormal,
    Normal,
    Uncertain,
    _kernels,
    quantile_bands,
    run_monte_carlo,
)
from educluster.engines.forecast.montecarlo import Metric
from educluster.engines.forecast.quota import training_quota_batch

from .builders import random_input

pytestmark = pytest.mark.skipif(not _kernels.HAVE_NUMBA, reason="Numba is not installed")

QUANTILES = (0.1, 0.5, 0.9)
METRICS: tuple[Metric, ...] = ("demand", "supply", "gap", "hiring_need", "quota")


def _without_numba(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_kernels, "HAVE_NUMBA", False)


def _both(values: np.ndarray, **kw: object) -> tuple[np.ndarray, np.ndarray]:
    compiled = quantile_bands(values.copy(), QUANTILES, **kw)  # type: ignore[arg-type]
    with pytest.MonkeyPatch.context() as mp:
        _without_numba(mp)
        sorted_ = quantile_bands(values.copy(), QUANTILES, **kw)  # type: ignore[arg-type]
    return compiled, sorted_


@settings(max_examples=80, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.integers(1, 300),
    st.sampled_from(["lognormal", "ties", "counts", "spike"]),
    st.sampled_from([np.float32, np.float64]),
)
def test_it_selects_the_same_quantiles_as_the_sort(seed: int, n: int, kind: str, dtype) -> None:
    rng = np.random.default_rng(seed)
    values: np.ndarray
    if kind == "lognormal":
        values = rng.lognormal(3, 1.0, (40, n))
    elif kind == "ties":
        values = rng.integers(0, 4, (40, n)) * 0.37
    elif kind == "counts":
        values = rng.integers(0, 70_000 if seed % 2 else 300, (40, n)).astype(float)
    else:
        values = np.where(rng.random((40, n)) < 0.02, 1e6, rng.random((40, n)))
    values = values.astype(dtype)
    values[0] = values[0, 0]  # a constant row
    compiled, sorted_ = _both(values)
    np.testing.assert_array_equal(compiled, sorted_)
    compiled, sorted_ = _both(values, integer=True)
    np.testing.assert_array_equal(compiled, sorted_)


def test_it_falls_back_to_the_exact_sort_for_non_finite_draws() -> None:
    values = np.random.default_rng(3).random((5, 50)).astype(np.float32)
    values[2, 7] = np.inf
    compiled, sorted_ = _both(values)
    np.testing.assert_array_equal(compiled, sorted_)


def test_it_gives_the_compiled_results_in_plain_python() -> None:
    rng = np.random.default_rng(4)
    rows = rng.lognormal(2, 0.5, (6, 37)).astype(np.float32)
    lo = rows.min(axis=1)
    scale = (65535 / (rows.max(axis=1).astype(np.float64) - lo)).astype(np.float32)
    ranks = np.array([3, 4, 18, 32, 33])
    got, ref = (np.empty((6, 5), dtype=np.int64) for _ in range(2))
    _kernels.radix16_order_statistics(rows, lo, scale, False, ranks, got)
    plain = _kernels.radix16_order_statistics.py_func  # type: ignore[attr-defined]
    plain(rows, lo, scale, False, ranks, ref)
    codes = ((rows - lo[:, None]) * scale[:, None]).astype(np.uint16)
    np.testing.assert_array_equal(got, ref)
    np.testing.assert_array_equal(got, np.sort(codes, axis=1)[:, ranks])

    demand = rng.random((5, 3, 8)).astype(np.float32) * 10
    supply = rng.random((5, 3, 8)).astype(np.float32) * 10
    survival = rng.random((5, 8)).astype(np.float32)
    need, need_ref = np.empty_like(demand), np.empty_like(demand)
    _kernels.hiring_need_flat(demand, supply, survival, need)
    plain = _kernels.hiring_need_flat.py_func  # type: ignore[attr-defined]
    plain(demand, supply, survival, need_ref)
    np.testing.assert_array_equal(need, need_ref)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("seed", [2, 9])
def test_it_gives_the_same_bands_with_and_without_numba(seed: int, dtype) -> None:
    inp = random_input(seed)
    uncertain = [
        Uncertain("attrition", Beta(0.08, 0.03)),
        Uncertain("promotion", Beta(np.clip(inp.pupils.promotion, 0.05, 0.95), 0.02)),
        Uncertain("intake_growth", Normal(0.01, 0.02)),
        Uncertain("employment_rate", Beta(0.7, 0.1)),
        Uncertain("graduates", LogNormal(1.0, 0.3), mode="scale"),
    ]
    kw = dict(draws=120, seed=seed, dtype=dtype, metrics=METRICS)
    compiled = run_monte_carlo(inp, uncertain, **kw)
    with pytest.MonkeyPatch.context() as mp:
        _without_numba(mp)
        plain = run_monte_carlo(inp, uncertain, **kw)
    for metric in METRICS:
        a, b = getattr(compiled, metric), getattr(plain, metric)
        assert a.tobytes() == b.tobytes(), metric  # to the bit (signed zeros, NaNs)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_it_computes_the_same_quotas_compiled(dtype) -> None:
    rng = np.random.default_rng(6)
    need = (rng.random((9, 4, 3, 50)) * 30).astype(dtype)
    need[:, 0] = 0.0
    yield_ = (rng.random((1, 3, 50)) * 0.9 + 0.05).astype(dtype)
    compiled = training_quota_batch(need, 4, yield_)
    with pytest.MonkeyPatch.context() as mp:
        _without_numba(mp)
        plain = training_quota_batch(need, 4, yield_)
        zero = yield_.copy()
        zero[0, 1] = 0.0  # no yield: the NumPy path (inf or 0), with or without Numba
        plain_zero = training_quota_batch(need, 4, zero)
    assert compiled.tobytes() == plain.tobytes()
    np.testing.assert_array_equal(training_quota_batch(need, 4, zero), plain_zero)
    out = np.empty((5, 12, 50), dtype=dtype)
    kernel = _kernels.training_quota_ceil.py_func  # type: ignore[attr-defined]
    k = 64 * float(np.finfo(dtype).eps)
    kernel(need[4:].reshape(5, 12, 50), np.broadcast_to(yield_, (4, 3, 50)).reshape(12, 50),
           dtype(1 - k), dtype(k), out)  # fmt: skip
    np.testing.assert_array_equal(out, compiled[:5].reshape(5, 12, 50))
