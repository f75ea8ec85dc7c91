"""Benchmark of the matching engine against named baselines, measured in the same run.

Run ``.venv/bin/python bench/bench_matching.py`` (``--quick`` for smaller sizes). Prints one table:
seconds, peak memory, matched share and the speed ratio against

* ``matching 1.4.3`` (``HospitalResident.create_from_dictionaries(...)`` then
  ``.solve(optimal="resident")``, construction + solve), for the sizes where it finishes quickly;
* ``plain-Python DA``: a straightforward list-and-heap deferred acceptance written below, the
  reference for the national round where ``matching`` would take minutes.

Instances: each applicant lists distinct hosts drawn with popularity weights (lognormal, sigma 1),
capacities sum to 1.1 x applicants (at least one seat each), hosts rank the applicants who listed
them in a random strict order. Engine timings start from NumPy arrays (preferences CSR, host
ranking CSR, capacities) and end with a ``MatchResult``. Numba JIT compilation is reported on its
own line (first call in a fresh cache) and excluded from the warm timings.
"""

from __future__ import annotations

import argparse
import gc
import heapq
import os
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from educluster.engines.matching import (
    CSR,
    HAVE_NUMBA,
    build_market,
    check_matching,
    deferred_acceptance,
    optimal_assignment,
)


@dataclass
class Instance:
    n: int
    m: int
    pref_indptr: np.ndarray
    pref_hosts: np.ndarray
    host_indptr: np.ndarray
    host_apps: np.ndarray
    capacities: np.ndarray

    ARRAYS = ("pref_indptr", "pref_hosts", "host_indptr", "host_apps", "capacities")


def generate(n: int, m: int, k: int, seed: int) -> Instance:
    """Random market with popularity skew (see the module docstring)."""
    rng = np.random.default_rng(seed)
    weight = rng.lognormal(0.0, 1.0, m)
    weight /= weight.sum()
    cdf = np.cumsum(weight)
    rows = np.full((n, k), -1, dtype=np.int64)
    need = np.arange(n)
    while len(need):
        width = 3 * k
        draws = np.minimum(np.searchsorted(cdf, rng.random((len(need), width))), m - 1)
        merged = np.concatenate([rows[need], draws], axis=1)
        order = np.argsort(merged, axis=1, kind="stable")
        srt = np.take_along_axis(merged, order, axis=1)
        dup = np.zeros_like(srt, dtype=bool)
        dup[:, 1:] = srt[:, 1:] == srt[:, :-1]
        dup |= srt < 0
        keep = np.empty_like(dup)
        np.put_along_axis(keep, order, ~dup, axis=1)
        rank = np.cumsum(keep, axis=1)
        keep &= rank <= k
        got = keep.sum(axis=1)
        new_rows = np.full((len(need), k), -1, dtype=np.int64)
        r_idx, c_idx = np.nonzero(keep)
        new_rows[r_idx, rank[r_idx, c_idx] - 1] = merged[r_idx, c_idx]
        rows[need] = new_rows
        need = need[got < k]
    pref_indptr = np.arange(0, n * k + 1, k, dtype=np.int64)
    pref_hosts = rows.ravel()
    apps = np.repeat(np.arange(n, dtype=np.int64), k)
    order = np.lexsort((rng.random(n * k), pref_hosts))
    host_apps = apps[order]
    host_indptr = np.zeros(m + 1, dtype=np.int64)
    np.cumsum(np.bincount(pref_hosts, minlength=m), out=host_indptr[1:])
    seats = round(1.1 * n)
    capacities = 1 + rng.multinomial(seats - m, np.full(m, 1.0 / m))
    return Instance(n, m, pref_indptr, pref_hosts, host_indptr, host_apps, capacities)


def engine_da(inst: Instance) -> Any:
    market = build_market(
        CSR(inst.pref_indptr, inst.pref_hosts),
        CSR(inst.host_indptr, inst.host_apps),
        inst.capacities,
    )
    return deferred_acceptance(market).assignment


def engine_da_hosts(inst: Instance) -> Any:
    market = build_market(
        CSR(inst.pref_indptr, inst.pref_hosts),
        CSR(inst.host_indptr, inst.host_apps),
        inst.capacities,
    )
    return deferred_acceptance(market, proposing="hosts").assignment


def engine_optimal(inst: Instance) -> Any:
    market = build_market(CSR(inst.pref_indptr, inst.pref_hosts), None, inst.capacities)
    return optimal_assignment(market).assignment


