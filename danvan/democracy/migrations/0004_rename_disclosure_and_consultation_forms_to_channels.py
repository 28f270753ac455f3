"""`DisclosureForm` and `ConsultationForm` are reference data (the channels through which a content is publicised
and residents are consulted), not Django forms: rename the models and the fields that hold them. RenameModel
renames the tables and the columns of the many-to-many tables that point at them; RenameField renames the
many-to-many tables themselves. No row changes."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("democracy", "0003_search_index")]

    operations = [
        migrations.RenameModel(old_name="DisclosureForm", new_name="DisclosureChannel"),
        migrations.RenameModel(old_name="ConsultationForm", new_name="ConsultationChannel"),
        migrations.RenameField(model_name="disclosureitem", old_name="forms", new_name="channels"),
        migrations.RenameField(model_name="disclosure", old_name="forms", new_name="channels"),
        migrations.RenameField(model_name="consultation", old_name="forms", new_name="channels"),
        migrations.AlterField(
            model_name="consultationchannel",
            name="rule_set",
            field=models.ForeignKey(
                on_delete=models.deletion.PROTECT, related_name="consultation_channels", to="democracy.ruleset"
            ),
        ),
    ]
