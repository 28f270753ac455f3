"""Hand-over when a body ends (issue 13, point 4): the open items of an ended body move to its successor with an
event, an audit entry and the legal basis; refusals change nothing; nobody who no longer exists is warned or
escalated to; the hand-over page is for whoever routes kiến nghị in the body's area."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from danvan.core.access import loader_actor
from danvan.core.models import AuditEntry, Body, BodyType, Notification, Role
from danvan.core.services import accounts, orgs
from danvan.core.tests.cast import make_user
from danvan.petitions import selectors, services
from danvan.petitions.models import Petition, PetitionEvent, State

from .test_lifecycle import intake

D = datetime.date
BASIS = "Nghị quyết 1665/NQ-UBTVQH15 ngày 16/6/2025"
ENDED, ON, TODAY = D(2025, 6, 30), D(2025, 7, 1), D(2026, 1, 12)


def end(*bodies):
    Body.objects.filter(pk__in=[b.pk for b in bodies]).update(valid_to=ENDED)
    for b in bodies:
        b.refresh_from_db()


@pytest.fixture
def stuck(world, desk, on_day):
    """Three items at the district's agriculture department (one closed), one at UBND huyện; both end 30/06/2025."""
    on_day(D(2016, 3, 1))
    open_1 = intake(world, desk, body=desk.agriculture)
    open_2 = intake(world, desk, body=desk.agriculture, content="Đề nghị nạo vét kênh mương thôn Đông Thượng")
    closed = intake(world, desk, body=desk.agriculture, content="Đề nghị hỗ trợ giống lúa vụ xuân")
    Petition.objects.filter(pk=closed.pk).update(state=State.CLOSED)
    other = intake(world, desk, body=desk.district_committee, content="Đề nghị sửa trạm y tế xã An Lộc")
    end(desk.agriculture, desk.district_committee)
    on_day(TODAY)
    return open_1, open_2, closed, other


def fresh(p):
    return Petition.objects.get(pk=p.pk)


def test_hand_over_moves_only_the_open_items_with_event_audit_and_basis(world, desk, stuck):
    open_1, open_2, closed, other = stuck
    sc = world.users["district_user"]
    due = fresh(open_1).due_on
    moved = services.petitions_hand_over(
        actor=sc, from_body=desk.agriculture, to_body=world.body_a, legal_basis=BASIS, on=ON
    )
    assert moved == 2
    for p in (open_1, open_2):
        p = fresh(p)
        assert p.body == world.body_a
        assert p.due_on == due and p.state == State.TRANSFERRED  # the clock keeps running
        event = p.events.get(action=PetitionEvent.Action.HANDED_OVER)
        assert (event.on, event.actor, event.body) == (ON, sc, world.body_a)
        assert BASIS in event.text and desk.agriculture.name in event.text
        entry = AuditEntry.objects.filter(object_id=p.pk, verb="Chuyển giao do sắp xếp").get()
        assert entry.reason == BASIS and entry.actor == sc
    assert fresh(closed).body == desk.agriculture  # closed: stays where it was answered
    assert fresh(other).body == desk.district_committee  # another body
    assert not PetitionEvent.objects.filter(petition__in=[closed.pk, other.pk], action="handed_over").exists()
    # Nothing is stuck at the department any more; UBND huyện still is.
    assert [g["body"] for g in selectors.stuck_at_ended_bodies(sc)] == [desk.district_committee]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"to_body": "future"}, "to_body"),  # does not exist on the hand-over day
        ({"to_body": "ended"}, "to_body"),  # ended itself
        ({"from_body": "alive"}, "from_body"),  # still exists
        ({"on": ENDED}, "from_body"),  # the department still existed that day
        ({"on": TODAY + datetime.timedelta(days=1)}, "on"),
        ({"legal_basis": "   "}, "legal_basis"),
    ],
)
def test_refusals_change_nothing(world, desk, stuck, change, field):
    open_1 = stuck[0]
    dept = BodyType.objects.get(code="department")
    bodies = {
        "future": orgs.body_create(
            actor=loader_actor(), name="Phòng mới", body_type=dept, unit=world.commune_a, valid_from=D(2026, 1, 1)
        ),
        "ended": desk.district_committee,
        "alive": world.body_b,
    }
    kwargs = {"from_body": desk.agriculture, "to_body": world.body_a, "legal_basis": BASIS, "on": ON}
    kwargs.update({k: bodies.get(v, v) if isinstance(v, str) and k != "legal_basis" else v for k, v in change.items()})
    audit_before, events_before = AuditEntry.objects.count(), PetitionEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.petitions_hand_over(actor=loader_actor(), **kwargs)
    assert field in refused.value.message_dict
    assert fresh(open_1).body == desk.agriculture
    assert (AuditEntry.objects.count(), PetitionEvent.objects.count()) == (audit_before, events_before)


