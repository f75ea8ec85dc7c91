"""Backup and restore of the whole installation: the database and the uploaded files.

An archive is one ``.tar.gz`` holding

* ``manifest.json`` — the format version, the database vendor, when it was made, the SHA-256 of
  the database file and the number of rows of every table at the moment of the dump;
* ``database.sqlite3`` (SQLite, a copy made with the online backup API) or ``database.dump``
  (PostgreSQL, ``pg_dump --format=custom``);
* ``media/`` — everything under ``MEDIA_ROOT`` (evidence, imports, generated documents).

Both the dump and the row counts come from one consistent view of the database: on SQLite the
counts are read from the copy itself, on PostgreSQL the counts and ``pg_dump`` share one exported
snapshot. A restore checks the archive, refuses a dump from the other vendor, loads the database,
copies the files back and counts the rows again against the manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import ConnectionHandler
from django.utils import timezone

FORMAT = "educluster-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_DIR = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
BLOCKED_TIMEOUT = 60  # seconds a SQLite backup waits for a lock before giving up


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


# --- Connections ------------------------------------------------------------------------------


def open_connection(database: Mapping[str, Any]) -> BaseDatabaseWrapper:
    """A new Django connection to ``database`` (a ``DATABASES`` entry), apart from the usual ones.

    Its own connection means its own transaction: a dump or a count is not mixed up with whatever
    the caller's connection is doing (a test's open transaction, for instance).
    """
    handler = ConnectionHandler({"default": dict(database)})
    return handler["default"]


def vendor_of(database: Mapping[str, Any]) -> str:
    """``sqlite`` or ``postgresql`` (Django's vendor names); no connection is opened."""
    vendor = open_connection(database).vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _pg_command(program: str, database: Mapping[str, Any]) -> tuple[list[str], dict[str, str]]:
    """The start of a pg_dump/pg_restore command line and its environment for ``database``."""
    if shutil.which(program) is None:
        raise BackupError(
            f"{program} is not installed (Debian: apt-get install postgresql-client)."
        )
    args = [program]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            args += [flag, str(database[key])]
    env = dict(os.environ)
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])  # never on the command line (ps shows it)
    return args, env


