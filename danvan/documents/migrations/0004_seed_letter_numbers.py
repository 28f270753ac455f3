"""A State công văn's number carries no type letters (Nghị định 30/2020/NĐ-CP, Phụ lục I: "Số: 12/UBND-VP").
Idempotent: sets the flag by code."""

from django.db import migrations


def seed(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    DocumentType.objects.filter(code="cong-van").update(state_number_without_type=True)


def unseed(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    DocumentType.objects.filter(code="cong-van").update(state_number_without_type=False)


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_register_start_and_letter_numbers")]

    operations = [migrations.RunPython(seed, unseed)]
