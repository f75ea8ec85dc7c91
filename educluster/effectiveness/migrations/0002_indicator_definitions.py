"""Ship the indicator set (computed and manual, names in uz/ru/en)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from educluster.effectiveness.definitions import seed

    seed(apps.get_model("effectiveness", "IndicatorDefinition"))


class Migration(migrations.Migration):
    dependencies = [("effectiveness", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
