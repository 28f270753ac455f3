"""The registry's lists and exports through core.lists and core.exporting (listings.py): the same query
parameters as before, bad values shown and ignored, the htmx results, large exports built by the worker with the
page's filters, and the statistics table as a computed export."""

import datetime
import io

import openpyxl
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.core.access import loader_actor
from danvan.core.models import ExportJob
from danvan.petitions import services

from .test_lifecycle import intake

D = datetime.date
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet(content: bytes) -> list[tuple]:
    return list(openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def test_bad_filter_values_are_shown_next_to_their_field_and_ignored(world, desk, client_for, on_day):
    on_day(D(2016, 3, 1))
    p = intake(world, desk, body=desk.agriculture)
    client = client_for("district_user")
    bad = {
        "tu_ngay": "31/02/2016",
        "co_quan": "999999",
        "linh_vuc": "abc",
        "trang_thai": "nope",
        "sap_xep": "x",
        "don_vi": str(world.commune_b.pk + 999999),
    }
    response = client.get(reverse("petitions:list"), bad)
    page = response.content.decode()
    assert response.status_code == 200 and p.code in page
    for name in ("tu_ngay", "co_quan", "linh_vuc", "trang_thai", "sap_xep", "don_vi"):
        assert f'id="id_{name}_errors"' in page, name
    rows = _sheet(client.get(reverse("petitions:list"), {**bad, "xuat": "xlsx"}).content)
    assert [r[0] for r in rows[1:]] == [p.code]


def test_the_filters_keep_their_names_and_meaning(world, desk, client_for, on_day):
    on_day(D(2016, 3, 1))
    routed = intake(world, desk, body=desk.agriculture)
    on_day(D(2016, 4, 1))
    later = intake(world, desk, unit=world.village_a2, content="Xin hỗ trợ xi măng làm đường", raised_on=D(2016, 4, 1))
    client = client_for("district_user")

    def codes(**params):
        rows = _sheet(client.get(reverse("petitions:list"), {**params, "xuat": "xlsx"}).content)
        return [r[0] for r in rows[1:]]

    assert codes() == [later.code, routed.code]
    assert codes(sap_xep="received_asc") == [routed.code, later.code]
    assert codes(co_quan=desk.agriculture.pk) == [routed.code]
    assert codes(trang_thai="received") == [later.code]
    assert codes(tu_ngay="15/03/2016") == [later.code]
    assert codes(den_ngay="15/03/2016") == [routed.code]
    assert codes(q="xi mang") == [later.code]  # accent-insensitive
    assert codes(dang_mo="1", nguon="voter", phan_loai="recommendation") == [later.code, routed.code]
    assert codes(cua_toi="1") == []  # the district user answers for no body
    page = client.get(reverse("petitions:list"), {"don_vi": world.commune_a.pk}).content.decode()
    assert f'<option value="{desk.agriculture.pk}">' in page  # the bodies above the chosen unit are offered


def test_the_list_answers_htmx_with_its_results_only(world, desk, client_for):
    p = intake(world, desk)
    response = client_for("editor_a").get(
        reverse("petitions:list"), {"q": "duong"}, headers={"HX-Request": "true", "HX-Target": "results"}
    )
    html = response.content.decode()
    assert p.code in html and 'id="results"' in html and 'role="search"' not in html


@override_settings(EXPORT_SYNC_ROWS=1)
def test_a_large_export_is_built_by_the_worker_with_the_pages_filters(
    world, desk, client_for, django_capture_on_commit_callbacks
):
    intake(world, desk, content="Sửa cầu tràn Đông Thượng")
    intake(world, desk, content="Nạo vét kênh Đông Thượng")
    intake(world, desk, content="Hỗ trợ giống lúa")
    client = client_for("editor_a")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("petitions:list"), {"q": "dong thuong", "xuat": "xlsx"})
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("core:export_job", args=[job.pk])
    assert job.status == ExportJob.Status.DONE and job.params == {"q": ["dong thuong"]}
    with job.file.open("rb") as handle:
        rows = _sheet(handle.read())
    assert rows[0][0] == "Số" and len(rows) == 3 and job.file.name.rsplit("/", 1)[-1].startswith("kien-nghi-")


@override_settings(EXPORT_SYNC_ROWS=1)
def test_the_statistics_table_by_commune_is_rebuilt_by_the_worker(
    world, desk, client_for, on_day, django_capture_on_commit_callbacks
):
    on_day(D(2016, 3, 1))
    intake(world, desk, body=desk.agriculture)
    intake(world, desk, unit=world.village_b1, content="Kiến nghị của xã B")
    params = {"tu_ngay": "01/01/2016", "den_ngay": "31/12/2016", "theo": "don-vi", "xuat": "xlsx"}
    with django_capture_on_commit_callbacks(execute=True):
        client_for("district_user").get(reverse("petitions:statistics"), params)
    job = ExportJob.objects.get()
    with job.file.open("rb") as handle:
        rows = _sheet(handle.read())
    assert rows[0][:3] == ("Đơn vị phát sinh (xã)", "Tồn kỳ trước", "Tiếp nhận mới")
    assert rows[-1][0] == "Tổng cộng" and rows[-1][2] == 2
    assert job.file.name.rsplit("/", 1)[-1].startswith("thong-ke-kien-nghi-")


