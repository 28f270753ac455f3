"""The state rules, the clock with its pause, transfers, escalation, duplicates and who sees what."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from danvan.core import access
from danvan.core.access import loader_actor
from danvan.core.models import AuditEntry, Notification, Role
from danvan.core.services import accounts
from danvan.core.tests.cast import make_user
from danvan.petitions import selectors, services
from danvan.petitions.models import Petition, PetitionEvent

D = datetime.date
S = Petition.State


def intake(
    world,
    desk,
    *,
    actor=None,
    unit=None,
    content="Đường giao thông thôn Đông Thượng xuống cấp nghiêm trọng",
    kind="recommendation",
    field=None,
    raised_on=D(2016, 3, 1),
    **kw,
):
    """Take in an item as `actor`, or as the loader (historical: past dates and units accepted)."""
    return services.petition_create(
        actor=actor or loader_actor(),
        source="voter",
        kind=kind,
        unit=unit or world.village_a1,
        content=content,
        raised_on=raised_on,
        received_on=kw.pop("received_on", raised_on),
        field=field if field is not None else desk.economy,
        historical=actor is None,
        **kw,
    )


def fresh(p):
    return Petition.objects.get(pk=p.pk)


def test_routing_proposes_the_most_specific_rule(world, desk):
    assert selectors.propose_body(unit=world.village_a1, field_id=desk.economy.pk, kind="proposal") == desk.agriculture
    assert (
        selectors.propose_body(unit=world.village_a1, field_id=desk.culture.pk, kind="proposal")
        == desk.district_committee
    )


def test_the_full_path_with_a_pause(world, desk, on_day):
    on_day(D(2016, 3, 1))  # Tuesday
    p = intake(world, desk)
    assert p.state == S.RECEIVED and p.code == "0001/2016"
    p = services.petition_route(actor=loader_actor(), petition=p, expected_version=p.version, body=desk.agriculture)
    # Recommendation at district level: 20 working days from Tuesday 01/03/2016 → Tuesday 29/03/2016.
    assert (p.state, p.allowed_days, p.due_on) == (S.TRANSFERRED, 20, D(2016, 3, 29))
    on_day(D(2016, 3, 3))
    p = services.petition_start(actor=desk.officer, petition=p, expected_version=p.version)
    p = services.petition_request_info(actor=desk.officer, petition=p, expected_version=p.version, text="Vị trí?")
    assert p.state == S.AWAITING_INFO
    on_day(D(2016, 3, 10))  # paused Thursday 3/3 → Thursday 10/3: five working days
    p = services.petition_info_received(
        actor=loader_actor(), petition=p, expected_version=p.version, text="Km2, đoạn cầu"
    )
    assert (p.state, p.paused_days, p.due_on) == (S.IN_PROGRESS, 5, D(2016, 4, 5))
    on_day(D(2016, 3, 31))
    p = services.petition_answer(actor=desk.officer, petition=p, expected_version=p.version, text="Đã bố trí vốn")
    p = fresh(p)
    # 01/03 → 31/03 is 22 working days, 5 of them paused.
    assert (p.state, p.working_days_taken, p.on_time, p.answered_on) == (S.ANSWERED, 17, True, D(2016, 3, 31))
    p = services.petition_verdict(actor=world.users["editor_a"], petition=p, expected_version=p.version, agree=True)
    assert (p.state, p.verdict, p.resolved_on) == (S.RESOLVED, "agree", D(2016, 3, 31))
    p = services.petition_close(actor=world.users["district_user"], petition=p, expected_version=p.version)
    assert p.state == S.CLOSED
    actions = list(PetitionEvent.objects.filter(petition=p).values_list("action", flat=True))
    assert actions == [
        "received",
        "routed",
        "started",
        "info_requested",
        "info_received",
        "answered",
        "agreed",
        "closed",
    ]
    assert AuditEntry.objects.filter(object_id=str(p.pk), content_type__model="petition").count() == 8


def test_disagreement_reopens_with_a_new_period(world, desk, on_day):
    on_day(D(2016, 3, 1))
    p = intake(world, desk, body=desk.agriculture)
    p = services.petition_answer(actor=desk.officer, petition=p, expected_version=p.version, text="Trả lời")
    on_day(D(2016, 3, 7))
    with pytest.raises(ValidationError) as error:
        services.petition_verdict(actor=loader_actor(), petition=p, expected_version=p.version, agree=False, note="")
    assert "note" in error.value.message_dict
    p = services.petition_verdict(
        actor=loader_actor(), petition=fresh(p), expected_version=p.version, agree=False, note="Chưa rõ"
    )
    p = fresh(p)
    assert (p.state, p.reopen_count, p.clock_start, p.on_time) == (S.IN_PROGRESS, 1, D(2016, 3, 7), None)
    assert p.due_on == D(2016, 4, 4)  # 20 working days from Monday 07/03/2016


@pytest.mark.parametrize(
    "state_change",
    [
        lambda p, desk: services.petition_close(actor=loader_actor(), petition=p, expected_version=p.version),
        lambda p, desk: services.petition_verdict(
            actor=loader_actor(), petition=p, expected_version=p.version, agree=True
        ),
        lambda p, desk: services.petition_resolve(actor=loader_actor(), petition=p, expected_version=p.version),
        lambda p, desk: services.petition_info_received(
            actor=loader_actor(), petition=p, expected_version=p.version, text="x"
        ),
    ],
)
def test_states_cannot_be_skipped(world, desk, state_change, on_day):
    on_day(D(2016, 3, 1))
    p = intake(world, desk, body=desk.agriculture)
    with pytest.raises(ValidationError):
        state_change(p, desk)
    after = fresh(p)
    assert (after.state, after.version) == (S.TRANSFERRED, p.version)


def test_an_answer_needs_content_and_a_manual_due_date_cannot_precede_intake(world, desk, on_day):
    on_day(D(2016, 3, 1))
    p = intake(world, desk)
    with pytest.raises(ValidationError) as error:
        services.petition_route(
            actor=loader_actor(), petition=p, expected_version=p.version, body=desk.agriculture, due_on=D(2016, 2, 29)
        )
    assert "due_on" in error.value.message_dict
    assert fresh(p).state == S.RECEIVED and fresh(p).body is None
    p = services.petition_route(
        actor=loader_actor(), petition=fresh(p), expected_version=p.version, body=desk.agriculture
    )
    with pytest.raises(ValidationError) as error:
        services.petition_answer(actor=desk.officer, petition=p, expected_version=p.version, text="   ")
    assert "text" in error.value.message_dict
    assert fresh(p).answer == "" and fresh(p).state == S.TRANSFERRED


def test_a_transfer_to_a_body_that_no_longer_exists_is_refused(world, desk, on_day):
    from danvan.core.services import orgs

    on_day(D(2016, 3, 1))
    p = intake(world, desk, body=desk.district_committee)
    old = orgs.body_create(
        actor=loader_actor(),
        name="Phòng đã giải thể",
        body_type=desk.agriculture.type,
        unit=world.district,
        valid_from=D(2016, 1, 1),
        valid_to=D(2016, 2, 29),
    )
    with pytest.raises(ValidationError) as error:
        services.petition_transfer(
            actor=desk.chief, petition=p, expected_version=p.version, body=old, note="Chuyển đúng cơ quan"
        )
    assert "không còn hoạt động" in str(error.value.message_dict["body"])
    assert fresh(p).body == desk.district_committee


def test_hand_down_and_up_keep_the_history(world, desk, on_day):
    on_day(D(2016, 3, 1))
    p = intake(world, desk, body=desk.agriculture)
    on_day(D(2016, 3, 2))
    with pytest.raises(ValidationError):  # "down" must name a commune body
        services.petition_transfer(
            actor=desk.officer, petition=p, expected_version=p.version, body=desk.province_dept, mode="down", note="x"
        )
    p = services.petition_transfer(
        actor=desk.officer,
        petition=p,
        expected_version=p.version,
        body=world.body_a,
        mode="down",
        restart_clock=True,
        note="Thuộc thẩm quyền xã",
    )
    # Commune level: 15 working days from Wednesday 02/03/2016 → Wednesday 23/03/2016.
    assert (p.body, p.due_on) == (world.body_a, D(2016, 3, 23))
    # The commune officer (no body on the membership) answers for the commune's UBND; the department
    # still sees the item it handed down.
    assert access.can(world.users["editor_a"], "handle", p)
    assert access.visible(desk.officer, Petition).filter(pk=p.pk).exists()
    p = services.petition_transfer(
        actor=world.users["editor_a"],
        petition=p,
        expected_version=p.version,
        body=desk.province_dept,
        mode="up",
        note="Vượt thẩm quyền xã",
    )
    assert p.due_on == D(2016, 3, 23)  # the clock continues
    bodies = list(PetitionEvent.objects.filter(petition=p, body__isnull=False).values_list("action", "body"))
    assert bodies == [
        ("routed", desk.agriculture.pk),
        ("handed_down", world.body_a.pk),
        ("handed_up", desk.province_dept.pk),
    ]


def test_escalation_at_breach(world, desk, on_day):
    on_day(D(2016, 3, 1))
    p = intake(world, desk, body=desk.agriculture)  # due Tuesday 29/03/2016
    sc = world.users["district_user"]  # the district's standing committee
    assert services.petitions_check_deadlines(day=D(2016, 3, 23)) == {"warned": 0, "escalated": 0}
    assert services.petitions_check_deadlines(day=D(2016, 3, 24)) == {"warned": 1, "escalated": 0}  # 3 days ahead
    assert Notification.objects.filter(user=desk.officer, title__contains="sắp đến hạn").count() == 1
    assert services.petitions_check_deadlines(day=D(2016, 3, 29)) == {"warned": 0, "escalated": 0}  # due today
    assert services.petitions_check_deadlines(day=D(2016, 3, 30)) == {"warned": 0, "escalated": 1}
    assert services.petitions_check_deadlines(day=D(2016, 3, 31)) == {"warned": 0, "escalated": 0}  # once
    assert fresh(p).escalated_on == D(2016, 3, 30)
    for user in (desk.chief, sc):  # the superior body (UBND huyện) and the standing committee
        assert Notification.objects.filter(user=user, title__contains="quá hạn").count() == 1
    assert not Notification.objects.filter(user=world.users["user_b"]).exists()


def test_a_paused_item_is_not_escalated(world, desk, on_day):
    on_day(D(2016, 3, 1))
    p = intake(world, desk, body=desk.agriculture)
    services.petition_request_info(actor=desk.officer, petition=p, expected_version=p.version, text="Bổ sung")
    assert services.petitions_check_deadlines(day=D(2016, 5, 1))["escalated"] == 0


@pytest.mark.parametrize(
    "typed",
    [
        "Đường giao thông thôn Đông Thượng xuống cấp nghiêm trọng, đề nghị sửa",
        "duong giao thong thon dong thuong xuong cap nghiem trong",
        "ĐƯỜNG GIAO THÔNG THÔN ĐÔNG THƯỢNG XUỐNG CẤP",
    ],
)
def test_duplicates_are_found_with_or_without_diacritics(world, desk, typed, on_day):
    on_day(D(2016, 3, 1))
    original = intake(world, desk)
    intake(world, desk, content="Đề nghị hỗ trợ giống lúa cho vụ xuân")
    found = selectors.similar_open(user=world.users["editor_a"], content=typed, unit=world.village_a2, field_id=None)
    assert [p.pk for p, _ in found] == [original.pk]


def test_old_and_new_tone_placement_match(world, desk, on_day):
    on_day(D(2016, 3, 1))
    original = intake(world, desk, content="Hoà giải tranh chấp đất đai ở xóm Thuỷ Hoà")
    found = selectors.similar_open(
        user=world.users["editor_a"],
        content="hòa giải tranh chấp đất đai xóm Thủy Hòa",
        unit=world.commune_a,
        field_id=None,
    )
    assert [p.pk for p, _ in found] == [original.pk]
    assert (
        selectors.similar_open(
            user=world.users["user_b"], content="hòa giải tranh chấp đất đai", unit=world.commune_b, field_id=None
        )
        == []
    )


def test_a_linked_group_is_answered_together_and_counts_once(world, desk, on_day):
    on_day(D(2016, 3, 1))
    primary = intake(world, desk, body=desk.agriculture)
    twin = intake(world, desk, unit=world.village_a2, duplicate_of=primary)
    assert (fresh(twin).state, fresh(twin).body, fresh(twin).duplicate_of) == (S.TRANSFERRED, desk.agriculture, primary)
    services.petition_answer(
        actor=desk.officer, petition=fresh(primary), expected_version=fresh(primary).version, text="Trả lời chung"
    )
    assert fresh(twin).state == S.ANSWERED and fresh(twin).answer == "Trả lời chung"
    p = fresh(primary)
    services.petition_verdict(actor=loader_actor(), petition=p, expected_version=p.version, agree=True)
    p = fresh(primary)
    services.petition_close(actor=loader_actor(), petition=p, expected_version=p.version)
    assert fresh(twin).state == S.CLOSED
    from danvan.petitions.statistics import totals

    assert totals(user=world.users["admin"], start=D(2016, 1, 1), end=D(2016, 12, 31))["received"] == 1


def test_a_report_feeds_the_registry_and_a_resend_keeps_processed_items(world, desk, on_day):
    from danvan.supervision import services as supervision
    from danvan.supervision.tests.factories import build_group

    on_day(D(2016, 2, 1))
    build_group(world)
    report = world.extra["report"]

    def send(report, lines):
        report = supervision.report_update(
            actor=loader_actor(),
            report=report,
            expected_version=report.version,
            general_situation="Ổn định",
            difficulties="",
            recommendations=lines,
            sections={},
        )
        return supervision.report_submit(actor=loader_actor(), report=report, expected_version=report.version)

    def raised_by(report):
        origin = ContentType.objects.get_for_model(report)
        return Petition.objects.filter(origin_type=origin, origin_id=report.pk).order_by("pk")

    report = send(report, "Sửa kênh mương thôn Đông Thượng\nLắp đèn đường liên thôn")
    items = raised_by(report)
    assert [(p.source, p.unit, p.team, p.state) for p in items] == [
        ("monthly_report", world.commune_a, world.extra["team"], S.RECEIVED)
    ] * 2
    assert items[0].origin == report and items[0].origin_label == "Báo cáo tháng 01/2016 của Tổ 1"
    assert items[0].origin_url == reverse("supervision:report_detail", args=[report.pk])
    first = items[0]
    services.petition_route(actor=loader_actor(), petition=first, expected_version=first.version, body=desk.agriculture)
    report = supervision.report_return(
        actor=loader_actor(), report=report, expected_version=report.version, reason="Bổ sung"
    )
    send(report, "Sửa kênh mương thôn Đông Thượng\nHỗ trợ giống lúa")
    after = raised_by(report)
    # The processed item stays (linked to the new line), the dropped line's unprocessed item goes.
    assert [(p.content, p.state) for p in after] == [
        ("Sửa kênh mương thôn Đông Thượng", S.TRANSFERRED),
        ("Hỗ trợ giống lúa", S.RECEIVED),
    ]
    assert after[0].pk == first.pk and after[0].origin == report


def test_access(world, desk, on_day):
    on_day(D(2016, 3, 1))
    in_a = intake(world, desk, body=desk.agriculture)
    in_b = intake(world, desk, unit=world.village_b1, field=desk.culture, body=desk.district_committee)
    other = make_user("other_officer")
    accounts.membership_create(
        actor=loader_actor(),
        user=other,
        role=Role.objects.get(code="body_officer"),
        unit=world.district,
        body=desk.district_committee,
        valid_from=D(2016, 1, 1),
    )

    def seen(user):
        return set(access.visible(user, Petition).values_list("pk", flat=True))

    assert seen(world.users["district_user"]) == {in_a.pk, in_b.pk}  # the standing committee: all
    assert seen(world.users["editor_a"]) == {in_a.pk}  # the commune: its own
    assert seen(world.users["user_b"]) == {in_b.pk}
    assert seen(desk.officer) == {in_a.pk}  # the department: what was routed to it
    assert seen(other) == {in_b.pk}
    assert seen(world.users["anonymous"] if "anonymous" in world.users else make_user("nobody")) == set()
    with pytest.raises(PermissionDenied):
        services.petition_answer(actor=other, petition=in_a, expected_version=in_a.version, text="x")
    waiting = intake(world, desk)
    with pytest.raises(PermissionDenied):  # a viewer cannot route
        services.petition_route(
            actor=world.users["viewer_a"], petition=waiting, expected_version=waiting.version, body=desk.agriculture
        )
    with pytest.raises(PermissionDenied):  # nor take in items from another commune
        intake(world, desk, actor=world.users["editor_a"], unit=world.village_b1, raised_on=D(2016, 3, 1))


def test_attachments_refuse_executables_html_and_oversize(world, desk, on_day):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from danvan.core import attachments
    from danvan.core.services.attachments import attachment_add

    on_day(D(2016, 3, 1))
    p = intake(world, desk)
    for name, size in (("virus.exe", 10), ("trang.html", 10), ("bien-ban.pdf", services.MAX_UPLOAD_BYTES + 1)):
        upload = SimpleUploadedFile(name, b"x" * size)
        with pytest.raises(ValidationError) as error:
            attachment_add(actor=loader_actor(), record=p, uploads=[upload])
        assert "attachments" in error.value.message_dict
    assert not attachments.of(p).exists()
    attachment_add(actor=loader_actor(), record=p, uploads=[SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4")])
    assert attachments.of(p).count() == 1
    with pytest.raises(PermissionDenied):  # a viewer may read the item, not add to it
        attachment_add(actor=world.users["viewer_a"], record=p, uploads=[SimpleUploadedFile("b.pdf", b"%PDF-1.4")])
    assert attachments.of(p).count() == 1


def test_carry_over_at_the_quarterly_conference(world, desk, on_day):
    on_day(D(2016, 3, 1))
    open_one = intake(world, desk, body=desk.agriculture)
    done = intake(world, desk, content="Xin hỗ trợ xi măng làm đường", body=desk.agriculture)
    services.petition_answer(actor=desk.officer, petition=done, expected_version=done.version, text="Đồng ý hỗ trợ")
    done = fresh(done)
    services.petition_verdict(actor=loader_actor(), petition=done, expected_version=done.version, agree=True)
    later = intake(world, desk, raised_on=D(2016, 4, 5), content="Việc phát sinh sau hội nghị")
    on_day(D(2016, 3, 31))
    conference = services.conference_create(
        actor=world.users["district_user"],
        unit=world.district,
        title="Giao ban quý I/2016",
        year=2016,
        quarter=1,
        held_on=D(2016, 3, 31),
    )
    count = services.conference_carry_over(
        actor=world.users["district_user"], conference=conference, expected_version=conference.version
    )
    assert count == 1
    assert [fresh(p).carried_over for p in (open_one, done, later)] == [True, False, False]


def test_a_duplicate_follows_its_primary_through_routing_and_pause(world, desk, on_day):
    on_day(D(2016, 3, 1))
    primary = intake(world, desk)
    twin = intake(world, desk, unit=world.village_a2, duplicate_of=primary)
    assert fresh(twin).state == S.RECEIVED
    services.petition_route(
        actor=loader_actor(), petition=primary, expected_version=primary.version, body=desk.agriculture
    )
    assert (fresh(twin).state, fresh(twin).body, fresh(twin).due_on) == (
        S.TRANSFERRED,
        desk.agriculture,
        D(2016, 3, 29),
    )
    p = fresh(primary)
    services.petition_request_info(actor=desk.officer, petition=p, expected_version=p.version, text="Bổ sung")
    assert fresh(twin).state == S.AWAITING_INFO
    assert services.petitions_check_deadlines(day=D(2016, 6, 1))["escalated"] == 0


def test_any_module_raises_items_through_one_contract_with_a_generic_origin(world, desk, on_day):
    """petitions_raise links the items to whatever record raised them; someone who may not take in kiến nghị
    still raises them, received by the system actor (named), never by nobody."""
    on_day(D(2016, 3, 1))
    origin = world.party_org_a  # any record of any module
    viewer = world.users["viewer_a"]
    created = services.petitions_raise(
        actor=viewer,
        origin=origin,
        label="Hội nghị đối thoại của Đảng ủy",
        source="voter",
        items=[
            services.Raised("recommendation", "Làm đường liên thôn", world.village_a1, D(2016, 2, 20)),
            services.Raised("difficulty", "Thiếu nước tưới", world.commune_a, D(2016, 2, 20), desk.economy),
        ],
    )
    assert [p.origin for p in created] == [origin, origin]
    assert created[0].origin_label == "Hội nghị đối thoại của Đảng ủy" and created[0].origin_url == ""
    assert {p.received_by for p in created} == {access.system_actor()}
    entry = AuditEntry.objects.get(object_id=str(created[0].pk), action="create", content_type__model="petition")
    assert entry.actor_name == "Hệ thống"
    with pytest.raises(ValidationError):
        services.petitions_raise(
            actor=viewer,
            origin=origin,
            label="x",
            source="no-such-source",
            items=[services.Raised("recommendation", "x", world.village_a1, D(2016, 2, 20))],
        )
