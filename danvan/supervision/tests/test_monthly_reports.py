"""Monthly reports: the rules of creation, editing, submission, return, lock and reopening, and the
completeness and timeliness matrix at its edges (DHIS2 definitions)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from danvan.core import dates
from danvan.core.access import loader_actor
from danvan.core.services import units
from danvan.supervision import services, statistics
from danvan.supervision.models import MonthlyReport, RaisedItem

from .factories import build_group

D = datetime.date


@pytest.fixture
def group(world, on_day):
    on_day(D(2016, 2, 1))
    return build_group(world)  # due day 25 of the month, lock 10 days after; report for 01/2016 in draft


def fill(report, text="Tình hình ổn định.", recommendations=""):
    return services.report_update(
        actor=loader_actor(),
        report=report,
        expected_version=report.version,
        general_situation=text,
        difficulties="",
        recommendations=recommendations,
        sections={},
    )


def sent_on(report, day):
    """Record that the report was sent on `day` (noon, Vietnam time)."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    MonthlyReport.objects.filter(pk=report.pk).update(status=MonthlyReport.Status.SUBMITTED, submitted_at=moment)


def state(group, year, team, unit, month):
    matrix = statistics.completeness(group=group, year=year)
    row = next(r for r in matrix["rows"] if r.team == team and r.unit == unit)
    return row.cells[month - 1][0], matrix


def test_a_report_for_a_commune_the_team_does_not_cover_that_month_is_refused(world, group):
    with pytest.raises(ValidationError) as error:
        services.report_create(
            actor=loader_actor(), team=world.extra["team"], unit=world.commune_b, period=D(2016, 1, 1)
        )
    assert "unit" in error.value.error_dict


def test_a_report_for_a_future_month_is_refused(world, group):
    with pytest.raises(ValidationError) as error:
        services.report_create(
            actor=loader_actor(), team=world.extra["team"], unit=world.commune_a, period=D(2016, 3, 1)
        )
    assert "period" in error.value.error_dict


def test_a_second_report_for_the_same_team_commune_and_month_is_refused(world, group):
    with pytest.raises(ValidationError) as error:
        services.report_create(
            actor=loader_actor(), team=world.extra["team"], unit=world.commune_a, period=D(2016, 1, 20)
        )
    assert "period" in error.value.error_dict
    assert MonthlyReport.objects.count() == 1


def test_submitting_turns_each_recommendation_line_into_an_item_and_a_resend_replaces_them(world, group):
    report = fill(world.extra["report"], recommendations="Sửa đường liên thôn\n\nCấp vốn vay cho hộ nghèo")
    services.report_submit(actor=loader_actor(), report=report, expected_version=report.version)
    assert list(RaisedItem.objects.values_list("content", flat=True).order_by("id")) == [
        "Sửa đường liên thôn",
        "Cấp vốn vay cho hộ nghèo",
    ]
    assert {i.unit for i in RaisedItem.objects.all()} == {world.commune_a}
    services.report_return(actor=loader_actor(), report=report, expected_version=report.version, reason="Thiếu số liệu")
    report = fill(report, recommendations="Sửa đường liên thôn")
    services.report_submit(actor=loader_actor(), report=report, expected_version=report.version)
    assert RaisedItem.objects.count() == 1


def test_an_empty_report_cannot_be_sent(world, group):
    report = world.extra["report"]
    with pytest.raises(ValidationError):
        services.report_submit(actor=loader_actor(), report=report, expected_version=report.version)


def test_a_return_needs_a_reason(world, group):
    report = fill(world.extra["report"])
    services.report_submit(actor=loader_actor(), report=report, expected_version=report.version)
    with pytest.raises(ValidationError) as error:
        services.report_return(actor=loader_actor(), report=report, expected_version=report.version, reason="  ")
    assert "reason" in error.value.error_dict


def test_an_edit_from_a_second_tab_is_refused_and_says_what_changed(world, group):
    report = world.extra["report"]
    stale = MonthlyReport.objects.get(pk=report.pk)
    fill(report, text="Bản của tab thứ nhất")
    with pytest.raises(ValidationError) as error:
        fill(stale, text="Bản của tab thứ hai")
    assert "Tình hình chung" in str(error.value)
    assert MonthlyReport.objects.get(pk=report.pk).general_situation == "Bản của tab thứ nhất"


