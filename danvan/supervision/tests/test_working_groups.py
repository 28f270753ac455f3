"""Working groups: set-up by decision, teams, assignments through time, cell-meeting attendance, coverage."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from danvan.core import dates
from danvan.core.access import loader_actor
from danvan.core.services import units
from danvan.supervision import selectors, services, statistics
from danvan.supervision.models import Assignment, CellMeetingAttendance, WorkingGroup

from .factories import build_group

D = datetime.date


@pytest.fixture
def group(world):
    return build_group(world)


def attend(world, day, cell=None, attendee=None):
    return services.attendance_record(
        actor=loader_actor(),
        team=world.extra["team"],
        attendee=attendee or world.extra["member"],
        cell=cell or world.extra["cells"][0],
        held_on=day,
    )


def test_a_group_cannot_start_before_its_decision(world):
    build_group(world)
    with pytest.raises(ValidationError) as error:
        services.working_group_create(
            actor=loader_actor(),
            decision_number="46-QĐ/HU",
            issued_on=D(2016, 3, 1),
            issuer=world.extra["committee"],
            summary="x",
            name="Đoàn số 2",
            head=world.extra["leader"],
            valid_from=D(2016, 2, 1),
        )
    assert "valid_from" in error.value.error_dict
    assert not WorkingGroup.objects.filter(name="Đoàn số 2").exists()


def test_only_a_committee_that_manages_groups_sets_one_up(world):
    build_group(world)
    with pytest.raises(PermissionDenied):
        services.working_group_create(
            actor=world.users["viewer_a"],
            decision_number="47-QĐ/HU",
            issued_on=D(2016, 3, 1),
            issuer=world.extra["committee"],
            summary="x",
            name="Đoàn số 3",
            head=world.extra["leader"],
            valid_from=D(2016, 3, 1),
        )


def test_reassigning_a_commune_closes_the_old_period_and_keeps_history(world, group):
    team2 = services.team_create(actor=loader_actor(), group=group, name="Tổ 2", leader=world.extra["member"])
    services.assignment_set(actor=loader_actor(), team=team2, unit=world.commune_a, valid_from=D(2017, 1, 1))
    old, new = Assignment.objects.filter(unit=world.commune_a).order_by("valid_from")
    assert (old.team, old.valid_to) == (world.extra["team"], D(2016, 12, 31))
    assert (new.team, new.valid_to) == (team2, None)
    assert selectors.team_communes(world.extra["team"], as_of=D(2016, 12, 31)) == [world.commune_a]
    assert selectors.team_communes(world.extra["team"], as_of=D(2017, 1, 1)) == []
    assert selectors.team_communes(team2, as_of=D(2017, 1, 1)) == [world.commune_a]


def test_an_assignment_before_an_existing_later_one_is_refused(world, group):
    with pytest.raises(ValidationError) as error:
        services.assignment_set(
            actor=loader_actor(), team=world.extra["team"], unit=world.commune_a, valid_from=D(2016, 1, 15)
        )
    assert "valid_from" in error.value.error_dict


@pytest.mark.parametrize("target", ["village_a1", "province"])
def test_only_communes_of_the_committees_area_are_assigned(world, group, target):
    with pytest.raises(ValidationError) as error:
        services.assignment_set(
            actor=loader_actor(), team=world.extra["team"], unit=getattr(world, target), valid_from=D(2016, 2, 1)
        )
    assert "unit" in error.value.error_dict


def test_a_merged_communes_assignment_follows_its_successor_without_rewriting_history(world, group):
    units.reorganization_create(
        actor=loader_actor(),
        kind="merge",
        legal_basis="819/NQ-UBTVQH14",
        effective_date=D(2020, 1, 1),
        units=[world.commune_a, world.commune_b],
        into=world.commune_b,
    )
    team = world.extra["team"]
    assert selectors.team_communes(team, as_of=D(2019, 12, 31)) == [world.commune_a]
    assert selectors.team_communes(team, as_of=D(2020, 1, 1)) == [world.commune_b]
    assignment = Assignment.objects.get(team=team)
    assert (assignment.unit, assignment.valid_to) == (world.commune_a, None)


def test_attendance_is_recorded_for_a_cell_of_the_teams_communes(world, group):
    attendance = attend(world, D(2016, 2, 20))
    assert attendance.unit == world.village_a1 and attendance.kind == CellMeetingAttendance.Kind.REGULAR


@pytest.mark.parametrize(
    ("case", "field"),
    [("future", "held_on"), ("before_cell", "cell"), ("outside", "cell"), ("not_member", "attendee")],
)
def test_attendance_that_breaks_a_rule_is_refused_and_nothing_is_saved(world, group, case, field):
    from danvan.core.services import orgs

    day = {"future": dates.today() + datetime.timedelta(days=1), "before_cell": D(2015, 12, 1)}.get(case, D(2016, 3, 1))
    cell = world.extra["cell_b"] if case == "outside" else None
    attendee = (
        orgs.person_create(actor=loader_actor(), full_name="Người Ngoài", unit=world.district)
        if case == "not_member"
        else None
    )
    with pytest.raises(ValidationError) as error:
        attend(world, day, cell=cell, attendee=attendee)
    assert field in error.value.error_dict
    assert not CellMeetingAttendance.objects.exists()


def test_coverage_counts_visits_in_the_quarter_against_the_quota(world, group, django_assert_max_num_queries):
    attend(world, D(2016, 3, 31))  # last day of Q1: counts
    attend(world, D(2016, 4, 1))  # first day of Q2: does not
    with django_assert_max_num_queries(6):
        rows = statistics.coverage(group=group, year=2016, quarter=1)
    [(team, [commune])] = rows
    counts = {cell.unit.name: attended for cell, attended in commune.cells}
    assert counts == {"Đông Thượng": 1, "Tây Hạ": 0}
    assert (commune.attended_cells, commune.visits, commune.expected) == (1, 1, 2)


def test_the_coverage_query_count_does_not_grow_with_teams_or_cells(world, group):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as captured:
            statistics.coverage(group=group, year=2016, quarter=1)
        return len(captured.captured_queries)

    before = count()
    for i in range(2, 6):
        team = services.team_create(actor=loader_actor(), group=group, name=f"Tổ {i}", leader=world.extra["member"])
        services.assignment_set(actor=loader_actor(), team=team, unit=world.commune_b, valid_from=D(2016, 1, 15 + i))
    assert count() == before


def test_the_coverage_page_marks_unattended_cells(world, group, client_for):
    attend(world, D(2016, 2, 1))
    page = client_for("district_user").get(reverse("supervision:coverage", args=[group.pk]), {"quy": "2016-Q1"})
    body = page.content.decode()
    assert "Tây Hạ: 0/1" in body and "text-bg-danger" in body and "1/2 chi bộ đã được dự đủ" in body


def test_the_group_form_sets_up_a_group_with_its_decision(world, client_for):
    build_group(world)
    client = client_for("district_user")
    response = client.post(
        reverse("supervision:group_create"),
        {
            "decision_number": "50-QĐ/HU",
            "issued_on": "01/02/2016",
            "issuer": world.extra["committee"].pk,
            "summary": "Thành lập đoàn",
            "name": "Đoàn công tác số 2",
            "head": world.extra["leader"].pk,
            "valid_from": "01/02/2016",
            "cell_visits_per_quarter": "2",
            "report_per_commune": "on",
            "report_due_day": "5",
            "report_due_next_month": "on",
            "report_lock_days": "10",
        },
    )
    group = WorkingGroup.objects.get(name="Đoàn công tác số 2")
    assert response.status_code == 302 and group.decision.number == "50-QĐ/HU"
    assert group.report_due(datetime.date(2016, 2, 1)) == datetime.date(2016, 3, 5)  # the 5th of the next month


def test_the_group_form_refuses_a_file_that_is_not_a_document(world, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    build_group(world)
    response = client_for("district_user").post(
        reverse("supervision:group_create"),
        {
            "decision_number": "51-QĐ/HU",
            "issued_on": "01/02/2016",
            "issuer": world.extra["committee"].pk,
            "summary": "x",
            "name": "Đoàn X",
            "head": world.extra["leader"].pk,
            "valid_from": "01/02/2016",
            "cell_visits_per_quarter": "1",
            "attachments": SimpleUploadedFile("virus.exe", b"MZ"),
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["attachments"]
    assert not WorkingGroup.objects.filter(name="Đoàn X").exists()


def test_the_attendance_form_shows_a_rule_error_next_to_the_field(world, group, client_for):
    response = client_for("district_user").post(
        reverse("supervision:attendance_create"),
        {
            "team": world.extra["team"].pk,
            "attendee": world.extra["member"].pk,
            "cell": world.extra["cell_b"].pk,
            "held_on": "01/03/2016",
            "kind": "regular",
        },
    )
    assert response.status_code == 200 and "không thuộc địa bàn" in str(response.context["form"].errors["cell"])


def test_a_change_decision_cannot_predate_the_founding_one(world, group):
    with pytest.raises(ValidationError) as error:
        services.decision_add(
            actor=loader_actor(), group=group, decision_number="40-QĐ/HU", issued_on=D(2016, 1, 1), summary="Điều chỉnh"
        )
    assert "issued_on" in error.value.error_dict
    decision = services.decision_add(
        actor=loader_actor(), group=group, decision_number="60-QĐ/HU", issued_on=D(2017, 1, 5), summary="Kiện toàn tổ 1"
    )
    assert list(group.change_decisions.all()) == [decision]


def test_changing_a_teams_members_keeps_the_leader_in_and_is_logged(world, group):
    from danvan.core.models import AuditEntry

    team = world.extra["team"]
    services.team_update(
        actor=loader_actor(), team=team, expected_version=team.version, leader=world.extra["member"], members=[]
    )
    assert set(team.members.all()) == {world.extra["member"]} and team.leader == world.extra["member"]
    entry = AuditEntry.objects.filter(content_type__model="team", action="update").get()
    assert entry.changes["leader"] == ["Hoàng Văn Tổ", "Đỗ Thị Viên"]


def test_ending_an_assignment_keeps_its_history(world, group):
    assignment = world.extra["assignment"]
    services.assignment_end(actor=loader_actor(), assignment=assignment, valid_to=D(2016, 6, 30))
    assert selectors.team_communes(world.extra["team"], as_of=D(2016, 6, 30)) == [world.commune_a]
    assert selectors.team_communes(world.extra["team"], as_of=D(2016, 7, 1)) == []
    with pytest.raises(ValidationError):
        services.assignment_end(actor=loader_actor(), assignment=assignment, valid_to=D(2015, 1, 1))


def test_nobody_puts_a_person_from_outside_their_scope_into_a_team(world, group):
    from danvan.core.services import orgs, units
    from danvan.core.tests.cast import unit_type

    elsewhere = units.unit_create(
        actor=loader_actor(), name="Tỉnh Khác", unit_type=unit_type("province"), parent=None, valid_from=D(2016, 1, 1)
    )
    stranger = orgs.person_create(actor=loader_actor(), full_name="Người Tỉnh Khác", unit=elsewhere)
    with pytest.raises(ValidationError) as error:
        services.team_create(actor=world.users["district_user"], group=group, name="Tổ 9", leader=stranger)
    assert "leader" in error.value.error_dict


def test_teams_and_assignments_through_their_forms(world, group, client_for):
    client = client_for("district_user")
    member = world.extra["member"]
    response = client.post(
        reverse("supervision:team_create", args=[group.pk]),
        {"name": "Tổ 2", "leader": member.pk, "members": [member.pk]},
    )
    assert response.status_code == 302
    team = group.teams.get(name="Tổ 2")
    response = client.post(
        reverse("supervision:team_edit", args=[team.pk]),
        {"version": team.version, "leader": world.extra["leader"].pk, "members": [member.pk]},
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.leader == world.extra["leader"] and team.members.count() == 2
    response = client.post(
        reverse("supervision:assignment_create", args=[team.pk]),
        {"unit": world.commune_b.pk, "valid_from": "01/02/2016"},
    )
    assert response.status_code == 302
    assert selectors.team_communes(team, as_of=D(2016, 2, 1)) == [world.commune_b]
