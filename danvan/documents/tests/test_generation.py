"""Both layouts read back: the founding decision (Party) from the DOCX (python-docx) and the PDF's text (pypdf);
a State document through the same engine; who may generate and download."""

import io
import re

import pytest
from django.urls import reverse
from docx import Document as read_docx
from pypdf import PdfReader

from danvan.core.access import loader_actor
from danvan.documents import engine, services
from danvan.documents.engine import docx as docx_backend
from danvan.documents.engine import pdf as pdf_backend
from danvan.documents.models import DocumentType
from danvan.supervision.tests.factories import build_group

from .factories import OPTIONS, build_documents, state_issuer

TEMPLATE = "quyet-dinh-thanh-lap-doan"


@pytest.fixture(scope="module")
def _documents(_module_world, django_db_blocker):
    with django_db_blocker.unblock():
        build_group(_module_world)
        build_documents(_module_world)
    return _module_world


@pytest.fixture
def prepared(_documents, world):
    return world


def _docx(version):
    version.docx.open("rb")
    return read_docx(io.BytesIO(version.docx.read()))


def _pdf_text(data: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def _cell_lines(cell):
    return [p.text for p in cell.paragraphs if p.text]


def test_the_founding_decision_in_word_has_the_party_header_number_date_signature_and_annex(prepared):
    word = _docx(prepared.extra["version"])
    header = word.tables[0].rows[0].cells
    assert _cell_lines(header[0]) == ["ĐẢNG BỘ TỈNH PHÚ THỊNH", "HUYỆN ỦY ĐÔNG SƠN", "*", "Số 1-QĐ/HU"]
    heading = header[1].paragraphs[0].runs[0]
    assert heading.text == "ĐẢNG CỘNG SẢN VIỆT NAM" and heading.bold and heading.underline
    date = [p for p in header[1].paragraphs if p.text][-1]
    assert date.text == "Đông Sơn, ngày 12 tháng 01 năm 2016" and date.runs[0].italic
    texts = [p.text for p in word.paragraphs]
    assert "QUYẾT ĐỊNH" in texts and "về việc thành lập đoàn công tác số 1" in texts
    assert any(t.startswith("Điều 1. Thành lập Đoàn công tác số 1") for t in texts)
    assert any("Tổ 1: xã An Lộc" in t for t in texts)  # Điều 2: the communes
    sign_left, sign_right = word.tables[1].rows[0].cells
    assert _cell_lines(sign_right) == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Văn Hoàng"]
    recipients = _cell_lines(sign_left)
    assert recipients[0] == "Nơi nhận:" and sign_left.paragraphs[0].runs[0].underline
    assert recipients[1:] == ["- Thường trực Huyện ủy,", "- Như Điều 3,", "- Lưu VP."]
    annex = [[c.text for c in row.cells] for table in word.tables[2:] for row in table.rows]
    assert ["1", "Hoàng Văn Tổ", "", "Trưởng đoàn"] in annex
    assert ["2", "Đỗ Thị Viên", "", "Thành viên"] in annex
    assert any("(Kèm theo Quyết định số 1-QĐ/HU, ngày 12/01/2016" in t for t in texts)
    section = word.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    assert section.different_first_page_header_footer  # page numbers from page 2
    assert "PAGE" in section.header._element.xml
    assert word.styles["Normal"].font.name == "Times New Roman"


def test_the_founding_decision_in_pdf_says_the_same(prepared):
    version = prepared.extra["version"]
    version.pdf.open("rb")
    text, pages = _pdf_text(version.pdf.read())
    assert pages == version.pages >= 2  # the annex starts on its own page
    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "HUYỆN ỦY ĐÔNG SƠN",
        "Số 1-QĐ/HU",
        "Đông Sơn, ngày 12 tháng 01 năm 2016",
        "QUYẾT ĐỊNH",
        "T/M BAN THƯỜNG VỤ",
        "Nguyễn Văn Hoàng",
        "Nơi nhận:",
        "- Lưu VP.",
        "Hoàng Văn Tổ",
    ):
        assert expected in text, expected
    assert "Số: " not in text
    assert re.search(r"^2$", text, re.MULTILINE)  # the page number of page 2


