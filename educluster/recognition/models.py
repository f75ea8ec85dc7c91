"""Recognition of teachers (awards, honours, letters of thanks) and the mentoring of young
teachers in their first three years (issue #14, item 3)."""

from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from educluster.accounts.models import Person, User
from educluster.core.files import generated_name
from educluster.registry.models import Cluster, Institution


def evidence_upload_to(instance: Any, filename: str) -> str:
    return generated_name("recognition", filename)


class Recognition(models.Model):
    """An award, honour, mentor recognition or letter of thanks a teacher received.

    ``awarded_by`` names the awarding body in text (e.g. the ministry); when the body is an
    institution of the registry, ``awarded_by_institution`` points to it. The evidence file
    (a scan of the diploma or letter) is checked by content and served only in scope.
    """

    class Kind(models.TextChoices):
        AWARD = "award", _("award")
        HONOUR = "honour", _("honour")
        MENTOR_RECOGNITION = "mentor_recognition", _("mentor recognition")
        LETTER_OF_THANKS = "letter_of_thanks", _("letter of thanks")

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="recognitions", verbose_name=_("cluster")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="recognitions", verbose_name=_("teacher")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    awarded_by = models.CharField(_("awarded by"), max_length=300, blank=True)
    awarded_by_institution = models.ForeignKey(
        Institution,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("awarding institution"),
    )
    evidence = models.FileField(
        _("evidence"), upload_to=evidence_upload_to, blank=True, max_length=200
    )
    evidence_name = models.CharField(max_length=200, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("recognition")
        verbose_name_plural = _("recognitions")
        indexes = [models.Index(fields=["cluster", "date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("recognition:person", args=[self.person_id])

    @property
    def awarder(self) -> str:
        if self.awarded_by_institution_id and not self.awarded_by:
            return str(self.awarded_by_institution)
        return self.awarded_by


class MentoringPairQuerySet(models.QuerySet):
    def active(self, on=None) -> "MentoringPairQuerySet":
        from django.utils import timezone

        day = on or timezone.localdate()
        return self.filter(starts_on__lte=day).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=day)
        )


class MentoringPair(models.Model):
    """A mentor teacher and a young teacher in the first three years of work.

    ``starts_on`` is taken as the young teacher's start of work: the workforce and people
    records hold no employment start date, so the young-teacher retention indicator counts
    cohorts by the year their mentoring began.
    """

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="mentoring_pairs", verbose_name=_("cluster")
    )
    mentor = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="mentees_pairs", verbose_name=_("mentor")
    )
    mentee = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="mentor_pairs",
        verbose_name=_("young teacher"),
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="+", verbose_name=_("institution")
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = HistoricalRecords()
    objects = MentoringPairQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("mentoring pair")
        verbose_name_plural = _("mentoring pairs")

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee}"

    def get_absolute_url(self) -> str:
        return reverse("recognition:pair", args=[self.pk])


class MentoringMeeting(models.Model):
    """One meeting of a mentoring pair, with its topic and minutes."""

    pair = models.ForeignKey(
        MentoringPair, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("pair")
    )
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=300)
    notes = models.TextField(_("minutes"), blank=True)
    recorded_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("mentoring meeting")
        verbose_name_plural = _("mentoring meetings")

    def __str__(self) -> str:
        return self.topic
