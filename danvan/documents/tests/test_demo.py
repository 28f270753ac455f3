"""The demo's register: Huyện ủy Can Lộc's 2016 QĐ register started after the paper book's 44, the four working
groups' founding decisions 45–48-QĐ/HU issued, the answer letters, and what thuongtruc reads of them."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from docx import Document as read_docx

from danvan.core import demo_data
from danvan.core.access import loader_actor
from danvan.core.models import Body, Unit
from danvan.documents import builders, services
from danvan.documents.builders.emulation_yearly import cell
from danvan.documents.models import Document, Issuer, NumberSequence
from danvan.emulation import statistics

D = datetime.date


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


def test_the_2016_founding_decisions_are_45_to_48_and_issued(demo, db):
    decisions = Document.objects.filter(issuer__abbreviation="HU", doc_type__code="quyet-dinh", year=2016)
    rows = list(decisions.order_by("number").values_list("number", "reference", "status", "dated", "origin_label"))
    assert [r[:4] for r in rows] == [(n, f"{n}-QĐ/HU", Document.Status.ISSUED, D(2016, 1, 8)) for n in (45, 46, 47, 48)]
    assert [r[4] for r in rows] == [f"Đoàn công tác: Đoàn công tác số {n}" for n in (1, 2, 3, 4)]
    sequence = NumberSequence.objects.get(issuer__abbreviation="HU", doc_type__code="quyet-dinh", year=2016)
    assert (sequence.started_after, sequence.last_number) == (44, 48) and "44" in sequence.start_reason
    first = decisions.get(number=45).issued_version
    first.docx.open("rb")
    header = read_docx(io.BytesIO(first.docx.read())).tables[0].rows[0].cells[0]
    assert [p.text for p in header.paragraphs if p.text] == [
        "ĐẢNG BỘ TỈNH HÀ TĨNH",
        "HUYỆN ỦY CAN LỘC",
        "*",
        "Số 45-QĐ/HU",
    ]


def test_the_issuers_cover_2016_and_today(demo, db):
    issuers = Issuer.objects.select_related("body")
    assert issuers.get(abbreviation="HU").collective == "BAN THƯỜNG VỤ"
    assert issuers.get(abbreviation="BDVHU").upper_name == "HUYỆN ỦY CAN LỘC"
    communes = issuers.filter(system="state", body__unit__level__code="commune")
    assert communes.count() == len(demo_data.COMMUNES) + len(demo_data.NEW_COMMUNES)
    assert issuers.filter(body__name="UBND tỉnh Hà Tĩnh", system="state").exists()


def test_the_answer_letters(demo, db):
    letters = Document.objects.filter(template="cong-van-tra-loi-kien-nghi").select_related("reserved_by")
    old = letters.get(year=2016)
    assert old.reference == "1/UBND-VP" and old.status == Document.Status.ISSUED
    assert old.issuer.name == "ỦY BAN NHÂN DÂN HUYỆN CAN LỘC"
    today = letters.get(year__gte=2025)
    assert today.reserved_by.username == "thuongtruc" and today.status == Document.Status.DRAFT


def test_thuongtruc_reads_the_register_with_its_start(demo, db):
    client = Client()
    client.force_login(Document.objects.get(template="cong-van-tra-loi-kien-nghi", year__gte=2025).reserved_by)
    page = client.get(reverse("documents:register_list") + "?nam=2016").content.decode()
    assert "45-QĐ/HU" in page and "48-QĐ/HU" in page
    assert "số 1–44 cấp ngoài hệ thống, trên hệ thống từ số 45" in page


def test_the_q1_2016_conference_has_its_quarterly_report_and_conclusion_notice(demo, db):
    from danvan.petitions.models import ReviewConference

    q1 = ReviewConference.objects.get(year=2016, quarter=1, unit__name="Can Lộc")
    assert q1.held_on == D(2016, 3, 18)  # before the article of 21/03/2016 that shows its photograph
    documents = Document.objects.filter(
        origin_id=q1.pk, template__in=("bao-cao-quy-chi-dao-co-so", "thong-bao-ket-luan-hoi-nghi")
    )
    report = documents.get(doc_type__code="bao-cao")
    notice = documents.get(doc_type__code="thong-bao")
    assert (report.reference, notice.reference) == ("1-BC/HU", "1-TB/HU")
    assert report.status == notice.status == Document.Status.ISSUED
    report.issued_version.docx.open("rb")
    texts = [p.text for p in read_docx(io.BytesIO(report.issued_version.docx.read())).paragraphs]
    assert any(
        "441 mô hình" in t
        and "197 kinh tế, 39 quốc phòng - an ninh, 92 văn hóa - xã hội, 34 chính quyền, "
        "40 xây dựng Đảng, 39 đoàn thể chính trị"
        in t
        for t in texts
    )
    notice.issued_version.docx.open("rb")
    word = read_docx(io.BytesIO(notice.issued_version.docx.read()))
    tasks = [[c.text for c in row.cells] for table in word.tables for row in table.rows if row.cells[0].text.isdigit()]
    assert len(tasks) == q1.tasks.count() == 3


def test_thuongtruc_sees_what_the_q2_conference_found_of_q1s_tasks(demo, db):
    from danvan.petitions.models import ReviewConference

    client = Client()
    client.force_login(get_user_model().objects.get(username="thuongtruc"))
    q1 = ReviewConference.objects.get(year=2016, quarter=1, unit__name="Can Lộc")
    q2 = ReviewConference.objects.get(year=2016, quarter=2, unit__name="Can Lộc")
    page = client.get(reverse("petitions:conference_detail", args=[q2.pk])).content.decode()
    assert "Kết luận các kỳ trước và kết quả thực hiện" in page
    assert "Hoàn thành chậm" in page and "Chưa hoàn thành" in page and "Đã hoàn thành" in page
    page = client.get(reverse("petitions:conference_detail", args=[q1.pk])).content.decode()
    assert "Báo cáo 1-BC/HU" in page and "Thông báo 1-TB/HU" in page


# --- the yearly Dân vận khéo report of 2015 ------------------------------------------------------------------

YEARLY = "bao-cao-dan-van-kheo-nam"
ARTICLE_2015 = {
    "Kinh tế": 197,
    "Quốc phòng - an ninh": 39,
    "Văn hóa - xã hội": 92,
    "Chính quyền": 34,
    "Xây dựng Đảng": 40,
    "Đoàn thể chính trị": 39,
}


def test_the_2015_report_of_can_loc_states_the_articles_441_models_by_field(demo, db):
    can_loc = Unit.objects.get(level__code="district", code=demo_data.DISTRICT["code"])
    if not Issuer.objects.filter(unit=can_loc, system="party").exists():  # the register's demo may add it
        services.issuer_create(
            actor=loader_actor(),
            system="party",
            body=Body.objects.get(name="Ban Thường vụ Huyện ủy Can Lộc"),
            abbreviation="HU",
            name="Huyện ủy Can Lộc",
            upper_name="Đảng bộ tỉnh Hà Tĩnh",
            collective="Ban Thường vụ",
            place="Can Lộc",
        )
    issuer = builders.get(YEARLY).issuer(can_loc)
    options = builders.initial(builders.get(YEARLY), can_loc, issuer, "2015")
    options["signer_name"] = "Trần Văn Bình"
    document = services.document_generate(actor=loader_actor(), template_code=YEARLY, record=can_loc, options=options)
    assert document.dated == D(2015, 12, 31)
    version = document.versions.get()
    version.docx.open("rb")
    word = read_docx(io.BytesIO(version.docx.read()))

    page = statistics.by_field(user=get_user_model().objects.get(username="bandanvan"), year=2015, unit=can_loc)
    assert {r.label: r.values["registered"] for r in page.details} == ARTICLE_2015
    assert page.total.values["registered"] == 441 == sum(ARTICLE_2015.values())
    table_a = next(
        [[c.text for c in row.cells] for row in t.rows]
        for t in word.tables
        if [c.text for c in t.rows[0].cells][:2] == ["STT", "Lĩnh vực"]
    )
    registered = {row[1]: row[2] for row in table_a[1:]}
    for label, count in ARTICLE_2015.items():
        assert registered[label] == str(count), label
    assert table_a[-1] == ["", "Tổng cộng", *(cell(c) for c in page.total.cells)] and table_a[-1][2] == "441"
    texts = " ".join(p.text for p in word.paragraphs)
    assert "Năm 2015, huyện Can Lộc có 441 mô hình, điển hình “Dân vận khéo” đăng ký (Kinh tế: 197;" in texts


def test_thuongtruc_drafts_the_provinces_q3_2026_report_today(demo, db):
    from danvan.petitions.models import ReviewConference

    thuongtruc = get_user_model().objects.get(username="thuongtruc")
    q3 = ReviewConference.objects.get(year=2026, quarter=3)
    client = Client()
    client.force_login(thuongtruc)
    form = client.get(reverse("documents:generate", args=["bao-cao-quy-chi-dao-co-so", q3.pk]))
    assert form.status_code == 200 and "chế độ nền" in form.content.decode()  # a province's: by the worker
    template = builders.get("bao-cao-quy-chi-dao-co-so")
    record = template.load(thuongtruc, q3.pk)
    options = {**builders.initial(template, record, template.issuer(record)), "signer_name": thuongtruc.get_full_name()}
    document = services.document_generate(actor=thuongtruc, template_code=template.code, record=record, options=options)
    assert document.reference.endswith("-BC/TU") and document.reserved_by == thuongtruc
    document.versions.get().docx.open("rb")
    texts = [p.text for p in read_docx(io.BytesIO(document.versions.get().docx.read())).paragraphs]
    assert "(Số liệu tính đến ngày 25/09/2026)" in texts
    assert any("Tỉnh ủy Hà Tĩnh" in t and "đoàn công tác" in t for t in texts)
