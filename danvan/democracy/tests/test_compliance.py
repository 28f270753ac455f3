"""Compliance = duties met ÷ duties due, checked against counts worked out by hand for a known year, rolled up
to the district, under each instrument on either side of 01/07/2023, with bounded queries."""

import datetime

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.core.access import loader_actor
from danvan.democracy import services
from danvan.democracy.selectors import communes_under
from danvan.democracy.statistics import Ledger, Status

from .factories import D, board_members, disclosure, vote

pytestmark = pytest.mark.django_db
TODAY = D(2026, 11, 26)


def _year_2024(world):
    """Commune A in 2024 under Law 10/2022. Six contents recur (cc-01, 02, 04, 05, 06, 11)."""
    disclosure(world, "cc-01", start=D(2024, 1, 10))  # met
    disclosure(world, "cc-02", start=D(2024, 10, 10), title="Ngân sách quý III")  # met: within 3 months of 31/12
    disclosure(world, "cc-04", start=D(2024, 2, 1), days=29, title="Nhiệm vụ cán bộ")  # too short
    disclosure(
        world,
        "cc-08",
        start=D(2024, 5, 2),
        channels=("niem-yet", "loa-truyen-thanh"),
        loudspeaker=3,
        title="Kết luận thanh tra",
    )  # arisen, met
    # cc-05, cc-06, cc-11: not published -> unmet.
    vote(world, votes_for=150, votes_against=0)  # passed, not recognised -> unmet
    recognised = vote(world, votes_for=150, votes_against=0, title="Quy ước khác", held_on=D(2024, 4, 1))
    services.decision_recognise(
        actor=loader_actor(),
        decision=recognised,
        expected_version=recognised.version,
        body=world.body_a,
        number="5/QĐ",
        day=D(2024, 4, 3),
    )  # met
    vote(world, votes_for=10, votes_against=0, title="Không thông qua")  # rejected -> no duty
    services.dialogue_create(
        actor=loader_actor(),
        unit=world.commune_a,
        title="Đối thoại",
        notice_on=D(2024, 9, 1),
        held_on=D(2024, 9, 8),
        results_on=D(2024, 9, 15),
        results="Đã trả lời",
    )
    # yearly dialogue held (met), notice 7 days (met), results in 7 days (met); no inspection board (unmet).


def _result(world, commune, start, end):
    return Ledger([commune], start, end, TODAY).result(commune)


def test_a_commune_year_equals_the_count_by_hand(world):
    _year_2024(world)
    result = _result(world, world.commune_a, D(2024, 1, 1), D(2024, 12, 31))
    kinds = {}
    for duty in result.duties:
        due, met = kinds.get(duty.kind, (0, 0))
        kinds[duty.kind] = (due + 1, met + duty.met)
    assert kinds == {
        "disclosure": (7, 3),
        "recognition": (2, 1),
        "dialogue": (3, 3),
        "board": (1, 0),
    }
    assert (result.due, result.met) == (13, 7)
    assert result.unmet_first[0].met is False and result.unmet_first[-1].met is True
    statuses = {row.item.code: row.status for row in result.checklist}
    assert statuses["cc-04"] == Status.TOO_SHORT and statuses["cc-05"] == Status.NOT_YET
    assert statuses["cc-03"] == Status.NOT_ARISEN


def test_recording_a_vote_changes_compliance(world):
    before = _result(world, world.commune_a, D(2024, 1, 1), D(2024, 12, 31))
    vote(world, votes_for=150, votes_against=0)
    after = _result(world, world.commune_a, D(2024, 1, 1), D(2024, 12, 31))
    assert (after.due, after.met) == (before.due + 1, before.met)


def test_a_board_in_office_meets_its_duty_and_late_plans_do_not(world):
    board = services.board_create(
        actor=loader_actor(), unit=world.commune_a, elected_on=D(2024, 2, 1), members=board_members(5)
    )
    services.inspection_create(
        actor=loader_actor(),
        board=board,
        subject="Chợ",
        inspected="Ban quản lý chợ",
        sent_on=D(2024, 9, 13),
        starts_on=D(2024, 9, 16),
    )
    duties = {
        d.kind: d.met
        for d in _result(world, world.commune_a, D(2024, 1, 1), D(2024, 12, 31)).duties
        if d.kind in ("board", "inspection")
    }
    assert duties == {"board": True, "inspection": False}


