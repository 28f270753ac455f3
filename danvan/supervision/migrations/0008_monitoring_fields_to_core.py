"""MonitoringField now lives in core (core 0005): supervision's foreign keys and Activity.fields point at
core.MonitoringField and the old model leaves supervision's state. State only: the table
supervision_monitoringfield keeps its name and rows, the foreign keys and the many-to-many table
supervision_activity_fields (column monitoringfield_id) keep targeting it, so the database does not change.
After petitions 0005, which re-points petitions' foreign keys first. Older migrations (0004's seed) still use
supervision.MonitoringField, which exists at their point."""

import django.db.models.deletion
from django.db import migrations, models


def _field_fk(**options):
    return models.ForeignKey(
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="core.monitoringfield",
        verbose_name="Lĩnh vực",
        **options,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_calendar_and_monitoring_fields_from_apps"),
        ("petitions", "0005_calendar_and_monitoring_fields_to_core"),
        ("supervision", "0007_change_decisions"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(model_name="reportsection", name="field", field=_field_fk()),
                migrations.AlterField(model_name="raiseditem", name="field", field=_field_fk(blank=True, null=True)),
                migrations.AlterField(model_name="task", name="field", field=_field_fk(blank=True, null=True)),
                migrations.AlterField(
                    model_name="activity",
                    name="fields",
                    field=models.ManyToManyField(
                        blank=True, related_name="+", to="core.monitoringfield", verbose_name="Lĩnh vực"
                    ),
                ),
                migrations.DeleteModel(name="MonitoringField"),
            ],
        ),
    ]
