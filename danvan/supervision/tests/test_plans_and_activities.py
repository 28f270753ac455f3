"""Plans and tasks, field activities, and the kiến nghị items the teams raise."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from danvan.core import dates
from danvan.core.access import loader_actor
from danvan.core.services import orgs
from danvan.supervision import services
from danvan.supervision.models import Activity, RaisedItem, Task

from .factories import build_group

D = datetime.date


@pytest.fixture
def group(world):
    return build_group(world)


def test_a_task_due_before_its_plan_starts_is_refused(world, group):
    with pytest.raises(ValidationError) as error:
        services.task_create(
            actor=loader_actor(),
            plan=world.extra["plan"],
            title="Dự họp chi bộ",
            assignee=world.extra["member"],
            due_on=D(2015, 12, 31),
        )
    assert "due_on" in error.value.error_dict and not Task.objects.exists()


def test_a_task_goes_to_a_member_of_the_team_only(world, group):
    outsider = orgs.person_create(actor=loader_actor(), full_name="Người Ngoài Tổ", unit=world.district)
    with pytest.raises(ValidationError) as error:
        services.task_create(
            actor=loader_actor(), plan=world.extra["plan"], title="x", assignee=outsider, due_on=D(2016, 2, 1)
        )
    assert "assignee" in error.value.error_dict


def test_an_unfinished_task_past_its_due_day_is_overdue_and_a_done_one_is_not(world, group):
    task = services.task_create(
        actor=loader_actor(),
        plan=world.extra["plan"],
        title="Nắm tình hình",
        due_on=D(2016, 2, 1),
        assignee=world.extra["member"],
    )
    assert task.is_overdue and str(task.status_label) == "Quá hạn"
    services.task_set_status(actor=loader_actor(), task=task, expected_version=task.version, status=Task.Status.DONE)
    assert not task.is_overdue and task.done_on == dates.today()


def test_task_status_from_outside_the_scope_is_not_found(world, group, client_for):
    task = services.task_create(
        actor=loader_actor(), plan=world.extra["plan"], title="x", due_on=D(2016, 2, 1), assignee=world.extra["member"]
    )
    url = reverse("supervision:task_status", args=[task.pk])
    assert client_for("user_b").post(url, {"status": "done", "version": task.version}).status_code == 404
    assert client_for("district_user").post(url, {"status": "done", "version": task.version}).status_code == 302
    assert Task.objects.get(pk=task.pk).status == "done"


def test_an_activity_raises_kien_nghi_items_in_the_same_form(world, group):
    activity = services.activity_record(
        actor=loader_actor(),
        team=world.extra["team"],
        kind="inspection",
        held_on=D(2016, 3, 2),
        unit=world.village_a1,
        participants=[world.extra["member"]],
        findings="Kiểm tra việc thực hiện quy chế dân chủ.",
        raised="Đề nghị cấp kinh phí sửa nhà văn hóa thôn\nĐề nghị tập huấn cho Ban TTND",
    )
    items = RaisedItem.objects.filter(activity=activity)
    assert items.count() == 2 and {i.unit for i in items} == {world.village_a1}


@pytest.mark.parametrize(("case", "field"), [("outside", "unit"), ("future", "held_on"), ("nobody", "participants")])
def test_an_activity_that_breaks_a_rule_is_refused_and_nothing_is_saved(world, group, case, field):
    with pytest.raises(ValidationError) as error:
        services.activity_record(
            actor=loader_actor(),
            team=world.extra["team"],
            kind="visit",
            held_on=dates.today() + datetime.timedelta(days=1) if case == "future" else D(2016, 3, 2),
            unit=world.village_b1 if case == "outside" else world.village_a1,
            participants=[] if case == "nobody" else [world.extra["member"]],
            findings="x",
            raised="Một kiến nghị",
        )
    assert field in error.value.error_dict
    assert not Activity.objects.exists() and not RaisedItem.objects.exists()


def test_proposals_noted_at_a_cell_meeting_become_items(world, group):
    services.attendance_record(
        actor=loader_actor(),
        team=world.extra["team"],
        attendee=world.extra["member"],
        cell=world.extra["cells"][1],
        held_on=D(2016, 2, 10),
        proposals="Đề nghị làm đường điện thôn Tây Hạ",
    )
    assert RaisedItem.objects.get().unit == world.village_a2


def test_the_raised_items_list_is_scoped_and_exports(world, group, client_for):
    services.activity_record(
        actor=loader_actor(),
        team=world.extra["team"],
        kind="visit",
        held_on=D(2016, 3, 2),
        unit=world.commune_a,
        participants=[world.extra["member"]],
        findings="x",
        raised="Đề nghị nạo vét kênh mương",
    )
    assert "nạo vét kênh mương" in client_for("district_user").get(reverse("supervision:raised_list")).content.decode()
    assert "nạo vét kênh mương" not in client_for("user_b").get(reverse("supervision:raised_list")).content.decode()
    export = client_for("district_user").get(reverse("supervision:raised_list"), {"xuat": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxml")


def test_an_activity_without_findings_is_refused_next_to_the_field(world, group):
    with pytest.raises(ValidationError) as error:
        services.activity_record(
            actor=loader_actor(),
            team=world.extra["team"],
            kind="visit",
            held_on=D(2016, 3, 2),
            unit=world.commune_a,
            participants=[world.extra["member"]],
            findings="   \n ",
        )
    assert "findings" in error.value.error_dict


def test_findings_keep_their_line_breaks(world, group):
    activity = services.activity_record(
        actor=loader_actor(),
        team=world.extra["team"],
        kind="visit",
        held_on=D(2016, 3, 2),
        unit=world.commune_a,
        participants=[world.extra["member"]],
        findings="Ý thứ nhất\nÝ thứ hai",
    )
    assert activity.findings == "Ý thứ nhất\nÝ thứ hai"
