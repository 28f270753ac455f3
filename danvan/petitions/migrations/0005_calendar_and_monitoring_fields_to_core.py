"""CalendarDay now lives in core and Petition.field and RoutingRule.field point at core.MonitoringField
(core 0005). State only: the table petitions_calendarday stays, with its rows, under core's model, and the
foreign keys keep targeting the same table (supervision_monitoringfield), so the database does not change.
Older migrations (0002's calendar seed) still use petitions.CalendarDay, which exists at their point."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_calendar_and_monitoring_fields_from_apps"),
        ("petitions", "0004_petition_origin"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="CalendarDay"),
                migrations.AlterField(
                    model_name="petition",
                    name="field",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.monitoringfield",
                        verbose_name="Lĩnh vực",
                    ),
                ),
                migrations.AlterField(
                    model_name="routingrule",
                    name="field",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.monitoringfield",
                        verbose_name="Lĩnh vực",
                    ),
                ),
            ],
        ),
    ]
