"""The district's standing committee drafts a working group's founding decision from the group's data, downloads
the PDF, sees it in the register; the PDF's first page is rendered to PNG next to the screenshots."""

import io

import pypdfium2
import pytest
from playwright.sync_api import expect

from danvan.core.tests.browser import SHOTS, log_in, shot
from danvan.core.tests.cast import build_world
from danvan.supervision.tests.factories import build_group

from .factories import party_issuer

pytestmark = pytest.mark.browser


@pytest.fixture
def site(migrated_data, live_server):
    world = build_world()
    build_group(world)
    party_issuer(world)
    return live_server.url, world


def test_the_committee_generates_a_founding_decision_and_finds_it_in_the_register(page, site, csp_violations):
    url, world = site
    log_in(page, url, "district_user")
    page.goto(f"{url}/van-ban/soan/")
    # The group is offered by every template drafted from a working group: take the founding decision's link.
    page.locator('a[href*="/soan/quyet-dinh-thanh-lap-doan/"]', has_text="Đoàn công tác số 1").click()
    page.get_by_label("Họ và tên người ký").fill("Nguyễn Văn Hoàng")
    page.get_by_label("Ngày văn bản").fill("12/01/2016")
    shot(page, "40-documents-generate-form")
    page.get_by_role("button", name="Tạo văn bản (DOCX và PDF)").click()
    expect(page.get_by_text("Đã tạo văn bản số 1-QĐ/HU.")).to_be_visible()
    expect(page.get_by_role("link", name="Đoàn công tác: Đoàn công tác số 1")).to_be_visible()
    shot(page, "41-documents-detail")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").first.click()
    data = open(download.value.path(), "rb").read()  # noqa: SIM115
    pdf = pypdfium2.PdfDocument(io.BytesIO(data))
    SHOTS.mkdir(parents=True, exist_ok=True)
    pdf[0].render(scale=1.5).to_pil().save(SHOTS / "42-documents-decision-page-1.png")
    pdf[len(pdf) - 1].render(scale=1.5).to_pil().save(SHOTS / "43-documents-decision-annex.png")
    page.goto(f"{url}/van-ban/")
    page.get_by_label("Tìm (gõ có dấu hoặc không dấu)").fill("thanh lap doan")
    row = page.locator("#results tbody tr", has_text="1-QĐ/HU")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Dự thảo")
    shot(page, "44-documents-register")
    assert csp_violations == []
