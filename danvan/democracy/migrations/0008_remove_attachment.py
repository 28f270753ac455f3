"""Democracy's own attachment table goes: its rows were copied to core.Attachment by 0007."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("democracy", "0007_attachments_to_core")]

    operations = [migrations.DeleteModel(name="Attachment")]