def _run(args: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{args[0]} failed: {result.stderr.strip() or result.returncode}")


def _pg_table_counts(cursor: Any) -> dict[str, int]:
    """Rows of every table in the connection's schemas (Django's tables live in ``public``)."""
    cursor.execute(
        "SELECT schemaname, tablename FROM pg_tables"
        " WHERE schemaname = ANY (current_schemas(false)) ORDER BY tablename"
    )
    counts = {}
    for schema, table in cursor.fetchall():
        cursor.execute(f'SELECT count(*) FROM "{schema}"."{table}"')
        counts[table] = cursor.fetchone()[0]
    return counts


def _sqlite_table_counts(path: Path) -> dict[str, int]:
    """Rows of every table of the SQLite file at ``path`` (SQLite's own tables left out)."""
    with sqlite3.connect(path) as db:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master"
                " WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        counts = {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    db.close()  # the context manager only commits
    return counts


def _sqlite_path(database: Mapping[str, Any]) -> Path:
    name = str(database["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        raise BackupError("Cannot restore into an in-memory SQLite database.")
    return Path(name)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- Backup -----------------------------------------------------------------------------------


def _dump_sqlite(alias: str, target: Path) -> dict[str, int]:
    """Copy the live database page by page through SQLite's online backup API.

    The copy is consistent even while the web server and the worker keep writing: SQLite restarts
    the copy of pages that change under it. The copy is made from the alias's own connection, so
    an in-memory database (the tests') can be backed up too.
    """
    connection = connections[alias]
    connection.ensure_connection()
    # SQLite retries a blocked copy every 250 ms for ever (e.g. while this very connection holds
    # a write transaction); the progress callback gives up after a while with a clear error.
    deadline = time.monotonic() + BLOCKED_TIMEOUT

    def give_up_when_blocked(status: int, remaining: int, total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise BackupError(
                f"The database stayed locked for {BLOCKED_TIMEOUT} s; the backup was abandoned"
                " (run it outside a transaction)."
            )

    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy, progress=give_up_when_blocked)
    finally:
        copy.close()
    return _sqlite_table_counts(target)


def _dump_postgresql(alias: str, target: Path) -> dict[str, int]:
    """``pg_dump --format=custom`` of the database, its row counts from the very same snapshot."""
    database = connections[alias].settings_dict
    args, env = _pg_command("pg_dump", database)
    connection = open_connection(database)
    try:
        with connection.cursor() as cursor:
            # A repeatable-read transaction sees one snapshot throughout; pg_dump is handed that
            # snapshot, so the counts in the manifest describe exactly the rows in the dump.
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = _pg_table_counts(cursor)
            _run(
                [
                    *args,
                    "--format=custom",
                    f"--snapshot={snapshot}",
                    "--file",
                    str(target),
                    "--dbname",
                    str(database["NAME"]),
                ],
                env,
            )
            cursor.execute("COMMIT")
    finally:
        connection.close()
    return counts


def backup_create(
    *, destination: Path, alias: str = "default", media_root: Path | None = None
) -> dict[str, Any]:
    """Write a backup archive of the database ``alias`` and ``media_root`` to ``destination``.

    Returns the manifest. The archive is written under a temporary name and renamed at the end,
    so a failed backup never leaves a file that looks like a good archive.
    """
    media_root = Path(media_root or settings.MEDIA_ROOT)
    vendor = vendor_of(connections[alias].settings_dict)
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="educluster-backup-") as scratch:
        dump = Path(scratch) / DATABASE_FILES[vendor]
        # The database first, then the files: a file uploaded in between is merely unused after
        # a restore, while every file the dumped rows name is already on disk.
        dump_database = _dump_sqlite if vendor == "sqlite" else _dump_postgresql
        counts = dump_database(alias, dump)
        media = [p for p in media_root.rglob("*") if p.is_file()] if media_root.is_dir() else []
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "vendor": vendor,
            "created_at": timezone.now().isoformat(timespec="seconds"),
            "database_file": dump.name,
            "database_sha256": _sha256(dump),
            "tables": counts,
            "media_files": len(media),
            "media_bytes": sum(p.stat().st_size for p in media),
        }
        manifest_path = Path(scratch) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
        partial = destination.with_name(destination.name + ".part")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(manifest_path, arcname=MANIFEST)  # first, so a reader finds it at once
            tar.add(dump, arcname=dump.name)
            if media_root.is_dir():
                tar.add(media_root, arcname=MEDIA_DIR)
        partial.replace(destination)
    return manifest


# --- Restore ----------------------------------------------------------------------------------


def read_manifest(archive: Path) -> dict[str, Any]:
    """The manifest of ``archive``, checked; a missing, corrupt or foreign file is a BackupError."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"No backup archive at {archive}.")
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            manifest = json.loads(member.read())
    except KeyError:
        raise BackupError(f"{archive} is not an EduCluster backup: it has no {MANIFEST}.") from None
    except (tarfile.TarError, EOFError, OSError, zlib.error, ValueError) as error:
        raise BackupError(f"{archive} is not a readable backup archive ({error}).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{archive} is not an EduCluster backup.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{archive} has backup format {manifest.get('format_version')}; this version of"
            f" EduCluster reads format {FORMAT_VERSION}."
        )
    if manifest.get("vendor") not in DATABASE_FILES:
        raise BackupError(f"{archive} names an unknown database vendor.")
    return manifest


def backup_check(*, archive: Path, database: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The manifest of ``archive`` if it can be restored into ``database`` (same vendor)."""
    manifest = read_manifest(archive)
    vendor = vendor_of(database if database is not None else settings.DATABASES["default"])
    if manifest["vendor"] != vendor:
        theirs = VENDOR_NAMES[manifest["vendor"]]
        raise BackupError(
            f"{archive} is a {theirs} backup but the configured database is"
            f" {VENDOR_NAMES[vendor]}: restore it into a {theirs} database."
        )
    return manifest


def _extract(archive: Path, into: Path, manifest: Mapping[str, Any]) -> Path:
    """Unpack ``archive`` into ``into`` and check the database file against the manifest."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            # The "data" filter refuses absolute paths, "..", links out of the directory and
            # device files, so a crafted archive cannot write outside ``into``.
            tar.extractall(into, filter="data")
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise BackupError(f"{archive} is damaged and cannot be unpacked ({error}).") from None
    dump = into / str(manifest["database_file"])
    if not dump.is_file():
        raise BackupError(f"{archive} has no database file {dump.name}.")
    if _sha256(dump) != manifest.get("database_sha256"):
        raise BackupError(f"{archive} is damaged: its database file does not match the manifest.")
    return dump


def _restore_sqlite(dump: Path, database: Mapping[str, Any]) -> dict[str, int]:
    """Copy the archived database over the configured one with the backup API, in one step."""
    path = _sqlite_path(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(dump)
    target = sqlite3.connect(path, timeout=float(database.get("OPTIONS", {}).get("timeout", 20)))
    try:
        source.backup(target)  # replaces every page of the target: old tables do not survive
    except sqlite3.Error as error:
        raise BackupError(f"Restoring into {path} failed: {error}") from None
    finally:
        source.close()
        target.close()
    return _sqlite_table_counts(path)


def _restore_postgresql(dump: Path, database: Mapping[str, Any]) -> dict[str, int]:
    """``pg_restore`` into the configured database, dropping what the dump recreates.

    ``--single-transaction`` makes the restore all or nothing; ``--no-owner`` lets another role
    than the original one own the restored objects.
    """
    args, env = _pg_command("pg_restore", database)
    _run(
        [
            *args,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--dbname",
            str(database["NAME"]),
            str(dump),
        ],
        env,
    )
    connection = open_connection(database)
    try:
        with connection.cursor() as cursor:
            return _pg_table_counts(cursor)
    finally:
        connection.close()


def backup_restore(
    *,
    archive: Path,
    database: Mapping[str, Any] | None = None,
    media_root: Path | None = None,
) -> dict[str, Any]:
    """Restore ``archive`` into ``database`` (default: the configured one) and ``media_root``.

    Returns the manifest with ``restored_tables`` (rows counted after the restore). Files under
    ``media_root`` that the archive also holds are replaced; other files are left alone.
    """
    archive = Path(archive)
    database = database if database is not None else settings.DATABASES["default"]
    media_root = Path(media_root or settings.MEDIA_ROOT)
    manifest = backup_check(archive=archive, database=database)
    vendor = manifest["vendor"]
    with tempfile.TemporaryDirectory(prefix="educluster-restore-") as scratch:
        dump = _extract(archive, Path(scratch), manifest)
        restore_database = _restore_sqlite if vendor == "sqlite" else _restore_postgresql
        counts = restore_database(dump, database)
        media = Path(scratch) / MEDIA_DIR
        if media.is_dir():
            shutil.copytree(media, media_root, dirs_exist_ok=True)
    # Every table of the dump must hold the same rows as when it was made.
    expected: dict[str, int] = manifest["tables"]
    differing = [t for t, n in expected.items() if counts.get(t) != n]
    if differing:
        raise BackupError(
            "The database was restored but these tables' row counts differ from the backup's: "
            + ", ".join(f"{t} ({counts.get(t)} ≠ {expected[t]})" for t in differing)
        )
    return {**manifest, "restored_tables": {t: counts[t] for t in expected}}