def test_hand_over_needs_the_right_to_route_in_both_places(world, desk, stuck):
    with pytest.raises(PermissionDenied):  # commune A's office does not route in the district
        services.petitions_hand_over(
            actor=world.users["editor_a"], from_body=desk.agriculture, to_body=world.body_a, legal_basis=BASIS, on=ON
        )
    with pytest.raises(PermissionDenied):  # the district's standing committee does not route at the province
        services.petitions_hand_over(
            actor=world.users["district_user"],
            from_body=desk.agriculture,
            to_body=desk.province_dept,
            legal_basis=BASIS,
            on=ON,
        )
    assert fresh(stuck[0]).body == desk.agriculture


def test_deadlines_skip_ended_bodies_and_tell_the_standing_committee_once(world, desk, stuck):
    sc = world.users["district_user"]
    assert services.petitions_check_deadlines(day=TODAY) == {"warned": 0, "escalated": 0}
    assert services.petitions_check_deadlines(day=TODAY) == {"warned": 0, "escalated": 0}
    for p in stuck:
        assert fresh(p).escalated_on is None
    deadlines = Notification.objects.filter(key__regex=r"-(warn|late)-")
    assert not deadlines.exists()
    told = Notification.objects.filter(user=sc, key__startswith="petition-stuck-body-")
    assert sorted(n.key for n in told) == sorted(
        f"petition-stuck-body-{b.pk}" for b in (desk.agriculture, desk.district_committee)
    )
    assert all(n.url == reverse("petitions:handover") for n in told)


def test_an_ended_superior_body_is_not_escalated_to(world, desk, on_day):
    on_day(D(2016, 3, 1))
    team = orgs.body_create(
        actor=loader_actor(),
        name="Tổ tiếp dân huyện",
        body_type=BodyType.objects.get(code="department"),
        unit=world.district,
        parent=desk.district_committee,
        valid_from=D(2016, 1, 1),
    )
    p = intake(world, desk, body=team)
    end(desk.district_committee)
    on_day(TODAY)
    assert services.petitions_check_deadlines(day=TODAY) == {"warned": 0, "escalated": 1}
    event = fresh(p).events.get(action=PetitionEvent.Action.ESCALATED)
    assert event.body is None
    assert not Notification.objects.filter(user=desk.chief, key__contains="-late-").exists()  # UBND huyện ended
    assert Notification.objects.filter(user=world.users["district_user"], key__startswith=f"petition-{p.pk}-late")


def test_handover_page_and_post(world, desk, stuck, client_for):
    sc = client_for("district_user")
    page = sc.get(reverse("petitions:handover"))
    assert page.status_code == 200
    html = page.content.decode()
    assert desk.agriculture.name in html and desk.district_committee.name in html
    assert world.body_a.name in html and desk.province_dept.name not in html  # successors in the user's scope
    assert client_for("viewer_a").get(reverse("petitions:handover")).status_code == 403
    url = reverse("petitions:handover_body", args=[desk.agriculture.pk])
    data = {f"b{desk.agriculture.pk}-{k}": v for k, v in {"to_body": world.body_a.pk, "on": "01/07/2025"}.items()}
    # Outsider: commune B does not see the district's bodies.
    assert client_for("user_b").post(url, {**data, f"b{desk.agriculture.pk}-legal_basis": BASIS}).status_code == 404
    # Sees the district but may not route there.
    viewer = make_user("district_viewer")
    accounts.membership_create(
        actor=loader_actor(), user=viewer, role=Role.objects.get(code="viewer"), unit=world.district, valid_from=ON
    )
    sc_viewer = client_for("anonymous")
    sc_viewer.force_login(viewer)
    assert sc_viewer.post(url, {**data, f"b{desk.agriculture.pk}-legal_basis": BASIS}).status_code == 403
    assert fresh(stuck[0]).body == desk.agriculture
    # Without a legal basis: refused, nothing moves.
    response = sc.post(url, data, follow=True)
    assert "Vui lòng nhập căn cứ chuyển giao." in response.content.decode()
    assert fresh(stuck[0]).body == desk.agriculture
    response = sc.post(url, {**data, f"b{desk.agriculture.pk}-legal_basis": BASIS}, follow=True)
    assert "Đã chuyển giao 2 kiến nghị" in response.content.decode()
    assert fresh(stuck[0]).body == world.body_a
