"""Core's lists (core.lists): their filters, the rows a user sees and the columns of their Excel export."""

from django.utils.translation import gettext_lazy as _

from . import dates, selectors
from .exporting import Column, exporter
from .lists import Choice, Day, Flag, Listing, Search, UnitTree, Year
from .models import AuditEntry, Reorganization
from .text import sort_key

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
        return selectors.party_org_list(user=user, query=q, unit=unit, current_only=not ended, include_below=True)


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
        return selectors.body_list(user=user, query=q, unit=unit, current_only=not ended, include_below=True)


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
        return selectors.person_list(user=user, query=q, unit=unit, active_only=not ended, include_below=True)


def _levels(user):
    from .models import UnitLevel

    return [(level.code, level.name) for level in UnitLevel.objects.order_by("rank")]


@exporter
class UnitListing(Listing):
    identifier = "don-vi"
    title = _("Đơn vị hành chính")
    filters = (
        Search(placeholder=_("Ví dụ: thien loc")),
        Choice("cap", _("Cấp"), _levels, arg="level"),
        Day("ngay", _("Tại ngày"), arg="as_of"),
        Flag("da_ket_thuc", _("Gồm cả đơn vị đã kết thúc"), arg="ended"),
    )
    columns = (
        Column(_("Tên"), lambda u: u.full_name),
        Column(_("Loại"), lambda u: u.type.name),
        Column(_("Cấp"), lambda u: u.level.name),
        Column(_("Trực thuộc"), lambda u: u.parent.full_name if u.parent else ""),
        Column(_("Mã thống kê"), lambda u: u.code),
        Column(_("Từ ngày"), lambda u: u.valid_from),
        Column(_("Đến hết ngày"), lambda u: u.valid_to),
    )

    def rows(self, user, *, q="", level="", as_of=None, ended=False):
        return selectors.unit_list(user=user, query=q, level=level or "", as_of=as_of, include_ended=ended)


@exporter
class ReorganizationListing(Listing):
    identifier = "sap-xep"
    title = _("Sắp xếp đơn vị")
    filters = (
        Search(placeholder=_("Tên đơn vị hoặc số nghị quyết")),
        UnitTree(),
        Choice("loai", _("Loại sắp xếp"), Reorganization.Kind.choices, arg="kind"),
        Year(first=1945),
    )
    columns = (
        Column(_("Ngày có hiệu lực"), lambda r: r.effective_date),
        Column(_("Loại sắp xếp"), lambda r: r.get_kind_display()),
        Column(_("Căn cứ pháp lý"), lambda r: r.legal_basis),
        Column(_("Đơn vị liên quan"), lambda r: ", ".join(u.full_name for u in r.visible_units)),
        Column(_("Ghi chú"), lambda r: r.note),
    )

    def rows(self, user, *, q="", unit=None, kind="", year=None):
        return selectors.reorganization_list(user=user, query=q, unit=unit, kind=kind or "", year=year)


def _roles(user):
    from .models import Role

    return [(role.code, role.name) for role in Role.objects.valid_on(dates.today()).order_by("name")]


@exporter
class MembershipListing(Listing):
    identifier = "phan-quyen"
    title = _("Phân quyền")
    filters = (
        Search(placeholder=_("Tên đăng nhập hoặc họ tên")),
        UnitTree(),
        Choice("vai_tro", _("Vai trò"), _roles, arg="role"),
        Flag("tat_ca", _("Gồm cả đã hết hiệu lực"), arg="ended"),
    )
    columns = (
        Column(_("Tài khoản"), lambda m: m.user.username),
        Column(_("Họ và tên"), lambda m: m.user.first_name),
        Column(_("Vai trò"), lambda m: m.role.name),
        Column(_("Địa bàn"), lambda m: m.unit.full_name),
        Column(_("Cơ quan"), lambda m: m.body.name if m.body else ""),
        Column(_("Từ ngày"), lambda m: m.valid_from),
        Column(_("Đến hết ngày"), lambda m: m.valid_to),
    )

    def rows(self, user, *, q="", unit=None, role="", ended=False):
        return selectors.membership_list(user=user, query=q, unit=unit, role=role or "", current_only=not ended)


def _audited_models(user):
    from django.contrib.contenttypes.models import ContentType

    hidden = {"auditentry", "failedlogin", "unitrollup", "unitversion", "notification", "exportjob"}
    kinds = ContentType.objects.filter(app_label__in=["core", "supervision", "petitions", "emulation", "democracy"])
    return sorted(
        ((k.model, str(k.name)) for k in kinds if k.model not in hidden and k.model_class() is not None),
        key=lambda pair: sort_key(pair[1]),
    )


@exporter
class AuditListing(Listing):
    identifier = "nhat-ky"
    title = _("Nhật ký thay đổi")
    filters = (
        Search("nguoi", _("Người thực hiện"), arg="actor"),
        Choice("loai", _("Loại đối tượng"), _audited_models, arg="model"),
        Choice("hanh_dong", _("Hành động"), AuditEntry.Action.choices, arg="action"),
        Day("tu", _("Từ ngày"), arg="date_from"),
        Day("den", _("Đến ngày"), arg="date_to"),
    )
    columns = (
        Column(_("Thời điểm"), lambda e: e.at),
        Column(_("Người thực hiện"), lambda e: e.actor_name),
        Column(_("Hành động"), lambda e: e.get_action_display()),
        Column(_("Loại"), lambda e: e.content_type.name),
        Column(_("Đối tượng"), lambda e: e.object_repr),
        Column(_("Thay đổi"), lambda e: str(e.changes)),
    )

    def rows(self, user, *, actor="", model="", action="", date_from=None, date_to=None):
        return selectors.audit_log(
            user=user, actor=actor, model=model or "", action=action or "", date_from=date_from, date_to=date_to
        )
