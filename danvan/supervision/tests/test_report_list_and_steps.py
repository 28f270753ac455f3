"""The monthly report list's filters and export, and the report's steps (supervision/workflow.py): one address
each, offered exactly when the service accepts them, and a refused step changes nothing."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from danvan.core.access import loader_actor
from danvan.core.models import AuditEntry
from danvan.core.tests.cast import grant, make_user
from danvan.core.tests.test_access_matrix import row_counts
from danvan.supervision import services
from danvan.supervision.models import MonthlyReport
from danvan.supervision.views.reports import STEP_HANDLERS
from danvan.supervision.workflow import WORKFLOW

from .factories import build_group

D = datetime.date


@pytest.fixture
def group(world, on_day):
    on_day(D(2016, 3, 1))
    return build_group(world)


def sent(report):
    report = services.report_update(
        actor=loader_actor(),
        report=report,
        expected_version=report.version,
        general_situation="Tình hình ổn định.",
        difficulties="",
        recommendations="",
        sections={},
    )
    return services.report_submit(actor=loader_actor(), report=report, expected_version=report.version)


@pytest.fixture
def reports(world, group):
    """Tổ 1 on An Lộc: 01/2016 (draft) and 02/2016 (sent); Tổ 2 on Bình Lộc: 01/2016 (draft)."""
    actor = loader_actor()
    team_2 = services.team_create(actor=actor, group=group, name="Tổ 2", leader=world.extra["member"])
    services.assignment_set(actor=actor, team=team_2, unit=world.commune_b, valid_from=D(2016, 1, 15))
    february = services.report_create(actor=actor, team=world.extra["team"], unit=world.commune_a, period=D(2016, 2, 1))
    b = services.report_create(actor=actor, team=team_2, unit=world.commune_b, period=D(2016, 1, 1))
    return {"january": world.extra["report"], "february": sent(february), "b": b, "team_2": team_2}


def listed(client, **params) -> list[int]:
    response = client.get(reverse("supervision:report_list"), params)
    assert response.status_code == 200
    return sorted(r.pk for r in response.context["page"].object_list)


def test_the_report_list_filters_by_search_unit_group_team_month_year_and_status(world, group, reports, client_for):
    client = client_for("district_user")
    everything = sorted(r.pk for r in (reports["january"], reports["february"], reports["b"]))
    assert listed(client) == everything
    assert listed(client, q="binh loc") == [reports["b"].pk]  # the commune, accents ignored
    assert listed(client, q="Tổ 2") == [reports["b"].pk]
    assert listed(client, q="doan cong tac so 1") == everything  # the group
    assert listed(client, don_vi=world.commune_a.pk) == sorted([reports["january"].pk, reports["february"].pk])
    assert listed(client, doan=group.pk) == everything
    assert listed(client, to=reports["team_2"].pk) == [reports["b"].pk]
    assert listed(client, thang="02/2016") == [reports["february"].pk]
    assert listed(client, nam=2016) == everything and listed(client, nam=2015) == []
    assert listed(client, trang_thai="submitted") == [reports["february"].pk]
    assert listed(client, trang_thai="submitted", don_vi=world.commune_b.pk) == []


def test_a_filter_value_that_does_not_parse_is_ignored_and_shown(world, group, reports, client_for):
    client = client_for("district_user")
    response = client.get(reverse("supervision:report_list"), {"thang": "13/2016", "to": "999999", "nam": "abc"})
    assert response.status_code == 200 and len(response.context["page"].object_list) == 3
    form = response.context["filter_form"]
    assert {"thang", "to", "nam"} <= set(form.errors)
    assert "Tháng không hợp lệ" in response.content.decode()


def test_a_commune_sees_neither_the_groups_reports_nor_its_teams_in_the_filters(world, group, reports, client_for):
    response = client_for("user_b").get(reverse("supervision:report_list"))
    assert list(response.context["page"].object_list) == []
    assert "Tổ 2 – Đoàn công tác số 1" not in response.content.decode()
    assert listed(client_for("user_b"), to=reports["team_2"].pk) == []


def test_the_report_export_follows_the_filters(world, group, reports, client_for):
    response = client_for("district_user").get(
        reverse("supervision:report_list"), {"don_vi": world.commune_a.pk, "xuat": "xlsx"}
    )
    assert response["Content-Disposition"].startswith('attachment; filename="bao-cao-thang-')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Tháng", "Đoàn", "Tổ", "Xã", "Trạng thái", "Gửi lúc", "Hạn")
    assert sorted(r[0] for r in rows[1:]) == ["01/2016", "02/2016"]


def test_every_step_has_its_own_address_and_refuses_outsiders_and_roles_without_it(world, group, reports, client_for):
    """Each step answers POST only: 404 outside the scope, 403 without the step's access action (a district
    viewer), the login page for anonymous users; none of them changes a row."""
    report = reports["february"]
    reader = make_user("doc_huyen")
    grant(reader, "viewer", world.district)
    viewer = Client()
    viewer.force_login(reader)
    assert set(STEP_HANDLERS) == {step.name for step in WORKFLOW} - {"update"}  # editing has its own page
    clients = {name: client_for(name) for name in ("district_user", "user_b", "viewer_a", "anonymous")}
    before = (AuditEntry.objects.count(), row_counts(), MonthlyReport.objects.get(pk=report.pk).version)
    for step in STEP_HANDLERS:
        url = reverse(f"supervision:step_{step}", args=[report.pk])
        assert url.endswith(f"/{WORKFLOW.step(step).slug}/")
        assert clients["district_user"].get(url).status_code == 405
        data = {"version": report.version, "reason": "Thiếu số liệu"}
        assert clients["user_b"].post(url, data).status_code == 404, step
        assert clients["viewer_a"].post(url, data).status_code == 404, step
        assert viewer.post(url, data).status_code == 403, step
        assert clients["anonymous"].post(url, data)["Location"].startswith(reverse("login"))
    assert (AuditEntry.objects.count(), row_counts(), MonthlyReport.objects.get(pk=report.pk).version) == before


@pytest.mark.parametrize(
    ("which", "step"),
    [
        ("january", "accept"),
        ("january", "return"),
        ("january", "compile"),
        ("february", "submit"),
        ("february", "compile"),
    ],
)
def test_a_step_refused_in_the_wrong_state_changes_nothing(world, group, reports, client_for, which, step):
    report = MonthlyReport.objects.get(pk=reports[which].pk)
    client = client_for("district_user")
    before = (AuditEntry.objects.count(), row_counts(), report.status, report.version)
    response = client.post(
        reverse(f"supervision:step_{step}", args=[report.pk]),
        {"version": report.version, "reason": "Thiếu số liệu"},
        follow=True,
    )
    assert "Trạng thái hiện tại: " + report.get_status_display() in response.content.decode()
    after = MonthlyReport.objects.get(pk=report.pk)
    assert (AuditEntry.objects.count(), row_counts(), after.status, after.version) == before


def test_a_draft_that_is_not_locked_is_not_reopened(world, group, reports):
    report = services.report_create(
        actor=loader_actor(), team=world.extra["team"], unit=world.commune_a, period=D(2016, 3, 1)
    )
    with pytest.raises(ValidationError, match="chưa khóa"):
        services.report_reopen(actor=loader_actor(), report=report, expected_version=report.version, reason="Sửa")
    assert MonthlyReport.objects.get(pk=report.pk).reopened is False


def test_the_page_offers_exactly_the_steps_the_services_accept(world, group, reports, client_for):
    """A sent report, not yet locked: the committee may accept or return it, nothing else; its team sees no
    handling at all; once accepted, compiling is offered."""
    report = reports["february"]
    offered = WORKFLOW.available(world.users["district_user"], report)
    assert {name for name, ok in offered.items() if ok} == {"accept", "return"}
    page = client_for("district_user").get(report.get_absolute_url()).content.decode()
    assert reverse("supervision:step_accept", args=[report.pk]) in page
    assert reverse("supervision:step_compile", args=[report.pk]) not in page
    assert reverse("supervision:report_edit", args=[report.pk]) not in page
    services.report_accept(actor=loader_actor(), report=report, expected_version=report.version)
    report.refresh_from_db()
    offered = WORKFLOW.available(world.users["district_user"], report)
    assert {name for name, ok in offered.items() if ok} == {"compile"}
    draft = reports["january"]  # due 25/01/2016, locked 10 days later: the committee may only reopen it
    offered = WORKFLOW.available(world.users["district_user"], draft)
    assert {name for name, ok in offered.items() if ok} == {"reopen"}


def test_the_worker_names_the_year_of_the_completeness_matrix_it_builds():
    """A large matrix is rebuilt by the worker from its parameters: its months and title still say the year."""
    from danvan.core.exporting import Params
    from danvan.supervision.listings import CompletenessExport

    export = CompletenessExport()
    headers = export.headers_for(None, Params({"nam": ["2016"]}))
    assert headers[2] == "01/2016" and headers[13] == "12/2016"
    assert "2016" in str(export.title) and export.file_name().endswith("-2016")
