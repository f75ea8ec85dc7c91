"""Real ``manage.py db_worker`` processes against the test database, for the worker tests.

The worker runs in a process of its own, so it must see committed rows (``transactional_db``)
on a database it can open: PostgreSQL's test database by name, or, on SQLite (whose test
database lives in this process's memory), a file copy made with SQLite's backup API after the
test has written what the workers need.
"""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
DB_BACKEND = "django_tasks_db.DatabaseBackend"


def database_env(tmp_path: Path) -> dict[str, str]:
    """Environment for a child process on the test's database (on SQLite: a copy made now)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "TASKS_BACKEND": DB_BACKEND,
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
    }
    # Test settings in the child too: the same per-test cache directory (import progress).
    env["EDUCLUSTER_TESTING"] = "1"
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        user = settings["USER"] or "postgres"
        password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
        host = settings["HOST"] or "127.0.0.1"
        port = settings["PORT"] or 5432
        env["DATABASE_URL"] = f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"
    else:
        path = tmp_path / "workers.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = str(path)
    return env


def start_worker(env: dict[str, str], *args: str, **popen: Any) -> subprocess.Popen:
    """``manage.py db_worker`` in a child process (``--batch`` stops it when the queue is empty)."""
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.05",
            *args,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **popen,
    )
