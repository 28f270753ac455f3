"""The registry's lists and exports (core.lists, core.exporting): the items, the statistics table, the review
conferences and the routing rules. What a user sees is decided by the selectors (the access registry)."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from danvan.core import dates
from danvan.core.exporting import Column, Exporter, exporter
from danvan.core.lists import ALL, Choice, Day, Filter, FilterForm, Flag, Listing, Search, UnitTree, Year
from danvan.core.models import Body, MonitoringField
from danvan.core.names import name_on, with_versions
from danvan.core.text import roman

from . import selectors, statistics
from .forms import BodyChoiceField
from .models import Petition

# --- Filters of this module ------------------------------------------------------------------------------------


class ModelChoice(Filter):
    """One row of a reference table (a field, a body); `queryset(user)` is what may be chosen."""

    def __init__(self, param: str, label, queryset, *, arg: str | None = None, field_class=forms.ModelChoiceField):
        super().__init__(param, label, arg=arg)
        self.queryset = queryset
        self.field_class = field_class

    def field(self, user):
        return self.field_class(label=self.label, queryset=self.queryset(user), required=False, empty_label=ALL)


class Pick(Filter):
    """A choice that always has a value: the first one when none is given (a sort order, a breakdown)."""

    width = "col-6 col-md-2"

    def __init__(self, param: str, label, choices, *, arg: str | None = None):
        super().__init__(param, label, arg=arg)
        self.choices = choices

    def field(self, user):
        return forms.ChoiceField(label=self.label, required=False, choices=self.choices)

    def value(self, cleaned):
        return cleaned or self.choices[0][0]


def sized(entry: Filter, width: str) -> Filter:
    """`entry` laid out `width` wide in the filter form (Bootstrap columns)."""
    entry.width = width
    return entry


NARROW = "col-6 col-md-2"


def _yes(value: bool) -> str:
    return gettext("Có") if value else ""


# --- The register of items -------------------------------------------------------------------------------------

SORTS = (
    ("received", _("Mới tiếp nhận trước")),
    ("received_asc", _("Cũ trước")),
    ("due", _("Hạn xử lý gần nhất")),
    ("unit", _("Theo đơn vị phát sinh")),
    ("state", _("Theo trạng thái")),
)
MANY_BODIES = _("Chọn đơn vị trước để lọc theo cơ quan")


@exporter
class PetitionListing(Listing):
    identifier = "kien-nghi"
    title = _("Kiến nghị")
    filters = (
        Search(placeholder=_("Số, nội dung, người nêu, trả lời")),
        sized(Choice("trang_thai", _("Trạng thái"), Petition.State.choices, arg="state"), NARROW),
        sized(Choice("phan_loai", _("Phân loại"), Petition.Kind.choices, arg="kind"), NARROW),
        sized(ModelChoice("linh_vuc", _("Lĩnh vực"), lambda user: MonitoringField.objects.all(), arg="field"), NARROW),
        sized(Choice("nguon", _("Nguồn"), Petition.Source.choices, arg="source"), NARROW),
        sized(
            ModelChoice(
                "co_quan",
                _("Cơ quan giải quyết"),
                lambda user: selectors.bodies_for(user, ended=True),  # past items stay with bodies that ended
                arg="body",
                field_class=BodyChoiceField,
            ),
            "col-12 col-md-4",
        ),
        Day("tu_ngay", _("Tiếp nhận từ ngày"), arg="start"),
        Day("den_ngay", _("đến ngày"), arg="end"),
        Pick("sap_xep", _("Sắp xếp"), SORTS, arg="sort"),
        UnitTree(),
        Flag("dang_mo", _("Chưa giải quyết xong"), arg="open"),
        Flag("qua_han", _("Quá hạn"), arg="overdue"),
        Flag("ton_dong", _("Tồn đọng chuyển kỳ"), arg="carried_over"),
        Flag("cua_toi", _("Cơ quan tôi cần xử lý"), arg="mine"),
    )
    columns = (
        Column(_("Số"), lambda p: p.code),
        Column(_("Ngày tiếp nhận"), lambda p: p.received_on),
        Column(_("Nguồn"), lambda p: p.get_source_display()),
        Column(_("Phân loại"), lambda p: p.get_kind_display()),
        Column(_("Lĩnh vực"), lambda p: p.field.name if p.field else ""),
        Column(_("Đơn vị phát sinh"), lambda p: name_on(p.unit, p.raised_on)),
        Column(_("Nội dung"), lambda p: p.content),
        Column(_("Người, tổ chức nêu"), lambda p: p.raised_by),
        Column(_("Cơ quan giải quyết"), lambda p: p.body.name if p.body else ""),
        Column(_("Hạn xử lý"), lambda p: p.due_on),
        Column(_("Trạng thái"), lambda p: p.get_state_display()),
        Column(_("Quá hạn"), lambda p: _yes(p.is_overdue(dates.today()))),
        Column(_("Ngày trả lời"), lambda p: p.answered_on),
        Column(_("Nội dung trả lời"), lambda p: p.answer),
        Column(_("Ý kiến của cơ sở"), lambda p: p.get_verdict_display()),
        Column(_("Tồn đọng chuyển kỳ sau"), lambda p: _yes(p.carried_over)),
        Column(_("Trùng với"), lambda p: p.duplicate_of.code if p.duplicate_of_id else ""),
    )

    def rows(self, user, *, sort: str = "received", **filters):
        """Each item's unit is named as of the day it was raised (its versions prefetched once per page)."""
        return with_versions(selectors.listing(user=user, filters=filters, sort=sort))

    def form(self, user, params) -> FilterForm:
        """The bodies offered follow the chosen unit (a body chosen is checked against every body in reach)."""
        form = super().form(user, params)
        values = form.values()
        bodies = selectors.bodies_offered(user, values.get("unit"))
        chosen = Body.objects.filter(pk=values["body"].pk) if values.get("body") else Body.objects.none()
        field = form.fields["co_quan"]
        if bodies is None:
            field.queryset, field.empty_label = chosen, MANY_BODIES
        else:
            field.queryset = bodies | chosen  # a chosen body that ended stays shown as chosen
        return form

    def queryset(self, user, params):
        """The export's rows: the plain form (no body options to narrow), with the duplicates' primaries."""
        return self.rows(user, **Listing.form(self, user, params).values()).select_related("duplicate_of")


