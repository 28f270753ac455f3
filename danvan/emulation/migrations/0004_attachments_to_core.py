"""Files of initiatives move to core's one attachment table (core.Attachment): the same file (its stored name is
copied, nothing is moved on disk), name, size, uploader and time; then the module's own table goes."""

from django.db import migrations


def _initiative_type(apps):
    content_types = apps.get_model("contenttypes", "ContentType")
    return content_types.objects.get_or_create(app_label="emulation", model="initiative")[0]


def to_core(apps, schema_editor):
    old = apps.get_model("emulation", "InitiativeAttachment")
    attachment = apps.get_model("core", "Attachment")
    kind = _initiative_type(apps)
    done = set(attachment.objects.filter(content_type=kind).values_list("object_id", "file"))
    rows = [
        attachment(
            content_type=kind,
            object_id=row.initiative_id,
            file=row.file.name,
            name=row.name,
            size=row.size,
            uploaded_by_id=row.uploaded_by_id,
            uploaded_at=row.uploaded_at,
        )
        for row in old.objects.order_by("id").iterator(chunk_size=2000)
        if (row.initiative_id, row.file.name) not in done
    ]
    attachment.objects.bulk_create(rows, batch_size=2000)


def back_from_core(apps, schema_editor):
    old = apps.get_model("emulation", "InitiativeAttachment")
    attachment = apps.get_model("core", "Attachment")
    kind = _initiative_type(apps)
    files = attachment.objects.filter(content_type=kind).order_by("id")
    # the historical model's auto_now_add would stamp every row "now": keep the upload times
    old._meta.get_field("uploaded_at").auto_now_add = False
    old.objects.bulk_create(
        [
            old(
                initiative_id=row.object_id,
                file=row.file.name,
                name=row.name,
                size=row.size,
                uploaded_by_id=row.uploaded_by_id,
                uploaded_at=row.uploaded_at,
            )
            for row in files
        ],
        batch_size=2000,
    )
    files.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0006_attachments_and_export_jobs"),
        ("emulation", "0003_search_index"),
    ]

    operations = [
        migrations.RunPython(to_core, back_from_core, elidable=False),
        migrations.DeleteModel(name="InitiativeAttachment"),
    ]
