"""The yearly "Dân vận khéo" report: the DOCX read back (python-docx) and the PDF's text (pypdf) carry tables A–E
and the honoured list exactly as danvan.emulation.statistics computes them for the statistics page (same year,
same unit); a year still running is marked "số liệu tạm tính"; units are named as of 31/12; who may draft it; the
query count does not grow with the number of communes."""

import datetime
import io
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document as read_docx
from pypdf import PdfReader

from danvan.core.access import loader_actor
from danvan.core.models import BodyType
from danvan.core.services import orgs, units
from danvan.core.tests.cast import START, grant, make_user, unit_type
from danvan.documents import builders, services
from danvan.documents.builders.emulation_yearly import cell
from danvan.documents.models import Issuer
from danvan.emulation import services as emulation
from danvan.emulation import statistics
from danvan.emulation.models import AwardForm
from danvan.emulation.tests.factories import make_initiative

from .factories import party_issuer

D = datetime.date
TEMPLATE = "bao-cao-dan-van-kheo-nam"
YEAR = 2019
FIELDS = ["dvk-kinh-te", "dvk-quoc-phong-an-ninh", "dvk-van-hoa-xa-hoi", "dvk-chinh-quyen", "dvk-xay-dung-dang"]


def _award(initiative, form_code, kind, day):
    return emulation.award_create(
        actor=loader_actor(),
        initiative=initiative,
        form=AwardForm.objects.get(code=form_code),
        recipient_kind=kind,
        recipient=f"Tập thể {initiative.name}",
        decision_number=f"{initiative.pk}/QĐ-UBND",
        decided_on=day,
    )


