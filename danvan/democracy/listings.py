"""The lists and exports of grassroots democracy (core.lists, core.exporting): the four kinds of records, the
people's inspection boards and the compliance tables. What a user sees is decided by the selectors (the access
registry); the query parameters, the export columns and the file names are those the pages always had."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from danvan.core import dates, exporting, names
from danvan.core.exporting import Column, Exporter, exporter
from danvan.core.lists import Listing, Search, UnitTree, Year
from danvan.core.models import Unit
from danvan.core.pickers import visible_units
from danvan.core.services.common import fmt

from . import selectors
from .forms import PeriodForm
from .models import CommunityDecision, Consultation, Dialogue, Disclosure
from .statistics import CommuneResult, Ledger

# --- Records ---------------------------------------------------------------------------------------------------


def _yes(value: bool) -> str:
    return gettext("Có") if value else ""


def _then(record, day, field: str = "unit") -> str:
    """The record's unit (or place) named as of `day`, the record's date, from the versions its list prefetched."""
    return names.name_on(getattr(record, field), day)


class RecordListing(Listing):
    """A list of one kind of record: search, unit (with what is below it), year of its date. Units are named as
    of each record's date (`date_field`): their versions are prefetched once per page (`dated` for the page,
    `exported` too for the workbook)."""

    model: type | None = None
    date_field = ""
    related: tuple[str, ...] = ()
    stem = ""  # the workbook's file name
    headings: tuple = ()  # the page's columns
    create_url = ""
    filters = (Search(), UnitTree(), Year())
    dated: tuple[str, ...] = ("unit",)  # the unit fields the page names as of the record's date
    exported: tuple[str, ...] = ()  # and those only the workbook shows

    def rows(self, user, *, q="", unit=None, year=None):
        rows = selectors.listing(
            self.model, user=user, q=q, unit=unit, year=year, date_field=self.date_field, extra=self.related
        )
        return self._dated(rows, self.dated)

    def queryset(self, user, params):
        return self._dated(super().queryset(user, params), self.exported)

    @staticmethod
    def _dated(rows, fields):
        for field in fields:
            rows = names.with_versions(rows, field)
        return rows

    def file_name(self) -> str:
        return self.stem

    def display(self, obj) -> tuple[str, list, str]:
        """One row of the page: its address, its cells, a line under the first cell."""
        raise NotImplementedError


@exporter
class DisclosureListing(RecordListing):
    identifier = "dan-chu-cong-khai"
    title = _("Công khai")
    model = Disclosure
    date_field = "started_on"
    related = ("item",)
    stem = "disclosure"
    create_url = "democracy:disclosure_create"
    headings = (_("Thông tin công khai"), _("Xã"), _("Thời gian"), _("Văn bản áp dụng"))
    columns = (
        Column(_("Mã số"), lambda d: d.pk),
        Column(_("Xã"), lambda d: _then(d, d.started_on)),
        Column(_("Nội dung"), lambda d: d.item.name),
        Column(_("Tên thông tin"), lambda d: d.title),
        Column(_("Từ ngày"), lambda d: d.started_on),
        Column(_("Đến ngày"), lambda d: d.ended_on),
        Column(_("Số ngày"), lambda d: d.days),
        Column(_("Số ngày trên loa"), lambda d: d.loudspeaker_days),
        Column(_("Địa điểm"), lambda d: d.place),
        Column(_("Người thực hiện"), lambda d: d.done_by),
        Column(_("Văn bản áp dụng"), lambda d: d.rule_set.short_name),
    )

    def display(self, d):
        period = f"{fmt(d.started_on)} – {fmt(d.ended_on)} ({d.days} " + gettext("ngày") + ")"
        return d.get_absolute_url(), [d.title, _then(d, d.started_on), period, d.rule_set.short_name], d.item.name


@exporter
class DecisionListing(RecordListing):
    identifier = "dan-chu-bieu-quyet"
    title = _("Nhân dân bàn và quyết định")
    model = CommunityDecision
    date_field = "held_on"
    related = ("place__type", "matter")
    stem = "communitydecision"
    create_url = "democracy:decision_create"
    dated = ("place",)  # the page shows the village, the workbook the commune too
    exported = ("unit",)
    headings = (_("Nội dung biểu quyết"), _("Thôn, xã"), _("Ngày"), _("Kết quả"))
    columns = (
        Column(_("Mã số"), lambda d: d.pk),
        Column(_("Xã"), lambda d: _then(d, d.held_on)),
        Column(_("Thôn, tổ dân phố"), lambda d: _then(d, d.held_on, "place")),
        Column(_("Nội dung"), lambda d: d.matter.name),
        Column(_("Tên việc"), lambda d: d.title),
        Column(_("Ngày"), lambda d: d.held_on),
        Column(_("Hình thức"), lambda d: d.get_form_display()),
        Column(_("Tính theo"), lambda d: d.get_basis_display()),
        Column(_("Tổng số"), lambda d: d.total),
        Column(_("Tham gia"), lambda d: d.present),
        Column(_("Tán thành"), lambda d: d.votes_for),
        Column(_("Không tán thành"), lambda d: d.votes_against),
        Column(_("Cách biểu quyết"), lambda d: d.get_method_display()),
        Column(_("Được thông qua"), lambda d: gettext("Có") if d.passed else gettext("Không")),
        Column(_("Trạng thái"), lambda d: d.get_state_display()),
        Column(_("Ngày công nhận"), lambda d: d.recognised_on),
        Column(_("Văn bản áp dụng"), lambda d: d.rule_set.short_name),
    )

    def display(self, d):
        result = f"{d.votes_for}/{d.total} · {d.get_state_display()}"
        return d.get_absolute_url(), [d.title, _then(d, d.held_on, "place"), fmt(d.held_on), result], d.matter.name


@exporter
class ConsultationListing(RecordListing):
    identifier = "dan-chu-lay-y-kien"
    title = _("Nhân dân tham gia ý kiến")
    model = Consultation
    date_field = "opened_on"
    related = ("matter",)
    stem = "consultation"
    create_url = "democracy:consultation_create"
    headings = (_("Dự thảo, vấn đề"), _("Xã"), _("Thời gian"), _("Ý kiến"))
    columns = (
        Column(_("Mã số"), lambda c: c.pk),
        Column(_("Xã"), lambda c: _then(c, c.opened_on)),
        Column(_("Nội dung"), lambda c: c.matter.name),
        Column(_("Dự thảo, vấn đề"), lambda c: c.title),
        Column(_("Từ ngày"), lambda c: c.opened_on),
        Column(_("Đến ngày"), lambda c: c.closed_on),
        Column(_("Được hỏi"), lambda c: c.asked),
        Column(_("Ý kiến nhận được"), lambda c: c.answered),
        Column(_("Tán thành"), lambda c: c.agree),
        Column(_("Không tán thành"), lambda c: c.disagree),
        Column(_("Ý kiến khác"), lambda c: c.other),
        Column(_("Ngày công bố tiếp thu"), lambda c: c.response_on),
        Column(_("Văn bản áp dụng"), lambda c: c.rule_set.short_name),
    )

    def display(self, c):
        response = gettext("đã công bố tiếp thu") if c.response_on else gettext("chưa công bố tiếp thu")
        cells = [
            c.title,
            _then(c, c.opened_on),
            f"{fmt(c.opened_on)} – {fmt(c.closed_on)}",
            f"{c.answered}/{c.asked} · {response}",
        ]
        return c.get_absolute_url(), cells, c.matter.name


@exporter
class DialogueListing(RecordListing):
    identifier = "dan-chu-doi-thoai"
    title = _("Hội nghị đối thoại")
    model = Dialogue
    date_field = "held_on"
    stem = "dialogue"
    create_url = "democracy:dialogue_create"
    headings = (_("Chủ đề"), _("Xã"), _("Ngày đối thoại"), _("Kết quả"))
    columns = (
        Column(_("Mã số"), lambda d: d.pk),
        Column(_("Xã"), lambda d: _then(d, d.held_on)),
        Column(_("Chủ đề"), lambda d: d.title),
        Column(_("Ngày thông báo"), lambda d: d.notice_on),
        Column(_("Ngày đối thoại"), lambda d: d.held_on),
        Column(_("Số người dự"), lambda d: d.participants),
        Column(_("Theo yêu cầu cử tri"), lambda d: _yes(d.requested)),
        Column(_("Ngày công bố kết quả"), lambda d: d.results_on),
        Column(_("Văn bản áp dụng"), lambda d: d.rule_set.short_name),
    )

    def display(self, d):
        results = gettext("công bố %(d)s") % {"d": fmt(d.results_on)} if d.results_on else gettext("chưa công bố")
        return d.get_absolute_url(), [d.title, _then(d, d.held_on), fmt(d.held_on), results], ""


# --- People's inspection boards --------------------------------------------------------------------------------


def _head(board) -> str:
    return next((m.full_name for m in board.members.all() if m.role == "head"), "")


@exporter
class BoardListing(Listing):
    identifier = "ban-thanh-tra-nhan-dan"
    title = _("Ban Thanh tra nhân dân")
    filters = (Search(), UnitTree())  # a board is found by its commune's name
    create_url = "democracy:board_create"
    headings = (_("Xã"), _("Nhiệm kỳ"), _("Thành viên"), _("Văn bản áp dụng"))
    columns = (
        Column(_("Mã số"), lambda b: b.pk),
        Column(_("Xã"), lambda b: _then(b, b.elected_on)),
        Column(_("Ngày bầu"), lambda b: b.elected_on),
        Column(_("Nhiệm kỳ từ"), lambda b: b.term_from),
        Column(_("Nhiệm kỳ đến"), lambda b: b.term_to),
        Column(_("Số thành viên"), lambda b: len(b.members.all())),
        Column(_("Trưởng ban"), _head),
        Column(_("Văn bản áp dụng"), lambda b: b.rule_set.short_name),
    )

    def rows(self, user, *, q="", unit=None):
        """Each board's commune is named as of the day it was elected."""
        return names.with_versions(selectors.board_list(user=user, q=q, unit=unit))

    def display(self, b):
        cells = [
            _then(b, b.elected_on),
            f"{fmt(b.term_from)} – {fmt(b.term_to)}",
            len(b.members.all()),
            b.rule_set.short_name,
        ]
        return b.get_absolute_url(), cells, ""


