"""Teaching posts at member institutions, the staff records on them, and vacancies."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from educluster.core.text import normalize_uz
from educluster.workforce.models.reference import AgeBand, Subject


class Position(models.Model):
    """A teaching post (stavka) at an institution: subject, weekly hours and load fraction.

    A position exists whether or not someone holds it. Status: *filled* (a staff record holds
    it), *interim* (held by an acting teacher while it is recruited for), *vacant*, *on hold*
    (frozen). The services keep the status and the current staff record in agreement.
    """

    class Status(models.TextChoices):
        FILLED = "filled", _("filled")
        VACANT = "vacant", _("vacant")
        ON_HOLD = "on_hold", _("on hold")
        INTERIM = "interim", _("interim")

    HELD = (Status.FILLED, Status.INTERIM)

    institution = models.ForeignKey(
        "registry.Institution",
        on_delete=models.PROTECT,
        related_name="positions",
        verbose_name=_("institution"),
    )
    code = models.CharField(
        _("code"),
        max_length=40,
        blank=True,
        help_text=_("The institution's own number for the post; used to match rows on import."),
    )
    subject = models.ForeignKey(
        Subject, on_delete=models.PROTECT, related_name="positions", verbose_name=_("subject")
    )
    language = models.ForeignKey(
        "registry.Language",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("language of instruction"),
    )
    weekly_hours = models.DecimalField(
        _("weekly hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal(40))],
    )
    load_fraction = models.DecimalField(
        _("load (stavka)"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.05")), MaxValueValidator(Decimal(2))],
        help_text=_("1 = one full-time post; 0.5 = half a post."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.VACANT
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["institution__name", "subject__order", "code", "id"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "code"],
                condition=~Q(code=""),
                name="position_code_unique_in_institution",
            ),
            models.CheckConstraint(condition=Q(load_fraction__gt=0), name="position_load_gt_0"),
            models.CheckConstraint(condition=Q(weekly_hours__gt=0), name="position_hours_gt_0"),
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        label = f"{self.subject} · {self.institution}"
        return f"{label} ({self.code})" if self.code else label

    def get_absolute_url(self) -> str:
        return reverse("workforce:position", args=[self.pk])

    def clean(self) -> None:
        self.code = (self.code or "").strip()
        self.note = normalize_uz(self.note)


class QualificationCategory(models.TextChoices):
    """Teacher qualification categories of Uzbekistan's attestation system."""

    HIGHEST = "highest", _("highest category")
    FIRST = "first", _("first category")
    SECOND = "second", _("second category")
    SPECIALIST = "specialist", _("specialist (no category)")


class StaffRecord(models.Model):
    """A teacher on a position — qualification category, specialty, age band and start date,
    and nothing more (no name, no documents). ``end_date`` set: no longer on the post."""

    position = models.ForeignKey(
        Position,
        on_delete=models.PROTECT,
        related_name="staff_records",
        verbose_name=_("position"),
    )
    qualification_category = models.CharField(
        _("qualification category"), max_length=12, choices=QualificationCategory.choices
    )
    specialty = models.ForeignKey(
        Subject, on_delete=models.PROTECT, related_name="+", verbose_name=_("specialty")
    )
    age_band = models.CharField(_("age band"), max_length=5, choices=AgeBand.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "-start_date"]
        verbose_name = _("staff record")
        verbose_name_plural = _("staff records")
        constraints = [
            models.UniqueConstraint(
                fields=["position"],
                condition=Q(end_date__isnull=True),
                name="staff_one_current_per_position",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="staff_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.specialty} · {self.get_age_band_display()} · {self.start_date}"

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})
        if self.start_date and self.start_date > timezone.localdate():
            raise ValidationError({"start_date": _("The start date is in the future.")})

    @property
    def is_current(self) -> bool:
        return self.end_date is None


class Vacancy(models.Model):
    """An open position published by a member: open → filled or withdrawn.

    Time to fill is the number of days from opening to filling.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        FILLED = "filled", _("filled")
        WITHDRAWN = "withdrawn", _("withdrawn")

    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="vacancies", verbose_name=_("position")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    requirements = models.TextField(_("requirements"), blank=True)
    language = models.ForeignKey(
        "registry.Language",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("language of instruction"),
    )
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    apply_by = models.DateField(_("apply by"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    filled_by = models.ForeignKey(
        StaffRecord,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("filled by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        constraints = [
            models.UniqueConstraint(
                fields=["position"],
                condition=Q(status="open"),
                name="vacancy_one_open_per_position",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="vacancy_closes_after_opening",
            ),
        ]
        indexes = [models.Index(fields=["status", "opened_on"])]

    def __str__(self) -> str:
        return str(self.position)

    def get_absolute_url(self) -> str:
        return reverse("workforce:vacancy", args=[self.pk])

    def clean(self) -> None:
        self.requirements = self.requirements.strip()
        if self.apply_by and self.opened_on and self.apply_by < self.opened_on:
            raise ValidationError({"apply_by": _("The deadline is before the opening date.")})
        if self.closed_on and self.opened_on and self.closed_on < self.opened_on:
            raise ValidationError({"closed_on": _("The closing date is before the opening date.")})

    @property
    def time_to_fill(self) -> int | None:
        """Days from opening to filling, for filled vacancies."""
        if self.status != self.Status.FILLED or self.closed_on is None:
            return None
        return (self.closed_on - self.opened_on).days
