"""People's inspection boards are searchable (core.search) but their full-text index was never created; an
accent-insensitive search of boards on SQLite asked a table that did not exist."""

from django.db import migrations

from danvan.core.search import index_operation


class Migration(migrations.Migration):
    dependencies = [("democracy", "0005_inspection_petitions_origin")]

    operations = [index_operation("democracy_inspectionboard")]
