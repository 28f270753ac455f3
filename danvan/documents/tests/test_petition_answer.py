"""The answer letter to a kiến nghị (công văn, State layout) read back from the DOCX and the PDF; its number
"Số: 1/UBND-VP" (no type letters); "Lưu: VT, VP."; who may draft it; where it is offered."""

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document as read_docx
from pypdf import PdfReader

from danvan.core import dates
from danvan.core.access import loader_actor
from danvan.core.models import BodyType
from danvan.core.services import orgs
from danvan.documents import services
from danvan.documents.builders import get, recipients
from danvan.documents.builders.petition_answer import CODE
from danvan.documents.models import DocumentType, Issuer
from danvan.petitions import services as petitions
from danvan.petitions.tests.factories import build_desk

D = datetime.date
ANSWER = "Huyện đã bố trí vốn sửa chữa đoạn đường trong quý II năm 2016.\nĐề nghị xã vận động Nhân dân hiến đất."
OPTIONS = {
    "dated": D(2016, 3, 25),
    "subject": "V/v trả lời kiến nghị của cử tri thôn Đông Thượng",
    "addressee": "Cử tri thôn Đông Thượng, xã An Lộc",
    "authority": "TM. ỦY BAN NHÂN DÂN",
    "deputy": "KT. CHỦ TỊCH",
    "signer_title": "PHÓ CHỦ TỊCH",
    "signer_name": "Lê Văn Cường",
    "recipients": "Như trên;\nThường trực Huyện ủy;",
}


def _answered(world, desk, content="Đường giao thông thôn Đông Thượng xuống cấp nghiêm trọng", body=None):
    item = petitions.petition_create(
        actor=loader_actor(),
        source="voter",
        kind="recommendation",
        unit=world.village_a1,
        content=content,
        raised_by="Cử tri thôn Đông Thượng",
        raised_on=D(2016, 3, 1),
        received_on=D(2016, 3, 2),
        field=desk.culture,
        historical=True,
    )
    with dates.replaying(D(2016, 3, 2)):
        item = petitions.petition_route(
            actor=loader_actor(), petition=item, expected_version=item.version, body=body or desk.district_committee
        )
    with dates.replaying(D(2016, 3, 24)):
        item = petitions.petition_start(actor=loader_actor(), petition=item, expected_version=item.version)
        item = petitions.petition_answer(
            actor=loader_actor(), petition=item, expected_version=item.version, text=ANSWER
        )
    return item


@pytest.fixture(scope="module")
def _letters(_module_world, django_db_blocker):
    with django_db_blocker.unblock():
        world = _module_world
        desk = build_desk(world)
        issuer = services.issuer_create(
            actor=loader_actor(),
            system="state",
            body=desk.district_committee,
            abbreviation="UBND",
            name="Ủy ban nhân dân huyện Đông Sơn",
            collective="Ủy ban nhân dân",
            place="Đông Sơn",
        )
        mass = orgs.body_create(
            actor=loader_actor(),
            name="Ban Dân vận Huyện ủy Đông Sơn",
            body_type=BodyType.objects.get(code="mass_mobilization"),
            unit=world.district,
            valid_from=D(2016, 1, 1),
        )
        party = services.issuer_create(
            actor=loader_actor(), system="party", body=mass, abbreviation="BDVHU", name="Ban Dân vận", place="Đông Sơn"
        )
        item = _answered(world, desk)
        document = services.document_generate(
            actor=world.users["district_user"], template_code=CODE, record=item, options=OPTIONS
        )
        world.extra.update(desk=desk, letter_issuer=issuer, party_issuer=party, item=item, letter=document)
    return world


@pytest.fixture
def prepared(_letters, world):
    world.extra["letter"].refresh_from_db()
    return world


def _lines(cell):
    return [p.text for p in cell.paragraphs if p.text]


def _docx(document):
    version = document.versions.order_by("-number").first()
    version.docx.open("rb")
    return read_docx(io.BytesIO(version.docx.read()))


def test_the_letter_in_word_has_the_state_header_number_subject_addressee_signature_and_file_copy(prepared):
    document = prepared.extra["letter"]
    assert document.reference == "1/UBND-VP" and document.doc_type.code == "cong-van"
    assert document.subject == "trả lời kiến nghị của cử tri thôn Đông Thượng"  # "V/v" is the layout's
    word = _docx(document)
    left, right = word.tables[0].rows[0].cells
    assert _lines(left) == [
        "ỦY BAN NHÂN DÂN HUYỆN ĐÔNG SƠN",
        "Số: 1/UBND-VP",
        "V/v trả lời kiến nghị của cử tri thôn Đông Thượng",
    ]
    assert _lines(right) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Đông Sơn, ngày 25 tháng 03 năm 2016",
    ]
    assert right.paragraphs[0].runs[0].bold and [p for p in right.paragraphs if p.text][-1].runs[0].italic
    texts = [p.text for p in word.paragraphs if p.text]
    assert texts[0] == "Kính gửi: Cử tri thôn Đông Thượng, xã An Lộc"
    assert "CÔNG VĂN" not in texts  # a letter has no type title: its subject sits under the number
    assert any("kiến nghị số 0001/2016 của Cử tri thôn Đông Thượng, xã An Lộc (thôn Đông Thượng)" in t for t in texts)
    assert "“Đường giao thông thôn Đông Thượng xuống cấp nghiêm trọng”" in texts
    assert texts.index("Huyện đã bố trí vốn sửa chữa đoạn đường trong quý II năm 2016.") + 1 == texts.index(
        "Đề nghị xã vận động Nhân dân hiến đất."
    )
    sign_left, sign_right = word.tables[-1].rows[0].cells
    assert _lines(sign_right) == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Cường"]
    assert _lines(sign_left) == ["Nơi nhận:", "- Như trên;", "- Thường trực Huyện ủy;", "- Lưu: VT, VP."]