def test_the_state_layout_has_the_national_title_motto_and_a_colon_in_the_number(prepared):
    issuer = state_issuer(prepared)
    document = services.number_reserve(
        actor=loader_actor(),
        issuer=issuer,
        doc_type=DocumentType.objects.get(code="bao-cao"),
        dated=OPTIONS["dated"],
        subject="kết quả tiếp nhận kiến nghị",
        template="tay",
    )
    doc = engine.Doc(
        system=issuer.system,
        upper_name=issuer.upper_name,
        issuer_name=issuer.name,
        number_line=engine.number_text(issuer.system, document.number, "BC", issuer.abbreviation),
        date_line=engine.date_line(issuer.place, document.dated),
        type_name="BÁO CÁO",
        subject=document.subject,
        body=[engine.Para.text("Nội dung báo cáo."), engine.Table(["STT", "Nội dung"], [["1", "Đường"]], [0.2, 0.8])],
        signature=engine.Signature("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Văn Bình"),
        recipients=["UBND huyện;", "Lưu VP."],
    )
    word = read_docx(io.BytesIO(docx_backend.render(doc)))
    left, right = word.tables[0].rows[0].cells
    assert _cell_lines(left) == ["UBND HUYỆN ĐÔNG SƠN", "ỦY BAN NHÂN DÂN XÃ AN LỘC", "Số: 1/BC-UBND"]
    assert _cell_lines(right) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "An Lộc, ngày 12 tháng 01 năm 2016",
    ]
    assert _cell_lines(word.tables[-1].rows[0].cells[1]) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Văn Bình"]
    text, _pages = _pdf_text(pdf_backend.render(doc)[0])
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 1/BC-UBND", "TM. ỦY"):
        assert expected in text, expected
    assert "ĐẢNG CỘNG SẢN" not in text


def test_a_commune_user_cannot_generate_the_district_groups_decision(prepared, client_for):
    url = reverse("documents:generate", args=[TEMPLATE, prepared.extra["group"].pk])
    form = {k: (v.strftime("%d/%m/%Y") if hasattr(v, "strftime") else v) for k, v in OPTIONS.items()}
    for member in ("editor_a", "viewer_a", "user_b"):
        assert client_for(member).post(url, form).status_code == 404
    assert prepared.extra["document"].versions.count() == 1
    response = client_for("district_user").post(url, form)
    assert response.status_code == 302
    assert prepared.extra["document"].versions.count() == 2


def test_a_document_of_another_unit_is_404_and_downloads_follow_the_document(prepared, client_for):
    document, version = prepared.extra["document"], prepared.extra["version"]
    assert client_for("editor_a").get(reverse("documents:detail", args=[document.pk])).status_code == 404
    for fmt in ("docx", "pdf"):
        url = reverse("documents:download", args=[version.pk, fmt])
        assert client_for("user_b").get(url).status_code == 404
        response = client_for("district_user").get(url)
        assert response.status_code == 200 and f".{fmt}" in response["Content-Disposition"]
    assert client_for("district_user").get(reverse("documents:download", args=[version.pk, "exe"])).status_code == 404


def test_the_groups_page_lists_its_documents_and_offers_to_draft_one(prepared, client_for):
    group, document = prepared.extra["group"], prepared.extra["document"]
    page = client_for("district_user").get(reverse("supervision:group_detail", args=[group.pk])).content.decode()
    assert document.reference in page and reverse("documents:detail", args=[document.pk]) in page
    assert reverse("documents:generate", args=[TEMPLATE, group.pk]) in page


def test_a_version_whose_file_is_missing_on_disk_is_not_found(prepared, client_for):
    version = prepared.extra["document"].versions.first()
    version.pdf.storage.delete(version.pdf.name)
    assert client_for("district_user").get(reverse("documents:download", args=[version.pk, "pdf"])).status_code == 404
