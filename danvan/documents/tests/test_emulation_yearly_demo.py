"""The demo's yearly "Dân vận khéo" report of Can Lộc for 2015 states the article's figures: 441 = 197 + 39 + 92
+ 34 + 40 + 39 models and exemplars, by field, as the statistics page shows them for huyện Can Lộc."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from docx import Document as read_docx

from danvan.core import demo_data
from danvan.core.access import loader_actor
from danvan.core.models import Body, Unit
from danvan.documents import builders, services
from danvan.documents.builders.emulation_yearly import cell
from danvan.documents.models import Issuer
from danvan.emulation import statistics

D = datetime.date
TEMPLATE = "bao-cao-dan-van-kheo-nam"
ARTICLE_2015 = {
    "Kinh tế": 197,
    "Quốc phòng - an ninh": 39,
    "Văn hóa - xã hội": 92,
    "Chính quyền": 34,
    "Xây dựng Đảng": 40,
    "Đoàn thể chính trị": 39,
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


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
    issuer = builders.get(TEMPLATE).issuer(can_loc)
    options = builders.initial(builders.get(TEMPLATE), can_loc, issuer, "2015")
    options["signer_name"] = "Trần Văn Bình"
    document = services.document_generate(actor=loader_actor(), template_code=TEMPLATE, record=can_loc, options=options)
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
