from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "danvan.supervision"
    label = "supervision"
    verbose_name = _("Chỉ đạo cơ sở")

    def ready(self):
        from danvan.core import navigation as nav

        from .views import attendance, reports

        section = _("Chỉ đạo cơ sở")
        nav.register(nav.MenuEntry(_("Đoàn công tác"), "supervision:group_list", "people-fill", section))
        nav.register(nav.MenuEntry(_("Báo cáo tháng"), "supervision:report_list", "file-earmark-text", section))
        nav.register(nav.MenuEntry(_("Hoạt động tại cơ sở"), "supervision:activity_list", "geo-alt", section))
        nav.register(nav.MenuEntry(_("Kiến nghị từ cơ sở"), "supervision:raised_list", "chat-left-text", section))
        nav.register(nav.MenuEntry(_("Dự sinh hoạt chi bộ"), "supervision:attendance_list", "calendar-check", section))
        nav.register_panel(15, reports.direction_panel)
        nav.register_panel(20, attendance.coverage_panel)
