"""Every existing activity is a lab activity: its cluster and place come from the lab."""

from django.db import migrations


def fill_places(Activity, stdout=print):
    """Set cluster and institution from the lab; list activities that have neither.

    Returns the pks of activities that could not be placed.
    """
    missing = []
    for activity in Activity.objects.select_related("lab").order_by("pk"):
        if activity.lab_id is None:
            if activity.cluster_id is None or activity.institution_id is None:
                missing.append(activity.pk)
            continue
        activity.cluster_id = activity.lab.cluster_id
        activity.institution_id = activity.lab.host_id
        activity.save(update_fields=["cluster", "institution"])
    for pk in missing:
        stdout(f"schoollabs: activity {pk} has no lab, cluster or place; it is deleted")
    Activity.objects.filter(pk__in=missing).delete()
    return missing


def forwards(apps, schema_editor):
    fill_places(apps.get_model("schoollabs", "Activity"))


class Migration(migrations.Migration):
    dependencies = [("schoollabs", "0003_activity_anywhere_and_awards")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
