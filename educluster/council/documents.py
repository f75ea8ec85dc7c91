"""The minutes of a council meeting as DOCX (python-docx) and PDF (WeasyPrint), in the active
language (the request user's); DejaVu fonts cover Latin with ʻ/ʼ and Cyrillic."""

from io import BytesIO

from django.utils import formats
from django.utils.translation import gettext as _

from educluster.core.documents import render_pdf
from educluster.council.models import Meeting


def _rows(meeting: Meeting) -> list[list[str]]:
    return [
        [
            d.text,
            str(d.responsible),
            formats.date_format(d.due_date, "SHORT_DATE_FORMAT"),
            str(d.Status(d.status).label),
        ]
        for d in meeting.decisions.select_related("responsible")
    ]


def _title(meeting: Meeting) -> str:
    return _("Minutes of the cluster council meeting of %(date)s") % {
        "date": formats.date_format(meeting.date, "SHORT_DATE_FORMAT")
    }


def minutes_docx(meeting: Meeting) -> bytes:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.font.size = Pt(10)
    document.add_heading(_title(meeting), level=0)
    document.add_paragraph(meeting.cluster.name)
    if meeting.place:
        document.add_paragraph(f"{_('Place')}: {meeting.place}")
    document.add_heading(_("Agenda"), level=1)
    for item in meeting.agenda_items:
        document.add_paragraph(item, style="List Number")
    document.add_heading(_("Minutes"), level=1)
    for line in (meeting.minutes or "—").splitlines():
        document.add_paragraph(line)
    if meeting.minutes_approved_at:
        document.add_paragraph(
            _("Approved on %(date)s")
            % {"date": formats.date_format(meeting.minutes_approved_at, "SHORT_DATE_FORMAT")}
        )
    document.add_heading(_("Decisions"), level=1)
    headers = [_("Decision"), _("Responsible institution"), _("Due date"), _("Status")]
    grid = document.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, headers, strict=True):
        cell.text = text
    for row in _rows(meeting) or [["—", "", "", ""]]:
        for cell, text in zip(grid.add_row().cells, row, strict=True):
            cell.text = text
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def minutes_pdf(meeting: Meeting) -> bytes:
    return render_pdf(
        "council/minutes_pdf.html",
        {"meeting": meeting, "title": _title(meeting), "rows": _rows(meeting)},
    )
