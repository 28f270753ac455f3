"""The registry's statistics."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danvan.core import dates
from danvan.core.exporting import xlsx_response
from danvan.core.views.helpers import parse_day, wants_export

from .. import statistics

# --- statistics ---------------------------------------------------------------------------------------------


def _period(request) -> tuple[datetime.date, datetime.date]:
    day = dates.today()
    start = parse_day(request.GET.get("tu_ngay")) or day.replace(month=1, day=1)
    end = parse_day(request.GET.get("den_ngay")) or day
    if end < start:
        start, end = end, start
    return start, end


STAT_HEADERS = [
    gettext_noop("Tồn kỳ trước"),
    gettext_noop("Tiếp nhận mới"),
    gettext_noop("Đã trả lời"),
    gettext_noop("Đã giải quyết"),
    gettext_noop("Giải quyết đúng hạn (%)"),
    gettext_noop("Trung vị ngày làm việc"),
    gettext_noop("90% trong (ngày làm việc)"),
    gettext_noop("Đang quá hạn"),
    gettext_noop("Cơ sở đồng ý (%)"),
    gettext_noop("Tồn đọng chuyển kỳ"),
]


def _stat_cells(row) -> list:
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


@login_required
def petition_statistics(request):
    start, end = _period(request)
    by = request.GET.get("theo") if request.GET.get("theo") in ("co-quan", "don-vi") else "co-quan"
    if by == "co-quan":
        rows, total = statistics.by_body(user=request.user, start=start, end=end)
        first = _("Cơ quan giải quyết")
    else:
        rows, total = statistics.by_unit(user=request.user, start=start, end=end)
        first = _("Đơn vị phát sinh (xã)")
    months = statistics.monthly(user=request.user, start=start, end=end)
    if wants_export(request):
        return xlsx_response(
            "thong-ke-kien-nghi",
            _("Thống kê kiến nghị"),
            [first, *[_(h) for h in STAT_HEADERS]],
            [*[[r.label, *_stat_cells(r)] for r in rows], [_("Tổng cộng"), *_stat_cells(total)]],
        )
    peak = max([max(m["received"], m["resolved"], m["answered"]) for m in months] + [1])
    return render(
        request,
        "petitions/statistics.html",
        {
            "rows": rows,
            "total": total,
            "first": first,
            "by": by,
            "start": start,
            "end": end,
            "months": months,
            "peak": peak,
            "headers": [_(h) for h in STAT_HEADERS],
            "params": request.GET.urlencode(),
        },
    )
