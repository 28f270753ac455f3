from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "danvan.documents"
    label = "documents"
    verbose_name = _("Văn bản")

    def ready(self):
        from danvan.core import navigation as nav
        from danvan.core.views import reference

        from . import models

        section = _("Văn bản")
        nav.register(nav.MenuEntry(_("Sổ văn bản đi"), "documents:register_list", "journal-text", section))
        nav.register(nav.MenuEntry(_("Soạn văn bản"), "documents:compose", "file-earmark-word", section))
        nav.register(nav.MenuEntry(_("Cơ quan ban hành"), "documents:issuer_list", "building", section))
        reference.register("loai-van-ban", models.DocumentType)
