"""The demo's register: Huyện ủy Can Lộc's 2016 QĐ register started after the paper book's 44, the four working
groups' founding decisions 45–48-QĐ/HU issued, the answer letters, and what thuongtruc reads of them."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from docx import Document as read_docx

from danvan.core import demo_data
from danvan.documents.models import Document, Issuer, NumberSequence

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
