from django.db import migrations


def forwards(apps, schema_editor):
    """Ship the career guidance indicator "guidance reach" (#14)."""
    from educluster.effectiveness.definitions import seed

    seed(apps.get_model("effectiveness", "IndicatorDefinition"))


class Migration(migrations.Migration):
    dependencies = [
        ("effectiveness", "0006_more_indicators"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
