"""The working group's compiled monthly report: the DOCX read back (python-docx) and the PDF's text (pypdf) say what
the supervision statistics and the kiến nghị registry say for the same month; a month still running is marked
"số liệu tạm tính"; units are named as of the month; who may draft it; the query count does not grow with the
number of teams and communes."""

import datetime
import io
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document as read_docx
from pypdf import PdfReader

from danvan.core.access import loader_actor, system_actor
from danvan.core.models import MonitoringField, PartyOrgType
from danvan.core.services import orgs, units
from danvan.core.tests.cast import START, grant, make_user, unit_type
from danvan.documents import builders, services
from danvan.petitions import selectors as petitions
from danvan.supervision import services as supervision
from danvan.supervision import statistics
from danvan.supervision.tests.factories import build_group

from .factories import party_issuer

D = datetime.date
TEMPLATE = "bao-cao-tong-hop-thang"
MARCH = D(2016, 3, 1)


def _accepted_report(team, unit, period, *, situation, recommendations="", sections=None):
    report = supervision.report_create(actor=loader_actor(), team=team, unit=unit, period=period)
    supervision.report_update(
        actor=loader_actor(),
        report=report,
        expected_version=report.version,
        general_situation=situation,
        difficulties=f"Khó khăn của {team.name}.",
        recommendations=recommendations,
        sections=sections or {},
    )
    supervision.report_submit(actor=loader_actor(), report=report, expected_version=report.version)
    supervision.report_accept(actor=loader_actor(), report=report, expected_version=report.version)
    return report


@pytest.fixture(scope="module")
def _monthly(_module_world, django_db_blocker):
    """The matrix's group (Tổ 1 on xã An Lộc) with a Tổ 2 on xã Bình Lộc: in 03/2016 Tổ 1's report is accepted
    (two kiến nghị, a section on one field) and one of its members attended a cell meeting; Tổ 2 has not
    reported. A district viewer sees the group without managing it."""
    world = _module_world
    with django_db_blocker.unblock(), mock.patch("danvan.core.dates.today", return_value=D(2016, 3, 31)):
        group = build_group(world)
        party_issuer(world)
        other = orgs.person_create(actor=loader_actor(), full_name="Lê Văn Hai", unit=world.district)
        team_2 = supervision.team_create(actor=loader_actor(), group=group, name="Tổ 2", leader=other, members=[other])
        supervision.assignment_set(actor=loader_actor(), team=team_2, unit=world.commune_b, valid_from=D(2016, 1, 15))
        team = world.extra["team"]
        field = MonitoringField.objects.valid_on(MARCH).order_by("position").first()
        report = _accepted_report(
            team,
            world.commune_a,
            MARCH,
            situation="Tình hình chính trị ổn định.",
            recommendations="Đề nghị sửa đường liên thôn Đông Thượng\nĐề nghị hỗ trợ giống lúa vụ xuân",
            sections={field.pk: "Nhân dân đồng thuận dồn điền đổi thửa."},
        )
        supervision.attendance_record(
            actor=loader_actor(),
            team=team,
            attendee=world.extra["member"],
            cell=world.extra["cells"][0],
            held_on=D(2016, 3, 10),
        )
        viewer = make_user("district_viewer_monthly")
        grant(viewer, "viewer", world.district)
    world.extra.update(team_2=team_2, march_report=report, field=field, district_viewer=viewer)
    return world


@pytest.fixture
def prepared(_monthly, world):
    return world


def _initial(world, month="03/2016"):
    from danvan.documents.models import Issuer

    issuer = Issuer.objects.get(body=world.extra["committee"])
    return builders.initial(builders.get(TEMPLATE), world.extra["group"], issuer, month)


def _generated(world, month="03/2016"):
    document = services.document_generate(
        actor=loader_actor(), template_code=TEMPLATE, record=world.extra["group"], options=_initial(world, month)
    )
    version = document.versions.order_by("-number").first()
    version.docx.open("rb")
    word = read_docx(io.BytesIO(version.docx.read()))
    version.pdf.open("rb")
    reader = PdfReader(io.BytesIO(version.pdf.read()))
    return document, word, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _table(word, first_header: str, second_header: str):
    for table in word.tables:
        cells = [c.text for c in table.rows[0].cells]
        if len(cells) > 1 and cells[0] == first_header and cells[1] == second_header:
            return [[c.text for c in row.cells] for row in table.rows[1:]]
    raise AssertionError(f"no table headed {first_header}, {second_header}")


def _lines(cell):
    return [p.text for p in cell.paragraphs if p.text]


