"""Kiến nghị raised by an inspection board's result point back to the inspection (their generic origin, see
petitions 0004), with the label the item's page shows."""

from django.db import migrations


def backfill(apps, schema_editor):
    Inspection = apps.get_model("democracy", "Inspection")
    Petition = apps.get_model("petitions", "Petition")
    ContentType = apps.get_model("contenttypes", "ContentType")
    kind, _created = ContentType.objects.get_or_create(app_label="democracy", model="inspection")
    for inspection in Inspection.objects.filter(petition__isnull=False).only("pk", "subject", "petition_id"):
        Petition.objects.filter(pk=inspection.petition_id, origin_type__isnull=True).update(
            origin_type=kind, origin_id=inspection.pk, origin_label=f"Kết quả kiểm tra “{inspection.subject}”"[:300]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("democracy", "0004_rename_disclosure_and_consultation_forms_to_channels"),
        ("petitions", "0004_petition_origin"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
