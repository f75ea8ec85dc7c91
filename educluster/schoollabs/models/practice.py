"""Trainee practice: placements at School-Labs, logged hours, mentor evaluations."""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from educluster.accounts.models import Person

from .activities import Activity
from .instruments import Instrument, check_scores, total_score
from .labs import SchoolLab, Term

MAX_HOURS_PER_DAY = Decimal(12)


class Placement(models.Model):
    """A student placed at a School-Lab for a term with a mentor teacher of the host school."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("in practice")
        COMPLETED = "completed", _("completed")
        WITHDRAWN = "withdrawn", _("withdrawn")

    lab = models.ForeignKey(
        SchoolLab, on_delete=models.PROTECT, related_name="placements", verbose_name=_("School-Lab")
    )
    term = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="placements", verbose_name=_("term")
    )
    student = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="lab_placements", verbose_name=_("trainee")
    )
    mentor = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="mentored_placements",
        verbose_name=_("mentor teacher"),
    )
    planned_hours = models.PositiveSmallIntegerField(
        _("planned hours"), default=72, validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-term__start_date", "student__full_name"]
        verbose_name = _("practice placement")
        verbose_name_plural = _("practice placements")
        constraints = [
            models.UniqueConstraint(fields=["term", "student"], name="placement_once_per_term")
        ]

    def __str__(self) -> str:
        return f"{self.student} — {self.lab} ({self.term})"

    def get_absolute_url(self) -> str:
        return reverse("schoollabs:placement", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.student_id and self.student.kind != Person.Kind.STUDENT:
            errors["student"] = _("A trainee must be a student.")
        if (
            self.mentor_id
            and self.lab_id
            and (
                self.mentor.kind != Person.Kind.TEACHER
                or self.mentor.institution_id != self.lab.host_id
            )
        ):
            errors["mentor"] = _("The mentor must be a teacher of the lab's host school.")
        if self.term_id and self.lab_id and self.term.cluster_id != self.lab.cluster_id:
            errors["term"] = _("Choose a term of the lab's cluster.")
        if errors:
            raise ValidationError(errors)


class PracticeLog(models.Model):
    """Hours a trainee worked on one day, approved or returned by the mentor.

    submitted → approved, or submitted → returned (with the mentor's comment) → submitted again
    after the trainee corrects it. Approved hours count towards the placement.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("awaiting approval")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned for correction")

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="logs", verbose_name=_("placement")
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(MAX_HOURS_PER_DAY)],
    )
    activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practice_logs",
        verbose_name=_("activity"),
    )
    description = models.TextField(_("what was done"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    mentor_comment = models.TextField(_("mentor's comment"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("practice hours")
        verbose_name_plural = _("practice hours")
        indexes = [models.Index(fields=["placement", "status"])]

    def __str__(self) -> str:
        return f"{self.date}: {self.hours}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.hours is not None and (self.hours * 2) % 1:
            errors["hours"] = _("Log hours in steps of half an hour.")
        if self.date and self.placement_id:
            term = self.placement.term
            if not term.start_date <= self.date <= term.end_date:
                errors["date"] = _("The date must fall within the term (%(start)s – %(end)s).") % {
                    "start": term.start_date,
                    "end": term.end_date,
                }
            elif self.date > timezone.localdate():
                errors["date"] = _("Hours cannot be logged for a future date.")
        activity = self.activity if self.activity_id else None
        if activity is not None and self.placement_id and activity.lab_id != self.placement.lab_id:
            errors["activity"] = _("Choose an activity of the placement's School-Lab.")
        if errors:
            raise ValidationError(errors)


class Evaluation(models.Model):
    """The mentor's evaluation of a trainee against a trainee-evaluation rubric."""

    placement = models.OneToOneField(
        Placement, on_delete=models.CASCADE, related_name="evaluation", verbose_name=_("placement")
    )
    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("rubric")
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("evaluated by"),
    )
    evaluated_on = models.DateField(_("evaluated on"), default=timezone.localdate)
    scores = models.JSONField(_("scores"), default=list)
    total = models.IntegerField(_("total score"), default=0)
    comment = models.TextField(_("comment"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("trainee evaluation")
        verbose_name_plural = _("trainee evaluations")

    def __str__(self) -> str:
        return f"{self.placement.student}: {self.total}"

    def clean(self) -> None:
        if self.instrument_id is None:
            return
        if self.instrument.use != Instrument.Use.TRAINEE_EVALUATION:
            raise ValidationError({"instrument": _("Choose a trainee evaluation rubric.")})
        items = list(self.instrument.items.all())
        problems = check_scores(items, self.scores)
        if problems:
            raise ValidationError({"scores": problems})
        self.total = total_score(items, self.scores)
