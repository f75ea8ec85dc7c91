"""Importing pupils' results: the shared import workflow with per-row errors, nothing written
until every row is valid."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from educluster.imports import services as imports
from educluster.imports.models import ImportJob
from educluster.schoollabs.models import PupilDataAccess, PupilResult


def _template(client, cluster) -> tuple[list[str], list[list]]:
    response = client.get(reverse("imports:template", args=[cluster.slug, "pupil-results", "xlsx"]))
    book = load_workbook(BytesIO(response.content))
    headers = [c.value for c in book.worksheets[0][1]]
    reference = [list(r) for r in book.worksheets[1].iter_rows(values_only=True)]
    return headers, reference


def _upload(actor, cluster, headers, rows, name="results.xlsx") -> ImportJob:
    from django.core.files.uploadedfile import SimpleUploadedFile

    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    upload = SimpleUploadedFile(name, out.getvalue())
    job = imports.import_create(
        actor=actor, cluster=cluster, kind="pupil-results", upload=upload, language="en"
    )
    job.refresh_from_db()
    return job


def row(code="CH3A-301", wave="post", klass="E1", scores=(4, 4, 5, 4, 3), study="RASM-2026"):
    return [study, wave, klass, code, "f", 2015, "2026-11-20", *scores]


def test_it_documents_the_pupil_code_format_in_the_template(client_as, cluster):
    headers, reference = _template(client_as("faculty"), cluster)
    assert len(headers) == 7 + 20
    text = " ".join(str(c) for r in reference for c in r if c)
    assert "^[A-Z0-9]{2,12}-[0-9]{2,4}$" in text and "CH3A-017" in text
    assert "RASM-2026" in text and "E1" in text and "C1" in text


def test_it_imports_valid_rows(client_as, cluster, cast):
    headers, _reference = _template(client_as("faculty"), cluster)
    job = _upload(cast["faculty"], cluster, headers, [row(), row(code="CH3A-001", wave="pre")])
    assert job.status == ImportJob.Status.VALID, job.errors
    assert job.summary["create"] == 1 and job.summary["update"] == 1
    imports.import_confirm(actor=cast["faculty"], job=job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert PupilResult.objects.get(pupil__code="CH3A-301", wave=1).total == 20
    assert PupilDataAccess.objects.filter(action="import_file", user=cast["faculty"]).count() == 1


@pytest.mark.parametrize(
    ("bad", "column"),
    [
        (row(code="Aziza K."), "Pupil code"),  # a name, not a code
        (row(scores=(4, 4, 9, 4, 3)), "Score 3"),  # outside the 1–5 scale
        (row(scores=(4, 4, 4, 4, 3.5)), "Score 5"),
        (row(scores=(4, 4, 4, 4)), "Score 5"),  # a criterion left empty
        (row(wave="follow-up"), "Wave"),  # the study has no follow-up
        (row(klass="E9"), "Class code"),
        (row(study="NOPE-1"), "Study"),
        (row(code="CH3A-001", klass="C1"), "Class code"),  # a pupil changing class
    ],
)
def test_it_reports_a_bad_row_and_writes_nothing(client_as, cluster, cast, bad, column):
    headers, _reference = _template(client_as("faculty"), cluster)
    before = PupilResult.objects.count()
    job = _upload(cast["faculty"], cluster, headers, [row(code="CH3A-302"), bad])
    assert job.status == ImportJob.Status.INVALID
    assert [(e["row"], e["column"]) for e in job.errors] == [(3, column)]
    assert PupilResult.objects.count() == before


def test_it_refuses_the_same_pupil_twice_in_a_wave(client_as, cluster, cast):
    headers, _reference = _template(client_as("faculty"), cluster)
    job = _upload(cast["faculty"], cluster, headers, [row(), row(scores=(1, 1, 1, 1, 1))])
    assert job.status == ImportJob.Status.INVALID
    assert job.errors[0]["row"] == 3 and "2" in job.errors[0]["reason"]


def test_it_accepts_only_studies_of_the_uploaders_team(client_as, cluster, cast):
    headers, _reference = _template(client_as("faculty"), cluster)
    # The platform administrator passes the shared import page's permission check, but is on
    # no study team and coordinates no cluster: the rows are refused.
    job = _upload(cast["admin"], cluster, headers, [row()])
    assert job.status == ImportJob.Status.INVALID
    assert job.errors[0]["column"] == "Study"
