"""Reference data of the "Dân vận khéo" movement (domain.md §4.2, §10.4). Safe to re-run: rows are matched by
code; names edited by administrators are kept."""

import datetime

from django.db import migrations

MOVEMENT_START = datetime.date(2008, 1, 1)  # Hà Tĩnh launched the movement in 2008, the country in 2009
DISTRICT_END = datetime.date(2025, 6, 30)

GROUPS = [
    ("kinh-te", "Kinh tế", False),
    ("van-hoa-xa-hoi", "Văn hóa - xã hội", False),
    ("quoc-phong-an-ninh", "Quốc phòng - an ninh", False),
    ("he-thong-chinh-tri", "Xây dựng hệ thống chính trị", False),
    ("nong-thon-moi", "Xây dựng nông thôn mới", True),
]

# The default local fields, in the order of Can Lộc's 2015 report, each with its national group.
FIELDS = [
    ("dvk-kinh-te", "Kinh tế", "kinh-te"),
    ("dvk-quoc-phong-an-ninh", "Quốc phòng - an ninh", "quoc-phong-an-ninh"),
    ("dvk-van-hoa-xa-hoi", "Văn hóa - xã hội", "van-hoa-xa-hoi"),
    ("dvk-chinh-quyen", "Chính quyền", "he-thong-chinh-tri"),
    ("dvk-xay-dung-dang", "Xây dựng Đảng", "he-thong-chinh-tri"),
    ("dvk-doan-the", "Đoàn thể chính trị", "he-thong-chinh-tri"),
]

SUBJECT_TYPES = [
    ("cap-uy-chi-bo", "Cấp ủy/Chi bộ"),
    ("chinh-quyen", "Chính quyền"),
    ("mttq", "MTTQ"),
    ("doan-the", "Đoàn thể chính trị - xã hội"),
    ("co-quan", "Cơ quan, đơn vị"),
    ("luc-luong-vu-trang", "Lực lượng vũ trang"),
    ("truong-hoc", "Trường học"),
    ("doanh-nghiep", "Doanh nghiệp"),
    ("ca-nhan", "Cá nhân"),
]

# code, name, is_praise, valid_to, needs_verification
AWARD_FORMS = [
    ("bang-khen-ubnd-tinh", "Bằng khen của Chủ tịch UBND tỉnh", False, None, False),
    ("bang-khen-btv-tinh-uy", "Bằng khen của Ban Thường vụ Tỉnh ủy", False, None, True),
    ("giay-khen-ubnd-huyen", "Giấy khen của Chủ tịch UBND huyện", False, DISTRICT_END, False),
    ("giay-khen-ubnd-xa", "Giấy khen của Chủ tịch UBND xã", False, None, False),
    ("giay-khen-cap-uy", "Giấy khen của cấp ủy", False, None, True),
    ("bieu-duong-hoi-nghi", "Biểu dương tại hội nghị", True, None, False),
]


def seed(apps, schema_editor):
    group_model = apps.get_model("emulation", "FieldGroup")
    groups = {}
    for position, (code, name, optional) in enumerate(GROUPS, start=1):
        groups[code], _ = group_model.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "position": position,
                "valid_from": MOVEMENT_START,
                "note": "Nhóm bổ sung, một số tỉnh dùng." if optional else "",
            },
        )
    field_model = apps.get_model("emulation", "Field")
    for position, (code, name, group) in enumerate(FIELDS, start=1):
        field_model.objects.get_or_create(
            code=code,
            defaults={"name": name, "position": position, "valid_from": MOVEMENT_START, "group": groups[group]},
        )
    subject_model = apps.get_model("emulation", "SubjectType")
    for position, (code, name) in enumerate(SUBJECT_TYPES, start=1):
        subject_model.objects.get_or_create(
            code=code, defaults={"name": name, "position": position, "valid_from": MOVEMENT_START}
        )
    award_model = apps.get_model("emulation", "AwardForm")
    for position, (code, name, praise, valid_to, unverified) in enumerate(AWARD_FORMS, start=1):
        award_model.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "position": position,
                "valid_from": MOVEMENT_START,
                "valid_to": valid_to,
                "is_praise": praise,
                "needs_verification": unverified,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("emulation", "0001_emulation_registry")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
