"""Annual report pages: the cluster's reports, requesting one, its progress and its files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.accounts.scoping import cluster_for_user
from educluster.core.pagination import paginate
from educluster.core.utils import is_htmx
from educluster.reports import selectors, services
from educluster.reports.forms import ReportRequestForm

DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _list(request: HttpRequest, cluster, form: ReportRequestForm | None) -> HttpResponse:
    return render(
        request,
        "reports/report_list.html",
        {
            "cluster": cluster,
            "tab": "reports",
            "page": paginate(request, selectors.cluster_reports(cluster)),
            "form": form,
        },
    )


@login_required
def report_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    if not request.user.has_perm("reports.view", cluster):
        raise Http404
    can_manage = request.user.has_perm("reports.manage", cluster)
    return _list(request, cluster, ReportRequestForm() if can_manage else None)


@login_required
@require_POST
def report_request(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    if not request.user.has_perm("reports.manage", cluster):
        raise PermissionDenied
    form = ReportRequestForm(request.POST)
    if form.is_valid():
        try:
            report = services.annual_report_request(
                actor=request.user, cluster=cluster, **form.cleaned_data
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The report is being prepared."))
            return redirect(report)
    return _list(request, cluster, form)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_for_user(request.user, pk)
    context = {"report": report, "cluster": report.cluster, "tab": "reports"}
    if is_htmx(request) and request.GET.get("progress"):
        response = render(request, "reports/_progress.html", context)
        if not report.is_running:
            response["HX-Refresh"] = "true"
        return response
    return render(request, "reports/report_detail.html", context)


@login_required
def report_file(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    report = selectors.report_for_user(request.user, pk)
    stored = getattr(report, kind, None) if kind in DOCUMENT_TYPES else None
    if not stored:
        raise Http404
    with stored.open("rb") as handle:
        data = handle.read()
    response = HttpResponse(data, content_type=DOCUMENT_TYPES[kind])
    name = f"annual-report-{report.cluster.slug}-{report.year}-{report.language}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
