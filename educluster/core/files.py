"""Uploaded files: checked by content, stored under generated names, served only after a
permission check.

The extension a user gives proves nothing; the first bytes of the file decide its kind. Files
live under MEDIA_ROOT with random names and are never served by the web server directly: views
stream them through :func:`file_response` after fetching the owning object through a scoped
selector, so an outsider gets 404 like for any other object.
"""

import mimetypes
import uuid
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileKind:
    key: str
    extensions: tuple[str, ...]
    mime: str


PDF = FileKind("pdf", (".pdf",), "application/pdf")
JPEG = FileKind("jpeg", (".jpg", ".jpeg"), "image/jpeg")
PNG = FileKind("png", (".png",), "image/png")
DOCX = FileKind(
    "docx", (".docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
XLSX = FileKind(
    "xlsx", (".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)
PPTX = FileKind(
    "pptx", (".pptx",), "application/vnd.openxmlformats-officedocument.presentationml.presentation"
)
EVIDENCE_KINDS = (PDF, JPEG, PNG, DOCX, XLSX)
DOCUMENT_KINDS = (PDF, DOCX, XLSX, PPTX, JPEG, PNG)
IMAGE_KINDS = (JPEG, PNG)

MAX_UPLOAD_BYTES = getattr(settings, "MAX_UPLOAD_BYTES", 20 * 1024 * 1024)


def sniff(head: bytes, whole: Any) -> FileKind | None:
    """The kind of a file from its first bytes (and, for Office files, its ZIP directory)."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04"):
        try:
            whole.seek(0)
            names = set(zipfile.ZipFile(whole).namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            whole.seek(0)
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            return XLSX
        if "ppt/presentation.xml" in names:
            return PPTX
    return None


def validate_upload(
    upload: UploadedFile,
    *,
    kinds: tuple[FileKind, ...] = EVIDENCE_KINDS,
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> FileKind:
    """Raise a ValidationError naming the reason unless the file is one of ``kinds``, its
    extension agrees with its content, and it is not too large."""
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            _("“%(name)s” is larger than %(mb)d MB.")
            % {"name": upload.name, "mb": max_bytes // (1024 * 1024)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(16)
    data = upload if hasattr(upload, "seek") else BytesIO(head)
    kind = sniff(head, data)
    upload.seek(0)
    allowed = ", ".join(ext for k in kinds for ext in k.extensions[:1])
    if kind is None or kind not in kinds:
        raise ValidationError(
            _("“%(name)s” is not an allowed file (%(allowed)s).")
            % {"name": upload.name, "allowed": allowed},
            code="bad_type",
        )
    if PurePath(upload.name or "").suffix.lower() not in kind.extensions:
        raise ValidationError(
            _("“%(name)s” is named as another kind of file than it contains.")
            % {"name": upload.name},
            code="bad_extension",
        )
    return kind


def generated_name(prefix: str, original: str) -> str:
    """A random storage name keeping only the (checked) extension of the original."""
    suffix = PurePath(original).suffix.lower()[:10]
    return f"{prefix}/{uuid.uuid4().hex}{suffix}"


def file_response(field_file: Any, *, download_name: str, inline: bool = False) -> FileResponse:
    """Stream a stored file; call only after the object owning it was fetched in scope."""
    content_type = mimetypes.guess_type(download_name)[0] or "application/octet-stream"
    response = FileResponse(
        field_file.open("rb"),
        as_attachment=not inline,
        filename=get_valid_filename(download_name) or "file",
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
