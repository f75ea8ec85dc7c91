"""Whole-study analysis of a School-Lab comparative study from flat per-observation arrays."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._study_input import StudyInput, validate_study
from ._validation import FloatArray, check_probability
from .compare import (
    HedgesG,
    MannWhitneyTest,
    WelchTest,
    hedges_arrays,
    mann_whitney_arrays,
    welch_arrays,
)
from .descriptive import Descriptives, describe_array
from .did import DEFAULT_MIN_CLUSTERS, DiDResult, did_arrays
from .errors import MismatchedWavesError, TooFewObservationsError
from .interpret import (
    BaselineEquivalence,
    EffectInterpretation,
    baseline_equivalence,
    interpret_effect,
)
from .paired import PairedComparison, paired_arrays

__all__ = [
    "CONTROL",
    "EXPERIMENTAL",
    "FOLLOW_UP",
    "POST",
    "PRE",
    "CellSummary",
    "ChangeWithinGroup",
    "GroupComparison",
    "StudyAnalysis",
    "StudyInterpretation",
    "analyse_study",
]

CONTROL, EXPERIMENTAL = 0, 1
PRE, POST, FOLLOW_UP = 0, 1, 2
GROUP_NAMES = {CONTROL: "control group", EXPERIMENTAL: "experimental group"}
WAVE_NAMES = {PRE: "pre-test", POST: "post-test", FOLLOW_UP: "follow-up"}


@dataclass(frozen=True, slots=True)
class CellSummary:
    """Descriptive statistics of one group at one wave."""

    group: int
    wave: int
    descriptives: Descriptives


@dataclass(frozen=True, slots=True)
class GroupComparison:
    """Experimental minus control at one wave; ``interpretation`` uses Hedges' g and Welch's p."""

    wave: int
    welch: WelchTest
    mann_whitney: MannWhitneyTest
    hedges_g: HedgesG
    interpretation: EffectInterpretation


@dataclass(frozen=True, slots=True)
class ChangeWithinGroup:
    """Paired change of one group's pupils present in both waves; interpreted with d_z."""

    group: int
    from_wave: int
    to_wave: int
    paired: PairedComparison
    interpretation: EffectInterpretation


@dataclass(frozen=True, slots=True)
class StudyInterpretation:
    """Headline reading of the study.

    ``primary`` is the difference-in-differences (pre → post, effect size Morris's d_ppc2);
    ``post_difference`` the post-test group difference (Hedges' g); ``baseline_equivalence``
    applies the WWC rule to the pre-test g; ``few_clusters`` flags untrustworthy clustered SEs.
    """

    primary: EffectInterpretation
    post_difference: EffectInterpretation
    baseline_g: float | None
    baseline_equivalence: BaselineEquivalence
    few_clusters: bool


@dataclass(frozen=True, slots=True)
class StudyAnalysis:
    """Everything the School-Lab report shows for one study.

    ``warnings`` holds machine-readable codes: ``few_clusters``, ``zero_pretest_variance``,
    ``baseline_comparison_skipped``, ``follow_up_comparison_skipped``.
    """

    confidence: float
    alpha: float
    n_observations: int
    n_pupils: int
    n_clusters: int
    waves: tuple[int, ...]
    cells: tuple[CellSummary, ...]
    between_groups: tuple[GroupComparison, ...]
    within_groups: tuple[ChangeWithinGroup, ...]
    did: DiDResult
    did_follow_up: DiDResult | None
    interpretation: StudyInterpretation
    warnings: tuple[str, ...]

    def cell(self, group: int, wave: int) -> Descriptives:
        """Descriptives of ``group`` at ``wave`` (KeyError when that wave was not measured)."""
        for summary in self.cells:
            if summary.group == group and summary.wave == wave:
                return summary.descriptives
        raise KeyError((group, wave))

    def between(self, wave: int) -> GroupComparison | None:
        """The group comparison at ``wave``, or None when it was not computed."""
        return next((c for c in self.between_groups if c.wave == wave), None)

    def within(self, group: int, to_wave: int = POST) -> ChangeWithinGroup | None:
        """The pre → ``to_wave`` change of ``group``, or None when it was not computed."""
        return next(
            (c for c in self.within_groups if c.group == group and c.to_wave == to_wave), None
        )


