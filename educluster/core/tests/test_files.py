"""Uploaded evidence and documents are judged by their content, never by their name."""

import io
import time
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from educluster.core import files


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _docx_bomb() -> bytes:
    """A DOCX whose document inflates to 200 MB from a few hundred KB."""
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * (200 << 20)})


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("hisobot.pdf", b"MZ\x90\x00\x03" + b"\0" * 64, "bad_type"),  # a Windows program
        ("hisobot.pdf", b"<html><script>alert(1)</script></html>", "bad_type"),
        ("hisobot.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 32, "bad_extension"),  # a PNG named .pdf
        ("hisobot.docx", b"%PDF-1.7\n%%EOF", "bad_extension"),
        ("hisobot.docx", _zip({"readme.txt": b"not an office file"}), "bad_type"),
        ("hisobot.docx", b"PK\x03\x04 broken zip", "bad_type"),
        ("hisobot.svg", b"<svg onload='alert(1)'/>", "bad_type"),
        ("hisobot", b"%PDF-1.7\n%%EOF", "bad_extension"),
    ],
)
def test_it_refuses_a_file_whose_content_is_not_what_its_name_says(name, data, code):
    with pytest.raises(ValidationError) as error:
        files.validate_upload(SimpleUploadedFile(name, data))
    assert error.value.code == code
    assert name in error.value.messages[0]


def test_it_accepts_each_allowed_kind_by_its_content():
    samples = {
        "a.pdf": b"%PDF-1.7\n%%EOF",
        "a.jpg": b"\xff\xd8\xff\xe0" + b"\0" * 16,
        "a.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 16,
        "a.docx": _zip({"word/document.xml": b"<w:document/>"}),
        "a.xlsx": _zip({"xl/workbook.xml": b"<workbook/>"}),
    }
    assert {
        name: files.validate_upload(SimpleUploadedFile(name, data)).key
        for name, data in samples.items()
    } == {"a.pdf": "pdf", "a.jpg": "jpeg", "a.png": "png", "a.docx": "docx", "a.xlsx": "xlsx"}


def test_it_refuses_a_file_over_the_size_limit_before_reading_it():
    upload = SimpleUploadedFile("katta.pdf", b"%PDF-1.7\n")
    upload.size = files.MAX_UPLOAD_BYTES + 1
    with pytest.raises(ValidationError) as error:
        files.validate_upload(upload)
    assert error.value.code == "too_large"


def test_it_tells_a_zip_bomb_apart_without_inflating_it():
    bomb = _docx_bomb()
    assert len(bomb) < 1 << 20  # under a megabyte on the wire
    started = time.perf_counter()
    kind = files.validate_upload(SimpleUploadedFile("bomba.docx", bomb))
    # Only the ZIP directory is read: 200 MB of zeros would take far longer to inflate.
    assert kind is files.DOCX and time.perf_counter() - started < 0.5


def test_it_stores_under_a_random_name_keeping_only_the_checked_extension():
    name = files.generated_name("evidence", "../../etc/passwd .PDF")
    assert name.startswith("evidence/") and name.endswith(".pdf") and ".." not in name
