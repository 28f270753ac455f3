"""Every searchable table keeps its full-text index after all migrations (SQLite remakes a table when a
migration adds or drops a column, and the index's triggers go with it unless the migration re-creates them)."""

import pytest
from django.apps import apps
from django.db import connection

from danvan.core.models.base import Searchable


@pytest.mark.django_db
def test_every_searchable_table_has_its_index_and_triggers():
    tables = sorted(
        model._meta.db_table
        for model in apps.get_models()
        if issubclass(model, Searchable) and not model._meta.abstract and model._meta.managed
    )
    assert tables
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
            names = {row[0] for row in cursor.fetchall()}
            missing = [
                f"{table}_fts{suffix}"
                for table in tables
                for suffix in ("", "_ai", "_ad", "_au")
                if f"{table}_fts{suffix}" not in names
            ]
        else:
            cursor.execute("SELECT indexname FROM pg_indexes")
            names = {row[0] for row in cursor.fetchall()}
            missing = [f"{table}_search_gin" for table in tables if f"{table}_search_gin" not in names]
    assert not missing, f"Re-run core.search.index_operation in the migration that changed: {missing}"
