"""Professional development of teachers: events, registrations, attendance, certificates.

A member institution (or the cluster's department) organises a seminar, master class, course or
open lesson; teachers, mentors and faculty register themselves, are marked as attended by the
organiser (or check in by scanning the event's QR code), and when the organiser closes the
attendance every attendee receives a certificate with a public verification code. The cluster
sets a yearly norm of credited hours per teacher.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# No 0/O, 1/I/L: a code read aloud or typed from paper is not misread.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_certificate_code() -> str:
    """A short human code such as ``PD-7K3M-Q9XA`` (31**8 ≈ 8.5·10^11 possibilities)."""
    part = "".join(secrets.choice(CODE_ALPHABET) for _i in range(8))
    return f"PD-{part[:4]}-{part[4:]}"


class DevelopmentEvent(models.Model):
    """A professional-development event organised by a member institution of a cluster."""

    class Kind(models.TextChoices):
        SEMINAR = "seminar", _("seminar")
        MASTER_CLASS = "master_class", _("master class")
        COURSE = "course", _("course")
        OPEN_LESSON = "open_lesson", _("open lesson")

    cluster = models.ForeignKey(
        "registry.Cluster",
        on_delete=models.CASCADE,
        related_name="development_events",
        verbose_name=_("cluster"),
    )
    organiser = models.ForeignKey(
        "registry.Institution",
        on_delete=models.PROTECT,
        related_name="organised_development_events",
        verbose_name=_("organiser"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    hours = models.DecimalField(_("credited hours"), max_digits=5, decimal_places=1)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    attendance_closed_at = models.DateTimeField(_("attendance closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("development event")
        verbose_name_plural = _("development events")
        ordering = ["-starts_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("development:event", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.attendance_closed_at is not None


class Registration(models.Model):
    """A person's registration for an event, and whether they attended."""

    event = models.ForeignKey(
        DevelopmentEvent,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("event"),
    )
    person = models.ForeignKey(
        "accounts.Person",
        on_delete=models.CASCADE,
        related_name="development_registrations",
        verbose_name=_("person"),
    )
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked by"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="development_unique_reg")
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.event}"


class Certificate(models.Model):
    """The certificate of an attended event: credited hours and a public verification code."""

    registration = models.OneToOneField(
        Registration,
        on_delete=models.CASCADE,
        related_name="certificate",
        verbose_name=_("registration"),
    )
    code = models.CharField(_("code"), max_length=20, unique=True, default=new_certificate_code)
    issued_at = models.DateTimeField(_("issued at"))
    hours = models.DecimalField(_("credited hours"), max_digits=5, decimal_places=1)
    language = models.CharField(_("language"), max_length=10, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "pk"]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("development:certificate_pdf", args=[self.pk])


class DevelopmentNorm(models.Model):
    """The cluster's yearly norm of credited hours per teacher (``year``: the academic year's
    first calendar year, e.g. 2026 for 2026/27)."""

    cluster = models.ForeignKey(
        "registry.Cluster",
        on_delete=models.CASCADE,
        related_name="development_norms",
        verbose_name=_("cluster"),
    )
    year = models.PositiveSmallIntegerField(_("academic year"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("development norm")
        verbose_name_plural = _("development norms")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year"], name="development_unique_norm")
        ]

    def __str__(self) -> str:
        return f"{self.year}/{self.year + 1}: {self.hours}"
