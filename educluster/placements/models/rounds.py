"""Placement rounds: hosts with seats, applicants with ranked choices, and the result.

A round matches applicants (students for practice, graduates for employment) to hosts (seats at
an institution of the cluster) by the stable-matching engine in ``educluster.engines.matching``.
Its own rows describe hosts and applicants, so a round works whether or not School-Labs and
vacancies are recorded elsewhere. Hosts generated from the cluster's records keep a foreign key to
the School-Lab and term, the seat offer or the vacancy they stand for; ``Host.link`` is free text
for an outside employer (and for hosts typed before the keys existed).
"""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from educluster.accounts.models import Person
from educluster.core.text import normalize_uz
from educluster.registry.models import Cluster, Institution, Language

_USER = settings.AUTH_USER_MODEL


def stale_minutes() -> int:
    """Minutes without progress after which a running round counts as stuck."""
    return int(getattr(settings, "PLACEMENT_RUN_STALE_MINUTES", 15))


class PlacementRound(models.Model):
    """One matching round of a cluster, from draft to publication.

    draft → open for preferences → preferences closed (the common deadline) → running (a
    background task) → run → reviewed → published (accept/decline until the response deadline).
    Preferences count only as they stand at the deadline, so nobody gains by applying early.
    A published round never changes: a correction is a new round whose ``origin`` is the old
    one and whose ``origin_reason`` says why; a second round for the unmatched applicants and
    the unfilled seats is a new round too.
    """

    class Kind(models.TextChoices):
        PRACTICE = "practice", _("practice placement")
        EMPLOYMENT = "employment", _("graduate employment")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open for preferences")
        CLOSED = "closed", _("preferences closed")
        RUNNING = "running", _("running")
        RUN = "run", _("run, awaiting review")
        REVIEWED = "reviewed", _("reviewed")
        PUBLISHED = "published", _("published")

    class Method(models.TextChoices):
        STABLE = "stable", _("stable matching (deferred acceptance, applicants propose)")
        MIN_RANK = "min_rank", _("least total preference rank (not stable)")
        MIN_DISTANCE = "min_distance", _("least total travel distance (not stable)")

    class Origin(models.TextChoices):
        SECOND_ROUND = "second_round", _("second round")
        CORRECTION = "correction", _("correction")

    cluster = models.ForeignKey(
        Cluster,
        on_delete=models.CASCADE,
        related_name="placement_rounds",
        verbose_name=_("cluster"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    term = models.CharField(
        _("term"),
        max_length=100,
        blank=True,
        help_text=_("The term of the practice or the graduation year, e.g. “2026/2027, autumn”."),
    )
    lab_term = models.ForeignKey(
        "schoollabs.Term",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placement_rounds",
        verbose_name=_("School-Lab term"),
        help_text=_("The practice term: hosts are generated from the labs' capacity in it."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    method = models.CharField(
        _("method"), max_length=14, choices=Method.choices, default=Method.STABLE
    )
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    preference_deadline = models.DateTimeField(
        _("preference deadline"),
        null=True,
        blank=True,
        help_text=_("One deadline for everybody: the lists count as they stand at this moment."),
    )
    response_deadline = models.DateTimeField(
        _("answer deadline"),
        null=True,
        blank=True,
        help_text=_("Applicants accept or decline their placement until then."),
    )
    max_choices = models.PositiveSmallIntegerField(
        _("choices per applicant"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    lottery_seed = models.PositiveIntegerField(
        _("lottery seed"),
        default=0,
        help_text=_("Breaks ties of the priority rule; recorded so the result can be reproduced."),
    )
    check_subject = models.BooleanField(
        _("match subjects"),
        default=True,
        help_text=_("An applicant is eligible for a host only in their specialty."),
    )
    check_language = models.BooleanField(
        _("match the language of instruction"),
        default=True,
        help_text=_("An applicant is eligible only where they speak the language of instruction."),
    )
    max_distance_km = models.DecimalField(
        _("maximum travel distance, km"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    origin = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followers",
        verbose_name=_("based on round"),
    )
    origin_kind = models.CharField(
        _("reason for the new round"), max_length=14, choices=Origin.choices, blank=True
    )
    origin_reason = models.TextField(_("why"), blank=True)
    stats = models.JSONField(_("statistics"), default=dict, blank=True)
    progress_percent = models.PositiveSmallIntegerField(_("progress"), default=0)
    progress_stage = models.CharField(_("stage"), max_length=40, blank=True)
    progress_at = models.DateTimeField(
        _("last progress"),
        null=True,
        blank=True,
        help_text=_("When the background run last reported progress; a stale one is stuck."),
    )
    run_message = models.TextField(_("message of the run"), blank=True)
    run_language = models.CharField(_("language"), max_length=10, default="uz")
    run_started_at = models.DateTimeField(_("run started"), null=True, blank=True)
    run_finished_at = models.DateTimeField(_("run finished"), null=True, blank=True)
    run_by = models.ForeignKey(
        _USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("run by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        _USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        _USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    created_by = models.ForeignKey(
        _USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = HistoricalRecords(
        excluded_fields=["progress_percent", "progress_stage", "progress_at"]
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("placement round")
        verbose_name_plural = _("placement rounds")
        indexes = [models.Index(fields=["cluster", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("placements:round", args=[self.pk])

    def clean(self) -> None:
        self.title = normalize_uz(self.title)
        self.term = normalize_uz(self.term)
        if (
            self.preference_deadline
            and self.response_deadline
            and self.response_deadline <= self.preference_deadline
        ):
            raise ValidationError(
                {"response_deadline": _("The answer deadline must come after the preference one.")}
            )
        if self.lab_term_id and self.kind != self.Kind.PRACTICE:
            raise ValidationError({"lab_term": _("Only a practice round has a School-Lab term.")})
        if self.lab_term_id and self.lab_term.cluster_id != self.cluster_id:  # type: ignore[union-attr]
            raise ValidationError({"lab_term": _("Choose a term of the round's cluster.")})
        if self.origin_kind and self.origin_id is None:
            raise ValidationError({"origin": _("Name the round this one is based on.")})
        if self.origin_kind == self.Origin.CORRECTION and not self.origin_reason.strip():
            raise ValidationError({"origin_reason": _("Say why the round is corrected.")})

    # --- timeline -------------------------------------------------------------------------

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def inputs_editable(self) -> bool:
        """Hosts, applicants, capacities and rankings change only before the run."""
        return self.status in {self.Status.DRAFT, self.Status.OPEN, self.Status.CLOSED}

    @property
    def preferences_open(self) -> bool:
        """Applicants edit their lists while the round is open and the deadline has not passed."""
        return (
            self.status == self.Status.OPEN
            and self.preference_deadline is not None
            and timezone.now() < self.preference_deadline
        )

    @property
    def has_result(self) -> bool:
        return self.status in {self.Status.RUN, self.Status.REVIEWED, self.Status.PUBLISHED}

    @property
    def answers_open(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.response_deadline is not None
            and timezone.now() < self.response_deadline
        )

    @property
    def last_progress(self) -> Any:
        return self.progress_at or self.run_started_at

    @property
    def is_stuck(self) -> bool:
        """Running, but the worker has reported nothing for too long: it probably died."""
        if self.status != self.Status.RUNNING:
            return False
        last = self.last_progress
        return last is None or timezone.now() - last > timedelta(minutes=stale_minutes())

    @property
    def is_stable_method(self) -> bool:
        return self.method == self.Method.STABLE

    TIMELINE = (
        Status.DRAFT,
        Status.OPEN,
        Status.CLOSED,
        Status.RUN,
        Status.REVIEWED,
        Status.PUBLISHED,
    )

    def timeline(self) -> list[tuple[str, str, str]]:
        """(status, label, state) for the steps of the timeline; state ∈ done, current, todo."""
        current = self.Status.RUN if self.status == self.Status.RUNNING else self.status
        index = self.TIMELINE.index(current)
        steps = []
        for i, status in enumerate(self.TIMELINE):
            state = "done" if i < index else ("current" if i == index else "todo")
            steps.append((status.value, str(status.label), state))
        return steps


class Host(models.Model):
    """Seats at one institution of the cluster in one round (a School-Lab, a school's practice
    places, or a vacancy), with the subject and language of instruction they need.

    The host ranks the applicants who listed it, or leaves the order to the round's priority
    rule: a targeted-training contract for the host's district first, then residence in the
    district, then the grade average, then one seeded lottery shared by every host.
    """

    class Ranking(models.TextChoices):
        PRIORITY = "priority", _("by the priority rule")
        EXPLICIT = "explicit", _("by its own ranking")

    round = models.ForeignKey(
        PlacementRound, on_delete=models.CASCADE, related_name="hosts", verbose_name=_("round")
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="placement_hosts",
        verbose_name=_("institution"),
    )
    label = models.CharField(
        _("seats"), max_length=200, blank=True, help_text=_("E.g. “Fine arts, grades 5–7”.")
    )
    subject = models.CharField(_("subject"), max_length=120, blank=True)
    language = models.ForeignKey(
        Language,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("language of instruction"),
    )
    capacity = models.IntegerField(
        _("seats"), default=1, help_text=_("How many applicants it takes; mentor capacity.")
    )
    mentor = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentored_placement_hosts",
        verbose_name=_("mentor teacher"),
    )
    ranking = models.CharField(
        _("ranking of applicants"),
        max_length=10,
        choices=Ranking.choices,
        default=Ranking.PRIORITY,
    )
    link = models.CharField(
        _("outside employer or note"),
        max_length=200,
        blank=True,
        help_text=_("Free text for seats that are not a School-Lab, seat offer or vacancy."),
    )
    # The record the seats were generated from (at most one of lab/offer/vacancy is set).
    lab = models.ForeignKey(
        "schoollabs.SchoolLab",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placement_hosts",
        verbose_name=_("School-Lab"),
    )
    term = models.ForeignKey(
        "schoollabs.Term",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placement_hosts",
        verbose_name=_("term"),
    )
    vacancy = models.ForeignKey(
        "workforce.Vacancy",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placement_hosts",
        verbose_name=_("vacancy"),
    )
    offer = models.ForeignKey(
        "placements.SeatOffer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosts",
        verbose_name=_("seat offer"),
    )
    admitted_count = models.PositiveIntegerField(_("admitted"), default=0)
    cutoff_rank = models.PositiveIntegerField(
        _("cut-off"),
        null=True,
        blank=True,
        help_text=_("The host's rank of the last applicant it admitted."),
    )

    history = HistoricalRecords(excluded_fields=["admitted_count", "cutoff_rank"])

    class Meta:
        ordering = ["institution__name", "label", "pk"]
        verbose_name = _("host")
        verbose_name_plural = _("hosts")
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=0), name="host_capacity_not_negative")
        ]

    def __str__(self) -> str:
        name = self.institution.short_name or self.institution.name
        return f"{name} — {self.label}" if self.label else name

    def get_absolute_url(self) -> str:
        return reverse("placements:host", args=[self.round_id, self.pk])

    def clean(self) -> None:
        self.label = normalize_uz(self.label)
        self.subject = normalize_uz(self.subject)
        self.link = normalize_uz(self.link)
        if sum(1 for key in (self.lab_id, self.offer_id, self.vacancy_id) if key) > 1:
            raise ValidationError(
                _("A host stands for one School-Lab, seat offer or vacancy, not several.")
            )
        if self.capacity is not None and self.capacity < 0:
            raise ValidationError(
                {
                    "capacity": _("The number of seats cannot be below zero (%(n)s given).")
                    % {"n": self.capacity}
                }
            )

    @property
    def unfilled(self) -> int:
        return max(0, self.capacity - self.admitted_count)

    @property
    def is_generated(self) -> bool:
        """Generated from a School-Lab term, a seat offer or a vacancy (not typed by hand)."""
        return bool(self.lab_id or self.offer_id or self.vacancy_id)
