"""The adapter from a study's rows to the statistics engine, and the engine's words in the
user's language."""

import numpy as np
import pytest
from django.utils import translation

from educluster.engines.stats import analyse_study
from educluster.engines.stats import errors as engine_errors
from educluster.schoollabs import services, stats_text
from educluster.schoollabs.models import PupilResult, Study, StudyGroup, Wave
from educluster.schoollabs.services.analysis import study_analyse, study_arrays


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_it_passes_the_study_rows_to_the_engine_unchanged(study):
    data = study_arrays(study)
    rows = PupilResult.objects.filter(pupil__study=study)
    assert data.size == rows.count() == 98
    assert data.score.sum() == pytest.approx(sum(r.total for r in rows))
    assert set(data.arm.tolist()) == {0, 1} and set(data.wave.tolist()) == {0, 1}


def test_it_shows_the_simulated_effect_of_the_demo_study(study):
    report = study_analyse(study)
    analysis = report.analysis
    assert report.problem == ""
    # One class per arm: no class-level variation to cluster on, so by pupil, with a warning.
    assert report.clustered_by == "pupil" and "clustered_by_pupil" in report.warnings
    # The simulation adds 0.6 per criterion × 5 criteria = 3 points to the experimental gain.
    assert analysis.did.ci_low < 3.0 < analysis.did.ci_high
    assert analysis.interpretation.primary.significant
    assert analysis.interpretation.primary.direction == "positive"
    assert analysis.interpretation.baseline_equivalence == "satisfied"


def test_it_equals_the_engine_on_the_same_arrays(study):
    data = study_arrays(study)
    direct = analyse_study(data.pupil, data.arm, data.pupil, data.wave, data.score)
    report = study_analyse(study)
    assert report.analysis.did.estimate == pytest.approx(direct.did.estimate, abs=1e-12)
    assert report.analysis.did.se == pytest.approx(direct.did.se, abs=1e-12)


def test_it_clusters_by_class_when_each_arm_has_two(study, cast):
    extra = []
    for arm, code, school in ((1, "E2", "CHR-SCH-3"), (0, "C2", "CHR-SCH-15")):
        from educluster.registry.models import Institution

        group = services.group_save(
            actor=cast["faculty"],
            group=StudyGroup(
                study=study,
                arm=arm,
                code=code,
                institution=Institution.objects.get(code=school),
                class_label="5-V",
            ),
        )
        rng = np.random.default_rng(arm)
        for n in range(8):
            for wave in (Wave.PRE, Wave.POST):
                scores = [int(v) for v in rng.integers(1, 6, size=5)]
                extra.append(services.ResultRow(f"{code}X-{n:02d}", group, wave, scores))
    services.results_save(actor=cast["faculty"], study=study, rows=extra)
    report = study_analyse(study)
    assert report.clustered_by == "class" and report.units == {0: 2, 1: 2}
    assert report.analysis.did.n_clusters == 4
    assert "few_clusters" in report.warnings  # fewer than 10 classes per arm
    study.cluster_level = Study.ClusterLevel.SCHOOL
    report = study_analyse(study)  # E1 and E2 share school No. 3: one school in that arm
    assert report.clustered_by == "pupil"


def test_it_explains_a_study_without_results(study, cast):
    PupilResult.objects.filter(pupil__study=study).delete()
    report = study_analyse(study)
    assert report.analysis is None and report.problem == "No results have been entered yet."


def test_it_explains_a_missing_wave(study):
    PupilResult.objects.filter(pupil__study=study, pupil__group__arm=0, wave=Wave.POST).delete()
    report = study_analyse(study)
    assert report.analysis is None
    assert report.problem.startswith("The control group has no results at the post-test yet")


def test_it_explains_too_few_pupils(study):
    keep = PupilResult.objects.filter(pupil__study=study, pupil__group__arm=0, wave=1).first()
    PupilResult.objects.filter(pupil__study=study, pupil__group__arm=0, wave=1).exclude(
        pk=keep.pk
    ).delete()
    report = study_analyse(study)
    assert report.problem == (
        "Too few results in the control group at the post-test: 1, but at least 2 are needed."
    )


ERRORS = [
    (
        engine_errors.TooFewObservationsError(
            field="the treated post cell (pre-test vs post-test)", n=1, minimum=2
        ),
        "in the experimental group at the post-test",
    ),
    (
        engine_errors.TooFewObservationsError(
            field="pupils of the control group with both a pre-test and a follow-up", n=1, minimum=2
        ),
        "measured at both the pre-test and the follow-up",
    ),
    (
        engine_errors.TooFewClustersError(
            field="the control group (pre-test vs post-test)", n_clusters=1, minimum=2
        ),
        "in the control group",
    ),
    (
        engine_errors.ZeroVarianceError(field="the class-level residuals (pre-test vs post-test)"),
        "within the classes",
    ),
    (
        engine_errors.ZeroVarianceError(
            field="the score changes of the pupils of the experimental group with both a "
            "pre-test and a post-test"
        ),
        "among pupils of the experimental group",
    ),
    (
        engine_errors.MismatchedWavesError(
            field="wave", reason="the experimental group has no follow-up results"
        ),
        "The experimental group has no results at the follow-up yet",
    ),
    (engine_errors.DuplicateObservationError(pupil="CH3A-001", wave=1, rows=(3, 9)), "CH3A-001"),
    (
        engine_errors.GroupSwitchError(pupil="CH3A-001", rows=(3, 9)),
        "both the experimental and the control group",
    ),
    (engine_errors.ClusterSwitchError(pupil="CH3A-001", rows=(3, 9)), "two different classes"),
    (engine_errors.NonFiniteValueError(field="score", row=3), "not a number"),
    (engine_errors.NotNumericError(field="score"), "not a number"),
    (engine_errors.ValueTooLargeError(field="score", row=3, limit=1e50), "far too large"),
    (engine_errors.MissingLabelError(field="cluster_ids", row=3), "no class or school"),
]


@pytest.mark.parametrize(("error", "phrase"), ERRORS)
def test_it_says_each_engine_error_in_a_sentence(error, phrase):
    sentence = stats_text.error_sentence(error)
    assert phrase in sentence
    assert error.code not in sentence  # a sentence, not a code


def test_it_has_a_sentence_for_every_engine_error_code():
    codes = {
        cls.code
        for cls in vars(engine_errors).values()
        if isinstance(cls, type) and issubclass(cls, engine_errors.StatsInputError)
    }
    generic = {
        "invalid_input",
        "invalid_parameter",
        "wrong_shape",
        "mismatched_lengths",
        "invalid_code",
    }
    covered = {error.code for error, _phrase in ERRORS}
    # Internal errors (the adapter builds the arrays) get the generic sentence.
    assert codes <= covered | generic
    assert codes - generic <= set(stats_text.ERROR_MESSAGES)


def test_it_reads_the_report_in_plain_words(study):
    sentences = services.report_sentences(study_analyse(study))
    headline = " ".join(sentences["headline"])
    assert "difference-in-differences of 3" in headline
    assert "95% CI [" in headline
    assert "large" in headline or "medium" in headline
    assert "in favour of the experimental group" in headline