def _initiatives(world, places, year: int, count: int, prefix: str):
    made = []
    for i in range(count):
        unit, extra = places[i % len(places)]
        made.append(
            make_initiative(
                world,
                name=f"{prefix} {year} số {i}",
                year=year,
                field_code=FIELDS[i % len(FIELDS)],
                unit=unit,
                to=["registered", "implementing", "evaluated", "evaluated"][i % 4],
                result=["effective", "not_effective"][(i // 4) % 2],
                **extra,
            )
        )
    return made


@pytest.fixture(scope="module")
def _yearly(_module_world, django_db_blocker):
    """The district's committee as a Party issuer; initiatives of 2018 and 2019 registered by communes A and B, a
    village of A and a district body; three award decisions in 2019 and one in 2020."""
    world = _module_world
    with django_db_blocker.unblock(), mock.patch("danvan.core.dates.today", return_value=D(2020, 1, 15)):
        world.extra["committee"] = orgs.body_create(
            actor=loader_actor(),
            name="Ban Thường vụ Huyện ủy Đông Sơn",
            body_type=BodyType.objects.get(code="standing_committee"),
            unit=world.district,
            valid_from=START,
        )
        party_issuer(world)
        agency = orgs.body_create(
            actor=loader_actor(),
            name="Hội Nông dân huyện Đông Sơn",
            body_type=BodyType.objects.get(code="mass_organization"),
            unit=world.district,
            valid_from=START,
        )
        places = [
            (world.commune_a, {}),
            (world.commune_b, {}),
            (world.village_a1, {}),
            (world.district, {"body": agency}),
        ]
        _initiatives(world, places, YEAR - 1, 6, "Mô hình")
        made = _initiatives(world, places, YEAR, 12, "Mô hình")
        effective = [i for i in made if i.result == "effective"]
        _award(effective[0], "giay-khen-ubnd-huyen", "collective", D(YEAR, 12, 20))
        _award(effective[1], "bieu-duong-hoi-nghi", "household", D(YEAR, 12, 22))
        _award(effective[2], "giay-khen-ubnd-xa", "individual", D(YEAR, 12, 2))
        _award(effective[0], "bang-khen-ubnd-tinh", "collective", D(YEAR + 1, 1, 10))  # next year's: not counted
        viewer = make_user("district_viewer_yearly")
        grant(viewer, "viewer", world.district)
    world.extra.update(district_viewer=viewer)
    return world


@pytest.fixture
def prepared(_yearly, world):
    return world


def _initial(world, year=YEAR):
    issuer = Issuer.objects.get(body=world.extra["committee"])
    return builders.initial(builders.get(TEMPLATE), world.district, issuer, str(year))


def _generated(world, year=YEAR):
    document = services.document_generate(
        actor=loader_actor(), template_code=TEMPLATE, record=world.district, options=_initial(world, year)
    )
    version = document.versions.order_by("-number").first()
    version.docx.open("rb")
    word = read_docx(io.BytesIO(version.docx.read()))
    version.pdf.open("rb")
    reader = PdfReader(io.BytesIO(version.pdf.read()))
    return document, word, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _rows(table):
    return [[c.text for c in row.cells] for row in table.rows]


def _expected(table) -> list[list[str]]:
    """The statistics table as the page shows it: header, rows, total."""
    return [
        ["STT", str(table.first), *table.headers],
        *([r.number, r.label, *(cell(c) for c in r.cells)] for r in table.rows),
        ["", "Tổng cộng", *(cell(c) for c in table.total.cells)],
    ]


def _lines(cell_):
    return [p.text for p in cell_.paragraphs if p.text]


def test_the_yearly_report_has_the_party_header_and_tables_a_to_e_of_the_statistics_page(prepared, on_day):
    on_day(D(2020, 1, 15))
    document, word, pdf = _generated(prepared)
    assert document.options["year"] == "2019" and document.reference.endswith("-BC/HU")
    header = word.tables[0].rows[0].cells
    assert _lines(header[0]) == ["ĐẢNG BỘ TỈNH PHÚ THỊNH", "HUYỆN ỦY ĐÔNG SƠN", "*", f"Số {document.reference}"]
    date = [p for p in header[1].paragraphs if p.text][-1]
    assert date.text == "Đông Sơn, ngày 31 tháng 12 năm 2019" and date.runs[0].italic
    texts = [p.text for p in word.paragraphs]
    assert "BÁO CÁO" in texts and not any("tạm tính" in t for t in texts)

    page = statistics.report(user=prepared.users["district_user"], year=YEAR, unit=prepared.district)
    tables = [_rows(t) for t in word.tables]
    for code, table in page["tables"].items():
        assert _expected(table) in tables, code
    a = page["tables"]["a"]
    assert a.total.values["registered"] == 12 and "Năm 2019, huyện Đông Sơn có 12 mô hình" in " ".join(texts)
    assert page["tables"]["e"].total.values["registered_before"] == 6
    trend = next(t for t in tables if t[0][0] == "Năm")
    assert trend[1][1:] == [str(y["registered"]) for y in page["trend"]]

    honoured = statistics.honoured(user=prepared.users["district_user"], year=YEAR, unit=prepared.district)
    assert len(honoured) == page["tables"]["d"].total.values["total"] == 3
    annex = next(t for t in tables if t[0][:2] == ["STT", "Mô hình, điển hình"])
    assert [r[1] for r in annex[1:]] == [a.initiative.name for a in honoured]
    assert all("2020" not in r[-1] for r in annex[1:])
    assert any(t.startswith(f"(Kèm theo Báo cáo số {document.reference}") for t in texts)
    for expected in (f"Số {document.reference}", "Bảng A. Mô hình, điển hình theo lĩnh vực", "PHỤ LỤC", "Lưu VP"):
        assert expected in pdf, expected


def test_a_year_not_yet_ended_is_drafted_with_provisional_figures(prepared, on_day):
    on_day(D(2019, 11, 20))
    document, word, pdf = _generated(prepared)
    assert document.dated == D(2019, 11, 20)
    assert "(Năm 2019 chưa kết thúc: số liệu tạm tính đến ngày 20/11/2019)" in [p.text for p in word.paragraphs]
    assert "số liệu tạm tính" in pdf


def test_each_year_is_its_own_document(prepared, on_day):
    on_day(D(2020, 1, 15))
    first, _w, _p = _generated(prepared)
    earlier, _w, _p = _generated(prepared, YEAR - 1)
    again, _w, _p = _generated(prepared)
    assert earlier.pk != first.pk and again.pk == first.pk and again.versions.count() == 2


def test_units_are_named_as_of_the_end_of_the_year(prepared, on_day):
    on_day(D(2020, 7, 1))
    units.reorganization_create(
        actor=loader_actor(),
        kind="upgrade",
        legal_basis="1/NQ-TEST",
        effective_date=D(2020, 6, 1),
        units=[prepared.commune_a],
        new_type=unit_type("town"),
        new_name="An Phú",
    )
    _document, word, pdf = _generated(prepared)
    table_b = next(_rows(t) for t in word.tables if _rows(t)[0][1] == "Xã, phường, thị trấn / cơ quan, đơn vị")
    assert "xã An Lộc" in [r[1] for r in table_b] and "An Phú" not in pdf


def test_who_may_draft_it(prepared, client_for, on_day):
    on_day(D(2020, 1, 15))
    url = reverse("documents:generate", args=[TEMPLATE, prepared.district.pk]) + "?year=2019"
    for member in ("editor_a", "viewer_a", "user_b"):
        assert client_for(member).get(url).status_code == 404
    viewer = client_for("anonymous")
    viewer.force_login(prepared.extra["district_viewer"])
    assert viewer.get(url).status_code == 403
    assert viewer.post(url, {"year": "2019"}).status_code == 403
    page = client_for("district_user").get(url)
    assert page.status_code == 200 and "Năm 2019, huyện Đông Sơn có 12 mô hình" in page.content.decode()
    generate = reverse("documents:generate", args=[TEMPLATE, prepared.district.pk])
    assert generate in client_for("district_user").get(reverse("documents:compose")).content.decode()
    assert generate not in viewer.get(reverse("documents:compose")).content.decode()
    form = {k: (v.strftime("%d/%m/%Y") if hasattr(v, "strftime") else v) for k, v in _initial(prepared).items()}
    form["signer_name"] = "Nguyễn Văn Hoàng"
    assert client_for("district_user").post(url, form).status_code == 302
    form["year"] = "2021"
    assert "year" in client_for("district_user").post(url, form).context["form"].errors


def _grow(world, n: int):
    """n more communes, each with two initiatives of the year (one of them honoured)."""
    for i in range(n):
        commune = units.unit_create(
            actor=loader_actor(),
            name=f"Thêm {i}",
            unit_type=unit_type("commune"),
            parent=world.district,
            valid_from=START,
        )
        made = _initiatives(world, [(commune, {})], YEAR, 4, f"Thêm {i}")
        _award(next(m for m in made if m.result == "effective"), "giay-khen-ubnd-xa", "collective", D(YEAR, 12, 10))


def test_the_query_count_does_not_grow_with_the_communes(prepared, on_day, django_assert_max_num_queries):
    on_day(D(2020, 1, 15))
    template = builders.get(TEMPLATE)
    document = services.document_generate(
        actor=loader_actor(), template_code=TEMPLATE, record=prepared.district, options=_initial(prepared)
    )
    with CaptureQueriesContext(connection) as small:
        template.build(document, prepared.district, document.issuer, document.options)
        _initial(prepared)
    _grow(prepared, 3)
    with django_assert_max_num_queries(len(small.captured_queries)):
        doc = template.build(document, prepared.district, document.issuer, document.options)
        _initial(prepared)
    assert sum(text == "xã Thêm 2" for text in doc.texts()) == 2  # in table B and in the honoured list
