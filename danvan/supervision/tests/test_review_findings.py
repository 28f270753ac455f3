"""Rules found in review: the month rule shared by reports, reminders and the matrix; ended groups;
who may record; assignments after mergers; locks and the second-tab message."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from danvan.core.access import loader_actor
from danvan.core.models import Person
from danvan.core.services import orgs
from danvan.core.tests.cast import grant
from danvan.supervision import selectors, services, statistics
from danvan.supervision.models import Assignment, MonthlyReport, WorkingGroup

from .factories import build_group

D = datetime.date


@pytest.fixture
def group(world, on_day):
    on_day(D(2016, 2, 1))
    return build_group(world)


def leader_gets_user(world, name="tt"):
    user = get_user_model().objects.create_user(name, email=f"{name}@example.vn")
    Person.objects.filter(pk=world.extra["leader"].pk).update(user=user)
    return user


def cell(group, team, unit, month, year=2016):
    rows = statistics.completeness(group=group, year=year)["rows"]
    return next((r.cells[month - 1][0] for r in rows if r.team == team and r.unit == unit), None)


# --- 2. completeness / reminders / coverage -----------------------------------------------------------------


def test_a_short_mid_month_assignment_is_expected_and_its_report_can_be_created(world, group, on_day):
    on_day(D(2016, 4, 10))
    team = world.extra["team"]
    a = services.assignment_set(actor=loader_actor(), team=team, unit=world.commune_b, valid_from=D(2016, 3, 5))
    services.assignment_end(actor=loader_actor(), assignment=a, valid_to=D(2016, 3, 20))
    assert cell(group, team, world.commune_b, 3) == statistics.MISSING  # expected by the matrix ...
    services.report_create(
        actor=loader_actor(), team=team, unit=world.commune_b, period=D(2016, 3, 1)
    )  # ... but refused


def test_a_team_whose_assignment_ended_mid_month_is_reminded(world, group, on_day):
    leader_gets_user(world)
    team = world.extra["team"]
    services.assignment_end(actor=loader_actor(), assignment=world.extra["assignment"], valid_to=D(2016, 3, 10))
    on_day(D(2016, 3, 26))
    assert cell(group, team, world.commune_a, 3) == statistics.MISSING
    assert services.report_reminders_send(D(2016, 3, 26)) == 1  # the day after the due day: gets 0


def test_a_per_team_group_does_not_remind_a_team_without_communes(world, group, on_day):
    WorkingGroup.objects.filter(pk=group.pk).update(report_per_commune=False)
    group.refresh_from_db()
    services.assignment_end(actor=loader_actor(), assignment=world.extra["assignment"], valid_to=D(2016, 1, 31))
    leader_gets_user(world)
    on_day(D(2016, 3, 26))
    assert cell(group, world.extra["team"], None, 3) is None  # not expected in March
    assert services.report_reminders_send(D(2016, 3, 26)) == 0  # yet reminded


def test_an_unexpected_report_shows_but_does_not_count(world, group, on_day):
    WorkingGroup.objects.filter(pk=group.pk).update(report_per_commune=False)
    group.refresh_from_db()
    idle = services.team_create(
        actor=loader_actor(), group=group, name="Tổ 2", leader=world.extra["member"]
    )  # no commune
    on_day(D(2016, 3, 10))
    with pytest.raises(ValidationError):  # a team without communes owes no report and cannot file one
        services.report_create(actor=loader_actor(), team=idle, unit=None, period=D(2016, 2, 1))
    # A report that exists anyway (e.g. filed before the assignment was corrected) shows but does not count.
    MonthlyReport.objects.create(
        team=idle, unit=None, period=D(2016, 2, 1), status=MonthlyReport.Status.SUBMITTED, submitted_at=timezone.now()
    )
    feb = statistics.completeness(group=group, year=2016)["columns"][1]
    assert feb["completeness"] == 0  # Tổ 1 expected and missing; gets 50


def test_an_ended_groups_last_quarter_keeps_its_coverage(world, group, on_day):
    services.attendance_record(
        actor=loader_actor(),
        team=world.extra["team"],
        attendee=world.extra["member"],
        cell=world.extra["cells"][0],
        held_on=D(2016, 1, 20),
    )
    Assignment.objects.update(valid_to=D(2016, 2, 15))  # as assignment_set does for a group with valid_to
    WorkingGroup.objects.filter(pk=group.pk).update(valid_to=D(2016, 2, 15))
    group.refresh_from_db()
    on_day(D(2016, 6, 1))
    [(team, communes)] = statistics.coverage(group=group, year=2016, quarter=1)
    assert communes  # was: []: attendance of Jan/Feb is invisible


def test_the_last_month_of_an_ended_group_can_be_reported(world, group, on_day, client_for, monkeypatch):
    WorkingGroup.objects.filter(pk=group.pk).update(valid_to=D(2016, 2, 29))
    Assignment.objects.update(valid_to=D(2016, 2, 29))
    day = D(2016, 3, 1)
    on_day(day)
    assert cell(group, world.extra["team"], world.commune_a, 2) == statistics.MISSING
    assert client_for("district_user").get(reverse("supervision:report_create")).status_code == 200  # 403


# --- 3. rules that can be bypassed --------------------------------------------------------------------------


def test_ending_an_assignment_cannot_reopen_it(world, group, on_day):
    team, team2 = (
        world.extra["team"],
        services.team_create(actor=loader_actor(), group=group, name="Tổ 2", leader=world.extra["member"]),
    )
    services.assignment_set(actor=loader_actor(), team=team2, unit=world.commune_a, valid_from=D(2016, 6, 1))
    old = Assignment.objects.get(team=team)
    with pytest.raises(ValidationError):  # not raised: two teams now cover xã A at once
        services.assignment_end(actor=loader_actor(), assignment=old, valid_to=D(2016, 12, 31))


def test_a_task_due_after_its_plan_ends_is_refused(world, group):
    with pytest.raises(ValidationError):  # docstring: "due within the plan's period"
        services.task_create(
            actor=loader_actor(),
            plan=world.extra["plan"],
            title="x",
            assignee=world.extra["member"],
            due_on=D(2019, 1, 1),
        )


def test_a_reopened_report_locks_again_after_it_is_sent(world, group, on_day):
    sc = world.users["district_user"]
    on_day(D(2016, 2, 5))
    r = MonthlyReport.objects.get(pk=world.extra["report"].pk)
    services.report_reopen(actor=sc, report=r, expected_version=r.version, reason="Bổ sung")
    r = services.report_update(
        actor=loader_actor(),
        report=r,
        expected_version=r.version,
        general_situation="x",
        difficulties="",
        recommendations="",
        sections={},
    )
    services.report_submit(actor=loader_actor(), report=r, expected_version=r.version)
    services.report_return(actor=sc, report=r, expected_version=r.version, reason="Thiếu")
    on_day(D(2017, 6, 1))
    assert MonthlyReport.objects.get(pk=r.pk).is_locked  # False: editable forever


def test_the_second_tab_message_says_what_changed(world, group, client_for):
    client = client_for("district_user")
    url = reverse("supervision:report_edit", args=[world.extra["report"].pk])
    v = MonthlyReport.objects.get(pk=world.extra["report"].pk).version
    client.post(url, {"version": v, "general_situation": "tab 1"})
    body = client.post(url, {"version": v, "general_situation": "tab 2"}).content.decode()
    assert "sửa (Tình hình chung)" in body, re.findall(r"vừa được người khác sửa \([^)]*\)", body)


# --- 1. permissions ---------------------------------------------------------------------------------------------


def test_only_the_teams_members_record_its_attendance(world, group):
    outsider = get_user_model().objects.create_user("dv_huyen")
    grant(outsider, "mass_mobilization", world.district)
    with pytest.raises(PermissionDenied):  # reports need team membership; attendance does not
        services.attendance_record(
            actor=outsider,
            team=world.extra["team"],
            attendee=world.extra["member"],
            cell=world.extra["cells"][0],
            held_on=D(2016, 1, 20),
        )


def test_activity_participants_belong_to_the_team(world, group):
    stranger = orgs.person_create(actor=loader_actor(), full_name="Người Ngoài", unit=world.commune_b)
    with pytest.raises(ValidationError):
        services.activity_record(
            actor=loader_actor(),
            team=world.extra["team"],
            kind="visit",
            held_on=D(2016, 1, 20),
            unit=world.commune_a,
            participants=[stranger],
            findings="x",
        )


def test_after_a_merger_reassigning_the_successor_releases_the_old_team(world, group, on_day):
    from danvan.core.services import units

    on_day(D(2020, 6, 1))
    units.reorganization_create(
        actor=loader_actor(),
        kind="merge",
        legal_basis="819/NQ-UBTVQH14",
        effective_date=D(2020, 1, 1),
        units=[world.commune_a, world.commune_b],
        into=world.commune_b,
    )
    team2 = services.team_create(actor=loader_actor(), group=group, name="Tổ 2", leader=world.extra["member"])
    services.assignment_set(actor=loader_actor(), team=team2, unit=world.commune_b, valid_from=D(2020, 3, 1))
    assert selectors.team_communes(world.extra["team"], as_of=D(2020, 4, 1)) == []  # still [xã Bình Lộc]
