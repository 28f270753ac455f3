"""A team raises a kiến nghị in its monthly report; the desk routes it, the department answers it, and it is
counted in the statistics. Screenshots of each screen, also on a phone."""

import re

import pytest
from playwright.sync_api import expect

from danvan.core.access import loader_actor
from danvan.core.tests.browser import log_in, shot
from danvan.core.tests.cast import build_world
from danvan.petitions.models import Petition
from danvan.supervision.models import WorkingGroup
from danvan.supervision.tests.factories import build_group

from .factories import build_desk

pytestmark = pytest.mark.browser


@pytest.fixture
def site(migrated_data, live_server):
    world = build_world()
    group = build_group(world)
    WorkingGroup.objects.filter(pk=group.pk).update(report_due_next_month=True)
    desk = build_desk(world)
    return live_server.url, world, desk


def test_an_item_from_a_monthly_report_is_routed_answered_and_counted(page, site, csp_violations):
    url, world, desk = site
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, url, "district_user")
    page.goto(f"{url}/doan-cong-tac/bao-cao/them/")
    page.get_by_label("Tổ công tác").select_option(label="Tổ 1 – Đoàn công tác số 1")
    page.get_by_label("Xã", exact=True).select_option(label="xã An Lộc – huyện Đông Sơn")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_label("Tình hình chung").fill("Tình hình chính trị ổn định.")
    page.get_by_label("Kiến nghị, đề xuất").fill("Đề nghị nạo vét kênh tưới N4 thôn Đông Thượng trước vụ xuân")
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_text("Đã gửi báo cáo.")).to_be_visible()

    # The desk finds it in the register, not yet routed.
    page.goto(f"{url}/kien-nghi/?trang_thai=received")
    expect(page.get_by_text("nạo vét kênh tưới N4")).to_be_visible()
    shot(page, "20-petition-list")
    page.get_by_role("link", name=Petition.objects.get().code).click()
    page.get_by_label("Cơ quan giải quyết").select_option(label=f"{desk.agriculture.name} ({world.district.full_name})")
    shot(page, "21-petition-route")
    page.get_by_role("button", name="Chuyển xử lý").click()
    expect(page.locator(".badge", has_text="Đã chuyển xử lý")).to_be_visible()

    # The department answers, starting from a template.
    page.context.clear_cookies()
    log_in(page, url, "officer_agri")
    page.goto(f"{url}/kien-nghi/?cua_toi=1")
    page.get_by_role("link", name=Petition.objects.get().code).click()
    page.get_by_label("Bắt đầu từ mẫu").select_option(label="Tiếp thu, sẽ giải quyết")
    expect(page.get_by_label("Nội dung trả lời")).to_have_value(re.compile("xã An Lộc.*tiếp thu"))
    page.get_by_label("Nội dung trả lời").fill("Phòng đã bố trí máy nạo vét; hoàn thành trước ngày 15 tháng sau.")
    shot(page, "22-petition-answer")
    page.get_by_role("button", name="Gửi trả lời").click()
    expect(page.locator(".badge", has_text="Đã trả lời")).to_be_visible()
    shot(page, "23-petition-answered")

    # The standing committee sees it answered, on time, in the statistics.
    page.context.clear_cookies()
    log_in(page, url, "district_user")
    page.goto(f"{url}/kien-nghi/thong-ke/")
    row = page.locator("tbody tr", has_text=desk.agriculture.name)
    expect(row.locator("td").nth(2)).to_have_text("1")  # received
    expect(row.locator("td").nth(3)).to_have_text("1")  # answered
    shot(page, "24-petition-statistics")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{url}/kien-nghi/")
    shot(page, "25-petition-list-phone")
    assert csp_violations == []


def test_intake_shows_the_proposed_body_and_similar_items(page, site, csp_violations):
    url, world, desk = site
    from danvan.petitions import services

    services.petition_create(
        actor=loader_actor(),
        source="voter",
        kind="recommendation",
        unit=world.village_a1,
        field=desk.economy,
        content="Đường giao thông thôn Đông Thượng xuống cấp nghiêm trọng",
        raised_on=world.district.valid_from,
        historical=True,
    )
    log_in(page, url, "district_user")
    page.goto(f"{url}/kien-nghi/tiep-nhan/")
    page.get_by_label("Đơn vị phát sinh (xã, thôn)").select_option(label="thôn Tây Hạ – xã An Lộc")
    page.get_by_label("Lĩnh vực").select_option(label="Kinh tế")
    page.get_by_label("Nội dung").fill("duong giao thong thon Dong Thuong xuong cap")
    expect(page.locator("#similar")).to_contain_text("Đường giao thông thôn Đông Thượng")
    expect(page.locator("#proposal")).to_contain_text(desk.agriculture.name)
    page.get_by_role("button", name="Dùng đề xuất này").click()
    page.wait_for_load_state("networkidle")  # no htmx refresh of the similar items may replace the choice below
    page.locator("#similar input[type=radio]").first.check()
    expect(page.locator("#similar input[type=radio]").first).to_be_checked()
    shot(page, "26-petition-intake")
    page.get_by_role("button", name="Tiếp nhận").click()
    expect(page.get_by_text("Đã tiếp nhận kiến nghị")).to_be_visible()
    expect(page.get_by_text("Kiến nghị này trùng với")).to_be_visible()
    assert Petition.objects.filter(duplicate_of__isnull=False).count() == 1
    assert csp_violations == []
