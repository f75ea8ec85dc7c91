"""Applicants' ranked lists, hosts' own rankings, and the result of a run."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .applicants import Applicant
from .rounds import Host, PlacementRound


class Preference(models.Model):
    """One host on an applicant's list; position 1 is the first choice.

    Not in the history: a list is rewritten on every move; what counts is the list at the
    deadline, which the run keeps (the result records every choice position).
    """

    applicant = models.ForeignKey(
        Applicant,
        on_delete=models.CASCADE,
        related_name="preferences",
        verbose_name=_("applicant"),
    )
    host = models.ForeignKey(
        Host, on_delete=models.CASCADE, related_name="preferences", verbose_name=_("host")
    )
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering = ["applicant", "position"]
        verbose_name = _("preference")
        verbose_name_plural = _("preferences")
        constraints = [
            models.UniqueConstraint(fields=["applicant", "host"], name="preference_host_once"),
            models.UniqueConstraint(
                fields=["applicant", "position"], name="preference_position_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.host_id}"


class HostRanking(models.Model):
    """One applicant in a host's own ranking; position 1 is the host's favourite."""

    host = models.ForeignKey(
        Host, on_delete=models.CASCADE, related_name="rankings", verbose_name=_("host")
    )
    applicant = models.ForeignKey(
        Applicant,
        on_delete=models.CASCADE,
        related_name="host_rankings",
        verbose_name=_("applicant"),
    )
    position = models.PositiveIntegerField(_("position"))

    class Meta:
        ordering = ["host", "position"]
        verbose_name = _("host ranking")
        verbose_name_plural = _("host rankings")
        constraints = [
            models.UniqueConstraint(fields=["host", "applicant"], name="ranking_applicant_once"),
            models.UniqueConstraint(fields=["host", "position"], name="ranking_position_once"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.applicant_id}"


class Assignment(models.Model):
    """The result for one applicant: the host (or none), and why not a higher choice.

    ``explanation`` lists every host the applicant ranked above their match, each as
    ``{"host", "position", "reason", "rank", "cutoff", "capacity", "admitted"}`` (positions and
    ranks 1-based): the reasons are those of the engine (``below_cutoff``: the host filled its
    seats with applicants it ranks higher; ``no_seats``; ``not_ranked_by_host``;
    ``ineligible_subject``/``_language``/``_distance``; ``not_stable`` and
    ``assigned_by_optimisation`` for the methods that are not stable).
    """

    class Response(models.TextChoices):
        PENDING = "pending", _("awaiting answer")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    round = models.ForeignKey(
        PlacementRound,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("round"),
    )
    applicant = models.OneToOneField(
        Applicant, on_delete=models.CASCADE, related_name="assignment", verbose_name=_("applicant")
    )
    host = models.ForeignKey(
        Host,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("host"),
    )
    choice_position = models.PositiveSmallIntegerField(_("choice"), null=True, blank=True)
    host_rank = models.PositiveIntegerField(_("rank at the host"), null=True, blank=True)
    explanation = models.JSONField(_("explanation"), default=list, blank=True)
    response = models.CharField(
        _("answer"), max_length=10, choices=Response.choices, default=Response.PENDING
    )
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    lab_placement = models.OneToOneField(
        "schoollabs.Placement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="round_assignment",
        verbose_name=_("School-Lab placement"),
    )
    # Why a published practice result has no School-Lab placement (e.g. a school without a lab).
    placement_note = models.CharField(_("placement note"), max_length=300, blank=True)

    history = HistoricalRecords(excluded_fields=["explanation"])

    class Meta:
        ordering = ["applicant__person__full_name", "pk"]
        verbose_name = _("placement result")
        verbose_name_plural = _("placement results")
        indexes = [models.Index(fields=["round", "host"])]

    def __str__(self) -> str:
        return f"{self.applicant} → {self.host or '—'}"

    @property
    def is_matched(self) -> bool:
        return self.host_id is not None
