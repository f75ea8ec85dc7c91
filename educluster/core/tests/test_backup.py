"""Backup and restore: the demo database and the uploaded files survive a round trip unchanged.

The demo is seeded and committed once per session (``django_db_setup``), so a dump — made from
the test's own connection on SQLite, by a separate ``pg_dump`` process on PostgreSQL — sees it.
The restore goes into a database of its own (a temporary file, or a database created for the
test on the PostgreSQL server), never into the test database.
"""

import hashlib
import io
import json
import os
import shutil
import tarfile
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from educluster.conftest import IN_CI
from educluster.core import backup


def data_digest(conn) -> dict[str, tuple[int, str]]:
    """Every table's row count and a SHA-256 over its rows ordered by primary key."""
    qn = conn.ops.quote_name
    digest = {}
    with conn.cursor() as cursor:
        for table in sorted(conn.introspection.table_names(cursor)):
            pk = conn.introspection.get_primary_key_columns(cursor, table)
            order = " ORDER BY " + ", ".join(qn(c) for c in pk) if pk else ""
            cursor.execute(f"SELECT * FROM {qn(table)}{order}")
            rows = [repr(row) for row in cursor.fetchall()]
            if not pk:
                rows.sort()
            digest[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return digest


def media_tree(root) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def media(settings, tmp_path):
    """A MEDIA_ROOT of its own holding a few uploaded files."""
    root = tmp_path / "media"
    (root / "evidence" / "2026").mkdir(parents=True)
    (root / "evidence" / "2026" / "report.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)))
    (root / "imports" / "staff.csv").parent.mkdir()
    (root / "imports" / "staff.csv").write_text("full_name,position\nOʻgʻiloy,teacher\n")
    settings.MEDIA_ROOT = root
    return root


def database_url(database) -> str:
    """The ``--database-url`` of the restore command for a connection's settings."""
    if database["ENGINE"].endswith("sqlite3"):
        return "sqlite:///" + str(database["NAME"])
    user = database.get("USER") or "postgres"
    return f"postgres://{user}@{database['HOST']}:{database['PORT'] or 5432}/{database['NAME']}"


def round_trip(tmp_path, media, target_database) -> None:
    """Back up with the command, restore into ``target_database``, compare everything."""
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    manifest = backup.read_manifest(archive)
    assert manifest["vendor"] == connection.vendor
    assert manifest["media_files"] == 2
    assert manifest["tables"]["registry_cluster"] >= 1  # the demo cluster is in the dump

    restored_media = tmp_path / "restored-media"
    out = io.StringIO()
    call_command(
        "restore",
        str(archive),
        database_url=database_url(target_database),
        media_root=str(restored_media),
        interactive=False,
        stdout=out,
    )
    rows = sum(manifest["tables"].values())
    assert f"{len(manifest['tables'])} tables, {rows} rows, 2 media files" in out.getvalue()

    target = backup.open_connection(target_database)
    try:
        source_digest, target_digest = data_digest(connection), data_digest(target)
        assert sum(n for n, _ in source_digest.values()) > 1000  # the whole demo, not a stub
        assert target_digest == source_digest
        assert {t: n for t, (n, _) in source_digest.items()} == {
            t: n for t, n in manifest["tables"].items() if t in source_digest
        }
        if connection.vendor == "postgresql":
            # The sequences come back too, so that new rows do not collide with restored ones.
            sql = "SELECT sequencename, last_value FROM pg_sequences ORDER BY 1"
            with connection.cursor() as a, target.cursor() as b:
                a.execute(sql)
                b.execute(sql)
                assert b.fetchall() == a.fetchall()
    finally:
        target.close()
    assert media_tree(restored_media) == media_tree(media)


def test_it_restores_a_sqlite_backup_into_an_empty_database(demo_transactional_db, tmp_path, media):
    # SQLite's backup API cannot copy from a connection inside a write transaction, which the
    # ``db`` fixture holds open (BEGIN IMMEDIATE): this test runs outside one, on a demo it
    # loads and commits itself (an earlier transactional test may have emptied the database).
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite backup; runs in the SQLite leg of CI")
    target = {**connection.settings_dict, "NAME": str(tmp_path / "restored.sqlite3")}
    round_trip(tmp_path, media, target)


@pytest.mark.postgres
def test_it_restores_a_postgresql_backup_into_an_empty_database(db, tmp_path, media):
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL backup; runs in the PostgreSQL leg of CI")
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        message = "pg_dump/pg_restore are not installed (postgresql-client)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    # CREATE DATABASE cannot run in the test's transaction: a connection of its own does it.
    name = f"educluster_restore_{uuid.uuid4().hex[:12]}"
    admin = backup.open_connection({**connection.settings_dict, "NAME": "postgres"})
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        round_trip(tmp_path, media, {**connection.settings_dict, "NAME": name})
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def write_archive(path, manifest: dict | None, files: dict[str, bytes] | None = None) -> None:
    with tarfile.open(path, "w:gz") as tar:
        members = dict(files or {})
        if manifest is not None:
            members = {"manifest.json": json.dumps(manifest).encode(), **members}
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def test_it_refuses_a_missing_or_corrupt_archive(db, tmp_path):
    with pytest.raises(CommandError, match="No backup archive at"):
        call_command("restore", str(tmp_path / "nowhere.tar.gz"), interactive=False)

    garbage = tmp_path / "garbage.tar.gz"
    garbage.write_bytes(b"this is not a gzip file at all")
    with pytest.raises(CommandError, match="is not a readable backup archive"):
        call_command("restore", str(garbage), interactive=False)

    no_manifest = tmp_path / "no-manifest.tar.gz"
    write_archive(no_manifest, None, {"database.dump": b"x"})
    with pytest.raises(CommandError, match=r"has no manifest\.json"):
        call_command("restore", str(no_manifest), interactive=False)

    newer = tmp_path / "newer.tar.gz"
    write_archive(newer, {"format": "educluster-backup", "format_version": 99, "vendor": "sqlite"})
    with pytest.raises(CommandError, match="has backup format 99"):
        call_command("restore", str(newer), interactive=False)

    # An archive cut short: its manifest reads, but gzip notices the missing end on unpacking.
    vendor = connection.vendor
    archive = tmp_path / "good.tar.gz"
    dump = os.urandom(300_000)  # incompressible, so the cut falls inside it
    manifest = {"format": "educluster-backup", "format_version": 1, "vendor": vendor}
    manifest |= {"database_file": backup.DATABASE_FILES[vendor], "database_sha256": "x"}
    write_archive(archive, manifest, {backup.DATABASE_FILES[vendor]: dump})
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(backup.BackupError, match=r"damaged|not a readable"):
        backup.backup_restore(
            archive=truncated,
            database={**connection.settings_dict, "NAME": str(tmp_path / "never.sqlite3")}
            if connection.vendor == "sqlite"
            else connection.settings_dict,
            media_root=tmp_path / "never-media",
        )


def test_it_refuses_a_dump_of_the_other_vendor(db, tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    archive = tmp_path / "other.tar.gz"
    manifest = {"format": "educluster-backup", "format_version": 1, "vendor": other}
    write_archive(archive, manifest, {backup.DATABASE_FILES[other]: b"x"})
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    with pytest.raises(CommandError) as raised:
        call_command("restore", str(archive), interactive=False)
    assert str(raised.value).endswith(
        f"is a {names[other]} backup but the configured database is"
        f" {names[connection.vendor]}: restore it into a {names[other]} database."
    )
