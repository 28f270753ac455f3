from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "danvan.core"
    label = "core"
    verbose_name = _("Nền tảng")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from . import access_core  # noqa: F401 - core's models in the access registry
        from . import navigation as nav
        from .permissions import Cap
        from .views import home

        for entry in [
            nav.MenuEntry(_("Trang chủ"), "core:home", "house", nav.SECTION_MAIN),
            nav.MenuEntry(_("Đơn vị hành chính"), "core:unit_list", "diagram-3", nav.SECTION_ORG),
            nav.MenuEntry(_("Cây đơn vị theo ngày"), "core:unit_tree", "calendar3", nav.SECTION_ORG),
            nav.MenuEntry(_("Sắp xếp đơn vị"), "core:reorganization_list", "intersect", nav.SECTION_ORG),
            nav.MenuEntry(_("Tổ chức đảng"), "core:party_org_list", "flag", nav.SECTION_ORG),
            nav.MenuEntry(_("Cơ quan"), "core:body_list", "building", nav.SECTION_ORG),
            nav.MenuEntry(_("Cán bộ"), "core:person_list", "people", nav.SECTION_ORG),
            nav.MenuEntry(_("Nhập tổ chức, cán bộ"), "core:org_import", "upload", nav.SECTION_ADMIN, Cap.MANAGE_ORGS),
            nav.MenuEntry(
                _("Nhập danh mục đơn vị hành chính"),
                "core:unit_import",
                "cloud-download",
                nav.SECTION_ADMIN,
                Cap.MANAGE_UNITS,
            ),
            nav.MenuEntry(_("Phân quyền"), "core:membership_list", "key", nav.SECTION_ADMIN, Cap.MANAGE_MEMBERSHIPS),
            nav.MenuEntry(_("Nhật ký thay đổi"), "core:audit_log", "journal-text", nav.SECTION_ADMIN, Cap.VIEW_AUDIT),
            nav.MenuEntry(_("Danh mục"), "core:reference_index", "list-ul", nav.SECTION_ADMIN, Cap.MANAGE_REFERENCE),
        ]:
            nav.register(entry)
        nav.register_panel(5, home.quick_actions_panel)
        nav.register_panel(10, home.scope_panel)
        nav.register_panel(80, home.reorganizations_panel)
        nav.register_panel(90, home.recent_changes_panel)
        autodiscover_modules("access")  # every app declares its protected models in <app>/access.py
        from . import listings  # noqa: F401 - core's lists and exports

        autodiscover_modules("listings")  # every app's lists and exports (core.lists, core.exporting)
        autodiscover_modules("exports")  # exporters that are not lists, when an app keeps them apart
