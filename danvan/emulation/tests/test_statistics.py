"""Report tables A–E: every figure equals a count made independently in Python from the rows, totals are the
sums of the rows, the scope and the unit filter hold, merged communes roll up into their successor, the
number of queries does not grow with the data, and the pages and Excel exports work."""

import datetime
import io
from collections import Counter

import openpyxl
import pytest
from django.urls import reverse

from danvan.core.access import loader_actor
from danvan.core.models import BodyType
from danvan.core.services import orgs, units
from danvan.core.tests.cast import START, unit_type
from danvan.emulation import services, statistics
from danvan.emulation.models import Award, AwardForm, Field, Initiative

from .factories import make_initiative

D = datetime.date
YEAR = 2019
FIELDS = ["dvk-kinh-te", "dvk-quoc-phong-an-ninh", "dvk-van-hoa-xa-hoi", "dvk-chinh-quyen", "dvk-xay-dung-dang"]
KINDS = ["model", "collective_exemplar", "individual_exemplar"]
STATES = ["registered", "returned", "approved", "implementing", "reviewed", "evaluated", "evaluated", "evaluated"]
RESULTS = ["effective", "not_effective", "stopped", "effective"]
SUBJECTS = ["chinh-quyen", "mttq", "doan-the"]
MEASURES = [k for k, _label in statistics.MEASURES]


@pytest.fixture
def district_body(world):
    return orgs.body_create(
        actor=loader_actor(),
        name="Ban Dân vận Huyện ủy Đông Sơn",
        body_type=BodyType.objects.get(code="mass_mobilization"),
        unit=world.district,
        valid_from=START,
    )


def registrants(world, district_body):
    """(unit, extra) pairs: communes A and B, a village of A, the district through its body, the district
    itself, commune A through its Party organisation."""
    return [
        (world.commune_a, {}),
        (world.commune_b, {}),
        (world.village_a1, {}),
        (world.district, {"body": district_body}),
        (world.district, {}),
        (world.commune_a, {"party_org": world.party_org_a}),
    ]


def award(initiative, form_code, recipient_kind, day):
    return services.award_create(
        actor=loader_actor(),
        initiative=initiative,
        form=AwardForm.objects.get(code=form_code),
        recipient_kind=recipient_kind,
        recipient=f"Người được khen {initiative.pk}",
        decided_on=day,
    )


