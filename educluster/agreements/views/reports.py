"""Compliance, the audit check and the agreement document."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from educluster.accounts.language import document_language
from educluster.accounts.scoping import cluster_for_user
from educluster.agreements import documents, selectors
from educluster.agreements.audit import verify_chain
from educluster.agreements.models import AuditEvent
from educluster.core.documents import pdf_response
from educluster.core.xlsx import xlsx_response


@login_required
def compliance(request: HttpRequest, slug: str) -> HttpResponse:
    """Per agreement, per member, and the members × areas matrix of a cluster."""
    cluster = cluster_for_user(request.user, slug)
    agreements = selectors.agreements_for(request.user).filter(cluster=cluster)
    member = request.GET.get("member")
    data = selectors.compliance(agreements)
    if request.GET.get("export") == "xlsx":
        rows = []
        for institution, _total, cells in data.matrix_rows():
            for (_key, area_label), cell in zip(data.areas, cells, strict=True):
                if cell is None:
                    continue
                rows.append(
                    [
                        str(institution),
                        str(area_label),
                        cell.total,
                        cell.due,
                        cell.confirmed,
                        cell.confirmed_on_time,
                        cell.on_time_rate,
                        cell.overdue,
                        cell.disputes_raised,
                    ]
                )
        return xlsx_response(
            f"compliance-{cluster.slug}-{timezone.localdate().isoformat()}.xlsx",
            [
                _("Member"),
                _("Area"),
                _("Occurrences"),
                _("Due so far"),
                _("Confirmed"),
                _("Confirmed on time"),
                _("On-time rate, %"),
                _("Overdue"),
                _("Disputes"),
            ],
            rows,
            title=_("Compliance"),
        )
    agreement_rows = [
        (a, data.by_agreement[a.pk])
        for a in sorted(data.agreements.values(), key=lambda a: a.number)
    ]
    member_rows = data.matrix_rows()
    if member and member.isdigit():
        member_rows = [row for row in member_rows if row[0].pk == int(member)]
    return render(
        request,
        "agreements/compliance.html",
        {
            "cluster": cluster,
            "data": data,
            "agreement_rows": agreement_rows,
            "member_rows": member_rows,
            "tab": "compliance",
        },
    )


@login_required
def audit_verify(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_for_user(request.user, slug)
    if not request.user.has_perm("agreements.verify_audit", cluster):
        raise PermissionDenied
    checked, breaks = verify_chain([cluster.pk])
    broken_event = (
        AuditEvent.objects.select_related("agreement").filter(pk=breaks[0].event_id).first()
        if breaks
        else None
    )
    events = AuditEvent.objects.filter(cluster=cluster).select_related("agreement").order_by("-id")
    return render(
        request,
        "agreements/audit.html",
        {
            "cluster": cluster,
            "checked": checked,
            "breaks": breaks,
            "broken_event": broken_event,
            "events": events[:100],
            "tab": "compliance",
        },
    )


@login_required
def agreement_document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    agreement = selectors.agreement_for_user(request.user, pk)
    language = document_language(request)  # ?lang=, else the reader's preferred language
    if language is None or fmt not in {"docx", "pdf"}:
        raise Http404
    with translation.override(language):
        if fmt == "docx":
            data = documents.agreement_docx(agreement)
            response = HttpResponse(data, content_type=documents.DOCX_MIME)
            response["Content-Disposition"] = (
                f'attachment; filename="agreement-{agreement.pk}-{language}.docx"'
            )
            return response
        return pdf_response(
            documents.agreement_pdf(agreement), f"agreement-{agreement.pk}-{language}.pdf"
        )
