from django.db import migrations

from danvan.core.search import index_operation


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_working_groups_and_cell_attendance")]

    operations = [index_operation("supervision_workinggroup")]
