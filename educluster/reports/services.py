"""Requesting and building annual reports (the build runs in the background task worker)."""

import traceback
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from educluster.registry.models import Cluster
from educluster.reports import documents, sections
from educluster.reports.models import AnnualReport


def annual_report_request(
    *, actor: Any, cluster: Cluster, year: int, language: str, enqueue: bool = True
) -> AnnualReport:
    """Queue a report of ``cluster`` for the academic year starting in ``year``."""
    if language not in AnnualReport.Language.values:
        raise ValidationError({"language": _("Choose Uzbek, Russian or English.")})
    this_year = timezone.localdate().year
    if not 2000 <= year <= this_year:
        raise ValidationError(
            {"year": _("Choose an academic year from 2000 to %(y)s.") % {"y": this_year}}
        )
    with transaction.atomic():
        if AnnualReport.objects.filter(
            cluster=cluster, year=year, language=language, status__in=["queued", "running"]
        ).exists():
            raise ValidationError(_("This report is being prepared already."))
        report = AnnualReport.objects.create(
            cluster=cluster, year=year, language=language, requested_by=actor
        )
        if enqueue:
            from educluster.reports.tasks import build_annual_report_task

            transaction.on_commit(lambda: build_annual_report_task.enqueue(report.pk))
    return report


def _step(report: AnnualReport, progress: int, step: str) -> None:
    # Written outside any transaction, so the page polling the report sees it move.
    AnnualReport.objects.filter(pk=report.pk).update(progress=progress, step=step)


def annual_report_build(*, report_id: int) -> AnnualReport:
    """Gather every section, store the snapshot, render PDF and DOCX. Safe to run twice: a
    report already done is left as it is."""
    claimed = AnnualReport.objects.filter(
        pk=report_id, status__in=[AnnualReport.Status.QUEUED, AnnualReport.Status.FAILED]
    ).update(status=AnnualReport.Status.RUNNING, progress=0, error="")
    report = AnnualReport.objects.select_related("cluster").get(pk=report_id)
    if not claimed:
        return report
    try:
        with translation.override(report.language):
            snapshot = sections.cluster_header(report.cluster, report.year)
            gathered: dict[str, Any] = {}
            total = len(sections.SECTIONS) + 2
            for i, (key, gather) in enumerate(sections.SECTIONS):
                _step(report, round(100 * i / total), key)
                gathered[key] = gather(report.cluster, report.year)
            snapshot["sections"] = gathered
            _step(report, round(100 * (total - 2) / total), "pdf")
            pdf = documents.report_pdf(snapshot)
            _step(report, round(100 * (total - 1) / total), "docx")
            docx = documents.report_docx(snapshot)
    except Exception:  # the worker must record the failure, whatever it was
        AnnualReport.objects.filter(pk=report.pk).update(
            status=AnnualReport.Status.FAILED, error=traceback.format_exc(limit=5)
        )
        report.refresh_from_db()
        return report
    name = f"{report.cluster.slug}-{report.year}-{report.language}-{report.pk}"
    with transaction.atomic():
        report.snapshot = snapshot
        report.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
        report.docx.save(f"{name}.docx", ContentFile(docx), save=False)
        report.status = AnnualReport.Status.DONE
        report.progress = 100
        report.step = ""
        report.finished_at = timezone.now()
        report.save()
    return report
