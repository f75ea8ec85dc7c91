"""Indicator definitions, their values per member and period, and stored index runs.

A value is computed from the data the other apps hold (``source="computed"``, see
:mod:`educluster.effectiveness.indicators`) or entered by the coordinator with evidence
(``source="manual"``). An :class:`IndexRun` keeps everything needed to reproduce the index it
shows: the inputs, the weights, the missing-value policy, the engine version and its results.
"""

import re
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from educluster.registry.models import Cluster, Institution

_YEAR = re.compile(r"^(\d{4})/(\d{4})$")


def parse_academic_year(text: str) -> int:
    """The first calendar year of an academic year written "2025/2026".

    >>> parse_academic_year("2025/2026")
    2025
    """
    match = _YEAR.match((text or "").strip())
    if not match or int(match[2]) != int(match[1]) + 1:
        raise ValidationError(
            _("Write the academic year as two consecutive years, e.g. “2025/2026”.")
        )
    return int(match[1])


def period_dates(year: str, term: str = "") -> tuple[date, date]:
    """First and last day of the period: the academic year runs 1 September – 31 August; term 1
    is September – January, term 2 February – August.

    >>> period_dates("2025/2026", "2")
    (datetime.date(2026, 2, 1), datetime.date(2026, 8, 31))
    """
    first = parse_academic_year(year)
    if term == "1":
        return date(first, 9, 1), date(first + 1, 1, 31)
    if term == "2":
        return date(first + 1, 2, 1), date(first + 1, 8, 31)
    return date(first, 9, 1), date(first + 1, 8, 31)


