"""Imports colliding: the same preview confirmed twice at once, and two files with the same
rows confirmed at once. Every row is written once; the second import finds the first one's
rows and leaves them as they are. SQLite and PostgreSQL alike."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from educluster.accounts.models import Person
from educluster.core.tests.concurrency import race, small_cluster
from educluster.imports import services
from educluster.imports.models import ImportJob
from educluster.registry.models import Institution, Membership

Status = ImportJob.Status


@pytest.fixture(autouse=True)
def english():
    """The services' messages in English, in the racing threads too (``race`` passes it on)."""
    with translation.override("en"):
        yield


def _job(world, kind: str, lines: list[str]) -> ImportJob:
    """An uploaded file, checked by the (immediate) worker: a preview waiting for "confirm"."""
    data = ("\n".join(lines) + "\n").encode()
    job = services.import_create(
        actor=world.coordinator,
        cluster=world.cluster,
        kind=kind,
        upload=SimpleUploadedFile(f"{kind}.csv", data),
        language="en",
    )
    job.refresh_from_db()
    assert job.status == Status.VALID, job.errors or job.message
    return job


def _people(world) -> list[str]:
    school = world.schools[0].code
    return [
        "full_name,kind,institution,email",
        f"Karimova Dilnoza,teacher,{school},dilnoza@example.uz",
        f"Rahimov Aziz,teacher,{school},",
        f"Tosheva Malika,staff,{school},malika@example.uz",
    ]


def _confirm(world, job: ImportJob):
    mine = ImportJob.objects.select_related("cluster").get(pk=job.pk)  # the page as loaded
    return lambda: services.import_confirm(actor=world.coordinator, job=mine)


def _people_written(world) -> list[str]:
    return sorted(
        Person.objects.filter(institution=world.schools[0]).values_list("full_name", flat=True)
    )


def test_it_writes_a_preview_once_when_it_is_confirmed_twice_at_once(transactional_db):
    world = small_cluster("imp1", schools=1)
    job = _job(world, "people", _people(world))
    results = race(_confirm(world, job), _confirm(world, job))

    assert sorted(r.won for r in results) == [False, True], [r.error for r in results]
    loser = next(r for r in results if not r.won)
    assert isinstance(loser.error, ValidationError), repr(loser.error)
    assert loser.error.messages == ["This import is not ready to be confirmed."]
    job.refresh_from_db()
    assert job.status == Status.DONE, job.message
    assert _people_written(world) == ["Karimova Dilnoza", "Rahimov Aziz", "Tosheva Malika"]


def test_it_writes_overlapping_people_once_when_two_files_are_confirmed_at_once(
    transactional_db,
):
    """Person has no natural key in the database (namesakes exist), so only the import's
    own check can tell a row is already there: the second import checks after the first
    has written, inside its own write."""
    world = small_cluster("imp2", schools=1)
    rows = _people(world)
    first = _job(world, "people", rows)
    # The second file repeats two of the rows and brings one of its own.
    second = _job(
        world,
        "people",
        [rows[0], rows[1], rows[2], f"Yusupov Olim,teacher,{world.schools[0].code},"],
    )
    assert first.summary["create"] == 3 and second.summary["create"] == 3  # both previews

    results = race(_confirm(world, first), _confirm(world, second))

    assert all(r.won for r in results), [r.error for r in results]
    for job in (first, second):
        job.refresh_from_db()
        assert job.status == Status.DONE, job.message
    assert _people_written(world) == [
        "Karimova Dilnoza",
        "Rahimov Aziz",
        "Tosheva Malika",
        "Yusupov Olim",
    ]


def test_it_creates_an_institution_once_when_two_files_bring_it_at_once(transactional_db):
    world = small_cluster("imp3", schools=1)
    lines = [
        "code,name,kind,district",
        f"IMP3-NEW-1,Yangi maktab,general_school,{world.district.code}",
    ]
    jobs = [_job(world, "institutions", lines) for _ in range(2)]

    results = race(*(_confirm(world, job) for job in jobs))

    assert all(r.won for r in results), [r.error for r in results]
    for job in jobs:
        job.refresh_from_db()
        assert job.status == Status.DONE, job.message
    created = Institution.objects.get(code="IMP3-NEW-1")  # one row, no integrity error
    assert Membership.objects.filter(cluster=world.cluster, institution=created).count() == 1
