"""``manage.py restore <archive>``: the database and the uploaded files back from a backup.

Stop the web server and the task workers first: the restore replaces every table.
"""

from pathlib import Path

import dj_database_url
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from educluster.core.backup import VENDOR_NAMES, BackupError, backup_check, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into the configured database and MEDIA_ROOT."
        " The archive must come from the same database vendor."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar.gz archive written by `manage.py backup`")
        parser.add_argument(
            "--database-url",
            help="restore into this database instead of the configured one, e.g. a new, empty"
            " database to check a backup: postgres://user@host:5432/name or sqlite:////path/file",
        )
        parser.add_argument(
            "--media-root",
            help="restore the uploaded files under this directory instead of MEDIA_ROOT",
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args, **options):
        database = settings.DATABASES["default"]
        if options["database_url"]:
            database = {**database, **dj_database_url.parse(options["database_url"])}
        media_root = Path(options["media_root"] or settings.MEDIA_ROOT)
        try:
            manifest = backup_check(archive=options["archive"], database=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if options["interactive"]:
            answer = input(
                f"This replaces the database {database['NAME']} and the files under"
                f" {media_root} with the backup of {manifest['created_at']}.\n"
                "Type 'yes' to continue: "
            )
            if answer.strip() != "yes":
                raise CommandError("Restore cancelled.")
        # Our own connections would hold the database open (SQLite) or keep locks (PostgreSQL);
        # a restore into another database leaves them alone.
        if not options["database_url"]:
            connections.close_all()
        try:
            restored = backup_restore(
                archive=options["archive"], database=database, media_root=media_root
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        tables = restored["restored_tables"]
        self.stdout.write(
            f"Restored the {VENDOR_NAMES[restored['vendor']]} backup of {restored['created_at']}:"
            f" {len(tables)} tables, {sum(tables.values())} rows,"
            f" {restored['media_files']} media files into {media_root}"
        )
        if options["verbosity"] >= 2:
            for table, rows in tables.items():
                self.stdout.write(f"  {table}: {rows}")