def plain_python_da(inst: Instance) -> Any:
    """Reference: applicant-proposing DA over Python lists with a heap per host."""
    indptr = inst.pref_indptr.tolist()
    hosts = inst.pref_hosts.tolist()
    h_indptr = inst.host_indptr.tolist()
    h_apps = inst.host_apps.tolist()
    cap = inst.capacities.tolist()
    n, m = inst.n, inst.m
    rank_of: list[dict[int, int]] = [{} for _ in range(m)]
    for h in range(m):
        d = rank_of[h]
        for r, a in enumerate(h_apps[h_indptr[h] : h_indptr[h + 1]]):
            d[a] = r
    nxt = indptr[:-1]
    held: list[list[tuple[int, int]]] = [[] for _ in range(m)]
    assign = [-1] * n
    for start in range(n):
        a = start
        while a >= 0:
            nxt_a, end, displaced = nxt[a], indptr[a + 1], -1
            while nxt_a < end:
                h = hosts[nxt_a]
                nxt_a += 1
                r = rank_of[h].get(a)
                if r is None or cap[h] == 0:
                    continue
                heap = held[h]
                if len(heap) < cap[h]:
                    heapq.heappush(heap, (-r, a))
                    assign[a] = h
                    break
                if -heap[0][0] > r:
                    displaced = heapq.heapreplace(heap, (-r, a))[1]
                    assign[displaced] = -1
                    assign[a] = h
                    break
            nxt[a] = nxt_a
            a = displaced
    return np.asarray(assign)


def matching_library(inst: Instance, optimal: str = "resident") -> Any:
    """``matching`` 1.4.3: construction from dictionaries + solve (names are the integer ids).

    Its constructor deep-copies the web of players, which recurses once per linked player, so the
    call runs in a thread with a large stack and a raised recursion limit.
    """
    box: dict[str, Any] = {}
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 1_000_000))
    old_stack = threading.stack_size(1 << 30)
    try:
        worker = threading.Thread(target=lambda: box.update(out=_matching_run(inst, optimal)))
        worker.start()
        worker.join()
    finally:
        threading.stack_size(old_stack)
        sys.setrecursionlimit(limit)
    return box["out"]


def _matching_run(inst: Instance, optimal: str) -> Any:
    from matching.games import HospitalResident

    res = {
        a: inst.pref_hosts[inst.pref_indptr[a] : inst.pref_indptr[a + 1]].tolist()
        for a in range(inst.n)
    }
    hos = {
        h: inst.host_apps[inst.host_indptr[h] : inst.host_indptr[h + 1]].tolist()
        for h in range(inst.m)
    }
    caps = {h: int(c) for h, c in enumerate(inst.capacities.tolist())}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(res, hos, caps)
        solved = game.solve(optimal=optimal)
    assign = np.full(inst.n, -1, dtype=np.int64)
    for hospital, residents in solved.items():
        for r in residents:
            assign[r.name] = hospital.name
    return assign


IMPLS: dict[str, Callable[[Instance], Any]] = {
    "engine": engine_da,
    "engine-hosts": engine_da_hosts,
    "optimal": engine_optimal,
    "python": plain_python_da,
    "matching": matching_library,
}


def best_time(fn: Callable[[Instance], Any], inst: Instance, repeat: int) -> tuple[float, Any]:
    """Best wall time of ``repeat`` runs in this (warm) process, and the last output."""
    best, out = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        out = fn(inst)
        best = min(best, time.perf_counter() - t0)
    return best, out


