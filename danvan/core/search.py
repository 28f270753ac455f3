"""One accent-insensitive search for every list page, backed by a full-text index on each database.

Each searchable model stores folded text in `search_text` (core.text.fold). The index is:
- SQLite: an external-content FTS5 table `<table>_fts` kept in sync by triggers;
- PostgreSQL: a GIN index on to_tsvector('simple', search_text).
All query words must match; the last one also matches as a prefix ("dan van kh" finds "Dân vận khéo").
User input never reaches the index syntax: only folded [0-9a-z] words are used, each quoted.
"""

from django.db import connection, migrations
from django.db.models import BooleanField, F, Func, QuerySet, Value
from django.db.models.expressions import RawSQL

from .text import search_tokens


def _sqlite_statements(table: str) -> list[str]:
    fts = f"{table}_fts"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(search_text, content='{table}', "
        f"content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF search_text ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def _postgres_statements(table: str) -> list[str]:
    return [f"CREATE INDEX IF NOT EXISTS {table}_search_gin ON {table} USING gin (to_tsvector('simple', search_text))"]


def _drop_statements(vendor: str, table: str) -> list[str]:
    if vendor == "sqlite":
        return [f"DROP TABLE IF EXISTS {table}_fts"] + [
            f"DROP TRIGGER IF EXISTS {table}_fts_{s}" for s in ("ai", "ad", "au")
        ]
    return [f"DROP INDEX IF EXISTS {table}_search_gin"]


def index_operation(table: str) -> migrations.RunPython:
    """Migration operation that creates the search index of `table` on whichever database runs it."""

    def forwards(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        statements = {"sqlite": _sqlite_statements, "postgresql": _postgres_statements}.get(vendor)
        for sql in statements(table) if statements else []:
            schema_editor.execute(sql)

    def backwards(apps, schema_editor):
        for sql in _drop_statements(schema_editor.connection.vendor, table):
            schema_editor.execute(sql)

    return migrations.RunPython(forwards, backwards, elidable=False)


class _TextMatches(Func):
    """PostgreSQL: to_tsvector('simple', <search_text>) @@ to_tsquery('simple', <query>), the expression of the GIN
    index, with the column named by its alias in the query (so a searched queryset also works as a subquery)."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra):
        text_sql, text_params = compiler.compile(self.source_expressions[0])
        query_sql, query_params = compiler.compile(self.source_expressions[1])
        return f"to_tsvector('simple', {text_sql}) @@ to_tsquery('simple', {query_sql})", [*text_params, *query_params]


def search(queryset: QuerySet, query: str | None) -> QuerySet:
    """`queryset` narrowed to rows whose folded text contains every word of `query` (accents ignored)."""
    tokens = search_tokens(query)
    if not tokens:
        return queryset
    table = queryset.model._meta.db_table
    if connection.vendor == "sqlite":
        match = " ".join(f'"{t}"' for t in tokens[:-1]) + f' "{tokens[-1]}"*'
        sql = f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s"  # noqa: S608 - table is ours
        return queryset.filter(pk__in=RawSQL(sql, [match.strip()]))  # noqa: S611 - bound parameter
    if connection.vendor == "postgresql":
        tsquery = " & ".join(tokens[:-1] + [f"{tokens[-1]}:*"])
        return queryset.filter(_TextMatches(F("search_text"), Value(tsquery)))  # tokens are [0-9a-z]+, bound
    for token in tokens:  # other databases: correct, unindexed
        queryset = queryset.filter(search_text__contains=token)
    return queryset