# --- Statistics ------------------------------------------------------------------------------------------------

BY = (("co-quan", _("Cơ quan giải quyết")), ("don-vi", _("Đơn vị phát sinh (xã)")))
STATISTICS_FILTERS = (
    Day("tu_ngay", _("Từ ngày"), arg="start"),
    Day("den_ngay", _("Đến ngày"), arg="end"),
    sized(Pick("theo", _("Thống kê theo"), BY, arg="by"), "col-8 col-md-3"),
)
STAT_HEADERS = (
    _("Tồn kỳ trước"),
    _("Tiếp nhận mới"),
    _("Đã trả lời"),
    _("Đã giải quyết"),
    _("Giải quyết đúng hạn (%)"),
    _("Trung vị ngày làm việc"),
    _("90% trong (ngày làm việc)"),
    _("Đang quá hạn"),
    _("Cơ sở đồng ý (%)"),
    _("Tồn đọng chuyển kỳ"),
)


def statistics_filters(user, params) -> tuple[FilterForm, datetime.date, datetime.date, str]:
    """The statistics page's form and its period (from 1 January to today unless chosen) and breakdown. The form
    shows the period used when none was typed."""
    values = FilterForm(params, user=user, filters=STATISTICS_FILTERS).values()
    day = dates.today()
    start = values.get("start") or day.replace(month=1, day=1)
    end = values.get("end") or day
    if end < start:
        start, end = end, start
    shown = params.copy()
    for name, default in (("tu_ngay", start), ("den_ngay", end)):
        if not params.get(name):
            shown[name] = default.strftime("%d/%m/%Y")
    form = FilterForm(shown, user=user, filters=STATISTICS_FILTERS)
    return form, start, end, values.get("by") or BY[0][0]


def _cells(row) -> list:
    return [
        row.values["pending"],
        row.values["received"],
        row.values["answered"],
        row.values["resolved"],
        row.on_time_rate,
        row.median_days,
        row.p90_days,
        row.values["overdue"],
        row.agreement_rate,
        row.values["carried"],
    ]


