"""Bulk entry of a round: applicants with their choices, hosts, hosts' rankings, by XLSX/CSV.

Template → upload → preview with per-row errors → confirm; a file with any bad row writes
nothing.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext, override
from openpyxl import Workbook, load_workbook

from educluster.accounts.models import Person
from educluster.imports.models import ImportJob
from educluster.placements import services
from educluster.placements.models import Applicant, Host, HostRanking, Preference
from educluster.placements.tests._support import hosts, new_round, run
from educluster.registry.models import District, Institution

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(cast):
    """The coordinator reads English pages; the import speaks the uploader's language."""
    cast["coordinator"].preferred_language = "en"
    cast["coordinator"].save(update_fields=["preferred_language"])


def template(client, cluster, kind: str) -> tuple[list[str], list[list[object]]]:
    response = client.get(reverse("imports:template", args=[cluster.slug, kind, "xlsx"]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    headers = [str(cell.value) for cell in book.worksheets[0][1]]
    reference = [[c.value for c in row] for row in book.worksheets[1].iter_rows()]
    return headers, reference


def xlsx(headers: list[str], rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(headers)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(client, cluster, kind: str, headers: list[str], rows: list[list[object]]) -> ImportJob:
    response = client.post(
        reverse("imports:start", args=[cluster.slug, kind]),
        {"file": SimpleUploadedFile("round.xlsx", xlsx(headers, rows))},
    )
    assert response.status_code == 302, response.content[:500]
    job = ImportJob.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])
    job.refresh_from_db()
    return job


def confirm(client, job: ImportJob) -> ImportJob:
    assert client.post(reverse("imports:confirm", args=[job.pk])).status_code == 302
    job.refresh_from_db()
    return job


def key(person: Person) -> str:
    """Each of the keys a file may name a person by: username, e-mail, registry number."""
    if person.user_id and person.user:
        return person.user.username
    return person.email or str(person.pk)


def students(count: int) -> list[Person]:
    people = list(
        Person.objects.filter(kind="student", institution__code="CHDPI-TSA")
        .select_related("user")
        .order_by("pk")[:count]
    )
    assert len(people) == count
    # Half of them known by an e-mail, the rest by account or registry number.
    for person in people[::2]:
        if not person.user_id and not person.email:
            person.email = f"talaba{person.pk}@example.uz"
            person.save(update_fields=["email"])
    return people


def counts() -> tuple[int, int, int, int]:
    return (
        Applicant.objects.count(),
        Preference.objects.count(),
        Host.objects.count(),
        HostRanking.objects.count(),
    )


# --- applicants ------------------------------------------------------------------------------


def test_it_previews_then_imports_applicants_with_their_choices(client_as, cluster, cast):
    rnd = new_round(cluster, cast["coordinator"], seats=(2, 1, 1), people=1)
    first, second, third = hosts(rnd)
    existing = rnd.applicants.select_related("person__user").get()
    newcomer = next(p for p in students(6) if p.pk != existing.person_id)
    client = client_as("coordinator")
    headers, reference = template(client, cluster, "placement-applicants")
    assert headers[:2] == ["Round *", "Student *"]
    flat = " ".join(str(c) for row in reference for c in row if c)
    assert f"{rnd.pk} — {rnd.title}" in flat and f"{first.pk} — " in flat

    rows = [
        [
            str(rnd.pk),
            key(newcomer),
            "Tasviriy sanʼat",
            "uz, ru",
            "parkent",
            "86,5",
            "",
            f"{third.pk}; {first.pk}",
        ],
        [rnd.title, key(existing.person), "", "", "", "", "", f"{second.pk}"],
    ]
    before = counts()
    job = upload(client, cluster, "placement-applicants", headers, rows)
    assert job.status == ImportJob.Status.VALID, job.errors or job.message
    assert job.summary["create"] == 1 and job.summary["update"] == 1
    assert counts() == before  # nothing written before the confirmation
    page = client.get(job.get_absolute_url()).content.decode()
    assert newcomer.full_name in page

    assert confirm(client, job).status == ImportJob.Status.DONE, job.message
    added = Applicant.objects.get(round=rnd, person=newcomer)
    assert added.specialty == "Tasviriy sanʼat"
    assert str(added.grade_average) == "86.50"
    assert added.district == District.objects.get(code="parkent")
    assert set(added.languages.values_list("code", flat=True)) == {"uz", "ru"}
    assert list(added.preferences.values_list("host_id", flat=True)) == [third.pk, first.pk]
    assert list(existing.preferences.values_list("host_id", flat=True)) == [second.pk]
    assert added.history.first().history_user == cast["coordinator"]


def _applicant_rows(rnd, other, person, existing):
    """Name → (rows, column, reason fragment): one bad row each, among good ones."""
    host = hosts(rnd)[0]
    good = [str(rnd.pk), key(existing), "", "", "", "", "", str(host.pk)]
    return {
        "unknown student": (
            [good, [str(rnd.pk), "nobody@example.invalid", "", "", "", "", "", ""]],
            "Student",
            "Nobody at an institution of the cluster",
        ),
        "unknown host": (
            [good, [str(rnd.pk), key(person), "", "", "", "", "", "999999"]],
            "Choices",
            "There is no host number 999999",
        ),
        "host of another round": (
            [good, [str(rnd.pk), key(person), "", "", "", "", "", str(hosts(other)[0].pk)]],
            "Choices",
            "belongs to the round",
        ),
        "duplicate applicant": (
            [good, [str(rnd.pk), key(existing), "", "", "", "", "", ""]],
            "Student",
            "is already on row 2",
        ),
        "more choices than allowed": (
            [
                good,
                [
                    str(rnd.pk),
                    key(person),
                    "",
                    "",
                    "",
                    "",
                    "",
                    "; ".join(str(h.pk) for h in hosts(rnd)),
                ],
            ],
            "Choices",
            "allows at most 2",
        ),
        "host chosen twice": (
            [good, [str(rnd.pk), key(person), "", "", "", "", "", f"{host.pk}; {host.pk}"]],
            "Choices",
            "is chosen twice",
        ),
        "unknown round": (
            [good, ["no such round", key(person), "", "", "", "", "", ""]],
            "Round",
            "is not a placement round of this cluster",
        ),
        "unknown district": (
            [good, [str(rnd.pk), key(person), "", "", "atlantis", "", "", ""]],
            "District of residence",
            "Unknown district",
        ),
        "grade out of range": (
            [good, [str(rnd.pk), key(person), "", "", "", "101", "", ""]],
            "Grade average",
            "is not a number from 0 to 100",
        ),
    }


CASES = [
    "unknown student",
    "unknown host",
    "host of another round",
    "duplicate applicant",
    "more choices than allowed",
    "host chosen twice",
    "unknown round",
    "unknown district",
    "grade out of range",
]


@pytest.mark.parametrize("case", CASES)
def test_it_refuses_a_bad_applicant_row_naming_row_column_and_reason(
    client_as, cluster, cast, case
):
    coordinator = cast["coordinator"]
    rnd = new_round(cluster, coordinator, seats=(1, 1, 1), people=1, max_choices=2)
    other = new_round(cluster, coordinator, seats=(1,), people=0, title="Boshqa raund")
    existing = rnd.applicants.select_related("person__user").get().person
    person = next(p for p in students(6) if p.pk != existing.pk)
    rows, column, reason = _applicant_rows(rnd, other, person, existing)[case]
    client = client_as("coordinator")
    headers, _reference = template(client, cluster, "placement-applicants")
    before = counts()
    job = upload(client, cluster, "placement-applicants", headers, rows)
    assert job.status == ImportJob.Status.INVALID
    assert [(e["row"], e["column"]) for e in job.errors] == [(3, column)], job.errors
    assert reason in job.errors[0]["reason"]
    page = client.get(job.get_absolute_url()).content.decode()
    assert reason in page.replace("&quot;", '"').replace("&#x27;", "'")
    # Not confirmable, and nothing written.
    client.post(reverse("imports:confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.INVALID
    assert counts() == before


def test_it_names_the_errors_in_the_uploaders_language(client_as, cluster, cast):
    cast["coordinator"].preferred_language = "uz"
    cast["coordinator"].save(update_fields=["preferred_language"])
    rnd = new_round(cluster, cast["coordinator"], seats=(1,), people=0)
    client = client_as("coordinator")
    headers, _reference = template(client, cluster, "placement-applicants")
    with override("uz"):
        round_label, required = f"{gettext('Round')} *", gettext("This field is required.")
    assert headers[0] == round_label
    job = upload(client, cluster, "placement-applicants", headers, [[str(rnd.pk), ""]])
    assert job.status == ImportJob.Status.INVALID and job.language == "uz"
    assert job.errors[0]["column"] == headers[1].rstrip(" *")
    assert job.errors[0]["reason"] == required


def test_it_refuses_rows_for_a_round_that_has_been_run(client_as, cluster, cast):
    coordinator = cast["coordinator"]
    rnd = new_round(cluster, coordinator, seats=(1, 1), people=2)
    services.round_open(actor=coordinator, round=rnd)
    rnd = run(rnd, coordinator)
    person = students(1)[0]
    client = client_as("coordinator")
    headers, _reference = template(client, cluster, "placement-applicants")
    before = counts()
    job = upload(client, cluster, "placement-applicants", headers, [[str(rnd.pk), key(person)]])
    assert job.status == ImportJob.Status.INVALID
    assert job.errors[0]["column"] == "Round" and "has been run" in job.errors[0]["reason"]
    assert counts() == before


def test_it_refuses_the_write_when_the_round_is_run_after_the_preview(client_as, cluster, cast):
    coordinator = cast["coordinator"]
    rnd = new_round(cluster, coordinator, seats=(1, 1), people=1)
    person = next(p for p in students(6) if not rnd.applicants.filter(person=p).exists())
    client = client_as("coordinator")
    headers, _reference = template(client, cluster, "placement-applicants")
    job = upload(client, cluster, "placement-applicants", headers, [[str(rnd.pk), key(person)]])
    assert job.status == ImportJob.Status.VALID
    services.round_open(actor=coordinator, round=rnd)
    run(rnd, coordinator)
    before = counts()
    job = confirm(client, job)
    assert job.status == ImportJob.Status.INVALID and "has been run" in job.errors[0]["reason"]
    assert counts() == before


# --- hosts -----------------------------------------------------------------------------------


def test_it_imports_hosts_and_updates_the_one_already_in_the_round(client_as, cluster, cast):
    coordinator = cast["coordinator"]
    rnd = new_round(cluster, coordinator, seats=(1,), people=0)
    present = hosts(rnd)[0]
    mentor = Person.objects.select_related("user", "institution").get(user__username="mentor")
    client = client_as("coordinator")
    headers, _reference = template(client, cluster, "placement-hosts")
    assert headers[:2] == ["Round *", "Institution *"]
    rows = [
        [
            str(rnd.pk),
            mentor.institution.code,
            "Tasviriy sanʼat",
            "Tasviriy sanʼat",
            "uz",
            3,
            "mentor",
            "explicit",
        ],
        [str(rnd.pk), present.institution.code, "", "", "", "4", "", ""],
    ]
    job = upload(client, cluster, "placement-hosts", headers, rows)
    assert job.status == ImportJob.Status.VALID, job.errors or job.message
    assert job.summary["create"] == 1 and job.summary["update"] == 1
    assert rnd.hosts.count() == 1
    assert confirm(client, job).status == ImportJob.Status.DONE, job.message
    created = rnd.hosts.get(institution=mentor.institution, label="Tasviriy sanʼat")
    assert (created.capacity, created.mentor, created.ranking) == (3, mentor, "explicit")
    assert created.language is not None and created.language.code == "uz"
    present.refresh_from_db()
    assert present.capacity == 4


def test_it_refuses_bad_host_rows_and_writes_nothing(client_as, cluster, cast):
    coordinator = cast["coordinator"]
    rnd = new_round(cluster, coordinator, seats=(1,), people=0)
    other_school = Institution.objects.get(code="BOK-SCH-4")
    client = client_as("coordinator")
    headers, _reference = template(client, cluster, "placement-hosts")
    rows = [
        [str(rnd.pk), "CHR-SCH-3", "A", "", "", "-1", "", ""],
        [str(rnd.pk), "NO-SUCH-SCHOOL", "B", "", "", "2", "", ""],
        [str(rnd.pk), other_school.code, "C", "", "", "two", "", ""],
        [str(rnd.pk), other_school.code, "D", "", "", "1", "mentor", ""],
        [str(rnd.pk), other_school.code, "E", "", "", "1", "", "alphabetical"],
        [str(rnd.pk), other_school.code, "E", "", "", "1", "", ""],
    ]
    before = counts()
    job = upload(client, cluster, "placement-hosts", headers, rows)
    assert job.status == ImportJob.Status.INVALID
    errors = {(e["row"], e["column"]): e["reason"] for e in job.errors}
    assert "cannot be below zero" in errors[(2, "Number of seats")]
    assert "is not a member institution" in errors[(3, "Institution")]
    assert "is not a whole number" in errors[(4, "Number of seats")]
    assert "does not work at" in errors[(5, "Mentor teacher")]
    assert "Unknown ranking" in errors[(6, "Ranking of applicants")]
    assert "already on row 6" in errors[(7, "Seats")]
    assert counts() == before


def test_it_refuses_more_seats_than_a_labs_term_has_left(client_as, cluster, cast):
    from educluster.schoollabs.models import Placement, SchoolLab, Term

    coordinator = cast["coordinator"]
    placement = Placement.objects.filter(status__in=["active", "completed"]).first()
    assert placement is not None, "the demo has School-Lab placements"
    term = Term.objects.get(pk=placement.term_id)
    rnd = services.round_create(
        actor=coordinator, cluster=cluster, kind="practice", title="Lab raund", lab_term=term
    )
    services.round_hosts_generate(actor=coordinator, round=rnd)
    lab = SchoolLab.objects.get(pk=placement.lab_id)
    host = rnd.hosts.select_related("institution").get(lab=lab)
    client = client_as("coordinator")
    headers, _reference = template(client, cluster, "placement-hosts")
    too_many = lab.capacity_per_term + 1
    job = upload(
        client,
        cluster,
        "placement-hosts",
        headers,
        [
            [
                str(rnd.pk),
                host.institution.code or host.institution.name,
                host.label,
                "",
                "",
                too_many,
            ]
        ],
    )
    assert job.status == ImportJob.Status.INVALID, job.summary
    assert job.errors[0]["column"] == "Number of seats"
    assert "are used already" in job.errors[0]["reason"]
    host.refresh_from_db()
    assert host.capacity < too_many


# --- hosts' rankings -------------------------------------------------------------------------


def _listed_round(cluster, coordinator):
    rnd = new_round(cluster, coordinator, seats=(2, 1), people=3)
    services.round_open(actor=coordinator, round=rnd)
    host = hosts(rnd)[0]
    people = list(rnd.applicants.select_related("person__user").order_by("pk"))
    for applicant in people[:2]:
        services.preferences_set(actor=coordinator, applicant=applicant, host_ids=[host.pk])
    return rnd, host, people


def test_it_imports_a_hosts_own_ranking(client_as, cluster, cast):
    rnd, host, people = _listed_round(cluster, cast["coordinator"])
    client = client_as("coordinator")
    headers, _reference = template(client, cluster, "placement-rankings")
    rows = [
        [str(rnd.pk), str(host.pk), key(people[0].person), "2"],
        [str(rnd.pk), str(host.pk), key(people[1].person), "1"],
    ]
    job = upload(client, cluster, "placement-rankings", headers, rows)
    assert job.status == ImportJob.Status.VALID, job.errors or job.message
    assert not HostRanking.objects.filter(host=host).exists()
    assert confirm(client, job).status == ImportJob.Status.DONE, job.message
    host.refresh_from_db()
    assert host.ranking == Host.Ranking.EXPLICIT
    assert list(host.rankings.values_list("applicant_id", flat=True)) == [
        people[1].pk,
        people[0].pk,
    ]


def test_it_refuses_ranking_rows_the_host_cannot_rank(client_as, cluster, cast):
    rnd, host, people = _listed_round(cluster, cast["coordinator"])
    outsider = next(p for p in students(8) if p.pk not in {a.person_id for a in people})
    client = client_as("coordinator")
    headers, _reference = template(client, cluster, "placement-rankings")
    rows = [
        [str(rnd.pk), str(host.pk), key(people[0].person), "1"],
        [str(rnd.pk), str(host.pk), key(people[2].person), "2"],  # did not list the host
        [str(rnd.pk), str(host.pk), key(outsider), "3"],  # not an applicant
        [str(rnd.pk), str(host.pk), key(people[1].person), "1"],  # rank 1 taken
        [str(rnd.pk), "999999", key(people[1].person), ""],  # unknown host
    ]
    before = counts()
    job = upload(client, cluster, "placement-rankings", headers, rows)
    errors = {(e["row"], e["column"]): e["reason"] for e in job.errors}
    assert job.status == ImportJob.Status.INVALID
    assert "did not list" in errors[(3, "Applicant")]
    assert "is not an applicant of the round" in errors[(4, "Applicant")]
    assert "already given on row 2" in errors[(5, "Rank")]
    assert "There is no host number" in errors[(6, "Host")]
    assert counts() == before
    host.refresh_from_db()
    assert host.ranking == Host.Ranking.PRIORITY


# --- access and links ------------------------------------------------------------------------


KINDS = ["placement-applicants", "placement-hosts", "placement-rankings"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "who,status", [("coordinator", 200), ("head", 403), ("student", 403), ("outsider", 404)]
)
def test_it_lets_only_the_coordinator_import_into_rounds(client_as, cluster, who, status, kind):
    client = client_as(who)
    start = reverse("imports:start", args=[cluster.slug, kind])
    assert client.get(start).status_code == status
    sheet = reverse("imports:template", args=[cluster.slug, kind, "xlsx"])
    assert client.get(sheet).status_code == status
    if status != 200:
        response = client.post(start, {"file": SimpleUploadedFile("x.csv", b"a,b\r\n1,2\r\n")})
        assert response.status_code == status
        assert not ImportJob.objects.filter(kind=kind).exists()


def test_it_links_the_imports_from_the_rounds_applicants_and_hosts(client_as, cluster, cast):
    rnd = new_round(cluster, cast["coordinator"], seats=(1,), people=1)
    client = client_as("coordinator")
    applicants_page = client.get(reverse("placements:applicants", args=[rnd.pk])).content.decode()
    hosts_page = client.get(reverse("placements:hosts", args=[rnd.pk])).content.decode()
    for kind in ("placement-applicants",):
        assert reverse("imports:start", args=[cluster.slug, kind]) in applicants_page
        assert reverse("imports:template", args=[cluster.slug, kind, "xlsx"]) in applicants_page
    for kind in ("placement-hosts", "placement-rankings"):
        assert reverse("imports:start", args=[cluster.slug, kind]) in hosts_page
        assert reverse("imports:template", args=[cluster.slug, kind, "xlsx"]) in hosts_page
    assert f"#{hosts(rnd)[0].pk}" in hosts_page  # the number a file names the host by
