"""Excel import of registrations: the template, each kind of bad input, both saving modes, the pages."""

import datetime
import io
import time

import openpyxl
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.core import audit, dates
from danvan.core.access import loader_actor
from danvan.core.models import AuditEntry, UnitType
from danvan.core.services import units
from danvan.emulation import imports, services
from danvan.emulation.models import ImportJob, Initiative

from .factories import make_initiative

HEADERS = [header for _key, header in imports.COLUMNS]
YEAR = 2024


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def row(**values) -> dict:
    """A valid registration of commune A, overridden by `values` (keys as in imports.COLUMNS)."""
    base = {
        "year": YEAR,
        "name": "Dân vận khéo trong dồn điền đổi thửa",
        "kind": "Mô hình",
        "field": "Kinh tế",
        "unit": "xã An Lộc",
        "subject_type": "Chính quyền",
        "level": "Xã",
        "method": "Họp dân từng thôn, vận động hiến đất.",
        "leader": "Nguyễn Văn Hải",
        "leader_phone": "0912345678",
        "registered_on": f"15/03/{YEAR}",
    }
    base.update(values)
    return base


def workbook(rows, headers=None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = imports.SHEET
    headers = headers or HEADERS
    sheet.append(headers)
    keys = {header: key for key, header in imports.COLUMNS}
    for values in rows:
        sheet.append([values.get(keys.get(h, h)) for h in headers])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "dang-ky.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=imports.XLSX_CONTENT_TYPE)


def run_import(user, content: bytes, mode=ImportJob.Mode.ALL, capture=None, name="dang-ky.xlsx") -> ImportJob:
    with capture(execute=True):
        job = imports.start(actor=user, upload=upload(content, name), mode=mode)
    job.refresh_from_db()
    return job


@pytest.fixture
def do_import(world, django_capture_on_commit_callbacks):
    def go(content, mode=ImportJob.Mode.ALL, user="editor_a", name="dang-ky.xlsx"):
        return run_import(world.users[user], content, mode, django_capture_on_commit_callbacks, name)

    return go


def errors_at(job, number: int) -> list[tuple[str, str]]:
    return [(e["column"], e["message"]) for e in job.errors if e["row"] == number]


# --- the template ---------------------------------------------------------------------------------------------


def test_the_template_has_the_headers_and_drop_down_lists_of_the_users_scope(world):
    book = openpyxl.load_workbook(io.BytesIO(imports.template_workbook(world.users["editor_a"])))
    assert book.sheetnames == [imports.SHEET, imports.LISTS_SHEET, imports.HELP_SHEET]
    sheet = book[imports.SHEET]
    assert [c.value for c in sheet[1]] == HEADERS
    sources = {str(dv.sqref): dv.formula1 for dv in sheet.data_validations.dataValidation}
    columns = {header: openpyxl.utils.get_column_letter(i) for i, header in enumerate(HEADERS, start=1)}
    validated = {str(ref).split(":")[0].rstrip("0123456789") for ref in sources}
    for header in ("Loại", "Lĩnh vực", "Loại chủ thể", "Cấp quản lý", "Địa bàn (xã/đơn vị)"):
        assert columns[header] in validated, header
    assert all(f.startswith(f"'{imports.LISTS_SHEET}'!") for f in sources.values())
    lists = book[imports.LISTS_SHEET]
    values = {c.value for r in lists.iter_rows() for c in r if c.value}
    assert {"Mô hình", "Điển hình tập thể", "Điển hình cá nhân", "Kinh tế", "Chính quyền", "Xã"} <= values
    assert "xã An Lộc" in values and "thôn Đông Thượng" not in values  # communes and above only
    assert "xã Bình Lộc" not in values  # outside editor_a's scope
    assert "Trung ương" not in values


def test_the_template_of_the_district_lists_its_communes(world):
    user = world.users["admin"]
    book = openpyxl.load_workbook(io.BytesIO(imports.template_workbook(user)))
    values = {c.value for r in book[imports.LISTS_SHEET].iter_rows() for c in r if c.value}
    assert {"xã An Lộc", "xã Bình Lộc", "huyện Đông Sơn"} <= values


# --- a valid file ---------------------------------------------------------------------------------------------


def test_a_valid_file_saves_every_row_with_its_values_and_an_audit_entry_each(world, do_import):
    village = units.unit_create(
        actor=loader_actor(),
        name="Làng Mới",
        unit_type=UnitType.objects.get(code="village"),
        parent=world.commune_a,
        valid_from=datetime.date(2016, 1, 1),
        code="99001",
    )
    rows = [
        row(),
        row(
            name="  Tổ tự quản đường làng  ",
            kind="điển hình tập thể",
            field="Văn hóa - xã hội",
            body="UBND xã An Lộc",
            registered_on=datetime.datetime(YEAR, 4, 2),
            launched_on=f"01/05/{YEAR}",
            year=str(YEAR),
        ),
        row(name="Thôn không rác", unit="", unit_code="99001", level="Thôn/Tổ dân phố"),
    ]
    job = do_import(workbook(rows))
    assert (job.status, job.errors, job.saved_rows, job.total_rows, job.processed_rows) == ("done", [], 3, 3, 3)
    saved = {i.name: i for i in Initiative.objects.filter(import_job=job)}
    assert set(saved) == {"Dân vận khéo trong dồn điền đổi thửa", "Tổ tự quản đường làng", "Thôn không rác"}
    first = saved["Dân vận khéo trong dồn điền đổi thửa"]
    assert (first.year, first.kind, first.field.name, first.unit, first.subject_type.name, first.level.code) == (
        YEAR,
        "model",
        "Kinh tế",
        world.commune_a,
        "Chính quyền",
        "commune",
    )
    assert (first.method, first.leader, first.leader_phone) == (
        "Họp dân từng thôn, vận động hiến đất.",
        "Nguyễn Văn Hải",
        "0912345678",
    )
    assert first.registered_on == datetime.date(YEAR, 3, 15) and first.launched_on is None
    assert first.state == "registered" and first.created_by == world.users["editor_a"]
    assert first.search_text and first.sort_key
    second = saved["Tổ tự quản đường làng"]
    assert (second.kind, second.body, second.registered_on, second.launched_on) == (
        "collective_exemplar",
        world.body_a,
        datetime.date(YEAR, 4, 2),
        datetime.date(YEAR, 5, 1),
    )
    assert saved["Thôn không rác"].unit == village
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Initiative),
        object_id__in=[str(i.pk) for i in saved.values()],
        action="create",
    )
    assert entries.count() == 3
    entry = entries.get(object_id=str(first.pk))
    assert entry.actor == world.users["editor_a"] and entry.verb == "Nhập từ Excel" and entry.unit == world.commune_a
    assert entry.changes["name"] == [None, first.name] and entry.changes["field"] == [None, "Kinh tế"]
    # the same record as the registration form writes
    as_form = {k: v for k, v in audit.snapshot(first, services.TRACKED).items() if v not in (None, "")}
    assert entry.changes == audit.diff({}, as_form)


