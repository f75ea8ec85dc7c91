"""Import: template → preview → per-row errors → confirm, and files that are not what they claim."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from educluster.accounts.models import Person
from educluster.core.history import history_entries
from educluster.imports.models import ImportJob
from educluster.registry.models import Institution, Membership


def template_headers(client, cluster, kind: str) -> list[str]:
    response = client.get(reverse("imports:template", args=[cluster.slug, kind, "xlsx"]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [cell.value for cell in sheet[1]]


def xlsx(headers: list[str], rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(client, cluster, kind: str, name: str, data: bytes):
    response = client.post(
        reverse("imports:start", args=[cluster.slug, kind]),
        {"file": SimpleUploadedFile(name, data)},
    )
    assert response.status_code == 302, response.content[:500]
    return ImportJob.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


def institution_rows(bad: bool = False) -> list[list[object]]:
    # code, name, short name, kind, district, address, lat, lon, languages, head, phone, email,
    # website, role
    return [
        [
            "PAR-SCH-40",
            "Parkent tumani 40-sonli maktab",
            "40-maktab",
            "general_school",
            "parkent",
            "",
            41.3,
            69.7,
            "uz, ru",
            "",
            "",
            "",
            "",
            "partner",
        ],
        [
            "QIB-MTT-3",
            "Qibray tumani 3-son MTT",
            "",
            "maktabgacha taʼlim tashkiloti",
            "Qibray tumani",
            "",
            None,
            None,
            "uz",
            "",
            "",
            "" if not bad else "not-an-email",
            "",
            "",
        ],
        # An existing member, matched by code: its phone changes.
        [
            "CHR-SCH-3",
            "Chirchiq shahar 3-sonli umumiy oʻrta taʼlim maktabi",
            "3-maktab",
            "general_school",
            "chirchiq",
            "",
            41.4729,
            69.5792,
            "uz, ru",
            "",
            "+998 70 000 00 03",
            "",
            "",
            "school_lab",
        ],
    ]


def test_it_previews_then_imports_institutions_only_on_confirm(client_as, cluster, cast):
    client = client_as("coordinator")
    headers = template_headers(client, cluster, "institutions")
    assert headers[1] == "Nomi *"  # the template speaks the user's language (Uzbek by default)
    job = upload(
        client, cluster, "institutions", "maktablar.xlsx", xlsx(headers, institution_rows())
    )
    job.refresh_from_db()
    assert job.status == ImportJob.Status.VALID, job.errors or job.message
    assert job.summary["create"] == 2 and job.summary["update"] == 1
    assert not Institution.objects.filter(code="PAR-SCH-40").exists()  # nothing written yet

    page = client.get(job.get_absolute_url()).content.decode()
    assert "Parkent tumani 40-sonli maktab" in page and "+998 70 000 00 03" in page

    assert client.post(reverse("imports:confirm", args=[job.pk])).status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    created = Institution.objects.get(code="PAR-SCH-40")
    assert set(created.languages.values_list("code", flat=True)) == {"uz", "ru"}
    assert Membership.objects.get(cluster=cluster, institution=created).is_active
    assert Institution.objects.get(code="QIB-MTT-3").kind == "preschool"
    updated = Institution.objects.get(code="CHR-SCH-3")
    assert updated.phone == "+998 70 000 00 03"
    assert history_entries(updated)[0].who == cast["coordinator"].display_name


def test_it_lists_every_bad_row_and_writes_nothing(client_as, cluster):
    client = client_as("coordinator")
    headers = template_headers(client, cluster, "institutions")
    rows = institution_rows(bad=True)
    rows.append(["", "", "", "castle", "Atlantis", "", "north", "", "xx", "", "", "", "", ""])
    before = Institution.objects.count()
    job = upload(client, cluster, "institutions", "bad.xlsx", xlsx(headers, rows))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.INVALID
    found = {(e["row"], e["column"]) for e in job.errors}
    assert (3, "Elektron pochta") in found  # row 3 of the sheet: the second data row
    assert {(5, "Nomi"), (5, "Turi"), (5, "Tuman"), (5, "Kenglik"), (5, "Tillar")} <= found
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Atlantis" in page and "not-an-email" in page
    assert client.post(reverse("imports:confirm", args=[job.pk])).status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.INVALID
    assert Institution.objects.count() == before


def test_it_detects_duplicate_rows_in_a_file(client_as, cluster):
    client = client_as("coordinator")
    headers = template_headers(client, cluster, "institutions")
    row = institution_rows()[0]
    job = upload(client, cluster, "institutions", "dup.xlsx", xlsx(headers, [row, list(row)]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.INVALID
    assert job.errors[0]["row"] == 3 and "2" in job.errors[0]["reason"]


def test_it_reads_a_semicolon_csv_with_bom_and_headers_in_another_language(client_as, cluster):
    client = client_as("coordinator")
    text = "\ufeffName;Kind;District\r\nBoʻka tumani 50-maktab;general school;Букинский район\r\n"
    job = upload(client, cluster, "institutions", "schools.csv", text.encode("utf-8"))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.VALID, job.errors or job.message
    client.post(reverse("imports:confirm", args=[job.pk]))
    assert Institution.objects.get(name="Boʻka tumani 50-maktab").district.code == "boka"


def test_it_confirms_once(client_as, cluster):
    client = client_as("coordinator")
    headers = template_headers(client, cluster, "institutions")
    job = upload(client, cluster, "institutions", "a.xlsx", xlsx(headers, institution_rows()[:1]))
    client.post(reverse("imports:confirm", args=[job.pk]))
    client.post(reverse("imports:confirm", args=[job.pk]))
    assert Institution.objects.filter(code="PAR-SCH-40").count() == 1


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    return out.getvalue()


def _broken_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "not xml at all")
        archive.writestr("xl/workbook.xml", "<<<")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("a.xlsx", b"name,kind\nx,y\n", "XLSX"),
        ("a.csv", xlsx(["a"], [["b"]]), "ZIP"),
        ("a.xlsx", _zip_bomb(), "siqilgan"),
        ("a.xlsx", _broken_workbook(), "oʻqib boʻlmadi"),
        ("a.pdf", b"%PDF-1.7", ".xlsx"),
        ("a.csv", b"", "boʻsh"),
        ("a.csv", b"Nomi,Turi,Tuman\n", "maʼlumot"),
        ("a.csv", b"Turi,Tuman\nx,y\n", "Nomi"),
    ],
)
def test_it_refuses_files_that_are_not_what_they_claim(client_as, cluster, name, data, reason):
    client = client_as("coordinator")
    response = client.post(
        reverse("imports:start", args=[cluster.slug, "institutions"]),
        {"file": SimpleUploadedFile(name, data)},
    )
    if response.status_code == 200:  # an empty upload is refused by the form itself
        assert reason in response.content.decode() or "boʻsh" in response.content.decode()
        return
    job = ImportJob.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])
    job.refresh_from_db()
    assert job.status == ImportJob.Status.REJECTED
    assert reason in job.message, job.message


def test_it_refuses_an_oversized_file(client_as, cluster, settings):
    settings.IMPORT_MAX_FILE_BYTES = 1024
    job = upload(
        client_as("coordinator"), cluster, "institutions", "big.csv", b"Nomi\n" + b"x" * 2048
    )
    job.refresh_from_db()
    assert job.status == ImportJob.Status.REJECTED and "MB" in job.message


def test_it_hides_an_import_from_everyone_but_its_author(client_as, cluster):
    client = client_as("coordinator")
    job = upload(
        client,
        cluster,
        "institutions",
        "a.csv",
        b"Nomi,Turi,Tuman\nX,general_school,boka\n",
    )
    assert client_as("admin").get(job.get_absolute_url()).status_code == 404
    assert client_as("outsider").get(job.get_absolute_url()).status_code == 404
    assert client_as("outsider").post(reverse("imports:confirm", args=[job.pk])).status_code == 404


def test_it_lets_a_member_head_import_only_their_own_staff(client_as, cluster):
    client = client_as("head")
    headers = template_headers(client, cluster, "people")
    rows = [
        ["Tursunova Oydin Karimovna", "teacher", "CHR-SCH-3", "tasviriy sanʼat oʻqituvchisi"],
        ["Begmatov Ulugʻbek", "teacher", "PAR-SCH-12", ""],
        ["Sobirova Laylo", "student", "CHR-SCH-3", "", "", "", "bachelor", "7"],
    ]
    job = upload(client, cluster, "people", "staff.xlsx", xlsx(headers, rows))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.INVALID
    by_row = {e["row"]: e for e in job.errors}
    assert by_row[3]["column"] == "Muassasa"
    assert by_row[4]["column"] == "Oʻqish yili"
    job = upload(client, cluster, "people", "staff.xlsx", xlsx(headers, rows[:1]))
    client.post(reverse("imports:confirm", args=[job.pk]))
    assert Person.objects.filter(full_name="Tursunova Oydin Karimovna").exists()


def test_it_reports_progress_of_a_background_import(client_as, cluster):
    client = client_as("coordinator")
    rows = "".join(f"Qibray tumani {200 + i}-maktab,general_school,qibray\n" for i in range(250))
    job = upload(client, cluster, "institutions", "many.csv", ("Nomi,Turi,Tuman\n" + rows).encode())
    job.refresh_from_db()
    assert job.total_rows == 250 and job.processed_rows == 250 and job.percent == 100
    progress = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert progress["HX-Refresh"] == "true"
