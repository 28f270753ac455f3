"""The screens: bad input shown next to the field with nothing saved, lists (search, export, htmx), one record
with its actions, boards and inspections, village heads' scope, the dashboard and working-group sections."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from danvan.core import attachments
from danvan.core.access import loader_actor
from danvan.core.models import AuditEntry, Role
from danvan.core.services import accounts
from danvan.core.tests.cast import make_user
from danvan.democracy import services
from danvan.democracy.models import CommunityDecision, Disclosure, InspectionBoard

from .factories import D, board_members, channel, disclosure, item, matter, vote

pytestmark = pytest.mark.django_db


def _vote_post(world, **overrides):
    data = {
        "place": world.village_a1.pk,
        "matter": matter("qd-06").pk,
        "title": "Quy ước vệ sinh đường làng",
        "held_on": "10/03/2024",
        "form": "meeting",
        "basis": "households",
        "total": 200,
        "present": 160,
        "votes_for": 101,
        "votes_against": 40,
        "method": "hands",
        "chair": "Lê Văn Trưởng",
    }
    data.update(overrides)
    return data


def test_recording_a_vote_through_the_form(world, client_for):
    client = client_for("editor_a")
    response = client.post(reverse("democracy:decision_create"), _vote_post(world))
    decision = CommunityDecision.objects.get()
    assert response.status_code == 302 and decision.passed and decision.unit == world.commune_a
    page = client.get(reverse("democracy:decision_detail", args=[decision.pk])).content.decode()
    assert "Được thông qua" in page and "101/200" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"votes_for": 170}, "không được lớn hơn số tham gia"),
        ({"present": 201}, "không được lớn hơn tổng số"),
        ({"method": "secret", "counting_team": "A\nB"}, "từ 3 đến 5 người"),
        ({"method": "secret"}, "phải có Ban kiểm phiếu"),
        ({"form": "online", "matter": None}, "chỉ áp dụng cho"),
        ({"votes_for": 100, "votes_against": 0, "declared": "passed"}, "Không thể ghi nhận là được thông qua"),
    ],
)
def test_bad_votes_show_their_message_and_save_nothing(world, client_for, overrides, message):
    if overrides.get("matter", 1) is None:
        overrides["matter"] = matter("qd-03").pk
    response = client_for("editor_a").post(reverse("democracy:decision_create"), _vote_post(world, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CommunityDecision.objects.exists()


def test_a_disclosure_ending_before_it_starts_is_shown_and_not_saved(world, client_for):
    response = client_for("editor_a").post(
        reverse("democracy:disclosure_create"),
        {
            "unit": world.commune_a.pk,
            "item": item("cc-01").pk,
            "title": "Kế hoạch 2024",
            "channels": [channel("niem-yet").pk],
            "started_on": "10/01/2024",
            "ended_on": "09/01/2024",
        },
    )
    assert "không được trước ngày bắt đầu" in response.content.decode()
    assert not Disclosure.objects.exists()


def test_a_dialogue_before_its_notice_is_refused(world, client_for):
    response = client_for("editor_a").post(
        reverse("democracy:dialogue_create"),
        {"unit": world.commune_a.pk, "title": "Đối thoại", "notice_on": "10/09/2024", "held_on": "09/09/2024"},
    )
    assert "không được trước ngày thông báo" in response.content.decode()


def _board_post(world, names):
    data = {"unit": world.commune_a.pk, "elected_on": "01/08/2024"}
    for i, name in enumerate(names):
        data[f"member_{i}"] = name
        data[f"role_{i}"] = "head" if i == 0 else "member"
    return data


def test_board_with_four_members_is_refused_then_five_accepted(world, client_for):
    client = client_for("editor_a")
    response = client.post(reverse("democracy:board_create"), _board_post(world, [f"Người {i}" for i in range(4)]))
    assert "ít nhất 5 thành viên" in response.content.decode()
    assert not InspectionBoard.objects.exists()
    response = client.post(reverse("democracy:board_create"), _board_post(world, [f"Người {i}" for i in range(5)]))
    board = InspectionBoard.objects.get()
    assert response.status_code == 302 and board.members.count() == 5


def test_inspection_plan_then_result_raises_a_petition(world, client_for):
    from danvan.petitions.models import Petition

    board = services.board_create(
        actor=loader_actor(), unit=world.commune_a, elected_on=D(2024, 8, 1), members=board_members(5)
    )
    client = client_for("editor_a")
    client.post(
        reverse("democracy:board_detail", args=[board.pk]),
        {"subject": "Thu chi quỹ", "inspected": "Thôn Đông Thượng", "sent_on": "02/09/2024", "starts_on": "16/09/2024"},
    )
    inspection = board.inspections.get()
    response = client.post(
        reverse("democracy:inspection_detail", args=[inspection.pk]),
        {
            "version": inspection.version,
            "result_on": "20/09/2024",
            "findings": "Đề nghị công khai thu chi quỹ.",
            "raise_petition": "on",
        },
    )
    assert response.status_code == 302
    petition = Petition.objects.get()
    assert petition.source == "inspection_board"
    page = client.get(reverse("democracy:inspection_detail", args=[inspection.pk])).content.decode()
    assert reverse("petitions:detail", args=[petition.pk]) in page


def _recognise(world, decision, **overrides):
    data = {"version": decision.version, "body": world.body_a.pk, "number": "12/QĐ-UBND", "day": "12/03/2024"}
    data.update(overrides)
    return {f"cong-nhan-{key}": value for key, value in data.items()}


def test_recognition_through_the_page_and_a_stale_page(world, client_for):
    decision = vote(world)
    client = client_for("editor_a")
    response = client.post(reverse("democracy:step_recognise", args=[decision.pk]), _recognise(world, decision))
    assert response.status_code == 302 and response["Location"] == decision.get_absolute_url()
    decision.refresh_from_db()
    assert decision.state == "recognised"
    response = client.post(
        reverse("democracy:step_implement", args=[decision.pk]), {"thuc-hien-version": 1, "thuc-hien-text": "Đã làm"}
    )
    assert response.status_code == 200
    assert "tải lại" in response.content.decode() or "phiên bản" in response.content.decode()


def test_a_recognition_with_bad_input_shows_the_form_with_its_errors(world, client_for):
    decision = vote(world)
    response = client_for("editor_a").post(
        reverse("democracy:step_recognise", args=[decision.pk]), _recognise(world, decision, day="01/03/2024")
    )
    assert response.status_code == 200
    assert "không được trước ngày biểu quyết" in response.content.decode()
    decision.refresh_from_db()
    assert decision.state == "recorded" and decision.version == 1


def test_a_recognition_from_a_stale_page_is_shown_on_its_form_and_saves_nothing(world, client_for):
    decision = vote(world)
    url = reverse("democracy:step_recognise", args=[decision.pk])
    response = client_for("editor_a").post(url, _recognise(world, decision, version=decision.version + 5))
    page = response.content.decode()
    assert response.status_code == 200 and f'action="{url}"' in page
    assert "tải lại" in page or "phiên bản" in page
    decision.refresh_from_db()
    assert (decision.state, decision.version, decision.recognised_on) == ("recorded", 1, None)


def test_viewer_cannot_recognise(world, client_for):
    decision = vote(world)
    response = client_for("viewer_a").post(
        reverse("democracy:step_recognise", args=[decision.pk]), _recognise(world, decision)
    )
    assert response.status_code == 403
    decision.refresh_from_db()
    assert decision.state == "recorded"


def test_a_step_refused_in_the_wrong_state_changes_nothing_and_says_why(world, client_for):
    """A rejected vote cannot be recognised, an unrecognised one cannot be carried out: the page says why (with
    the current state) and nothing is written."""
    rejected = vote(world, votes_for=90, title="Làm đường bê tông")
    recorded = vote(world)
    client = client_for("editor_a")
    before = (AuditEntry.objects.count(), list(CommunityDecision.objects.values_list("pk", "state", "version")))
    response = client.post(
        reverse("democracy:step_recognise", args=[rejected.pk]), _recognise(world, rejected), follow=True
    )
    page = response.content.decode()
    assert "Chỉ công nhận kết quả đã được thông qua và chưa công nhận." in page
    assert "Trạng thái hiện tại: Không được thông qua." in page
    response = client.post(
        reverse("democracy:step_implement", args=[recorded.pk]),
        {"thuc-hien-version": recorded.version, "thuc-hien-text": "Đã làm"},
        follow=True,
    )
    assert "Chỉ tổ chức thực hiện sau khi kết quả đã được công nhận." in response.content.decode()
    after = (AuditEntry.objects.count(), list(CommunityDecision.objects.values_list("pk", "state", "version")))
    assert after == before


def test_the_services_refuse_a_step_in_the_wrong_state(world):
    from django.core.exceptions import ValidationError

    decision = vote(world, votes_for=90)
    with pytest.raises(ValidationError, match="Chỉ công nhận"):
        services.decision_recognise(
            actor=loader_actor(),
            decision=decision,
            expected_version=decision.version,
            body=world.body_a,
            number="",
            day=D(2024, 3, 12),
        )
    with pytest.raises(ValidationError, match="Chỉ tổ chức thực hiện"):
        services.decision_implement(
            actor=loader_actor(), decision=decision, expected_version=decision.version, text="Đã làm"
        )


def test_every_step_has_its_own_address_and_refuses_outsiders_and_roles_without_it(world, client_for):
    """Each step of democracy/workflow.py answers POST only: 404 outside the scope, 403 without the step's access
    action, the login page for anonymous users; nothing changes in any of these cases."""
    from danvan.democracy.views.decisions import STEP_HANDLERS
    from danvan.democracy.workflow import WORKFLOW

    decision = vote(world)
    assert set(STEP_HANDLERS) == {s.name for s in WORKFLOW}
    before = (AuditEntry.objects.count(), CommunityDecision.objects.get().version)
    for step in STEP_HANDLERS:
        url = reverse(f"democracy:step_{step}", args=[decision.pk])
        assert url.endswith(f"/{WORKFLOW.step(step).slug}/")
        assert client_for("viewer_a").get(url).status_code == 405
        assert client_for("user_b").post(url, {}).status_code == 404, step
        assert client_for("viewer_a").post(url, {}).status_code == 403, step
        assert client_for("anonymous").post(url, {})["Location"].startswith(reverse("login"))
    assert (AuditEntry.objects.count(), CommunityDecision.objects.get().version) == before


def test_the_page_offers_exactly_the_steps_the_services_accept(world, client_for):
    from danvan.democracy.workflow import WORKFLOW

    decision = vote(world)
    editor, viewer = world.users["editor_a"], world.users["viewer_a"]
    assert WORKFLOW.available(editor, decision) == {"recognise": True, "implement": False}
    assert WORKFLOW.available(viewer, decision) == {"recognise": False, "implement": False}
    page = client_for("editor_a").get(decision.get_absolute_url()).content.decode()
    assert reverse("democracy:step_recognise", args=[decision.pk]) in page
    assert reverse("democracy:step_implement", args=[decision.pk]) not in page
    services.decision_recognise(
        actor=editor, decision=decision, expected_version=1, body=world.body_a, number="", day=D(2024, 3, 12)
    )
    assert WORKFLOW.available(editor, decision) == {"recognise": False, "implement": True}
    page = client_for("editor_a").get(decision.get_absolute_url()).content.decode()
    assert reverse("democracy:step_recognise", args=[decision.pk]) not in page
    assert reverse("democracy:step_implement", args=[decision.pk]) in page


def test_a_village_head_records_votes_of_the_village_only(world):
    head = make_user("head_a1")
    accounts.membership_create(
        actor=loader_actor(),
        user=head,
        role=Role.objects.get(code="village_head"),
        unit=world.village_a1,
        valid_from=D(2016, 1, 1),
    )
    vote(world, actor=head)
    with pytest.raises(PermissionDenied):
        vote(world, actor=head, place=world.village_a2)


def test_lists_search_export_and_partial(world, client_for):
    vote(world, title="Quy ước giữ gìn vệ sinh đường làng")
    vote(world, title="Làm đường bê tông", held_on=D(2024, 5, 1))
    client = client_for("viewer_a")
    url = reverse("democracy:decision_list")
    page = client.get(url, {"q": "quy uoc"}).content.decode()
    assert "Quy ước giữ gìn" in page and "Làm đường bê tông" not in page
    partial = client.get(url, {"q": "duong"}, headers={"HX-Request": "true", "HX-Target": "results"}).content.decode()
    assert "<html" not in partial and "Làm đường bê tông" in partial
    response = client.get(url, {"xuat": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 3
    assert not client_for("user_b").get(url, {"q": "duong"}).context["page"].object_list


def test_attachment_added_and_downloaded(world, client_for):
    d = disclosure(world)
    client = client_for("editor_a")
    before = AuditEntry.objects.count()
    client.post(
        reverse("democracy:attachment_add", args=["disclosure", d.pk]),
        {"attachments": SimpleUploadedFile("anh.png", b"\x89PNG")},
    )
    attachment = attachments.of(d).get()
    assert AuditEntry.objects.count() == before + 1
    response = client.get(reverse("democracy:attachment", args=["disclosure", d.pk, attachment.pk]))
    assert response.status_code == 200
    assert (
        client_for("user_b").get(reverse("democracy:attachment", args=["disclosure", d.pk, attachment.pk])).status_code
        == 404
    )
    client.post(
        reverse("democracy:attachment_add", args=["disclosure", d.pk]),
        {"attachments": SimpleUploadedFile("virus.exe", b"MZ")},
    )
    assert attachments.of(d).count() == 1


def test_dashboard_panel_for_a_commune_officer(world, client_for):
    page = client_for("editor_a").get(reverse("core:home")).content.decode()
    assert "Dân chủ ở cơ sở năm" in page


def test_working_group_section(world, client_for):
    from danvan.supervision.tests.factories import build_group

    build_group(world)
    response = client_for("district_user").get(reverse("democracy:group_compliance", args=[world.extra["group"].pk]))
    assert response.status_code == 200
    assert "Dân chủ ở cơ sở" in response.content.decode()


def test_rules_page_shows_both_instruments_and_marks_for_administrators(world, client_for):
    page = client_for("admin").get(reverse("democracy:rules")).content.decode()
    assert "Pháp lệnh 34/2007" in page and "Luật 10/2022" in page and "Cần xác minh" in page
    assert "Cần xác minh" not in client_for("viewer_a").get(reverse("democracy:rules")).content.decode()


@pytest.mark.parametrize(
    "name", ["disclosure_list", "decision_list", "consultation_list", "dialogue_list", "board_list"]
)
def test_list_queries_are_bounded(world, client_for, django_assert_max_num_queries, name):
    for i in range(5):
        vote(world, title=f"Biểu quyết {i}")
        disclosure(world, title=f"Công khai {i}")
    client = client_for("editor_a")
    with django_assert_max_num_queries(25):
        assert client.get(reverse(f"democracy:{name}")).status_code == 200


def test_administrators_confirm_rules_but_add_them_only_by_migration(world, client_for):
    client = client_for("admin")
    assert client.get(reverse("core:reference_create", args=["noi-dung-cong-khai"])).status_code == 404
    assert client.get(reverse("core:reference_create", args=["hinh-thuc-cong-khai"])).status_code == 200
    entry = item("cc-04")
    response = client.post(
        reverse("core:reference_edit", args=["noi-dung-cong-khai", entry.pk]),
        {
            "version": entry.version,
            "name": entry.name,
            "position": entry.position,
            "valid_from": "01/07/2023",
            "note": "Đã đối chiếu Điều 11 Luật 10/2022.",
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert not entry.needs_verification and entry.rule_set.code == "luat-10-2022"


def test_disclosure_page_says_why_it_is_too_short(world, client_for):
    short = disclosure(world, "cc-04", days=29, title="Nhiệm vụ cán bộ")
    page = client_for("viewer_a").get(reverse("democracy:disclosure_detail", args=[short.pk])).content.decode()
    assert "Chưa đủ thời gian: công khai 29 ngày, quy định tối thiểu 30 ngày" in page
    enough = disclosure(world, "cc-04", days=30, title="Nhiệm vụ cán bộ (đủ)")
    page = client_for("viewer_a").get(reverse("democracy:disclosure_detail", args=[enough.pk])).content.decode()
    assert "Đủ thời gian theo quy định" in page


def test_a_board_result_raises_the_item_under_a_named_actor(world):
    """A board result's kiến nghị is audited under whoever recorded the result (or the system actor when they
    may not take in kiến nghị): never under nobody."""
    from danvan.petitions.models import Petition

    board = services.board_create(
        actor=loader_actor(), unit=world.commune_a, elected_on=D(2024, 8, 1), members=board_members(5)
    )
    editor = world.users["editor_a"]
    inspection = services.inspection_create(
        actor=editor,
        board=board,
        subject="Thu chi quỹ",
        inspected="Thôn Đông Thượng",
        sent_on=D(2024, 9, 2),
        starts_on=D(2024, 9, 16),
    )
    services.inspection_result(
        actor=editor,
        inspection=inspection,
        expected_version=inspection.version,
        result_on=D(2024, 9, 20),
        findings="Đề nghị công khai thu chi quỹ.",
        raise_petition=True,
    )
    petition = Petition.objects.get()
    created = AuditEntry.objects.get(action="create", object_id=str(petition.pk), content_type__model="petition")
    assert created.actor == editor and created.actor_name == "editor_a"


def test_the_system_actor_raises_a_kien_nghi_under_its_own_name(world):
    from danvan.core import access
    from danvan.petitions import services as petitions
    from danvan.petitions.models import Petition

    petitions.petition_create(
        actor=access.system_actor(),
        source="inspection_board",
        kind="recommendation",
        unit=world.commune_a,
        content="Đề nghị công khai thu chi quỹ.",
        raised_on=D(2024, 9, 20),
        received_on=D(2024, 9, 20),
    )
    petition = Petition.objects.get()
    created = AuditEntry.objects.get(action="create", object_id=str(petition.pk), content_type__model="petition")
    assert created.actor == access.system_actor() and created.actor_name == "Hệ thống"


def test_a_records_file_is_not_served_through_another_records_address(world, client_for):
    """Files of a disclosure are not reachable through a community vote's address, even with a valid id."""
    published = disclosure(world, attachments=[SimpleUploadedFile("niem-yet.pdf", b"%PDF-1.4")])
    meeting = vote(world)
    attachment = attachments.of(published).get()
    client = client_for("editor_a")
    own = reverse("democracy:attachment", args=["disclosure", published.pk, attachment.pk])
    assert client.get(own).status_code == 200
    other = reverse("democracy:attachment", args=["decision", meeting.pk, attachment.pk])
    assert client.get(other).status_code == 404
    assert client_for("user_b").get(own).status_code == 404
    # The same id under a decision's kind (a decision with that id exists) and under a kind this module lacks.
    second = vote(world, title="Biểu quyết thứ hai")
    if not CommunityDecision.objects.filter(pk=published.pk).exists():  # ids differ (PostgreSQL's sequences)
        CommunityDecision.objects.filter(pk=second.pk).update(id=published.pk)
    assert CommunityDecision.objects.filter(pk=published.pk).exists()
    same_id = reverse("democracy:attachment", args=["decision", published.pk, attachment.pk])
    assert client.get(same_id).status_code == 404
    unknown = reverse("democracy:attachment", args=["petition", published.pk, attachment.pk])
    assert client.get(unknown).status_code == 404


