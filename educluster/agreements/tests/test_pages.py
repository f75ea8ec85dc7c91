"""Every agreements page, file and export as each cast member, the outsider and anonymous."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from educluster.agreements import services
from educluster.agreements.reminders import send_reminders
from educluster.conftest import CAST

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# Who reads the test agreement between the department and the head's school.
READERS = {"coordinator", "head", "faculty", "mentor", "analyst", "admin"}
# The mentor works at another school; students are not staff of a party.
PARTY_READERS = {"coordinator", "head", "faculty", "analyst", "admin"}
MANAGERS = {"coordinator", "admin"}


def expect(allowed, *, others=404):
    return {n: 200 if n in allowed else (404 if n == "outsider" else others) for n in CAST}


@pytest.fixture
def filed(agreement, school_occurrence, cast):
    report = services.report_submit(
        actor=cast["head"],
        occurrence=school_occurrence,
        value_achieved=Decimal(8),
        text="ok",
        files=[SimpleUploadedFile("order.pdf", PDF_BYTES)],
    )
    services.scan_add(
        actor=cast["coordinator"],
        agreement=agreement,
        upload=SimpleUploadedFile("signed.pdf", PDF_BYTES),
    )
    return report


@pytest.fixture
def pages(cluster, agreement, school_occurrence, filed):
    slug, pk = cluster.slug, agreement.pk
    obligation = school_occurrence.obligation
    cluster_readers = {"coordinator", "head", "faculty", "student", "mentor", "analyst", "admin"}
    return [
        (reverse("agreements:list", args=[slug]), expect(cluster_readers, others=403)),
        (reverse("agreements:list", args=[slug]) + "?export=xlsx", expect(cluster_readers)),
        (reverse("agreements:compliance", args=[slug]), expect(cluster_readers)),
        (reverse("agreements:compliance", args=[slug]) + "?export=xlsx", expect(cluster_readers)),
        (reverse("agreements:audit", args=[slug]), expect(MANAGERS, others=403)),
        (reverse("agreements:create", args=[slug]), expect(MANAGERS, others=403)),
        (reverse("agreements:agreement", args=[pk]), expect(PARTY_READERS)),
        (reverse("agreements:events", args=[pk]), expect(PARTY_READERS)),
        (
            reverse("agreements:edit", args=[pk]),
            expect(MANAGERS, others=403) | {n: 404 for n in CAST if n not in PARTY_READERS},
        ),
        (
            reverse("agreements:obligation_create", args=[pk]),
            expect(MANAGERS, others=403) | {n: 404 for n in CAST if n not in PARTY_READERS},
        ),
        (
            reverse("agreements:obligation_edit", args=[pk, obligation.pk]),
            expect(MANAGERS, others=403) | {n: 404 for n in CAST if n not in PARTY_READERS},
        ),
        (reverse("agreements:document", args=[pk, "docx"]) + "?lang=ru", expect(PARTY_READERS)),
        (reverse("agreements:document", args=[pk, "pdf"]) + "?lang=uz", expect(PARTY_READERS)),
        (reverse("agreements:occurrence", args=[school_occurrence.pk]), expect(PARTY_READERS)),
        (reverse("agreements:evidence", args=[filed.evidence.get().pk]), expect(PARTY_READERS)),
        (reverse("agreements:scan", args=[agreement.scans.get().pk]), expect(PARTY_READERS)),
    ]


def test_it_answers_every_page_by_role(pages, client_as):
    failures = []
    for name in CAST:
        client = client_as(name)
        for url, expected in pages:
            status = client.get(url).status_code
            if status != expected[name]:
                failures.append(f"{name} {url}: {status} != {expected[name]}")
    assert not failures, "\n".join(failures)


def test_it_sends_anonymous_visitors_to_login(pages, client_as):
    client = client_as("anonymous")
    for url, _expected in pages:
        assert client.get(url).status_code == 302, url


def test_it_refuses_every_action_to_the_outsider(agreement, filed, client_as):
    client = client_as("outsider")
    posts = [
        reverse("agreements:transition", args=[agreement.pk]),
        reverse("agreements:renew", args=[agreement.pk]),
        reverse("agreements:scan_upload", args=[agreement.pk]),
        reverse("agreements:report_submit", args=[filed.occurrence_id]),
        reverse("agreements:report_decide", args=[filed.pk]),
    ]
    for url in posts:
        assert (
            client.post(url, {"to": "terminated", "reason": "x", "decision": "confirm"}).status_code
            == 404
        )
    filed.refresh_from_db()
    assert filed.decision == "pending"


def test_it_lets_the_counterpart_decide_from_the_page(filed, client_as):
    url = reverse("agreements:report_decide", args=[filed.pk])
    assert client_as("head").post(url, {"decision": "confirm"}).status_code == 403  # own side
    response = client_as("coordinator").post(url, {"decision": "dispute", "comment": ""})
    filed.refresh_from_db()
    assert filed.decision == "pending"  # a dispute needs a comment
    client_as("coordinator").post(url, {"decision": "dispute", "comment": "Only 5 came"})
    filed.refresh_from_db()
    assert filed.decision == "disputed" and response.status_code == 302


def test_it_serves_documents_that_open_with_cyrillic_and_latin(agreement, client_as, cast):
    from docx import Document
    from pypdf import PdfReader

    department = agreement.parties.get(institution__code="CHDPI-TSA").institution
    department.name = "Кафедра изобразительного искусства ЧГПИ"
    department.save()
    client = client_as("coordinator")
    docx = client.get(reverse("agreements:document", args=[agreement.pk, "docx"]) + "?lang=ru")
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Кафедра изобразительного искусства ЧГПИ" in text
    assert "Chirchiq shahar 3-sonli umumiy oʻrta taʼlim maktabi" in text
    assert "Договор о сотрудничестве" in text or "сотрудничеств" in text
    tables = Document(io.BytesIO(docx.content)).tables
    assert any("Host trainees" in cell.text for t in tables for row in t.rows for cell in row.cells)
    pdf = client.get(reverse("agreements:document", args=[agreement.pk, "pdf"]) + "?lang=uz")
    assert pdf["Content-Type"] == "application/pdf"
    pdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Кафедра изобразительного искусства" in pdf_text
    assert "Chirchiq shahar 3-sonli umumiy oʻrta taʼlim maktabi" in pdf_text
    assert zipfile.is_zipfile(io.BytesIO(docx.content))


def test_it_mails_reminders_once_a_day(agreement, school_occurrence, cast):
    sent = send_reminders()
    assert sent and sent >= 1
    to_head = [m for m in mail.outbox if cast["head"].email in m.to]
    assert to_head and "Host trainees" in to_head[0].body
    assert send_reminders() is None  # the same day again: nothing sent twice


def test_it_shows_my_obligations_on_the_home_page(agreement, school_occurrence, client_as):
    html = client_as("head").get(reverse("home")).content.decode()
    assert 'id="my-obligations"' in html and "Host trainees" in html


@pytest.mark.parametrize("page", ["agreements:list", "agreements:compliance"])
def test_it_runs_the_same_number_of_queries_for_more_agreements(
    page, cluster, agreement, cast, client_as, inst
):
    client = client_as("coordinator")
    url = reverse(page, args=[cluster.slug])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    services.agreement_renew(
        actor=cast["coordinator"],
        agreement=agreement,
        number="T-9",
        valid_from=agreement.valid_to,
        valid_to=agreement.valid_to.replace(year=agreement.valid_to.year + 2),
    )
    assert count() == before


def test_it_runs_the_same_number_of_queries_on_an_agreement_page(agreement, cast, client_as):
    client = client_as("coordinator")
    url = reverse("agreements:agreement", args=[agreement.pk])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    school = agreement.parties.get(institution__code="CHR-SCH-3")
    department = agreement.parties.get(institution__code="CHDPI-TSA")
    services.obligation_create(
        actor=cast["coordinator"],
        agreement=agreement,
        party=school,
        counterpart=department,
        area="research",
        description="Monthly",
        recurrence="monthly",
        target_value=Decimal(1),
        target_unit="x",
    )
    assert count() == before
