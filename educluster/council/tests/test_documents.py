"""The minutes as DOCX and PDF: they open, and Cyrillic and Latin (with ʻ/ʼ) text survives."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from educluster.council import services
from educluster.council.tests.support import head_school, meeting

pytestmark = pytest.mark.django_db

CYRILLIC = "Провести выставку детских работ"
LATIN = "Koʻrgazma oʻtkazish"


@pytest.fixture
def with_texts(cluster, cast):
    m = meeting(cluster)
    services.decision_create(
        user=cast["coordinator"],
        meeting=m,
        text=CYRILLIC,
        responsible=head_school(),
        due_date=timezone.localdate(),
    )
    services.meeting_record_minutes(
        user=cast["coordinator"], meeting=m, minutes=f"{LATIN}\nЗаседание провёл председатель."
    )
    return m


def test_it_downloads_the_minutes_as_a_docx_that_opens(with_texts, client_as):
    response = client_as("head").get(reverse("council:minutes_docx", args=[with_texts.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert LATIN in text and "Заседание провёл председатель." in text
    assert CYRILLIC in cells
    assert "Oʻquv yili uchun klaster ish rejasi" in text  # an agenda item


def test_it_downloads_the_minutes_as_a_pdf_that_opens(with_texts, client_as):
    response = client_as("coordinator").get(reverse("council:minutes_pdf", args=[with_texts.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    squeezed = " ".join(text.split())
    assert "Провести выставку" in squeezed
    assert "Заседание провёл председатель." in squeezed
    assert "rgazma" in squeezed


def test_it_writes_the_documents_in_the_readers_language(with_texts, client_as):
    from django.utils import translation

    from educluster.council import documents

    with translation.override("en"):
        assert "Agenda" in " ".join(
            p.text for p in Document(io.BytesIO(documents.minutes_docx(with_texts))).paragraphs
        )
