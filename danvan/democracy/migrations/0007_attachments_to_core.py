"""Files of democracy records move to the one attachment table (core.Attachment): each row is copied with the same
record (content type and id), stored file name, name, size, uploader and time, so that the files stay where they
are on disk. Safe to re-run: a file already copied for its record is not copied again. The next migration drops
democracy's own table."""

from django.db import migrations


def _key(row) -> tuple:
    return (row.content_type_id, row.object_id, row.file.name)


def to_core(apps, schema_editor):
    Old = apps.get_model("democracy", "Attachment")
    New = apps.get_model("core", "Attachment")
    kinds = Old.objects.values_list("content_type_id", flat=True).distinct()
    done = {
        _key(row)
        for row in New.objects.filter(content_type_id__in=list(kinds)).only("content_type_id", "object_id", "file")
    }
    New.objects.bulk_create(
        [
            New(
                content_type_id=row.content_type_id,
                object_id=row.object_id,
                file=row.file.name,
                name=row.name,
                size=row.size,
                uploaded_by_id=row.uploaded_by_id,
                uploaded_at=row.uploaded_at,
            )
            for row in Old.objects.order_by("pk").iterator(chunk_size=2000)
            if _key(row) not in done
        ],
        batch_size=500,
    )


def to_democracy(apps, schema_editor):
    """Back: the files of democracy records return to democracy's table (recreated by the next migration's
    reverse) and leave core's."""
    Old = apps.get_model("democracy", "Attachment")
    New = apps.get_model("core", "Attachment")
    rows = New.objects.filter(content_type__app_label="democracy").order_by("pk")
    done = {_key(row) for row in Old.objects.only("content_type_id", "object_id", "file")}
    # the historical model's auto_now_add would stamp every row "now": keep the upload times
    Old._meta.get_field("uploaded_at").auto_now_add = False
    Old.objects.bulk_create(
        [
            Old(
                content_type_id=row.content_type_id,
                object_id=row.object_id,
                file=row.file.name,
                name=row.name,
                size=row.size,
                uploaded_by_id=row.uploaded_by_id,
                uploaded_at=row.uploaded_at,
            )
            for row in rows
            if _key(row) not in done
        ],
        batch_size=500,
    )
    rows.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("democracy", "0006_inspection_board_search_index"),
        ("core", "0006_attachments_and_export_jobs"),
    ]

    operations = [migrations.RunPython(to_core, to_democracy, elidable=False)]