def test_rows_with_accents_or_case_differences_still_resolve_and_empty_rows_are_skipped(world, do_import):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = imports.SHEET
    sheet.append(["Danh sách đăng ký năm 2024"])  # a title above the header row
    sheet.append([h.upper() if h == "Năm" else h for h in HEADERS])
    keys = [key for key, _h in imports.COLUMNS]
    values = row(unit="XA AN LOC", field="kinh te", kind="MÔ HÌNH", level="xã", subject_type="chinh quyen")
    sheet.append([values.get(k) for k in keys])
    sheet.append([None] * len(keys))
    sheet.append([values.get(k) if k != "name" else "Mô hình thứ hai" for k in keys])
    buffer = io.BytesIO()
    book.save(buffer)
    job = do_import(buffer.getvalue())
    assert (job.status, job.saved_rows, job.errors) == ("done", 2, [])


# --- bad files --------------------------------------------------------------------------------------------------


def _corrupted() -> bytes:
    content = workbook([row()])
    return content[: len(content) // 2]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"Nam,Ten mo hinh\n2024,Mo hinh\n", "Tệp không phải Excel (.xlsx) hoặc bị hỏng."),
        (_corrupted(), "Tệp không phải Excel (.xlsx) hoặc bị hỏng."),
        (workbook([row()], headers=[h for h in HEADERS if h != "Lĩnh vực"]), "“Lĩnh vực”"),
        (
            workbook([row()], headers=["Tên mô hình" if h == "Tên mô hình/điển hình" else h for h in HEADERS]),
            "“Tên mô hình/điển hình”",
        ),
    ],
    ids=["text-renamed-xlsx", "corrupted-zip", "missing-header", "renamed-header"],
)
def test_an_unreadable_file_fails_with_a_clear_message_and_saves_nothing(world, do_import, content, expected):
    job = do_import(content)
    assert job.status == "failed"
    assert expected in job.message
    assert not Initiative.objects.exists()


