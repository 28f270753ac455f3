"""The quarterly report on directing the grassroots and the conclusion notice, drafted from a review conference:
the figures equal the statistics pages for the same period and area, the period is marked when it had not ended,
the conclusion's tasks come out as a table, and only the committee drafts them."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document as read_docx
from pypdf import PdfReader

from danvan.core.access import loader_actor
from danvan.documents import builders, services
from danvan.petitions import services as petition_services
from danvan.petitions.tests.factories import build_desk
from danvan.supervision import services as supervision_services
from danvan.supervision.tests.factories import build_group

from .factories import party_issuer

D = datetime.date
REPORT = "bao-cao-quy-chi-dao-co-so"
NOTICE = "thong-bao-ket-luan-hoi-nghi"


def _item(world, desk, content, raised_on, **kw):
    return petition_services.petition_create(
        actor=loader_actor(),
        source="voter",
        kind="recommendation",
        unit=kw.pop("unit", world.village_a1),
        content=content,
        raised_on=raised_on,
        received_on=raised_on,
        field=desk.economy,
        body=desk.agriculture,
        historical=True,
        **kw,
    )


@pytest.fixture
def conference(world, on_day):
    build_group(world)
    party_issuer(world)
    desk = build_desk(world)
    world.extra["desk"] = desk
    _item(world, desk, "Đường thôn Đông Thượng xuống cấp", D(2015, 12, 1))  # from an earlier period
    _item(world, desk, "Xin hỗ trợ giống lúa", D(2016, 1, 20))
    answered = _item(world, desk, "Sửa cầu tràn", D(2016, 2, 1))
    on_day(D(2016, 2, 5))
    petition_services.petition_answer(
        actor=loader_actor(), petition=answered, expected_version=answered.version, text="Đã bố trí kinh phí."
    )
    on_day(D(2026, 12, 8))
    conference = petition_services.conference_create(
        actor=loader_actor(),
        unit=world.district,
        title="Hội nghị đánh giá công tác chỉ đạo cơ sở quý I/2016",
        year=2016,
        quarter=1,
        held_on=D(2016, 3, 18),
        chair="Đồng chí Bí thư Huyện ủy",
        participants="Thường trực Huyện ủy, các đoàn công tác",
        conclusion="Các đoàn công tác bám sát cơ sở.\nGiải quyết dứt điểm kiến nghị tồn đọng.",
    )
    petition_services.conclusion_task_add(
        actor=loader_actor(),
        conference=conference,
        content="Giải quyết dứt điểm kiến nghị về đường thôn Đông Thượng",
        due_on=D(2016, 5, 31),
        owner_body=desk.agriculture,
    )
    return conference


def _generate(world, code, conference, **options):
    user = world.users["district_user"]
    template = builders.get(code)
    record = template.load(user, conference.pk)
    initial = builders.initial(template, record, template.issuer(record))
    return services.document_generate(
        actor=user, template_code=code, record=record, options={**initial, "signer_name": "Trần Văn A", **options}
    )


def _word(document):
    version = document.versions.first()
    version.docx.open("rb")
    return read_docx(io.BytesIO(version.docx.read()))


def _pdf(document) -> str:
    version = document.versions.first()
    version.pdf.open("rb")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(version.pdf.read())).pages)


def _rows(word):
    return [[c.text for c in row.cells] for table in word.tables for row in table.rows]


def test_the_quarterly_reports_figures_are_the_statistics_pages_for_the_same_period_and_area(
    world, conference, client_for
):
    document = _generate(world, REPORT, conference)
    assert document.reference == "1-BC/HU" and document.dated == D(2016, 3, 18)
    word = _word(document)
    texts = [p.text for p in word.paragraphs]
    assert "BÁO CÁO" in texts and "(Số liệu tính đến ngày 18/03/2016)" in texts  # held before the quarter ended
    page = client_for("district_user").get(
        reverse("petitions:statistics"), {"tu_ngay": "01/01/2016", "den_ngay": "18/03/2016"}
    )
    total = page.context["total"].values
    header = ["Kỳ trước chuyển sang", "Tiếp nhận mới", "Đã trả lời", "Đã giải quyết", "Đúng hạn", "Quá hạn"]
    rows = _rows(word)
    figures = rows[rows.index(header) + 1]
    assert figures[:5] == [str(total[k]) for k in ("pending", "received", "answered", "resolved", "on_time")]
    assert figures[:3] == ["1", "2", "1"]  # the December item is pending from earlier; two new, one answered
    group_row = next(r for r in rows if r[1] == "Đoàn công tác số 1")
    assert group_row[2:4] == ["1", "1"]  # one team, one commune (xã An Lộc)
    text = _pdf(document)
    for expected in ("ĐẢNG CỘNG SẢN VIỆT NAM", "Số 1-BC/HU", "BÁO CÁO", "Trần Văn A", "- Lưu VP."):
        assert expected in text, expected


def test_a_quarter_not_yet_ended_is_marked_provisional(world, conference, on_day):
    on_day(D(2016, 3, 20))
    document = _generate(world, REPORT, conference)
    assert "(Số liệu tạm tính đến ngày 18/03/2016)" in [p.text for p in _word(document).paragraphs]


def test_the_reports_query_count_does_not_grow_with_the_communes(world, conference):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            _generate(world, REPORT, conference)
        return len(queries)

    before = count()
    team = world.extra["group"].teams.get()
    supervision_services.assignment_set(
        actor=loader_actor(), team=team, unit=world.commune_b, valid_from=D(2016, 1, 15)
    )
    for n in range(3):
        _item(world, world.extra["desk"], f"Kiến nghị số {n}", D(2016, 2, 10), unit=world.village_b1)
    assert count() <= before


def test_the_conclusion_notice_lists_the_conclusion_and_its_tasks(world, conference):
    document = _generate(world, NOTICE, conference)
    assert document.reference == "1-TB/HU"
    word = _word(document)
    texts = [p.text for p in word.paragraphs]
    assert "THÔNG BÁO" in texts
    assert any(
        t.startswith("Ngày 18/03/2016, Ban Thường vụ Ban Thường vụ Huyện ủy Đông Sơn") or "18/03/2016" in t
        for t in texts
    )
    assert "Giải quyết dứt điểm kiến nghị tồn đọng." in texts
    assert any(", đồng chí Bí thư Huyện ủy chủ trì." in t and "đồng chí đồng chí" not in t.lower() for t in texts)
    assert "Văn phòng Huyện ủy Đông Sơn thông báo để các cơ quan, đơn vị liên quan biết, thực hiện." in texts
    rows = _rows(word)
    assert ["TT", "Nhiệm vụ", "Cơ quan, người chủ trì", "Thời hạn"] in rows
    assert [
        "1",
        "Giải quyết dứt điểm kiến nghị về đường thôn Đông Thượng",
        "Phòng Nông nghiệp và Phát triển nông thôn",
        "31/05/2016",
    ] in rows
    sign = [p.text for p in word.tables[-1].rows[0].cells[1].paragraphs if p.text]
    assert sign == ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Trần Văn A"]


def test_only_the_committee_drafts_a_conferences_documents(world, conference, client_for):
    for code in (REPORT, NOTICE):
        url = reverse("documents:generate", args=[code, conference.pk])
        assert client_for("user_b").get(url).status_code == 404
        assert client_for("editor_a").get(url).status_code == 404
        page = client_for("district_user").get(url)
        assert page.status_code == 200
    compose = client_for("district_user").get(reverse("documents:compose")).content.decode()
    assert "Báo cáo quý về công tác chỉ đạo cơ sở" in compose and conference.title in compose


def test_a_version_downloads_as_docx_and_pdf_zipped_and_only_for_who_reads_the_document(world, conference, client_for):
    import zipfile

    document = _generate(world, REPORT, conference)
    version = document.versions.get()
    url = reverse("documents:download", args=[version.pk, "zip"])
    response = client_for("district_user").get(url)
    assert response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert sorted(n.rsplit(".", 1)[1] for n in names) == ["docx", "pdf"]
    assert client_for("user_b").get(url).status_code == 404
    assert client_for("district_user").get(reverse("documents:download", args=[version.pk, "exe"])).status_code == 404


def test_a_provinces_report_is_generated_by_the_worker_with_its_progress(
    world, conference, client_for, django_capture_on_commit_callbacks
):
    from danvan.documents.models import GenerationJob
    from danvan.petitions.models import ReviewConference

    party_issuer(world)  # the district's; the province's conference needs its own committee's issuer
    from danvan.documents.models import Issuer

    committee = world.extra["committee"]
    Issuer.objects.filter(body=committee).update(unit=world.province)
    province = petition_services.conference_create(
        actor=loader_actor(),
        unit=world.province,
        title="Hội nghị đánh giá công tác chỉ đạo cơ sở quý I/2016 của Tỉnh ủy",
        year=2016,
        quarter=1,
        held_on=D(2016, 3, 25),
    )
    admin = client_for("admin")
    url = reverse("documents:generate", args=[REPORT, province.pk])
    assert "chế độ nền" in admin.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            url,
            {"dated": "25/03/2016", "subject": "công tác chỉ đạo cơ sở quý I/2016", "authority": "T/M BAN THƯỜNG VỤ"},
        )
    job = GenerationJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("documents:job", args=[job.pk])
    assert job.status == GenerationJob.Status.DONE and job.done_steps == job.total_steps == 4  # four steps
    assert job.document.reference == "1-BC/HU" and job.document.origin_id == province.pk
    page = admin.get(reverse("documents:job", args=[job.pk])).content.decode()
    assert "Xem văn bản và tải về" in page and "hx-trigger" not in page  # finished: no more polling
    assert client_for("district_user").get(reverse("documents:job", args=[job.pk])).status_code == 404  # not theirs
    assert ReviewConference.objects.filter(pk=province.pk).exists()


def test_a_report_dated_before_its_quarter_is_refused_next_to_the_date(world, conference):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        _generate(world, REPORT, conference, dated=D(2015, 12, 31))
    assert "dated" in error.value.message_dict and "01/01/2016" in str(error.value)
    from danvan.documents.models import Document

    assert not Document.objects.filter(template=REPORT).exists()  # no number taken


def test_regenerating_after_a_late_change_shows_what_moved(world, conference, client_for):
    first = _generate(world, REPORT, conference)
    _item(world, world.extra["desk"], "Kiến nghị nhận muộn", D(2016, 3, 10))  # entered late, inside the period
    second = _generate(world, REPORT, conference)
    assert second.pk == first.pk and second.versions.count() == 2  # same number, a new version
    page = client_for("district_user").get(reverse("documents:detail", args=[second.pk])).content.decode()
    assert "Thay đổi của lần 2 so với lần 1" in page
    assert "Tiếp nhận 2 kiến nghị mới" in page and "Tiếp nhận 3 kiến nghị mới" in page  # removed, then added
    third = _generate(world, REPORT, conference)
    page = client_for("district_user").get(reverse("documents:detail", args=[third.pk])).content.decode()
    assert "Nội dung không thay đổi." in page


def test_the_invitation_says_who_when_where_and_the_agenda(world, conference):
    from danvan.petitions.models import ReviewConference

    ReviewConference.objects.filter(pk=conference.pk).update(
        place="Hội trường Huyện ủy", agenda="Báo cáo kết quả quý I\nThảo luận"
    )
    conference.refresh_from_db()
    document = _generate(world, "giay-moi-hoi-nghi", conference, dated=D(2016, 3, 14))
    assert document.reference == "1-GM/HU"
    texts = [p.text for p in _word(document).paragraphs]
    assert "GIẤY MỜI" in texts
    assert "Ban Thường vụ Huyện ủy Đông Sơn trân trọng kính mời:" in texts
    assert "- Thường trực Huyện ủy, các đoàn công tác" in texts
    assert "Thời gian: 07 giờ 30 phút, thứ Sáu, ngày 18/03/2016." in texts  # 18/03/2016 was a Friday
    assert "Địa điểm: Hội trường Huyện ủy." in texts and "2. Thảo luận" in texts
