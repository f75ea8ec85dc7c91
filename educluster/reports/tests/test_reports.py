"""Annual cluster reports: gathered from every module, built in the background as PDF and DOCX
in the requested language, with progress; scoped like the rest."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from educluster.conftest import CAST
from educluster.registry.models import Cluster, Membership
from educluster.reports import documents, sections, services
from educluster.reports.models import AnnualReport

YEAR = 2026  # the demo's academic year 2026/2027


def _built(cluster, language: str, year: int = YEAR) -> AnnualReport:
    report = services.annual_report_request(
        actor=None, cluster=cluster, year=year, language=language, enqueue=False
    )
    return services.annual_report_build(report_id=report.pk)


def _pdf_text(report: AnnualReport) -> str:
    with report.pdf.open("rb") as handle:
        return "\n".join(page.extract_text() for page in PdfReader(handle).pages)


def _docx_text(report: AnnualReport) -> str:
    from docx import Document

    with report.docx.open("rb") as handle:
        document = Document(io.BytesIO(handle.read()))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_it_gathers_every_module_into_the_snapshot(cluster):
    report = _built(cluster, "en")
    assert report.status == AnnualReport.Status.DONE, report.error
    got = report.snapshot["sections"]
    assert set(got) == {key for key, _gather in sections.SECTIONS}
    start, end = sections.period(YEAR)
    assert report.snapshot["period"] == [start.isoformat(), end.isoformat()]
    active = Membership.objects.filter(cluster=cluster, start_date__lte=end).count()
    assert got["members"]["total"] == active
    assert sum(got["members"]["by_kind"].values()) == active
    assert got["placements"]["rounds"] >= 1  # the demo publishes its rounds this year
    assert got["continuity"]["automatic_stages"] >= 1
    assert got["workforce"]["forecast"]["published"] is True
    assert got["workforce"]["quota"]["signed"] == 4  # this year's demo admissions
    assert got["effectiveness"]["run"]["cluster_index"] is not None  # the demo's index run
    assert got["effectiveness"]["by_kind"]
    text = _docx_text(report)
    assert "Effectiveness index of the cluster" in text


@pytest.mark.parametrize(
    ("language", "word"),
    [("ru", "Общеобразовательная школа"), ("uz", "Umumtaʼlim maktabi"), ("en", "General school")],
)
def test_it_writes_both_documents_in_the_requested_language(cluster, language, word):
    report = _built(cluster, language)
    assert report.pdf.name.endswith(".pdf") and report.docx.name.endswith(".docx")
    pdf, docx = _pdf_text(report), _docx_text(report)
    assert cluster.name.split()[0] in pdf
    assert word.lower() in pdf.lower() and word.lower() in docx.lower()


def test_it_keeps_the_figures_it_was_made_from(cluster):
    report = _built(cluster, "en")
    before = report.snapshot["sections"]["members"]["total"]
    Membership.objects.filter(cluster=cluster).order_by("-pk").first().delete()
    report.refresh_from_db()
    assert report.snapshot["sections"]["members"]["total"] == before
    assert documents.layout(report.snapshot)[0].lines == documents.layout(report.snapshot)[0].lines


def test_it_records_a_failure_and_builds_again_on_request(cluster, monkeypatch):
    def broken(snapshot):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(documents, "report_pdf", broken)
    report = _built(cluster, "uz")
    assert report.status == AnnualReport.Status.FAILED and "no fonts" in report.error
    assert not report.pdf
    monkeypatch.undo()
    again = services.annual_report_build(report_id=report.pk)
    assert again.status == AnnualReport.Status.DONE and again.pdf


def test_it_leaves_a_finished_report_alone_when_the_task_runs_twice(cluster):
    report = _built(cluster, "en")
    finished = report.finished_at
    assert services.annual_report_build(report_id=report.pk).finished_at == finished


def test_it_refuses_a_second_request_while_one_is_prepared(cluster):
    from django.core.exceptions import ValidationError

    services.annual_report_request(
        actor=None, cluster=cluster, year=YEAR, language="ru", enqueue=False
    )
    with pytest.raises(ValidationError):
        services.annual_report_request(
            actor=None, cluster=cluster, year=YEAR, language="ru", enqueue=False
        )
    with pytest.raises(ValidationError):
        services.annual_report_request(
            actor=None, cluster=cluster, year=1999, language="ru", enqueue=False
        )


def test_it_prepares_a_report_requested_on_the_page(
    client_as, cluster, cast, django_capture_on_commit_callbacks
):
    cast["coordinator"].preferred_language = "en"
    cast["coordinator"].save()
    client = client_as("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:request", args=[cluster.slug]), {"year": YEAR, "language": "ru"}
        )
    report = AnnualReport.objects.get(cluster=cluster)
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    assert report.status == AnnualReport.Status.DONE  # the immediate backend ran the task
    page = client.get(report.get_absolute_url()).content.decode()
    assert 'id="report-files"' in page
    pdf = client.get(reverse("reports:file", args=[report.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    docx = client.get(reverse("reports:file", args=[report.pk, "docx"]))
    assert docx.content.startswith(b"PK")


def test_it_shows_progress_while_the_report_is_prepared(client_as, cluster):
    report = services.annual_report_request(
        actor=None, cluster=cluster, year=YEAR, language="uz", enqueue=False
    )
    AnnualReport.objects.filter(pk=report.pk).update(
        status="running", progress=40, step="workforce"
    )
    response = client_as("head").get(
        report.get_absolute_url() + "?progress=1", headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert 'id="report-progress"' in body and "40%" in body and "HX-Refresh" not in response


ROLES_WITH_A_ROLE = set(CAST) - {"outsider"}


def test_it_answers_each_page_by_role(client_as, cluster):
    report = _built(cluster, "en")
    pages = [
        reverse("reports:list", args=[cluster.slug]),
        report.get_absolute_url(),
        reverse("reports:file", args=[report.pk, "pdf"]),
        reverse("reports:file", args=[report.pk, "docx"]),
    ]
    for name in CAST:
        client = client_as(name)
        for url in pages:
            expected = 200 if name in ROLES_WITH_A_ROLE else 404
            assert client.get(url).status_code == expected, (name, url)
        language = {"coordinator": "uz", "admin": "ru"}.get(name, "en")  # one report each
        posted = client.post(
            reverse("reports:request", args=[cluster.slug]), {"year": YEAR, "language": language}
        ).status_code
        assert posted == {"coordinator": 302, "admin": 302, "outsider": 404}.get(name, 403), name
    assert (
        client_as("head").get(reverse("reports:file", args=[report.pk, "xlsx"])).status_code == 404
    )


def test_it_hides_another_clusters_reports(client_as, cluster):
    other = Cluster.objects.create(
        name="Boshqa klaster",
        slug="boshqa",
        common_goal="—",
        region=cluster.region,
        lead_institution=cluster.lead_institution,
    )
    report = services.annual_report_request(
        actor=None, cluster=other, year=YEAR, language="uz", enqueue=False
    )
    for name in ("coordinator", "head", "analyst", "student"):
        assert client_as(name).get(report.get_absolute_url()).status_code == 404, name
    assert client_as("admin").get(report.get_absolute_url()).status_code == 200


def test_it_lists_reports_in_a_constant_number_of_queries(client_as, cluster):
    url = reverse("reports:list", args=[cluster.slug])
    client = client_as("coordinator")
    AnnualReport.objects.create(cluster=cluster, year=YEAR, language="uz")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    AnnualReport.objects.bulk_create(
        AnnualReport(cluster=cluster, year=2020 + i % 6, language="ru", status="done")
        for i in range(15)
    )
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert len(response.context["page"].object_list) == 16
    assert len(large) == len(small)
