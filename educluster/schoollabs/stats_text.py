"""The statistics engine's results and errors as plain sentences in the user's language.

The engine (``educluster.engines.stats``) speaks English codes: error ``code`` + ``params``,
interpretation categories (direction, magnitude, significance). Here each becomes a translated
sentence; numbers are formatted for the active language.
"""

import math
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from educluster.engines.stats import EffectInterpretation, StatsInputError, interpret_effect
from educluster.engines.stats.did import DiDResult

GROUPS = {0: gettext_lazy("the control group"), 1: gettext_lazy("the experimental group")}
WAVES = {
    0: gettext_lazy("the pre-test"),
    1: gettext_lazy("the post-test"),
    2: gettext_lazy("the follow-up"),
}
MAGNITUDES = {
    "negligible": gettext_lazy("negligible"),
    "small": gettext_lazy("small"),
    "medium": gettext_lazy("medium"),
    "large": gettext_lazy("large"),
}


def num(value: float | None, places: int = 2) -> str:
    if value is None or not math.isfinite(value):
        return "—"
    return number_format(round(value, places), decimal_pos=places, use_l10n=True)


def p_text(p: float) -> str:
    return "p < " + num(0.001, 3) if p < 0.001 else "p = " + num(p, 3)


def ci_text(low: float, high: float, confidence: float) -> str:
    return _("%(level)s%% CI [%(low)s; %(high)s]") % {
        "level": num(confidence * 100, 0),
        "low": num(low),
        "high": num(high),
    }


# --- Errors -----------------------------------------------------------------------------------


def _group_of(text: str) -> int | None:
    if "experimental" in text or "treated" in text:
        return 1
    if "control" in text:
        return 0
    return None


def _wave_of(text: str) -> int | None:
    # Cell names say "pre"/"post"; group fields say "the pre-test", "the follow-up".
    for word, wave in (("follow-up", 2), ("post", 1), ("pre", 0)):
        if word in text:
            return wave
    return None


def where(field: str) -> str:
    """Where in the study an engine field points, e.g. "in the control group at the pre-test"."""
    main = field.split(" (")[0]  # drop a context like " (pre-test vs post-test)"
    group, wave = _group_of(main), _wave_of(main)
    if main.startswith("pupils of the") or "score changes" in main:
        wave = _wave_of(main.split("both a pre-test and a")[-1])
        return _("among pupils of %(group)s measured at both the pre-test and %(wave)s") % {
            "group": GROUPS.get(group if group is not None else 0),
            "wave": WAVES.get(wave if wave is not None else 1),
        }
    if group is not None and wave is not None:
        return _("in %(group)s at %(wave)s") % {"group": GROUPS[group], "wave": WAVES[wave]}
    if group is not None:
        return _("in %(group)s") % {"group": GROUPS[group]}
    if "class-level" in main or "every design cell" in main:
        return _("within the classes")
    return _("in the results")


#: The engine's stable error codes → sentences; ``%(…)s`` are filled by :func:`error_sentence`.
ERROR_MESSAGES = {
    "mismatched_waves": gettext_lazy(
        "%(group)s has no results at %(wave)s yet; both groups need pre-test and post-test results."
    ),
    "too_few_observations": gettext_lazy(
        "Too few results %(where)s: %(n)d, but at least %(minimum)d are needed."
    ),
    "too_few_clusters": gettext_lazy(
        "Too few classes or schools %(where)s for clustered standard errors: %(n)d, but at "
        "least %(minimum)d are needed."
    ),
    "zero_variance": gettext_lazy(
        "All scores %(where)s are identical, so the statistic cannot be computed."
    ),
    "duplicate_observation": gettext_lazy("Pupil %(pupil)s has more than one result at %(wave)s."),
    "group_switch": gettext_lazy(
        "Pupil %(pupil)s is in both the experimental and the control group."
    ),
    "cluster_switch": gettext_lazy("Pupil %(pupil)s belongs to two different classes."),
    "non_finite_value": gettext_lazy("A score is missing or is not a number."),
    "not_numeric": gettext_lazy("A score is missing or is not a number."),
    "value_too_large": gettext_lazy("A score is far too large to be a real result."),
    "missing_label": gettext_lazy("A result has no class or school."),
}
#: Codes of input the adapter itself builds (lengths, shapes, group codes): a bug, not the data.
GENERIC_ERROR = gettext_lazy("The results cannot be analysed (%(code)s).")
UNMATCHED_WAVES = gettext_lazy(
    "The measurement waves do not match; enter both waves for every group."
)