# --- Compliance ------------------------------------------------------------------------------------------------


@dataclass
class Period:
    """The unit and period the compliance page shows (`don_vi`, `tu_ngay`, `den_ngay`): this year and the
    user's first unit unless asked otherwise."""

    form: PeriodForm
    unit: Unit | None
    start: datetime.date
    end: datetime.date
    now: datetime.date

    @property
    def single(self) -> bool:
        return self.unit is not None and self.unit.level.code == "commune"

    @property
    def label(self) -> str:
        return f"{fmt(self.start)} – {fmt(self.end)}"

    def ledger(self, user) -> Ledger:
        """The period's ledger; the unit and its communes are named as of the ledger's day."""
        day = min(self.end, self.now)
        communes = selectors.communes_under(self.unit, day, user) if self.unit else []
        ledger = Ledger(communes, self.start, self.end, self.now)
        if self.unit is not None:
            names.relabel([self.unit], ledger.day)
        return ledger


def compliance_period(user, params) -> Period:
    now = dates.today()
    form = PeriodForm(params or None, user=user)
    form.is_valid()  # a value that does not parse is shown next to its field and ignored
    data = getattr(form, "cleaned_data", {})
    start = data.get("tu_ngay") or datetime.date(now.year, 1, 1)
    end = data.get("den_ngay") or datetime.date(start.year, 12, 31)
    if end < start:
        start, end = end, start
    unit = data.get("don_vi") or visible_units(user).first()
    return Period(form, unit, start, end, now)


