"""The annual cluster report: one academic year of every module, as PDF and DOCX."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from educluster.registry.models import Cluster

#: What the worker is doing, by the step it writes while building.
STEP_LABELS = {
    "members": _("members"),
    "agreements": _("agreements and mutual control"),
    "schoollabs": _("School-Laboratories"),
    "projects": _("projects and materials"),
    "workforce": _("teacher workforce"),
    "placements": _("placements and employment"),
    "continuity": _("continuity"),
    "effectiveness": _("effectiveness"),
    "pdf": _("PDF document"),
    "docx": _("DOCX document"),
}


class AnnualReport(models.Model):
    """A generated annual report of a cluster for the academic year ``year``/``year + 1``
    (1 September to 31 August), in one language.

    ``snapshot`` keeps the figures the documents were made from (plain JSON), so a published
    report can be read again exactly as it was, whatever the data has become since.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("being prepared")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    class Language(models.TextChoices):
        UZ = "uz", "Oʻzbekcha"
        RU = "ru", "Русский"
        EN = "en", "English"

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="annual_reports", verbose_name=_("cluster")
    )
    year = models.PositiveSmallIntegerField(
        _("academic year"), help_text=_("The year the academic year starts (September).")
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress, %"), default=0)
    step = models.CharField(_("step"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    snapshot = models.JSONField(_("data used"), default=dict, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="reports/", blank=True)
    docx = models.FileField(_("DOCX"), upload_to="reports/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["snapshot", "progress", "step"])

    class Meta:
        ordering = ["-year", "-created_at", "-pk"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        indexes = [models.Index(fields=["cluster", "year"])]

    def __str__(self) -> str:
        return f"{self.cluster} · {self.academic_year} · {self.language}"

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", args=[self.pk])

    @property
    def academic_year(self) -> str:
        return f"{self.year}/{self.year + 1}"

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def step_label(self) -> str:
        return str(STEP_LABELS.get(self.step, self.step))
