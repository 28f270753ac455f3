"""The working-day calendar (CalendarDay, from petitions) and the monitoring fields (MonitoringField, from
supervision) are shared ground and move to core. Only Django's state moves: the tables keep their names
(petitions_calendarday, supervision_monitoringfield) and their rows, and no foreign key changes in the database.
petitions 0005 and supervision 0008 point their foreign keys here and drop the old models from their state.

The content types move with the models (renamed in place, so audit entries and permissions keep pointing at
them)."""

from django.db import migrations, models

MOVED = [("petitions", "calendarday"), ("supervision", "monitoringfield")]


def _move_content_types(apps, pairs):
    content_type = apps.get_model("contenttypes", "ContentType")
    for old_label, new_label, model in pairs:
        if not content_type.objects.filter(app_label=new_label, model=model).exists():
            content_type.objects.filter(app_label=old_label, model=model).update(app_label=new_label)


def forward(apps, schema_editor):
    _move_content_types(apps, [(label, "core", model) for label, model in MOVED])


def backward(apps, schema_editor):
    _move_content_types(apps, [("core", label, model) for label, model in MOVED])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0004_notifications"),
        ("petitions", "0003_search_index"),  # petitions_calendarday created (0001) and seeded (0002)
        ("supervision", "0007_change_decisions"),  # supervision_monitoringfield created (0003) and seeded (0004)
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CalendarDay",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("day", models.DateField(unique=True, verbose_name="Ngày")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("holiday", "Nghỉ lễ, Tết"),
                                    ("day_off", "Nghỉ bù, hoán đổi"),
                                    ("working", "Làm việc bù"),
                                ],
                                max_length=10,
                                verbose_name="Loại",
                            ),
                        ),
                        ("name", models.CharField(max_length=200, verbose_name="Tên ngày")),
                        (
                            "source",
                            models.CharField(
                                choices=[("library", "Thư viện holidays"), ("manual", "Nhập tay")],
                                default="manual",
                                max_length=10,
                                verbose_name="Nguồn",
                            ),
                        ),
                        ("legal_basis", models.CharField(blank=True, max_length=300, verbose_name="Căn cứ")),
                        ("version", models.PositiveIntegerField(default=1, editable=False)),
                    ],
                    options={
                        "verbose_name": "Ngày nghỉ, ngày làm bù",
                        "verbose_name_plural": "Lịch nghỉ, ngày làm việc",
                        "db_table": "petitions_calendarday",
                        "ordering": ["day"],
                    },
                ),
                migrations.CreateModel(
                    name="MonitoringField",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("valid_from", models.DateField(verbose_name="Hiệu lực từ ngày")),
                        ("valid_to", models.DateField(blank=True, null=True, verbose_name="Hiệu lực đến hết ngày")),
                        ("version", models.PositiveIntegerField(default=1, editable=False)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        ("code", models.SlugField(unique=True, verbose_name="Mã")),
                        ("name", models.CharField(max_length=200, verbose_name="Tên")),
                        ("position", models.PositiveIntegerField(default=0, verbose_name="Thứ tự")),
                        ("note", models.TextField(blank=True, max_length=2000, verbose_name="Ghi chú")),
                        (
                            "needs_verification",
                            models.BooleanField(
                                default=False,
                                help_text="Chưa đối chiếu với văn bản chính thức.",
                                verbose_name="Cần xác minh",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "Lĩnh vực theo dõi",
                        "verbose_name_plural": "Lĩnh vực theo dõi",
                        "db_table": "supervision_monitoringfield",
                        "ordering": ["position", "name"],
                        "abstract": False,
                    },
                ),
            ],
        ),
        migrations.RunPython(forward, backward),
    ]