def ranked(results: list[CommuneResult]) -> list[CommuneResult]:
    """Unmet first: the lowest rate of compliance first, communes with nothing due last."""
    return sorted(results, key=lambda r: (r.percent if r.percent is not None else 101, r.unit.sort_key))


class _ComplianceExport(Exporter):
    title = _("Dân chủ ở cơ sở")

    def __init__(self):
        self._computed: dict = {}

    def file_name(self) -> str:
        return "dan-chu-co-so"

    def table(self, user, params) -> tuple[Period, list[CommuneResult]]:
        """The period and its ranked results, computed once for the count and the rows of one request."""
        key = (user.pk, sorted((k, tuple(params.getlist(k))) for k in params))
        if self._computed.get("key") != key:
            period = compliance_period(user, params)
            self._computed = {"key": key, "value": (period, ranked(period.ledger(user).results()))}
        return self._computed["value"]

    def count(self, user, params) -> int:
        return len(list(self.export_rows(user, params)))


@exporter
class ComplianceExport(_ComplianceExport):
    """One row per commune of the unit: duties due, met, the rate and what is unmet."""

    identifier = "dan-chu-co-so"

    def headers(self):
        return [
            str(h)
            for h in (
                _("Đơn vị"),
                _("Kỳ"),
                _("Xã"),
                _("Nhiệm vụ phải thực hiện"),
                _("Đã đạt"),
                _("Tỷ lệ (%)"),
                _("Chưa đạt"),
            )
        ]

    def export_rows(self, user, params):
        period, results = self.table(user, params)
        return [
            (
                period.unit.full_name if period.unit else "",
                period.label,
                r.unit.full_name,
                r.due,
                r.met,
                round(r.percent, 1) if r.percent is not None else None,
                "; ".join(d.label for d in r.duties if not d.met)[:2000],
            )
            for r in results
        ]


@exporter
class CommuneComplianceExport(_ComplianceExport):
    """One commune: each duty (unmet first), then each line of the disclosure checklist."""

    identifier = "dan-chu-co-so-xa"

    def headers(self):
        return [str(h) for h in (_("Xã"), _("Kỳ"), _("Nhiệm vụ"), _("Đạt"), _("Chi tiết"))]

    def export_rows(self, user, params):
        period, results = self.table(user, params)
        if not period.single or not results:
            return []
        result = results[0]
        name = result.unit.full_name
        duties = [
            (name, period.label, d.label, gettext("Đạt") if d.met else gettext("Chưa đạt"), d.detail)
            for d in result.unmet_first
        ]
        checklist = [
            (name, period.label, gettext("Công khai: %(i)s") % {"i": row.item.name}, row.label, row.reason)
            for row in result.checklist
        ]
        return duties + checklist


def compliance_exporter(request) -> Exporter | None:
    """The compliance page's workbook when it is asked for (`?xuat=xlsx`): one commune's duties and checklist,
    or one row per commune of a larger unit."""
    if not exporting.wants_export(request):
        return None
    single = compliance_period(request.user, request.GET).single
    return CommuneComplianceExport() if single else ComplianceExport()
