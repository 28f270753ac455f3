"""A decision's file and a field activity's file become core.Attachment rows (several files each, one upload check,
one download view through the record): each non-empty file is copied over with the same stored name, then the
two columns go. Safe to re-run: a file already carried over is not added twice.

SQLite remakes both tables when a column is dropped; the working group's search index is re-created at the end,
as every migration that remakes a table of this app does (core/tests/test_search_index.py)."""

import posixpath

from django.core.files.storage import default_storage
from django.db import migrations
from django.utils import timezone

from danvan.core.search import index_operation

# model -> its file column (neither model records who created it: uploaded_by stays empty)
FILES = {"decision": "file", "activity": "attachment"}


def _size(name: str) -> int:
    try:
        return default_storage.size(name) if default_storage.exists(name) else 0
    except (OSError, NotImplementedError):
        return 0


def attach(Attachment, kind, rows, now) -> int:
    """One attachment per (record id, stored file name) of `rows`, unless that file is already attached."""
    added = 0
    for pk, name in rows:
        if Attachment.objects.filter(content_type=kind, object_id=pk, file=name).exists():
            continue
        Attachment.objects.create(
            content_type=kind,
            object_id=pk,
            file=name,
            name=posixpath.basename(name)[:255],
            size=_size(name),
            uploaded_by_id=None,
            uploaded_at=now,
        )
        added += 1
    return added


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Attachment = apps.get_model("core", "Attachment")
    now = timezone.now()
    for model_name, column in FILES.items():
        model = apps.get_model("supervision", model_name)
        kind, _created = ContentType.objects.get_or_create(app_label="supervision", model=model_name)
        rows = model.objects.exclude(**{column: ""}).exclude(**{f"{column}__isnull": True}).values_list("pk", column)
        attach(Attachment, kind, rows.iterator(), now)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0006_attachments_and_export_jobs"),
        ("supervision", "0009_working_group_search_triggers"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="activity", name="attachment"),
        migrations.RemoveField(model_name="decision", name="file"),
        index_operation("supervision_workinggroup"),
    ]