def peak_rss_mib() -> float:
    """This process's peak resident set (VmHWM; unlike ru_maxrss it is not inherited on exec)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource  # not Linux: fall back to ru_maxrss

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(path: str, impl: str) -> None:
    """Fresh process: load the arrays, run ``impl`` once and print seconds and peak RSS (MiB)."""
    data = np.load(path)
    inst = Instance(int(data["n"]), int(data["m"]), *(data[k] for k in Instance.ARRAYS))
    if impl.startswith(("engine", "optimal")):
        IMPLS[impl](generate(50, 5, 3, seed=0))  # load the cached kernels / OR-Tools first
    before = peak_rss_mib()
    t0 = time.perf_counter()
    out = IMPLS[impl](inst)
    sec = time.perf_counter() - t0
    np.save(path + f".{impl}.npy", out)
    print(f"{sec:.4f} {before:.1f} {peak_rss_mib():.1f}")


@dataclass
class ChildRun:
    seconds: float
    rss_before: float
    rss_peak: float
    assignment: Any

    @property
    def growth(self) -> float:
        return self.rss_peak - self.rss_before


def in_fresh_process(inst: Instance, impl: str) -> ChildRun:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "instance.npz")
        np.savez(path, n=inst.n, m=inst.m, **{a: getattr(inst, a) for a in Instance.ARRAYS})
        out = subprocess.run(
            [sys.executable, __file__, "--child", path, "--impl", impl],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        assignment = np.load(path + f".{impl}.npy")
    return ChildRun(float(out[0]), float(out[1]), float(out[2]), assignment)


def jit_cold_seconds() -> float:
    """Import + first call in a fresh process with an empty Numba cache: the JIT compile time."""
    here = str(Path(__file__).resolve().parent)
    code = (
        f"import time; t=time.perf_counter(); import sys; sys.path.insert(0, {here!r}); "
        "from bench_matching import engine_da, generate; engine_da(generate(50, 5, 3, 0)); "
        "print(time.perf_counter()-t)"
    )
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "NUMBA_CACHE_DIR": cache}
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
    return float(out.stdout.split()[-1])


def total_rank(inst: Instance, assign: Any) -> int:
    """Sum of 1-based choice positions of the matched applicants."""
    rows = np.repeat(np.arange(inst.n), np.diff(inst.pref_indptr))
    hit = assign[rows] == inst.pref_hosts
    return int((np.flatnonzero(hit) - inst.pref_indptr[rows[hit]] + 1).sum())


ROW = "{:<22} {:<30} {:>9} {:>9} {:>9} {:>8}  {}"


def row(size: str, name: str, sec: float, child: ChildRun, ratio: str = "") -> None:
    share = float((child.assignment >= 0).mean())
    print(
        ROW.format(
            size,
            name,
            f"{sec:.4f}",
            f"{child.growth:.0f}",
            f"{child.rss_peak:.0f}",
            f"{share:.3f}",
            ratio,
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer repeats")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--impl", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.impl)
        return
    quick = args.quick
    started = time.perf_counter()
    print(f"numba {HAVE_NUMBA}, numpy {np.__version__}, python {sys.version.split()[0]}")
    if HAVE_NUMBA:
        cold = jit_cold_seconds()
        print(f"JIT compile, empty cache (import + first call, fresh process): {cold:.2f} s")
    t0 = time.perf_counter()
    engine_da(generate(50, 5, 3, seed=0))
    warm = time.perf_counter() - t0
    print(f"first call in this process (kernels loaded from the disk cache): {warm:.3f} s")
    print(
        "seconds: best of several runs in a warm process (matching 1.4.3: one run);\n"
        "+RSS: growth of peak resident memory during one run in a fresh process that has already\n"
        "loaded the input arrays; peak RSS: that process's total (interpreter and libraries too)\n"
    )
    print(
        ROW.format(
            "size (n x m x k)",
            "implementation",
            "seconds",
            "+RSS MiB",
            "peak RSS",
            "matched",
            "ratio",
        )
    )

    # 1. Against matching 1.4.3 (construction + solve) and the plain-Python reference.
    n, m, k = (2_000, 200, 10) if quick else (10_000, 1_000, 10)
    inst = generate(n, m, k, seed=1)
    size = f"{n:,} x {m:,} x {k}"
    t_eng, a_eng = best_time(engine_da, inst, 7)
    t_py, a_py = best_time(plain_python_da, inst, 3)
    lib = in_fresh_process(inst, "matching")
    assert np.array_equal(a_eng, a_py) and np.array_equal(a_eng, lib.assignment), "results differ"
    row(size, "engine DA (arrays -> result)", t_eng, in_fresh_process(inst, "engine"))
    row(
        size,
        "plain-Python DA",
        t_py,
        in_fresh_process(inst, "python"),
        f"engine {t_py / t_eng:.0f}x faster",
    )
    row(size, "matching 1.4.3 HR", lib.seconds, lib, f"engine {lib.seconds / t_eng:.0f}x faster")

    # 2. National round.
    n, m, k = (40_000, 4_000, 20) if quick else (200_000, 20_000, 20)
    inst = generate(n, m, k, seed=2)
    size = f"{n:,} x {m:,} x {k}"
    t_eng, a_eng = best_time(engine_da, inst, 5)
    t_host, _ = best_time(engine_da_hosts, inst, 5)
    t_py, a_py = best_time(plain_python_da, inst, 1)
    assert np.array_equal(a_eng, a_py), "results differ"
    eng = in_fresh_process(inst, "engine")
    row(size, "engine DA (arrays -> result)", t_eng, eng)
    row(size, "engine DA, hosts proposing", t_host, in_fresh_process(inst, "engine-hosts"))
    row(
        size,
        "plain-Python DA",
        t_py,
        in_fresh_process(inst, "python"),
        f"engine {t_py / t_eng:.1f}x faster",
    )
    market = build_market(
        CSR(inst.pref_indptr, inst.pref_hosts),
        CSR(inst.host_indptr, inst.host_apps),
        inst.capacities,
    )
    t1 = time.perf_counter()
    stable = check_matching(market, a_eng).is_stable
    print(f"  checker on the engine result: {time.perf_counter() - t1:.4f} s, stable: {stable}")
    print(f"  engine in a fresh process, first run on untouched memory: {eng.seconds:.3f} s")

    # 3. Optimal-assignment mode.
    n, m, k = (10_000, 1_000, 20) if quick else (50_000, 5_000, 20)
    inst = generate(n, m, k, seed=3)
    size = f"{n:,} x {m:,} x {k}"
    t_opt, a_opt = best_time(engine_optimal, inst, 1)
    t_eng, a_eng = best_time(engine_da, inst, 3)
    row(size, "optimal: min total rank", t_opt, in_fresh_process(inst, "optimal"))
    row(size, "engine DA, same instance", t_eng, in_fresh_process(inst, "engine"))
    print(
        f"  total rank (sum of 1-based choice positions): optimal {total_rank(inst, a_opt):,}, "
        f"stable DA {total_rank(inst, a_eng):,}"
    )
    print(f"\nbenchmark wall time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
