"""Reference data that law or Party documents define: levels, unit types, organisation and body types, roles,
the fields the modules monitor.

Seeded by data migrations, edited by administrators through the reference-data screens.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import TimeBounded, Versioned


class ReferenceItem(TimeBounded, Versioned):
    code = models.SlugField(_("Mã"), max_length=50, unique=True)
    name = models.CharField(_("Tên"), max_length=200)
    position = models.PositiveIntegerField(_("Thứ tự"), default=0)
    note = models.TextField(_("Ghi chú"), blank=True, max_length=2000)
    needs_verification = models.BooleanField(
        _("Cần xác minh"), default=False, help_text=_("Chưa đối chiếu với văn bản chính thức.")
    )

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class UnitLevel(ReferenceItem):
    """Cấp hành chính: Trung ương, tỉnh, huyện (until 30/6/2025), xã, thôn."""

    rank = models.PositiveSmallIntegerField(_("Bậc"), help_text=_("0 = Trung ương; số lớn hơn là cấp dưới."))

    class Meta(ReferenceItem.Meta):
        verbose_name = _("Cấp hành chính")
        verbose_name_plural = _("Cấp hành chính")


class UnitType(ReferenceItem):
    level = models.ForeignKey(UnitLevel, on_delete=models.PROTECT, related_name="types", verbose_name=_("Cấp"))
    prefix = models.CharField(_("Tiền tố tên"), max_length=50, help_text=_("Ví dụ: xã, thị trấn, thôn."))

    class Meta(ReferenceItem.Meta):
        verbose_name = _("Loại đơn vị hành chính")
        verbose_name_plural = _("Loại đơn vị hành chính")


class PartyOrgType(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("Loại tổ chức đảng")
        verbose_name_plural = _("Loại tổ chức đảng")


class BodyType(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("Loại cơ quan")
        verbose_name_plural = _("Loại cơ quan")


class Role(ReferenceItem):
    """Vai trò. What each role may do lives in core.permissions, keyed by `code`."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("Vai trò")
        verbose_name_plural = _("Vai trò")


class MonitoringField(ReferenceItem):
    """Lĩnh vực theo dõi: the fields the modules watch, report and route by (supervision's teams and reports,
    the kiến nghị registry's classification and routing rules)."""

    class Meta(ReferenceItem.Meta):
        # Moved from supervision without touching the database: the table keeps the name it was created with.
        db_table = "supervision_monitoringfield"
        verbose_name = _("Lĩnh vực theo dõi")
        verbose_name_plural = _("Lĩnh vực theo dõi")
