"""The list kit (core.lists) and the exporter (core.exporting): filters read from the query string, bad filter
values ignored with their message, small exports now, large ones built by the worker as the user sees them."""

import io

import openpyxl
import pytest
from django.test import override_settings
from django.urls import reverse

from danvan.core import exporting
from danvan.core.access import loader_actor
from danvan.core.listings import PersonListing
from danvan.core.models import ExportJob, Notification
from danvan.core.services import orgs

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet(content: bytes) -> list[tuple]:
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return [tuple(row) for row in book.active.iter_rows(values_only=True)]


@pytest.fixture
def people(world):
    for n in range(3):
        orgs.person_create(actor=loader_actor(), full_name=f"Trần Văn Đường {n}", unit=world.village_a1)
    orgs.person_create(actor=loader_actor(), full_name="Lê Thị Bình", unit=world.commune_b)
    return world


def test_the_search_and_unit_filters_reach_the_selector(people, client_for):
    client = client_for("admin")
    page = client.get(reverse("core:person_list"), {"q": "duong"}).content.decode()
    assert page.count("Trần Văn Đường") == 3 and "Lê Thị Bình" not in page
    page = client.get(reverse("core:person_list"), {"don_vi": people.commune_b.pk}).content.decode()
    assert "Lê Thị Bình" in page and "Trần Văn Đường" not in page
    # the unit filter takes what is below the unit: the village's people are in the commune's list
    page = client.get(reverse("core:person_list"), {"don_vi": people.commune_a.pk}).content.decode()
    assert page.count("Trần Văn Đường") == 3


def test_a_unit_outside_the_scope_is_refused_next_to_its_field_and_ignored(people, client_for):
    response = client_for("viewer_a").get(reverse("core:person_list"), {"don_vi": people.commune_b.pk})
    assert response.status_code == 200
    page = response.content.decode()
    assert "is-invalid" in page and "Lê Thị Bình" not in page  # never B's people, and no 500
    assert page.count("Trần Văn Đường") == 3


@pytest.mark.parametrize("params", [{"ngay": "31/02/2020"}, {"cap": "khong-co"}, {"ngay": "x" * 500}])
def test_bad_filter_values_never_break_a_list(world, client_for, params):
    response = client_for("viewer_a").get(reverse("core:unit_list"), params)
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()


def test_a_small_export_is_written_at_once_with_the_page_filters(people, client_for):
    response = client_for("admin").get(reverse("core:person_list"), {"q": "duong", "xuat": "xlsx"})
    assert response["Content-Type"] == XLSX
    rows = _sheet(response.content)
    assert rows[0][0] == "Họ và tên" and len(rows) == 4
    assert {r[0] for r in rows[1:]} == {f"Trần Văn Đường {n}" for n in range(3)}


@override_settings(EXPORT_SYNC_ROWS=2)
def test_a_large_export_is_built_by_the_worker_as_its_user_sees_it(
    people, client_for, django_capture_on_commit_callbacks
):
    client = client_for("viewer_a")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("core:person_list"), {"xuat": "xlsx"})
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("core:export_job", args=[job.pk])
    assert job.status == ExportJob.Status.DONE and job.user == people.users["viewer_a"]
    names = {r[0] for r in _sheet(client.get(reverse("core:export_download", args=[job.pk])).getvalue())[1:]}
    visible = set(PersonListing().rows(people.users["viewer_a"]).values_list("full_name", flat=True))
    assert names == visible and "Lê Thị Bình" not in names  # commune B's person stays out of A's file
    assert job.processed_rows == job.total_rows == len(visible)
    assert Notification.objects.filter(user=people.users["viewer_a"], url=reverse("core:export_job", args=[job.pk]))
    # the job and its file are its owner's only
    assert client_for("user_b").get(reverse("core:export_download", args=[job.pk])).status_code == 404
    assert client_for("user_b").get(reverse("core:export_job", args=[job.pk])).status_code == 404
    progress = client.get(reverse("core:export_job", args=[job.pk]), headers={"HX-Request": "true"})
    assert b"export-progress" in progress.content and b"hx-trigger" not in progress.content  # finished: no polling