def test_the_compiled_report_has_the_party_header_and_the_figures_of_the_statistics(prepared, on_day):
    on_day(D(2016, 4, 10))
    world = prepared
    document, word, pdf = _generated(world)
    assert document.reference.endswith("-BC/HU") and document.options["month"] == "03/2016"
    header = word.tables[0].rows[0].cells
    assert _lines(header[0]) == ["ĐẢNG BỘ TỈNH PHÚ THỊNH", "HUYỆN ỦY ĐÔNG SƠN", "*", f"Số {document.reference}"]
    date = [p for p in header[1].paragraphs if p.text][-1]
    assert date.text == "Đông Sơn, ngày 31 tháng 03 năm 2016" and date.runs[0].italic
    texts = [p.text for p in word.paragraphs]
    assert "BÁO CÁO" in texts
    assert "- Tổ 1 (xã An Lộc): Tình hình chính trị ổn định." in texts  # the narrative, pre-filled
    assert "- Tổ 1 (xã An Lộc): Nhân dân đồng thuận dồn điền đổi thửa." in texts  # its field's section
    assert not any("tạm tính" in t for t in texts)

    figures = statistics.month_compilation(group=world.extra["group"], period=MARCH)
    attendance = _table(word, "STT", "Tổ công tác")
    assert attendance == [
        *(
            [str(i), a.team.name, str(a.meetings), str(a.cells), str(a.thematic)]
            for i, a in enumerate(figures.attendance, 1)
        ),
        ["", "Tổng cộng", "1", "1", "0"],
    ]
    states = next(
        [[c.text for c in row.cells] for row in t.rows[1:]]
        for t in word.tables
        if [c.text for c in t.rows[0].cells][-1] == "Tình trạng báo cáo"
    )
    assert [(r[1], r[2]) for r in states] == [(t.name, u.full_name) for t, u, _s, _r in figures.states]
    assert states[1][3] == "Chưa báo cáo" and states[0][3] == "Trễ hạn, Đã tiếp nhận"
    assert any(t == "Các tổ chưa báo cáo: Tổ 2 (xã Bình Lộc)." for t in texts)

    raised = petitions.listing(user=system_actor(), filters={"start": MARCH, "end": D(2016, 3, 31)}).filter(
        team__group=world.extra["group"]
    )
    rows = _table(word, "STT", "Số")
    assert sorted(r[2] for r in rows) == sorted(p.content for p in raised) and len(rows) == 2
    assert all(r[3] == "xã An Lộc" and r[4] == "Tổ 1" for r in rows)
    sign = word.tables[-1].rows[0].cells
    assert _lines(sign[1]) == ["T/M ĐOÀN CÔNG TÁC", "TRƯỞNG ĐOÀN", "Hoàng Văn Tổ"]
    assert _lines(sign[0])[-1] == "- Lưu VP."
    for expected in (f"Số {document.reference}", "BÁO CÁO", "Các tổ chưa báo cáo: Tổ 2", "Đề nghị sửa đường liên thôn"):
        assert expected in pdf, expected
    assert "tạm tính" not in pdf


def test_a_month_not_yet_ended_is_drafted_with_provisional_figures(prepared, on_day):
    on_day(D(2016, 3, 20))
    document, word, pdf = _generated(prepared)
    assert document.dated == D(2016, 3, 20)
    texts = [p.text for p in word.paragraphs]
    assert "(Tháng 03/2016 chưa kết thúc: số liệu tạm tính đến ngày 20/03/2016)" in texts
    assert "số liệu tạm tính" in pdf


def test_each_month_is_its_own_document_and_regenerating_keeps_its_number(prepared, on_day, client_for):
    on_day(D(2016, 4, 10))
    march, _w, _p = _generated(prepared)
    february, word, _p = _generated(prepared, "02/2016")
    assert february.pk != march.pk and february.options["month"] == "02/2016"
    assert any(
        t.startswith("Trong tháng, các tổ phải gửi 2 báo cáo; đã gửi 0") for t in (p.text for p in word.paragraphs)
    )
    again, _w, _p = _generated(prepared)
    assert again.pk == march.pk and again.versions.count() == 2
    page = client_for("district_user").get(reverse("documents:detail", args=[february.pk])).content.decode()
    generate = reverse("documents:generate", args=[TEMPLATE, prepared.extra["group"].pk])
    assert f"{generate}?month=02%2F2016" in page  # redrafted for its own month


