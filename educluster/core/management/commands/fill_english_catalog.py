"""English is the source language: its catalogue repeats each msgid, so that a test can demand
that every catalogue, English included, is complete."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Make every entry of the English catalogue its own msgid."

    def handle(self, *args, **options):
        path = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(path))
        filled = 0
        for entry in catalogue:
            # Always the msgid itself: a fuzzy guess by makemessages would show another text.
            if entry.msgid_plural:
                wanted = {0: entry.msgid, 1: entry.msgid_plural}
                if entry.msgstr_plural != wanted or "fuzzy" in entry.flags:
                    entry.msgstr_plural = wanted
                    filled += 1
            elif entry.msgstr != entry.msgid or "fuzzy" in entry.flags:
                entry.msgstr = entry.msgid
                filled += 1
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        catalogue.metadata.update(
            {
                "Project-Id-Version": "EduCluster",
                "Language": "en",
                "Language-Team": "EduCluster team",
                "Last-Translator": "EduCluster team",
            }
        )
        catalogue.save(str(path))
        self.stdout.write(f"{filled} English entries filled.")
