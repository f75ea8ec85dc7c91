"""Cooperation agreements between institutions of a cluster."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from educluster.core.files import generated_name
from educluster.core.text import normalize_uz


class Agreement(models.Model):
    """A cooperation agreement: the legal basis of joint activity in the cluster.

    Lifecycle: draft → signed → active → expired | terminated. A renewal is a new agreement
    whose ``predecessor`` is the old one. Every state change is an :class:`AuditEvent`.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SIGNED = "signed", _("signed")
        ACTIVE = "active", _("active")
        EXPIRED = "expired", _("expired")
        TERMINATED = "terminated", _("terminated")

    # Allowed transitions of the lifecycle (expiry happens by itself when the term ends).
    TRANSITIONS = {
        Status.DRAFT: {Status.SIGNED},
        Status.SIGNED: {Status.ACTIVE, Status.TERMINATED},
        Status.ACTIVE: {Status.TERMINATED, Status.EXPIRED},
        Status.EXPIRED: set(),
        Status.TERMINATED: set(),
    }

    cluster = models.ForeignKey(
        "registry.Cluster",
        on_delete=models.CASCADE,
        related_name="agreements",
        verbose_name=_("cluster"),
    )
    number = models.CharField(_("number"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    signed_on = models.DateField(_("signing date"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    termination_reason = models.TextField(_("reason for termination"), blank=True)
    predecessor = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successor",
        verbose_name=_("renews"),
    )
    goals = models.ManyToManyField(
        "registry.Goal", blank=True, related_name="agreements", verbose_name=_("goals served")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = HistoricalRecords(m2m_fields=[goals])

    class Meta:
        ordering = ["-valid_from", "number"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "number"], name="agreement_number_unique"),
            models.CheckConstraint(
                condition=models.Q(valid_to__gte=models.F("valid_from")),
                name="agreement_term_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"№ {self.number} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("agreements:agreement", args=[self.pk])

    def clean(self) -> None:
        self.title = normalize_uz(self.title)
        self.number = self.number.strip()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The term ends before it starts.")})
        if self.status != self.Status.DRAFT and not self.signed_on:
            raise ValidationError({"signed_on": _("A signed agreement needs its signing date.")})

    def within_term(self, day) -> bool:
        return self.valid_from <= day <= self.valid_to

    @property
    def is_in_force(self) -> bool:
        return self.status == self.Status.ACTIVE and self.within_term(timezone.localdate())


class AgreementParty(models.Model):
    """An institution bound by the agreement, with the person who signed for it."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="parties", verbose_name=_("agreement")
    )
    institution = models.ForeignKey(
        "registry.Institution",
        on_delete=models.PROTECT,
        related_name="agreement_parties",
        verbose_name=_("institution"),
    )
    signatory = models.CharField(_("signed by"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "id"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "institution"], name="agreement_party_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.institution)


def _scan_path(scan: "AgreementScan", filename: str) -> str:
    return generated_name("agreements/scans", filename)


class AgreementScan(models.Model):
    """A scanned signed copy of the agreement (PDF or image)."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="scans", verbose_name=_("agreement")
    )
    file = models.FileField(_("file"), upload_to=_scan_path)
    original_name = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("signed scan")
        verbose_name_plural = _("signed scans")

    def __str__(self) -> str:
        return self.original_name
