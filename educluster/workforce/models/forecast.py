"""Scenarios, forecast runs (with the input snapshot and code version that produced them) and
their stored results."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from educluster.core.text import normalize_uz
from educluster.workforce.models.reference import Subject


class Scenario(models.Model):
    """A named set of parameter overrides applied on the cluster's reference inputs.

    The base scenario has no overrides; alternatives (smaller classes, one more weekly hour of
    fine arts, higher attrition, …) are compared with it.
    """

    cluster = models.ForeignKey(
        "registry.Cluster",
        on_delete=models.CASCADE,
        related_name="workforce_scenarios",
        verbose_name=_("cluster"),
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    is_base = models.BooleanField(_("base scenario"), default=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_base", "name"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "name"], name="scenario_name_unique"),
            models.UniqueConstraint(
                fields=["cluster"], condition=Q(is_base=True), name="scenario_one_base"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.name = normalize_uz(self.name)


class ScenarioOverride(models.Model):
    """One change of one forecast input: set, scale or add a value, optionally only for one
    district, subject or a range of grades (see ``educluster.engines.forecast.Override``)."""

    class Field(models.TextChoices):
        MAX_CLASS_SIZE = "max_class_size", _("class-size norm")
        HOURS = "hours", _("weekly hours of the subject")
        LOAD_NORM = "load_norm", _("teaching load of a full-time post")
        PROMOTION = "promotion", _("promotion rate")
        INTAKE_GROWTH = "intake_growth", _("growth of grade-1 intake")
        ATTRITION = "attrition", _("attrition rate")
        GRADUATES = "graduates", _("graduates")
        EMPLOYMENT_RATE = "employment_rate", _("employment rate of graduates")
        COMPLETION_RATE = "completion_rate", _("completion rate")
        RETIREMENT_AGE = "retirement_age", _("retirement age")
        PROGRAMME_LENGTH = "programme_length", _("programme length")

    class Op(models.TextChoices):
        SET = "set", _("set to")
        SCALE = "scale", _("multiply by")
        ADD = "add", _("add")

    #: The selectors each field accepts (its axes in the engine).
    AXES: dict[str, set[str]] = {
        "max_class_size": {"district", "grade"},
        "hours": {"grade", "subject"},
        "load_norm": {"district", "subject"},
        "promotion": {"district", "grade"},
        "intake_growth": {"district"},
        "attrition": {"district", "subject"},
        "graduates": {"district", "subject"},
        "employment_rate": {"district", "subject"},
        "completion_rate": {"district", "subject"},
        "retirement_age": set(),
        "programme_length": set(),
    }
    SETTINGS_ONLY = {"retirement_age", "programme_length"}

    scenario = models.ForeignKey(
        Scenario, on_delete=models.CASCADE, related_name="overrides", verbose_name=_("scenario")
    )
    field = models.CharField(_("input"), max_length=20, choices=Field.choices)
    op = models.CharField(_("change"), max_length=5, choices=Op.choices)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=4)
    district = models.ForeignKey(
        "registry.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("only in district"),
    )
    subject = models.ForeignKey(
        Subject,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("only for subject"),
    )
    grade_from = models.PositiveSmallIntegerField(
        _("from grade"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(11)],
    )
    grade_to = models.PositiveSmallIntegerField(
        _("to grade"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(11)],
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["scenario", "id"]
        verbose_name = _("scenario override")
        verbose_name_plural = _("scenario overrides")

    def __str__(self) -> str:
        return f"{self.get_field_display()} {self.get_op_display()} {self.value}"

    def clean(self) -> None:
        axes = self.AXES.get(self.field, set())
        errors: dict[str, Any] = {}
        if self.field in self.SETTINGS_ONLY and self.op != self.Op.SET:
            errors["op"] = _("This input can only be set.")
        if self.district_id and "district" not in axes:
            errors["district"] = _("This input is not set per district.")
        if self.subject_id and "subject" not in axes:
            errors["subject"] = _("This input is not set per subject.")
        if (self.grade_from or self.grade_to) and "grade" not in axes:
            errors["grade_from"] = _("This input is not set per grade.")
        if self.grade_from and self.grade_to and self.grade_to < self.grade_from:
            errors["grade_to"] = _("The last grade is before the first.")
        rates = {"promotion", "attrition", "employment_rate", "completion_rate"}
        if self.value is not None:
            if self.op == self.Op.SCALE and self.value < 0:
                errors["value"] = _("A factor cannot be negative.")
            elif self.op == self.Op.SET and self.field in rates and not 0 <= self.value <= 1:
                errors["value"] = _("A rate must be between 0 and 1.")
            elif self.op == self.Op.SET and self.value < 0 and self.field != "intake_growth":
                errors["value"] = _("The value cannot be negative.")
            elif self.field == "retirement_age" and self.value not in (55, 60, 65):
                errors["value"] = _("The retirement age must be 55, 60 or 65.")
            elif self.field == "programme_length" and not (
                self.value == int(self.value) and 1 <= self.value <= 8
            ):
                errors["value"] = _("The programme length must be a whole number of years, 1–8.")
        if errors:
            raise ValidationError(errors)

    def grades(self) -> tuple[int, ...] | None:
        if not (self.grade_from or self.grade_to):
            return None
        first = self.grade_from or 1
        return tuple(range(first, (self.grade_to or first) + 1))


class ForecastRun(models.Model):
    """One forecast of a cluster under a scenario, computed in the background.

    ``input_snapshot`` holds every number the engine received (after reading the reference
    inputs and applying the scenario) and ``code_version`` the versions of the app, the engine
    files and NumPy: re-running the snapshot with the same code gives the same results.
    queued → running → done | failed.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        RUNNING = "running", _("computing")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    cluster = models.ForeignKey(
        "registry.Cluster",
        on_delete=models.CASCADE,
        related_name="workforce_runs",
        verbose_name=_("cluster"),
    )
    scenario = models.ForeignKey(
        Scenario,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="runs",
        verbose_name=_("scenario"),
    )
    scenario_name = models.CharField(_("scenario"), max_length=120)
    horizon = models.PositiveSmallIntegerField(
        _("horizon (years)"), validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    draws = models.PositiveIntegerField(
        _("Monte-Carlo draws"), validators=[MinValueValidator(10), MaxValueValidator(5000)]
    )
    seed = models.BigIntegerField(_("random seed"))
    base_year = models.PositiveSmallIntegerField(_("base year"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.TextField(_("message"), blank=True)
    input_snapshot = models.JSONField(_("input snapshot"), default=dict)
    code_version = models.JSONField(_("code version"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Written whenever the worker reports progress: a run "computing" with no sign of life for
    # FORECAST_STALE_MINUTES lost its worker (killed, machine restarted) and may run again.
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = HistoricalRecords(
        excluded_fields=["input_snapshot", "progress", "code_version", "heartbeat_at"]
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("forecast run")
        verbose_name_plural = _("forecast runs")
        indexes = [models.Index(fields=["cluster", "status"])]

    def __str__(self) -> str:
        return f"{self.scenario_name} · {self.created_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("workforce:run", args=[self.cluster.slug, self.pk])

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    def is_stale(self, now: Any, minutes: int) -> bool:
        """Computing, but no sign of life from its worker for ``minutes``: the worker is gone.

        Its cells are written in one transaction at the end, so such a run holds none.
        """
        last = self.heartbeat_at or self.created_at
        return self.status == self.Status.RUNNING and (now - last).total_seconds() >= 60 * minutes

    @property
    def last_year(self) -> int | None:
        return None if self.base_year is None else self.base_year + self.horizon


class ForecastCell(models.Model):
    """One year × district × subject of a run: deterministic values and P10/P50/P90 bands.

    Posts are full-time equivalents. ``quota`` is the targeted admission in that year (empty
    when its graduates would arrive after the horizon).
    """

    run = models.ForeignKey(
        ForecastRun, on_delete=models.CASCADE, related_name="cells", verbose_name=_("run")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    district = models.ForeignKey(
        "registry.District", on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    subject = models.ForeignKey(
        Subject, on_delete=models.PROTECT, related_name="+", verbose_name=_("subject")
    )
    demand = models.FloatField(_("demand"))
    supply = models.FloatField(_("supply"))
    gap = models.FloatField(_("gap"))
    hiring_need = models.FloatField(_("hiring need"))
    cumulative_hiring_need = models.FloatField(_("cumulative hiring need"))
    quota = models.FloatField(_("quota"), null=True)
    demand_p10 = models.FloatField(null=True)
    demand_p50 = models.FloatField(null=True)
    demand_p90 = models.FloatField(null=True)
    supply_p10 = models.FloatField(null=True)
    supply_p50 = models.FloatField(null=True)
    supply_p90 = models.FloatField(null=True)
    gap_p10 = models.FloatField(null=True)
    gap_p50 = models.FloatField(null=True)
    gap_p90 = models.FloatField(null=True)
    quota_p10 = models.FloatField(null=True)
    quota_p50 = models.FloatField(null=True)
    quota_p90 = models.FloatField(null=True)

    class Meta:
        ordering = ["run", "district_id", "subject__order", "year"]
        verbose_name = _("forecast result")
        verbose_name_plural = _("forecast results")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "year", "district", "subject"], name="forecast_cell_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.district_id} · {self.subject_id}"

    #: Metric names stored with bands, in table order.
    BANDED = ("demand", "supply", "gap", "quota")
    VALUES = ("demand", "supply", "gap", "hiring_need", "cumulative_hiring_need", "quota")
