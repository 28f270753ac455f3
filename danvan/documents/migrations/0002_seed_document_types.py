"""Document types with their abbreviations (Hướng dẫn 36-HD/VPTW, Phụ lục; Nghị định 30/2020/NĐ-CP, Phụ lục III).
Idempotent: update_or_create by code."""

import datetime

from django.db import migrations

PARTY = "Hướng dẫn 36-HD/VPTW ngày 03/4/2018 (văn bản của Đảng)"
STATE = "Nghị định 30/2020/NĐ-CP, Phụ lục III (văn bản hành chính)"
BOTH = f"{PARTY}; {STATE}"

TYPES = [
    ("nghi-quyet", "Nghị quyết", "NQ", BOTH),
    ("quyet-dinh", "Quyết định", "QĐ", BOTH),
    ("chi-thi", "Chỉ thị", "CT", BOTH),
    ("ket-luan", "Kết luận", "KL", PARTY),
    ("quy-che", "Quy chế", "QC", BOTH),
    ("huong-dan", "Hướng dẫn", "HD", BOTH),
    ("thong-bao", "Thông báo", "TB", BOTH),
    ("bao-cao", "Báo cáo", "BC", BOTH),
    ("ke-hoach", "Kế hoạch", "KH", BOTH),
    ("chuong-trinh", "Chương trình", "CTr", BOTH),
    ("to-trinh", "Tờ trình", "TTr", BOTH),
    ("bien-ban", "Biên bản", "BB", BOTH),
    ("cong-van", "Công văn", "CV", BOTH),
]


def seed(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    for position, (code, name, abbreviation, basis) in enumerate(TYPES, 1):
        DocumentType.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "abbreviation": abbreviation,
                "legal_basis": basis,
                "position": position * 10,
                "valid_from": datetime.date(2000, 1, 1),
                # The abbreviations of QC, CTr and CV in the Party's list are not checked against 36-HD's annex.
                "needs_verification": code in {"quy-che", "chuong-trinh", "cong-van"},
            },
        )


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