def test_a_report_locks_after_its_due_day_and_a_standing_committee_officer_reopens_it(world, group, on_day):
    on_day(D(2016, 2, 5))  # due 25/01 + 10 days = 04/02: locked from 05/02
    report = MonthlyReport.objects.get(pk=world.extra["report"].pk)
    assert report.is_locked
    with pytest.raises(ValidationError):
        services.report_update(
            actor=world.users["district_user"],
            report=report,
            expected_version=report.version,
            general_situation="x",
            difficulties="",
            recommendations="",
            sections={},
        )
    services.report_reopen(
        actor=world.users["district_user"],
        report=report,
        expected_version=report.version,
        reason="Bổ sung số liệu hộ nghèo",
    )
    fill(MonthlyReport.objects.get(pk=report.pk))
    assert MonthlyReport.objects.get(pk=report.pk).reopened


def test_sent_exactly_on_the_due_day_is_on_time_and_the_day_after_is_late(world, group):
    report = world.extra["report"]
    sent_on(report, D(2016, 1, 25))
    assert state(group, 2016, world.extra["team"], world.commune_a, 1)[0] == statistics.ON_TIME
    sent_on(report, D(2016, 1, 26))
    assert state(group, 2016, world.extra["team"], world.commune_a, 1)[0] == statistics.LATE


def test_a_returned_report_does_not_count_until_it_is_sent_again(world, group):
    report = fill(world.extra["report"])
    services.report_submit(actor=loader_actor(), report=report, expected_version=report.version)
    services.report_return(actor=loader_actor(), report=report, expected_version=report.version, reason="Thiếu")
    cell, matrix = state(group, 2016, world.extra["team"], world.commune_a, 1)
    assert cell == statistics.RETURNED and matrix["columns"][0]["completeness"] == 0


def test_an_assignment_starting_mid_month_expects_that_months_report(world, group, on_day):
    on_day(D(2016, 4, 1))
    services.assignment_set(
        actor=loader_actor(), team=world.extra["team"], unit=world.commune_b, valid_from=D(2016, 3, 20)
    )
    assert state(group, 2016, world.extra["team"], world.commune_b, 3)[0] == statistics.MISSING
    assert state(group, 2016, world.extra["team"], world.commune_b, 2)[0] is None  # not assigned yet: not expected


def test_a_month_not_yet_due_is_left_out_of_the_rates(world, group):
    cell, matrix = state(group, 2016, world.extra["team"], world.commune_a, 2)  # today 01/02, due 25/02
    assert cell == statistics.NOT_DUE and matrix["columns"][1]["completeness"] is None


def test_after_a_merger_the_successor_is_expected_and_rates_never_pass_100(world, group, on_day):
    on_day(D(2020, 6, 1))
    units.reorganization_create(
        actor=loader_actor(),
        kind="merge",
        legal_basis="819/NQ-UBTVQH14",
        effective_date=D(2020, 1, 1),
        units=[world.commune_a, world.commune_b],
        into=world.commune_b,
    )
    matrix = statistics.completeness(group=group, year=2020)
    assert [r.unit for r in matrix["rows"]] == [world.commune_b]
    assert all(c["completeness"] in (None, 0) for c in matrix["columns"])
    assert all(
        0 <= (c["completeness"] or 0) <= 100
        for year in (2016, 2020)
        for c in statistics.completeness(group=group, year=year)["columns"]
    )


def test_the_matrix_takes_a_fixed_number_of_queries(world, group, django_assert_max_num_queries):
    for i in range(2, 5):
        team = services.team_create(actor=loader_actor(), group=group, name=f"Tổ {i}", leader=world.extra["member"])
        services.assignment_set(actor=loader_actor(), team=team, unit=world.commune_b, valid_from=D(2016, 1, 20 + i))
    with django_assert_max_num_queries(6):
        statistics.completeness(group=group, year=2016)


def test_the_matrix_page_json_and_excel(world, group, client_for):
    client = client_for("district_user")
    url = reverse("supervision:report_matrix", args=[group.pk])
    assert "Tính đầy đủ" in client.get(url, {"nam": 2016}).content.decode()
    data = client.get(url, {"nam": 2016, "dinh_dang": "json"}).json()
    assert data["rows"][0]["commune"] == "xã An Lộc" and len(data["months"]) == 12
    assert client.get(url, {"nam": 2016, "xuat": "xlsx"})["Content-Type"].startswith("application/vnd.openxml")