def test_the_statistics_period_defaults_and_ignores_a_bad_date(world, desk, client_for, on_day):
    on_day(D(2016, 6, 30))
    intake(world, desk, raised_on=D(2016, 3, 1))
    client = client_for("district_user")
    page = client.get(reverse("petitions:statistics"), {"tu_ngay": "99/99/2016"}).content.decode()
    assert "01/01/2016 – 30/06/2016" in page and 'id="id_tu_ngay_errors"' in page
    swapped = client.get(reverse("petitions:statistics"), {"tu_ngay": "31/03/2016", "den_ngay": "01/03/2016"})
    assert "01/03/2016 – 31/03/2016" in swapped.content.decode()
    response = client.get(reverse("petitions:statistics"), {"xuat": "xlsx"})
    assert response["Content-Type"] == XLSX and 'filename="thong-ke-kien-nghi-' in response["Content-Disposition"]
    assert _sheet(response.content)[0][0] == "Cơ quan giải quyết"


def test_conferences_and_routing_rules_are_listed_filtered_and_exported(world, desk, client_for):
    for year, quarter in ((2016, 1), (2017, 2)):
        services.conference_create(
            actor=loader_actor(),
            unit=world.district,
            title=f"Giao ban quý {quarter}/{year}",
            year=year,
            quarter=quarter,
            held_on=D(year, quarter * 3, 28),
        )
    client = client_for("district_user")
    page = client.get(reverse("petitions:conference_list"), {"nam": "2016"}).content.decode()
    assert "Giao ban quý 1/2016" in page and "Giao ban quý 2/2017" not in page
    rows = _sheet(client.get(reverse("petitions:conference_list"), {"xuat": "xlsx"}).content)
    assert rows[0] == ("Ngày họp", "Hội nghị", "Địa bàn của cấp ủy", "Kỳ", "Chuyển kỳ sau")
    assert [r[3] for r in rows[1:]] == ["Quý II/2017", "Quý I/2016"]
    assert client.get(reverse("petitions:conference_list"), {"nam": "abc"}).status_code == 200

    admin = client_for("admin")
    current = _sheet(admin.get(reverse("petitions:rule_list"), {"xuat": "xlsx"}).content)
    assert current[0][0] == "Địa bàn" and len(current) > 1
    every = _sheet(admin.get(reverse("petitions:rule_list"), {"tat_ca": "1", "xuat": "xlsx"}).content)
    assert len(every) >= len(current)
    commune = _sheet(admin.get(reverse("petitions:rule_list"), {"don_vi": world.commune_a.pk, "xuat": "xlsx"}).content)
    assert {r[0] for r in commune[1:]} <= {world.district.full_name, world.commune_a.full_name}


def test_conference_and_rule_exports_take_no_more_queries_with_more_rows(world, desk, client_for):
    client = client_for("admin")

    def grow(n):
        for i in range(n):
            services.conference_create(
                actor=loader_actor(),
                unit=world.district,
                title=f"Giao ban {n}-{i}",
                year=2016,
                quarter=1,
                held_on=D(2016, 3, 1 + i),
            )
            services.routing_rule_create(
                actor=loader_actor(),
                scope=world.district,
                body=desk.district_committee,
                kind="difficulty",
                valid_from=D(2016, 3, 1 + i),
            )

    def count(name):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name), {"xuat": "xlsx"})["Content-Type"] == XLSX
        return len(queries)

    grow(1)
    few = {name: count(name) for name in ("petitions:conference_list", "petitions:rule_list")}
    grow(3)
    assert {name: count(name) for name in few} == few


def test_the_list_filters_by_a_body_that_has_since_ended(world, desk, client_for):
    """Past items stay with the body that handled them: choosing it after it ended still filters the list."""
    from danvan.core.models import Body

    routed = intake(world, desk, body=desk.agriculture)
    other = intake(world, desk, unit=world.village_a2, content="Xin hỗ trợ xi măng làm đường")
    Body.objects.filter(pk=desk.agriculture.pk).update(valid_to=datetime.date(2025, 6, 30))
    page = client_for("admin").get(reverse("petitions:list"), {"co_quan": desk.agriculture.pk}).content.decode()
    assert "is-invalid" not in page and routed.code in page and other.code not in page
    assert f'<option value="{desk.agriculture.pk}" selected>' in page
