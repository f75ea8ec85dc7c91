"""Benchmark of the teacher demand–supply forecast engine against two baselines.

National scenario: 14 regions, 200 districts, 11 grades, 25 subjects, 9 age bands, a 15-year
horizon and 1,000 Monte-Carlo draws (P10/P50/P90 of demand, supply, gap and quota per
district × subject × year). Issue #15's goal: 1 s on one core (peak memory < 2 GB). Figures
and ratios only; nothing here passes or fails on time.

Run:  .venv/bin/python bench/bench_forecast.py [--quick]

The process is pinned to one core and NumPy's threads to 1 before NumPy is imported.
Baselines, measured in the same run:

* **previous implementation** — the same engine with its compiled kernels switched off
  (``_kernels.HAVE_NUMBA = False``): NumPy's radix sort for the quantiles and a year-by-year
  ``einsum`` for the hiring need, i.e. the code as it was before the kernels (and still the
  path without Numba). Timed interleaved with the engine, best of 3 each; the bands must be
  equal to the bit.
* **plain Python loop** — the independent implementation used by the tests
  (``loop_reference``), run on a few draws and extrapolated linearly to all draws (said in
  the output), plus pure-Python quantiles timed on a sample of cells and scaled to all cells.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"
if hasattr(os, "sched_setaffinity"):  # one core, the first this process may use
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

import argparse  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from educluster.engines.forecast import (  # noqa: E402
    Beta,
    DemandInput,
    ForecastInput,
    MonteCarloResult,
    Normal,
    PupilInput,
    QuotaInput,
    SupplyInput,
    Uncertain,
    _kernels,
    run_forecast,
    run_monte_carlo,
)
from educluster.engines.forecast.engine import field_values  # noqa: E402
from educluster.engines.forecast.tests.loop_reference import (  # noqa: E402
    reference_forecast,
    reference_quantile,
)

SUBJECTS = (
    "uzbek_language",
    "literature",
    "russian",
    "english",
    "mathematics",
    "algebra",
    "geometry",
    "informatics",
    "physics",
    "astronomy",
    "chemistry",
    "biology",
    "natural_science",
    "geography",
    "history",
    "world_history",
    "civics",
    "law",
    "economics",
    "education_idea",
    "fine_arts",
    "music",
    "technology",
    "physical_education",
    "pre_conscription",
)
ATTRITION_BY_BAND = np.array([0.08, 0.06, 0.045, 0.035, 0.03, 0.03, 0.035, 0.05, 0.20])
AGE_PROFILE = np.array([0.08, 0.12, 0.14, 0.14, 0.13, 0.13, 0.12, 0.10, 0.04])


def national_input(n_regions: int, n_districts: int, horizon: int, seed: int = 1) -> ForecastInput:
    """A synthetic but plausible national input (Uzbekistan-like magnitudes)."""
    rng = np.random.default_rng(seed)
    n_g, n_s = 11, len(SUBJECTS)
    districts = tuple(f"R{d % n_regions:02d}-D{d:03d}" for d in range(n_districts))
    cohort = rng.uniform(800, 5000, n_districts)[:, None]
    base_pupils = cohort * rng.uniform(0.9, 1.1, (n_districts, n_g))
    promotion = np.full(n_g, 0.985)
    promotion[8] = 0.93  # after grade 9 some pupils leave for vocational education
    repetition = np.full(n_g, 0.004)
    # Curriculum: which subject is taught in which grades, hours per week.
    hours = np.zeros((n_g, n_s))
    teaching = rng.random((n_g, n_s)) < 0.55
    hours[teaching] = rng.choice([1.0, 1.5, 2.0, 3.0, 4.0, 5.0], teaching.sum())
    hours[:4, SUBJECTS.index("mathematics")] = 5.0
    hours[:, SUBJECTS.index("physical_education")] = 2.0
    hours[:7, SUBJECTS.index("fine_arts")] = 1.0
    # Staff ≈ demand today, spread over age bands, with local surpluses and shortfalls.
    classes = np.ceil(base_pupils / 30.0)
    posts = classes @ hours / 18.0
    staff = posts[:, :, None] * rng.uniform(0.8, 1.15, posts.shape)[:, :, None] * AGE_PROFILE
    graduates = posts * 0.08 * rng.uniform(0.5, 1.5, posts.shape)
    return ForecastInput(
        districts=districts,
        subjects=SUBJECTS,
        horizon=horizon,
        pupils=PupilInput(
            base_pupils=base_pupils,
            promotion=promotion,
            repetition=repetition,
            intake_growth=rng.normal(0.01, 0.01, n_districts),
        ),
        demand=DemandInput(max_class_size=np.array(30.0), hours=hours),
        supply=SupplyInput(
            staff=staff,
            attrition=ATTRITION_BY_BAND,
            graduates=np.broadcast_to(graduates, (horizon, *graduates.shape)),
            employment_rate=np.array(0.7),
            share_entering=np.array(0.8),
            retirement_age=60,
        ),
        quota=QuotaInput(programme_length=4, completion_rate=np.array(0.85)),
    )


def uncertainties(inp: ForecastInput) -> list[Uncertain]:
    n_s = len(inp.subjects)
    return [
        Uncertain("attrition", Beta(ATTRITION_BY_BAND, ATTRITION_BY_BAND * 0.2)),
        Uncertain("promotion", Beta(inp.pupils.promotion[0], np.full(11, 0.004))),
        Uncertain("intake_growth", Normal(inp.pupils.intake_growth, 0.01)),
        Uncertain("employment_rate", Beta(np.full(n_s, 0.7), np.full(n_s, 0.06))),
    ]


def loop_baseline(inp: ForecastInput, unc: list[Uncertain], draws: int, loop_draws: int) -> float:
    """Seconds of the plain-Python computation for ``draws`` draws, extrapolated."""
    from educluster.engines.forecast.montecarlo import _draw_all

    drawn = _draw_all(inp, unc, np.random.default_rng(0), loop_draws)
    start = time.perf_counter()
    for i in range(loop_draws):
        # One draw's field values (full arrays), then the pure-Python forecast.
        get = field_values(
            inp, {k: (m, a[..., i : i + 1]) for k, (m, a) in drawn.items()}, slice(None), np.float64
        )
        values = {u.field: np.asarray(get(u.field))[..., 0] for u in unc}
        reference_forecast(inp, values)
    per_draw = (time.perf_counter() - start) / loop_draws
    # Pure-Python quantiles: 4 metrics × cells, each a sort of `draws` values; timed on a sample.
    dims = inp.dims()
    cells = 4 * (dims["year"] + 1) * dims["district"] * dims["subject"]
    sample = [[random.random() for _ in range(draws)] for _ in range(200)]
    start = time.perf_counter()
    for values_ in sample:
        for q in (0.1, 0.5, 0.9):
            reference_quantile(values_, q)
    per_cell = (time.perf_counter() - start) / len(sample)
    return per_draw * draws + per_cell * cells


def _machine_probe() -> float:
    """Seconds to sort 8 million float32: a yardstick of this machine's speed right now."""
    values = np.random.default_rng(0).random(8_000_000, dtype=np.float32)
    start = time.perf_counter()
    values.sort()
    return time.perf_counter() - start


