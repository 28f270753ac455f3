from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "danvan.petitions"
    label = "petitions"
    verbose_name = _("Kiến nghị")

    def ready(self):
        from danvan.core import navigation as nav
        from danvan.core.workdays import on_calendar_change

        from .services import due_dates_follow_calendar
        from .views import items

        on_calendar_change(due_dates_follow_calendar)  # a calendar edit moves the stored due dates

        section = _("Kiến nghị")
        entries = [
            (_("Sổ kiến nghị"), "petitions:list", "inbox", None),
            (_("Tiếp nhận kiến nghị"), "petitions:create", "plus-square", "record_petitions"),
            (_("Thống kê kiến nghị"), "petitions:statistics", "bar-chart", None),
            (_("Chuyển giao kiến nghị"), "petitions:handover", "arrow-left-right", "route_petitions"),
            (_("Hội nghị sơ kết, đánh giá quý"), "petitions:conference_list", "people", None),
            (_("Lịch nghỉ, ngày làm việc"), "petitions:calendar", "calendar3", None),
            (_("Quy tắc chuyển xử lý"), "petitions:rule_list", "signpost-split", None),
            (_("Thời hạn, mẫu trả lời"), "petitions:reference", "hourglass-split", None),
        ]
        for label, url_name, icon, capability in entries:
            nav.register(nav.MenuEntry(label, url_name, icon, section, capability))
        nav.register_panel(12, items.petitions_panel)