def test_the_district_rolls_up_its_communes(world):
    _year_2024(world)
    communes = communes_under(world.district, D(2024, 12, 31), world.users["admin"])
    assert {c.pk for c in communes} == {world.commune_a.pk, world.commune_b.pk}
    results = {r.unit.pk: r for r in Ledger(communes, D(2024, 1, 1), D(2024, 12, 31), TODAY).results()}
    # Commune B did nothing: six recurring contents, the yearly dialogue and the board are due.
    assert (results[world.commune_b.pk].due, results[world.commune_b.pk].met) == (8, 0)
    assert sum(r.due for r in results.values()) == 21
    assert sum(r.met for r in results.values()) == 7


def test_each_instrument_on_its_side_of_1_july_2023(world):
    before = _result(world, world.commune_a, D(2023, 1, 1), D(2023, 6, 30))
    after = _result(world, world.commune_a, D(2023, 1, 1), D(2023, 7, 1))
    assert before.rule_set.code == "pl-34-2007" and len(before.checklist) == 11
    assert after.rule_set.code == "luat-10-2022" and len(after.checklist) == 12
    # No yearly dialogue duty under the Ordinance.
    assert not [
        d for d in _result(world, world.commune_a, D(2016, 1, 1), D(2016, 12, 31)).duties if d.kind == "dialogue"
    ]


def test_an_unfinished_year_is_judged_as_of_today(world):
    today = datetime.date.today()
    result = Ledger([world.commune_a], D(today.year, 1, 1), D(today.year, 12, 31), today).result(world.commune_a)
    assert not [d for d in result.duties if d.kind == "dialogue" and "năm" in d.label]


def test_page_for_a_commune_lists_unmet_duties_first(world, client_for):
    _year_2024(world)
    response = client_for("editor_a").get(
        reverse("democracy:compliance"),
        {"don_vi": world.commune_a.pk, "tu_ngay": "01/01/2024", "den_ngay": "31/12/2024"},
    )
    html = response.content.decode()
    assert "7/13" in html
    assert html.index("bi-x-circle") < html.index("bi-check-circle")


def test_district_page_and_excel(world, client_for, django_assert_max_num_queries):
    _year_2024(world)
    client = client_for("district_user")
    params = {"don_vi": world.district.pk, "tu_ngay": "01/01/2024", "den_ngay": "31/12/2024"}
    with django_assert_max_num_queries(40):
        response = client.get(reverse("democracy:compliance"), params)
    html = response.content.decode()
    assert "7/21" in html and world.commune_b.full_name in html
    response = client.get(reverse("democracy:compliance"), {**params, "xuat": "xlsx"})
    sheet = load_workbook(filename=__import__("io").BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    by_commune = {row[2]: row[3:5] for row in rows[1:]}
    assert by_commune[world.commune_a.full_name] == (13, 7)
    assert by_commune[world.commune_b.full_name] == (8, 0)


def test_queries_do_not_grow_with_communes(world, django_assert_max_num_queries):
    _year_2024(world)
    for commune in (world.commune_a, world.commune_b):
        board = services.board_create(
            actor=loader_actor(), unit=commune, elected_on=D(2024, 2, 1), members=board_members(5)
        )
        for month in (3, 6, 9):
            services.inspection_create(
                actor=loader_actor(),
                board=board,
                subject="Chợ",
                inspected="Ban quản lý chợ",
                sent_on=D(2024, month, 2),
                starts_on=D(2024, month, 16),
            )
    with django_assert_max_num_queries(12):
        Ledger([world.commune_a, world.commune_b], D(2024, 1, 1), D(2024, 12, 31), TODAY).results()


def test_commune_b_user_sees_only_its_commune(world, client_for):
    response = client_for("user_b").get(reverse("democracy:compliance"), {"don_vi": world.commune_a.pk})
    assert response.status_code == 200
    # The unit picker ignores units outside the scope: the page falls back to the user's own commune.
    assert response.context["unit"] == world.commune_b