def test_units_are_named_as_of_the_month(prepared, on_day):
    on_day(D(2016, 7, 1))
    units.reorganization_create(
        actor=loader_actor(),
        kind="upgrade",
        legal_basis="1/NQ-TEST",
        effective_date=D(2016, 6, 1),
        units=[prepared.commune_a],
        new_type=unit_type("town"),
        new_name="An Phú",
    )
    _document, word, pdf = _generated(prepared)
    states = next(
        [[c.text for c in row.cells] for row in t.rows[1:]]
        for t in word.tables
        if [c.text for c in t.rows[0].cells][-1] == "Tình trạng báo cáo"
    )
    assert states[0][2] == "xã An Lộc"
    assert "An Phú" not in pdf and "xã An Lộc" in pdf


def test_who_may_draft_it(prepared, client_for, on_day):
    on_day(D(2016, 4, 10))
    url = reverse("documents:generate", args=[TEMPLATE, prepared.extra["group"].pk]) + "?month=03/2016"
    for member in ("editor_a", "viewer_a", "user_b"):
        assert client_for(member).get(url).status_code == 404
    viewer = client_for("anonymous")
    viewer.force_login(prepared.extra["district_viewer"])
    assert viewer.get(url).status_code == 403
    assert viewer.post(url, {"month": "03/2016"}).status_code == 403
    page = client_for("district_user").get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tình hình chính trị ổn định." in html and 'value="03/2016"' in html
    generate = reverse("documents:generate", args=[TEMPLATE, prepared.extra["group"].pk])
    assert generate in client_for("district_user").get(reverse("documents:compose")).content.decode()
    assert generate not in viewer.get(reverse("documents:compose")).content.decode()
    form = {k: (v.strftime("%d/%m/%Y") if hasattr(v, "strftime") else v) for k, v in _initial(prepared).items()}
    response = client_for("district_user").post(url, form)
    assert response.status_code == 302
    form["month"] = "05/2016"
    assert "month" in client_for("district_user").post(url, form).context["form"].errors  # a month to come


def test_narrative_text_beyond_the_limit_is_refused(prepared, on_day):
    on_day(D(2016, 4, 10))
    options = _initial(prepared)
    options["situation"] = "x" * 100_000
    with pytest.raises(Exception) as error:
        services.document_generate(
            actor=loader_actor(), template_code=TEMPLATE, record=prepared.extra["group"], options=options
        )
    assert "situation" in str(error.value)


def _grow(world, group, n: int):
    """n more communes, each with a village cell, covered by a team of its own that reported (two kiến nghị) and
    attended a meeting in 03/2016."""
    cell_type = PartyOrgType.objects.get(code="affiliated_cell")
    for i in range(n):
        commune = units.unit_create(
            actor=loader_actor(),
            name=f"Thêm {i}",
            unit_type=unit_type("commune"),
            parent=world.district,
            valid_from=START,
        )
        village = units.unit_create(
            actor=loader_actor(), name=f"Thôn {i}", unit_type=unit_type("village"), parent=commune, valid_from=START
        )
        cell = orgs.party_org_create(
            actor=loader_actor(), name=f"Chi bộ thôn {i}", org_type=cell_type, unit=village, valid_from=START
        )
        person = orgs.person_create(actor=loader_actor(), full_name=f"Người {i}", unit=world.district)
        team = supervision.team_create(
            actor=loader_actor(), group=group, name=f"Tổ thêm {i}", leader=person, members=[person]
        )
        supervision.assignment_set(actor=loader_actor(), team=team, unit=commune, valid_from=D(2016, 1, 15))
        _accepted_report(
            team, commune, MARCH, situation=f"Ổn định {i}.", recommendations=f"Kiến nghị {i}a\nKiến nghị {i}b"
        )
        supervision.attendance_record(
            actor=loader_actor(), team=team, attendee=person, cell=cell, held_on=D(2016, 3, 9)
        )


def test_the_query_count_does_not_grow_with_the_teams_and_communes(prepared, on_day, django_assert_max_num_queries):
    on_day(D(2016, 4, 1))
    template = builders.get(TEMPLATE)
    group = prepared.extra["group"]
    document = services.document_generate(
        actor=loader_actor(), template_code=TEMPLATE, record=group, options=_initial(prepared)
    )
    issuer = document.issuer
    with CaptureQueriesContext(connection) as small:
        template.build(document, group, issuer, document.options)
        builders.initial(template, group, issuer, "03/2016")
    _grow(prepared, group, 3)
    with django_assert_max_num_queries(len(small.captured_queries)):
        doc = template.build(document, group, issuer, document.options)
        builders.initial(template, group, issuer, "03/2016")
    assert sum("Tổ thêm" in text for text in doc.texts()) >= 9  # attendance, kiến nghị and states of 3 teams
