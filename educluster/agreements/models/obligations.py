"""Obligations of the parties, their dated occurrences, and fulfilment reports under mutual
control: the obliged party reports, the counterpart confirms or disputes."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from educluster.agreements.models.agreements import Agreement, AgreementParty
from educluster.core.files import generated_name


class Area(models.TextChoices):
    EDUCATIONAL_METHODOLOGICAL = "educational_methodological", _("educational-methodological")
    RESEARCH = "research", _("research")
    SPIRITUAL_EDUCATIONAL = "spiritual_educational", _("spiritual-educational")
    PRACTICE_EMPLOYMENT = "practice_employment", _("practice and employment")
    INFRASTRUCTURE = "infrastructure", _("infrastructure")
    OTHER = "other", _("other")


class Recurrence(models.TextChoices):
    ONCE = "once", _("once")
    MONTHLY = "monthly", _("monthly")
    TERM = "term", _("per term")
    YEARLY = "yearly", _("yearly")


class Obligation(models.Model):
    """One party's commitment under an agreement, checked by a counterpart party.

    A recurring obligation is expanded into dated :class:`Occurrence` rows across the term
    (monthly: each month's last day; per term: 31 December and 31 May; yearly: each anniversary
    of the start); a one-off obligation has one occurrence on its due date.
    """

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="obligations", verbose_name=_("agreement")
    )
    party = models.ForeignKey(
        AgreementParty,
        on_delete=models.PROTECT,
        related_name="obligations",
        verbose_name=_("obliged party"),
    )
    counterpart = models.ForeignKey(
        AgreementParty,
        on_delete=models.PROTECT,
        related_name="controlled_obligations",
        verbose_name=_("controlling party"),
    )
    area = models.CharField(_("area"), max_length=40, choices=Area.choices)
    description = models.TextField(_("description"))
    recurrence = models.CharField(
        _("recurrence"), max_length=10, choices=Recurrence.choices, default=Recurrence.ONCE
    )
    due_date = models.DateField(
        _("due date"), null=True, blank=True, help_text=_("For a one-off obligation.")
    )
    target_value = models.DecimalField(
        _("target"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    target_unit = models.CharField(_("unit"), max_length=60)
    evidence_required = models.CharField(_("evidence required"), max_length=300, blank=True)
    responsible = models.ForeignKey(
        "accounts.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="obligations",
        verbose_name=_("responsible person"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "id"]
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")

    def __str__(self) -> str:
        return f"{self.party}: {self.description[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("agreements:agreement", args=[self.agreement_id]) + f"#obligation-{self.pk}"

    def clean(self) -> None:
        errors: dict[str, object] = {}
        agreement = self.agreement
        if self.party_id and self.party.agreement_id != agreement.pk:
            errors["party"] = _("This institution is not a party to the agreement.")
        if self.counterpart_id and self.counterpart.agreement_id != agreement.pk:
            errors["counterpart"] = _("This institution is not a party to the agreement.")
        if self.party_id and self.party_id == self.counterpart_id:
            errors["counterpart"] = _("A party cannot control its own obligation.")
        if self.target_value is not None and self.target_value <= 0:
            errors["target_value"] = _("The target must be greater than zero.")
        if self.recurrence == Recurrence.ONCE:
            if self.due_date is None:
                errors["due_date"] = _("A one-off obligation needs a due date.")
            elif not agreement.within_term(self.due_date):
                errors["due_date"] = _(
                    "The due date is outside the agreement's term (%(start)s – %(end)s)."
                ) % {"start": agreement.valid_from, "end": agreement.valid_to}
        responsible = self.responsible if self.responsible_id else None
        if (
            responsible is not None
            and self.party_id
            and responsible.institution_id != self.party.institution_id
        ):
            errors["responsible"] = _("The responsible person must work at the obliged party.")
        if errors:
            raise ValidationError(errors)


class OccurrenceQuerySet(models.QuerySet["Occurrence"]):
    def overdue(self, today=None) -> "OccurrenceQuerySet":
        today = today or timezone.localdate()
        return self.filter(due_date__lt=today).exclude(state=Occurrence.State.CONFIRMED)

    def due_within(self, days: int, today=None) -> "OccurrenceQuerySet":
        today = today or timezone.localdate()
        return self.filter(due_date__gte=today, due_date__lte=today + timedelta(days=days)).exclude(
            state=Occurrence.State.CONFIRMED
        )


class Occurrence(models.Model):
    """One dated instance of an obligation; its state follows the latest report.

    It is *overdue* when its due date has passed without a confirmed report.
    """

    class State(models.TextChoices):
        OPEN = "open", _("not reported")
        REPORTED = "reported", _("waiting for confirmation")
        DISPUTED = "disputed", _("disputed")
        CONFIRMED = "confirmed", _("confirmed")

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="occurrences")
    due_date = models.DateField(_("due date"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        constraints = [
            models.UniqueConstraint(fields=["obligation", "due_date"], name="occurrence_once")
        ]
        indexes = [models.Index(fields=["state", "due_date"])]

    def __str__(self) -> str:
        return f"{self.obligation} — {self.due_date}"

    def get_absolute_url(self) -> str:
        return reverse("agreements:occurrence", args=[self.pk])

    @property
    def is_overdue(self) -> bool:
        return self.state != self.State.CONFIRMED and self.due_date < timezone.localdate()

    @property
    def confirmed_on_time(self) -> bool:
        return (
            self.state == self.State.CONFIRMED
            and self.confirmed_at is not None
            and timezone.localdate(self.confirmed_at) <= self.due_date
        )

    @property
    def display_state(self) -> str:
        """What a badge shows: a report waiting or disputed says more than "overdue"."""
        if self.state == self.State.OPEN and self.is_overdue:
            return "overdue"
        return self.state


class FulfilmentReport(models.Model):
    """A party's report that it met an occurrence of its obligation, and the counterpart's
    decision on it. A disputed report is answered by a new report (the next version)."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        DISPUTED = "disputed", _("disputed")

    occurrence = models.ForeignKey(
        Occurrence, on_delete=models.CASCADE, related_name="reports", verbose_name=_("occurrence")
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    value_achieved = models.DecimalField(
        _("value achieved"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    text = models.TextField(_("report"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["occurrence", "version"]
        verbose_name = _("fulfilment report")
        verbose_name_plural = _("fulfilment reports")
        constraints = [
            models.UniqueConstraint(fields=["occurrence", "version"], name="report_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.occurrence} v{self.version}"


def _evidence_path(evidence: "EvidenceFile", filename: str) -> str:
    return generated_name("agreements/evidence", filename)


class EvidenceFile(models.Model):
    """A file proving a fulfilment report; served only to those who may see the agreement."""

    report = models.ForeignKey(FulfilmentReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to=_evidence_path)
    original_name = models.CharField(_("file name"), max_length=255)

    class Meta:
        ordering = ["id"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.original_name


class ReminderRun(models.Model):
    """One day's reminder mailing; makes the daily job idempotent across workers."""

    day = models.DateField(unique=True)
    started_at = models.DateTimeField(auto_now_add=True)
    emails_sent = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reminder run")
        verbose_name_plural = _("reminder runs")

    def __str__(self) -> str:
        return str(self.day)