_FRESH = """
import os, sys, time
for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[v] = "1"
sys.path.insert(0, sys.argv[1])
start = time.perf_counter()
import numpy as np
from educluster.engines.forecast import Beta, Uncertain, run_monte_carlo
from educluster.engines.forecast.tests.builders import random_input
imported = time.perf_counter()
run_monte_carlo(random_input(1), [Uncertain("attrition", Beta(0.08, 0.03))], draws=8, seed=0)
print(imported - start, time.perf_counter() - imported)
"""


def _fresh_process() -> tuple[float, float]:
    """(import, first small Monte-Carlo run) seconds in a new process: Numba's import and
    loading its on-disk cache of the kernels (compiled on the very first run)."""
    root = str(Path(__file__).resolve().parents[1])
    out = subprocess.run(
        [sys.executable, "-c", _FRESH, root], capture_output=True, text=True, check=True
    )
    imported, first = (float(x) for x in out.stdout.split())
    return imported, first


def _timed(inp: ForecastInput, unc: list[Uncertain], draws: int) -> tuple[float, float, object]:
    start, cpu = time.perf_counter(), time.process_time()
    result = run_monte_carlo(inp, unc, draws=draws, seed=2026)
    return time.perf_counter() - start, time.process_time() - cpu, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes for a smoke run")
    args = parser.parse_args()
    if args.quick:
        n_regions, n_districts, horizon, draws, loop_draws = 4, 20, 10, 200, 1
    else:
        n_regions, n_districts, horizon, draws, loop_draws = 14, 200, 15, 1000, 2

    inp = national_input(n_regions, n_districts, horizon)
    unc = uncertainties(inp)
    dims = inp.dims()
    print(
        f"forecast bench: {n_regions} regions, {dims['district']} districts, {dims['grade']} "
        f"grades, {dims['subject']} subjects, {dims['age_band']} age bands, horizon "
        f"{horizon} y, {draws} draws; one core, threads pinned to 1; float32 draws; bands "
        "P10/P50/P90 of demand, supply, gap and quota per district x subject x year; "
        f"numba {'yes' if _kernels.HAVE_NUMBA else 'NO'}, numpy {np.__version__}, "
        f"python {sys.version.split()[0]}"
    )
    probe = _machine_probe()
    have_numba = _kernels.HAVE_NUMBA
    # Warm-up of both paths (Numba's import and cached kernels, allocator); the cost of a
    # fresh process is measured separately below.
    run_forecast(inp)
    run_monte_carlo(inp, unc, draws=min(draws, 50), seed=0)
    _kernels.HAVE_NUMBA = False
    run_monte_carlo(inp, unc, draws=min(draws, 50), seed=0)
    _kernels.HAVE_NUMBA = have_numba
    start = time.perf_counter()
    det = run_forecast(inp)
    t_det = time.perf_counter() - start
    runs: dict[str, list[tuple[float, float]]] = {"engine": [], "previous": []}
    results: dict[str, object] = {}
    for _ in range(3):  # interleaved, so that both see the same machine load
        for name, flag in (("engine", have_numba), ("previous", False)):
            _kernels.HAVE_NUMBA = flag
            wall, cpu, results[name] = _timed(inp, unc, draws)
            runs[name].append((wall, cpu))
    _kernels.HAVE_NUMBA = have_numba
    mc = results["engine"]
    prev = results["previous"]
    assert isinstance(mc, MonteCarloResult) and isinstance(prev, MonteCarloResult)
    same = all(  # to the bit: signed zeros and NaNs too
        np.asarray(getattr(mc, m)).tobytes() == np.asarray(getattr(prev, m)).tobytes()
        for m in mc.metrics
    )
    t_mc = min(w for w, _ in runs["engine"])
    t_prev = min(w for w, _ in runs["previous"])
    cpu_mc = min(c for _, c in runs["engine"])
    cpu_prev = min(c for _, c in runs["previous"])

    tracemalloc.start()
    run_monte_carlo(inp, unc, draws=draws, seed=2026)
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    max_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    fresh_import, fresh_first = _fresh_process()
    t_loop = loop_baseline(inp, unc, draws, loop_draws)

    y = -1
    assert mc.demand is not None and mc.gap is not None and mc.quota is not None
    print(
        f"national {det.years[y]}: demand {det.demand[y].sum():,.0f} posts (cell P10s sum to "
        f"{mc.demand[0, y].sum():,.0f}, P90s to {mc.demand[2, y].sum():,.0f}); gap P50s sum to "
        f"{mc.gap[1, y].sum():,.0f}; year-0 quota P50s sum to {mc.quota[1, 0].sum():,.0f}"
    )

    def walls(name: str) -> str:
        return ", ".join(f"{w:.2f}" for w, _ in runs[name])

    print(f"deterministic run:             {t_det * 1000:8.1f} ms")
    print(
        f"Monte-Carlo, {draws} draws:     {t_mc:8.3f} s  (best wall of 3: {walls('engine')} s; "
        f"best CPU {cpu_mc:.2f} s; issue #15's goal: 1 s)"
    )
    print(
        f"previous implementation:       {t_prev:8.3f} s  (best wall of 3: {walls('previous')} "
        f"s; best CPU {cpu_prev:.2f} s; NumPy sort + einsum, kernels off)"
    )
    print(
        f"ratio previous / engine:       {t_prev / t_mc:8.2f}x wall, {cpu_prev / cpu_mc:.2f}x "
        f"CPU; bands {'identical to the bit' if same else 'DIFFERENT'}"
    )
    print(
        f"fresh process:                 import {fresh_import:.2f} s, first small run "
        f"{fresh_first:.2f} s (loads Numba and its cached kernels)"
    )
    print(
        f"machine probe: sorting 8M float32 took {probe * 1000:.0f} ms (about 300 ms on an idle "
        "machine here; more means other work is slowing this run)"
    )
    print(
        f"peak memory: ru_maxrss {max_rss_mb:,.0f} MB (whole process), tracemalloc peak "
        f"{traced_peak / 2**20:,.0f} MB (one Monte-Carlo run); goal < 2048 MB"
    )
    print(
        f"plain Python loop:             {t_loop:8.1f} s  (extrapolated linearly from "
        f"{loop_draws} draw(s) to {draws}; quantiles timed on 200 cells, scaled to all)"
    )
    print(f"ratio loop / engine:           {t_loop / t_mc:8.0f}x")


if __name__ == "__main__":
    main()