def test_files_are_added_by_whoever_may_write_the_record_and_nobody_else(world, client_for):
    """The "attach" action of every record is its "change" rule (past records stay writable); a viewer gets 403,
    another commune's user 404, and no file is stored."""
    from danvan.core.access import declaration
    from danvan.core.attachments import attachables
    from danvan.core.models import Attachment

    declared = [entry.model for entry in attachables() if entry.model._meta.app_label == "democracy"]
    assert {m.__name__ for m in declared} == {"Disclosure", "CommunityDecision", "Consultation", "Dialogue"}
    for model in declared:
        actions = declaration(model).actions
        assert actions["attach"] == actions["change"], model.__name__
    meeting = vote(world)
    url = reverse("democracy:attachment_add", args=["decision", meeting.pk])
    upload = {"attachments": SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4")}
    assert client_for("viewer_a").post(url, upload).status_code == 403
    upload = {"attachments": SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4")}
    assert client_for("user_b").post(url, upload).status_code == 404
    assert not Attachment.objects.exists()
    upload = {"attachments": SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4")}
    response = client_for("editor_a").post(url, upload)
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert [a.name for a in attachments.of(meeting)] == ["bien-ban.pdf"]
    page = client_for("viewer_a").get(meeting.get_absolute_url()).content.decode()
    assert "bien-ban.pdf" in page and f'action="{url}"' not in page
