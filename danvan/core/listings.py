"""Core's lists (core.lists): their filters, the rows a user sees and the columns of their Excel export."""

from django.utils.translation import gettext_lazy as _

from . import selectors
from .exporting import Column, exporter
from .lists import Flag, Listing, Search, UnitTree

ENDED = _("Gồm cả đã hết hiệu lực")


@exporter
class PartyOrgListing(Listing):
    identifier = "to-chuc-dang"
    title = _("Tổ chức đảng")
    filters = (Search(placeholder=_("Ví dụ: chi bo thon")), UnitTree(), Flag("tat_ca", ENDED, arg="ended"))
    columns = (
        Column(_("Tên"), lambda o: o.name),
        Column(_("Loại"), lambda o: o.type.name),
        Column(_("Cấp trên"), lambda o: o.parent.name if o.parent else ""),
        Column(_("Đơn vị hành chính"), lambda o: o.unit.full_name),
        Column(_("Từ ngày"), lambda o: o.valid_from),
        Column(_("Đến hết ngày"), lambda o: o.valid_to),
    )

    def rows(self, user, *, q="", unit=None, ended=False):
        return selectors.party_org_list(user=user, query=q, unit=unit, current_only=not ended)


@exporter
class BodyListing(Listing):
    identifier = "co-quan"
    title = _("Cơ quan")
    filters = (Search(placeholder=_("Ví dụ: ban dan van")), UnitTree(), Flag("tat_ca", ENDED, arg="ended"))
    columns = (
        Column(_("Tên"), lambda b: b.name),
        Column(_("Loại"), lambda b: b.type.name),
        Column(_("Ký hiệu"), lambda b: b.abbreviation),
        Column(_("Đơn vị hành chính"), lambda b: b.unit.full_name),
        Column(_("Từ ngày"), lambda b: b.valid_from),
        Column(_("Đến hết ngày"), lambda b: b.valid_to),
    )

    def rows(self, user, *, q="", unit=None, ended=False):
        return selectors.body_list(user=user, query=q, unit=unit, current_only=not ended)


@exporter
class PersonListing(Listing):
    identifier = "can-bo"
    title = _("Cán bộ")
    filters = (
        Search(placeholder=_("Ví dụ: nguyen van")),
        UnitTree(),
        Flag("tat_ca", _("Gồm cả người đã nghỉ"), arg="ended"),
    )
    columns = (
        Column(_("Họ và tên"), lambda p: p.full_name),
        Column(_("Đơn vị công tác"), lambda p: p.unit.full_name),
        Column(_("Đảng viên"), lambda p: p.is_party_member),
        Column(_("Cấp ủy viên"), lambda p: p.committee_title),
        Column(_("Điện thoại"), lambda p: p.phone),
        Column(_("Thư điện tử"), lambda p: p.email),
    )

    def rows(self, user, *, q="", unit=None, ended=False):
        return selectors.person_list(user=user, query=q, unit=unit, active_only=not ended)
