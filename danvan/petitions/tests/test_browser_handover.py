"""The district's standing committee hands over the open kiến nghị of a department that ended on 30/06/2025 to a
body existing today. Screenshots of the list before and after, also on a phone."""

import datetime

import pytest
from playwright.sync_api import expect

from danvan.core.models import Body
from danvan.core.tests.browser import log_in, shot
from danvan.core.tests.cast import build_world
from danvan.petitions.models import Petition

from .factories import build_desk
from .test_lifecycle import intake

pytestmark = pytest.mark.browser


@pytest.fixture
def site(migrated_data, live_server):
    world = build_world()
    desk = build_desk(world)
    intake(world, desk, body=desk.agriculture)
    intake(world, desk, body=desk.agriculture, content="Đề nghị nạo vét kênh mương thôn Đông Thượng")
    Body.objects.filter(pk=desk.agriculture.pk).update(valid_to=datetime.date(2025, 6, 30))
    return live_server.url, world, desk


def test_the_standing_committee_hands_over_a_dissolved_departments_items(page, site, csp_violations):
    url, world, desk = site
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, url, "district_user")
    page.goto(f"{url}/kien-nghi/chuyen-giao/")
    expect(page.get_by_text("2 kiến nghị chưa giải quyết xong, 2 quá hạn.")).to_be_visible()
    page.get_by_label("Cơ quan tiếp nhận").select_option(label=f"{world.body_a.name} ({world.commune_a.full_name})")
    page.get_by_label("Căn cứ").fill("Nghị quyết 1665/NQ-UBTVQH15 ngày 16/6/2025")
    shot(page, "30-petition-handover")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "30-petition-handover-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Chuyển giao").click()
    expect(page.get_by_text("Đã chuyển giao 2 kiến nghị")).to_be_visible()
    expect(page.get_by_text("Không còn kiến nghị nào ở cơ quan đã kết thúc hoạt động.")).to_be_visible()
    shot(page, "31-petition-handover-done")
    assert set(Petition.objects.values_list("body_id", flat=True)) == {world.body_a.pk}
    assert not csp_violations
