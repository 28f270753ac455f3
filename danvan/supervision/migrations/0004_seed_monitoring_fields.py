"""Lĩnh vực theo dõi of the working groups (domain.md §10.2). Safe to re-run: matched by code."""

import datetime

from django.db import migrations

FIELDS = [
    ("party_building", "Xây dựng Đảng"),
    ("government", "Chính quyền"),
    ("front_mass_organizations", "MTTQ và đoàn thể"),
    ("economy", "Kinh tế"),
    ("new_rural", "Nông thôn mới"),
    ("culture_society", "Văn hóa - xã hội"),
    ("defence_security", "Quốc phòng - an ninh"),
    ("grassroots_democracy", "Dân chủ ở cơ sở"),
    ("elections", "Bầu cử"),
]


def seed(apps, schema_editor):
    model = apps.get_model("supervision", "MonitoringField")
    for position, (code, name) in enumerate(FIELDS):
        model.objects.update_or_create(
            code=code, defaults={"name": name, "position": position, "valid_from": datetime.date(1945, 9, 2)}
        )


class Migration(migrations.Migration):
    dependencies = [("supervision", "0003_monthly_reports")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
