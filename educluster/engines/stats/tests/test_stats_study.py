"""analyse_study: agrees with the single-statistic functions and statsmodels, and validates."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np
import pytest
import statsmodels.api as sm

from educluster.engines.stats import (
    CONTROL,
    EXPERIMENTAL,
    FOLLOW_UP,
    POST,
    PRE,
    StatsInputError,
    analyse_study,
    baseline_equivalence,
    describe,
    effect_magnitude,
    hedges_g,
    mann_whitney_u,
    paired_comparison,
    welch_t_test,
)

from ._reference import assert_close

Study = dict[str, list[Any]]


def make_study(seed: int, *, n_classes: int = 12, size: int = 15, follow_up: bool = True) -> Study:
    """Pupil codes like "P0042", classes like "7-B3", 10 % attrition after the pre-test."""
    rng = np.random.default_rng(seed)
    study: Study = {"pupil": [], "group": [], "cluster": [], "wave": [], "score": []}
    waves = (PRE, POST, FOLLOW_UP) if follow_up else (PRE, POST)
    for c in range(n_classes):
        group = c % 2
        class_effect = rng.normal(0, 3)
        for i in range(size):
            ability = rng.normal(0, 8)
            for wave in waves:
                if wave != PRE and rng.random() < 0.1:
                    continue
                gain = {PRE: 0.0, POST: 4.0 + 5.0 * group, FOLLOW_UP: 5.0 + 3.0 * group}[wave]
                study["pupil"].append(f"P{c * size + i:04d}")
                study["group"].append(group)
                study["cluster"].append(f"7-B{c}")
                study["wave"].append(wave)
                study["score"].append(round(50 + class_effect + ability + gain + rng.normal(0, 4)))
    return study


def analyse(study: Study, **kwargs: Any) -> Any:
    return analyse_study(
        study["pupil"], study["group"], study["cluster"], study["wave"], study["score"], **kwargs
    )


def sample(study: Study, group: int, wave: int) -> list[float]:
    return [
        s
        for g, w, s in zip(study["group"], study["wave"], study["score"], strict=True)
        if g == group and w == wave
    ]


def pairs(study: Study, group: int, to_wave: int) -> tuple[list[float], list[float]]:
    by_pupil: dict[str, dict[int, float]] = defaultdict(dict)
    for p, g, w, s in zip(
        study["pupil"], study["group"], study["wave"], study["score"], strict=True
    ):
        if g == group:
            by_pupil[p][w] = s
    both = [waves for waves in by_pupil.values() if PRE in waves and to_wave in waves]
    return [w[PRE] for w in both], [w[to_wave] for w in both]


STUDY = make_study(1)
ANALYSIS = analyse(STUDY)


def test_it_describes_every_group_and_wave() -> None:
    assert ANALYSIS.waves == (PRE, POST, FOLLOW_UP)
    assert len(ANALYSIS.cells) == 6
    for group in (CONTROL, EXPERIMENTAL):
        for wave in ANALYSIS.waves:
            assert_close(ANALYSIS.cell(group, wave), describe(sample(STUDY, group, wave)))
    assert ANALYSIS.n_pupils == 180
    assert ANALYSIS.n_clusters == 12
    assert ANALYSIS.n_observations == len(STUDY["score"])


@pytest.mark.parametrize("wave", [PRE, POST, FOLLOW_UP])
def test_it_compares_the_groups_at_each_wave(wave: int) -> None:
    x, y = sample(STUDY, EXPERIMENTAL, wave), sample(STUDY, CONTROL, wave)
    comparison = ANALYSIS.between(wave)
    assert comparison is not None
    assert_close(comparison.welch, welch_t_test(x, y))
    assert comparison.mann_whitney == mann_whitney_u(x, y)
    assert_close(comparison.hedges_g, hedges_g(x, y))
    assert comparison.interpretation.effect_size == comparison.hedges_g.g
    assert comparison.interpretation.p_value == comparison.welch.p_value


@pytest.mark.parametrize("group", [CONTROL, EXPERIMENTAL])
@pytest.mark.parametrize("to_wave", [POST, FOLLOW_UP])
def test_it_pairs_the_pupils_present_in_both_waves(group: int, to_wave: int) -> None:
    before, after = pairs(STUDY, group, to_wave)
    change = ANALYSIS.within(group, to_wave)
    assert change is not None
    assert_close(change.paired, paired_comparison(before, after))
    assert change.interpretation.effect_size == change.paired.d_z


@pytest.mark.parametrize("to_wave", [POST, FOLLOW_UP])
def test_it_estimates_the_did_like_statsmodels(to_wave: int) -> None:
    rows = [i for i, w in enumerate(STUDY["wave"]) if w in (PRE, to_wave)]
    treated = np.array([STUDY["group"][i] for i in rows], float)
    post = np.array([STUDY["wave"][i] == to_wave for i in rows], float)
    _, groups = np.unique([STUDY["cluster"][i] for i in rows], return_inverse=True)
    fit = sm.OLS(
        np.array([STUDY["score"][i] for i in rows], float),
        np.column_stack((np.ones_like(post), treated, post, treated * post)),
    ).fit(cov_type="cluster", cov_kwds={"groups": groups}, use_t=True)
    did = ANALYSIS.did if to_wave == POST else ANALYSIS.did_follow_up
    assert did is not None
    assert did.estimate == pytest.approx(fit.params[3], rel=1e-9)
    assert did.se == pytest.approx(fit.bse[3], rel=1e-9)
    assert did.p_value == pytest.approx(fit.pvalues[3], rel=1e-9)
    assert did.n_clusters == 12


def test_it_interprets_the_study() -> None:
    reading = ANALYSIS.interpretation
    assert reading.primary.estimate == ANALYSIS.did.estimate
    assert reading.primary.effect_size == ANALYSIS.did.effect_size
    assert reading.primary.significant == (ANALYSIS.did.p_value < 0.05)
    assert reading.primary.direction == "positive"
    assert reading.primary.magnitude == effect_magnitude(ANALYSIS.did.effect_size or 0.0)
    post = ANALYSIS.between(POST)
    assert post is not None
    assert reading.post_difference == post.interpretation
    baseline = ANALYSIS.between(PRE)
    assert baseline is not None
    assert reading.baseline_g == baseline.hedges_g.g
    assert reading.baseline_equivalence == baseline_equivalence(baseline.hedges_g.g)
    assert reading.few_clusters  # 6 classes per arm
    assert "few_clusters" in ANALYSIS.warnings
    assert pytest.approx(0.05) == ANALYSIS.alpha


def test_it_does_not_depend_on_row_order_or_label_type() -> None:
    order = np.random.default_rng(3).permutation(len(STUDY["score"]))
    shuffled = {key: [values[i] for i in order] for key, values in STUDY.items()}
    numeric = dict(shuffled)
    numeric["pupil"] = [int(p[1:]) * 7 + 1000 for p in shuffled["pupil"]]
    numeric["cluster"] = [hash(c) for c in shuffled["cluster"]]
    for variant in (shuffled, numeric):
        again = analyse(variant)
        assert_close(again.did, ANALYSIS.did)
        assert_close(again.between(POST), ANALYSIS.between(POST))
        assert_close(again.within(EXPERIMENTAL), ANALYSIS.within(EXPERIMENTAL))
        assert again.n_pupils == ANALYSIS.n_pupils


def test_it_skips_the_follow_up_when_it_was_not_measured() -> None:
    result = analyse(make_study(2, follow_up=False), min_clusters=4)
    assert result.waves == (PRE, POST)
    assert result.did_follow_up is None
    assert result.between(FOLLOW_UP) is None
    assert [(c.group, c.to_wave) for c in result.within_groups] == [(0, POST), (1, POST)]
    assert not result.interpretation.few_clusters
    assert result.warnings == ()


def test_it_survives_a_pretest_on_which_everyone_scored_zero() -> None:
    study = make_study(4, follow_up=False)
    study["score"] = [
        0 if w == PRE else s for w, s in zip(study["wave"], study["score"], strict=True)
    ]
    result = analyse(study)
    assert result.between(PRE) is None
    assert result.interpretation.baseline_equivalence == "satisfied"
    assert result.interpretation.baseline_g is None
    assert result.did.effect_size is None
    assert {"baseline_comparison_skipped", "zero_pretest_variance"} <= set(result.warnings)


def _edited(edit: Any) -> Study:
    study = {key: list(values) for key, values in make_study(5, follow_up=False).items()}
    edit(study)
    return study


def _set(study: Study, field: str, row: int, value: Any) -> None:
    study[field][row] = value


def _keep(study: Study, keep: Any) -> None:
    rows = [i for i in range(len(study["score"])) if keep(study, i)]
    for key in study:
        study[key] = [study[key][i] for i in rows]


def _no_control_post(study: Study) -> None:
    _keep(study, lambda s, i: s["group"][i] == 1 or s["wave"][i] == 0)


def _one_control_post(study: Study) -> None:
    _keep(study, lambda s, i: s["group"][i] == 1 or s["wave"][i] == 0 or s["pupil"][i] == "P0000")


def _follow_up_for_one_control_pupil(study: Study) -> None:
    for key, value in zip(study, ("P0000", 0, "7-B0", 2, 50), strict=True):
        study[key].append(value)


def _control_post_by_new_pupils(study: Study) -> None:
    for i, (group, wave) in enumerate(zip(study["group"], study["wave"], strict=True)):
        if group == 0 and wave == 1:
            study["pupil"][i] = f"X{i}"


def _one_class_per_arm(study: Study) -> None:
    study["cluster"] = [f"only-{group}" for group in study["group"]]


INVALID = [
    (
        "duplicate",
        lambda s: _set(s, "wave", 1, 0),
        "duplicate_observation",
        {"pupil": "P0000", "wave": 0, "rows": (0, 1)},
    ),
    (
        "group switch",
        lambda s: _set(s, "group", 1, 1),
        "group_switch",
        {"pupil": "P0000", "rows": (0, 1)},
    ),
    (
        "class switch",
        lambda s: _set(s, "cluster", 1, "7-B9"),
        "cluster_switch",
        {"pupil": "P0000", "rows": (0, 1)},
    ),
    (
        "NaN score",
        lambda s: _set(s, "score", 3, float("nan")),
        "non_finite_value",
        {"field": "score", "row": 3},
    ),
    (
        "wave code",
        lambda s: _set(s, "wave", 2, 3),
        "invalid_code",
        {"field": "wave", "row": 2, "value": 3},
    ),
    ("group code", lambda s: _set(s, "group", 2, -1), "invalid_code", {"field": "group", "row": 2}),
    ("group text", lambda s: _set(s, "group", 2, "x"), "not_numeric", {"field": "group"}),
    ("lengths", lambda s: s["cluster"].pop(), "mismatched_lengths", {"field": "cluster_ids"}),
    ("no control post", _no_control_post, "mismatched_waves", {"field": "wave"}),
    ("one control post", _one_control_post, "too_few_observations", {"n": 1}),
    (
        "follow-up in one group",
        _follow_up_for_one_control_pupil,
        "mismatched_waves",
        {"field": "wave"},
    ),
    ("no pairs", _control_post_by_new_pupils, "too_few_observations", {"n": 0}),
    ("one class per arm", _one_class_per_arm, "too_few_clusters", {"n_clusters": 1}),
]


@pytest.mark.parametrize(("case", "edit", "code", "params"), INVALID, ids=[c[0] for c in INVALID])
def test_it_rejects_an_inconsistent_study(
    case: str, edit: Any, code: str, params: dict[str, Any]
) -> None:
    study = _edited(edit)
    with pytest.raises(StatsInputError) as caught:
        analyse(study)
    assert caught.value.code == code, (case, str(caught.value))
    for name, value in params.items():
        assert getattr(caught.value, name) == value, name


def test_it_names_rows_and_pupils_in_messages() -> None:
    with pytest.raises(StatsInputError, match=r"Pupil P0000 has more than one result in wave 0"):
        analyse(_edited(lambda s: _set(s, "wave", 1, 0)))
