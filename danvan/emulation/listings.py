"""The "Dân vận khéo" lists and exports (core.lists, core.exporting): the registry, the criteria sheets, the
praise conferences, and the report tables A–E one at a time. The rows come from the selectors and statistics,
which ask the access registry."""

from django import forms
from django.db.models import CharField, Count, DateField, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core import dates, exporting
from danvan.core.exporting import Column, Exporter, exporter
from danvan.core.lists import YEAR_LABEL, Choice, Filter, FilterForm, Flag, Listing, Search, UnitTree, Year
from danvan.core.names import name_on, with_versions

from . import selectors
from . import statistics as stats
from .models import Field, FieldGroup, Kind, Result, State
from .services import EARLIEST_YEAR

# --- The registry ------------------------------------------------------------------------------------------------

ORIGINS = [
    ("new", _("Đăng ký mới trong năm")),
    ("continued", _("Tiếp tục từ năm trước")),
    ("replication", _("Nhân rộng từ mô hình khác")),
]
SORTS = [
    ("year", _("Năm mới trước")),
    ("name", _("Theo tên")),
    ("unit", _("Theo địa bàn")),
    ("field", _("Theo lĩnh vực")),
    ("state", _("Theo trạng thái")),
]


class Sort(Filter):
    """The order of the list (selectors.SORTS); the newest year first unless asked."""

    width = "col-6 col-md-2"

    def __init__(self):
        super().__init__("sap_xep", _("Sắp xếp"), arg="sort")

    def field(self, user):
        return forms.ChoiceField(label=self.label, required=False, choices=SORTS)

    def value(self, cleaned):
        return cleaned or "year"


def _fields(user):
    return [(str(pk), name) for pk, name in Field.objects.order_by("position", "name").values_list("pk", "name")]


def _groups(user):
    return [(str(pk), name) for pk, name in FieldGroup.objects.values_list("pk", "name")]


def _pk(value) -> int | None:
    return int(value) if value else None


def _unit_then(initiative) -> str:
    return name_on(initiative.unit, initiative.registered_on)


@exporter
class InitiativeListing(Listing):
    identifier = "dan-van-kheo"
    title = _("Dân vận khéo")
    filters = (
        Search(placeholder=_("Tên, cách làm, địa bàn, người phụ trách")),
        Year(first=2008),
        Choice("linh_vuc", _("Lĩnh vực"), _fields, arg="field"),
        Choice("nhom", _("Nhóm lĩnh vực (toàn quốc)"), _groups, arg="group"),
        Choice("loai", _("Loại"), Kind.choices, arg="kind"),
        Choice("trang_thai", _("Trạng thái"), State.choices, arg="state"),
        Choice("ket_qua", _("Kết quả"), Result.choices, arg="result"),
        Choice("nguon_goc", _("Mới hay tiếp tục"), ORIGINS, arg="origin"),
        UnitTree(),
        Sort(),
        Flag("da_nhan_rong", _("Đã được nhân rộng"), arg="replicated"),
    )
    columns = (
        Column(_("Mã số"), lambda i: i.pk),
        Column(_("Năm"), lambda i: i.year),
        Column(_("Tên mô hình, điển hình"), lambda i: i.name),
        Column(_("Loại"), lambda i: i.get_kind_display()),
        Column(_("Lĩnh vực"), lambda i: i.field.name),
        Column(_("Nhóm lĩnh vực"), lambda i: i.field.group.name),
        Column(_("Đơn vị đăng ký"), lambda i: i.registrant if i.body_id or i.party_org_id else _unit_then(i)),
        Column(_("Địa bàn"), _unit_then),
        Column(_("Loại chủ thể"), lambda i: i.subject_type.name),
        Column(_("Cấp quản lý"), lambda i: i.level.name),
        Column(_("Người phụ trách"), lambda i: i.leader),
        Column(_("Ngày đăng ký"), lambda i: i.registered_on),
        Column(_("Ngày ra mắt"), lambda i: i.launched_on),
        Column(_("Trạng thái"), lambda i: i.get_state_display()),
        Column(_("Kết quả đánh giá"), lambda i: i.get_result_display()),
        Column(_("Tiếp tục từ năm trước"), lambda i: i.continues_id or ""),
        Column(_("Nhân rộng từ"), lambda i: i.replicates_id or ""),
    )

    def rows(self, user, *, sort="year", field="", group="", **filters):
        """Each row's unit is named as of its registration day (its versions prefetched once per page)."""
        filters.update(field=_pk(field), group=_pk(group))
        return with_versions(selectors.listing(user=user, filters=filters, sort=sort))


# --- Criteria sheets and praise conferences ----------------------------------------------------------------------


