"""Career guidance towards the teaching profession: open days, master classes by students,
"teacher for a day", art competitions — the events, the schools whose pupils took part (with
counts) and, only with recorded consent, the pupils' pathways linked to the event."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from educluster.registry.models import Cluster, Institution


class GuidanceEvent(models.Model):
    """One guidance event organised by a member institution of the cluster."""

    class Kind(models.TextChoices):
        OPEN_DAY = "open_day", _("open day")
        STUDENT_MASTER_CLASS = "student_master_class", _("master class by students")
        TEACHER_FOR_A_DAY = "teacher_for_a_day", _("teacher for a day")
        ART_COMPETITION = "art_competition", _("art competition")
        OTHER = "other", _("other")

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="guidance_events", verbose_name=_("cluster")
    )
    organiser = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="guidance_events",
        verbose_name=_("organiser"),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("guidance event")
        verbose_name_plural = _("guidance events")
        indexes = [models.Index(fields=["cluster", "date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("guidance:event", args=[self.pk])


class Participation(models.Model):
    """A school whose pupils took part in an event, with how many pupils came."""

    event = models.ForeignKey(
        GuidanceEvent,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("event"),
    )
    school = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="guidance_participations",
        verbose_name=_("school"),
    )
    pupils_count = models.PositiveIntegerField(_("pupils"))
    grade = models.PositiveSmallIntegerField(_("grade"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "school__name"]
        verbose_name = _("participating school")
        verbose_name_plural = _("participating schools")
        constraints = [
            models.UniqueConstraint(fields=["event", "school"], name="guidance_school_once")
        ]

    def __str__(self) -> str:
        return f"{self.school} · {self.pupils_count}"

    def clean(self) -> None:
        if self.pupils_count is not None and self.pupils_count < 1:
            raise ValidationError({"pupils_count": _("At least one pupil took part.")})


class PupilParticipant(models.Model):
    """A pupil's pathway linked to an event — only once consent to the link is recorded."""

    event = models.ForeignKey(
        GuidanceEvent, on_delete=models.CASCADE, related_name="pupils", verbose_name=_("event")
    )
    learner = models.ForeignKey(
        "pathways.Learner",
        on_delete=models.CASCADE,
        related_name="guidance_links",
        verbose_name=_("pathway"),
    )
    consent = models.BooleanField(_("consent recorded"), default=False)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent recorded by"),
    )
    consent_recorded_at = models.DateTimeField(_("consent recorded at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "pk"]
        verbose_name = _("linked pupil")
        verbose_name_plural = _("linked pupils")
        constraints = [
            models.UniqueConstraint(fields=["event", "learner"], name="guidance_pupil_once"),
            models.CheckConstraint(condition=models.Q(consent=True), name="guidance_consent"),
        ]

    def __str__(self) -> str:
        return f"{self.event} · {self.learner_id}"
