"""Writes of the one national working-day calendar (core.CalendarDay, core.workdays): days entered by hand and
the statutory holidays of a year from the `holidays` package. Every edit tells the modules that count working
days (`core.workdays.on_calendar_change`), so that the dates they store move with it."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import access, audit
from ..models import CalendarDay
from ..permissions import Cap
from ..workdays import calendar_changed, import_library_days
from .common import check_day, fmt, required_text, save_versioned


def _require_calendar(actor) -> None:
    access.require_on(actor, Cap.MANAGE_REFERENCE)  # one national calendar


def _calendar_day_title(
    actor, *, day: datetime.date | None, kind: str, name: str, calendar_day: CalendarDay | None = None
) -> str:
    """One row per day; a working day (làm việc bù) only on a Saturday or Sunday."""
    _require_calendar(actor)
    if day is None:
        raise ValidationError({"day": _("Vui lòng nhập ngày.")})
    check_day(day, "day")
    if kind not in CalendarDay.Kind.values:
        raise ValidationError({"kind": _("Loại ngày không hợp lệ.")})
    if kind == CalendarDay.Kind.WORKING and day.weekday() < 5:
        raise ValidationError(
            {
                "kind": _("Ngày %(d)s là ngày làm việc bình thường; làm việc bù chỉ đặt vào thứ Bảy, Chủ nhật.")
                % {"d": fmt(day)}
            }
        )
    title = required_text(name, "name", 200)
    clash = CalendarDay.objects.filter(day=day)
    if calendar_day is not None:
        clash = clash.exclude(pk=calendar_day.pk)
    if clash.exists():
        raise ValidationError({"day": _("Ngày %(d)s đã có trong lịch.") % {"d": fmt(day)}})
    return title


@transaction.atomic
def calendar_day_create(
    *, actor, day: datetime.date | None, kind: str, name: str, legal_basis: str = ""
) -> CalendarDay:
    """Add a day to the one national calendar; dates counted in working days from that day on move."""
    title = _calendar_day_title(actor, day=day, kind=kind, name=name)
    row = CalendarDay.objects.create(day=day, kind=kind, name=title, legal_basis=legal_basis[:300])
    audit.record_create(actor=actor, obj=row, fields=["day", "kind", "name"])
    calendar_changed(day)
    return row


@transaction.atomic
def calendar_day_update(
    *,
    actor,
    calendar_day: CalendarDay,
    expected_version: int | None,
    day: datetime.date | None,
    kind: str,
    name: str,
    legal_basis: str = "",
) -> CalendarDay:
    """Correct a day of the calendar: it is then entered by hand (no longer the holidays package's); dates
    from the earlier of the old and new day on move."""
    title = _calendar_day_title(actor, day=day, kind=kind, name=name, calendar_day=calendar_day)
    before = audit.snapshot(calendar_day, ["day", "kind", "name", "legal_basis"])
    changed = min(day, calendar_day.day)
    calendar_day.day, calendar_day.kind, calendar_day.name = day, kind, title
    calendar_day.legal_basis = legal_basis[:300]
    calendar_day.source = CalendarDay.Source.MANUAL
    save_versioned(calendar_day, expected_version, ["day", "kind", "name", "legal_basis", "source"])
    audit.record_update(actor=actor, obj=calendar_day, before=before, fields=["day", "kind", "name", "legal_basis"])
    calendar_changed(changed)
    return calendar_day


@transaction.atomic
def calendar_day_delete(*, actor, row: CalendarDay) -> None:
    _require_calendar(actor)
    audit.record(actor=actor, obj=row, action="delete", verb=_("Xóa ngày khỏi lịch"))
    day = row.day
    row.delete()
    calendar_changed(day)


@transaction.atomic
def calendar_import_year(*, actor, year: int) -> int:
    """The public holidays (Bộ luật Lao động 2019, Điều 112), days off and working Saturdays of `year` from the
    `holidays` package; days entered by hand are kept."""
    _require_calendar(actor)
    if not 1900 <= year <= 2199:
        raise ValidationError({"year": _("Năm không hợp lệ.")})
    count = import_library_days([year])
    calendar_changed(datetime.date(year, 1, 1))
    return count
