"""Working-day arithmetic: weekends, Tết, compensating Saturdays, pauses, and calendar edits."""

import datetime

import pytest

from danvan.core.access import loader_actor
from danvan.core.models import CalendarDay
from danvan.core.services import calendar
from danvan.core.workdays import WorkCalendar, add_working_days, library_days, working_days_between

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
        calendar.calendar_day_create(actor=loader_actor(), day=D(2030, 6, 4), kind="working", name="Làm bù")
    assert "kind" in error.value.message_dict
    assert not CalendarDay.objects.filter(day=D(2030, 6, 4)).exists()


def test_the_registry_follows_every_calendar_edit_through_core(world, desk, on_day, django_capture_on_commit_callbacks):
    """petitions registers with core.workdays.on_calendar_change; core's calendar services call it, and the
    stored due dates move after the commit."""
    from danvan.core import workdays
    from danvan.petitions.services import due_dates_follow_calendar

    from .test_lifecycle import intake

    assert due_dates_follow_calendar in workdays._ON_CHANGE
    on_day(D(2016, 3, 1))
    p = intake(world, desk, body=desk.agriculture)
    assert p.due_on == D(2016, 3, 29)  # 20 working days
    with django_capture_on_commit_callbacks(execute=True):
        row = calendar.calendar_day_create(actor=loader_actor(), day=D(2016, 3, 15), kind="day_off", name="Nghỉ (thử)")
    p.refresh_from_db()
    assert p.due_on == D(2016, 3, 30)
    with django_capture_on_commit_callbacks(execute=True):
        calendar.calendar_day_update(
            actor=loader_actor(),
            calendar_day=row,
            expected_version=row.version,
            day=D(2016, 4, 15),
            kind="day_off",
            name="Nghỉ (dời)",
        )
    p.refresh_from_db()
    assert p.due_on == D(2016, 3, 29)  # the day off left the period
    row.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        calendar.calendar_day_create(actor=loader_actor(), day=D(2016, 3, 19), kind="working", name="Làm bù (thử)")
    p.refresh_from_db()
    assert p.due_on == D(2016, 3, 28)  # a working Saturday inside the period


def test_import_holidays_is_cores_command_and_tells_the_modules(world, monkeypatch):
    import io

    from django.core.management import call_command

    from danvan.core import workdays

    seen = []
    monkeypatch.setattr(workdays, "_ON_CHANGE", [])
    workdays.on_calendar_change(seen.append)
    workdays.on_calendar_change(seen.append)  # registered once
    out = io.StringIO()
    call_command("import_holidays", "2031", stdout=out)
    added = CalendarDay.objects.filter(day__year=2031).count()
    assert added > 5 and f"Đã thêm {added} ngày vào lịch năm 2031." in out.getvalue()
    assert seen == [D(2031, 1, 1)]
    manual = CalendarDay.objects.filter(day__year=2031).first()
    CalendarDay.objects.filter(pk=manual.pk).update(source=CalendarDay.Source.MANUAL, name="Sửa tay")
    call_command("import_holidays", "2031", stdout=io.StringIO())
    assert CalendarDay.objects.get(pk=manual.pk).name == "Sửa tay"  # days entered by hand are kept
    assert seen == [D(2031, 1, 1), D(2031, 1, 1)]
