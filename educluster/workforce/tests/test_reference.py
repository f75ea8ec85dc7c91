"""Reference inputs: editing pages and XLSX imports refuse bad input with a message naming the
row and field, and write nothing when any row is wrong.

Pages run in the default language; assertions compare column keys and cell labels computed in
that language (not fixed English words), so they hold whatever the catalogs say.
"""

import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from educluster.imports.handlers import importer_class
from educluster.imports.models import ImportJob
from educluster.workforce.models import (
    AttritionRate,
    CurriculumHours,
    DistrictNorm,
    GraduateCohort,
    Position,
    PupilCount,
    StaffRecord,
    Subject,
)


def _xlsx(client, cluster, kind: str, rows: list[list[object]]) -> bytes:
    template = client.get(reverse("imports:template", args=[cluster.slug, kind, "xlsx"]))
    assert template.status_code == 200
    headers = [c.value for c in load_workbook(io.BytesIO(template.content)).worksheets[0][1]]
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _import(client, cluster, kind: str, rows: list[list[object]]) -> ImportJob:
    data = _xlsx(client, cluster, kind, rows)
    response = client.post(
        reverse("imports:start", args=[cluster.slug, kind]),
        {"file": SimpleUploadedFile("table.xlsx", data)},
    )
    assert response.status_code == 302, response.content[:300]
    return ImportJob.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


def _errors(job: ImportJob) -> set[tuple[int, str]]:
    """(row, column key) of every error; the job stores the column's label in its language."""
    with translation.override(job.language):
        keys = {str(c.label): c.key for c in importer_class(job.kind).columns}
    return {(e["row"], keys.get(e["column"], e["column"])) for e in job.errors}


def test_it_rejects_bad_curriculum_rows_by_row_and_column(client_as, cluster):
    client = client_as("coordinator")
    before = list(CurriculumHours.objects.filter(cluster=cluster).values_list("weekly_hours"))
    job = _import(
        client,
        cluster,
        "workforce-curriculum",
        [
            ["fine_arts", 5, 2],  # fine
            ["calligraphy", 5, 1],  # unknown subject
            ["music", 12, 1],  # grade out of range
            ["music", 3, -1],  # negative
            ["technology", 4, "two"],  # not a number
        ],
    )
    assert job.status == ImportJob.Status.INVALID
    assert _errors(job) == {
        (3, "subject"),
        (4, "grade"),
        (5, "weekly_hours"),
        (6, "weekly_hours"),
    }
    reasons = {e["row"]: e["reason"] for e in job.errors}
    assert "calligraphy" in reasons[3]
    assert "11" in reasons[4]
    assert "two" in reasons[6]
    # Nothing half-written: the good first row is not saved either.
    assert (
        list(CurriculumHours.objects.filter(cluster=cluster).values_list("weekly_hours")) == before
    )