def analyse_study(
    pupil_ids: ArrayLike,
    group: ArrayLike,
    cluster_ids: ArrayLike,
    wave: ArrayLike,
    score: ArrayLike,
    *,
    confidence: float = 0.95,
    min_clusters: int = DEFAULT_MIN_CLUSTERS,
) -> StudyAnalysis:
    """Analyse a pre/post(/follow-up) study of an experimental and a control group.

    One row per result: pseudonymous ``pupil_ids`` (any hashable label), ``group`` (0 control,
    1 experimental), ``cluster_ids`` (the pupil's class; any hashable label), ``wave`` (0 pre,
    1 post, 2 follow-up, the last optional) and ``score``. Computes descriptives per group ×
    wave; at each wave Welch's t, Mann–Whitney U and Hedges' g (experimental − control); the
    paired change of each group from the pre-test (pupils with both waves); and the
    difference-in-differences with class-clustered SEs (pre vs post, and pre vs follow-up when
    measured). Significance uses ``alpha = 1 - confidence``. See the module functions for each
    formula and reference.

    Raises a :class:`~educluster.engines.stats.errors.StatsInputError` for mismatched lengths,
    invalid codes, non-finite scores, a pupil with two results in one wave, a pupil in both
    groups or in two classes, a group without pre- or post-test results, or too few pupils.

    Example:
        >>> import numpy as np
        >>> rng = np.random.default_rng(7)
        >>> pupils = np.repeat(np.arange(40), 2); waves = np.tile([0, 1], 40)
        >>> groups = (pupils >= 20).astype(int); classes = pupils // 5
        >>> scores = 50 + 8 * groups * waves + rng.normal(0, 5, 80)
        >>> a = analyse_study(pupils, groups, classes, waves, scores)
        >>> (a.n_pupils, a.n_clusters, a.interpretation.primary.direction)
        (40, 8, 'positive')
    """
    level = check_probability(confidence, name="confidence")
    alpha = 1.0 - level
    data = validate_study(pupil_ids, group, cluster_ids, wave, score)
    waves = _check_waves(data)

    cells: list[CellSummary] = []
    samples: dict[tuple[int, int], FloatArray] = {}
    for g in (CONTROL, EXPERIMENTAL):
        for w in waves:
            sample = data.score[(data.group == g) & (data.wave == w)]
            samples[g, w] = sample
            cells.append(CellSummary(group=g, wave=w, descriptives=describe_array(sample, level)))

    warnings: list[str] = []
    between: list[GroupComparison] = []
    for w in waves:
        x, y = samples[EXPERIMENTAL, w], samples[CONTROL, w]
        if w != POST and np.ptp(x) == 0 and np.ptp(y) == 0:
            # A secondary wave where nobody's score varies (e.g. everyone 0 on the pre-test)
            # must not sink the whole analysis; the post-test comparison is still required.
            warnings.append(f"{'baseline' if w == PRE else 'follow_up'}_comparison_skipped")
            continue
        between.append(_compare_groups(x, y, w, level, alpha))

    within = [
        _change(data, g, to_wave, level, alpha)
        for g in (CONTROL, EXPERIMENTAL)
        for to_wave in waves
        if to_wave != PRE
    ]

    did = _did(data, POST, level, min_clusters)
    did_follow_up = _did(data, FOLLOW_UP, level, min_clusters) if FOLLOW_UP in waves else None
    for result in (did, did_follow_up):
        for code in result.warnings if result else ():
            if code not in warnings:
                warnings.append(code)

    baseline = next((c for c in between if c.wave == PRE), None)
    if baseline is not None:
        baseline_g: float | None = baseline.hedges_g.g
        equivalence = baseline_equivalence(baseline.hedges_g.g)
    else:  # both groups constant at the pre-test: equivalent exactly when the constants agree
        baseline_g = None
        same = samples[EXPERIMENTAL, PRE][0] == samples[CONTROL, PRE][0]
        equivalence = "satisfied" if same else "not_satisfied"
    post = next(c for c in between if c.wave == POST)
    interpretation = StudyInterpretation(
        primary=interpret_effect(
            did.estimate, did.effect_size, did.p_value, did.ci_low, did.ci_high, alpha=alpha
        ),
        post_difference=post.interpretation,
        baseline_g=baseline_g,
        baseline_equivalence=equivalence,
        few_clusters=did.few_clusters,
    )
    return StudyAnalysis(
        confidence=level,
        alpha=alpha,
        n_observations=int(data.score.size),
        n_pupils=data.n_pupils,
        n_clusters=data.n_clusters,
        waves=waves,
        cells=tuple(cells),
        between_groups=tuple(between),
        within_groups=tuple(within),
        did=did,
        did_follow_up=did_follow_up,
        interpretation=interpretation,
        warnings=tuple(warnings),
    )


