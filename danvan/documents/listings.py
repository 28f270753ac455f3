"""The register's list and its Excel export (core.lists)."""

from django.utils.translation import gettext_lazy as _

from danvan.core.exporting import Column, exporter
from danvan.core.lists import Choice, Listing, Search, Year

from . import selectors


@exporter
class RegisterListing(Listing):
    identifier = "so-van-ban"
    title = _("Sổ văn bản đi")
    filters = (
        Search(placeholder=_("Ví dụ: 45-QĐ/HU hoặc thanh lap doan")),
        Choice("co_quan", _("Cơ quan ban hành"), selectors.issuer_choices, arg="issuer"),
        Choice("loai", _("Loại văn bản"), selectors.type_choices, arg="doc_type"),
        Year(first=2010),
    )
    columns = (
        Column(_("Số, ký hiệu"), lambda d: d.reference),
        Column(_("Ngày"), lambda d: d.dated),
        Column(_("Loại văn bản"), lambda d: d.doc_type.name),
        Column(_("Trích yếu"), lambda d: d.subject),
        Column(_("Cơ quan ban hành"), lambda d: d.issuer.name),
        Column(_("Trạng thái"), lambda d: d.get_status_display()),
        Column(_("Lý do hủy số"), lambda d: d.release_reason),
        Column(_("Từ hồ sơ"), lambda d: d.origin_label),
    )

    def rows(self, user, *, q="", issuer="", doc_type="", year=None):
        return selectors.register_list(user=user, q=q, issuer=issuer, doc_type=doc_type, year=year)
