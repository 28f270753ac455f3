"""A working group's search index lost its triggers on SQLite when a later migration remade the table (a
column added): groups created since then were not found by the search. Re-create them and rebuild."""

from django.db import migrations

from danvan.core.search import index_operation


class Migration(migrations.Migration):
    dependencies = [("supervision", "0008_monitoring_fields_to_core")]

    operations = [index_operation("supervision_workinggroup")]
