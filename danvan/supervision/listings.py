"""The lists and Excel exports of working groups (core.lists, core.exporting): their filters, the rows a user
sees (through this module's selectors, which ask the access registry) and their columns. The coverage and the
completeness matrix are computed tables: their exporters read the group from the `doan` parameter, which the
page adds to its own (views.common.with_params), so that the worker rebuilds the same table."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core import access, dates
from danvan.core.exporting import Column, Exporter, exporter
from danvan.core.lists import Choice, Day, Filter, Listing, Search, UnitTree, Year
from danvan.core.names import name_on, with_versions

from . import selectors, statistics
from .forms import MonthField
from .models import Activity, MonthlyReport, RaisedItem, WorkingGroup
from .views.common import _parse_quarter


class Month(Filter):
    """One month typed as mm/yyyy (the first day of that month)."""

    width = "col-6 col-md-2"

    def field(self, user) -> forms.Field:
        return MonthField(label=self.label, required=False)


def _int(value) -> int | None:
    return int(value) if value else None


# --- Lists ----------------------------------------------------------------------------------------------------


@exporter
class GroupListing(Listing):
    identifier = "doan-cong-tac"
    title = _("Đoàn công tác")
    filters = (Search(placeholder=_("Tên đoàn hoặc số quyết định")), UnitTree())
    columns = (
        Column(_("Tên đoàn"), lambda g: g.name),
        Column(_("Quyết định"), lambda g: g.decision.number),
        Column(_("Ngày ban hành"), lambda g: g.decision.issued_on),
        Column(_("Trưởng đoàn"), lambda g: g.head.full_name),
        Column(_("Số tổ"), lambda g: g.team_count),
        Column(_("Từ ngày"), lambda g: g.valid_from),
        Column(_("Đến hết ngày"), lambda g: g.valid_to),
    )

    def rows(self, user, *, q="", unit=None):
        return selectors.group_list(user=user, query=q, unit=unit)


@exporter
class AttendanceListing(Listing):
    identifier = "du-sinh-hoat-chi-bo"
    title = _("Dự sinh hoạt chi bộ")
    filters = (UnitTree(), Day("tu_ngay", _("Từ ngày"), arg="start"), Day("den_ngay", _("Đến ngày"), arg="end"))
    columns = (
        Column(_("Ngày"), lambda a: a.held_on),
        Column(_("Chi bộ"), lambda a: a.cell.name),
        Column(_("Thôn, tổ dân phố"), lambda a: name_on(a.unit, a.held_on)),
        Column(_("Loại"), lambda a: a.get_kind_display()),
        Column(_("Người dự"), lambda a: a.attendee.full_name),
        Column(_("Tổ"), lambda a: a.team.name),
        Column(_("Đoàn"), lambda a: a.team.group.name),
        Column(_("Đánh giá"), lambda a: a.get_assessment_display()),
        Column(_("Nhận xét"), lambda a: a.remarks),
        Column(_("Đề xuất, kiến nghị"), lambda a: a.proposals),
    )

    def rows(self, user, *, unit=None, start=None, end=None):
        """Each meeting's village is named as of the day it was held (its versions prefetched once per page)."""
        return with_versions(selectors.attendance_list(user=user, unit=unit, start=start, end=end))


@exporter
class ReportListing(Listing):
    identifier = "bao-cao-thang"
    title = _("Báo cáo tháng")
    filters = (
        Search(placeholder=_("Đoàn, tổ hoặc xã")),
        UnitTree(),
        Choice("doan", _("Đoàn"), selectors.group_choices, arg="group"),
        Choice("to", _("Tổ"), selectors.team_choices, arg="team"),
        Month("thang", _("Tháng (mm/yyyy)"), arg="period"),
        Year(first=2010),
        Choice("trang_thai", _("Trạng thái"), MonthlyReport.Status.choices, arg="status"),
    )
    columns = (
        Column(_("Tháng"), lambda r: r.period.strftime("%m/%Y")),
        Column(_("Đoàn"), lambda r: r.team.group.name),
        Column(_("Tổ"), lambda r: r.team.name),
        Column(_("Xã"), lambda r: name_on(r.unit, r.period)),
        Column(_("Trạng thái"), lambda r: r.get_status_display()),
        Column(_("Gửi lúc"), lambda r: r.submitted_at),
        Column(_("Hạn"), lambda r: r.due),
    )

    def rows(self, user, *, q="", unit=None, group="", team="", period=None, year=None, status=""):
        """Each report's commune is named as of its month."""
        rows = selectors.report_list(
            user=user,
            q=q,
            unit=unit,
            group=_int(group),
            team=_int(team),
            period=period,
            year=year,
            status=status or "",
        )
        return with_versions(rows)


def _participants(activity) -> str:
    return ", ".join(p.full_name for p in activity.participants.all())


@exporter
class ActivityListing(Listing):
    identifier = "hoat-dong-co-so"
    title = _("Hoạt động tại cơ sở")
    filters = (UnitTree(), Choice("hinh_thuc", _("Hình thức"), Activity.Kind.choices, arg="kind"), Year(first=2010))
    columns = (
        Column(_("Ngày"), lambda a: a.held_on),
        Column(_("Hình thức"), lambda a: a.get_kind_display()),
        Column(_("Nơi làm việc"), lambda a: name_on(a.unit, a.held_on)),
        Column(_("Tổ"), lambda a: a.team.name),
        Column(_("Thành phần"), _participants),
        Column(_("Kết quả, nhận xét"), lambda a: a.findings),
    )

    def rows(self, user, *, unit=None, kind="", year=None):
        """Each activity's place is named as of the day it was held."""
        return with_versions(selectors.activity_list(user=user, unit=unit, kind=kind or "", year=year))


