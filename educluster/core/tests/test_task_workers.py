"""Two task workers polling one queue at once: every task runs exactly once.

Workers claim a task with ``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL and inside an
EXCLUSIVE transaction on SQLite (django-tasks-db). Two real ``db_worker --batch`` processes
share a queue of tasks that each note their run in a file; every task must appear there once,
claimed by one worker, and the two workers must both have taken some.
"""

import collections
import json
import sqlite3

import pytest
from django.test import override_settings

from educluster.core.tests import worker_probe
from educluster.core.tests.workers import DB_BACKEND, database_env, start_worker

TASKS = 60


@pytest.mark.postgres
def test_it_runs_every_task_once_with_two_workers_polling_at_once(transactional_db, tmp_path):
    log = tmp_path / "runs.log"
    log.touch()
    with override_settings(TASKS={"default": {"BACKEND": DB_BACKEND}}):
        ids = [worker_probe.note_run.enqueue(n, str(log)).id for n in range(TASKS)]
    env = database_env(tmp_path)  # after the enqueue: the SQLite copy holds the queue
    workers = [start_worker(env, "--batch", "--worker-id", f"w{i}") for i in (1, 2)]
    outputs = [w.communicate(timeout=300)[0] for w in workers]
    for worker, output in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, output[-3000:]

    runs = [line.split() for line in log.read_text().splitlines()]
    per_task = collections.Counter(int(number) for number, _pid in runs)
    assert sorted(per_task) == list(range(TASKS))
    assert set(per_task.values()) == {1}, {n: c for n, c in per_task.items() if c > 1}
    pids = collections.Counter(pid for _number, pid in runs)
    assert len(pids) == 2, f"one worker took every task: {pids}"

    rows = _results(env, ids)
    assert len(rows) == TASKS
    assert {status for status, _workers in rows} == {"SUCCESSFUL"}
    assert all(len(claimed) == 1 for _status, claimed in rows), "a task was claimed twice"


def _results(env: dict[str, str], ids: list[str]) -> list[tuple[str, list[str]]]:
    """Status and claiming workers of each task, from the database the workers used."""
    from django_tasks_db.models import DBTaskResult

    if "SQLITE_PATH" in env:
        with sqlite3.connect(env["SQLITE_PATH"]) as db:
            marks = ",".join("?" * len(ids))
            found = db.execute(
                f"SELECT status, worker_ids FROM {DBTaskResult._meta.db_table} "
                f"WHERE replace(id, '-', '') IN ({marks})",
                [str(i).replace("-", "") for i in ids],
            ).fetchall()
        return [(status, json.loads(workers)) for status, workers in found]
    return [
        (status, list(workers))
        for status, workers in DBTaskResult.objects.filter(id__in=ids).values_list(
            "status", "worker_ids"
        )
    ]