class StatisticsExport(Exporter):
    """The statistics table of the page, one row per body or commune and the total last (a computed table)."""

    title = _("Thống kê kiến nghị")
    first = ""

    def table(self, *, user, start, end):  # pragma: no cover - abstract
        raise NotImplementedError

    def rows_and_total(self, user, params):
        """(rows, total) for the page's parameters, computed once per exporter and parameters."""
        key = (user.pk, tuple((name, tuple(params.getlist(name))) for name in sorted(params)))
        memo = getattr(self, "_memo", None)
        if memo is None or memo[0] != key:
            _form, start, end, _by = statistics_filters(user, params)
            memo = self._memo = (key, self.table(user=user, start=start, end=end))
        return memo[1]

    def file_name(self) -> str:
        return "thong-ke-kien-nghi"

    def headers(self) -> list[str]:
        return [str(self.first), *(str(h) for h in STAT_HEADERS)]

    def count(self, user, params) -> int:
        rows, _total = self.rows_and_total(user, params)
        return len(rows) + 1

    def export_rows(self, user, params):
        rows, total = self.rows_and_total(user, params)
        return [*([r.label, *_cells(r)] for r in rows), [gettext("Tổng cộng"), *_cells(total)]]


@exporter
class StatisticsByBody(StatisticsExport):
    identifier = "thong-ke-kien-nghi"
    first = _("Cơ quan giải quyết")

    def table(self, *, user, start, end):
        return statistics.by_body(user=user, start=start, end=end)


@exporter
class StatisticsByUnit(StatisticsExport):
    identifier = "thong-ke-kien-nghi-theo-don-vi"
    first = _("Đơn vị phát sinh (xã)")

    def table(self, *, user, start, end):
        return statistics.by_unit(user=user, start=start, end=end)


STATISTICS = {"co-quan": StatisticsByBody, "don-vi": StatisticsByUnit}


# --- Review conferences and routing rules ----------------------------------------------------------------------


@exporter
class ConferenceListing(Listing):
    identifier = "hoi-nghi-giao-ban"
    title = _("Hội nghị đánh giá công tác chỉ đạo cơ sở")
    filters = (UnitTree(), Year())
    columns = (
        Column(_("Ngày họp"), lambda c: c.held_on),
        Column(_("Hội nghị"), lambda c: c.title),
        Column(_("Địa bàn của cấp ủy"), lambda c: name_on(c.unit, c.held_on)),
        Column(_("Kỳ"), lambda c: gettext("Quý %(q)s/%(y)s") % {"q": roman(c.quarter), "y": c.year}),
        Column(_("Chuyển kỳ sau"), lambda c: c.carried_over_at),
    )

    def rows(self, user, *, unit=None, year=None):
        """Each conference's unit is named as of the day it was held."""
        return with_versions(selectors.conference_list(user=user, unit=unit, year=year))


@exporter
class RoutingRuleListing(Listing):
    identifier = "quy-tac-chuyen-xu-ly"
    title = _("Quy tắc chuyển xử lý")
    filters = (
        UnitTree(label=_("Địa bàn")),  # the unit, the units above it and below it
        Flag("tat_ca", _("Gồm cả đã hết hiệu lực"), arg="ended"),
    )
    columns = (
        Column(_("Địa bàn"), lambda r: r.scope.full_name),
        Column(_("Lĩnh vực"), lambda r: r.field.name if r.field else gettext("Mọi lĩnh vực")),
        Column(_("Phân loại"), lambda r: r.get_kind_display() or gettext("Mọi loại")),
        Column(_("Cấp phát sinh"), lambda r: r.origin_level.name if r.origin_level else gettext("Mọi cấp")),
        Column(_("Cơ quan giải quyết"), lambda r: r.body.name),
        Column(_("Hiệu lực từ ngày"), lambda r: r.valid_from),
        Column(_("Đến hết ngày"), lambda r: r.valid_to),
    )

    def rows(self, user, *, unit=None, ended=False):
        return selectors.routing_rule_list(user=user, unit=unit, ended=ended)