@pytest.fixture
def data(world, district_body):
    """About fifty initiatives over 2016–2019, with replications, continuations and awards."""
    places = registrants(world, district_body)
    made = {}
    for year, count in ((2016, 3), (2017, 4), (2018, 12), (YEAR, 30)):
        for i in range(count):
            unit, extra = places[(i + year) % len(places)]
            made[(year, i)] = make_initiative(
                world,
                name=f"Mô hình {year} số {i}",
                year=year,
                kind=KINDS[i % 3],
                field_code=FIELDS[(i + year) % len(FIELDS)],
                unit=unit,
                subject=SUBJECTS[(i // 2) % 3],
                to=STATES[i % len(STATES)],
                result=RESULTS[(i // len(STATES) + i) % len(RESULTS)],
                **extra,
            )
    # Replications: two of this year's copy one model of this year, one copies a model of last year.
    origin = made[(YEAR, 5)]
    for n, unit in enumerate([world.commune_b, world.village_a1]):
        make_initiative(world, name=f"Nhân rộng {n}", year=YEAR, unit=unit, replicates=origin)
    make_initiative(world, name="Nhân rộng từ năm trước", year=YEAR, unit=world.commune_b, replicates=made[(2018, 0)])
    # Continuations of last year's models.
    for i in (1, 2, 3):
        previous = made[(2018, i)]
        make_initiative(world, name=f"Tiếp tục {i}", year=YEAR, unit=previous.unit, continues=previous, to="approved")
    # Awards: in the year for this year's and last year's effective models, and one decided the next year.
    effective = list(Initiative.objects.filter(year=YEAR, result="effective").order_by("pk"))
    assert len(effective) >= 4
    award(effective[0], "giay-khen-ubnd-huyen", "collective", D(YEAR, 12, 20))
    award(effective[0], "giay-khen-ubnd-huyen", "individual", D(YEAR, 12, 20))
    award(effective[1], "bieu-duong-hoi-nghi", "household", D(YEAR, 12, 22))
    award(effective[2], "bang-khen-ubnd-tinh", "collective", D(YEAR + 1, 1, 15))
    award(effective[3], "giay-khen-ubnd-xa", "individual", D(YEAR, 12, 28))
    last_year = Initiative.objects.filter(year=YEAR - 1, result="effective").order_by("pk").first()
    award(last_year, "giay-khen-ubnd-xa", "collective", D(YEAR, 3, 1))
    return made


# --- Expected figures, counted in Python ------------------------------------------------------------------------


def measures_of(items, all_items) -> dict:
    replicated = {i.replicates_id for i in all_items if i.replicates_id}
    return {
        "registered": len(items),
        "implementing": sum(i.state in ("implementing", "reviewed") for i in items),
        "effective": sum(i.result == "effective" for i in items),
        "not_effective": sum(i.result == "not_effective" for i in items),
        "stopped": sum(i.result == "stopped" for i in items),
        "replicated": sum(i.pk in replicated for i in items),
        "recognized": sum(i.state in ("praised", "awarded") for i in items),
        "new": sum(i.continues_id is None for i in items),
        "continued": sum(i.continues_id is not None for i in items),
    }


def everything():
    return list(Initiative.objects.select_related("field", "unit__level"))


def of_year(items, year, unit_ids=None):
    return [i for i in items if i.year == year and (unit_ids is None or i.unit_id in unit_ids)]


def area_of_a(world):
    return {world.commune_a.pk, world.village_a1.pk, world.village_a2.pk}


# --- Table A ----------------------------------------------------------------------------------------------------


def test_table_a_counts_each_field_as_the_rows_say_and_the_total_is_the_sum(world, data):
    items = everything()
    table = statistics.by_field(user=world.users["admin"], year=YEAR)
    for row in table.details:
        expected = measures_of([i for i in of_year(items, YEAR) if i.field_id == row.key], items)
        assert row.values == expected, row.label
    assert table.total.values == measures_of(of_year(items, YEAR), items)
    assert table.total.values == {m: sum(r.values[m] for r in table.details) for m in MEASURES}
    assert table.total.values["replicated"] == 1  # one origin copied twice; last year's origin counts last year
    assert statistics.by_field(user=world.users["admin"], year=YEAR - 1).total.values["replicated"] == 1
    assert table.total.values["continued"] == 3
    assert table.total.values["recognized"] > 0


def test_table_a_rows_keep_the_field_order_with_a_subtotal_heading_each_national_group(world, data):
    table = statistics.by_field(user=world.users["admin"], year=YEAR)
    fields = list(Field.objects.filter(scope__isnull=True).select_related("group").order_by("position"))
    assert [r.label for r in table.details] == [f.name for f in fields]
    subtotals = [r for r in table.rows if r.kind == "subtotal"]
    assert len(subtotals) == len({f.group_id for f in fields})
    for subtotal in subtotals:
        members = [r for r in table.details if Field.objects.get(pk=r.key).group_id == subtotal.key]
        assert subtotal.values == {m: sum(r.values[m] for r in members) for m in MEASURES}
    assert {m: sum(r.values[m] for r in subtotals) for m in MEASURES} == table.total.values
    assert subtotals[-1].label == "Xây dựng hệ thống chính trị"


def test_table_a_by_national_group_has_one_row_per_group_and_the_same_total(world, data):
    by_field = statistics.by_field(user=world.users["admin"], year=YEAR)
    by_group = statistics.by_field(user=world.users["admin"], year=YEAR, by="group")
    assert all(r.kind == "row" for r in by_group.rows)
    items = of_year(everything(), YEAR)
    for row in by_group.rows:
        assert row.values["registered"] == sum(i.field.group_id == row.key for i in items)
    assert by_group.total.values == by_field.total.values


def test_a_commune_user_sees_only_the_communes_own_initiatives(world, data):
    items = everything()
    mine = of_year(items, YEAR, area_of_a(world))
    table = statistics.by_field(user=world.users["editor_a"], year=YEAR)
    assert table.total.values == measures_of(mine, items)
    table_b = statistics.by_registrant(user=world.users["editor_a"], year=YEAR)
    assert [r.label for r in table_b.rows] == ["xã An Lộc"]


def test_the_unit_filter_keeps_what_rolls_up_to_the_unit(world, data):
    items = everything()
    table = statistics.by_field(user=world.users["admin"], year=YEAR, unit=world.commune_a)
    assert table.total.values == measures_of(of_year(items, YEAR, area_of_a(world)), items)
    district = statistics.by_field(user=world.users["admin"], year=YEAR, unit=world.district)
    assert district.total.values == statistics.by_field(user=world.users["admin"], year=YEAR).total.values


# --- Table B ----------------------------------------------------------------------------------------------------


def test_table_b_has_a_row_per_commune_and_per_registrant_above_the_commune(world, data, district_body):
    items = of_year(everything(), YEAR)
    table = statistics.by_registrant(user=world.users["admin"], year=YEAR)
    commune_of = {world.commune_a.pk: "xã An Lộc", world.village_a1.pk: "xã An Lộc", world.commune_b.pk: "xã Bình Lộc"}
    expected = Counter()
    for i in items:
        if i.unit_id in commune_of:
            label = commune_of[i.unit_id]
        elif i.body_id:
            label = district_body.name
        else:
            label = "huyện Đông Sơn"
        expected[(label, i.field_id)] += 1
    got = Counter()
    for row in table.rows:
        for key, _label in table.columns:
            if key != statistics.TOTAL and row.values.get(key):
                got[(row.label, key)] = row.values[key]
        assert row.values[statistics.TOTAL] == sum(v for k, v in row.values.items() if k != statistics.TOTAL)
    assert got == expected
    assert [r.label for r in table.rows] == ["xã An Lộc", "xã Bình Lộc", district_body.name, "huyện Đông Sơn"]
    assert table.total.values[statistics.TOTAL] == len(items)
    assert table.total.values[statistics.TOTAL] == sum(r.values[statistics.TOTAL] for r in table.rows)
    party_org_rows = [i for i in items if i.party_org_id]
    assert party_org_rows and all(i.unit_id == world.commune_a.pk for i in party_org_rows)  # counted in xã A


def merge_into_new_commune(world, day):
    reorg = units.reorganization_create(
        actor=loader_actor(),
        kind="merge",
        legal_basis="819/NQ-UBTVQH14",
        effective_date=day,
        units=[world.commune_a, world.commune_b],
        new_units=[{"name": "An Bình", "type": unit_type("commune")}],
    )
    return reorg.successions.first().successor


def test_merged_communes_count_toward_their_successor_from_the_year_of_the_merger(world):
    for year in (2018, YEAR):
        for n, unit in enumerate([world.commune_a, world.commune_a, world.commune_b, world.village_b1]):
            make_initiative(world, name=f"Mô hình {n}", year=year, unit=unit, field_code=FIELDS[n % 2])
    successor = merge_into_new_commune(world, D(YEAR, 7, 1))
    admin = world.users["admin"]

    after = statistics.by_registrant(user=admin, year=YEAR)
    assert [(r.label, r.values[statistics.TOTAL]) for r in after.rows] == [("xã An Bình", 4)]
    before = statistics.by_registrant(user=admin, year=2018)
    assert [(r.label, r.values[statistics.TOTAL]) for r in before.rows] == [("xã An Lộc", 2), ("xã Bình Lộc", 2)]

    assert statistics.by_field(user=admin, year=YEAR, unit=successor).total.values["registered"] == 4
    assert statistics.by_field(user=admin, year=2018, unit=world.commune_a).total.values["registered"] == 2
    assert statistics.by_field(user=admin, year=YEAR, unit=world.commune_a).total.values["registered"] == 0
    # The comparison uses this year's territory for both years.
    compared = statistics.year_on_year(user=admin, year=YEAR, unit=successor)
    assert (compared.total.values["registered_now"], compared.total.values["registered_before"]) == (4, 4)


# --- Table C ----------------------------------------------------------------------------------------------------


def test_table_c_counts_level_and_subject_by_kind(world, data):
    items = of_year(everything(), YEAR)
    table = statistics.by_level(user=world.users["admin"], year=YEAR)
    expected = Counter((i.level_id, i.subject_type_id, i.kind) for i in items)
    got = Counter()
    for row in table.details:
        level_id, subject_id = row.key
        for kind in KINDS:
            if row.values.get(kind):
                got[(level_id, subject_id, kind)] = row.values[kind]
        assert row.values[statistics.TOTAL] == sum(row.values.get(k, 0) for k in KINDS)
    assert got == expected
    for subtotal in [r for r in table.rows if r.kind == "subtotal"]:
        members = [r for r in table.details if r.key[0] == subtotal.key]
        assert subtotal.values[statistics.TOTAL] == sum(r.values[statistics.TOTAL] for r in members)
    assert [r.label for r in table.rows if r.kind == "subtotal"] == ["Cấp huyện", "Cấp xã", "Cấp thôn/tổ dân phố"]
    assert table.total.values[statistics.TOTAL] == len(items)
    for kind in KINDS:
        assert table.total.values[kind] == sum(i.kind == kind for i in items)


# --- Table D ----------------------------------------------------------------------------------------------------


def test_table_d_counts_the_award_decisions_of_the_year_by_form_and_recipient(world, data):
    table = statistics.awards(user=world.users["admin"], year=YEAR)
    decided = [a for a in Award.objects.all() if a.decided_on.year == YEAR]
    expected = Counter((a.form_id, a.recipient_kind) for a in decided)
    got = Counter()
    for row in table.rows:
        for kind in ("collective", "individual", "household"):
            if row.values.get(kind):
                got[(row.key, kind)] = row.values[kind]
    assert got == expected
    assert table.total.values[statistics.TOTAL] == len(decided) == 5
    assert table.total.values[statistics.TOTAL] == sum(r.values[statistics.TOTAL] for r in table.rows)
    next_year = statistics.awards(user=world.users["admin"], year=YEAR + 1)
    assert next_year.total.values[statistics.TOTAL] == 1


def test_a_praise_makes_the_model_praised_and_an_award_makes_it_awarded(world, data):
    states = Counter(Initiative.objects.filter(awards__isnull=False).distinct().values_list("state", flat=True))
    assert states["awarded"] >= 1 and states["praised"] == 1


# --- Table E and the trend --------------------------------------------------------------------------------------


def test_table_e_compares_with_last_year_field_by_field(world, data):
    items = everything()
    table = statistics.year_on_year(user=world.users["admin"], year=YEAR)
    for row in table.rows:
        now = [i for i in of_year(items, YEAR) if i.field_id == row.key]
        before = [i for i in of_year(items, YEAR - 1) if i.field_id == row.key]
        assert row.values["registered_now"] == len(now)
        assert row.values["registered_before"] == len(before)
        assert row.values["registered_diff"] == len(now) - len(before)
        expected_pct = round(100 * (len(now) - len(before)) / len(before), 1) if before else None
        assert row.values["registered_pct"] == expected_pct
        assert row.values["effective_now"] == sum(i.result == "effective" for i in now)
        assert row.values["effective_before"] == sum(i.result == "effective" for i in before)
    total = table.total.values
    assert total["registered_now"] == len(of_year(items, YEAR))
    assert total["registered_before"] == len(of_year(items, YEAR - 1))
    assert total["registered_pct"] == round(100 * (total["registered_now"] - 12) / 12, 1)
    assert statistics.year_on_year(user=world.users["admin"], year=2016).total.values["registered_pct"] is None


def test_the_trend_has_six_years_up_to_the_chosen_one(world, data):
    items = everything()
    trend = statistics.trend(user=world.users["admin"], year=YEAR)
    assert [y["year"] for y in trend] == list(range(YEAR - 5, YEAR + 1))
    for point in trend:
        year_items = of_year(items, point["year"])
        assert point["registered"] == len(year_items)
        assert point["effective"] == sum(i.result == "effective" for i in year_items)


# --- Queries ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "limit"),
    [("a", 5), ("b", 10), ("c", 4), ("d", 3), ("e", 5)],  # +1: the scope's unit ids
)
def test_each_table_takes_a_few_queries_whatever_the_data(world, data, code, limit, django_assert_max_num_queries):
    for user in (world.users["admin"], world.users["editor_a"]):
        for unit in (None, world.commune_a):
            with django_assert_max_num_queries(limit):
                statistics.table(code, user=user, year=YEAR, unit=unit)


def test_the_whole_report_takes_a_bounded_number_of_queries(world, data, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        statistics.report(user=world.users["district_user"], year=YEAR, unit=world.district)


# --- Pages ------------------------------------------------------------------------------------------------------


def url(name="emulation:statistics", **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse(name) + (f"?{query}" if query else "")


def test_the_statistics_page_shows_the_five_tables_and_the_charts(world, data, client_for):
    response = client_for("district_user").get(url(nam=YEAR))
    assert response.status_code == 200
    html = response.content.decode()
    for code in "abcde":
        assert f'id="bang-{code}"' in html
        assert f"bang={code}&amp;xuat=xlsx" in html
    assert "<rect" in html and "Xuất Excel" in html and "Bản in" in html
    assert "Ban Dân vận Huyện ủy Đông Sơn" in html
    assert response.context["tables"]["a"].total.values["registered"] == len(of_year(everything(), YEAR))


def test_the_page_by_national_group(world, data, client_for):
    response = client_for("admin").get(url(nam=YEAR, theo="nhom"))
    assert response.status_code == 200
    assert response.context["by"] == "group"
    assert len(response.context["tables"]["a"].rows) == len(response.context["tables"]["e"].rows)


@pytest.mark.parametrize("code", list("abcde"))
def test_each_table_exports_to_excel_with_its_total_row(world, data, client_for, code):
    response = client_for("admin").get(url(nam=YEAR, bang=code, xuat="xlsx"))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    table = statistics.table(code, user=world.users["admin"], year=YEAR)
    assert list(rows[0][2:]) == table.headers
    assert rows[-1][1] == "Tổng cộng"
    assert len(rows) == len(table.rows) + 2
    assert list(rows[-1][2:]) == table.total.cells


def test_the_print_page_has_the_title_the_unit_and_every_table(world, data, client_for):
    response = client_for("admin").get(url("emulation:statistics_print", nam=YEAR, don_vi=world.commune_a.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Báo cáo kết quả phong trào thi đua “Dân vận khéo” năm 2019" in html
    assert "xã An Lộc" in html and "Ctrl+P" in html
    for code in "abcde":
        assert f'id="bang-{code}"' in html
    assert "navbar" not in html and "<script" not in html


def test_anonymous_visitors_are_sent_to_the_login_page(client_for):
    for name in ("emulation:statistics", "emulation:statistics_print"):
        response = client_for("anonymous").get(reverse(name))
        assert response.status_code == 302
        assert "login" in response["Location"] or "dang-nhap" in response["Location"]


def test_a_unit_outside_the_scope_is_ignored(world, data, client_for):
    response = client_for("editor_a").get(url(nam=YEAR, don_vi=world.commune_b.pk))
    assert response.status_code == 200
    assert response.context["unit"] is None
    mine = of_year(everything(), YEAR, area_of_a(world))
    assert response.context["tables"]["a"].total.values["registered"] == len(mine)
    assert "Bình Lộc" not in response.content.decode()
    exported = client_for("editor_a").get(url(nam=YEAR, don_vi=world.commune_b.pk, bang="b", xuat="xlsx"))
    rows = list(openpyxl.load_workbook(io.BytesIO(exported.content)).active.iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == ["xã An Lộc", "Tổng cộng"]


def test_a_year_out_of_range_falls_back_to_this_year(world, client_for, on_day):
    on_day(D(YEAR, 6, 1))
    response = client_for("admin").get(url(nam=1900))
    assert response.status_code == 200
    assert response.context["year"] == YEAR
