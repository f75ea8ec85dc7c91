"""The thin adapter between a study's rows and the statistics engine.

ORM rows → flat arrays → :func:`educluster.engines.stats.analyse_study` (and Cronbach's alpha,
the sample-size helper) → a :class:`StudyReport` the report page, the PDF and the charts share.
Engine errors become plain sentences in the user's language (:mod:`..stats_text`).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from educluster.engines.stats import (
    CronbachAlpha,
    SampleSizeResult,
    StatsInputError,
    StudyAnalysis,
    analyse_study,
    cronbach_alpha,
    sample_size_two_groups,
)
from educluster.schoollabs import stats_text
from educluster.schoollabs.models import Instrument, PupilResult, Study, Wave

CONFIDENCE = 0.95


@dataclass(frozen=True)
class StudyArrays:
    """One entry per result: the engine's input, plus the item answers for reliability."""

    pupil: list[str]
    arm: np.ndarray
    group_id: np.ndarray
    school_id: np.ndarray
    wave: np.ndarray
    score: np.ndarray
    answers: list[list[int]]

    @property
    def size(self) -> int:
        return int(self.score.size)


def study_arrays(study: Study) -> StudyArrays:
    """Every result of the study, from one query."""
    rows = list(
        PupilResult.objects.filter(pupil__study=study)
        .order_by("pupil__code", "wave")
        .values_list(
            "pupil__code",
            "pupil__group__arm",
            "pupil__group_id",
            "pupil__group__institution_id",
            "wave",
            "total",
            "scores",
        )
    )
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True)) if rows else [()] * 7
    return StudyArrays(
        pupil=list(columns[0]),
        arm=np.asarray(columns[1], dtype=np.int64),
        group_id=np.asarray(columns[2], dtype=np.int64),
        school_id=np.asarray(columns[3], dtype=np.int64),
        wave=np.asarray(columns[4], dtype=np.int64),
        score=np.asarray(columns[5], dtype=np.float64),
        answers=[list(a) for a in columns[6]],
    )


@dataclass(frozen=True)
class Reliability:
    """Cronbach's alpha of the instrument's items at one wave, or why it is not available."""

    wave: int
    result: CronbachAlpha | None
    problem: str = ""


@dataclass(frozen=True)
class StudyReport:
    """Everything the report page and its PDF show: no pupil-level rows."""

    study: Study
    analysis: StudyAnalysis | None
    problem: str
    clustered_by: str  # "class", "school" or "pupil"
    units: dict[int, int]  # classes or schools per arm
    samples: dict[tuple[int, int], np.ndarray] = field(default_factory=dict)
    reliability: list[Reliability] = field(default_factory=list)
    sample_size: SampleSizeResult | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[tuple[int, int], int]:
        return {key: int(values.size) for key, values in self.samples.items()}


def _units(data: StudyArrays, level: str) -> tuple[np.ndarray, str, dict[int, int]]:
    labels = data.school_id if level == Study.ClusterLevel.SCHOOL else data.group_id
    units = {arm: int(np.unique(labels[data.arm == arm]).size) for arm in (0, 1)}
    if min(units.values()) >= 2:
        return labels, str(level), units
    # One class (school) in an arm leaves no between-class variation to cluster on: the
    # repeated measurements of each pupil are the remaining dependence, so cluster by pupil.
    return np.asarray(data.pupil, dtype=object), "pupil", units


def _reliability(
    instrument: Instrument, data: StudyArrays, waves: Sequence[int]
) -> list[Reliability]:
    items = list(instrument.items.all())
    if len(items) < 2:
        return []
    out = []
    for wave in waves:
        rows = [
            [item.scored(a) for item, a in zip(items, answers, strict=True)]
            for answers, w in zip(data.answers, data.wave.tolist(), strict=True)
            if w == wave and len(answers) == len(items)
        ]
        if not rows:
            continue
        try:
            out.append(
                Reliability(
                    wave, cronbach_alpha(np.asarray(rows, dtype=float), confidence=CONFIDENCE)
                )
            )
        except StatsInputError as error:
            out.append(Reliability(wave, None, stats_text.error_sentence(error)))
    return out


def study_analyse(study: Study) -> StudyReport:
    """Analyse a study's results; a problem with the data is a sentence, not an exception."""
    data = study_arrays(study)
    waves = [int(w) for w in study.waves]
    samples = {
        (arm, wave): data.score[(data.arm == arm) & (data.wave == wave)]
        for arm in (1, 0)
        for wave in waves
    }
    if data.size == 0:
        return StudyReport(
            study=study,
            analysis=None,
            problem=_("No results have been entered yet."),
            clustered_by=str(study.cluster_level),
            units={0: 0, 1: 0},
            samples=samples,
        )
    clusters, clustered_by, units = _units(data, study.cluster_level)
    reliability = _reliability(study.instrument, data, waves)
    try:
        analysis = analyse_study(
            data.pupil, data.arm, clusters, data.wave, data.score, confidence=CONFIDENCE
        )
    except StatsInputError as error:
        return StudyReport(
            study=study,
            analysis=None,
            problem=stats_text.error_sentence(error),
            clustered_by=clustered_by,
            units=units,
            samples=samples,
            reliability=reliability,
        )
    warnings = list(analysis.warnings)
    if clustered_by == "pupil":
        warnings.append("clustered_by_pupil")
    return StudyReport(
        study=study,
        analysis=analysis,
        problem="",
        clustered_by=clustered_by,
        units=units,
        samples=samples,
        reliability=reliability,
        sample_size=_sample_size(analysis),
        warnings=warnings,
    )


def _sample_size(analysis: StudyAnalysis) -> SampleSizeResult | None:
    """Pupils per group a replication needs to detect the observed post-test effect."""
    post = analysis.between(Wave.POST)
    if post is None or abs(post.hedges_g.g) < 0.1:
        return None
    try:
        return sample_size_two_groups(abs(post.hedges_g.g), alpha=analysis.alpha, power=0.8)
    except StatsInputError:
        return None


def report_sentences(report: StudyReport) -> dict[str, list[str]]:
    """The plain-language reading of a report, by section."""
    analysis = report.analysis
    if analysis is None:
        return {"headline": [], "comparisons": [], "notes": []}
    headline = stats_text.did_sentences(analysis.did, analysis.interpretation.primary, Wave.POST)
    if analysis.did_follow_up is not None:
        follow_up = analysis.did_follow_up
        effect = stats_text.interpret(follow_up, analysis.alpha)
        headline += stats_text.did_sentences(follow_up, effect, Wave.FOLLOW_UP)
    comparisons = []
    for comparison in analysis.between_groups:
        comparisons.append(
            stats_text.comparison_sentence(
                comparison.interpretation,
                comparison.wave,
                comparison.hedges_g.g,
                analysis.confidence,
            )
        )
    notes = [str(stats_text.BASELINE[analysis.interpretation.baseline_equivalence])]
    notes += [str(stats_text.WARNINGS[w]) for w in report.warnings if w in stats_text.WARNINGS]
    return {"headline": headline, "comparisons": comparisons, "notes": notes}
