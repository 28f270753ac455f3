"""Time limits in calendar days (Civil Code 2015): the first day is not counted (Art. 147) and a limit ending on a
weekend or a holiday ends on the next working day (Art. 148(5)); a working Saturday is a working day."""

import datetime

import pytest

from danvan.core.workdays import WorkCalendar, add_calendar_days

D = datetime.date
pytestmark = pytest.mark.django_db


def test_a_60_day_limit_ending_on_a_sunday_ends_on_monday():
    assert D(2016, 3, 9) + datetime.timedelta(days=60) == D(2016, 5, 8)  # a Sunday
    assert add_calendar_days(D(2016, 3, 9), 60) == D(2016, 5, 9)
    assert add_calendar_days(D(2016, 3, 8), 60) == D(2016, 5, 9)  # ends on Saturday 07/05: also Monday
    assert add_calendar_days(D(2016, 3, 10), 60) == D(2016, 5, 9)  # ends on Monday itself: unchanged


def test_a_60_day_limit_ending_during_tet_ends_when_work_resumes():
    assert add_calendar_days(D(2015, 12, 10), 60) == D(2016, 2, 15)  # 08/02/2016 is Tết Bính Thân
    assert add_calendar_days(D(2016, 3, 3), 60) == D(2016, 5, 4)  # 02/05 and 03/05/2016 observed holidays


def test_a_limit_ending_on_a_working_saturday_ends_that_day():
    assert add_calendar_days(D(2025, 2, 25), 60) == D(2025, 4, 26)  # Saturday worked in exchange for 02/05


def test_the_calendar_object_gives_the_same_day_as_the_function():
    calendar = WorkCalendar.load(D(2015, 12, 1), D(2016, 6, 30))
    for start in (D(2015, 12, 10), D(2016, 3, 9), D(2016, 3, 10)):
        assert calendar.add_days(start, 60) == add_calendar_days(start, 60)
