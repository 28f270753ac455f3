"""A team fills in and sends its monthly report, the completeness matrix turns green, the list finds it and the
committee accepts it; the group's page lists its decision's file."""

import pytest
from playwright.sync_api import expect

from danvan.core.tests.browser import log_in, shot
from danvan.core.tests.cast import build_world
from danvan.supervision.models import WorkingGroup

from .factories import build_group

pytestmark = pytest.mark.browser


@pytest.fixture
def site(migrated_data, live_server):
    world = build_world()
    group = build_group(world)
    WorkingGroup.objects.filter(pk=group.pk).update(report_due_next_month=True)  # this month's report is not late
    return live_server.url, group


def test_a_team_sends_its_monthly_report_and_the_matrix_cell_turns_green(page, site, csp_violations):
    url, group = site
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, url, "district_user")
    page.goto(f"{url}/doan-cong-tac/bao-cao/them/")
    page.get_by_label("Tổ công tác").select_option(label="Tổ 1 – Đoàn công tác số 1")
    page.get_by_label("Xã", exact=True).select_option(label="xã An Lộc – huyện Đông Sơn")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_label("Tình hình chung").fill("Tình hình chính trị ổn định; các chi bộ sinh hoạt đều.")
    page.get_by_label("Kiến nghị, đề xuất").fill("Đề nghị sửa cầu tràn thôn Đông Thượng")
    shot(page, "10-monthly-report-form")
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_text("Đã gửi báo cáo.")).to_be_visible()
    page.goto(f"{url}/doan-cong-tac/{group.pk}/bao-cao-thang/")
    row = page.locator("tr", has_text="xã An Lộc")
    expect(row.locator("td.state-on_time")).to_have_count(1)
    shot(page, "11-completeness-matrix")
    page.goto(f"{url}/doan-cong-tac/bao-cao/")
    page.get_by_label("Trạng thái").select_option(label="Đã gửi")
    expect(page.locator("#results tbody tr")).to_have_count(1)
    page.get_by_label("Tìm (gõ có dấu hoặc không dấu)").fill("an loc")
    expect(page.locator("#results tbody tr", has_text="xã An Lộc")).to_have_count(1)
    shot(page, "12-report-list-filtered")
    page.locator("#results tbody a").first.click()
    page.get_by_role("button", name="Tiếp nhận").click()
    expect(page.get_by_text("Đã cập nhật báo cáo.")).to_be_visible()
    expect(page.get_by_role("button", name="Đánh dấu đã tổng hợp")).to_be_visible()
    shot(page, "13-report-accepted")
    page.goto(f"{url}/doan-cong-tac/{group.pk}/")
    expect(page.get_by_role("link", name="45-QD-HU.pdf")).to_be_visible()
    shot(page, "14-group-decision-files")
    assert csp_violations == []