@override_settings(EXPORT_SYNC_ROWS=1)
def test_the_worker_keeps_the_filters_of_the_page(people, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_for("admin").get(reverse("core:person_list"), {"q": "duong", "xuat": "xlsx", "trang": "2"})
    job = ExportJob.objects.get()
    assert job.params == {"q": ["duong"]}
    with job.file.open("rb") as handle:
        assert len(_sheet(handle.read())) == 4


def test_a_crashed_export_ends_failed_and_says_so(people, monkeypatch, django_capture_on_commit_callbacks):
    from danvan.core import tasks

    job = ExportJob.objects.create(user=people.users["admin"], exporter="can-bo", title="Cán bộ", total_rows=9)

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(exporting, "write_xlsx", boom)
    assert tasks.run_export.call(job.pk) == ExportJob.Status.FAILED
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED and job.finished_at and "Lỗi hệ thống" in job.message


def test_every_exporter_is_registered_once_with_a_title():
    registered = exporting.registered()
    assert "can-bo" in registered and "nhat-ky" in registered
    for identifier, cls in registered.items():
        assert cls.identifier == identifier and str(cls.title)
    with pytest.raises(ValueError):

        @exporting.exporter
        class Again(exporting.Exporter):  # another exporter under a taken identifier
            identifier = "can-bo"
            title = "x"


def test_filtering_in_place_also_moves_the_excel_link_to_the_new_filters(people, client_for):
    response = client_for("admin").get(
        reverse("core:person_list"), {"q": "duong"}, headers={"HX-Request": "true", "HX-Target": "results"}
    )
    page = response.content.decode()
    assert "<html" not in page and page.count("Trần Văn Đường") == 3
    assert 'id="export-link"' in page and 'hx-swap-oob="true"' in page and "q=duong&amp;xuat=xlsx" in page


@override_settings(EXPORT_SYNC_ROWS=1)
def test_asking_again_for_an_export_still_being_built_follows_the_first_job(people, client_for):
    client = client_for("admin")
    first = client.get(reverse("core:person_list"), {"q": "duong", "xuat": "xlsx"})  # not run: no commit here
    again = client.get(reverse("core:person_list"), {"q": "duong", "xuat": "xlsx", "trang": "3"})
    assert first["Location"] == again["Location"] and ExportJob.objects.count() == 1
    client.get(reverse("core:person_list"), {"q": "binh", "xuat": "xlsx"})  # other filters: another job
    assert ExportJob.objects.count() == 2


def test_the_unit_page_lists_its_own_bodies_while_the_list_filter_takes_the_subtree(world, client_for):
    from danvan.core.models import Body

    district_page = client_for("admin").get(reverse("core:unit_detail", args=[world.district.pk])).content.decode()
    assert "UBND xã An Lộc" not in district_page  # a commune's body is not the district's
    assert Body.objects.filter(unit=world.commune_a, name="UBND xã An Lộc").exists()
    listed = client_for("admin").get(reverse("core:body_list"), {"don_vi": world.district.pk}).content.decode()
    assert "UBND xã An Lộc" in listed


def test_a_reorganization_found_by_its_legal_basis_stays_within_the_chosen_unit(world, client_for):
    from danvan.core.services import units

    for commune, basis in ((world.commune_a, "NQ 99/NQ-UBTVQH15"), (world.commune_b, "NQ 99/NQ-UBTVQH15 (B)")):
        units.reorganization_create(
            actor=loader_actor(),
            kind="rename",
            legal_basis=basis,
            effective_date=world.commune_a.valid_from.replace(year=2019),
            units=[commune],
            new_name=f"Tên mới {commune.pk}",
        )
    page = (
        client_for("admin")
        .get(reverse("core:reorganization_list"), {"q": "99/NQ", "don_vi": world.commune_a.pk})
        .content.decode()
    )
    assert "NQ 99/NQ-UBTVQH15" in page and "(B)" not in page


def test_the_page_of_an_ended_unit_shows_the_bodies_it_had(world, client_for):
    from danvan.core.services import units

    units.reorganization_create(
        actor=loader_actor(),
        kind="merge",
        legal_basis="NQ sáp nhập",
        effective_date=world.commune_a.valid_from.replace(year=2020),
        units=[world.commune_b],
        into=world.commune_a,
    )
    page = client_for("admin").get(reverse("core:unit_detail", args=[world.commune_b.pk])).content.decode()
    assert "UBND xã Bình Lộc" in page and "Đảng bộ xã Bình Lộc" in page
