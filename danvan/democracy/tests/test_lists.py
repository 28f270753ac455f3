"""The lists and exports of democracy/listings.py: the page's filters, the same columns and file names as before,
bad filter values ignored with their message, the compliance tables as exporters, large exports in the worker."""

import io

import openpyxl
import pytest
from django.test import override_settings
from django.urls import reverse

from danvan.core.access import loader_actor
from danvan.core.models import ExportJob
from danvan.democracy import services

from .factories import D, board_members, disclosure, matter, vote

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet(content: bytes) -> list[tuple]:
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return [tuple(row) for row in book.active.iter_rows(values_only=True)]


def test_a_list_keeps_its_file_name_and_columns(world, client_for):
    disclosure(world)
    response = client_for("viewer_a").get(reverse("democracy:disclosure_list"), {"xuat": "xlsx"})
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith('attachment; filename="disclosure-')
    rows = _sheet(response.content)
    assert rows[0][:4] == ("Mã số", "Xã", "Nội dung", "Tên thông tin") and len(rows) == 2


def test_the_year_and_unit_filters_reach_the_records(world, client_for):
    vote(world, title="Biểu quyết năm 2024")
    vote(world, title="Biểu quyết năm 2016", held_on=D(2016, 4, 2), matter=matter("pl-qd-02"))
    client = client_for("district_user")
    url = reverse("democracy:decision_list")
    page = client.get(url, {"nam": 2016}).content.decode()
    assert "Biểu quyết năm 2016" in page and "Biểu quyết năm 2024" not in page
    assert "Biểu quyết năm 2024" in client.get(url, {"don_vi": world.village_a1.pk}).content.decode()
    assert "Biểu quyết năm" not in client.get(url, {"don_vi": world.commune_b.pk}).content.decode()


@pytest.mark.parametrize("params", [{"nam": "hai nghin"}, {"don_vi": "x"}])
def test_bad_filter_values_are_shown_and_ignored(world, client_for, params):
    vote(world)
    response = client_for("viewer_a").get(reverse("democracy:decision_list"), params)
    assert response.status_code == 200
    page = response.content.decode()
    assert "is-invalid" in page and "Xây dựng quy ước" in page


def test_a_search_longer_than_the_box_is_cut_not_refused(world, client_for):
    vote(world)
    response = client_for("viewer_a").get(reverse("democracy:decision_list"), {"q": "quy uoc " + "x" * 500})
    page = response.content.decode()
    assert response.status_code == 200 and "is-invalid" not in page and "Xây dựng quy ước" not in page


def test_a_unit_outside_the_scope_is_refused_next_to_its_field(world, client_for):
    vote(world)
    response = client_for("user_b").get(reverse("democracy:decision_list"), {"don_vi": world.commune_a.pk})
    page = response.content.decode()
    assert response.status_code == 200 and "is-invalid" in page and "Xây dựng quy ước" not in page


def test_boards_are_found_by_their_communes_name_and_unit(world, client_for):
    for commune in (world.commune_a, world.commune_b):
        services.board_create(actor=loader_actor(), unit=commune, elected_on=D(2024, 8, 1), members=board_members(5))
    client = client_for("admin")
    url = reverse("democracy:board_list")

    def communes(params):
        return {board.unit for board in client.get(url, params).context["page"].object_list}

    assert communes({"don_vi": world.commune_b.pk}) == {world.commune_b}
    assert communes({"q": world.commune_a.name}) == {world.commune_a}
    assert communes({}) == {world.commune_a, world.commune_b}
    response = client.get(url, {"xuat": "xlsx"})
    assert response["Content-Disposition"].startswith('attachment; filename="ban-thanh-tra-nhan-dan-')
    rows = _sheet(response.content)
    assert rows[0][-2:] == ("Trưởng ban", "Văn bản áp dụng") and len(rows) == 3
    assert {row[5] for row in rows[1:]} == {5}


def test_a_communes_workbook_lists_its_duties_then_its_checklist(world, client_for):
    disclosure(world)
    params = {"don_vi": world.commune_a.pk, "tu_ngay": "01/01/2024", "den_ngay": "31/12/2024", "xuat": "xlsx"}
    response = client_for("editor_a").get(reverse("democracy:compliance"), params)
    assert response["Content-Disposition"].startswith('attachment; filename="dan-chu-co-so-')
    rows = _sheet(response.content)
    assert rows[0] == ("Xã", "Kỳ", "Nhiệm vụ", "Đạt", "Chi tiết")
    assert {row[0] for row in rows[1:]} == {world.commune_a.full_name}
    assert any(str(row[2]).startswith("Công khai: ") for row in rows[1:])


def test_a_bad_period_is_shown_and_the_rest_of_the_filter_kept(world, client_for):
    response = client_for("district_user").get(
        reverse("democracy:compliance"), {"don_vi": world.commune_a.pk, "tu_ngay": "31/02/2024"}
    )
    assert response.status_code == 200 and response.context["unit"] == world.commune_a
    assert response.context["form"].errors


@override_settings(EXPORT_SYNC_ROWS=0)
def test_large_exports_are_built_by_the_worker_as_the_user_sees_them(
    world, client_for, django_capture_on_commit_callbacks
):
    vote(world)
    client = client_for("district_user")
    period = {"tu_ngay": "01/01/2024", "den_ngay": "31/12/2024", "xuat": "xlsx"}
    for name, params in (
        ("democracy:decision_list", {"xuat": "xlsx"}),
        ("democracy:compliance", {"don_vi": world.district.pk, **period}),
        ("democracy:compliance", {"don_vi": world.commune_a.pk, **period}),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(reverse(name), params)
        job = ExportJob.objects.latest("pk")
        assert response.status_code == 302 and response["Location"] == reverse("core:export_job", args=[job.pk])
        assert job.status == ExportJob.Status.DONE, job.message
        with job.file.open("rb") as handle:
            rows = _sheet(handle.read())
        assert len(rows) - 1 == job.total_rows > 0
