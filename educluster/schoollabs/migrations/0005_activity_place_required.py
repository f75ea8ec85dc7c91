import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("schoollabs", "0004_activity_places")]

    operations = [
        migrations.AlterField(
            model_name="activity",
            name="cluster",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="activities",
                to="registry.cluster",
                verbose_name="cluster",
            ),
        ),
        migrations.AlterField(
            model_name="activity",
            name="institution",
            field=models.ForeignKey(
                help_text="The member institution where it takes place; a lab's activity is at its host.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="activities",
                to="registry.institution",
                verbose_name="where",
            ),
        ),
    ]
