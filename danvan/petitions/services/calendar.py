"""The working-day calendar and the due dates it moves."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import access, audit
from danvan.core.models import CalendarDay
from danvan.core.permissions import Cap
from danvan.core.services.common import check_day, fmt, required_text, save_versioned
from danvan.core.workdays import WorkCalendar

from ..models import CLOCK_RUNNING, Petition, State

# --- the calendar -------------------------------------------------------------------------------------------


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
    """Add a day to the one national calendar; due dates from that day on are recomputed."""
    title = _calendar_day_title(actor, day=day, kind=kind, name=name)
    row = CalendarDay.objects.create(day=day, kind=kind, name=title, legal_basis=legal_basis[:300])
    audit.record_create(actor=actor, obj=row, fields=["day", "kind", "name"])
    _recompute_after(day)
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
    """Correct a day of the calendar: it is then entered by hand (no longer the holidays package's); due dates
    from the earlier of the old and new day on are recomputed."""
    title = _calendar_day_title(actor, day=day, kind=kind, name=name, calendar_day=calendar_day)
    before = audit.snapshot(calendar_day, ["day", "kind", "name", "legal_basis"])
    changed = min(day, calendar_day.day)
    calendar_day.day, calendar_day.kind, calendar_day.name = day, kind, title
    calendar_day.legal_basis = legal_basis[:300]
    calendar_day.source = CalendarDay.Source.MANUAL
    save_versioned(calendar_day, expected_version, ["day", "kind", "name", "legal_basis", "source"])
    audit.record_update(actor=actor, obj=calendar_day, before=before, fields=["day", "kind", "name", "legal_basis"])
    _recompute_after(changed)
    return calendar_day


@transaction.atomic
def calendar_day_delete(*, actor, row: CalendarDay) -> None:
    _require_calendar(actor)
    audit.record(actor=actor, obj=row, action="delete", verb=_("Xóa ngày khỏi lịch"))
    day = row.day
    row.delete()
    _recompute_after(day)


@transaction.atomic
def calendar_import_year(*, actor, year: int) -> int:
    from danvan.core.workdays import import_library_days

    _require_calendar(actor)
    if not 1900 <= year <= 2199:
        raise ValidationError({"year": _("Năm không hợp lệ.")})
    count = import_library_days([year])
    _recompute_after(datetime.date(year, 1, 1))
    return count


def _recompute_after(day: datetime.date) -> None:
    """A calendar edit moves the stored due dates of open items whose period spans the edited day."""
    from ..tasks import recompute_due_dates

    transaction.on_commit(lambda: recompute_due_dates.enqueue(day.isoformat()))


def recompute_due_dates(day: datetime.date) -> int:
    rows = Petition.objects.filter(
        state__in=(*CLOCK_RUNNING, State.AWAITING_INFO),
        due_manual=False,
        clock_start__lte=day,
        due_on__gte=day,
        allowed_days__isnull=False,
    ).only("pk", "clock_start", "allowed_days", "paused_days", "due_on")
    changed, batch = 0, []
    first = rows.order_by("clock_start").values_list("clock_start", flat=True).first()
    if first is None:
        return 0
    calendar = WorkCalendar.load(first, max(day, first) + datetime.timedelta(days=4 * 366))
    for petition in rows.order_by("clock_start").iterator(chunk_size=2000):
        due = calendar.add(petition.clock_start, petition.allowed_days + petition.paused_days)
        if due != petition.due_on:
            petition.due_on = due
            batch.append(petition)
        if len(batch) >= 1000:
            Petition.objects.bulk_update(batch, ["due_on"])
            changed += len(batch)
            batch = []
    if batch:
        Petition.objects.bulk_update(batch, ["due_on"])
        changed += len(batch)
    return changed
