"""Lists and exports take as many queries with more rows as with a few: no query per row (N+1).

Every list-like page of the access matrix (a name ending in "list", "export" or "statistics", and the audit log)
and every page that answers `?xuat=xlsx` with a workbook is requested by the administrator, who sees every row.
The data: the matrix's (`prepare`) and one round of each module's `grow(world)`, which adds a few rows of what
its lists show through the services; the first round makes sure that every kind of row is there, so that a
query a page runs only when it has such rows is counted both times. Each page is counted, two more rounds are
grown, and each test counts its page again: the count must not grow.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.core import notifications
from danvan.core.access import loader_actor
from danvan.core.models import BodyType, PartyOrgType, Role
from danvan.core.services import orgs, reference, units
from danvan.core.tests.cast import START, grant, make_user, unit_type
from danvan.core.tests.test_access_matrix import MATRIX, MODULES, prepare_matrix

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

LISTS = sorted(
    name for name, (kwargs, _expected) in MATRIX.items() if kwargs and name.endswith(("list", "export", "statistics"))
) + ["core:audit_log"]

# The pages that answer with a workbook (the import template always does); test_every_page_that_exports_is_counted
# finds them by asking every page of the matrix.
EXPORTS = [
    "core:audit_log",
    "core:body_list",
    "core:membership_list",
    "core:org_import_template",
    "core:party_org_list",
    "core:person_list",
    "core:reorganization_list",
    "core:unit_list",
    "democracy:board_list",
    "democracy:compliance",
    "democracy:consultation_list",
    "democracy:decision_list",
    "democracy:dialogue_list",
    "democracy:disclosure_list",
    "documents:register_list",
    "emulation:conference_list",
    "emulation:import_template",
    "emulation:list",
    "emulation:sheet_list",
    "emulation:statistics",
    "petitions:conference_list",
    "petitions:list",
    "petitions:rule_list",
    "petitions:statistics",
    "supervision:activity_list",
    "supervision:attendance_list",
    "supervision:coverage",
    "supervision:group_list",
    "supervision:raised_list",
    "supervision:report_list",
    "supervision:report_matrix",
]

# Pages whose count grows with the rows, reported to the owners of the views: (name, export) -> why.
N_PLUS_ONE = {}

CASES = [(name, False) for name in LISTS] + [(name, True) for name in EXPORTS]


def grow_core(world) -> None:
    """A few more rows of what core's lists show: a village with its Party cell, a body, people, an account with
    a membership, a reorganization, a reference item and notifications for the administrator."""
    actor = loader_actor()
    n = get_user_model().objects.filter(username__startswith="grown_").count() + 1
    village = units.unit_create(
        actor=actor, name=f"Thôn mới số {n}", unit_type=unit_type("village"), parent=world.commune_b, valid_from=START
    )
    orgs.party_org_create(
        actor=actor,
        name=f"Chi bộ thôn mới số {n}",
        org_type=PartyOrgType.objects.get(code="affiliated_cell"),
        unit=village,
        parent=world.party_org_b,
        valid_from=START,
    )
    orgs.body_create(
        actor=actor,
        name=f"Ban Dân vận số {n}",
        body_type=BodyType.objects.get(code="mass_mobilization"),
        unit=world.commune_b,
        valid_from=START,
    )
    for i in range(2):
        orgs.person_create(actor=actor, full_name=f"Người thứ {i + 1} lần {n}", unit=world.commune_b)
    grant(make_user(f"grown_{n}"), "viewer", world.commune_b)
    units.reorganization_create(
        actor=actor,
        kind="rename",
        legal_basis=f"Nghị quyết số {n}",
        effective_date=datetime.date(2018 + n, 1, 1),
        units=[village],
        new_name=f"Thôn đổi tên số {n}",
    )
    reference.reference_item_create(
        actor=actor, model=Role, code=f"grown-{n}", name=f"Vai trò số {n}", valid_from=START
    )
    notifications.notify([world.users["admin"]], title=f"Thông báo số {n}", url=reverse("core:home"), key=f"grown-{n}")


def grow(world) -> None:
    grow_core(world)
    for module in MODULES:
        if hasattr(module, "grow"):
            module.grow(world)


def _url(world, name: str, export: bool) -> str:
    url = reverse(name, kwargs=MATRIX[name][0](world))
    return f"{url}?xuat=xlsx" if export else url


def _count(client: Client, url: str, export: bool) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith(XLSX) == export, url
    return len(queries)


@pytest.fixture(scope="module")
def counted(_module_world, django_db_blocker):
    """The administrator's client, the number of queries of every case with a few rows, and the pages that
    export (every page of the matrix but forms, asked with ?xuat=xlsx). Every row is on the first page, so
    that the rows added show on the page that is counted."""
    world = _module_world
    with django_db_blocker.unblock(), override_settings(PAGE_SIZE=1000):
        prepare_matrix(world)
        grow(world)
        client = Client()
        client.force_login(world.users["admin"])
        exporting = {
            name
            for name, (kwargs, expected) in MATRIX.items()
            if kwargs
            and expected["admin"] == 200
            and not name.endswith(("_create", "_edit", "_end", "_add", "_download"))
            and client.get(_url(world, name, export=True))["Content-Type"].startswith(XLSX)
        }
        for name, export in CASES:
            client.get(_url(world, name, export))  # a page's first request fills what Django caches (content types)
        few = {(name, export): _count(client, _url(world, name, export), export) for name, export in CASES}
        grow(world)
        grow(world)
        yield client, few, exporting


def test_every_page_that_exports_is_counted(counted, db):
    _client, _few, exporting = counted
    assert sorted(exporting) == EXPORTS


@pytest.mark.parametrize(
    ("name", "export"),
    [
        pytest.param(*case, marks=pytest.mark.xfail(strict=True, reason=f"N+1: {N_PLUS_ONE[case]}"))
        if case in N_PLUS_ONE
        else case
        for case in CASES
    ],
)
def test_more_rows_take_no_more_queries(counted, world, name, export):
    client, few, _exporting = counted
    many = _count(client, _url(world, name, export), export)
    assert many <= few[(name, export)], f"{name}{' (Excel)' if export else ''}: {few[(name, export)]} -> {many}"
