"""The old study text is converted (0002); its column goes in a migration of its own, so that
PostgreSQL has no pending foreign-key checks from the conversion when the table is altered."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("materials", "0002_source_study_link")]

    operations = [
        migrations.RemoveField("material", "source_study_text"),
        migrations.RemoveField("historicalmaterial", "source_study_text"),
    ]
