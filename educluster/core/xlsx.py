"""XLSX export shared by every list page.

Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) are prefixed with an
apostrophe, so an exported name like ``=HYPERLINK(...)`` stays text (OWASP "CSV injection").
"""

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal | date):
        if isinstance(value, datetime) and value.tzinfo is not None:
            # Spreadsheets have no time zones: write the local wall-clock time.
            return timezone.localtime(value).replace(tzinfo=None)
        return value
    text = str(value)
    if text.startswith(_FORMULA_PREFIXES):
        return "'" + text
    return text


def workbook_bytes(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = "Sheet"
) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=title[:31] or "Sheet")
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(ws, value=safe_cell(str(header)))
        cell.font = bold
        header_cells.append(cell)
    ws.append(header_cells)
    for row in rows:
        ws.append([safe_cell(v) for v in row])
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def xlsx_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = "Sheet"
) -> HttpResponse:
    response = HttpResponse(workbook_bytes(headers, rows, title=title), content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
