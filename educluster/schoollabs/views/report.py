"""The study report: aggregates only (no pupil rows), as a page and as a PDF with the same
SVG charts."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation

from educluster.accounts.language import document_language
from educluster.core.documents import pdf_response, render_pdf
from educluster.schoollabs import selectors
from educluster.schoollabs.reporting import report_context
from educluster.security.models import SecurityEvent
from educluster.security.services import security_event_record

from ._common import allowed, require


@login_required
def study_report(request: HttpRequest, pk: int) -> HttpResponse:
    study = selectors.study_for_user(request.user, pk)
    require(request, "schoollabs.view_study", study)
    context = report_context(study)
    context |= {
        "cluster": study.cluster,
        "tab": "studies",
        "can_see_pupils": allowed(request, "schoollabs.view_pupil_data", study),
    }
    return render(request, "schoollabs/study_report.html", context)


@login_required
def study_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    study = selectors.study_for_user(request.user, pk)
    require(request, "schoollabs.view_study", study)
    language = document_language(request)  # ?lang=, else the reader's preferred language
    if language is None:
        raise Http404
    with translation.override(language):
        context = report_context(study) | {"generated_at": timezone.localtime()}
        data = render_pdf("schoollabs/study_report_pdf.html", context)
    # Aggregates only, but of minors' results: the download is on the security log.
    security_event_record(
        kind=SecurityEvent.Kind.PUPIL_EXPORT,
        request=request,
        detail={"study": study.code, "format": "pdf", "aggregates": True},
    )
    return pdf_response(data, f"study-{study.code}-report-{language}.pdf")