def error_sentence(error: StatsInputError) -> str:
    """A plain sentence for an engine error, by its stable code."""
    params: dict[str, Any] = dict(error.params)
    field = str(params.get("field", ""))
    values: dict[str, Any] = {
        "code": error.code,
        "where": where(field),
        "n": params.get("n", params.get("n_clusters", 0)),
        "minimum": params.get("minimum", 2),
        "pupil": params.get("pupil", ""),
        "wave": WAVES.get(params.get("wave", 0), ""),
    }
    if error.code == "mismatched_waves":
        reason = str(params.get("reason", ""))
        group, wave = _group_of(reason), _wave_of(reason)
        if group is None or wave is None:
            return str(UNMATCHED_WAVES)
        values |= {"group": str(GROUPS[group]).capitalize(), "wave": WAVES[wave]}
    template = ERROR_MESSAGES.get(error.code, GENERIC_ERROR)
    return str(template) % values


# --- Interpretation ---------------------------------------------------------------------------


def _verdict(effect: EffectInterpretation, size_name: str) -> str:
    if effect.direction == "none":
        return _("There is no difference.")
    favour = (
        _("in favour of the experimental group")
        if effect.direction == "positive"
        else _("in favour of the control group")
    )
    size = ""
    if effect.effect_size is not None and effect.magnitude is not None:
        size = _("The effect is %(magnitude)s (%(name)s = %(value)s)") % {
            "magnitude": MAGNITUDES[effect.magnitude],
            "name": size_name,
            "value": num(effect.effect_size),
        }
    else:
        size = _("The effect cannot be standardised")
    if effect.significant:
        return _("%(size)s and statistically significant, %(favour)s.") % {
            "size": size,
            "favour": favour,
        }
    return _(
        "%(size)s and not statistically significant: the data are compatible with no effect."
    ) % {"size": size}


def interpret(did: DiDResult, alpha: float) -> EffectInterpretation:
    return interpret_effect(
        did.estimate, did.effect_size, did.p_value, did.ci_low, did.ci_high, alpha=alpha
    )


def did_sentences(did: DiDResult, effect: EffectInterpretation, to_wave: int) -> list[str]:
    """The headline: the experimental group's gain minus the control group's."""
    first = _(
        "From the pre-test to %(wave)s the experimental group's mean score changed by "
        "%(treated)s points and the control group's by %(control)s points: a "
        "difference-in-differences of %(estimate)s points (%(ci)s, %(p)s)."
    ) % {
        "wave": WAVES[to_wave],
        "treated": num(did.cells.treated_post - did.cells.treated_pre),
        "control": num(did.cells.control_post - did.cells.control_pre),
        "estimate": num(did.estimate),
        "ci": ci_text(did.ci_low, did.ci_high, did.confidence),
        "p": p_text(did.p_value),
    }
    return [first, _verdict(effect, "d")]


def comparison_sentence(
    effect: EffectInterpretation, wave: int, g: float, confidence: float
) -> str:
    return _(
        "At %(wave)s the experimental group scored %(diff)s points %(dir)s than the control "
        "group on average (%(ci)s; Hedges' g = %(g)s; Welch's t-test %(p)s)."
    ) % {
        "wave": WAVES[wave],
        "diff": num(abs(effect.estimate)),
        "dir": _("higher") if effect.estimate >= 0 else _("lower"),
        "ci": ci_text(effect.ci_low, effect.ci_high, confidence),
        "g": num(g),
        "p": p_text(effect.p_value),
    }


BASELINE = {
    "satisfied": gettext_lazy(
        "The groups were equivalent at the pre-test (|g| ≤ 0.05), so the post-test comparison "
        "is fair."
    ),
    "requires_adjustment": gettext_lazy(
        "The groups differed a little at the pre-test (0.05 < |g| ≤ 0.25); the "
        "difference-in-differences adjusts for it."
    ),
    "not_satisfied": gettext_lazy(
        "The groups differed markedly at the pre-test (|g| > 0.25); even the "
        "difference-in-differences should be read with caution."
    ),
}

WARNINGS = {
    "few_clusters": gettext_lazy(
        "Each group has fewer than 10 classes (schools): clustered standard errors may be too "
        "small, so treat the p-value and the interval with caution."
    ),
    "zero_pretest_variance": gettext_lazy(
        "Every pupil had the same pre-test score, so the difference-in-differences has no "
        "standardised effect size."
    ),
    "baseline_comparison_skipped": gettext_lazy(
        "All pre-test scores are equal in both groups; the pre-test comparison is skipped."
    ),
    "follow_up_comparison_skipped": gettext_lazy(
        "All follow-up scores are equal in both groups; the follow-up comparison is skipped."
    ),
    "clustered_by_pupil": gettext_lazy(
        "A group has only one class (school), so standard errors are clustered by pupil. The "
        "effect of the innovation cannot be told apart from differences between the classes "
        "themselves; add classes to each group for a stronger design."
    ),
}
