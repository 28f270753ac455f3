"""An item's files move to core's one attachment table (core.Attachment, generic: content type and object id).
Every PetitionAttachment becomes an Attachment of its kiến nghị with the same stored file name (the files stay
where they are: core's layout is the same `petitions/<year>/<name>`), name, size, uploader and time. Safe to re-run:
a file already copied for its item is not copied again. The old table is dropped by 0007."""

from django.db import migrations

BATCH = 1000


def to_core(apps, schema_editor):
    PetitionAttachment = apps.get_model("petitions", "PetitionAttachment")
    Attachment = apps.get_model("core", "Attachment")
    ContentType = apps.get_model("contenttypes", "ContentType")
    kind, _ = ContentType.objects.get_or_create(app_label="petitions", model="petition")
    copied = set(Attachment.objects.filter(content_type=kind).values_list("object_id", "file"))
    batch = []
    for old in PetitionAttachment.objects.order_by("pk").iterator(chunk_size=BATCH):
        if (old.petition_id, old.file.name) in copied:
            continue
        batch.append(
            Attachment(
                content_type=kind,
                object_id=old.petition_id,
                file=old.file.name,
                name=old.name,
                size=old.size,
                uploaded_by_id=old.uploaded_by_id,
                uploaded_at=old.uploaded_at,
            )
        )
        if len(batch) >= BATCH:
            Attachment.objects.bulk_create(batch)
            batch = []
    Attachment.objects.bulk_create(batch)


def back_from_core(apps, schema_editor):
    """Undo: the items' files back into PetitionAttachment (the core rows are removed)."""
    PetitionAttachment = apps.get_model("petitions", "PetitionAttachment")
    Attachment = apps.get_model("core", "Attachment")
    ContentType = apps.get_model("contenttypes", "ContentType")
    kind = ContentType.objects.filter(app_label="petitions", model="petition").first()
    if kind is None:
        return
    rows = Attachment.objects.filter(content_type=kind).order_by("pk")
    # The historical model's auto_now_add would stamp every row "now"; keep the upload times.
    PetitionAttachment._meta.get_field("uploaded_at").auto_now_add = False
    PetitionAttachment.objects.bulk_create(
        [
            PetitionAttachment(
                petition_id=a.object_id,
                file=a.file.name,
                name=a.name,
                size=a.size,
                uploaded_by_id=a.uploaded_by_id,
                uploaded_at=a.uploaded_at,
            )
            for a in rows
        ],
        batch_size=BATCH,
    )
    rows.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0006_attachments_and_export_jobs"),
        ("petitions", "0005_calendar_and_monitoring_fields_to_core"),
    ]

    operations = [migrations.RunPython(to_core, back_from_core)]
