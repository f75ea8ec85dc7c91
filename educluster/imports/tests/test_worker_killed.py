"""A task worker killed in the middle of a long import: nothing half-written, a clear state,
and the import runs again to the end.

The write happens in one transaction, so the dead worker's rows vanish with its connection. The
job stays "importing" with no sign of life; after ``IMPORT_STALE_MINUTES`` the page says so and
offers "Run again", which queues the write anew.
"""

import os
import signal
import time
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.utils import timezone, translation

from educluster.accounts.models import Person
from educluster.core.tests.concurrency import small_cluster
from educluster.core.tests.workers import DB_BACKEND, database_env, start_worker
from educluster.imports import services
from educluster.imports.models import ImportJob

Status = ImportJob.Status
ROWS = 3000


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _people_file(school_code: str, rows: int, tag: str) -> SimpleUploadedFile:
    lines = ["full_name,kind,institution,email"]
    lines += [f"{tag} Teacher {n:05d},teacher,{school_code}," for n in range(rows)]
    return SimpleUploadedFile("people.csv", ("\n".join(lines) + "\n").encode())


def _written(world) -> int:
    return Person.objects.filter(institution=world.schools[0]).count()


@pytest.mark.postgres
def test_it_leaves_nothing_half_written_when_the_worker_is_killed(transactional_db, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("a worker process needs a database it can open: PostgreSQL leg of CI")
    world = small_cluster("kill", schools=1)
    with override_settings(TASKS={"default": {"BACKEND": DB_BACKEND}}):
        job = services.import_create(
            actor=world.coordinator,
            cluster=world.cluster,
            kind="people",
            upload=_people_file(world.schools[0].code, ROWS, "Killed"),
            language="en",
        )
        env = database_env(tmp_path)
        checker = start_worker(env, "--batch")
        output = checker.communicate(timeout=300)[0]
        job.refresh_from_db()
        assert job.status == Status.VALID, (job.message, output[-2000:])
        services.import_confirm(actor=world.coordinator, job=job)

        worker = start_worker(env)
        try:
            deadline = time.monotonic() + 240
            while services.job_progress(job) < 200:  # rows written in its open transaction
                assert worker.poll() is None, worker.communicate()[0][-2000:]
                assert time.monotonic() < deadline, "the worker never started writing"
                time.sleep(0.05)
            os.kill(worker.pid, signal.SIGKILL)
        finally:
            worker.kill()
            worker.wait(timeout=30)
        assert worker.returncode == -signal.SIGKILL

        job.refresh_from_db()
        assert job.status == Status.APPLYING  # "importing", until it is seen to be stale
        # The transaction died with the worker's connection: not one row of it is there.
        assert _written(world) == 0
        # A job that showed progress a moment ago is not reset behind a live worker's back.
        assert not services.import_is_stale(job)
        with pytest.raises(ValidationError):
            services.import_rerun(actor=world.coordinator, job=job)

        with override_settings(IMPORT_STALE_MINUTES=0):
            assert services.import_is_stale(job)
            services.import_rerun(actor=world.coordinator, job=job)
        output = start_worker(env, "--batch").communicate(timeout=300)[0]
    job.refresh_from_db()
    assert job.status == Status.DONE, (job.message, output[-2000:])
    assert _written(world) == ROWS
    assert job.summary["create"] == ROWS


def _stuck_job(world, status: str) -> ImportJob:
    """A checked file whose worker died: its status says running, its heartbeat is old."""
    job = services.import_create(
        actor=world.coordinator,
        cluster=world.cluster,
        kind="people",
        upload=_people_file(world.schools[0].code, 5, "Stuck"),
        language="en",
    )
    job.refresh_from_db()
    assert job.status == Status.VALID
    ImportJob.objects.filter(pk=job.pk).update(
        status=status, heartbeat_at=timezone.now() - timedelta(minutes=16)
    )
    job.refresh_from_db()
    return job


@pytest.mark.parametrize("status", [Status.APPLYING, Status.VALIDATING])
def test_it_runs_a_stale_import_again_to_the_end(db, status):
    world = small_cluster("stale", schools=1)
    job = _stuck_job(world, status)
    assert services.import_is_stale(job)
    services.import_rerun(actor=world.coordinator, job=job)  # the immediate backend runs it
    job.refresh_from_db()
    if status == Status.VALIDATING:  # checked again from the start: a preview to confirm
        assert job.status == Status.VALID
        services.import_confirm(actor=world.coordinator, job=job)
        job.refresh_from_db()
    assert job.status == Status.DONE
    assert _written(world) == 5


def test_it_refuses_to_rerun_a_live_or_finished_import(db):
    world = small_cluster("live", schools=1)
    job = _stuck_job(world, Status.APPLYING)
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now())
    job.refresh_from_db()
    with pytest.raises(ValidationError):
        services.import_rerun(actor=world.coordinator, job=job)
    ImportJob.objects.filter(pk=job.pk).update(status=Status.DONE)
    job.refresh_from_db()
    assert not services.import_is_stale(job)
    with pytest.raises(ValidationError):
        services.import_rerun(actor=world.coordinator, job=job)


def test_it_offers_run_again_on_the_page_of_a_stale_import(db, client):
    world = small_cluster("page", schools=1)
    job = _stuck_job(world, Status.APPLYING)
    client.force_login(world.coordinator)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "its background worker stopped" in page and "Run again" in page
    response = client.post(f"/imports/{job.pk}/rerun/")
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == Status.DONE
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Run again" not in page
