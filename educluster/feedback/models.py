"""Employers' structured feedback on the university's programmes and on its graduates.

A school (or other employer in the cluster) where a graduate teaches rates the graduate on a
fixed list of competences, 1–5, once per employment record (``placements.GraduateOutcome``).
The department reads the means per programme and graduation year and sees which competence
is the weakest — issue #14 item 7, co-designing teacher training with the employers.
"""

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from educluster.placements.models import GraduateOutcome
from educluster.registry.models import Cluster, Institution

# The fixed list, stored by code; the names are translated here, not in the database.
COMPETENCES: list[tuple[str, Any]] = [
    ("subject", _("Subject knowledge")),
    ("methods", _("Teaching methods")),
    ("classroom", _("Classroom management")),
    ("digital", _("Digital skills")),
    ("art", _("Art practice")),
    ("parents", _("Communication with parents")),
]
COMPETENCE_NAMES = dict(COMPETENCES)
RATING_MIN, RATING_MAX = 1, 5


class Competence(models.Model):
    """One competence employers rate, seeded per cluster from ``COMPETENCES``."""

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="+", verbose_name=_("cluster")
    )
    code = models.SlugField(_("code"), max_length=20)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["cluster", "order", "pk"]
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "code"], name="feedback_competence_once")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return str(COMPETENCE_NAMES.get(self.code, self.code))


class GraduateFeedback(models.Model):
    """An employer's feedback on one graduate it employs, from the employment record.

    The programme and the cohort (graduation year) are copied from the record when the
    feedback is given, so the summary stays as it was if the person's data changes later.
    """

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="+", verbose_name=_("cluster")
    )
    employer = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="+", verbose_name=_("employer")
    )
    outcome = models.ForeignKey(
        GraduateOutcome,
        on_delete=models.PROTECT,
        related_name="feedback",
        verbose_name=_("graduate employment"),
    )
    programme = models.CharField(_("programme"), max_length=200)
    cohort_year = models.PositiveSmallIntegerField(_("graduation year"))
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("given by"),
    )
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-given_at", "pk"]
        verbose_name = _("graduate feedback")
        verbose_name_plural = _("graduate feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "outcome"], name="feedback_once_per_employer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.employer} → {self.outcome}"


class CompetenceRating(models.Model):
    """One competence's rating, 1–5, within one feedback."""

    feedback = models.ForeignKey(
        GraduateFeedback,
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("feedback"),
    )
    competence = models.ForeignKey(
        Competence, on_delete=models.PROTECT, related_name="ratings", verbose_name=_("competence")
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(RATING_MIN), MaxValueValidator(RATING_MAX)]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["feedback", "competence__order"]
        verbose_name = _("competence rating")
        verbose_name_plural = _("competence ratings")
        constraints = [
            models.UniqueConstraint(fields=["feedback", "competence"], name="feedback_rating_once"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=RATING_MIN, rating__lte=RATING_MAX),
                name="feedback_rating_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competence}: {self.rating}"
