"""Machine-readable interpretation of effects, for the UI to render as a sentence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "BaselineEquivalence",
    "Direction",
    "EffectInterpretation",
    "Magnitude",
    "baseline_equivalence",
    "effect_magnitude",
    "interpret_effect",
]

Magnitude = Literal["negligible", "small", "medium", "large"]
Direction = Literal["positive", "negative", "none"]
BaselineEquivalence = Literal["satisfied", "requires_adjustment", "not_satisfied"]


@dataclass(frozen=True, slots=True)
class EffectInterpretation:
    """An effect in plain categories.

    ``direction`` is the sign of ``estimate`` (for group comparisons positive favours the
    experimental group; for changes positive is an improvement); ``magnitude`` classifies
    ``|effect_size|`` (``None`` when no standardised size exists); ``significant`` is
    ``p_value < alpha``; ``ci_excludes_zero`` agrees with it for t-based intervals.
    """

    estimate: float
    effect_size: float | None
    magnitude: Magnitude | None
    direction: Direction
    significant: bool
    p_value: float
    alpha: float
    ci_low: float
    ci_high: float
    ci_excludes_zero: bool


def effect_magnitude(effect_size: float) -> Magnitude:
    """Cohen's (1988, §2.2.3) labels for a standardised mean difference.

    ``|d| < 0.2`` negligible, ``< 0.5`` small, ``< 0.8`` medium, otherwise large.

    Example:
        >>> (effect_magnitude(0.1), effect_magnitude(-0.5), effect_magnitude(0.79))
        ('negligible', 'medium', 'medium')
    """
    size = abs(effect_size)
    if size < 0.2:
        return "negligible"
    if size < 0.5:
        return "small"
    if size < 0.8:
        return "medium"
    return "large"


def baseline_equivalence(baseline_g: float) -> BaselineEquivalence:
    """What Works Clearinghouse baseline-equivalence rule on the pre-test Hedges' g.

    ``|g| ≤ 0.05`` satisfied; ``0.05 < |g| ≤ 0.25`` requires statistical adjustment (the
    difference-in-differences is one); ``|g| > 0.25`` not satisfied (WWC Procedures and
    Standards Handbook, v5.0, 2022, §IV.C).

    Example:
        >>> (baseline_equivalence(0.03), baseline_equivalence(-0.2), baseline_equivalence(0.3))
        ('satisfied', 'requires_adjustment', 'not_satisfied')
    """
    size = abs(baseline_g)
    if size <= 0.05:
        return "satisfied"
    if size <= 0.25:
        return "requires_adjustment"
    return "not_satisfied"


def interpret_effect(
    estimate: float,
    effect_size: float | None,
    p_value: float,
    ci_low: float,
    ci_high: float,
    *,
    alpha: float,
) -> EffectInterpretation:
    """Classify an effect: direction, Cohen magnitude, significance at ``alpha``.

    Example:
        >>> i = interpret_effect(2.5, 0.42, 0.01, 0.6, 4.4, alpha=0.05)
        >>> (i.direction, i.magnitude, i.significant)
        ('positive', 'small', True)
    """
    direction: Direction = "positive" if estimate > 0 else "negative" if estimate < 0 else "none"
    return EffectInterpretation(
        estimate=estimate,
        effect_size=effect_size,
        magnitude=None if effect_size is None else effect_magnitude(effect_size),
        direction=direction,
        significant=p_value < alpha,
        p_value=p_value,
        alpha=alpha,
        ci_low=ci_low,
        ci_high=ci_high,
        ci_excludes_zero=ci_low > 0 or ci_high < 0,
    )