def test_report_actions_outside_the_scope_are_not_found_and_change_nothing(world, group, client_for):
    report = fill(world.extra["report"])
    services.report_submit(actor=loader_actor(), report=report, expected_version=report.version)
    url = reverse("supervision:step_accept", args=[report.pk])
    assert client_for("user_b").post(url, {"version": report.version}).status_code == 404
    assert client_for("viewer_a").post(url, {"version": report.version}).status_code == 404
    assert client_for("anonymous").post(url, {"version": report.version}).status_code == 302
    assert MonthlyReport.objects.get(pk=report.pk).status == MonthlyReport.Status.SUBMITTED
    response = client_for("district_user").post(url, {"version": report.version})
    assert response.status_code == 302 and MonthlyReport.objects.get(pk=report.pk).status == "accepted"


def test_leaders_are_reminded_before_the_due_day_and_after_it_once_each(world, group, on_day):
    from django.contrib.auth import get_user_model

    from danvan.core.models import Notification, Person

    leader_user = get_user_model().objects.create_user("to_truong", email="tt@example.vn")
    Person.objects.filter(pk=world.extra["leader"].pk).update(user=leader_user)
    assert services.report_reminders_send(D(2016, 1, 21)) == 0  # 4 days before: nothing
    assert services.report_reminders_send(D(2016, 1, 22)) == 1  # 3 days before 25/01
    assert services.report_reminders_send(D(2016, 1, 22)) == 0  # once
    assert services.report_reminders_send(D(2016, 1, 26)) == 1  # the day after
    titles = list(Notification.objects.filter(user=leader_user).values_list("title", flat=True).order_by("id"))
    assert titles == [
        "Sắp đến hạn báo cáo tháng 01/2016 (hạn 25/01/2016)",
        "Quá hạn báo cáo tháng 01/2016 (hạn 25/01/2016)",
    ]
    assert "xã An Lộc" in Notification.objects.filter(user=leader_user).first().body


def test_no_reminder_when_every_report_is_in(world, group):
    report = fill(world.extra["report"])
    services.report_submit(actor=loader_actor(), report=report, expected_version=report.version)
    from django.contrib.auth import get_user_model

    from danvan.core.models import Person

    Person.objects.filter(pk=world.extra["leader"].pk).update(user=get_user_model().objects.create_user("tt2"))
    assert services.report_reminders_send(D(2016, 1, 26)) == 0


def test_the_standing_committee_dashboard_counts_reports_awaiting_and_items_raised(world, group, client_for):
    report = fill(world.extra["report"], recommendations="Sửa trạm bơm")
    services.report_submit(actor=loader_actor(), report=report, expected_version=report.version)
    RaisedItem.objects.update(raised_on=dates.today())
    body = client_for("district_user").get(reverse("core:home")).content.decode()
    assert "Chỉ đạo cơ sở" in body and "báo cáo tháng chờ tiếp nhận" in body
    assert "chờ tiếp nhận" not in client_for("viewer_a").get(reverse("core:home")).content.decode()


def test_a_commune_officer_reads_sent_reports_about_the_commune_only_if_the_group_allows_it(world, group, client_for):
    from danvan.supervision.models import WorkingGroup

    report = fill(world.extra["report"])
    url = reverse("supervision:report_detail", args=[report.pk])
    services.report_submit(actor=loader_actor(), report=report, expected_version=report.version)
    assert client_for("viewer_a").get(url).status_code == 404
    WorkingGroup.objects.filter(pk=group.pk).update(reports_visible_to_communes=True)
    assert client_for("viewer_a").get(url).status_code == 200
    assert client_for("user_b").get(url).status_code == 404  # another commune: never
    page = client_for("viewer_a").get(url).content.decode()
    assert "Xử lý báo cáo" not in page  # reading, not handling


def test_only_an_accepted_report_is_marked_compiled_and_an_action_needs_the_version(world, group, client_for):
    report = fill(world.extra["report"])
    services.report_submit(actor=loader_actor(), report=report, expected_version=report.version)
    with pytest.raises(ValidationError):
        services.report_compile(actor=loader_actor(), report=report, expected_version=report.version)
    client = client_for("district_user")
    client.post(reverse("supervision:step_accept", args=[report.pk]))  # no version: refused
    assert MonthlyReport.objects.get(pk=report.pk).status == "submitted"
    client.post(reverse("supervision:step_accept", args=[report.pk]), {"version": report.version})
    report = MonthlyReport.objects.get(pk=report.pk)
    client.post(reverse("supervision:step_compile", args=[report.pk]), {"version": report.version})
    assert MonthlyReport.objects.get(pk=report.pk).status == "compiled"
