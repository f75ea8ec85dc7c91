"""Reading uploaded tables safely.

A file must be what it claims: an ``.xlsx`` must be an Office Open XML workbook (a ZIP holding
``xl/workbook.xml``), a ``.csv`` must be text. Limits on the upload size, the unpacked size and
the compression ratio of each ZIP member stop zip bombs before openpyxl inflates anything;
openpyxl parses XML through defusedxml (installed), which refuses entity expansion.
"""

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

MAX_COMPRESSION_RATIO = 200


class FileRejected(Exception):
    """The whole file is unusable; the message says why, in the user's language."""


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as the user sees it, cell texts)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10] if hasattr(value, "hour") else value.isoformat()
    return str(value).strip()


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FileRejected(_("The file is not a valid XLSX workbook.")) from None
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise FileRejected(_("The file is a ZIP archive but not an XLSX workbook."))
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.compress_size and info.file_size / info.compress_size > MAX_COMPRESSION_RATIO:
            raise FileRejected(_("The workbook is compressed suspiciously well; it was refused."))
    if total > settings.IMPORT_MAX_UNPACKED_BYTES:
        raise FileRejected(
            _("The workbook unpacks to more than %(mb)d MB; split it into smaller files.")
            % {"mb": settings.IMPORT_MAX_UNPACKED_BYTES // (1024 * 1024)}
        )


def _read_xlsx(data: bytes) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on malformed parts
        raise FileRejected(_("The workbook could not be read; it may be damaged.")) from None
    try:
        sheet = workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(v) for v in row]
    except FileRejected:
        raise
    except Exception:
        raise FileRejected(_("The workbook could not be read; it may be damaged.")) from None
    finally:
        workbook.close()


def _read_csv(data: bytes) -> Iterator[tuple[int, list[str]]]:
    if b"\x00" in data[:65536]:
        raise FileRejected(_("The file is not a text CSV file."))
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1251 decodes any byte string
        raise FileRejected(_("The file's text encoding is not recognised; save it as UTF-8."))
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
            yield number, [cell.strip() for cell in row]
    except csv.Error as error:
        raise FileRejected(_("The CSV file is malformed: %(error)s") % {"error": error}) from None


def read_table(name: str, data: bytes) -> Table:
    """Parse an uploaded XLSX or CSV file into a header row and numbered data rows."""
    if len(data) > settings.IMPORT_MAX_FILE_BYTES:
        raise FileRejected(
            _("The file is larger than %(mb)d MB.")
            % {"mb": settings.IMPORT_MAX_FILE_BYTES // (1024 * 1024)}
        )
    if not data:
        raise FileRejected(_("The file is empty."))
    lower = name.lower()
    is_zip = data[:4] == b"PK\x03\x04"
    if lower.endswith(".xlsx"):
        if not is_zip:
            raise FileRejected(_("The file is named .xlsx but is not an XLSX workbook."))
        _check_zip(data)
        rows = _read_xlsx(data)
    elif lower.endswith(".csv"):
        if is_zip:
            raise FileRejected(_("The file is named .csv but is a ZIP archive (perhaps XLSX)."))
        rows = _read_csv(data)
    else:
        raise FileRejected(_("Upload an .xlsx or .csv file."))

    headers: list[str] | None = None
    body: list[tuple[int, list[str]]] = []
    for number, cells in rows:
        if not any(cells):
            continue
        if headers is None:
            headers = cells
            continue
        body.append((number, cells))
        if len(body) > settings.IMPORT_MAX_ROWS:
            raise FileRejected(
                _("The file has more than %(n)d rows; split it into smaller files.")
                % {"n": settings.IMPORT_MAX_ROWS}
            )
    if headers is None:
        raise FileRejected(_("The file has no header row."))
    return Table(headers=headers, rows=body)
