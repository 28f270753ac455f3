"""Main journeys in headless Chromium (Debian's, never a downloaded one). Screenshots go to test-results/."""

import pytest
from playwright.sync_api import expect

from danvan.core.tests.browser import log_in, shot
from danvan.core.tests.cast import build_world

pytestmark = pytest.mark.browser


@pytest.fixture
def site(migrated_data, live_server):
    build_world()
    return live_server.url


def test_log_in_and_land_on_the_dashboard(page, site, csp_violations):
    page.goto(f"{site}/")
    assert "/dang-nhap/" in page.url
    shot(page, "01-login")
    log_in(page, site)
    page.get_by_role("heading", name="Xin chào, district_user").wait_for()
    assert page.get_by_text("Địa bàn phụ trách").is_visible()
    shot(page, "02-dashboard")
    assert csp_violations == []


def test_open_a_unit_page_from_the_tree(page, site, csp_violations):
    log_in(page, site)
    page.get_by_role("link", name="Cây đơn vị theo ngày").click()
    page.get_by_role("button", name="Mở").first.click()  # huyện Đông Sơn -> its communes, loaded by htmx
    page.get_by_role("link", name="xã An Lộc").click()
    page.get_by_role("heading", name="xã An Lộc").wait_for()
    assert page.get_by_text("thôn Đông Thượng").is_visible()
    shot(page, "03-unit-page")
    assert csp_violations == []


def test_search_a_unit_without_diacritics(page, site, csp_violations):
    log_in(page, site)
    page.goto(f"{site}/don-vi/")
    page.get_by_label("Tìm (gõ có dấu hoặc không dấu)").fill("tay ha")
    expect(page.locator("#results tbody tr")).to_have_count(1)  # htmx replaced the results as we typed
    assert page.locator("#results").get_by_role("link", name="thôn Tây Hạ").is_visible()
    shot(page, "04-unit-search")
    page.get_by_role("link", name="thôn Tây Hạ").click()
    page.get_by_role("heading", name="thôn Tây Hạ").wait_for()
    assert csp_violations == []


def test_the_dashboard_works_on_a_phone(page, site):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, site, "viewer_a")
    page.get_by_role("heading", name="Xin chào, viewer_a").wait_for()
    assert not page.get_by_role("link", name="Đơn vị hành chính").is_visible()  # the menu is folded away
    page.get_by_role("button", name="Mở danh mục chức năng").click()
    page.get_by_role("link", name="Đơn vị hành chính").click()
    page.locator("#results").wait_for()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    shot(page, "05-phone-unit-list")


def test_a_unit_picker_searches_the_server_when_choices_are_many(page, site, monkeypatch, csp_violations):
    from danvan.core import pickers
    from danvan.core.models import Person

    monkeypatch.setattr(pickers, "INLINE_LIMIT", 2)
    log_in(page, site, "editor_a")
    page.goto(f"{site}/can-bo/them/")
    page.get_by_label("Họ và tên").fill("Phan Thị Hạnh")
    page.get_by_label("Tìm đơn vị").fill("tay ha")
    expect(page.locator("#id_unit option", has_text="thôn Tây Hạ")).to_have_count(1)
    page.locator("#id_unit").select_option(label="thôn Tây Hạ – xã An Lộc")
    shot(page, "06-unit-picker")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("heading", name="Phan Thị Hạnh").wait_for()
    assert Person.objects.get(full_name="Phan Thị Hạnh").unit.name == "Tây Hạ"
    assert csp_violations == []
