"""Working-day arithmetic: weekends, Tết, compensating Saturdays, pauses, and calendar edits."""

import datetime

import pytest

from danvan.core.access import loader_actor
from danvan.core.models import CalendarDay
from danvan.core.workdays import WorkCalendar, add_working_days, library_days, working_days_between
from danvan.petitions import services

D = datetime.date
pytestmark = pytest.mark.django_db


def test_the_seeded_calendar_has_the_2016_holidays():
    days = dict(CalendarDay.objects.filter(day__year=2016).values_list("day", "kind"))
    # Tết Bính Thân: 07/02–12/02/2016; Giỗ Tổ 16/04 (Saturday) observed on Monday 18/04; 30/4 and 1/5 on a
    # weekend, observed on 02/05 and 03/05; Quốc khánh 02/09.
    for day in (D(2016, 2, 8), D(2016, 2, 12), D(2016, 4, 18), D(2016, 5, 2), D(2016, 5, 3), D(2016, 9, 2)):
        assert day in days
    assert CalendarDay.objects.get(day=D(2025, 4, 26)).kind == CalendarDay.Kind.WORKING  # a working Saturday


def test_a_weekend_is_skipped():
    # Friday 15/01/2016 + 1 working day = Monday 18/01/2016.
    assert add_working_days(D(2016, 1, 15), 1) == D(2016, 1, 18)
    assert working_days_between(D(2016, 1, 15), D(2016, 1, 18)) == 1
    assert working_days_between(D(2016, 1, 15), D(2016, 1, 15)) == 0


def test_tet_is_skipped():
    # Thursday 04/02/2016: Friday 05/02 is the last working day before Tết; work resumes on Monday 15/02.
    assert add_working_days(D(2016, 2, 4), 1) == D(2016, 2, 5)
    assert add_working_days(D(2016, 2, 4), 2) == D(2016, 2, 15)
    assert working_days_between(D(2016, 2, 5), D(2016, 2, 15)) == 1


def test_a_compensating_saturday_counts_and_its_day_off_does_not():
    # 2025: Saturday 26/04 is worked so that Friday 02/05 can be taken off.
    assert add_working_days(D(2025, 4, 25), 1) == D(2025, 4, 26)
    # Friday 25/04 → Sat 26/04 (1) → 30/04 and 01/05 holidays, 02/05 off → Mon 28/04 (2), Tue 29/04 (3),
    # then Monday 05/05 (4).
    assert add_working_days(D(2025, 4, 25), 4) == D(2025, 5, 5)


def test_a_calendar_edit_changes_the_arithmetic():
    calendar = WorkCalendar.load(D(2030, 1, 1))
    assert calendar.is_working_day(D(2030, 6, 3))  # an ordinary Monday
    CalendarDay.objects.create(day=D(2030, 6, 3), kind=CalendarDay.Kind.DAY_OFF, name="Nghỉ hoán đổi")
    CalendarDay.objects.create(day=D(2030, 6, 8), kind=CalendarDay.Kind.WORKING, name="Làm bù")
    calendar = WorkCalendar.load(D(2030, 1, 1))
    assert not calendar.is_working_day(D(2030, 6, 3))
    assert calendar.is_working_day(D(2030, 6, 8))  # Saturday
    assert calendar.between(D(2030, 5, 31), D(2030, 6, 10)) == 6  # Tue–Fri, Sat 8/6, Mon 10/6


def test_the_library_gives_vietnamese_names_and_working_saturdays():
    rows = library_days([2025])
    names = {day: (kind, name) for day, kind, name in rows}
    assert names[D(2025, 4, 26)][0] == "working"
    assert names[D(2025, 5, 2)][0] == "day_off"
    assert "Tết" in names[D(2025, 1, 29)][1]


def test_a_working_saturday_must_be_a_weekend_day(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.calendar_day_create(actor=loader_actor(), day=D(2030, 6, 4), kind="working", name="Làm bù")
    assert "kind" in error.value.message_dict
    assert not CalendarDay.objects.filter(day=D(2030, 6, 4)).exists()