class IndicatorDefinition(models.Model):
    """What is measured: code, names in three languages, unit, direction, target, weight, who it
    applies to (member kinds, or the cluster as a whole) and where the value comes from.

    Example: ``obligations_on_time`` — share of obligation occurrences due in the period that
    were confirmed by the due date; higher is better, target 0.9, every member kind.
    """

    class Unit(models.TextChoices):
        SHARE = "share", _("share (0–1)")
        COUNT = "count", _("count")
        HOURS = "hours", _("hours")
        DAYS = "days", _("days")
        EFFECT = "effect", _("effect size (Hedges' g)")
        RATING = "rating", _("rating (1–5)")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("higher is better")
        LOWER = "lower", _("lower is better")

    class Level(models.TextChoices):
        MEMBER = "member", _("each member")
        CLUSTER = "cluster", _("the cluster as a whole")

    class Source(models.TextChoices):
        COMPUTED = "computed", _("computed from EduCluster data")
        MANUAL = "manual", _("entered with evidence")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_uz = models.CharField(_("name (Uzbek)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description = models.TextField(_("how it is computed"), blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    direction = models.CharField(
        _("direction"), max_length=6, choices=Direction.choices, default=Direction.HIGHER
    )
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=4)
    weight = models.DecimalField(_("weight"), max_digits=8, decimal_places=3, default=1)
    level = models.CharField(_("applies to"), max_length=8, choices=Level.choices)
    kinds = models.JSONField(
        _("member kinds"),
        default=list,
        blank=True,
        help_text=_("Kinds of member institution it applies to; empty: every kind."),
    )
    source = models.CharField(_("source"), max_length=8, choices=Source.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("indicator definition")
        verbose_name_plural = _("indicator definitions")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        lang = (get_language() or "uz")[:2]
        return getattr(self, f"name_{lang}", "") or self.name_uz

    def applies_to(self, kind: str) -> bool:
        return self.level == self.Level.MEMBER and (not self.kinds or kind in self.kinds)

    def clean(self) -> None:
        if self.target is not None and self.target <= 0:
            raise ValidationError({"target": _("The target must be greater than zero.")})
        if self.weight is not None and self.weight < 0:
            raise ValidationError({"weight": _("The weight cannot be negative.")})
        unknown = [k for k in self.kinds or [] if k not in Institution.Kind.values]
        if unknown:
            raise ValidationError({"kinds": _("Unknown member kind: %s") % ", ".join(unknown)})
        if self.level == self.Level.CLUSTER and self.kinds:
            raise ValidationError({"kinds": _("A cluster-level indicator has no member kinds.")})


class IndicatorValue(models.Model):
    """One value of one indicator for one member (or the cluster, ``institution`` empty) in one
    period (academic year "2025/2026", optionally term "1" or "2"), with when it was computed or
    who entered it and the evidence. History records every change (mutual control)."""

    definition = models.ForeignKey(
        IndicatorDefinition,
        on_delete=models.PROTECT,
        related_name="values",
        verbose_name=_("indicator"),
    )
    cluster = models.ForeignKey(
        Cluster,
        on_delete=models.CASCADE,
        related_name="indicator_values",
        verbose_name=_("cluster"),
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicator_values",
        verbose_name=_("member"),
    )
    year = models.CharField(_("academic year"), max_length=9)
    term = models.CharField(
        _("term"), max_length=1, blank=True, choices=[("1", _("term 1")), ("2", _("term 2"))]
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4, null=True, blank=True)
    detail = models.JSONField(_("how it was obtained"), default=dict, blank=True)
    note = models.TextField(_("evidence note"), blank=True)
    evidence = models.FileField(
        _("evidence file"), upload_to="effectiveness/evidence/%Y/%m/", blank=True
    )
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    entered_at = models.DateTimeField(_("entered at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["definition__order", "year", "term"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["definition", "cluster", "institution", "year", "term"],
                condition=Q(institution__isnull=False),
                name="indicator_value_once",
            ),
            models.UniqueConstraint(
                fields=["definition", "cluster", "year", "term"],
                condition=Q(institution__isnull=True),
                name="indicator_value_once_cluster",
            ),
        ]
        indexes = [models.Index(fields=["cluster", "year", "term"])]

    def __str__(self) -> str:
        return f"{self.definition.code} {self.year}{self.term and '/' + self.term}: {self.value}"

    def clean(self) -> None:
        parse_academic_year(self.year)


class IndexRun(models.Model):
    """One computation of the effectiveness index of a cluster for a period, stored with its
    inputs snapshot, weights, missing-value policy, engine version, results and sensitivity, so
    that a published ranking can be reproduced exactly. Progress is shown while it runs."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        RUNNING = "running", _("computing")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="index_runs", verbose_name=_("cluster")
    )
    year = models.CharField(_("academic year"), max_length=9)
    term = models.CharField(_("term"), max_length=1, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    message = models.TextField(_("message"), blank=True)
    policy = models.JSONField(_("missing-value policy"), default=dict)
    weights = models.JSONField(_("weights"), default=dict)
    inputs = models.JSONField(_("inputs snapshot"), default=dict)
    results = models.JSONField(_("results"), default=dict)
    # The few figures the cluster page shows, without loading every member's trace.
    summary = models.JSONField(_("summary"), default=dict)
    engine_version = models.CharField(_("engine version"), max_length=40, blank=True)
    cluster_index = models.FloatField(_("cluster index"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("index run")
        verbose_name_plural = _("index runs")
        indexes = [models.Index(fields=["cluster", "status", "year"])]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="index_run_progress")
        ]

    def __str__(self) -> str:
        return f"{self.cluster} {self.year}{self.term and '/' + self.term} #{self.pk}"

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def period_label(self) -> str:
        return f"{self.year}" + (f", {_('term')} {self.term}" if self.term else "")

    def member(self, institution_id: int) -> dict[str, Any] | None:
        """The stored result row of one member, or None."""
        return self.results.get("members", {}).get(str(institution_id))


class IndexScore(models.Model):
    """A member's index in one run, with its ranks and sensitivity band (copied from the run's
    results, so that rankings and trends are read with one query)."""

    run = models.ForeignKey(
        IndexRun, on_delete=models.CASCADE, related_name="scores", verbose_name=_("run")
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="+", verbose_name=_("member")
    )
    kind = models.CharField(_("kind"), max_length=30)
    index = models.FloatField(_("index"), null=True)
    coverage = models.FloatField(_("coverage"))
    rank_in_kind = models.FloatField(_("rank within kind"), null=True)
    band_low = models.FloatField(_("best rank in 90 per cent of draws"), null=True)
    band_high = models.FloatField(_("worst rank in 90 per cent of draws"), null=True)
    p_same_rank = models.FloatField(_("probability of the same rank"), null=True)

    class Meta:
        ordering = ["kind", "rank_in_kind", "institution_id"]
        verbose_name = _("index score")
        verbose_name_plural = _("index scores")
        constraints = [
            models.UniqueConstraint(fields=["run", "institution"], name="index_score_once")
        ]

    def __str__(self) -> str:
        return f"{self.institution_id}: {self.index}"


class SelfAssessment(models.Model):
    """The coordinator's score of one area of cluster management for an academic year, with the
    evidence behind it: a scorecard modelled on the areas the cluster-labelling bodies judge
    (the European Cluster Excellence Initiative's structure, governance, financing, services,
    cooperation and achievements). Scores run from 0 (not in place) to 4 (excellent), so the
    cluster can follow itself year on year. Every change is kept in the history."""

    class Area(models.TextChoices):
        STRUCTURE = "structure", _("structure of the cluster")
        GOVERNANCE = "governance", _("governance and management")
        FINANCING = "financing", _("financing")
        SERVICES = "services", _("services to members")
        COOPERATION = "cooperation", _("cooperation and recognition")
        ACHIEVEMENTS = "achievements", _("achievements")

    class Score(models.IntegerChoices):
        ABSENT = 0, _("0 — not in place")
        INITIAL = 1, _("1 — initial")
        DEVELOPING = 2, _("2 — developing")
        ESTABLISHED = 3, _("3 — established")
        EXCELLENT = 4, _("4 — excellent")

    cluster = models.ForeignKey(
        Cluster,
        on_delete=models.CASCADE,
        related_name="self_assessments",
        verbose_name=_("cluster"),
    )
    year = models.CharField(_("academic year"), max_length=9)
    area = models.CharField(_("area"), max_length=14, choices=Area.choices)
    score = models.PositiveSmallIntegerField(_("score"), choices=Score.choices)
    evidence = models.TextField(
        _("evidence"), help_text=_("What shows this score: documents, decisions, figures.")
    )
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("scored by"),
    )
    scored_at = models.DateTimeField(_("scored at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["cluster", "-year", "area"]
        verbose_name = _("self-assessment score")
        verbose_name_plural = _("self-assessment scores")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year", "area"], name="self_assessment_once")
        ]

    def __str__(self) -> str:
        return f"{self.cluster_id} · {self.year} · {self.area}: {self.score}"
