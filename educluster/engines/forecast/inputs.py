"""Input dataclasses of the teacher demand–supply forecast.

Axes and their lengths (every array documents its axes in this order):

=============  ======  =====================================================================
axis           length  meaning
=============  ======  =====================================================================
``year``       T       projection years ``base_year + 1 … base_year + T`` (flows only)
``district``   D       planning unit: a district, or a (district, language of instruction)
                       pair when the caller splits by language (aggregate back with
                       :func:`~educluster.engines.forecast.results.aggregate`)
``grade``      G       school grades, consecutive integers within 1–11 (``grades``)
``subject``    S       subjects (curriculum mode) or staff categories (PTR mode)
``age_band``   A       teacher age bands ``[edges[a], edges[a+1])``
=============  ======  =====================================================================

Any array may be given in a shape that NumPy broadcasts to its full shape (trailing axes
aligned): a ``[grade]`` promotion vector serves every district, a scalar attrition rate every
district, subject and age band. :class:`ForecastInput` validates every field on construction
(raising :class:`~educluster.engines.forecast.errors.ForecastInputError`) and stores full-shape,
read-only ``float64`` copies, so after construction ``inputs.pupils.promotion.shape == (D, G)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

#: Customary full teaching load (*stavka*) of a general-school teacher in Uzbekistan,
#: in teaching hours per week. A parameter (``DemandInput.load_norm``), not a constant.
DEFAULT_LOAD_NORM = 18.0
#: Five-year age bands 20–24 … 60–64, the usual grouping of teacher-census age data.
DEFAULT_AGE_BAND_EDGES: tuple[int, ...] = (20, 25, 30, 35, 40, 45, 50, 55, 60, 65)
#: Grades of Uzbekistan's general secondary school.
DEFAULT_GRADES: tuple[int, ...] = tuple(range(1, 12))
MIN_GRADE = 1
MAX_GRADE = 11

ClassRounding = Literal["ceil", "continuous"]
DemandMode = Literal["curriculum", "ptr"]


def _zero() -> FloatArray:
    return np.zeros(())


def _one() -> FloatArray:
    return np.ones(())


def _load_norm() -> FloatArray:
    return np.full((), DEFAULT_LOAD_NORM)


def _coerce(obj: object, name: str) -> None:
    """Turn an array-like attribute into a float64 ndarray (frozen dataclass, so via object)."""
    value = getattr(obj, name)
    if value is None or (isinstance(value, np.ndarray) and value.dtype == np.float64):
        return
    from .errors import SHAPE_MISMATCH, ForecastInputError

    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ForecastInputError(
            SHAPE_MISMATCH, name, f"Field '{name}' is not a rectangular array of numbers."
        ) from exc
    object.__setattr__(obj, name, array)


@dataclass(frozen=True)
class PupilInput:
    """Enrolment in the base year and the grade-transition rates.

    Fields (full shapes; broadcastable shapes accepted):
        base_pupils: ``[district, grade]`` pupils enrolled in the base year.
        promotion: ``[district, grade]`` share of grade-g pupils promoted to g+1 next year
            (from the last grade: the share graduating; not used by the projection).
        repetition: ``[district, grade]`` share of grade-g pupils repeating grade g.
            Drop-out is the remainder ``1 − promotion − repetition`` (must be ≥ 0).
        entrants: ``[year, district]`` new grade-1 entrants in years 1…T, e.g. the projected
            population aged 7 times the intake rate. When omitted, entrants grow from the
            base-year entrants at ``intake_growth``.
        intake_growth: ``[district]`` yearly growth rate of grade-1 entrants (> −1).
        base_entrants: ``[district]`` new entrants in the base year; defaults to the
            non-repeaters of grade 1, ``base_pupils[:, 0] · (1 − repetition[:, 0])``.

    Example:
        >>> p = PupilInput(base_pupils=np.array([[100.0, 90.0]]), promotion=np.array([0.9, 0.95]),
        ...                repetition=np.array([0.05, 0.0]), intake_growth=np.array(0.02))
        >>> p.base_pupils.shape
        (1, 2)
    """

    base_pupils: FloatArray
    promotion: FloatArray
    repetition: FloatArray = field(default_factory=_zero)
    entrants: FloatArray | None = None
    intake_growth: FloatArray = field(default_factory=_zero)
    base_entrants: FloatArray | None = None

    def __post_init__(self) -> None:
        for name in (
            "base_pupils",
            "promotion",
            "repetition",
            "entrants",
            "intake_growth",
            "base_entrants",
        ):
            _coerce(self, name)


@dataclass(frozen=True)
class DemandInput:
    """Curriculum and class-size norms that turn pupils into full-time teacher posts.

    Fields:
        max_class_size: ``[district, grade]`` maximum pupils per class (> 0).
        hours: ``[grade, subject]`` weekly teaching hours of the subject per class (include any
            group splitting, e.g. a foreign language taught in two half-classes counts twice).
        load_norm: ``[district, subject]`` teaching hours per week of one full-time post
            (default :data:`DEFAULT_LOAD_NORM` = 18).
        class_rounding: ``"ceil"`` (whole classes, the norm-based count) or ``"continuous"``
            (``pupils / max_class_size``, EPSSim's convention; smooth for Monte-Carlo).
        mode: ``"curriculum"`` (posts from classes × hours ÷ load) or ``"ptr"`` (posts from a
            pupil–teacher ratio, for levels without a curriculum table).
        ptr: ``[district, subject]`` pupils per teacher (> 0); required in ``"ptr"`` mode.
        ptr_grades: ``[grade, subject]`` weight of grade-g pupils in category s's PTR base
            (1 = counted, 0 = not); default 1 everywhere.
    """

    max_class_size: FloatArray
    hours: FloatArray
    load_norm: FloatArray = field(default_factory=_load_norm)
    class_rounding: ClassRounding = "ceil"
    mode: DemandMode = "curriculum"
    ptr: FloatArray | None = None
    ptr_grades: FloatArray = field(default_factory=_one)

    def __post_init__(self) -> None:
        for name in ("max_class_size", "hours", "load_norm", "ptr", "ptr_grades"):
            _coerce(self, name)


@dataclass(frozen=True)
class SupplyInput:
    """Current teachers and the flows in and out of the stock.

    Fields:
        staff: ``[district, subject, age_band]`` teachers in post in the base year (FTE or
            headcount: the unit of the results follows it).
        attrition: ``[district, subject, age_band]`` yearly share leaving for reasons other
            than age (resignation, moving, death, career change).
        graduates: ``[year, district, subject]`` new teacher graduates available to the
            district in years 1…T (graduates from, or assigned to, the district).
        employment_rate: ``[district, subject]`` share of graduates who take a teaching post.
        share_entering: ``[district, subject]`` share of those who take it up in the district.
        entry_age_share: ``[age_band]`` age distribution of entrants (sums to 1); default:
            everyone enters the youngest band.
        age_band_edges: ``A + 1`` increasing integer ages; band a is ``[edges[a], edges[a+1])``.
        retirement_age: an element of ``age_band_edges[1:]``; teachers ageing across it retire.
    """

    staff: FloatArray
    attrition: FloatArray = field(default_factory=_zero)
    graduates: FloatArray = field(default_factory=_zero)
    employment_rate: FloatArray = field(default_factory=_one)
    share_entering: FloatArray = field(default_factory=_one)
    entry_age_share: FloatArray | None = None
    age_band_edges: tuple[int, ...] = DEFAULT_AGE_BAND_EDGES
    retirement_age: int = 60

    def __post_init__(self) -> None:
        for name in (
            "staff",
            "attrition",
            "graduates",
            "employment_rate",
            "share_entering",
            "entry_age_share",
        ):
            _coerce(self, name)
        object.__setattr__(self, "age_band_edges", tuple(self.age_band_edges))


@dataclass(frozen=True)
class QuotaInput:
    """Targeted-training pipeline: programme length and completion.

    Fields:
        programme_length: years from admission to graduation (bachelor's: 4).
        completion_rate: ``[district, subject]`` share of admitted students who graduate.
    """

    programme_length: int = 4
    completion_rate: FloatArray = field(default_factory=_one)

    def __post_init__(self) -> None:
        _coerce(self, "completion_rate")


@dataclass(frozen=True)
class ForecastInput:
    """Everything one forecast run needs. Validated on construction.

    Example (one district, two grades, one subject, horizon 1):
        >>> inp = ForecastInput(
        ...     districts=("A",), subjects=("math",), grades=(1, 2), horizon=1,
        ...     pupils=PupilInput(base_pupils=np.array([[50.0, 40.0]]),
        ...                       promotion=np.array([0.9, 1.0])),
        ...     demand=DemandInput(max_class_size=np.array(25.0), hours=np.array([[4.0], [5.0]])),
        ...     supply=SupplyInput(staff=np.array([[[1.0, 0, 0, 0, 0, 0, 0, 0, 0]]])),
        ... )
        >>> inp.pupils.promotion.shape, inp.supply.attrition.shape
        ((1, 2), (1, 1, 9))
    """

    districts: tuple[str, ...]
    subjects: tuple[str, ...]
    pupils: PupilInput
    demand: DemandInput
    supply: SupplyInput
    quota: QuotaInput = field(default_factory=QuotaInput)
    grades: tuple[int, ...] = DEFAULT_GRADES
    horizon: int = 15
    base_year: int = 2025

    def __post_init__(self) -> None:
        from .validation import normalise

        normalise(self)

    @property
    def years(self) -> npt.NDArray[np.int64]:
        """Calendar years of the results: the base year and the T projection years."""
        return np.arange(self.base_year, self.base_year + self.horizon + 1, dtype=np.int64)

    @property
    def age_bands(self) -> tuple[str, ...]:
        """Age-band labels such as ``"20-24"``."""
        e = self.supply.age_band_edges
        return tuple(f"{e[a]}-{e[a + 1] - 1}" for a in range(len(e) - 1))

    def dims(self) -> dict[str, int]:
        """Axis lengths: ``{"year": T, "district": D, "grade": G, "subject": S, "age_band": A}``."""
        return {
            "year": self.horizon,
            "district": len(self.districts),
            "grade": len(self.grades),
            "subject": len(self.subjects),
            "age_band": len(self.supply.age_band_edges) - 1,
        }
