"""Benchmark of the statistics engine's whole-study analysis.

Generates a School-Lab study — pupils × 3 waves (pre, post, follow-up), experimental and control
classes, a known effect, some attrition — and times :func:`analyse_study` end to end against a
named baseline measured in the same run: the straightforward SciPy calls per statistic plus the
statsmodels formula API ``smf.ols("score ~ treated * post").fit(cov_type="cluster")`` for the
difference-in-differences (pandas-free: the data are a dict of NumPy arrays).

Run: ``.venv/bin/python bench/bench_stats.py`` (100,000 pupils) or ``--quick`` (10,000).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import statsmodels.formula.api as smf
from numpy.typing import NDArray
from scipy import stats as sps

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from educluster.engines.stats import analyse_study, difference_in_differences

TARGET_SECONDS = 0.5
TRUE_EFFECT = 0.30  # in pupil-level SD units, at the post-test
PUPILS_PER_CLASS = 25


def make_study(n_pupils: int, seed: int) -> dict[str, NDArray[Any]]:
    """Flat arrays of a study with class random effects and 5 % attrition per later wave."""
    rng = np.random.default_rng(seed)
    n_classes = n_pupils // PUPILS_PER_CLASS
    pupil = np.arange(n_pupils)
    klass = rng.integers(0, n_classes, n_pupils)
    treated_class = rng.random(n_classes) < 0.5
    group = treated_class[klass].astype(np.int64)
    class_effect = rng.normal(0.0, 0.35, n_classes)[klass]
    ability = rng.normal(0.0, 1.0, n_pupils)
    rows = []
    for wave, effect, growth in ((0, 0.0, 0.0), (1, TRUE_EFFECT, 0.4), (2, 0.2, 0.5)):
        present = np.ones(n_pupils, bool) if wave == 0 else rng.random(n_pupils) > 0.05
        noise = rng.normal(0.0, 0.6, n_pupils)
        score = 50 + 10 * (ability + class_effect + growth + effect * group + noise)
        rows.append((pupil[present], group[present], klass[present], score[present], wave))
    order = rng.permutation(sum(r[0].size for r in rows))
    return {
        "pupil": np.concatenate([r[0] for r in rows])[order],
        "group": np.concatenate([r[1] for r in rows])[order],
        "cluster": np.concatenate([r[2] for r in rows])[order],
        "wave": np.concatenate([np.full(r[0].size, r[4]) for r in rows])[order],
        "score": np.concatenate([r[3] for r in rows])[order],
    }


def baseline(data: dict[str, NDArray[Any]]) -> dict[str, Any]:
    """The straightforward pipeline: one SciPy/statsmodels call per statistic."""
    out: dict[str, Any] = {}
    pupil, group, wave, score = data["pupil"], data["group"], data["wave"], data["score"]
    for g in (0, 1):
        for w in (0, 1, 2):
            x = score[(group == g) & (wave == w)]
            out[f"describe{g}{w}"] = (
                sps.describe(x),
                np.percentile(x, [25, 50, 75]),
                sps.t.interval(0.95, x.size - 1, x.mean(), sps.sem(x)),
            )
    for w in (0, 1, 2):
        x, y = score[(group == 1) & (wave == w)], score[(group == 0) & (wave == w)]
        welch = sps.ttest_ind(x, y, equal_var=False)
        out[f"welch{w}"] = (welch, welch.confidence_interval())
        out[f"mwu{w}"] = sps.mannwhitneyu(x, y)
        pooled = np.sqrt(
            ((x.size - 1) * x.var(ddof=1) + (y.size - 1) * y.var(ddof=1)) / (x.size + y.size - 2)
        )
        out[f"g{w}"] = (x.mean() - y.mean()) / pooled
    for g in (0, 1):
        pre = (group == g) & (wave == 0)
        for w in (1, 2):
            later = (group == g) & (wave == w)
            _, i, j = np.intersect1d(pupil[pre], pupil[later], return_indices=True)
            before, after = score[pre][i], score[later][j]
            paired = sps.ttest_rel(after, before)
            out[f"paired{g}{w}"] = (
                paired,
                paired.confidence_interval(),
                sps.wilcoxon(after - before),
            )
    for w in (1, 2):
        rows = (wave == 0) | (wave == w)
        frame = {
            "score": score[rows],
            "treated": group[rows],
            "post": (wave[rows] == w).astype(np.int64),
        }
        fit = smf.ols("score ~ treated * post", data=frame).fit(
            cov_type="cluster", cov_kwds={"groups": data["cluster"][rows]}, use_t=True
        )
        out[f"did{w}"] = fit
    return out


def did_baseline(data: dict[str, NDArray[Any]]) -> Any:
    rows = data["wave"] <= 1
    frame = {
        "score": data["score"][rows],
        "treated": data["group"][rows],
        "post": data["wave"][rows],
    }
    return smf.ols("score ~ treated * post", data=frame).fit(
        cov_type="cluster", cov_kwds={"groups": data["cluster"][rows]}, use_t=True
    )


def did_engine(data: dict[str, NDArray[Any]]) -> Any:
    rows = data["wave"] <= 1
    return difference_in_differences(
        data["score"][rows], data["group"][rows], data["wave"][rows], data["cluster"][rows]
    )


def timed(function: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """Median wall time over ``repeats`` runs (after one warm-up) and the last result."""
    result = function()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 pupils instead of 100,000")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    n_pupils = 10_000 if args.quick else 100_000
    data = make_study(n_pupils, seed=20240901)
    n_rows = data["score"].size
    n_classes = np.unique(data["cluster"]).size
    print(f"study: {n_pupils:,} pupils, {n_rows:,} results, {n_classes:,} classes, 3 waves")

    def engine() -> Any:
        return analyse_study(
            data["pupil"], data["group"], data["cluster"], data["wave"], data["score"]
        )

    engine_s, analysis = timed(engine, args.repeats)
    # What the Django adapter will pass: pseudonymous pupil codes and class names as str lists.
    pupil_codes = [f"P{p:06d}" for p in data["pupil"].tolist()]
    class_names = [f"school-{c // 20}/class-{c}" for c in data["cluster"].tolist()]
    text_s, _ = timed(
        lambda: analyse_study(pupil_codes, data["group"], class_names, data["wave"], data["score"]),
        args.repeats,
    )
    baseline_s, reference = timed(lambda: baseline(data), max(1, args.repeats // 2))
    did_engine_s, did = timed(lambda: did_engine(data), args.repeats)
    did_base_s, fit = timed(lambda: did_baseline(data), max(1, args.repeats // 2))

    # The two must agree before their speeds mean anything.
    assert abs(did.estimate - fit.params["treated:post"]) < 1e-9 * max(1.0, abs(did.estimate))
    assert abs(did.se - fit.bse["treated:post"]) < 1e-9 * did.se
    assert abs(analysis.did.se - reference["did1"].bse["treated:post"]) < 1e-9 * did.se
    welch = analysis.between(1).welch
    assert abs(welch.t - reference["welch1"][0].statistic) < 1e-9 * abs(welch.t)

    print(
        f"DiD estimate {analysis.did.estimate:.3f} points "
        f"(true {TRUE_EFFECT * 10:.1f}), SE {analysis.did.se:.3f}, "
        f"{analysis.did.n_clusters:,} clusters; d_ppc2 {analysis.did.effect_size:.3f}"
    )
    print(f"{'':40s}{'engine':>10s}{'baseline':>11s}{'ratio':>8s}")
    print(
        f"{'analyse_study vs SciPy + smf.ols':40s}{engine_s:9.3f}s{baseline_s:10.3f}s"
        f"{baseline_s / engine_s:7.1f}x"
    )
    print(
        f"{'DiD: closed-form CR1 vs smf.ols cluster':40s}{did_engine_s:9.3f}s{did_base_s:10.3f}s"
        f"{did_base_s / did_engine_s:7.1f}x"
    )
    print(f"{'analyse_study, text pupil/class codes':40s}{text_s:9.3f}s")
    for label, seconds in (("integer ids", engine_s), ("text codes", text_s)):
        verdict = "meets" if seconds <= TARGET_SECONDS else "MISSES"
        print(f"analyse_study ({label}) {seconds:.3f}s {verdict} the {TARGET_SECONDS}s target")


if __name__ == "__main__":
    main()