def test_the_letter_in_pdf_says_the_same(prepared):
    version = prepared.extra["letter"].versions.get()
    version.pdf.open("rb")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(version.pdf.read())).pages)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 1/UBND-VP",
        "V/v trả lời kiến nghị",
        "Kính gửi: Cử tri thôn Đông Thượng",
        "Đề nghị xã vận động Nhân dân hiến đất.",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "- Lưu: VT, VP.",
    ):
        assert expected in text, expected
    assert "ĐẢNG CỘNG SẢN" not in text and "CV-UBND" not in text


def test_the_type_letters_stay_in_a_party_letter_and_in_other_state_types(prepared):
    letter = DocumentType.objects.get(code="cong-van")
    state = prepared.extra["letter_issuer"]
    report = services.number_reserve(
        actor=loader_actor(),
        issuer=state,
        doc_type=DocumentType.objects.get(code="bao-cao"),
        dated=D(2016, 4, 1),
        subject="Báo cáo",
        template="tay",
    )
    party = services.number_reserve(
        actor=loader_actor(),
        issuer=prepared.extra["party_issuer"],
        doc_type=letter,
        dated=D(2016, 4, 1),
        subject="CV",
        template="tay",
    )
    second = services.number_reserve(
        actor=loader_actor(), issuer=state, doc_type=letter, dated=D(2016, 4, 2), subject="CV", template="tay"
    )
    assert (report.reference, party.reference, second.reference) == ("1/BC-UBND", "1-CV/BDVHU", "2/UBND-VP")


def test_the_file_copy_line_follows_the_system(prepared):
    state, party = prepared.extra["letter_issuer"], prepared.extra["party_issuer"]
    assert recipients("- Như trên;\n- Lưu VT", state) == ["Như trên;", "Lưu: VT, VP."]
    assert recipients("Như trên;", party) == ["Như trên;", "Lưu VP."]
    state.office = "VT"
    assert recipients("", state) == ["Lưu: VT."]


def test_who_may_draft_it(prepared, client_for):
    item = prepared.extra["item"]
    url = reverse("documents:generate", args=[CODE, item.pk])
    form = {k: (v.strftime("%d/%m/%Y") if hasattr(v, "strftime") else v) for k, v in OPTIONS.items()}
    assert client_for("user_b").get(url).status_code == 404  # outside the item's scope
    assert client_for("user_b").post(url, form).status_code == 404
    assert client_for("viewer_a").get(url).status_code == 403  # reads the item, cannot answer it
    assert client_for("viewer_a").post(url, form).status_code == 403
    page = client_for("district_user").get(url)
    assert page.status_code == 200 and "Lê Văn Cường" in page.content.decode()  # the current draft's options
    assert client_for("district_user").post(url, form).status_code == 302
    assert prepared.extra["letter"].versions.count() == 2


def test_an_item_without_an_answer_has_no_letter(prepared):
    desk = prepared.extra["desk"]
    item = petitions.petition_create(
        actor=loader_actor(),
        source="voter",
        kind="recommendation",
        unit=prepared.village_a1,
        content="Chưa trả lời",
        raised_on=D(2016, 3, 1),
        historical=True,
    )
    item = petitions.petition_route(
        actor=loader_actor(), petition=item, expected_version=item.version, body=desk.district_committee
    )
    with pytest.raises(Exception, match="chưa có nội dung trả lời"):
        services.document_generate(actor=loader_actor(), template_code=CODE, record=item, options=OPTIONS)


def test_the_items_page_offers_the_letter_to_who_may_draft_it(prepared, client_for):
    item, letter = prepared.extra["item"], prepared.extra["letter"]
    url = reverse("documents:generate", args=[CODE, item.pk])
    page = client_for("district_user").get(reverse("petitions:detail", args=[item.pk])).content.decode()
    assert url in page and letter.reference in page
    page = client_for("viewer_a").get(reverse("petitions:detail", args=[item.pk])).content.decode()
    assert url not in page


def test_the_compose_page_lists_answered_items_in_reach(prepared, client_for):
    item = prepared.extra["item"]
    url = reverse("documents:generate", args=[CODE, item.pk])
    assert url in client_for("district_user").get(reverse("documents:compose")).content.decode()
    assert url not in client_for("user_b").get(reverse("documents:compose")).content.decode()
    Issuer.objects.filter(pk=prepared.extra["letter_issuer"].pk).update(is_active=False)
    assert [pk for pk, *_rest in get(CODE).candidates(prepared.users["district_user"])] == []


def test_a_party_body_answers_in_the_party_layout(prepared):
    party = prepared.extra["party_issuer"]
    item = _answered(prepared, prepared.extra["desk"], content="Đề nghị tuyên truyền quy chế dân chủ", body=party.body)
    options = {**get(CODE).defaults(item, party), "signer_name": "Hà Thị Dung"}
    assert (options["authority"], options["deputy"], options["signer_title"]) == (
        "K/T TRƯỞNG BAN",
        "",
        "PHÓ TRƯỞNG BAN",
    )
    document = services.document_generate(actor=loader_actor(), template_code=CODE, record=item, options=options)
    word = _docx(document)
    left, right = word.tables[0].rows[0].cells
    assert _lines(left) == ["BAN DÂN VẬN", "*", "Số 1-CV/BDVHU", "V/v trả lời kiến nghị của Cử tri thôn Đông Thượng"]
    assert _lines(right)[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    sign_left, sign_right = word.tables[-1].rows[0].cells
    assert _lines(sign_right) == ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Hà Thị Dung"]
    assert _lines(sign_left)[-1] == "- Lưu VP."
