from django.db import migrations

from danvan.core.search import index_operation


class Migration(migrations.Migration):
    dependencies = [("core", "0001_foundation")]

    operations = [
        index_operation("core_unit"),
        index_operation("core_partyorg"),
        index_operation("core_body"),
        index_operation("core_person"),
    ]
