"""Import jobs: an uploaded file on its way through preview and confirmation."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def _upload_to(job: "ImportJob", filename: str) -> str:
    # Generated names only: the user's file name is kept in a field, never on disk.
    return f"imports/{job.pk}.bin"


class ImportJob(models.Model):
    """One upload of institutions or people into a cluster.

    uploaded → validating → valid | invalid | rejected → (confirm) applying → done.
    Nothing is written to the registry before a fully valid file is confirmed, and then in one
    transaction.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        VALIDATING = "validating", _("checking")
        VALID = "valid", _("ready to import")
        INVALID = "invalid", _("has errors")
        REJECTED = "rejected", _("file refused")
        APPLYING = "applying", _("importing")
        DONE = "done", _("imported")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=30)
    cluster = models.ForeignKey(
        "registry.Cluster", on_delete=models.CASCADE, related_name="+", verbose_name=_("cluster")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    language = models.CharField(_("language"), max_length=10, default="uz")
    file = models.FileField(_("file"), upload_to=_upload_to)
    original_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    message = models.TextField(_("message"), blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    preview = models.JSONField(_("preview"), default=list, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The worker's last sign of life (while writing, newer ones are in the cache): a job
    # "running" without one for IMPORT_STALE_MINUTES lost its worker and may be run again.
    heartbeat_at = models.DateTimeField(_("last progress"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("imports:job", args=[self.pk])

    @property
    def is_running(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.VALIDATING, self.Status.APPLYING}

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 0 if self.is_running else 100
        return min(100, round(100 * self.processed_rows / self.total_rows))
