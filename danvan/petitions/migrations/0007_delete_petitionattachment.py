"""PetitionAttachment is gone: its rows are core.Attachment rows since 0006. Dropping a separate table leaves the
items' table (and its full-text index triggers) untouched."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("petitions", "0006_attachments_to_core")]

    operations = [migrations.DeleteModel(name="PetitionAttachment")]
