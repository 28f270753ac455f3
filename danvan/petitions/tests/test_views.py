"""The screens: intake with its messages, the actions, the list's filters and export, statistics equal to
independent counts, and bad input that changes nothing."""

import datetime
import io
import random

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.core import access, attachments
from danvan.core.access import loader_actor
from danvan.petitions import services, statistics
from danvan.petitions.models import Petition

from .test_lifecycle import intake

D = datetime.date


def test_intake_form_shows_errors_next_to_fields_and_saves_nothing(world, desk, client_for):
    client = client_for("editor_a")
    response = client.post(
        reverse("petitions:create"),
        {
            "source": "voter",
            "kind": "recommendation",
            "unit": world.village_a1.pk,
            "content": "   ",
            "raised_on": "05/03/2016",
            "received_on": "01/03/2016",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_content_errors"' in html
    assert not Petition.objects.exists()
    response = client.post(
        reverse("petitions:create"),
        {
            "source": "voter",
            "kind": "recommendation",
            "unit": world.village_a1.pk,
            "content": "Sửa cầu",
            "raised_on": "05/03/2016",
            "received_on": "01/03/2016",
        },
    )
    assert "không được trước ngày nêu" in response.content.decode()
    assert not Petition.objects.exists()


def test_intake_route_answer_through_the_screens(world, desk, client_for):
    officer = client_for("district_user")
    response = officer.post(
        reverse("petitions:create"),
        {
            "source": "voter",
            "kind": "recommendation",
            "unit": world.village_a1.pk,
            "field": desk.economy.pk,
            "content": "Đề nghị nạo vét kênh N4",
            "raised_on": "01/03/2016",
            "received_on": "02/03/2016",
            "body": desk.agriculture.pk,
        },
    )
    p = Petition.objects.get()
    assert response.status_code == 302 and p.state == "transferred" and p.body == desk.agriculture
    from django.test import Client

    client = Client()
    client.force_login(desk.officer)
    page = client.get(reverse("petitions:detail", args=[p.pk])).content.decode()
    assert "Gửi trả lời" in page
    response = client.post(
        reverse("petitions:step_answer", args=[p.pk]), {"tra-loi-version": p.version, "tra-loi-text": ""}
    )
    assert Petition.objects.get().state == "transferred"  # empty answer refused
    client.post(
        reverse("petitions:step_answer", args=[p.pk]),
        {"tra-loi-version": p.version, "tra-loi-text": "Đã đưa vào kế hoạch quý II"},
    )
    p.refresh_from_db()
    assert p.state == "answered" and p.answer == "Đã đưa vào kế hoạch quý II"
    assert (
        client.post(  # the department cannot speak for the originator
            reverse("petitions:step_verdict", args=[p.pk]), {"y-kien-version": p.version, "y-kien-agree": "1"}
        ).status_code
        == 403
    )
    stale = client_for("editor_a").post(
        reverse("petitions:step_verdict", args=[p.pk]), {"y-kien-version": p.version - 1, "y-kien-agree": "1"}
    )
    assert stale.status_code == 302
    p.refresh_from_db()
    assert p.state == "answered"  # a stale page does not win
    client_for("editor_a").post(
        reverse("petitions:step_verdict", args=[p.pk]), {"y-kien-version": p.version, "y-kien-agree": "1"}
    )
    p.refresh_from_db()
    assert (p.state, p.verdict) == ("resolved", "agree")


def test_a_commune_user_cannot_act_on_another_communes_item(world, desk, client_for):
    p = intake(world, desk, body=desk.agriculture)
    response = client_for("user_b").post(
        reverse("petitions:step_answer", args=[p.pk]), {"tra-loi-version": p.version, "tra-loi-text": "x"}
    )
    assert response.status_code == 404
    response = client_for("viewer_a").post(
        reverse("petitions:step_answer", args=[p.pk]), {"tra-loi-version": p.version, "tra-loi-text": "x"}
    )
    assert response.status_code == 403
    assert Petition.objects.get().state == "transferred"


@pytest.mark.parametrize("query", ['"cầu', "cầu OR", "NEAR(a b)", "*", "a" * 5000, "đường' --", "(((", "-cầu"])
def test_search_survives_fts_syntax_and_long_strings(world, desk, client_for, query):
    intake(world, desk, content="Sửa cầu tràn Đông Thượng")
    response = client_for("editor_a").get(reverse("petitions:list"), {"q": query})
    assert response.status_code == 200


def test_search_is_accent_insensitive(world, desk, client_for):
    p = intake(world, desk, content="Sửa cầu tràn Đông Thượng")
    intake(world, desk, content="Hỗ trợ giống lúa")
    page = client_for("editor_a").get(reverse("petitions:list"), {"q": "cau tran"}).content.decode()
    assert p.code in page and "giống lúa" not in page


def test_filters_and_export(world, desk, client_for, on_day):
    on_day(D(2016, 3, 1))
    late = intake(world, desk, body=desk.agriculture)
    intake(world, desk, unit=world.village_a2, content="Xin hỗ trợ xi măng", field=desk.culture)
    on_day(D(2016, 5, 1))
    client = client_for("district_user")
    page = client.get(reverse("petitions:list"), {"qua_han": "1"}).content.decode()
    assert late.code in page and "xi măng" not in page
    page = client.get(reverse("petitions:list"), {"don_vi": world.commune_a.pk, "linh_vuc": desk.culture.pk})
    assert "xi măng" in page.content.decode()
    response = client.get(reverse("petitions:list"), {"qua_han": "1", "xuat": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Số" and len(rows) == 2 and rows[1][0] == late.code and rows[1][11] == "Có"


def test_the_list_query_count_does_not_grow(world, desk, client_for):
    for i in range(3):
        intake(world, desk, content=f"Kiến nghị số {i}", body=desk.agriculture)
    client = client_for("district_user")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("petitions:list"))
    for i in range(20):
        intake(world, desk, content=f"Thêm kiến nghị {i}", body=desk.agriculture)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("petitions:list"))
    assert len(many) == len(few)


def test_statistics_equal_independent_counts(world, desk, on_day):
    """A random year of items, then every measure counted again in Python from the rows."""
    rng = random.Random(7)
    units = [world.village_a1, world.village_a2, world.commune_a, world.village_b1]
    bodies = [desk.agriculture, desk.district_committee, world.body_a]
    made = []
    for i in range(60):
        day = D(2016, 1, 4) + datetime.timedelta(days=rng.randrange(0, 300))
        on_day(day)
        p = intake(
            world,
            desk,
            unit=rng.choice(units),
            content=f"Nội dung kiến nghị số {i} về {rng.random()}",
            raised_on=day,
            body=rng.choice(bodies + [None]),
        )
        made.append(p)
        if p.body_id and rng.random() < 0.7:
            on_day(day + datetime.timedelta(days=rng.randrange(1, 60)))
            services.petition_answer(actor=loader_actor(), petition=p, expected_version=p.version, text="Trả lời")
            p.refresh_from_db()
            if rng.random() < 0.6:
                services.petition_verdict(
                    actor=loader_actor(),
                    petition=p,
                    expected_version=p.version,
                    agree=rng.random() < 0.8,
                    note="Chưa thỏa đáng",
                )
    on_day(D(2016, 12, 31))
    start, end = D(2016, 4, 1), D(2016, 9, 30)
    admin = world.users["admin"]
    rows = list(Petition.objects.filter(duplicate_of__isnull=True))

    def within(day):
        return day is not None and start <= day <= end

    expected = {
        "received": sum(within(p.received_on) for p in rows),
        "pending": sum(p.received_on < start and (p.resolved_on is None or p.resolved_on >= start) for p in rows),
        "answered": sum(within(p.answered_on) for p in rows),
        "resolved": sum(within(p.resolved_on) for p in rows),
        "on_time": sum(within(p.resolved_on) and p.on_time is True for p in rows),
        "agreed": sum(within(p.verdict_on) and p.verdict == "agree" for p in rows),
        "verdicts": sum(within(p.verdict_on) and p.verdict != "" for p in rows),
        "overdue": sum(
            p.state in ("received", "classified", "transferred", "in_progress")
            and p.due_on is not None
            and p.due_on < D(2016, 12, 31)
            for p in rows
        ),
    }
    got = statistics.totals(user=admin, start=start, end=end)
    assert {k: got[k] for k in expected} == expected
    assert expected["received"] > 10 and expected["resolved"] > 3  # the data exercises the measures
    by_body, total = statistics.by_body(user=admin, start=start, end=end)
    for row in by_body:
        mine = [p for p in rows if p.body_id == row.key]
        assert row.values["received"] == sum(within(p.received_on) for p in mine)
        days = sorted(p.working_days_taken for p in mine if within(p.resolved_on))
        if days:
            assert row.median_days == days[(len(days) + 1) // 2 - 1]  # nearest rank
            assert row.p90_days == days[max(1, -(-9 * len(days) // 10)) - 1]
    assert total.values["received"] == expected["received"]
    by_unit, total = statistics.by_unit(user=admin, start=start, end=end)
    per_commune = {r.key: r.values["received"] for r in by_unit}
    a_ids = {world.commune_a.pk, world.village_a1.pk, world.village_a2.pk}
    assert per_commune[world.commune_a.pk] == sum(within(p.received_on) and p.unit_id in a_ids for p in rows)
    assert per_commune.get(world.commune_b.pk, 0) == sum(
        within(p.received_on) and p.unit_id == world.village_b1.pk for p in rows
    )
    # A commune sees only its own.
    mine = statistics.totals(user=world.users["user_b"], start=start, end=end)
    assert mine["received"] == per_commune.get(world.commune_b.pk, 0)


def test_statistics_page_and_export_with_bounded_queries(world, desk, client_for, on_day):
    on_day(D(2016, 3, 1))
    for i in range(3):
        intake(world, desk, content=f"Kiến nghị {i}", body=desk.agriculture)
    client = client_for("district_user")
    params = {"tu_ngay": "01/01/2016", "den_ngay": "31/12/2016"}
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("petitions:statistics"), params).status_code == 200
    for i in range(10):
        intake(world, desk, content=f"Thêm {i}", unit=world.village_b1, body=desk.district_committee)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("petitions:statistics"), params).content.decode()
    assert len(many) == len(few)
    assert "Phòng Nông nghiệp" in page
    response = client.get(reverse("petitions:statistics"), {**params, "theo": "don-vi", "xuat": "xlsx"})
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[-1][0] == "Tổng cộng" and rows[-1][2] == 13


def test_public_summary_has_no_personal_data(world, desk):
    intake(world, desk, content="Nội dung riêng tư của cử tri Nguyễn Văn Bí", raised_by="Nguyễn Văn Bí")
    summary = statistics.public_summary(unit=world.district, start=D(2016, 1, 1), end=D(2016, 12, 31))
    assert summary["received"] == 1
    assert "Bí" not in repr(summary)


def test_attachment_upload_refuses_html(world, desk, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    p = intake(world, desk)
    response = client_for("editor_a").post(
        reverse("petitions:attachment_add", args=[p.pk]),
        {"attachments": SimpleUploadedFile("x.html", b"<script>alert(1)</script>")},
        follow=True,
    )
    assert "không được nhận" in response.content.decode()
    assert not attachments.of(p).exists()


def test_calendar_edits_move_open_due_dates(world, desk, client_for, on_day, django_capture_on_commit_callbacks):
    on_day(D(2016, 3, 1))
    p = intake(world, desk, body=desk.agriculture)
    assert p.due_on == D(2016, 3, 29)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("admin").post(
            reverse("petitions:calendar") + "?nam=2016",
            {"day": "15/03/2016", "kind": "day_off", "name": "Nghỉ hoán đổi (thử)"},
        )
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.due_on == D(2016, 3, 30)  # one working day less in the period
    assert client_for("editor_a").post(reverse("petitions:calendar"), {"nap": "1"}).status_code == 403


def test_carry_over_screen(world, desk, client_for, on_day):
    on_day(D(2016, 3, 1))
    p = intake(world, desk, body=desk.agriculture)
    conference = services.conference_create(
        actor=loader_actor(), unit=world.district, title="Giao ban quý I", year=2016, quarter=1, held_on=D(2016, 3, 31)
    )
    client = client_for("district_user")
    assert p.code in client.get(reverse("petitions:conference_detail", args=[conference.pk])).content.decode()
    client.post(reverse("petitions:conference_carry_over", args=[conference.pk]), {"version": conference.version})
    p.refresh_from_db()
    assert p.carried_over
    page = client.get(reverse("petitions:list"), {"ton_dong": "1"}).content.decode()
    assert p.code in page


def test_linking_from_the_detail_page(world, desk, client_for, on_day):
    on_day(D(2016, 3, 1))
    primary = intake(world, desk, body=desk.agriculture)
    twin = intake(world, desk, unit=world.village_a2, content="Đường giao thông thôn Đông Thượng xuống cấp")
    client = client_for("district_user")
    page = client.get(reverse("petitions:detail", args=[twin.pk])).content.decode()
    assert primary.code in page  # proposed as a possible duplicate
    client.post(reverse("petitions:link", args=[twin.pk]), {"version": twin.version, "primary": primary.pk})
    twin.refresh_from_db()
    assert twin.duplicate_of == primary


def test_time_limits_are_versioned_by_date(world, desk, client_for, on_day):
    from danvan.core.models import UnitLevel
    from danvan.petitions.models import ResolutionTime

    district = UnitLevel.objects.get(code="district")
    client = client_for("admin")
    assert client.get(reverse("petitions:reference")).status_code == 200
    response = client.post(
        reverse("petitions:reference"),
        {
            "thoi_han": "1",
            "kind": "recommendation",
            "level": district.pk,
            "working_days": "10",
            "valid_from": "01/03/2016",
        },
    )
    assert response.status_code == 302
    rows = ResolutionTime.objects.filter(kind="recommendation", level=district).order_by("valid_from")
    assert [(r.working_days, r.valid_to) for r in rows] == [(20, D(2016, 2, 29)), (10, None)]
    on_day(D(2016, 3, 1))
    assert intake(world, desk, body=desk.agriculture).due_on == D(2016, 3, 15)  # 10 working days
    assert client_for("editor_a").post(reverse("petitions:reference"), {"thoi_han": "1"}).status_code == 403


def test_answer_templates_are_edited_and_offered(world, desk, client_for, on_day):
    client = client_for("admin")
    client.post(
        reverse("petitions:reference"),
        {
            "mau": "1",
            "name": "Đã có kế hoạch",
            "action": "answered",
            "text": "Kiến nghị của {don_vi} đã có trong kế hoạch.",
        },
    )
    on_day(D(2016, 3, 1))
    p = intake(world, desk, body=desk.agriculture)
    page = client.get(reverse("petitions:detail", args=[p.pk])).content.decode()
    from danvan.petitions.models import AnswerTemplate

    template = AnswerTemplate.objects.get(name="Đã có kế hoạch")
    assert f'<option value="{template.pk}">Đã có kế hoạch</option>' in page
    assert "{don_vi} \\u0111\\u00e3 c\\u00f3 trong k\\u1ebf ho\\u1ea1ch" in page  # the text, for the script


def test_a_team_member_sees_the_items_the_team_raised(world, desk, on_day):
    from danvan.core.tests.cast import make_user
    from danvan.supervision.tests.factories import build_group

    on_day(D(2016, 2, 1))
    group = build_group(world)
    team = world.extra["team"]
    member = make_user("to_vien")
    person = team.members.first()
    type(person).objects.filter(pk=person.pk).update(user=member)
    raised = intake(world, desk, team=team)
    other = intake(world, desk, content="Không do tổ nêu")
    assert set(access.visible(member, Petition).values_list("pk", flat=True)) == {raised.pk}
    assert group is not None and other.pk not in access.visible(member, Petition).values_list("pk", flat=True)


def test_every_step_has_its_own_address_and_refuses_outsiders_and_roles_without_it(world, desk, client_for):
    """Each step of petitions/workflow.py answers POST only: 404 outside the scope, 403 without the step's
    access action, the login page for anonymous users; nothing changes in any of these cases."""
    from danvan.core.models import AuditEntry
    from danvan.petitions.views.items import STEP_HANDLERS
    from danvan.petitions.workflow import WORKFLOW

    p = intake(world, desk, body=desk.agriculture)
    assert set(STEP_HANDLERS) == {s.name for s in WORKFLOW} - {"link", "attach"}  # those have their own forms
    before = (AuditEntry.objects.count(), Petition.objects.get().version)
    for step in STEP_HANDLERS:
        url = reverse(f"petitions:step_{step}", args=[p.pk])
        assert url.endswith(f"/{WORKFLOW.step(step).slug}/")
        assert client_for("viewer_a").get(url).status_code == 405
        assert client_for("user_b").post(url, {}).status_code == 404, step
        assert client_for("viewer_a").post(url, {}).status_code == 403, step
        assert client_for("anonymous").post(url, {})["Location"].startswith(reverse("login"))
    assert (AuditEntry.objects.count(), Petition.objects.get().version) == before


def test_the_page_offers_exactly_the_steps_the_services_accept(world, desk, client_for):
    """A transferred item: its body's officer may start, answer, transfer or ask for information, not route,
    verdict or close; the buttons follow the workflow."""
    from danvan.petitions.workflow import WORKFLOW

    p = intake(world, desk, body=desk.agriculture)
    offered = WORKFLOW.available(desk.officer, p)
    assert {name for name, ok in offered.items() if ok} >= {"start", "answer", "transfer", "request_info"}
    assert not any(offered[name] for name in ("route", "classify", "verdict", "resolve", "close", "unlink"))
