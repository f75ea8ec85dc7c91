"""Assessment instruments: rubrics with criteria and scales, questionnaires with Likert items."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from educluster.core.text import normalize_uz
from educluster.registry.models import Cluster

#: Items per instrument: import files carry one score column per item.
MAX_ITEMS = 20


class Instrument(models.Model):
    """A rubric (criteria scored on a scale) or a questionnaire (Likert items).

    An instrument either assesses pupils in a study or evaluates trainees in practice. A
    respondent's score is the sum of the item scores, reverse-scored items counted as
    ``min + max − answer``. Example: a drawing-skills rubric of five criteria (composition,
    proportion, line, colour, creativity) each scored 1–5, total 5–25.
    """

    class Kind(models.TextChoices):
        RUBRIC = "rubric", _("rubric")
        QUESTIONNAIRE = "questionnaire", _("questionnaire")

    class Use(models.TextChoices):
        PUPIL_ASSESSMENT = "pupil_assessment", _("assessing pupils in studies")
        TRAINEE_EVALUATION = "trainee_evaluation", _("evaluating trainees")

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="lab_instruments", verbose_name=_("cluster")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.RUBRIC)
    use = models.CharField(
        _("used for"), max_length=20, choices=Use.choices, default=Use.PUPIL_ASSESSMENT
    )
    description = models.TextField(_("description"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("assessment instrument")
        verbose_name_plural = _("assessment instruments")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.name = normalize_uz(self.name)

    @property
    def score_range(self) -> tuple[int, int]:
        items = list(self.items.all())
        return sum(i.scale_min for i in items), sum(i.scale_max for i in items)


class InstrumentItem(models.Model):
    """One criterion of a rubric or one item of a questionnaire, with its scale."""

    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="items", verbose_name=_("instrument")
    )
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(MAX_ITEMS)]
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(
        _("description"), blank=True, help_text=_("What each level of the scale means.")
    )
    scale_min = models.SmallIntegerField(_("lowest score"), default=1)
    scale_max = models.SmallIntegerField(_("highest score"), default=5)
    reverse_scored = models.BooleanField(
        _("reverse-scored"),
        default=False,
        help_text=_(
            "For negatively worded questionnaire items: counted as lowest + highest − answer."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["instrument", "number"]
        verbose_name = _("criterion or item")
        verbose_name_plural = _("criteria and items")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "number"], name="item_number_unique"),
            models.CheckConstraint(
                condition=Q(scale_max__gt=models.F("scale_min")), name="item_scale_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def clean(self) -> None:
        self.title = normalize_uz(self.title)
        if self.scale_min is not None and self.scale_max is not None:
            if self.scale_max <= self.scale_min:
                raise ValidationError(
                    {"scale_max": _("The highest score must be above the lowest.")}
                )
            if self.scale_max - self.scale_min > 100:
                raise ValidationError({"scale_max": _("A scale has at most 101 points.")})

    def scored(self, answer: int) -> int:
        return self.scale_min + self.scale_max - answer if self.reverse_scored else answer


def check_scores(items: Sequence[InstrumentItem], scores: Sequence[object]) -> list[str]:
    """Problems with a list of answers to ``items`` (one per item, in order), as sentences."""
    problems: list[str] = []
    if len(scores) != len(items):
        problems.append(
            str(_("Give one score for each of the %(n)d criteria.") % {"n": len(items)})
        )
        return problems
    for item, value in zip(items, scores, strict=True):
        if isinstance(value, bool) or not isinstance(value, int):
            problems.append(str(_("%(item)s: the score must be a whole number.") % {"item": item}))
        elif not item.scale_min <= value <= item.scale_max:
            problems.append(
                str(
                    _("%(item)s: %(value)s is outside the scale %(low)d–%(high)d.")
                    % {"item": item, "value": value, "low": item.scale_min, "high": item.scale_max}
                )
            )
    return problems


def total_score(items: Sequence[InstrumentItem], scores: Sequence[int]) -> int:
    return sum(item.scored(value) for item, value in zip(items, scores, strict=True))
