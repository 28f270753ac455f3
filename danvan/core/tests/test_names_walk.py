"""Every report, statistics page and list of a past period, and their workbooks, name units as of that period.

The matrix's records of every module (2016 for working groups, kiến nghị and Dân vận khéo; 2024 for grassroots
democracy) belong to xã An Lộc, its village Đông Thượng or huyện Đông Sơn; on 01/01/2025 the commune becomes thị
trấn An Phú, the village thôn An Phú Tây and the district huyện Nam An Phú. No page about a period before that
may say "An Phú" — except the unit pickers of its filter form, which offer today's units to choose from. Lists
name each row's unit as of the row's own date (a kiến nghị's day, a meeting's, a report's month).
"""

import datetime
import io
import re
import zipfile

import pytest
from django.urls import reverse

from danvan.core.access import loader_actor
from danvan.core.services import units
from danvan.core.tests.cast import unit_type
from danvan.core.tests.test_access_matrix import prepare_matrix
from danvan.supervision import services as supervision

TODAY_NAME = "An Phú"
Y2016 = {"nam": "2016"}
P2016 = {"tu_ngay": "01/01/2016", "den_ngay": "31/12/2016"}
P2024 = {"tu_ngay": "01/01/2024", "den_ngay": "31/12/2024"}
Y2024 = {"nam": "2024"}
VILLAGE, COMMUNE, DISTRICT = "thôn Đông Thượng", "xã An Lộc", "huyện Đông Sơn"


def group(w):
    return {"pk": w.extra["group"].pk}


def none(w):
    return {}


# (url name, its kwargs, the query string of a past period, a then-name the page must show, or "")
PAGES = [
    ("supervision:report_matrix", group, Y2016, "xã An Lộc"),
    ("supervision:coverage", group, {"quy": "2016-Q1"}, "xã An Lộc"),
    ("petitions:statistics", none, {**P2016, "theo": "don-vi"}, "xã An Lộc"),
    ("emulation:statistics", none, Y2016, "xã An Lộc"),
    ("emulation:statistics_print", none, Y2016, "xã An Lộc"),
    ("emulation:list", none, Y2016, "xã An Lộc"),
    ("democracy:compliance", none, {**P2024, "don_vi": "district"}, "xã An Lộc"),
    ("democracy:compliance", none, {**P2024, "don_vi": "commune_a"}, "xã An Lộc"),
    # Lists: each row's unit as of the row's date.
    ("petitions:list", none, P2016, VILLAGE),
    ("petitions:conference_list", none, Y2016, DISTRICT),
    ("supervision:report_list", none, Y2016, COMMUNE),
    ("supervision:activity_list", none, Y2016, VILLAGE),
    ("supervision:attendance_list", none, P2016, VILLAGE),
    ("supervision:raised_list", none, Y2016, VILLAGE),
    ("democracy:disclosure_list", none, Y2024, COMMUNE),
    ("democracy:decision_list", none, Y2024, VILLAGE),
    ("democracy:consultation_list", none, Y2024, COMMUNE),
    ("democracy:dialogue_list", none, Y2024, COMMUNE),
    ("democracy:board_list", none, {}, COMMUNE),
    ("emulation:sheet_list", none, Y2016, DISTRICT),
    ("emulation:conference_list", none, Y2016, DISTRICT),
]
LISTS = PAGES[8:]

# (url name, its kwargs, the query string of a past period, a then-name the workbook must show)
EXPORTS = [
    ("supervision:report_matrix", group, Y2016, "An Lộc"),
    ("supervision:coverage", group, {"quy": "2016-Q1"}, "An Lộc"),
    ("petitions:statistics", none, {**P2016, "theo": "don-vi"}, "An Lộc"),
    ("emulation:statistics", none, {**Y2016, "bang": "b"}, "An Lộc"),
    ("emulation:list", none, Y2016, "An Lộc"),
    ("democracy:compliance", none, {**P2024, "don_vi": "district"}, "An Lộc"),
    ("democracy:compliance", none, {**P2024, "don_vi": "commune_a"}, "An Lộc"),
    *LISTS,
]


@pytest.fixture(scope="module")
def _renamed_world(_module_world, django_db_blocker):
    world = _module_world
    with django_db_blocker.unblock():
        prepare_matrix(world)
        extra = world.extra
        supervision.attendance_record(  # a meeting in thôn Đông Thượng, with a kiến nghị raised there
            actor=loader_actor(),
            team=extra["team"],
            attendee=extra["member"],
            cell=extra["cells"][0],
            held_on=datetime.date(2016, 2, 10),
            proposals="Đề nghị sửa đường liên thôn",
        )
        day = world.commune_a.valid_from.replace(year=2025)
        for kind, unit, name, new_type in (
            ("upgrade", world.commune_a, TODAY_NAME, unit_type("town")),
            ("rename", world.village_a1, f"{TODAY_NAME} Tây", None),
            ("rename", world.district, f"Nam {TODAY_NAME}", None),
        ):
            units.reorganization_create(
                actor=loader_actor(),
                kind=kind,
                legal_basis="1/NQ-UBTVQH15 (thử)",
                effective_date=day,
                units=[unit],
                new_type=new_type,
                new_name=name,
            )
    return world


@pytest.fixture
def renamed(_renamed_world, world):
    return world


def _params(world, params: dict) -> dict:
    units_by_name = {"district": world.district, "commune_a": world.commune_a}
    return {k: units_by_name[v].pk if v in units_by_name else v for k, v in params.items()}


def _without_pickers(html: str) -> str:
    return re.sub(r"<select\b.*?</select>", "", html, flags=re.S)


@pytest.mark.parametrize(("name", "kwargs", "params", "then"), PAGES)
def test_a_page_of_a_past_period_names_units_as_of_then(renamed, client_for, name, kwargs, params, then):
    response = client_for("admin").get(reverse(name, kwargs=kwargs(renamed)), _params(renamed, params))
    assert response.status_code == 200
    page = _without_pickers(response.content.decode())
    assert TODAY_NAME not in page, f"{name} shows today's name for a past period"
    assert then in page
    assert "Tên đơn vị theo thời điểm" in page or "Đơn vị được tính theo địa giới" in page  # the page says so


@pytest.mark.parametrize(("name", "kwargs", "params", "then"), EXPORTS)
def test_a_workbook_of_a_past_period_names_units_as_of_then(renamed, client_for, name, kwargs, params, then):
    query = {**_params(renamed, params), "xuat": "xlsx"}
    response = client_for("admin").get(reverse(name, kwargs=kwargs(renamed)), query)
    assert response.status_code == 200
    with zipfile.ZipFile(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ) as book:
        text = "".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xml"))
    assert TODAY_NAME not in text, f"{name} exports today's name for a past period"
    assert then in text


def test_today_the_same_pages_say_todays_name(renamed, client_for):
    page = client_for("admin").get(
        reverse("petitions:statistics"), {"tu_ngay": "01/01/2016", "den_ngay": "31/12/2025", "theo": "don-vi"}
    )
    assert "thị trấn An Phú" in _without_pickers(page.content.decode())
