from django.db import migrations


def load(apps, schema_editor):
    from educluster.registry.reference import load_reference

    load_reference(
        apps.get_model("registry", "Region"),
        apps.get_model("registry", "District"),
        apps.get_model("registry", "Language"),
    )


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
