"""Import pages: template, upload, progress, preview with per-row errors, confirm."""

from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.styles import Font

from educluster.accounts.scoping import cluster_for_user
from educluster.core.utils import is_htmx, request_user
from educluster.core.xlsx import XLSX_MIME
from educluster.imports import services
from educluster.imports.forms import UploadForm
from educluster.imports.handlers import REGISTRY, Importer, importer_class
from educluster.imports.models import ImportJob


def _importer_for(request: HttpRequest, slug: str, kind: str) -> Importer:
    cluster = cluster_for_user(request.user, slug)
    try:
        importer_cls = importer_class(kind)
    except KeyError:
        raise Http404 from None
    if not request.user.has_perm(importer_cls.permission, cluster):
        raise PermissionDenied
    return importer_cls(cluster=cluster, actor=request.user)


@login_required
def import_start(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    importer = _importer_for(request, slug, kind)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = services.import_create(
            actor=request.user,
            cluster=importer.cluster,
            kind=kind,
            upload=form.cleaned_data["file"],
            language=get_language() or "uz",
        )
        return redirect(job)
    jobs = ImportJob.objects.filter(
        created_by=request_user(request), cluster=importer.cluster, kind=kind
    )[:10]
    return render(
        request,
        "imports/start.html",
        {
            "importer": importer,
            "cluster": importer.cluster,
            "form": form,
            "jobs": jobs,
            "kinds": REGISTRY,
        },
    )


@login_required
def import_template(request: HttpRequest, slug: str, kind: str, fmt: str) -> HttpResponse:
    importer = _importer_for(request, slug, kind)
    headers = [f"{c.label}{' *' if c.required else ''}" for c in importer.columns]
    if fmt == "csv":
        body = ("\ufeff" + ",".join(f'"{h}"' for h in headers) + "\r\n").encode("utf-8")
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{kind}-template.csv"'
        return response
    if fmt != "xlsx":
        raise Http404
    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = str(importer.title)[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    guide = wb.create_sheet(_("Reference")[:31])
    guide.append([_("Column"), _("Required"), _("Example"), _("Notes")])
    for column in importer.columns:
        guide.append(
            [
                str(column.label),
                _("yes") if column.required else "",
                column.example,
                str(column.help),
            ]
        )
    guide.append([])
    for title, values in importer.reference():
        guide.append([title])
        guide[guide.max_row][0].font = Font(bold=True)
        for value in values:
            guide.append(["", value])
    out = BytesIO()
    wb.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{kind}-template.xlsx"'
    return response


def _job_for(request: HttpRequest, pk) -> ImportJob:
    # An import belongs to whoever uploaded it; nobody else finds it.
    try:
        return ImportJob.objects.select_related("cluster").get(
            pk=pk, created_by=request_user(request)
        )
    except (ImportJob.DoesNotExist, ValidationError):
        raise Http404 from None


@login_required
def import_job(request: HttpRequest, pk) -> HttpResponse:
    job = _job_for(request, pk)
    importer = importer_class(job.kind)
    context = {
        "job": job,
        "cluster": job.cluster,
        "importer_title": importer.title,
        "done_url": reverse(importer.done_url_name, args=[job.cluster.slug]),
        "processed": services.job_progress(job),
        "stale": services.import_is_stale(job),
        "form": UploadForm(),
    }
    template = "imports/_progress.html" if is_htmx(request) else "imports/job.html"
    response = render(request, template, context)
    if is_htmx(request) and not job.is_running:
        # The check finished: reload the whole page to show the preview or the errors.
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def import_confirm(request: HttpRequest, pk) -> HttpResponse:
    job = _job_for(request, pk)
    try:
        services.import_confirm(actor=request.user, job=job)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(job)


@login_required
@require_POST
def import_rerun(request: HttpRequest, pk) -> HttpResponse:
    job = _job_for(request, pk)
    try:
        services.import_rerun(actor=request.user, job=job)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(job)
