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

# model -> its file column. Neither model records who created it or when: the record's "create" entry in the
# audit trail gives both (else: now, nobody).
FILES = {"decision": "file", "activity": "attachment"}


def _size(name: str) -> int:
    try:
        return default_storage.size(name) if default_storage.exists(name) else 0
    except (OSError, NotImplementedError):
        return 0


def attach(Attachment, kind, rows, now, created=None) -> int:
    """One attachment per (record id, stored file name) of `rows`, unless that file is already attached.
    `created`: record id -> (when, who) from the audit trail."""
    added = 0
    created = created or {}
    for pk, name in rows:
        if Attachment.objects.filter(content_type=kind, object_id=pk, file=name).exists():
            continue
        at, by = created.get(pk, (now, None))
        Attachment.objects.create(
            content_type=kind,
            object_id=pk,
            file=name,
            name=posixpath.basename(name)[:255],
            size=_size(name),
            uploaded_by_id=by,
            uploaded_at=at,
        )
        added += 1
    return added


def _created(AuditEntry, kind) -> dict:
    """record id -> (time, actor id) of its first "create" entry in the audit trail."""
    found = {}
    entries = AuditEntry.objects.filter(content_type=kind, action="create").order_by("at", "id")
    for object_id, at, actor_id in entries.values_list("object_id", "at", "actor_id"):
        if str(object_id).isdigit():
            found.setdefault(int(object_id), (at, actor_id))
    return found


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Attachment = apps.get_model("core", "Attachment")
    AuditEntry = apps.get_model("core", "AuditEntry")
    now = timezone.now()
    for model_name, column in FILES.items():
        model = apps.get_model("supervision", model_name)
        kind, _created_kind = ContentType.objects.get_or_create(app_label="supervision", model=model_name)
        rows = model.objects.exclude(**{column: ""}).exclude(**{f"{column}__isnull": True}).values_list("pk", column)
        attach(Attachment, kind, rows.iterator(), now, _created(AuditEntry, kind))


def backwards(apps, schema_editor):
    """Undo: each record's first file goes back into its column (the columns are back by then); the
    attachments of these two models are removed."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Attachment = apps.get_model("core", "Attachment")
    for model_name, column in FILES.items():
        model = apps.get_model("supervision", model_name)
        kind = ContentType.objects.filter(app_label="supervision", model=model_name).first()
        if kind is None:
            continue
        files = Attachment.objects.filter(content_type=kind).order_by("uploaded_at", "id")
        first = {}
        for object_id, name in files.values_list("object_id", "file"):
            first.setdefault(object_id, name)
        for pk, name in first.items():
            model.objects.filter(pk=pk).update(**{column: name})
        files.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0006_attachments_and_export_jobs"),
        ("supervision", "0009_working_group_search_triggers"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="activity", name="attachment"),
        migrations.RemoveField(model_name="decision", name="file"),
        # the index existed before this migration: undoing it must not drop it
        migrations.RunPython(index_operation("supervision_workinggroup").code, migrations.RunPython.noop),
    ]
