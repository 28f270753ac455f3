from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemocracyConfig(AppConfig):
    name = "danvan.democracy"
    label = "democracy"
    verbose_name = _("Dân chủ ở cơ sở")

    def ready(self):
        from danvan.core import navigation as nav
        from danvan.core.views import reference

        from . import models
        from .views import compliance

        section = _("Dân chủ ở cơ sở")
        entries = [
            (_("Kết quả thực hiện"), "democracy:compliance", "clipboard-check", None),
            (_("Công khai"), "democracy:disclosure_list", "megaphone", None),
            (_("Bàn và quyết định"), "democracy:decision_list", "hand-index-thumb", None),
            (_("Lấy ý kiến Nhân dân"), "democracy:consultation_list", "chat-square-text", None),
            (_("Đối thoại"), "democracy:dialogue_list", "people", None),
            (_("Ban Thanh tra nhân dân"), "democracy:board_list", "shield-check", None),
            (_("Quy định áp dụng"), "democracy:rules", "journal-text", None),
        ]
        for label, url_name, icon, capability in entries:
            nav.register(nav.MenuEntry(label, url_name, icon, section, capability))
        nav.register_panel(25, compliance.compliance_panel)
        reference.register("van-ban-dan-chu", models.RuleSet)
        reference.register("noi-dung-cong-khai", models.DisclosureItem)
        reference.register("hinh-thuc-cong-khai", models.DisclosureChannel)
        reference.register("noi-dung-dan-quyet-dinh", models.DecisionMatter)
        reference.register("quy-tac-bieu-quyet", models.VoteRule)
        reference.register("noi-dung-lay-y-kien", models.ConsultationMatter)
        reference.register("hinh-thuc-lay-y-kien", models.ConsultationChannel)
