"""Effectiveness index engine (pure Python + NumPy, no Django).

Normalises each member's indicator values (target-based or min–max), combines them with
weights under an explicit missing-value policy into an index in [0, 1] with a full trace
(raw value, score, effective weight, contribution per indicator), ranks members overall and
within their kind, aggregates the cluster, and measures how fragile the ranking is when the
weights are perturbed. Inputs and results are frozen dataclasses; bad input raises an
:class:`EffectivenessInputError` with a stable ``code``.

Example:
    >>> from educluster.engines.effectiveness import IndicatorSpec, Unit, compute_index
    >>> result = compute_index([IndicatorSpec("fill", target=0.9)],
    ...                        [Unit(1, values={"fill": 0.45})])
    >>> (result.unit(1).index, result.cluster.index)
    (0.5, 0.5)
"""

from .errors import (
    DuplicateIndicatorError,
    DuplicateUnitError,
    EffectivenessInputError,
    InvalidParameterError,
    InvalidTargetError,
    NegativeWeightError,
    NoApplicableIndicatorError,
    NoIndicatorsError,
    NonFiniteValueError,
    NotNumericError,
    NoUnitsError,
    UnknownIndicatorError,
    ZeroWeightsError,
)
from .index import (
    ENGINE_VERSION,
    ClusterAggregate,
    IndexResult,
    IndicatorRange,
    IndicatorTrace,
    Ties,
    UnitScore,
    cluster_aggregate,
    compute_index,
)
from .inputs import (
    HIGHER,
    LOWER,
    MINMAX,
    TARGET,
    Direction,
    IndicatorSpec,
    MissingPolicy,
    Normalisation,
    Number,
    PolicyMethod,
    Unit,
    UnitId,
)
from .sensitivity import RankBand, SensitivityResult, UnitSensitivity, sensitivity

__all__ = [
    "ENGINE_VERSION",
    "HIGHER",
    "LOWER",
    "MINMAX",
    "TARGET",
    "ClusterAggregate",
    "Direction",
    "DuplicateIndicatorError",
    "DuplicateUnitError",
    "EffectivenessInputError",
    "IndexResult",
    "IndicatorRange",
    "IndicatorSpec",
    "IndicatorTrace",
    "InvalidParameterError",
    "InvalidTargetError",
    "MissingPolicy",
    "NegativeWeightError",
    "NoApplicableIndicatorError",
    "NoIndicatorsError",
    "NoUnitsError",
    "NonFiniteValueError",
    "Normalisation",
    "NotNumericError",
    "Number",
    "PolicyMethod",
    "RankBand",
    "SensitivityResult",
    "Ties",
    "Unit",
    "UnitId",
    "UnitScore",
    "UnitSensitivity",
    "UnknownIndicatorError",
    "ZeroWeightsError",
    "cluster_aggregate",
    "compute_index",
    "sensitivity",
]