def _bad_rows(world):
    return {
        "field-not-in-list": (row(field="Nông nghiệp công nghệ cao"), "Lĩnh vực", "Nông nghiệp công nghệ cao"),
        "unit-not-existing": (row(unit="xã Không Có"), "Địa bàn (xã/đơn vị)", "Không tìm thấy địa bàn “xã Không Có”"),
        "unit-outside-scope": (
            row(unit="xã Bình Lộc"),
            "Địa bàn (xã/đơn vị)",
            "không có quyền đăng ký cho xã Bình Lộc",
        ),
        "future-year": (
            row(year=dates.today().year + 1, registered_on=None),
            "Năm",
            f"Năm {dates.today().year + 1} chưa đến",
        ),
        "duplicate-in-file": (
            row(name="DÂN VẬN KHÉO trong dồn điền  đổi thửa"),
            "Tên mô hình/điển hình",
            "Trùng với dòng 2",
        ),
        "long-cell": (row(name="Mô hình khác", method="x" * 100_000), "Nội dung, cách làm", "Tối đa 5000 ký tự"),
        "long-name": (row(name="Tên " * 100), "Tên mô hình/điển hình", "Tối đa 300 ký tự"),
        "formula": (row(name="Mô hình khác", leader="=A2&B2"), "Người phụ trách", "Ô chứa công thức, hãy dán giá trị."),
        "bad-date": (row(name="Mô hình khác", registered_on="31/02/2024"), "Ngày đăng ký (dd/mm/yyyy)", "31/02/2024"),
        "unknown-kind": (row(name="Mô hình khác", kind="Phong trào"), "Loại", "Loại “Phong trào” không hợp lệ"),
        "body-of-another-unit": (
            row(name="Mô hình khác", body="UBND xã Bình Lộc"),
            "Cơ quan/đoàn thể",
            "không có cơ quan",
        ),
    }


BAD = [
    "field-not-in-list",
    "unit-not-existing",
    "unit-outside-scope",
    "future-year",
    "duplicate-in-file",
    "long-cell",
    "long-name",
    "formula",
    "bad-date",
    "unknown-kind",
    "body-of-another-unit",
]


@pytest.mark.parametrize("case", BAD)
def test_each_bad_row_is_reported_with_its_row_and_column_and_nothing_is_saved(world, do_import, case):
    bad, column, message = _bad_rows(world)[case]
    job = do_import(workbook([row(), bad]))
    assert job.status == "rejected", job.message
    problems = errors_at(job, 3)
    assert any(c == column and message in m for c, m in problems), problems
    assert errors_at(job, 2) == []
    assert not Initiative.objects.exists()
    assert "1/2 dòng có lỗi" in job.message


def test_a_row_already_registered_in_the_database_is_a_duplicate(world, do_import):
    make_initiative(world, name="Dân vận khéo trong dồn điền đổi thửa", year=YEAR)
    job = do_import(workbook([row(name="dân vận khéo trong dồn điền đổi thửa"), row(name="Mô hình mới")]))
    assert job.status == "rejected"
    assert errors_at(job, 2) == [("Tên mô hình/điển hình", errors_at(job, 2)[0][1])]
    assert "đã đăng ký mô hình" in errors_at(job, 2)[0][1]
    assert Initiative.objects.count() == 1


def test_a_user_without_the_role_cannot_start_an_import(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        imports.start(actor=world.users["viewer_a"], upload=upload(workbook([row()])))


# --- saving the valid rows only -------------------------------------------------------------------------------


def test_valid_only_saves_the_good_rows_and_returns_exactly_the_bad_ones_with_their_errors(world, do_import):
    rows = [
        row(name="Mô hình một"),
        row(name="Mô hình hai", unit="xã Bình Lộc"),
        row(name="Mô hình ba", leader_phone="0912 345 678"),
        row(name="Mô hình bốn", field="Không có", situation="=1+1"),
    ]
    job = do_import(workbook(rows), mode=ImportJob.Mode.VALID_ONLY)
    assert (job.status, job.saved_rows) == ("done", 2)
    assert set(Initiative.objects.values_list("name", flat=True)) == {"Mô hình một", "Mô hình ba"}
    assert {e["row"] for e in job.errors} == {3, 5}
    assert job.rejected_file
    book = openpyxl.load_workbook(job.rejected_file.path)
    sheet = book.active
    table = [[c.value for c in r] for r in sheet.iter_rows()]
    assert table[0][: len(HEADERS)] == HEADERS and table[0][len(HEADERS)] == imports.REJECTED_HEADER
    assert [r[1] for r in table[1:]] == ["Mô hình hai", "Mô hình bốn"]
    assert "xã Bình Lộc" in table[1][len(HEADERS)]
    assert "Lĩnh vực" in table[2][len(HEADERS)] and "công thức" in table[2][len(HEADERS)]
    assert table[2][HEADERS.index("Thực trạng, lý do xây dựng")] == "=1+1"  # the text, not a live formula
    assert sheet.cell(3, HEADERS.index("Thực trạng, lý do xây dựng") + 1).data_type == "s"


def test_ten_thousand_rows_import(world, do_import):
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(imports.SHEET)
    sheet.append(HEADERS)
    keys = [key for key, _h in imports.COLUMNS]
    for n in range(10_000):
        values = row(name=f"Mô hình số {n}", situation="Thực trạng " * 20, method="Cách làm " * 30)
        sheet.append([values.get(k) for k in keys])
    buffer = io.BytesIO()
    book.save(buffer)
    started = time.perf_counter()
    job = do_import(buffer.getvalue())
    elapsed = time.perf_counter() - started
    print(f"\n10,000-row import: {elapsed:.1f} s")  # noqa: T201 - the figure for the report, with -s
    assert (job.status, job.saved_rows) == ("done", 10_000), job.message
    assert Initiative.objects.filter(import_job=job).count() == 10_000
    assert AuditEntry.objects.filter(verb="Nhập từ Excel", action="create").count() == 10_000


# --- the pages ------------------------------------------------------------------------------------------------


def test_upload_redirects_to_the_job_page_which_shows_it_done(world, client_for, django_capture_on_commit_callbacks):
    client = client_for("editor_a")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("emulation:import"), {"file": upload(workbook([row()])), "mode": ImportJob.Mode.ALL}
        )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("emulation:import_detail", args=[job.pk])
    page = client.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Hoàn thành" in html and "Đã lưu 1 mô hình, điển hình." in html
    assert 'hx-trigger="every 1s"' not in html  # finished: no more polling
    assert Initiative.objects.filter(import_job=job).count() == 1


