"""Difference-in-differences against statsmodels OLS with cluster-robust covariance."""

from __future__ import annotations

import math
import statistics
from typing import Any

import numpy as np
import pytest
import statsmodels.api as sm

from educluster.engines.stats import difference_in_differences


def _classes_design(seed: int, n_classes: int, size: int, attrition: float) -> dict[str, Any]:
    """Classes nested in arms; every pupil measured pre and (unless lost) post."""
    rng = np.random.default_rng(seed)
    klass = np.repeat(np.arange(n_classes), size)
    treated = (klass % 2).astype(int)
    pupil_effect = rng.normal(0, 8, klass.size)
    class_effect = rng.normal(0, 4, n_classes)[klass]
    rows: dict[str, list[Any]] = {"score": [], "treated": [], "post": [], "cluster": []}
    for post in (0, 1):
        keep = rng.random(klass.size) >= (attrition if post else 0.0)
        score = (
            40
            + class_effect
            + pupil_effect
            + post * (5 + 3 * treated)
            + rng.normal(0, 4, klass.size)
        )
        rows["score"] += list(score[keep])
        rows["treated"] += list(treated[keep])
        rows["post"] += [post] * int(keep.sum())
        rows["cluster"] += list(klass[keep])
    return {k: np.asarray(v) for k, v in rows.items()}


def _schools_design(seed: int) -> dict[str, Any]:
    """Clusters are schools holding both experimental and control classes; unbalanced cells."""
    rng = np.random.default_rng(seed)
    n = 700
    school = rng.integers(0, 14, n)
    treated = rng.integers(0, 2, n)
    post = rng.integers(0, 2, n)
    score = rng.integers(0, 21, n) + 2.0 * treated * post + 0.5 * school
    labels = np.array([f"school-{s:02d}" for s in school])
    return {"score": score.astype(float), "treated": treated, "post": post, "cluster": labels}


DESIGNS = {
    "classes_balanced": _classes_design(1, 24, 20, 0.0),
    "classes_attrition": _classes_design(2, 40, 13, 0.15),
    "few_classes": _classes_design(3, 4, 25, 0.1),
    "schools_mixed_string_labels": _schools_design(4),
}


def _statsmodels_fit(design: dict[str, Any]) -> Any:
    t, p = design["treated"].astype(float), design["post"].astype(float)
    exog = np.column_stack((np.ones_like(t), t, p, t * p))
    _, groups = np.unique(design["cluster"], return_inverse=True)
    return sm.OLS(design["score"], exog).fit(
        cov_type="cluster", cov_kwds={"groups": groups}, use_t=True
    )


@pytest.mark.parametrize("name", sorted(DESIGNS))
@pytest.mark.parametrize("confidence", [0.9, 0.95])
def test_it_matches_statsmodels_cluster_robust_ols(name: str, confidence: float) -> None:
    design = DESIGNS[name]
    result = difference_in_differences(
        design["score"],
        design["treated"],
        design["post"],
        design["cluster"],
        confidence=confidence,
    )
    fit = _statsmodels_fit(design)
    low, high = fit.conf_int(alpha=1 - confidence)[3]
    assert result.estimate == pytest.approx(fit.params[3], rel=1e-9, abs=1e-12)
    assert result.se == pytest.approx(fit.bse[3], rel=1e-9)
    assert result.t == pytest.approx(fit.tvalues[3], rel=1e-9)
    assert result.p_value == pytest.approx(fit.pvalues[3], rel=1e-9)
    assert result.df == fit.df_resid_inference
    assert result.ci_low == pytest.approx(low, rel=1e-9)
    assert result.ci_high == pytest.approx(high, rel=1e-9)
    assert (result.intercept, result.treated_coef, result.post_coef) == pytest.approx(
        tuple(fit.params[:3]), rel=1e-9, abs=1e-9
    )
    assert result.n_clusters == len(set(design["cluster"].tolist()))
    assert result.n_observations == design["score"].size


def test_it_computes_morris_d_ppc2() -> None:
    design = DESIGNS["classes_attrition"]
    result = difference_in_differences(
        design["score"], design["treated"], design["post"], design["cluster"]
    )
    pre_t = design["score"][(design["treated"] == 1) & (design["post"] == 0)].tolist()
    pre_c = design["score"][(design["treated"] == 0) & (design["post"] == 0)].tolist()
    n_t, n_c = len(pre_t), len(pre_c)
    sd_pre = math.sqrt(
        ((n_t - 1) * statistics.variance(pre_t) + (n_c - 1) * statistics.variance(pre_c))
        / (n_t + n_c - 2)
    )
    c_p = 1 - 3 / (4 * (n_t + n_c - 2) - 1)
    assert result.effect_size == pytest.approx(c_p * result.estimate / sd_pre, rel=1e-9)


def test_it_reproduces_card_and_krueger_cell_means() -> None:
    # Card & Krueger (1994, AER 84(4), Table 3): mean FTE employment, New Jersey 20.44 → 21.03,
    # Pennsylvania 23.33 → 21.17; the published DiD is 2.76 (2.75 from the rounded means).
    means = {(1, 0): 20.44, (1, 1): 21.03, (0, 0): 23.33, (0, 1): 21.17}
    score, treated, post, cluster = [], [], [], []
    for (t, p), mean in means.items():
        offsets = (-1.5, -0.5, 0.5, 1.5)
        for store in range(4):
            # Stores keep their identity across waves but change differently, as real ones do.
            score.append(mean + offsets[(store + p) % 4])
            treated.append(t)
            post.append(p)
            cluster.append(f"{t}-{store}")
    result = difference_in_differences(score, treated, post, cluster, min_clusters=2)
    assert result.estimate == pytest.approx(2.75, abs=1e-9)
    assert abs(result.estimate - 2.76) <= 0.011
    assert result.cells.treated_post == pytest.approx(21.03)
    assert result.cells.n_control_pre == 4


def test_it_warns_when_an_arm_has_few_clusters() -> None:
    design = DESIGNS["few_classes"]
    args = (design["score"], design["treated"], design["post"], design["cluster"])
    result = difference_in_differences(*args)
    assert result.few_clusters
    assert result.warnings == ("few_clusters",)
    assert (result.n_clusters_treated, result.n_clusters_control) == (2, 2)
    assert not difference_in_differences(*args, min_clusters=2).few_clusters


def test_it_flags_a_pretest_without_spread() -> None:
    score = [0, 0, 0, 0, 3, 5, 4, 9, 0, 0, 0, 0, 6, 8, 7, 12]
    treated = [0] * 8 + [1] * 8
    post = [0, 0, 0, 0, 1, 1, 1, 1] * 2
    cluster = [1, 2, 1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4, 3, 4]
    result = difference_in_differences(score, treated, post, cluster, min_clusters=2)
    assert result.effect_size is None
    assert result.warnings == ("zero_pretest_variance",)
    assert result.estimate == pytest.approx(3.0)
