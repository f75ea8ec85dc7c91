"""Frozen inputs of the effectiveness index: indicator specifications, units, missing policy.

Example:
    >>> spec = IndicatorSpec("fill_rate", direction="higher", weight=2.0, target=0.9)
    >>> unit = Unit(1, kind="school", values={"fill_rate": 0.45})
    >>> (spec.applies_to(unit.kind), unit.value("fill_rate"))
    (True, 0.45)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

__all__ = [
    "HIGHER",
    "LOWER",
    "MINMAX",
    "TARGET",
    "Direction",
    "IndicatorSpec",
    "MissingPolicy",
    "Normalisation",
    "Number",
    "PolicyMethod",
    "Unit",
    "UnitId",
]

Direction = Literal["higher", "lower"]
Normalisation = Literal["target", "minmax"]
PolicyMethod = Literal["renormalise", "zero", "exclude_unit"]
UnitId = int | str
#: A raw number: an int or float, or a Decimal as a DecimalField gives it (NumPy numbers work too).
Number = float | Decimal

HIGHER: Direction = "higher"
LOWER: Direction = "lower"
TARGET: Normalisation = "target"
MINMAX: Normalisation = "minmax"


@dataclass(frozen=True, slots=True)
class IndicatorSpec:
    """One indicator of the index.

    ``direction`` says whether a higher or a lower raw value is better. ``normalisation`` maps
    the raw value onto [0, 1] (see :mod:`.normalise` for the formulas): ``"target"`` needs a
    ``target`` > 0; ``"minmax"`` uses the range across the units and ignores ``target``.
    ``weight`` >= 0 is relative (only the ratios between weights matter). ``kind`` restricts
    the indicator to units of that kind (``None``: it applies to every unit).
    """

    code: str
    direction: Direction = HIGHER
    weight: Number = 1.0
    normalisation: Normalisation = TARGET
    target: Number | None = None
    kind: str | None = None

    def applies_to(self, kind: str) -> bool:
        """Whether the indicator counts for a unit of ``kind``."""
        return self.kind is None or self.kind == kind


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit being scored (a member institution): its id, kind and raw indicator values.

    ``values`` maps indicator code to the raw value, or ``None`` (or an absent key) when the
    value is missing. Values for indicators that do not apply to the unit's kind are ignored.
    """

    id: UnitId
    kind: str = ""
    values: Mapping[str, Number | None] = field(default_factory=dict)

    def value(self, code: str) -> Number | None:
        """The raw value of indicator ``code``, or ``None`` if missing."""
        return self.values.get(code)


@dataclass(frozen=True, slots=True)
class MissingPolicy:
    """How a missing value of an applicable indicator is treated, stated explicitly.

    * ``"renormalise"``: the missing indicator is dropped for that unit and the weights of the
      indicators it does have are rescaled to sum to 1. A unit with no value at all gets no
      index (it is listed as excluded).
    * ``"zero"``: a missing value scores 0 and keeps its weight (a penalty for not reporting).
    * ``"exclude_unit"``: a unit whose coverage is below ``min_coverage`` gets no index and no
      rank; the others are scored as under ``"renormalise"``. ``min_coverage=1.0`` (the
      default) keeps complete cases only.

    ``min_coverage`` is used by ``"exclude_unit"`` only.

    Coverage is the weighted share of the applicable indicators that have a value:
    ``sum(w_j for present j) / sum(w_j for applicable j)`` with the base weights.
    """

    method: PolicyMethod = "renormalise"
    min_coverage: float = 1.0

    @classmethod
    def renormalise(cls) -> MissingPolicy:
        """Drop missing indicators and rescale the remaining weights."""
        return cls("renormalise", 0.0)

    @classmethod
    def zero(cls) -> MissingPolicy:
        """Score a missing value as 0."""
        return cls("zero", 0.0)

    @classmethod
    def exclude_unit(cls, min_coverage: float = 1.0) -> MissingPolicy:
        """Leave out units below ``min_coverage``; renormalise the others."""
        return cls("exclude_unit", min_coverage)