def _check_waves(data: StudyInput) -> tuple[int, ...]:
    counts = np.bincount(data.group * 3 + data.wave, minlength=6).reshape(2, 3)
    waves = tuple(w for w in (PRE, POST, FOLLOW_UP) if w != FOLLOW_UP or counts[:, w].any())
    for g in (CONTROL, EXPERIMENTAL):
        for w in waves:
            if counts[g, w] == 0:
                raise MismatchedWavesError(
                    field="wave", reason=f"the {GROUP_NAMES[g]} has no {WAVE_NAMES[w]} results"
                )
    for g in (CONTROL, EXPERIMENTAL):
        for w in waves:
            count = int(counts[g, w])
            if count < 2:
                raise TooFewObservationsError(
                    field=f"the {GROUP_NAMES[g]} at the {WAVE_NAMES[w]}", n=count, minimum=2
                )
    return waves


def _compare_groups(
    x: FloatArray, y: FloatArray, wave: int, level: float, alpha: float
) -> GroupComparison:
    at = f" at the {WAVE_NAMES[wave]}"
    x_name, y_name = f"the experimental group{at}", f"the control group{at}"
    welch = welch_arrays(x, y, level, x_name, y_name)
    g = hedges_arrays(x, y, level, x_name, y_name)
    return GroupComparison(
        wave=wave,
        welch=welch,
        mann_whitney=mann_whitney_arrays(x, y, "auto", x_name, y_name),
        hedges_g=g,
        interpretation=interpret_effect(
            welch.difference, g.g, welch.p_value, welch.ci_low, welch.ci_high, alpha=alpha
        ),
    )


def _change(
    data: StudyInput, group: int, to_wave: int, level: float, alpha: float
) -> ChangeWithinGroup:
    before, after = data.by_pupil[:, PRE], data.by_pupil[:, to_wave]
    both = (data.pupil_group == group) & ~np.isnan(before) & ~np.isnan(after)
    name = f"pupils of the {GROUP_NAMES[group]} with both a pre-test and a {WAVE_NAMES[to_wave]}"
    n_pairs = int(both.sum())
    if n_pairs < 2:
        raise TooFewObservationsError(field=name, n=n_pairs, minimum=2)
    paired = paired_arrays(
        before[both], after[both], level, True, f"the score changes of the {name}"
    )
    return ChangeWithinGroup(
        group=group,
        from_wave=PRE,
        to_wave=to_wave,
        paired=paired,
        interpretation=interpret_effect(
            paired.mean_difference,
            paired.d_z,
            paired.p_value,
            paired.ci_low,
            paired.ci_high,
            alpha=alpha,
        ),
    )


def _did(data: StudyInput, to_wave: int, level: float, min_clusters: int) -> DiDResult:
    rows = (data.wave == PRE) | (data.wave == to_wave)
    cell = 2 * data.group[rows] + (data.wave[rows] == to_wave)
    context = f" (pre-test vs {WAVE_NAMES[to_wave]})"
    return did_arrays(data.score[rows], cell, data.cluster[rows], level, min_clusters, context)
