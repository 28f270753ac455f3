"""Reference data of the kiến nghị registry. Safe to re-run (matched by code or day); hand-entered calendar
days and edited time limits are kept."""

import datetime

from django.db import migrations

ORIGIN = datetime.date(1945, 9, 2)
CALENDAR_YEARS = range(2010, 2036)
DEFAULT_BASIS = "Mặc định của danvan; đối chiếu quy chế làm việc của cấp ủy địa phương"

# Working days per kind at the level of the responsible body.
RESOLUTION_DAYS = {
    "commune": {"difficulty": 10, "obstacle": 10, "recommendation": 15, "proposal": 15},
    "district": {"difficulty": 15, "obstacle": 15, "recommendation": 20, "proposal": 20},
    "province": {"difficulty": 20, "obstacle": 20, "recommendation": 30, "proposal": 30},
    "central": {"difficulty": 30, "obstacle": 30, "recommendation": 45, "proposal": 45},
}

TEMPLATES = [
    (
        "answer_accepted",
        "Tiếp thu, sẽ giải quyết",
        "answered",
        "Sau khi xem xét kiến nghị của {don_vi}, {co_quan} tiếp thu và sẽ giải quyết như sau: ...",
    ),
    (
        "answer_explained",
        "Giải thích, trả lời",
        "answered",
        "Về kiến nghị của {don_vi}, {co_quan} trả lời như sau: ... Đề nghị cơ sở tuyên truyền để Nhân dân biết.",
    ),
    (
        "not_competent",
        "Không thuộc thẩm quyền, hướng dẫn",
        "not_competent",
        "Nội dung kiến nghị không thuộc thẩm quyền giải quyết của {co_quan}. Đề nghị {don_vi} gửi đến ... "
        "để được xem xét, giải quyết theo quy định.",
    ),
    (
        "request_info",
        "Đề nghị bổ sung thông tin",
        "info_requested",
        "Để có cơ sở xem xét, đề nghị {don_vi} bổ sung: ...",
    ),
    (
        "handed_down",
        "Giao cơ sở tự giải quyết",
        "handed_down",
        "Nội dung kiến nghị thuộc thẩm quyền của cấp xã. Đề nghị {don_vi} chủ động giải quyết và báo cáo kết quả.",
    ),
]


def seed(apps, schema_editor):
    import holidays

    role = apps.get_model("core", "Role")
    role.objects.update_or_create(
        code="body_officer", defaults={"name": "Cán bộ cơ quan giải quyết", "position": 20, "valid_from": ORIGIN}
    )

    level = apps.get_model("core", "UnitLevel")
    time = apps.get_model("petitions", "ResolutionTime")
    for code, kinds in RESOLUTION_DAYS.items():
        unit_level = level.objects.filter(code=code).first()
        if unit_level is None:
            continue
        for kind, days in kinds.items():
            if not time.objects.filter(level=unit_level, kind=kind).exists():
                time.objects.create(
                    level=unit_level, kind=kind, working_days=days, legal_basis=DEFAULT_BASIS, valid_from=ORIGIN
                )

    template = apps.get_model("petitions", "AnswerTemplate")
    for position, (code, name, action, text) in enumerate(TEMPLATES):
        template.objects.get_or_create(
            code=code,
            defaults={"name": name, "action": action, "text": text, "position": position, "valid_from": ORIGIN},
        )

    day_model = apps.get_model("petitions", "CalendarDay")
    taken = set(day_model.objects.values_list("day", flat=True))
    table = holidays.country_holidays("VN", years=list(CALENDAR_YEARS), language="vi")
    rows = []
    for day, name in sorted(table.items()):
        if day in taken:
            continue
        lowered = name.lower()
        kind = "day_off" if ("nghỉ bù" in lowered or "thay cho" in lowered) else "holiday"
        rows.append(day_model(day=day, kind=kind, name=name[:200], source="library"))
        taken.add(day)
    for day in sorted(getattr(table, "weekend_workdays", ())):
        if day not in taken and day.year in CALENDAR_YEARS:
            rows.append(day_model(day=day, kind="working", name="Làm việc bù", source="library"))
            taken.add(day)
    day_model.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_petitions_registry"), ("core", "0003_seed_reference_data")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
