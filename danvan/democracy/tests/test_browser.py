"""A commune officer records a village meeting's vote, sees it computed as passed by the rules of the day,
records its recognition, and sees the commune's compliance change. Screenshots, also on a phone."""

import pytest
from playwright.sync_api import expect

from danvan.core.tests.browser import log_in, shot
from danvan.core.tests.cast import build_world
from danvan.democracy.models import CommunityDecision, DecisionMatter

pytestmark = pytest.mark.browser

PERIOD = "?tu_ngay=01/01/2024&den_ngay=31/12/2024"


@pytest.fixture
def site(migrated_data, live_server):
    return live_server.url, build_world()


def test_record_a_village_vote_and_see_compliance_change(page, site, csp_violations):
    url, world = site
    log_in(page, url, "editor_a")
    page.goto(f"{url}/dan-chu-co-so/{PERIOD}&don_vi={world.commune_a.pk}")
    expect(page.locator("#commune-percent")).to_contain_text("0/8")
    shot(page, "40-democracy-compliance-before")

    page.goto(f"{url}/dan-chu-co-so/bieu-quyet/them/")
    page.locator("#id_place").select_option(label="thôn Đông Thượng – xã An Lộc")
    page.locator("#id_held_on").fill("10/03/2024")
    page.locator("#id_matter").select_option(value=str(DecisionMatter.objects.get(code="qd-06").pk))
    page.locator("#id_title").fill("Quy ước giữ gìn vệ sinh đường làng, ngõ xóm")
    page.locator("#id_total").fill("200")
    page.locator("#id_present").fill("160")
    page.locator("#id_votes_for").fill("170")
    page.locator("#id_votes_against").fill("0")
    page.locator("#id_method").select_option("secret")
    page.locator("#id_counting_team").fill("Nguyễn Văn Hải\nTrần Thị Lụa")
    page.locator("#id_chair").fill("Lê Văn Trưởng")
    page.get_by_role("button", name="Ghi nhận").click()
    expect(page.locator("#id_votes_for_errors")).to_contain_text("không được lớn hơn số tham gia (160)")
    expect(page.locator("#id_counting_team_errors")).to_contain_text("từ 3 đến 5 người")
    shot(page, "41-democracy-vote-refused")
    assert not CommunityDecision.objects.exists()

    page.locator("#id_votes_for").fill("101")
    page.locator("#id_counting_team").fill("Nguyễn Văn Hải\nTrần Thị Lụa\nPhạm Văn Sơn")
    page.locator("#id_declared").select_option("passed")
    page.get_by_role("button", name="Ghi nhận").click()
    expect(page.locator(".badge", has_text="Được thông qua")).to_be_visible()
    expect(page.get_by_text("ít nhất 101/200")).to_be_visible()
    shot(page, "42-democracy-vote-passed")

    page.locator("#id_cong-nhan-day").fill("12/03/2024")
    page.locator("#id_cong-nhan-number").fill("15/QĐ-UBND")
    page.get_by_role("button", name="Ghi nhận công nhận").click()
    expect(page.locator(".badge", has_text="Đã công nhận")).to_be_visible()
    expect(page.get_by_role("button", name="Cập nhật kết quả thực hiện")).to_be_visible()
    shot(page, "42b-democracy-vote-recognised")

    page.goto(f"{url}/dan-chu-co-so/bieu-quyet/?q=quy+uoc")
    expect(page.locator("#results")).to_contain_text("Quy ước giữ gìn vệ sinh")
    shot(page, "45-democracy-decision-list")

    page.goto(f"{url}/dan-chu-co-so/{PERIOD}&don_vi={world.commune_a.pk}")
    expect(page.locator("#commune-percent")).to_contain_text("1/9")
    expect(page.locator("#duties")).to_contain_text("Công nhận kết quả: Quy ước giữ gìn vệ sinh")
    shot(page, "43-democracy-compliance-after")

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.locator("#commune-percent")).to_be_visible()
    shot(page, "44-democracy-compliance-phone")
    assert not csp_violations
