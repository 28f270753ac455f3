from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "danvan.emulation"
    label = "emulation"
    verbose_name = _("Dân vận khéo")

    def ready(self):
        from danvan.core import navigation as nav
        from danvan.core.views import reference

        from . import models

        section = _("Dân vận khéo")
        entries = [
            (_("Mô hình, điển hình"), "emulation:list", "stars", None),
            (_("Đăng ký mô hình"), "emulation:create", "plus-square", "register_initiatives"),
            (_("Nhập từ Excel"), "emulation:import", "file-earmark-arrow-up", "register_initiatives"),
            (_("Thống kê Dân vận khéo"), "emulation:statistics", "bar-chart-line", None),
            (_("Bộ tiêu chí đánh giá"), "emulation:sheet_list", "ui-checks", None),
            (_("Hội nghị biểu dương"), "emulation:conference_list", "award", None),
        ]
        for label, url_name, icon, capability in entries:
            nav.register(nav.MenuEntry(label, url_name, icon, section, capability))
        reference.register("nhom-linh-vuc-dvk", models.FieldGroup)
        reference.register("linh-vuc-dvk", models.Field)
        reference.register("loai-chu-the", models.SubjectType)
        reference.register("hinh-thuc-khen-thuong", models.AwardForm)
