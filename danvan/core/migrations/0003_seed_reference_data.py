"""Reference data defined by law and Party documents. Safe to re-run: rows are matched by code."""

import datetime

from django.db import migrations

D = datetime.date
DISTRICT_END = D(2025, 6, 30)  # Nghị quyết 203/2025/QH15; Luật 72/2025/QH15: hai cấp chính quyền từ 01/7/2025
TWO_TIER = D(2025, 7, 1)
ORIGIN = D(1945, 9, 2)

LEVELS = [
    ("central", "Trung ương", 0, None),
    ("province", "Tỉnh", 1, None),
    ("district", "Huyện", 2, DISTRICT_END),
    ("commune", "Xã", 3, None),
    ("village", "Thôn/Tổ dân phố", 4, None),
]

UNIT_TYPES = [
    # code, name, prefix, level, valid_from, valid_to
    ("province", "Tỉnh", "tỉnh", "province", None, None),
    ("central_city", "Thành phố trực thuộc Trung ương", "thành phố", "province", None, None),
    ("rural_district", "Huyện", "huyện", "district", None, DISTRICT_END),
    ("district_town", "Thị xã", "thị xã", "district", None, DISTRICT_END),
    ("provincial_city", "Thành phố thuộc tỉnh", "thành phố", "district", None, DISTRICT_END),
    ("urban_district", "Quận", "quận", "district", None, DISTRICT_END),
    ("commune", "Xã", "xã", "commune", None, None),
    ("ward", "Phường", "phường", "commune", None, None),
    ("town", "Thị trấn", "thị trấn", "commune", None, DISTRICT_END),
    ("special_zone", "Đặc khu", "đặc khu", "commune", TWO_TIER, None),
    ("village", "Thôn", "thôn", "village", None, None),
    ("hamlet", "Xóm", "xóm", "village", None, None),
    ("residential_group", "Tổ dân phố", "tổ dân phố", "village", None, None),
    ("block", "Khối phố", "khối phố", "village", None, None),
    ("quarter", "Khu phố", "khu phố", "village", None, None),
    ("ap", "Ấp", "ấp", "village", None, None),
    ("ban", "Bản", "bản", "village", None, None),
]

PARTY_ORG_TYPES = [
    ("province_party_org", "Đảng bộ tỉnh"),
    ("district_party_org", "Đảng bộ huyện"),
    ("commune_party_org", "Đảng bộ xã"),
    ("grassroots_party_org", "Đảng bộ cơ sở"),
    ("grassroots_cell", "Chi bộ cơ sở"),
    ("affiliated_cell", "Chi bộ trực thuộc"),
    ("party_group", "Tổ đảng"),
]

BODY_TYPES = [
    ("party_committee", "Cấp ủy"),
    ("standing_committee", "Ban Thường vụ"),
    ("mass_mobilization", "Ban Dân vận"),
    ("propaganda_mass_mobilization", "Ban Tuyên giáo và Dân vận"),
    ("party_office", "Văn phòng cấp ủy"),
    ("party_building", "Ban xây dựng đảng"),
    ("people_committee", "UBND"),
    ("people_council", "HĐND"),
    ("front", "UB MTTQ"),
    ("mass_organization", "Đoàn thể"),
    ("department", "Phòng/Ban chuyên môn"),
    ("other", "Khác"),
]

ROLES = [
    ("administrator", "Quản trị hệ thống"),
    ("standing_committee", "Thường trực cấp ủy"),
    ("working_group_member", "Thành viên đoàn/tổ công tác"),
    ("mass_mobilization", "Ban Dân vận/Ban Tuyên giáo và Dân vận"),
    ("committee_office", "Văn phòng cấp ủy"),
    ("commune_officer", "Cán bộ UBND xã"),
    ("commune_front", "UB MTTQ xã"),
    ("village_head", "Trưởng thôn/Tổ trưởng tổ dân phố"),
    ("inspection_board", "Ban Thanh tra nhân dân"),
    ("viewer", "Xem báo cáo"),
]


def seed(apps, schema_editor):
    level_model = apps.get_model("core", "UnitLevel")
    levels = {}
    for position, (code, name, rank, valid_to) in enumerate(LEVELS):
        levels[code], _ = level_model.objects.update_or_create(
            code=code,
            defaults={"name": name, "rank": rank, "position": position, "valid_from": ORIGIN, "valid_to": valid_to},
        )
    unit_type = apps.get_model("core", "UnitType")
    for position, (code, name, prefix, level, start, end) in enumerate(UNIT_TYPES):
        unit_type.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "prefix": prefix,
                "level": levels[level],
                "position": position,
                "valid_from": start or ORIGIN,
                "valid_to": end,
            },
        )
    for model_name, rows in (("PartyOrgType", PARTY_ORG_TYPES), ("BodyType", BODY_TYPES), ("Role", ROLES)):
        model = apps.get_model("core", model_name)
        for position, (code, name) in enumerate(rows):
            model.objects.update_or_create(
                code=code, defaults={"name": name, "position": position, "valid_from": ORIGIN}
            )


class Migration(migrations.Migration):
    dependencies = [("core", "0002_search_indexes")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
