"""The one "today" and the one "as of": every module asks here.

- `today()` is the real date in the server's time zone. Access rules and scope always use it.
- `record_day()` is the day a record is being written for: today, or the day replayed by a loader of
  historical records (`replaying(day)`: the demo, imports of past registers), so that events and clocks
  take that day while permission checks keep the real date.
- `as_of(value, default=...)` reads the "as of" date a page is asked for (`?ngay=dd/mm/yyyy`), and
  `year_as_of(year)` is the day a year's figures are read: its 31 December, or today for the current year.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime

from django.utils import timezone

_replay_day: contextvars.ContextVar[datetime.date | None] = contextvars.ContextVar("danvan_replay", default=None)

DATE_INPUT_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d")


def today() -> datetime.date:
    return timezone.localdate()


def record_day() -> datetime.date:
    """Today, or the day being replayed by a loader of historical records."""
    return _replay_day.get() or today()


@contextlib.contextmanager
def replaying(day: datetime.date):
    """Record what happened on `day`: events and dates take that day; permission checks keep the real date."""
    token = _replay_day.set(day)
    try:
        yield
    finally:
        _replay_day.reset(token)


def parse(value: str | None) -> datetime.date | None:
    """A date typed as a Vietnamese official writes it (dd/mm/yyyy) or in ISO form; None when absent or bad."""
    text = (value or "").strip()
    for fmt in DATE_INPUT_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def as_of(value: str | None, default: datetime.date | None = None) -> datetime.date:
    """The day a page is read for: the parsed `value`, else `default`, else today."""
    return parse(value) or default or today()


def year_as_of(year: int) -> datetime.date:
    """The day the tree is read for a year's records: its 31 December, or today for the current year."""
    return min(today(), datetime.date(year, 12, 31))


def year_span(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
