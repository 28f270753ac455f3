"""Every report, statistics page and list of a past period, and their workbooks, name units as of that period.

The matrix's records of every module (2016 for working groups, kiến nghị and Dân vận khéo; 2024 for grassroots
democracy) belong to xã An Lộc; on 01/01/2025 it becomes thị trấn An Phú. No page about a period before that
may say "An Phú" — except the unit pickers of its filter form, which offer today's units to choose from.
"""

import io
import re
import zipfile

import pytest
from django.urls import reverse

from danvan.core.access import loader_actor
from danvan.core.services import units
from danvan.core.tests.cast import unit_type
from danvan.core.tests.test_access_matrix import prepare_matrix

TODAY_NAME = "An Phú"
Y2016 = {"nam": "2016"}
P2016 = {"tu_ngay": "01/01/2016", "den_ngay": "31/12/2016"}
P2024 = {"tu_ngay": "01/01/2024", "den_ngay": "31/12/2024"}


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
]

EXPORTS = [
    ("supervision:report_matrix", group, Y2016),
    ("supervision:coverage", group, {"quy": "2016-Q1"}),
    ("petitions:statistics", none, {**P2016, "theo": "don-vi"}),
    ("emulation:statistics", none, {**Y2016, "bang": "b"}),
    ("emulation:list", none, Y2016),
    ("democracy:compliance", none, {**P2024, "don_vi": "district"}),
    ("democracy:compliance", none, {**P2024, "don_vi": "commune_a"}),
]


@pytest.fixture(scope="module")
def _renamed_world(_module_world, django_db_blocker):
    with django_db_blocker.unblock():
        prepare_matrix(_module_world)
        units.reorganization_create(
            actor=loader_actor(),
            kind="upgrade",
            legal_basis="1/NQ-UBTVQH15 (thử)",
            effective_date=_module_world.commune_a.valid_from.replace(year=2025),
            units=[_module_world.commune_a],
            new_type=unit_type("town"),
            new_name=TODAY_NAME,
        )
    return _module_world


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


@pytest.mark.parametrize(("name", "kwargs", "params"), EXPORTS)
def test_a_workbook_of_a_past_period_names_units_as_of_then(renamed, client_for, name, kwargs, params):
    query = {**_params(renamed, params), "xuat": "xlsx"}
    response = client_for("admin").get(reverse(name, kwargs=kwargs(renamed)), query)
    assert response.status_code == 200
    with zipfile.ZipFile(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ) as book:
        text = "".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xml"))
    assert TODAY_NAME not in text, f"{name} exports today's name for a past period"
    assert "An Lộc" in text


def test_today_the_same_pages_say_todays_name(renamed, client_for):
    page = client_for("admin").get(
        reverse("petitions:statistics"), {"tu_ngay": "01/01/2016", "den_ngay": "31/12/2025", "theo": "don-vi"}
    )
    assert "thị trấn An Phú" in _without_pickers(page.content.decode())
