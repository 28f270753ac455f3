"""Vietnamese working days: Monday to Friday, less the public holidays and days off, plus the compensating
working Saturdays, as recorded in `CalendarDay` (seeded from the `holidays` package, editable as data).

Conventions, as for legal time limits: a period of N working days starting on day D ends on the N-th working
day after D (D itself is not counted); `between(a, b)` counts the working days in (a, b].
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import holidays as holidays_lib
from django.db import transaction

ONE_DAY = datetime.timedelta(days=1)
MAX_SPAN_DAYS = 3 * 366  # a calendar is loaded for a bounded window

# --- Who follows the calendar -----------------------------------------------------------------------------------

_ON_CHANGE: list[Callable[[datetime.date], None]] = []


def on_calendar_change(callback: Callable[[datetime.date], None]) -> Callable[[datetime.date], None]:
    """Register `callback(day)`, called by every calendar edit (core.services.calendar) inside its transaction
    with the first day the edit changes: a module that stores dates counted in working days moves them (the
    kiến nghị due dates). Registered once, at start-up (the app's `ready`)."""
    if callback not in _ON_CHANGE:
        _ON_CHANGE.append(callback)
    return callback


def calendar_changed(day: datetime.date) -> None:
    """Tell every registered module that working days from `day` on may have changed."""
    for callback in list(_ON_CHANGE):
        callback(day)


@dataclass(frozen=True)
class WorkCalendar:
    """The exceptions of one window of days, loaded in one query; pure arithmetic afterwards."""

    off: frozenset[datetime.date]  # weekdays without work
    working: frozenset[datetime.date]  # weekend days with work

    @classmethod
    def load(cls, start: datetime.date, end: datetime.date | None = None) -> "WorkCalendar":
        from .models import CalendarDay

        end = end or start + datetime.timedelta(days=MAX_SPAN_DAYS)
        rows = CalendarDay.objects.filter(day__gte=start, day__lte=end).values_list("day", "kind")
        off, working = set(), set()
        for day, kind in rows:
            (working if kind == CalendarDay.Kind.WORKING else off).add(day)
        return cls(frozenset(off), frozenset(working))

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.working:
            return True
        return day.weekday() < 5 and day not in self.off

    def add(self, start: datetime.date, working_days: int) -> datetime.date:
        """The day on which `working_days` working days after `start` end."""
        day, left = start, working_days
        while left > 0:
            day += ONE_DAY
            if self.is_working_day(day):
                left -= 1
        return day

    def add_days(self, start: datetime.date, days: int) -> datetime.date:
        """The last day of a time limit of `days` calendar days from `start` (the first day not counted, Civil Code
        2015 Art. 147), rolled forward to the next working day when it falls on a weekend or a holiday
        (Art. 148(5))."""
        day = start + datetime.timedelta(days=days)
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days in (start, end]; 0 when end is not after start."""
        count, day = 0, start
        while day < end:
            day += ONE_DAY
            count += self.is_working_day(day)
        return count


def add_working_days(start: datetime.date, working_days: int) -> datetime.date:
    return WorkCalendar.load(start).add(start, working_days)


def add_calendar_days(start: datetime.date, days: int) -> datetime.date:
    """A time limit in calendar days, rolled forward past weekends and holidays (Civil Code 2015 Art. 148(5)): the
    one function every module uses for such deadlines (working-day limits: `add_working_days`)."""
    return WorkCalendar.load(start, start + datetime.timedelta(days=days + 31)).add_days(start, days)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    if end <= start:
        return 0
    return WorkCalendar.load(start, end).between(start, end)


def library_days(years) -> list[tuple[datetime.date, str, str]]:
    """(day, kind, name) for Vietnam's holidays in `years` from the `holidays` package, Vietnamese names.

    Holidays on a weekend are kept (they explain the calendar) and do not change the arithmetic."""
    table = holidays_lib.country_holidays("VN", years=list(years), language="vi")
    rows = []
    for day, name in sorted(table.items()):
        lowered = name.lower()
        kind = "day_off" if ("nghỉ bù" in lowered or "thay cho" in lowered) else "holiday"
        rows.append((day, kind, name))
    for day in sorted(getattr(table, "weekend_workdays", ())):
        if day.year in set(years):
            rows.append((day, "working", "Làm việc bù"))
    return rows


@transaction.atomic
def import_library_days(years, *, replace_library_rows: bool = True) -> int:
    """Fill the calendar for `years` from the package. Hand-entered days are never overwritten."""
    from .models import CalendarDay

    years = list(years)
    manual = set(CalendarDay.objects.filter(source=CalendarDay.Source.MANUAL).values_list("day", flat=True))
    if replace_library_rows:
        CalendarDay.objects.filter(source=CalendarDay.Source.LIBRARY, day__year__in=years).delete()
    created = 0
    for day, kind, name in library_days(years):
        if day in manual:
            continue
        _, made = CalendarDay.objects.get_or_create(
            day=day, defaults={"kind": kind, "name": name[:200], "source": CalendarDay.Source.LIBRARY}
        )
        created += made
    return created
