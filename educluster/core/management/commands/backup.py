"""``manage.py backup [archive]``: the database and the uploaded files in one .tar.gz archive."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from educluster.core.backup import VENDOR_NAMES, BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite: online backup API; PostgreSQL: pg_dump) and MEDIA_ROOT"
        " into one .tar.gz archive with a manifest of row counts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archive",
            nargs="?",
            help="where to write the archive (default: var/backups/educluster-<time>.tar.gz)",
        )
        parser.add_argument("--database", default="default", help="the database alias to back up")

    def handle(self, *args, **options):
        if options["archive"]:
            archive = Path(options["archive"])
        else:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            archive = settings.VAR_DIR / "backups" / f"educluster-{stamp}.tar.gz"
        try:
            manifest = backup_create(destination=archive, alias=options["database"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Backed up {VENDOR_NAMES[manifest['vendor']]}: {len(manifest['tables'])} tables,"
            f" {rows} rows, {manifest['media_files']} media files"
            f" ({manifest['media_bytes']} bytes) to {archive}"
        )