def _source(item) -> str:
    if item.report_id:
        return str(_("Báo cáo tháng"))
    if item.activity_id:
        return str(_("Hoạt động tại cơ sở"))
    return str(_("Dự sinh hoạt chi bộ"))


@exporter
class RaisedListing(Listing):
    identifier = "kien-nghi-tu-co-so"
    title = _("Kiến nghị từ cơ sở")
    filters = (UnitTree(), Choice("phan_loai", _("Phân loại"), RaisedItem.Kind.choices, arg="kind"), Year(first=2010))
    columns = (
        Column(_("Ngày nêu"), lambda r: r.raised_on),
        Column(_("Phân loại"), lambda r: r.get_kind_display()),
        Column(_("Đơn vị phát sinh"), lambda r: name_on(r.unit, r.raised_on)),
        Column(_("Nội dung"), lambda r: r.content),
        Column(_("Tổ nêu"), lambda r: r.team.name if r.team else ""),
        Column(_("Nguồn"), _source),
    )

    def rows(self, user, *, unit=None, kind="", year=None):
        """Each item's unit is named as of the day it was raised."""
        return with_versions(selectors.raised_list(user=user, unit=unit, kind=kind or "", year=year))


# --- Computed tables of one group -----------------------------------------------------------------------------


class GroupTable(Exporter):
    """A table of the group named by the `doan` parameter (404 outside the user's reach, like its page)."""

    def group(self, user, params) -> WorkingGroup:
        return access.get_for_user(user, WorkingGroup, _int(params.get("doan")) or 0)

    def table(self, user, params) -> list:  # pragma: no cover - abstract
        raise NotImplementedError

    def _table(self, user, params) -> list:
        # count() then export_rows() on the same request: compute once
        key = (getattr(user, "pk", None), tuple(sorted((k, params.get(k)) for k in params)))
        if getattr(self, "_cached", (None,))[0] != key:
            self._cached = (key, self.table(user, params))
        return self._cached[1]

    def count(self, user, params) -> int:
        return len(self._table(user, params))

    def export_rows(self, user, params):
        return self._table(user, params)


@exporter
class CoverageExport(GroupTable):
    """Per team, commune and village cell: the times a team member attended its meetings in the quarter
    (`quy`, e.g. 2016-Q2), against the group's quota."""

    identifier = "bao-phu-sinh-hoat-chi-bo"
    title = _("Dự sinh hoạt chi bộ")

    def headers(self) -> list[str]:
        return [str(_("Tổ")), str(_("Xã")), str(_("Chi bộ")), str(_("Số lần dự")), str(_("Yêu cầu"))]

    def table(self, user, params) -> list:
        group = self.group(user, params)
        year, quarter = _parse_quarter(params.get("quy"))
        rows = statistics.coverage(group=group, year=year, quarter=quarter)
        return [
            [team.name, c.commune.full_name, cell.name, attended, group.cell_visits_per_quarter]
            for team, communes in rows
            for c in communes
            for cell, attended in c.cells
        ]


@exporter
class CompletenessExport(GroupTable):
    """The completeness and timeliness matrix of a group's monthly reports for the year `nam` (DHIS2). The page
    names the year (the file name, the sheet and the months' headers say it), and so does the worker's file."""

    identifier = "tinh-day-du"
    title = _("Báo cáo tháng")

    def __init__(self, year: int | None = None):
        self.year = year
        if year is not None:
            self.title = _("Báo cáo tháng %(y)s") % {"y": year}

    def file_name(self) -> str:
        return f"{self.identifier}-{self.year}" if self.year else self.identifier

    def headers_for(self, user, params) -> list[str]:
        """The worker's file too names the year asked for (its months, its sheet)."""
        if self.year is None:
            self.__init__(parse_year(params.get("nam")))
        return self.headers()

    def headers(self) -> list[str]:
        months = [datetime.date(self.year or 2000, m, 1).strftime("%m/%Y" if self.year else "%m") for m in range(1, 13)]
        return [str(_("Tổ")), str(_("Xã")), *months, str(_("Đầy đủ %")), str(_("Kịp thời %"))]

    def table(self, user, params) -> list:
        year = parse_year(params.get("nam"))
        if self.year is None:
            self.year = year
        matrix = statistics.completeness(group=self.group(user, params), year=year)
        labels = statistics.STATE_LABELS
        return [
            [
                r.team.name,
                r.unit.full_name if r.unit else "",
                *[str(labels.get(s, "")) for s, _r, _d in r.cells],
                r.rate({statistics.ON_TIME, statistics.LATE}),
                r.rate({statistics.ON_TIME}),
            ]
            for r in matrix["rows"]
        ]


def parse_year(value) -> int:
    """The `nam` parameter, or this year when absent or not a number; kept within 1900–2199."""
    try:
        year = int(value) if value not in (None, "") else dates.today().year
    except (TypeError, ValueError):
        year = dates.today().year
    return min(max(year, 1900), 2199)
