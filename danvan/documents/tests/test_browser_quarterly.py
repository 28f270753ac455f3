"""The district's standing committee opens the Q1/2016 review conference, drafts the quarterly report from it,
edits a section, creates the DOCX and PDF and finds them in the register; then the conclusion notice. The PDF's
first pages are rendered to PNG next to the screenshots."""

import datetime
import io

import pypdfium2
import pytest
from docx import Document as read_docx
from playwright.sync_api import expect

from danvan.core.access import loader_actor
from danvan.core.tests.browser import SHOTS, log_in, shot
from danvan.core.tests.cast import build_world
from danvan.petitions import services as petitions
from danvan.petitions.tests.factories import build_desk
from danvan.supervision.tests.factories import build_group

from .factories import party_issuer

pytestmark = pytest.mark.browser
D = datetime.date


@pytest.fixture
def site(migrated_data, live_server):
    world = build_world()
    build_group(world)
    party_issuer(world)
    desk = build_desk(world)
    conference = petitions.conference_create(
        actor=loader_actor(),
        unit=world.district,
        title="Hội nghị đánh giá công tác chỉ đạo cơ sở quý I/2016",
        year=2016,
        quarter=1,
        held_on=D(2016, 3, 18),
        chair="Bí thư Huyện ủy",
        agenda="Báo cáo kết quả quý I\nThảo luận\nKết luận",
        conclusion="Các đoàn công tác bám sát cơ sở.",
    )
    petitions.conclusion_task_add(
        actor=loader_actor(),
        conference=conference,
        content="Giải quyết dứt điểm kiến nghị tồn đọng",
        due_on=D(2016, 5, 31),
        owner_body=desk.agriculture,
    )
    return live_server.url, conference


def _save_first_page(data: bytes, name: str) -> None:
    pdf = pypdfium2.PdfDocument(io.BytesIO(data))
    SHOTS.mkdir(parents=True, exist_ok=True)
    pdf[0].render(scale=1.5).to_pil().save(SHOTS / name)


def test_the_committee_drafts_the_quarterly_report_and_the_conclusion_notice(page, site, csp_violations):
    url, conference = site
    log_in(page, url, "district_user")
    page.goto(f"{url}/kien-nghi/hoi-nghi/{conference.pk}/")
    expect(page.get_by_text("Giải quyết dứt điểm kiến nghị tồn đọng")).to_be_visible()
    shot(page, "45-conference-detail")
    page.emulate_media(media="print")  # the print stylesheet: the record only, no menu, bar or buttons
    expect(page.locator("#sidebar")).to_be_hidden()
    expect(page.get_by_role("link", name="Soạn báo cáo quý")).to_be_hidden()
    expect(page.get_by_text("Giải quyết dứt điểm kiến nghị tồn đọng")).to_be_visible()
    shot(page, "45-conference-detail-print")
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: nothing wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")
    shot(page, "45-conference-detail-phone")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_role("link", name="Soạn báo cáo quý").click()
    page.get_by_label("III. Hạn chế, khó khăn").fill("Một số tổ công tác gửi báo cáo tháng chậm.")
    page.get_by_label("Họ và tên người ký").fill("Nguyễn Văn Hoàng")
    shot(page, "46-quarterly-report-form")
    page.get_by_role("button", name="Tạo văn bản (DOCX và PDF)").click()
    expect(page.get_by_text("Đã tạo văn bản số 1-BC/HU.")).to_be_visible()
    shot(page, "47-quarterly-report-detail")
    with page.expect_download() as download:
        page.get_by_role("link", name="DOCX").first.click()
    word = read_docx(download.value.path())
    assert "Một số tổ công tác gửi báo cáo tháng chậm." in [p.text for p in word.paragraphs]
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").first.click()
    _save_first_page(open(download.value.path(), "rb").read(), "48-quarterly-report-page-1.png")  # noqa: SIM115

    page.goto(f"{url}/kien-nghi/hoi-nghi/{conference.pk}/")
    page.get_by_role("link", name="Soạn thông báo kết luận").click()
    page.get_by_label("Họ và tên người ký").fill("Trần Văn An")
    page.get_by_role("button", name="Tạo văn bản (DOCX và PDF)").click()
    expect(page.get_by_text("Đã tạo văn bản số 1-TB/HU.")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").first.click()
    _save_first_page(open(download.value.path(), "rb").read(), "49-conclusion-notice-page-1.png")  # noqa: SIM115

    page.goto(f"{url}/kien-nghi/hoi-nghi/{conference.pk}/")
    expect(page.get_by_role("link", name="Báo cáo 1-BC/HU")).to_be_visible()
    expect(page.get_by_role("link", name="Thông báo 1-TB/HU")).to_be_visible()
    page.goto(f"{url}/van-ban/")
    page.get_by_label("Tìm (gõ có dấu hoặc không dấu)").fill("chi dao co so")
    expect(page.locator("#results tbody tr")).to_have_count(2)
    shot(page, "50-documents-register-quarter")
    assert csp_violations == []
