"""Statistics engine for School-Lab comparative studies (pure Python, no Django).

Descriptives, Welch's t, Mann–Whitney U, Hedges' g, paired pre/post comparison,
difference-in-differences with class-clustered standard errors, Cronbach's alpha, power and
sample size, and :func:`analyse_study`, which runs all of them over a study's flat arrays.
Results are frozen dataclasses; bad input raises a :class:`StatsInputError` with a stable
``code``.

Example:
    >>> from educluster.engines.stats import welch_t_test
    >>> round(welch_t_test([5, 6, 7, 8], [4, 5, 6, 7]).difference, 2)
    1.0
"""

from .compare import (
    HedgesG,
    MannWhitneyTest,
    WelchTest,
    hedges_g,
    hedges_g_from_summary,
    mann_whitney_u,
    welch_t_test,
)
from .descriptive import Descriptives, describe
from .did import CellMeans, DiDResult, difference_in_differences
from .errors import (
    ClusterSwitchError,
    DuplicateObservationError,
    GroupSwitchError,
    InvalidCodeError,
    InvalidParameterError,
    MismatchedLengthsError,
    MismatchedWavesError,
    MissingLabelError,
    NonFiniteValueError,
    NotNumericError,
    StatsInputError,
    TooFewClustersError,
    TooFewObservationsError,
    ValueTooLargeError,
    WrongShapeError,
    ZeroVarianceError,
)
from .interpret import (
    BaselineEquivalence,
    Direction,
    EffectInterpretation,
    Magnitude,
    baseline_equivalence,
    effect_magnitude,
    interpret_effect,
)
from .paired import PairedComparison, WilcoxonSignedRank, paired_comparison
from .power import PowerResult, SampleSizeResult, power_two_groups, sample_size_two_groups
from .reliability import CronbachAlpha, cronbach_alpha
from .study import (
    CONTROL,
    EXPERIMENTAL,
    FOLLOW_UP,
    POST,
    PRE,
    CellSummary,
    ChangeWithinGroup,
    GroupComparison,
    StudyAnalysis,
    StudyInterpretation,
    analyse_study,
)

__all__ = [
    "CONTROL",
    "EXPERIMENTAL",
    "FOLLOW_UP",
    "POST",
    "PRE",
    "BaselineEquivalence",
    "CellMeans",
    "CellSummary",
    "ChangeWithinGroup",
    "ClusterSwitchError",
    "CronbachAlpha",
    "Descriptives",
    "DiDResult",
    "Direction",
    "DuplicateObservationError",
    "EffectInterpretation",
    "GroupComparison",
    "GroupSwitchError",
    "HedgesG",
    "InvalidCodeError",
    "InvalidParameterError",
    "Magnitude",
    "MannWhitneyTest",
    "MismatchedLengthsError",
    "MismatchedWavesError",
    "MissingLabelError",
    "NonFiniteValueError",
    "NotNumericError",
    "PairedComparison",
    "PowerResult",
    "SampleSizeResult",
    "StatsInputError",
    "StudyAnalysis",
    "StudyInterpretation",
    "TooFewClustersError",
    "TooFewObservationsError",
    "ValueTooLargeError",
    "WelchTest",
    "WilcoxonSignedRank",
    "WrongShapeError",
    "ZeroVarianceError",
    "analyse_study",
    "baseline_equivalence",
    "cronbach_alpha",
    "describe",
    "difference_in_differences",
    "effect_magnitude",
    "hedges_g",
    "hedges_g_from_summary",
    "interpret_effect",
    "mann_whitney_u",
    "paired_comparison",
    "power_two_groups",
    "sample_size_two_groups",
    "welch_t_test",
]
