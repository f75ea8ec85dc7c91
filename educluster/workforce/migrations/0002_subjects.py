from django.db import migrations


def load(apps, schema_editor):
    from educluster.workforce.reference import load_subjects

    load_subjects(apps.get_model("workforce", "Subject"))


class Migration(migrations.Migration):
    dependencies = [("workforce", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
