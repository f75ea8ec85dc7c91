"""The agreement as a document: DOCX from a docxtpl template, PDF through WeasyPrint.

Both are built from one context in the active language; the DOCX template carries no language
of its own (its labels come from the catalogue), so one template serves Uzbek, Russian and
English. Regenerate the template with ``python -m educluster.agreements.docx_template``.
"""

from io import BytesIO
from pathlib import Path
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from educluster.agreements.models import Agreement
from educluster.agreements.selectors import agreement_detail
from educluster.core.documents import render_pdf

DOCX_TEMPLATE = Path(__file__).parent / "templates_docx" / "agreement.docx"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _date(value: Any) -> str:
    return date_format(value, "DATE_FORMAT") if value else "—"


def document_context(agreement: Agreement) -> dict[str, Any]:
    agreement = agreement_detail(agreement)
    parties = [
        {
            "name": p.institution.name,
            "signatory": p.signatory or "",
            "district": str(p.institution.district),
        }
        for p in agreement.parties.all()
    ]
    by_party: dict[str, list[dict[str, str]]] = {}
    for o in agreement.obligations.all():
        by_party.setdefault(o.party.institution.name, []).append(
            {
                "area": str(o.get_area_display()),
                "description": o.description,
                "when": _date(o.due_date)
                if o.recurrence == "once"
                else str(o.get_recurrence_display()),
                "target": f"{o.target_value.normalize():f} {o.target_unit}",
                "evidence": o.evidence_required or "—",
                "controller": o.counterpart.institution.name,
                "responsible": o.responsible.full_name if o.responsible else "—",
            }
        )
    return {
        "agreement": {
            "number": agreement.number,
            "title": agreement.title,
            "signed_on": _date(agreement.signed_on),
            "valid_from": _date(agreement.valid_from),
            "valid_to": _date(agreement.valid_to),
            "status": str(agreement.get_status_display()),
            "cluster": agreement.cluster.name,
        },
        "parties": parties,
        "goals": [f"{g.number}. {g.title}" for g in agreement.goals.all()],
        "obligations": [{"party": name, "rows": rows} for name, rows in by_party.items()],
        "labels": {
            "heading": _("Cooperation agreement"),
            "number": _("No."),
            "cluster": _("Cluster"),
            "signed_on": _("Signing date"),
            "term": _("Term"),
            "status": _("Status"),
            "parties": _("Parties"),
            "goals": _("Goals of the cluster this agreement serves"),
            "obligations": _("Obligations of the parties"),
            "area": _("Area"),
            "description": _("Obligation"),
            "when": _("Due"),
            "target": _("Target"),
            "evidence": _("Evidence"),
            "controller": _("Checked by"),
            "responsible": _("Responsible"),
            "principles": _(
                "The parties act for the common goal of the cluster, on a legal basis, with "
                "mutually beneficial relations and coordinated management, without deviating "
                "from the general purpose, and under mutual control: each party reports the "
                "fulfilment of its obligations and the controlling party confirms or disputes "
                "each report."
            ),
            "signatures": _("Signatures of the parties"),
            "signed_by": _("Signed by"),
        },
    }


def agreement_docx(agreement: Agreement) -> bytes:
    from docxtpl import DocxTemplate

    template = DocxTemplate(str(DOCX_TEMPLATE))
    template.render(document_context(agreement), autoescape=True)
    out = BytesIO()
    template.save(out)
    return out.getvalue()


def agreement_pdf(agreement: Agreement) -> bytes:
    return render_pdf("agreements/document_pdf.html", document_context(agreement))