@exporter
class SheetListing(Listing):
    identifier = "bo-tieu-chi"
    title = _("Bộ tiêu chí đánh giá")
    filters = (Year(label=_("Áp dụng năm"), first=2008),)
    columns = (
        Column(_("Tên bộ tiêu chí"), lambda s: s.name),
        Column(_("Cấp ban hành"), lambda s: name_on(s.unit, s.starts_on)),
        Column(_("Từ năm"), lambda s: s.year_from),
        Column(_("Đến năm"), lambda s: s.year_to),
        Column(_("Cách đánh giá"), lambda s: s.get_mode_display()),
        Column(_("Số tiêu chí"), lambda s: s.n),
    )

    def rows(self, user, *, year=None):
        """Each sheet's issuing unit is named as of 1 January of its first year (`starts_on`)."""
        rows = selectors.sheet_list(user=user, year=year).annotate(
            n=Count("criteria"), starts_on=_first_day("year_from")
        )
        return with_versions(rows.order_by("-year_from", "name"))


def _first_day(year_field: str):
    """1 January of the year in `year_field`, computed by the database (SQLite and PostgreSQL)."""
    return Cast(Concat(Cast(year_field, CharField()), Value("-01-01")), DateField())


@exporter
class ConferenceListing(Listing):
    identifier = "hoi-nghi-bieu-duong"
    title = _("Hội nghị biểu dương")
    filters = (UnitTree(), Year(label=_("Giai đoạn gồm năm"), first=2008))
    columns = (
        Column(_("Ngày"), lambda c: c.held_on),
        Column(_("Tên hội nghị"), lambda c: c.title),
        Column(_("Cấp tổ chức"), lambda c: name_on(c.unit, c.held_on)),
        Column(_("Giai đoạn từ năm"), lambda c: c.year_from),
        Column(_("Đến năm"), lambda c: c.year_to),
        Column(_("Được biểu dương"), lambda c: c.n),
    )

    def rows(self, user, *, unit=None, year=None):
        """Each conference's unit is named as of the day it was held."""
        rows = selectors.conference_list(user=user, unit=unit, year=year)
        return with_versions(rows.annotate(n=Count("honoured")).order_by("-held_on", "-id"))


# --- The report tables ---------------------------------------------------------------------------------------------

BY = {"linh-vuc": "field", "nhom": "group"}


class ReportYear(Filter):
    """The report's year: every year since the movement began; this year when none (or a bad one) is given."""

    width = "col-6 col-md-2"

    def __init__(self):
        super().__init__("nam", YEAR_LABEL, arg="year")

    def field(self, user):
        years = [(y, str(y)) for y in range(dates.today().year, EARLIEST_YEAR - 1, -1)]
        return forms.TypedChoiceField(label=self.label, required=False, choices=years, coerce=int, empty_value=None)


class Breakdown(Filter):
    width = "col-6 col-md-3"

    def __init__(self):
        super().__init__("theo", _("Thống kê theo"), arg="theo")

    def field(self, user):
        choices = [("linh-vuc", _("Lĩnh vực")), ("nhom", _("Nhóm lĩnh vực toàn quốc"))]
        return forms.ChoiceField(label=self.label, required=False, choices=choices)


@exporter
class ReportTableExport(Exporter):
    """One of the report tables A–E (`?bang=a`) of a year, a unit and a breakdown, as the statistics page shows
    it: its number, its first column, its measures and the total row."""

    identifier = "dan-van-kheo-bang"
    title = pgettext_lazy("thống kê", "Dân vận khéo")
    filters = (ReportYear(), UnitTree(), Breakdown())

    def __init__(self):
        self.table = None
        self.stem = self.identifier

    def form(self, user, params) -> FilterForm:
        return FilterForm(params, user=user, filters=self.filters)

    @staticmethod
    def options(form: FilterForm) -> dict:
        """year, unit (of the user's scope) and breakdown (theo, by); a value that does not parse is ignored."""
        values = form.values()
        theo = values.get("theo") or "linh-vuc"
        return {
            "year": values.get("year") or dates.today().year,
            "unit": values.get("unit"),
            "theo": theo,
            "by": BY[theo],
        }

    def build(self, user, params):
        options = self.options(self.form(user, params))
        code = params.get("bang") if params.get("bang") in stats.TABLES else "a"
        self.table = stats.table(code, user=user, year=options["year"], unit=options["unit"], by=options["by"])
        self.stem = f"dan-van-kheo-{options['year']}-bang-{code}"
        self.title = self.table.title
        return self.table

    def count(self, user, params) -> int:
        # A report table is computed whole by a few grouped aggregates while the user waits (that is its cost,
        # not the writing of its rows), and its columns depend on the request: it is always answered now.
        return min(len(self.build(user, params).rows) + 1, exporting.sync_limit())

    def headers(self) -> list[str]:
        return [str(_("STT")), str(self.table.first), *self.table.headers]

    def export_rows(self, user, params):
        return (self.table or self.build(user, params)).export_rows()

    def file_name(self) -> str:
        return self.stem


def report_page(request, render_page):
    """The statistics page, or one of its tables as Excel (`?bang=a&xuat=xlsx`). `render_page(form, options)`
    renders the page."""
    export = ReportTableExport()
    if exporting.wants_export(request):
        return exporting.respond(request, export)
    form = export.form(request.user, request.GET)
    return render_page(form, export.options(form))