def test_it_imports_a_valid_curriculum_after_preview(client_as, cluster):
    client = client_as("coordinator")
    job = _import(client, cluster, "workforce-curriculum", [["Tasviriy sanʼat", 8, "1"]])
    assert job.status == ImportJob.Status.VALID and job.summary["update"] == 1
    client.post(reverse("imports:confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    row = CurriculumHours.objects.get(cluster=cluster, subject__code="fine_arts", grade=8)
    assert row.weekly_hours == Decimal(1)


def test_it_rejects_rates_outside_0_to_1(client_as, cluster):
    client = client_as("coordinator")
    job = _import(
        client,
        cluster,
        "workforce-graduates",
        [["music", 2026, 30, "1.4"], ["music", 2025, 30, "60%"], ["fine_arts", 2026, -3, "0.5"]],
    )
    assert _errors(job) == {(2, "employment_rate"), (4, "graduates")}
    job = _import(client, cluster, "workforce-attrition", [["55-59", "-0.1"], ["99-99", "0.1"]])
    assert _errors(job) == {(2, "rate"), (3, "age_band")}
    assert not GraduateCohort.objects.filter(cluster=cluster, year=2026, graduates=30).exists()


def test_it_imports_pupils_and_refuses_non_numeric_counts(client_as, cluster):
    client = client_as("coordinator")
    job = _import(
        client,
        cluster,
        "workforce-pupils",
        [
            ["parkent", 2027, 1, "uz", 301, 11],
            ["parkent", 2027, 2, "uz", "many", 11],
            ["Atlantis", 2027, 3, "uz", 290, 10],
            ["parkent", 2027, 0, "uz", 290, 10],
        ],
    )
    assert _errors(job) == {(3, "pupils"), (4, "district"), (5, "grade")}
    assert not PupilCount.objects.filter(cluster=cluster, year=2027).exists()
    job = _import(client, cluster, "workforce-pupils", [["Parkent tumani", 2027, 1, "uz", 301, 11]])
    client.post(reverse("imports:confirm", args=[job.pk]))
    assert PupilCount.objects.get(cluster=cluster, year=2027, grade=1).pupils == 301


def test_it_imports_positions_then_staff(client_as, cluster):
    client = client_as("head")
    job = _import(
        client,
        cluster,
        "workforce-positions",
        [
            ["CHR-SCH-3", "TSA-7", "fine_arts", 9, "0.5", "uz", "", ""],
            ["PAR-SCH-12", "TSA-7", "fine_arts", 9, "0.5", "uz", "", ""],  # not the head's school
            ["CHR-SCH-3", "TSA-8", "fine_arts", 9, "0.5", "uz", "filled", ""],  # no teacher yet
        ],
    )
    assert _errors(job) == {(3, "institution"), (4, "status")}
    job = _import(
        client, cluster, "workforce-positions", [["CHR-SCH-3", "TSA-7", "fine_arts", 9, "0.5"]]
    )
    client.post(reverse("imports:confirm", args=[job.pk]))
    position = Position.objects.get(institution__code="CHR-SCH-3", code="TSA-7")
    assert position.status == "vacant"
    job = _import(
        client,
        cluster,
        "workforce-staff",
        [["CHR-SCH-3", "TSA-7", "first", "fine_arts", "55-59", "2001-09-03", "no"]],
    )
    assert job.status == ImportJob.Status.VALID, job.errors
    client.post(reverse("imports:confirm", args=[job.pk]))
    position.refresh_from_db()
    assert position.status == "filled"
    assert StaffRecord.objects.get(position=position).age_band == "55-59"


def test_it_saves_nothing_from_a_grid_with_a_bad_cell(client_as, cluster):
    client = client_as("coordinator")
    url = reverse("workforce:curriculum_edit", args=[cluster.slug])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    fine_arts = Subject.objects.get(code="fine_arts")
    data[f"h_{fine_arts.pk}_1"] = "3"
    data[f"h_{fine_arts.pk}_2"] = "-1"
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].cell_errors()
    label = str(form.fields[f"h_{fine_arts.pk}_2"].label)  # names subject and grade
    assert len(errors) == 1 and errors[0].startswith(label) and fine_arts.name in label
    assert (
        CurriculumHours.objects.get(cluster=cluster, subject=fine_arts, grade=1).weekly_hours == 1
    )
    data[f"h_{fine_arts.pk}_2"] = "1"
    assert client.post(url, data).status_code == 302
    assert (
        CurriculumHours.objects.get(cluster=cluster, subject=fine_arts, grade=1).weekly_hours == 3
    )


def test_it_saves_attrition_and_pupil_grids(client_as, cluster):
    client = client_as("coordinator")
    url = reverse("workforce:attrition_edit", args=[cluster.slug])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data["a_60_64"] = "1.5"
    response = client.post(url, data)
    assert response.context["form"].cell_errors()[0].startswith(str(form.fields["a_60_64"].label))
    data["a_60_64"] = "0.25"
    assert client.post(url, data).status_code == 302
    assert AttritionRate.objects.get(cluster=cluster, age_band="60-64").rate == Decimal("0.25")

    url = reverse("workforce:pupil_grid", args=[cluster.slug, "boka", 2026])
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    uz = next(language for language in form.languages if language.code == "uz")
    data[f"p_3_{uz.pk}"] = ""
    data[f"c_3_{uz.pk}"] = "9"
    response = client.post(url, data)
    assert response.status_code == 200 and response.context["form"].errors
    data[f"p_3_{uz.pk}"] = "250"
    assert client.post(url, data).status_code == 302
    row = PupilCount.objects.get(cluster=cluster, district__code="boka", year=2026, grade=3)
    assert (row.pupils, row.classes) == (250, 9)


def test_it_loads_the_example_curriculum_with_its_source(client_as, cluster):
    CurriculumHours.objects.filter(cluster=cluster).delete()
    response = client_as("coordinator").post(
        reverse("workforce:curriculum_example", args=[cluster.slug])
    )
    assert response.status_code == 302
    rows = CurriculumHours.objects.filter(cluster=cluster)
    assert rows.count() == 4 * 11
    assert rows.get(subject__code="technology", grade=6).weekly_hours == 2
    page = client_as("analyst").get(reverse("workforce:reference", args=[cluster.slug]))
    assert "tayanch" in page.content.decode()


def test_it_imports_district_norms(client_as, cluster):
    client = client_as("coordinator")
    job = _import(
        client,
        cluster,
        "workforce-districts",
        [["qibray", 27, "0.03", "2%"], ["boka", 0, "", "0.5"]],
    )
    assert _errors(job) == {(3, "max_class_size")}
    job = _import(client, cluster, "workforce-districts", [["Qibray tumani", 27, "0.03", "2%"]])
    client.post(reverse("imports:confirm", args=[job.pk]))
    norm = DistrictNorm.objects.get(cluster=cluster, district__code="qibray")
    assert (norm.max_class_size, norm.intake_growth, norm.graduate_share) == (
        Decimal(27),
        Decimal("0.03"),
        Decimal("0.02"),
    )
    history = client.get(reverse("workforce:reference_history", args=[cluster.slug]))
    assert any("Qibray" in e.subject for e in history.context["entries"])


def test_it_links_a_finished_import_back_to_the_workforce_pages(client_as, cluster):
    client = client_as("coordinator")
    job = _import(client, cluster, "workforce-attrition", [["55-59", "0.06"]])
    client.post(reverse("imports:confirm", args=[job.pk]))
    page = client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert reverse("workforce:reference", args=[cluster.slug]) in page
