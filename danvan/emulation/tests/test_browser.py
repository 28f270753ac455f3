"""A commune registers a model; the district approves it, it is launched and reviewed, an evaluator fills the
criteria sheet, the committee concludes it effective, and it appears in table (A). Screenshots of each screen,
also on a phone."""

import pytest
from playwright.sync_api import expect

from danvan.core.tests.browser import log_in, shot
from danvan.core.tests.cast import build_world
from danvan.emulation.models import Initiative

from .factories import scored_sheet

pytestmark = pytest.mark.browser


@pytest.fixture
def site(migrated_data, live_server):
    world = build_world()
    import datetime

    scored_sheet(world, year_from=datetime.date.today().year - 1)
    return live_server.url, world


def test_register_evaluate_and_count_in_table_a(page, site, csp_violations):
    url, world = site
    log_in(page, url, "editor_a")
    page.goto(f"{url}/dan-van-kheo/dang-ky/")
    page.get_by_label("Tên mô hình, điển hình").fill("Dân vận khéo trong dồn điền đổi thửa thôn Đông")
    page.locator("#id_field").select_option(label="Kinh tế")
    page.get_by_label("Địa bàn đăng ký").select_option(label="xã An Lộc – huyện Đông Sơn")
    page.get_by_label("Loại chủ thể").select_option(label="Chính quyền")
    page.get_by_label("Cấp quản lý").select_option(label="Xã")
    page.get_by_label("Nội dung, cách làm").fill("Họp dân từng thôn; cán bộ, đảng viên gương mẫu dồn đổi trước.")
    shot(page, "30-emulation-register")
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    expect(page.locator(".badge", has_text="Đăng ký")).to_be_visible()
    initiative = Initiative.objects.get()

    # The district's standing committee approves; the model is launched and reviewed.
    page.context.clear_cookies()
    log_in(page, url, "district_user")
    page.goto(f"{url}/dan-van-kheo/{initiative.pk}/")
    page.get_by_role("button", name="Duyệt đăng ký").click()
    expect(page.locator(".badge", has_text="Đã duyệt")).to_be_visible()
    page.get_by_role("button", name="Ra mắt, bắt đầu triển khai").click()
    expect(page.locator(".badge", has_text="Đang triển khai")).to_be_visible()
    page.get_by_label("Kết quả sơ kết").fill("Đã dồn đổi xong 80% diện tích.")
    page.get_by_role("button", name="Ghi kết quả sơ kết").click()
    expect(page.locator(".badge", has_text="Đã sơ kết")).to_be_visible()

    # An evaluator fills the criteria sheet; the committee concludes it effective.
    page.get_by_role("link", name="Chấm phiếu đánh giá").click()
    for label, score in [
        ("Sáng tạo, tiết kiệm thời gian, chi phí", "9"),
        ("Vận động Nhân dân tự giác chấp hành", "8"),
        ("Huy động được nhiều lực lượng", "8"),
        ("Hài hòa lợi ích", "7"),
        ("Bền vững, nhân rộng được", "8"),
    ]:
        page.get_by_label(label).fill(score)
    page.get_by_label("Ghi chú nội bộ (đơn vị đăng ký không xem được)").fill("Đề nghị biểu dương cuối năm.")
    shot(page, "31-emulation-evaluation-sheet")
    page.get_by_role("button", name="Lưu phiếu đánh giá").click()
    expect(page.get_by_text("xếp loại Xuất sắc")).to_be_visible()  # (9+8+8)×2 + 7 + 8 = 65 ≥ 64
    page.get_by_label("Hiệu quả", exact=True).check()
    page.get_by_role("button", name="Lưu kết quả đánh giá").click()
    expect(page.locator(".badge", has_text="Đã đánh giá")).to_be_visible()
    shot(page, "32-emulation-evaluated")

    # Table (A): registered 1 and effective 1 in Kinh tế, and the total equals the sum.
    page.goto(f"{url}/dan-van-kheo/thong-ke/")
    row = page.locator("#bang-a tbody tr", has_text="Kinh tế").first
    expect(row.locator("td").nth(2)).to_have_text("1")
    total = page.locator("#bang-a tfoot tr")
    expect(total.locator("td").nth(2)).to_have_text("1")
    shot(page, "33-emulation-statistics")

    # The commune's officer does not see the evaluator's internal note.
    page.context.clear_cookies()
    log_in(page, url, "viewer_a")
    page.goto(f"{url}/dan-van-kheo/{initiative.pk}/")
    expect(page.get_by_text("Xuất sắc")).to_be_visible()
    expect(page.get_by_text("Đề nghị biểu dương cuối năm.")).to_have_count(0)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{url}/dan-van-kheo/")
    shot(page, "34-emulation-list-phone")
    assert csp_violations == []
