"""The national view as an XLSX workbook: clusters, regions and flows, one sheet each.

Cells go through :func:`educluster.core.xlsx.safe_cell` (no formulas from names).
"""

from io import BytesIO

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from educluster.core.xlsx import XLSX_MIME, safe_cell
from educluster.national.selectors import NationalSummary


def _sheet(wb: Workbook, title: str, headers: list[str], rows: list[list]) -> None:
    ws = wb.create_sheet(title=title[:31])
    bold = Font(bold=True)
    cells = []
    for header in headers:
        cell = WriteOnlyCell(ws, value=safe_cell(header))
        cell.font = bold
        cells.append(cell)
    ws.append(cells)
    for row in rows:
        ws.append([safe_cell(v) for v in row])


def cluster_headers(summary: NationalSummary) -> list[str]:
    return [
        _("Cluster"),
        _("Region"),
        _("Members"),
        *[label for _key, label in summary.member_groups],
        _("Agreements active"),
        _("Obligations overdue"),
        _("Confirmed on time (%)"),
        _("School-Labs"),
        _("Students in practice"),
        _("Open vacancies"),
        _("Forecast gap, last year (net)"),
        _("Forecast shortage, last year"),
    ]


def summary_workbook(summary: NationalSummary) -> bytes:
    wb = Workbook(write_only=True)
    _sheet(
        wb,
        _("Clusters"),
        cluster_headers(summary),
        [
            [
                r.cluster.name,
                r.cluster.region.name,
                r.members,
                *r.group_counts,
                r.agreements_active,
                r.obligations_overdue,
                r.on_time_share,
                r.school_labs,
                r.students_in_practice,
                r.vacancies_open,
                None if r.forecast_gap is None else round(r.forecast_gap, 2),
                None if r.forecast_shortage is None else round(r.forecast_shortage, 2),
            ]
            for r in summary.clusters
        ],
    )
    _sheet(
        wb,
        _("Regions"),
        [
            _("Region"),
            _("Universities"),
            _("Graduates (latest year)"),
            _("Expected teachers"),
            _("Teachers arriving"),
            _("Hiring need (first forecast year)"),
            _("Open vacancies"),
            _("Balance"),
        ],
        [
            [
                r.region.name,
                r.universities,
                r.graduates,
                round(r.expected_teachers, 2),
                round(r.arriving, 2),
                round(r.hiring_need, 2),
                r.vacancies_open,
                round(r.balance, 2),
            ]
            for r in summary.regions.rows
        ],
    )
    _sheet(
        wb,
        _("Flows"),
        [_("From the universities of"), _("To work in"), _("Teachers")],
        [
            [f.source.name, f.target.name if f.target else _("not assigned"), f.teachers]
            for f in summary.regions.flows
        ],
    )
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def summary_response(summary: NationalSummary, filename: str) -> HttpResponse:
    response = HttpResponse(summary_workbook(summary), content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
