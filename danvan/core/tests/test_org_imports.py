"""Importing Party organisations, bodies and people from CSV/Excel (core.imports.org_import and the page)."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from danvan.core.access import loader_actor
from danvan.core.imports import files
from danvan.core.imports.org_import import org_import
from danvan.core.imports.org_layouts import BODIES, PARTY_ORGS, PEOPLE, check_structure, parse, read_table
from danvan.core.models import AuditEntry, ImportKey, OrgImportJob, PartyOrg, PartyOrgVersion, Person, Position
from danvan.core.services import units

DAY = datetime.date(2026, 3, 2)
ORG_HEAD = "Mã tổ chức đảng,Tên tổ chức đảng,Loại,Mã cấp trên,Mã đơn vị hành chính,Hiệu lực từ,Hiệu lực đến\n"


@pytest.fixture
def coded(world, on_day):
    """Communes A (code 90001) and B (90002) and village A1 (90011) carry official codes."""
    on_day(DAY)
    for unit, code in ((world.commune_a, "90001"), (world.commune_b, "90002"), (world.village_a1, "90011")):
        units.unit_update(
            actor=loader_actor(), unit=unit, expected_version=None, name=unit.name, code=code, note="", valid_to=None
        )
    return world


def table(kind, text):
    parsed = parse(kind, read_table(text.encode("utf-8"), "tep.csv"))
    check_structure(parsed)
    return parsed


def run(world, user, kind, text, *, scope=None, **options):
    return org_import(
        actor=world.users[user],
        kind=kind,
        table=table(kind, text),
        scope=scope or world.commune_a,
        day=DAY,
        **options,
    )


def messages(result):
    return [str(p) for p in result.problems]


ORGS = ORG_HEAD + (
    "DB01,Đảng bộ xã An Lộc,Đảng bộ xã,,90001,01/01/2016,\n"
    "CB01,Chi bộ thôn Đông Thượng,Chi bộ trực thuộc,DB01,90011,01/01/2020,\n"
    "CB02,Chi bộ thôn Tây Hạ,Chi bộ trực thuộc,DB01,90001,,\n"
)


def test_a_dry_run_shows_the_difference_and_writes_nothing(coded):
    orgs, keys, entries = PartyOrg.objects.count(), ImportKey.objects.count(), AuditEntry.objects.count()
    result = run(coded, "editor_a", PARTY_ORGS, ORGS, dry_run=True)
    assert messages(result) == []
    # the commune's existing organisation (same name, same unit) is taken over, the two cells are new
    assert result.counts["new"] == 2 and result.counts["unchanged"] == 1
    assert not result.applied
    assert (PartyOrg.objects.count(), ImportKey.objects.count(), AuditEntry.objects.count()) == (orgs, keys, entries)


def test_an_import_creates_matches_and_rerunning_it_changes_nothing(coded):
    first = run(coded, "editor_a", PARTY_ORGS, ORGS)
    assert first.applied and first.counts["new"] == 2
    cell = PartyOrg.objects.get(name="Chi bộ thôn Đông Thượng")
    assert cell.parent == coded.party_org_a and cell.unit == coded.village_a1
    assert cell.valid_from == datetime.date(2020, 1, 1)
    assert PartyOrg.objects.get(name="Chi bộ thôn Tây Hạ").valid_from == DAY  # no start date: the list's day
    assert ImportKey.objects.get(kind="party_org", code="DB01").object_id == coded.party_org_a.pk
    entries, orgs = AuditEntry.objects.count(), PartyOrg.objects.count()
    again = run(coded, "editor_a", PARTY_ORGS, ORGS)
    assert (again.counts["new"], again.counts["changed"], again.counts["unchanged"]) == (0, 0, 3)
    assert PartyOrg.objects.count() == orgs
    assert AuditEntry.objects.count() == entries + 1  # the import's own entry only
    renamed = run(coded, "editor_a", PARTY_ORGS, ORGS.replace("thôn Đông Thượng", "thôn Đông Thượng Mới"))
    assert [(c.what, c.line) for c in renamed.changes if c.what != "unchanged"] == [("changed", 3)]
    assert "tên: Chi bộ thôn Đông Thượng → Chi bộ thôn Đông Thượng Mới" in renamed.changes[1].detail
    # a rename from the list's day: the cell keeps its old name before it (a new version), and its start
    versions = PartyOrgVersion.objects.filter(party_org=cell).order_by("valid_from")
    assert [(v.name, v.valid_from) for v in versions] == [
        ("Chi bộ thôn Đông Thượng", datetime.date(2020, 1, 1)),
        ("Chi bộ thôn Đông Thượng Mới", DAY),
    ]


def test_the_worker_reports_its_progress_row_by_row(coded):
    ticks = []
    run(coded, "editor_a", PARTY_ORGS, ORGS, progress=ticks.append)
    assert ticks == [1, 2, 3]


def test_the_import_is_audited_once_with_its_counts(coded):
    run(coded, "editor_a", PARTY_ORGS, ORGS)
    entry = AuditEntry.objects.filter(verb__startswith="Nhập").latest("pk")
    assert entry.changes["new"] == [None, 2]
    assert entry.unit == coded.commune_a


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ("CB01,A,Chi bộ trực thuộc,,90001,,\nCB01,B,Chi bộ trực thuộc,,90001,,\n",
         "Dòng 4, cột A (Mã tổ chức đảng): mã CB01 trùng với dòng 3."),
        ("CB01,A,Chi bộ trực thuộc,XX99,90001,,\n", "Dòng 3, cột D (Mã cấp trên): không tìm thấy cấp trên mã XX99."),
        ("CB01,A,Chi bộ trực thuộc,CB02,90001,,\nCB02,B,Chi bộ trực thuộc,CB01,90001,,\n",
         "Dòng 3, cột D (Mã cấp trên): vòng lặp cấp trên: CB01 → CB02 → CB01."),
        ("CB01,A,Chi bộ trực thuộc,,90001,01/02/2026,31/01/2026\n",
         "Dòng 3, cột G (Hiệu lực đến): ngày kết thúc (31/01/2026) trước ngày bắt đầu (01/02/2026)."),
        ("CB01,A,Chi bộ trực thuộc,,90001,32/01/2026,\n",
         "Dòng 3, cột F (Hiệu lực từ): ngày “32/01/2026” không đúng dạng dd/mm/yyyy."),
        ("CB01,A,Loại lạ,,90001,,\n", "Dòng 3, cột C (Loại): loại “Loại lạ” không có trong danh mục."),
        ("CB01,A,Chi bộ trực thuộc,,77777,,\n",
         "Dòng 3, cột E (Mã đơn vị hành chính): không có đơn vị hành chính mã 77777 vào ngày 02/03/2026."),
        ("CB01,=1+1,Chi bộ trực thuộc,,90001,,\n",
         "Dòng 3, cột B (Tên tổ chức đảng): ô chứa công thức; hãy dán giá trị."),
    ],
)  # fmt: skip
def test_bad_rows_are_refused_with_their_row_and_column_and_nothing_is_written(coded, rows, expected):
    before = PartyOrg.objects.count()
    result = run(coded, "editor_a", PARTY_ORGS, ORG_HEAD + "CB09,Chi bộ tốt,Chi bộ trực thuộc,,90001,,\n" + rows)
    assert expected in messages(result)
    assert not result.applied
    assert PartyOrg.objects.count() == before  # the valid row (line 2) is not half-applied


def test_a_formula_cell_of_a_workbook_is_refused():
    book = Workbook()
    sheet = book.active
    sheet.append(["Mã tổ chức đảng", "Tên tổ chức đảng", "Loại", "Mã đơn vị hành chính"])
    sheet.append(["CB01", '=A2&"x"', "Chi bộ", "90001"])
    buffer = io.BytesIO()
    book.save(buffer)
    parsed = parse(PARTY_ORGS, read_table(buffer.getvalue(), "tep.xlsx"))
    assert [str(p) for p in parsed.problems] == ["Dòng 2, cột B (Tên tổ chức đảng): ô chứa công thức; hãy dán giá trị."]
    assert parsed.rows == []


def test_a_file_that_is_not_a_workbook_or_too_large_or_without_a_column_is_refused(monkeypatch):
    with pytest.raises(ValidationError, match="không phải Excel"):
        read_table(b"just some text", "tep.xlsx")
    monkeypatch.setattr(files, "MAX_BYTES", 100)
    with pytest.raises(ValidationError, match="lớn hơn"):
        read_table(b"x" * 101, "tep.csv")
    with pytest.raises(ValidationError, match="Dòng 1: thiếu cột “Loại”"):
        parse(PARTY_ORGS, read_table("Mã,Tên,Mã đơn vị hành chính\nA,B,1\n".encode(), "tep.csv"))


def test_headers_are_found_whatever_their_case_accents_and_order(coded):
    text = "ma dvhc;TEN TO CHUC DANG;loai;MÃ TỔ CHỨC ĐẢNG\n90001;Chi bộ thôn Tây Hạ;chi bo truc thuoc;CB02\n"
    result = run(coded, "editor_a", PARTY_ORGS, text)
    assert messages(result) == [] and result.counts["new"] == 1


def test_all_or_nothing_keeps_nothing_and_valid_rows_only_keeps_the_good_rows(coded):
    text = ORG_HEAD + "CB05,Chi bộ Năm,Chi bộ trực thuộc,,90001,,\nCB06,Chi bộ Sáu,Chi bộ trực thuộc,,77777,,\n"
    all_or_nothing = run(coded, "editor_a", PARTY_ORGS, text)
    assert not all_or_nothing.applied and not PartyOrg.objects.filter(name="Chi bộ Năm").exists()
    valid_only = run(coded, "editor_a", PARTY_ORGS, text, mode=OrgImportJob.Mode.VALID_ONLY)
    assert valid_only.applied and messages(valid_only)[0].startswith("Dòng 3, cột E")
    assert PartyOrg.objects.filter(name="Chi bộ Năm").exists()
    assert not PartyOrg.objects.filter(name="Chi bộ Sáu").exists()


def test_a_full_list_ends_what_it_does_not_list_the_day_before(coded):
    run(coded, "editor_a", PARTY_ORGS, ORGS)
    shorter = ORG_HEAD + "DB01,Đảng bộ xã An Lộc,Đảng bộ xã,,90001,01/01/2016,\n"
    not_full = run(coded, "editor_a", PARTY_ORGS, shorter)
    assert not_full.counts["ended"] == 0
    full = run(coded, "editor_a", PARTY_ORGS, shorter, full_list=True)
    assert full.counts["ended"] == 1  # the cell of Tây Hạ begins on the list's day: it cannot end the day before
    cell = PartyOrg.objects.get(name="Chi bộ thôn Đông Thượng")
    assert cell.valid_to == DAY - datetime.timedelta(days=1)
    coded.party_org_b.refresh_from_db()
    assert coded.party_org_b.valid_to is None  # commune B is outside the scope


def test_a_commune_user_cannot_import_into_another_commune(coded):
    with pytest.raises(PermissionDenied):
        run(coded, "user_b", PARTY_ORGS, ORGS, scope=coded.commune_a)
    result = run(coded, "user_b", PARTY_ORGS, ORGS, scope=coded.commune_b)
    assert len(result.problems) == 3
    assert all("ngoài phạm vi nhập" in m and ", cột E (" in m for m in messages(result))
    assert not result.applied


BODY_HEAD = "Mã cơ quan,Ký hiệu,Tên cơ quan,Loại,Mã cơ quan cấp trên,Mã đơn vị hành chính,Hiệu lực từ\n"
PEOPLE_HEAD = (
    "Số hiệu cán bộ,Họ và tên,Giới tính,Năm sinh,Đảng viên,Mã đơn vị công tác,Mã cơ quan/tổ chức đảng,Chức vụ,Từ ngày\n"
)


def test_bodies_and_people_with_positions(coded):
    bodies = BODY_HEAD + ",UBND,UBND xã An Lộc,people_committee,,90001,01/01/2016\n"
    result = run(coded, "editor_a", BODIES, bodies)
    assert messages(result) == [] and result.counts["changed"] == 1  # takes the abbreviation
    assert ImportKey.objects.get(kind="body", code="90001-UBND").object_id == coded.body_a.pk
    coded.body_a.refresh_from_db()
    assert coded.body_a.abbreviation == "UBND"
    people = PEOPLE_HEAD + (
        "CB-1,Lê Văn Cường,Nam,1980,Có,90001,90001-UBND,Chủ tịch,01/01/2021\n"
        "CB-1,Lê Văn Cường,Nam,1980,Có,90001,,Trưởng ban,01/01/2022\n"
        "CB-2,Nguyễn Thị An,Nữ,12/05/1975,Không,90001,,,\n"
    )
    result = run(coded, "editor_a", PEOPLE, people)
    assert messages(result) == []
    assert result.counts["new"] == 3 and result.counts["changed"] == 1  # Nguyễn Thị An gets her gender and year
    cuong = Person.objects.get(full_name="Lê Văn Cường")
    assert (cuong.gender, cuong.birth_year, cuong.is_party_member) == ("M", 1980, True)
    assert set(cuong.positions.values_list("title", flat=True)) == {"Chủ tịch", "Trưởng ban"}
    assert cuong.positions.get(title="Chủ tịch").body == coded.body_a
    coded.person_a.refresh_from_db()
    assert coded.person_a.birth_year == 1975  # only the year of a date of birth is kept
    again = run(coded, "editor_a", PEOPLE, people)
    assert (again.counts["new"], again.counts["changed"]) == (0, 0)
    full = run(coded, "editor_a", PEOPLE, PEOPLE_HEAD + "CB-1,Lê Văn Cường,Nam,1980,Có,90001,,Trưởng ban,01/01/2022\n",
               full_list=True)  # fmt: skip
    assert full.counts["ended"] == 2  # his other position, and Nguyễn Thị An
    assert Position.objects.get(title="Chủ tịch").valid_to == DAY - datetime.timedelta(days=1)
    coded.person_a.refresh_from_db()
    assert not coded.person_a.is_active


def test_a_person_whose_rows_disagree_is_refused_on_the_differing_column(coded):
    people = PEOPLE_HEAD + (
        "CB-1,Lê Văn Cường,Nam,1980,Có,90001,,Chủ tịch,\nCB-1,Lê Văn Cường,Nam,1981,Có,90001,,Phó chủ tịch,\n"
    )
    result = run(coded, "editor_a", PEOPLE, people)
    assert messages(result) == ["Dòng 3, cột D (Năm sinh): khác với dòng 2 của cùng cán bộ CB-1."]


# --- the page and the worker ----------------------------------------------------------------------------------


def upload(text, name="to-chuc.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_the_page_checks_in_the_worker_then_applies_on_confirmation(
    coded, client_for, django_capture_on_commit_callbacks
):
    client = client_for("editor_a")
    assert client.get(reverse("core:org_import")).status_code == 200
    data = {"kind": PARTY_ORGS, "scope": coded.commune_a.pk, "day": "02/03/2026", "mode": "all", "file": upload(ORGS)}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:org_import"), data)
    job = OrgImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("core:org_import_job", args=[job.pk])
    assert job.status == OrgImportJob.Status.CHECKED and job.counts["new"] == 2
    assert job.processed_rows == job.total_rows == 3
    assert not PartyOrg.objects.filter(name="Chi bộ thôn Tây Hạ").exists()  # checked, not written
    page = client.get(reverse("core:org_import_job", args=[job.pk]), headers={"HX-Request": "true"})
    assert "Chi bộ thôn Tây Hạ" in page.content.decode() and "Xác nhận ghi" in page.content.decode()
    # someone else's job: not found, and they cannot confirm it
    assert client_for("user_b").get(reverse("core:org_import_job", args=[job.pk])).status_code == 404
    assert client_for("user_b").post(reverse("core:org_import_confirm", args=[job.pk])).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("core:org_import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == OrgImportJob.Status.DONE, job.message
    assert PartyOrg.objects.filter(name="Chi bộ thôn Tây Hạ").exists()
    entry = AuditEntry.objects.get(object_id=str(job.pk), content_type__model="orgimportjob")
    assert entry.changes["new"] == [None, 2]
    # confirming twice does nothing
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("core:org_import_confirm", args=[job.pk]))
    assert PartyOrg.objects.filter(name="Chi bộ thôn Tây Hạ").count() == 1


def test_an_all_or_nothing_job_with_problems_cannot_be_confirmed(coded, client_for, django_capture_on_commit_callbacks):
    client = client_for("editor_a")
    text = ORG_HEAD + "CB05,Chi bộ Năm,Chi bộ trực thuộc,,90001,,\nCB05,Chi bộ Sáu,Chi bộ trực thuộc,,90001,,\n"
    data = {"kind": PARTY_ORGS, "scope": coded.commune_a.pk, "day": "02/03/2026", "mode": "all", "file": upload(text)}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("core:org_import"), data)
    job = OrgImportJob.objects.get()
    assert job.errors == [{"row": 3, "column": "A", "label": "Mã tổ chức đảng", "message": "mã CB05 trùng với dòng 2."}]
    assert "Xác nhận ghi" not in client.get(reverse("core:org_import_job", args=[job.pk])).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("core:org_import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == OrgImportJob.Status.REJECTED
    assert not PartyOrg.objects.filter(name="Chi bộ Năm").exists()


def test_a_broken_file_ends_the_job_failed(coded, client_for, django_capture_on_commit_callbacks):
    data = {"kind": BODIES, "scope": coded.commune_a.pk, "day": "02/03/2026", "mode": "all"}
    data["file"] = SimpleUploadedFile("co-quan.xlsx", b"not a zip")
    with django_capture_on_commit_callbacks(execute=True):
        client_for("editor_a").post(reverse("core:org_import"), data)
    job = OrgImportJob.objects.get()
    assert job.status == OrgImportJob.Status.FAILED and "không phải Excel" in job.message


def test_a_commune_user_cannot_choose_another_commune_as_scope(coded, client_for):
    data = {"kind": PARTY_ORGS, "scope": coded.commune_a.pk, "day": "02/03/2026", "mode": "all", "file": upload(ORGS)}
    response = client_for("user_b").post(reverse("core:org_import"), data)
    assert response.status_code == 200 and not OrgImportJob.objects.exists()


@pytest.mark.parametrize("kind", [PARTY_ORGS, BODIES, PEOPLE])
def test_the_template_of_each_layout_reads_back_as_its_layout(coded, client_for, kind):
    response = client_for("editor_a").get(reverse("core:org_import_template", args=[kind]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    cells = [[cell.value for cell in row] for row in book.worksheets[0].iter_rows()]
    parsed = parse(kind, cells)
    assert parsed.problems == [] and len(parsed.rows) == 1
    assert client_for("viewer_a").get(reverse("core:org_import_template", args=[kind])).status_code == 403


@pytest.mark.skipif(connection.vendor == "postgresql", reason="there the worker's own connection writes the progress")
def test_the_page_sees_the_progress_while_the_worker_runs(
    coded, client_for, django_capture_on_commit_callbacks, monkeypatch
):
    from danvan.core.imports import org_job

    monkeypatch.setattr(org_job, "PROGRESS_EVERY", 1)
    client, shown, real = client_for("editor_a"), [], org_job.org_import

    def watched(**kwargs):
        def tick(done):
            kwargs_progress(done)
            job = OrgImportJob.objects.get()
            page = client.get(reverse("core:org_import_job", args=[job.pk]), headers={"HX-Request": "true"})
            shown.append(f"Đã xử lý {done}/3 dòng." in page.content.decode())

        kwargs_progress = kwargs["progress"]
        return real(**{**kwargs, "progress": tick})

    monkeypatch.setattr(org_job, "org_import", watched)
    data = {"kind": PARTY_ORGS, "scope": coded.commune_a.pk, "day": "02/03/2026", "mode": "all", "file": upload(ORGS)}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("core:org_import"), data)
    assert shown == [True, True, True]
    assert OrgImportJob.objects.get().status == OrgImportJob.Status.CHECKED