def test_the_progress_partial_polls_while_the_job_runs(world, client_for):
    job = ImportJob.objects.create(
        user=world.users["editor_a"], name="a.xlsx", file="x.xlsx", total_rows=400, processed_rows=200
    )
    job.status = ImportJob.Status.RUNNING
    job.save(update_fields=["status"])
    client = client_for("editor_a")
    response = client.get(reverse("emulation:import_detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'hx-trigger="every 1s"' in html and 'value="200"' in html and "50%" in html


def test_the_page_lists_the_errors_and_links_the_rejected_rows(world, client_for, django_capture_on_commit_callbacks):
    client = client_for("editor_a")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("emulation:import"),
            {"file": upload(workbook([row(), row(name="Khác", unit="xã Bình Lộc")])), "mode": "valid_only"},
        )
    job = ImportJob.objects.get()
    html = client.get(reverse("emulation:import_detail", args=[job.pk])).content.decode()
    assert "xã Bình Lộc" in html and reverse("emulation:import_rejected", args=[job.pk]) in html
    response = client.get(reverse("emulation:import_rejected", args=[job.pk]))
    assert response.status_code == 200
    rows = list(
        openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True)
    )
    assert len(rows) == 2 and rows[1][1] == "Khác"


def test_a_file_that_is_not_xlsx_is_refused_next_to_the_field(world, client_for):
    response = client_for("editor_a").post(
        reverse("emulation:import"), {"file": upload(b"hello", name="dang-ky.csv"), "mode": "all"}
    )
    assert response.status_code == 200
    assert "Chỉ nhận tệp Excel .xlsx" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_file_over_ten_megabytes_is_refused(world, client_for):
    response = client_for("editor_a").post(
        reverse("emulation:import"), {"file": upload(b"0" * (imports.MAX_UPLOAD_BYTES + 1)), "mode": "all"}
    )
    assert "lớn hơn 10 MB" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_template_downloads_as_xlsx(world, client_for):
    response = client_for("editor_a").get(reverse("emulation:import_template"))
    assert response.status_code == 200 and response["Content-Type"] == imports.XLSX_CONTENT_TYPE
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames[0] == imports.SHEET


@pytest.mark.parametrize(
    ("name", "expected"),
    [("editor_a", 200), ("user_b", 404), ("admin", 200), ("viewer_a", 403), ("district_user", 403), ("anonymous", 302)],
)
def test_a_job_is_seen_by_its_owner_and_superusers_only(world, client_for, name, expected):
    job = ImportJob.objects.create(user=world.users["editor_a"], name="a.xlsx", file="x.xlsx")
    for url in (reverse("emulation:import_detail", args=[job.pk]), reverse("emulation:import_rejected", args=[job.pk])):
        response = client_for(name).get(url)
        assert response.status_code == (404 if expected == 200 and "dong-loi" in url else expected), url


@pytest.mark.parametrize(("name", "expected"), [("editor_a", 200), ("viewer_a", 403), ("anonymous", 302)])
def test_the_upload_page_needs_the_register_role(world, client_for, name, expected):
    for url in (reverse("emulation:import"), reverse("emulation:import_template")):
        assert client_for(name).get(url).status_code == expected


def test_the_upload_form_offers_both_modes_with_all_or_nothing_first(world, client_for):
    html = client_for("editor_a").get(reverse("emulation:import")).content.decode()
    assert 'type="radio" name="mode" id="id_mode_0" value="all" checked' in html
    assert 'value="valid_only"' in html and "Lưu các dòng hợp lệ" in html
    assert reverse("emulation:import_template") in html
    assert "style=" not in html.split("<body", 1)[1]  # the CSP refuses inline styles
