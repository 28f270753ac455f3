"""Giấy mời (GM): the invitation to a conference (Nghị định 30/2020/NĐ-CP, Phụ lục III lists "Giấy mời – GM"; the
Party's abbreviation under Hướng dẫn 36-HD/VPTW is taken to be the same and marked to be verified). Idempotent."""

import datetime

from django.db import migrations


def seed(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    DocumentType.objects.update_or_create(
        code="giay-moi",
        defaults={
            "name": "Giấy mời",
            "abbreviation": "GM",
            "legal_basis": "Nghị định 30/2020/NĐ-CP, Phụ lục III (văn bản hành chính); Hướng dẫn 36-HD/VPTW ngày "
            "03/4/2018 (văn bản của Đảng)",
            "position": 135,
            "valid_from": datetime.date(2000, 1, 1),
            "needs_verification": True,
        },
    )


def unseed(apps, schema_editor):
    apps.get_model("documents", "DocumentType").objects.filter(code="giay-moi").delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0006_version_text")]

    operations = [migrations.RunPython(seed, unseed)]
