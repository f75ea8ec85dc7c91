"""Material.source_study becomes a foreign key to the School-Lab study it came from.

Text that matches the title (or code) of a study of the material's cluster becomes the link;
text that matches nothing stays, as the "other source" note, and is listed.
"""

import django.db.models.deletion
from django.db import migrations, models


def _key(text):
    return " ".join((text or "").split()).casefold()


def link_studies(Material, Study, stdout=print):
    """Link each material's study text to a study of its cluster; list what matched nothing.

    Returns the unmatched (material pk, text) pairs.
    """
    studies = {}
    for pk, cluster_id, title, code in Study.objects.values_list(
        "pk", "cluster_id", "title", "code"
    ):
        studies.setdefault((cluster_id, _key(title)), pk)
        if code:
            studies.setdefault((cluster_id, _key(code)), pk)
    unmatched = []
    for material in Material.objects.exclude(source_study_text="").order_by("pk"):
        study_id = studies.get((material.cluster_id, _key(material.source_study_text)))
        if study_id is not None:
            material.source_study_id = study_id
        else:
            material.source_note = material.source_study_text[:300]
            unmatched.append((material.pk, material.source_study_text))
        material.save(update_fields=["source_study", "source_note"])
    for pk, text in unmatched:
        stdout(
            f"materials: material {pk}: no study of its cluster is titled “{text}”; kept as note"
        )
    return unmatched


def forwards(apps, schema_editor):
    link_studies(apps.get_model("materials", "Material"), apps.get_model("schoollabs", "Study"))


def backwards(apps, schema_editor):
    Material = apps.get_model("materials", "Material")
    for material in Material.objects.select_related("source_study"):
        text = material.source_study.title if material.source_study_id else material.source_note
        Material.objects.filter(pk=material.pk).update(source_study_text=text[:300])


class Migration(migrations.Migration):
    dependencies = [
        ("materials", "0001_initial"),
        ("schoollabs", "0002_lab_agreement"),
    ]

    operations = [
        migrations.RenameField("material", "source_study", "source_study_text"),
        migrations.RenameField("historicalmaterial", "source_study", "source_study_text"),
        migrations.AddField(
            model_name="material",
            name="source_note",
            field=models.CharField(
                blank=True,
                help_text="Other work the material comes from, when it is not a study of the cluster.",
                max_length=300,
                verbose_name="other source",
            ),
        ),
        migrations.AddField(
            model_name="historicalmaterial",
            name="source_note",
            field=models.CharField(
                blank=True,
                help_text="Other work the material comes from, when it is not a study of the cluster.",
                max_length=300,
                verbose_name="other source",
            ),
        ),
        migrations.AddField(
            model_name="material",
            name="source_study",
            field=models.ForeignKey(
                blank=True,
                help_text="The School-Lab study of the cluster the material comes from.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="materials",
                to="schoollabs.study",
                verbose_name="produced by study",
            ),
        ),
        migrations.AddField(
            model_name="historicalmaterial",
            name="source_study",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The School-Lab study of the cluster the material comes from.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="schoollabs.study",
                verbose_name="produced by study",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
