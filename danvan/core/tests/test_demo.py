"""The demo district: Can Lộc (Hà Tĩnh) from 2016 to today, loaded once, idempotent."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from danvan.core import dates, demo_data, names, selectors
from danvan.core.models import Membership, PartyOrg, Unit, UnitVersion

D = datetime.date


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


def communes_on(day):
    return UnitVersion.objects.valid_on(day).filter(unit__level__code="commune")


def district():
    return Unit.objects.get(level__code="district", code=demo_data.DISTRICT["code"])


def test_the_tree_differs_in_2016_2021_and_today(demo, db):
    can_loc = district()
    assert communes_on(D(2016, 6, 1)).filter(parent=can_loc).count() == 23
    assert communes_on(D(2021, 6, 1)).filter(parent=can_loc).count() == 18
    assert communes_on(D(2025, 6, 30)).filter(parent=can_loc).count() == 17  # Trung Lộc went into TT Đồng Lộc
    assert not can_loc.is_valid_on(D(2026, 1, 1))
    today = dates.today()
    assert communes_on(today).filter(parent__code="42").count() == 69  # Hà Tĩnh after 1665/NQ-UBTVQH15
    assert not UnitVersion.objects.valid_on(today).filter(unit__level__code="district").exists()


def test_old_can_loc_is_six_communes_today_with_their_codes(demo, db):
    today = dates.today()
    formed = {}
    for version in communes_on(D(2025, 6, 30)).filter(parent=district()).select_related("unit"):
        (successor,) = selectors.unit_successors(version.unit, as_of=today)
        formed.setdefault((successor.name, successor.code), set()).add(version.name)
    assert formed == {
        ("Can Lộc", "18406"): {"Nghèn", "Thiên Lộc", "Vượng Lộc"},
        ("Đồng Lộc", "18484"): {"Thượng Lộc", "Đồng Lộc", "Mỹ Lộc"},
        ("Gia Hanh", "18466"): {"Thanh Lộc", "Gia Hanh", "Khánh Vĩnh Yên"},
        ("Trường Lưu", "18436"): {"Kim Song Trường", "Thường Nga", "Phú Lộc"},
        ("Tùng Lộc", "18418"): {"Thuần Thiện", "Tùng Lộc"},
        ("Xuân Lộc", "18481"): {"Xuân Lộc", "Quang Lộc", "Sơn Lộc"},
    }
    six = Unit.objects.filter(code__in=[c for _n, c in formed], level__code="commune", valid_from=D(2025, 7, 1))
    assert all(u.full_name.startswith("xã ") and u.parent.code == "42" for u in six) and six.count() == 6
    # Each has its Đảng ủy, UBND and Đảng bộ from 01/07/2025, and its villages' cells under that Đảng bộ.
    from danvan.core.models import Body, PartyOrg

    for unit in six:
        kinds = set(Body.objects.valid_on(today).filter(unit=unit).values_list("type__code", flat=True))
        assert {"party_committee", "people_committee"} <= kinds
        committee = PartyOrg.objects.valid_on(today).get(unit=unit)
        assert committee.is_upper_grassroots and committee.parent.unit.code == "42"
        villages = UnitVersion.objects.valid_on(today).filter(parent=unit).values("unit")
        assert PartyOrg.objects.valid_on(today).filter(unit__in=villages).exclude(parent=committee).count() == 0
        assert PartyOrg.objects.valid_on(today).filter(unit__in=villages).count() == villages.count() > 0


def test_the_standing_committee_sees_today_s_map_and_the_2016_one(demo, db):
    from django.contrib.auth import get_user_model

    page = Client()
    page.force_login(get_user_model().objects.get(username="thuongtruc"))
    province = Unit.objects.get(level__code="province", code="42")
    home = page.get("/").content.decode()
    assert all(f"xã {spec['name']}" in home for spec in demo_data.NEW_COMMUNES)
    today = page.get(f"/don-vi/cay/{province.pk}/").content.decode()
    assert today.count("<li>") == 69 and "xã Can Lộc" in today and "huyện" not in today and "Nghèn" not in today
    in_2016 = page.get(f"/don-vi/cay/{district().pk}/?ngay=01/06/2016").content.decode()
    assert in_2016.count("<li>") == 23 and "thị trấn Nghèn" in in_2016 and "xã Đồng Lộc" in in_2016
    assert "xã Trung Lộc" in in_2016 and "xã Can Lộc" not in in_2016
    xa_can_loc = Unit.objects.get(level__code="commune", code="18406", valid_from=D(2025, 7, 1))
    detail = page.get(f"/don-vi/{xa_can_loc.pk}/").content.decode()
    assert "18406" in detail and "UBND xã Can Lộc" in detail and "Đảng ủy xã Can Lộc" in detail
    assert "thị trấn Nghèn" in detail and "1665/NQ-UBTVQH15" in detail


def test_the_2020_mergers_are_answered_by_the_succession_function(demo, db):
    kim_loc = Unit.objects.get(name="Kim Lộc")
    assert [u.name for u in selectors.unit_successors(kim_loc, as_of=D(2021, 1, 1))] == ["Kim Song Trường"]
    nghen = Unit.objects.get(name="Nghèn")
    assert {u.name for u in selectors.unit_predecessors(nghen)} == {"Tiến Lộc"}
    dong_loc = Unit.objects.get(name="Đồng Lộc", valid_to=D(2025, 6, 30))
    assert dong_loc.full_name == "thị trấn Đồng Lộc"
    assert [u.name for u in selectors.unit_predecessors(dong_loc)] == ["Trung Lộc"]
    trung_loc = Unit.objects.get(name="Trung Lộc")
    assert trung_loc.valid_to == D(2024, 12, 31)
    assert [u.full_name for u in selectors.unit_successors(trung_loc, as_of=D(2025, 3, 1))] == ["thị trấn Đồng Lộc"]


def test_the_demo_communes_carry_their_official_codes_and_the_district_ends_by_203_2025(demo, db):
    from danvan.core.models import Reorganization

    codes = dict(communes_on(D(2025, 6, 30)).filter(parent=district()).values_list("name", "code"))
    assert codes["Nghèn"] == "18406" and codes["Kim Song Trường"] == "18436" and codes["Khánh Vĩnh Yên"] == "18466"
    assert len([c for c in codes.values() if c]) == len(codes) == 17
    # One end of the district level, the import's, for Hà Tĩnh's 12 district-level units of 30/06/2025 (Lộc Hà
    # had gone into Thạch Hà), Can Lộc among them.
    event = Reorganization.objects.get(kind="dissolve_level")
    assert event.legal_basis == "Nghị quyết 203/2025/QH15; Luật 72/2025/QH15"
    assert event.units.filter(pk=district().pk).exists() and event.units.filter(level__code="district").count() == 12
    thien_loc_into_can_loc = Reorganization.objects.get(effective_date=D(2025, 7, 1), units__code="18415")
    assert thien_loc_into_can_loc.legal_basis == "1665/NQ-UBTVQH15"


def test_loading_again_changes_nothing(demo, db):
    before = (Unit.objects.count(), Membership.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Unit.objects.count(), Membership.objects.count()) == before


@pytest.mark.parametrize("username", ["admin"] + [u["username"] for u in demo_data.DEMO_USERS])
def test_every_demo_user_logs_in_with_demo_and_reaches_the_dashboard(demo, db, username):
    client = Client()
    response = client.post("/dang-nhap/", {"username": username, "password": "demo"}, follow=True)
    assert response.status_code == 200 and "Vai trò của bạn" in response.content.decode()
    assert "chưa được phân quyền" not in response.content.decode()


def test_the_demo_has_working_groups_with_teams_covering_every_commune_and_gaps_in_attendance(demo, db):
    from danvan.supervision import statistics as supervision
    from danvan.supervision.models import Assignment, WorkingGroup

    district_groups = WorkingGroup.objects.filter(unit=district())
    assert district_groups.count() == 4
    assert Assignment.objects.filter(team__group__in=district_groups).values("unit").distinct().count() == 23
    rows = supervision.coverage(group=district_groups.first(), year=2016, quarter=2)
    cells = [attended for _team, communes in rows for c in communes for _cell, attended in c.cells]
    assert 0 in cells and any(cells)  # some cells attended, some not: the coverage view has colour


def test_present_day_work_is_with_the_communes_of_2025_and_2016_work_with_the_2016_units(demo, db):
    from danvan.petitions.models import Petition
    from danvan.supervision.models import Activity, Assignment, MonthlyReport, RaisedItem

    six = {spec["code"] for spec in demo_data.NEW_COMMUNES}
    province_group = Assignment.objects.filter(team__group__unit__code="42")
    assert set(province_group.values_list("unit__code", flat=True)) == six
    assert set(province_group.values_list("unit__valid_from", flat=True)) == {D(2025, 7, 1)}
    ended = Unit.objects.filter(level__code="commune", valid_to=D(2025, 6, 30))
    assert ended.filter(code="18406").exists()  # thị trấn Nghèn, whose code xã Can Lộc took
    after = D(2025, 7, 1)
    assert MonthlyReport.objects.filter(period__gte=after).exists()
    for rows in (
        MonthlyReport.objects.filter(period__gte=after),
        Activity.objects.filter(held_on__gte=after),
        RaisedItem.objects.filter(raised_on__gte=after),
        Petition.objects.filter(raised_on__gte=after),
    ):
        assert not rows.filter(unit__in=ended).exists(), rows.model
    reports_2016 = MonthlyReport.objects.filter(period__year=2016)
    assert reports_2016.exists() and not reports_2016.filter(unit__valid_from=after).exists()


def test_the_demo_kien_nghi_register_of_2016(demo, db):
    """300–500 items in 2016 from reports, cell meetings and voters, with every situation the screens show."""
    from danvan.core.models import CalendarDay
    from danvan.petitions.models import Petition

    items = Petition.objects.filter(year=2016)
    assert 300 <= items.count() <= 500
    assert {"monthly_report", "cell_meeting", "voter"} <= set(items.values_list("source", flat=True))
    assert items.filter(state__in=["transferred", "in_progress"], due_on__lt=D(2016, 12, 31)).exists()  # overdue
    assert items.filter(carried_over=True).exists() and items.filter(duplicate_of__isnull=False).exists()
    assert items.filter(state="closed").exists() and items.filter(reopen_count__gt=0).exists()
    assert items.filter(escalated_on__isnull=False).exists() and items.filter(on_time=False).exists()
    assert CalendarDay.objects.filter(day__year=2016, kind="holiday").count() >= 10  # Tết, Giỗ Tổ, 30/4, 1/5, 2/9


def test_the_2015_dan_van_kheo_report_shows_the_articles_figures(demo, db):
    from django.contrib.auth import get_user_model

    from danvan.emulation import statistics
    from danvan.emulation.models import Initiative

    user = get_user_model().objects.get(username="bandanvan")
    table = statistics.by_field(user=user, year=2015)
    registered = {r.label: r.values["registered"] for r in table.details}
    assert registered == {
        "Kinh tế": 197,
        "Quốc phòng - an ninh": 39,
        "Văn hóa - xã hội": 92,
        "Chính quyền": 34,
        "Xây dựng Đảng": 40,
        "Đoàn thể chính trị": 39,
    }
    assert table.total.values["registered"] == 441
    rows = Initiative.objects.filter(year=2015)
    assert table.total.values["effective"] == rows.filter(result="effective").count() > 300
    assert rows.filter(result="not_effective").exists() and rows.filter(result="stopped").exists()
    assert rows.filter(state="awarded").exists() and rows.filter(state="praised").exists()
    assert rows.filter(body__isnull=False).count() > 30  # district agencies and mass organisations
    assert rows.values("unit").filter(unit__level__code="commune").distinct().count() == 23
    page = Client()
    page.force_login(user)
    html = page.get("/dan-van-kheo/thong-ke/?nam=2015").content.decode()
    assert "441" in html and "197" in html
    later = Initiative.objects.filter(year=2016)
    assert later.filter(continues__isnull=False).count() > 100 and later.filter(replicates__isnull=False).exists()
    assert set(later.values_list("state", flat=True)) >= {"registered", "returned", "implementing", "reviewed"}


def test_the_demo_grassroots_democracy_shows_both_rule_sets(demo, db):
    """2016: every commune under Ordinance 34/2007, some meeting every duty and some not; 2024: thị trấn
    Nghèn under Law 10/2022, with a quarter of the budget due again and a loudspeaker reading too short."""
    from django.contrib.auth import get_user_model

    from danvan.democracy import selectors as democracy
    from danvan.democracy import statistics
    from danvan.democracy.models import CommunityDecision, Consultation, Disclosure, Inspection, InspectionBoard

    admin = get_user_model().objects.get(username="admin")
    communes = democracy.communes_under(district(), D(2016, 12, 31), admin)
    assert len(communes) == 23
    results = statistics.Ledger(communes, D(2016, 1, 1), D(2016, 12, 31), D.today()).results()
    percents = [r.percent for r in results]
    assert None not in percents
    assert any(p == 100 for p in percents) and any(p < 100 for p in percents)
    missed = {d.kind for r in results for d in r.duties if not d.met}
    assert {"disclosure", "recognition", "election", "board", "inspection", "consultation"} <= missed
    assert "reelection" in {d.kind for r in results for d in r.duties}  # a dismissal, then a new election
    assert Disclosure.objects.filter(unit__in=communes, started_on__year=2016).values("unit").distinct().count() == 23

    for model, field in ((Disclosure, "started_on"), (CommunityDecision, "held_on"), (Consultation, "opened_on")):
        assert set(model.objects.filter(**{f"{field}__year": 2016}).values_list("rule_set__code", flat=True)) == {
            "pl-34-2007"
        }
        assert set(model.objects.filter(**{f"{field}__year": 2024}).values_list("rule_set__code", flat=True)) == {
            "luat-10-2022"
        }
    votes = CommunityDecision.objects.filter(held_on__year=2016)
    assert 30 <= votes.count() <= 45
    assert votes.filter(passed=False).exists() and votes.filter(method="secret").exists()
    assert votes.filter(basis="voters").exists() and votes.filter(state="recorded").exists()
    assert votes.filter(matter__code="pl-qd-04", dismissal=False).exists()
    assert InspectionBoard.objects.filter(term_from__year__in=[2015, 2016]).count() >= 15
    assert Inspection.objects.filter(petition__isnull=False).exists()

    nghen = Unit.objects.get(name="Nghèn")
    result = statistics.Ledger([nghen], D(2024, 1, 1), D(2024, 12, 31), D.today()).result(nghen)
    assert result.rule_set.code == "luat-10-2022"
    statuses = {row.item.code: row.status for row in result.checklist}
    assert statuses["cc-02"] == statistics.Status.DUE_AGAIN
    assert statuses["cc-07"] == statistics.Status.TOO_SHORT
    assert {"dialogue", "election", "board", "inspection", "consultation"} <= {d.kind for d in result.duties}
    assert CommunityDecision.objects.filter(unit=nghen, held_on__year=2024, form="online").exists()


def test_no_work_is_left_at_a_body_that_has_ended(demo, db):
    """Issue 13.4: 2016 is settled before 2017 but for a handful; what was open at 30/06/2025 at the district's
    bodies was handed over on 01/07/2025 with the legal basis, and the daily check escalates nothing about an
    ended body."""
    from django.db.models import Q

    from danvan.core.models import Body, Notification
    from danvan.petitions.models import Petition, PetitionEvent

    handover_basis = "Nghị quyết 1665/NQ-UBTVQH15 ngày 16/6/2025; Nghị quyết 203/2025/QH15"  # petitions/demo.py

    today = dates.today()
    done = ("resolved", "closed")
    ended = Body.objects.filter(valid_to__lt=today)
    assert ended.filter(unit=district()).count() > 10
    assert not Petition.objects.exclude(state__in=done).filter(body__in=ended).exists()
    # 2016 is settled before 2017, but for a handful still open on 30/06/2025.
    open_2016 = Petition.objects.filter(year=2016, duplicate_of__isnull=True, body__isnull=False).exclude(
        Q(state__in=done, resolved_on__lt=D(2017, 1, 1)) | Q(state="closed", closed_on__lt=D(2017, 1, 1))
    )
    assert 1 <= open_2016.count() <= 4  # the long disputes of petitions/demo.py
    # Each open item of 30/06/2025 at an ended body carries the hand-over event with its basis, to a provincial body.
    handed = PetitionEvent.objects.filter(action=PetitionEvent.Action.HANDED_OVER).select_related("body__unit")
    assert handed.count() >= open_2016.count()
    assert set(open_2016.values_list("pk", flat=True)) <= set(handed.values_list("petition_id", flat=True))
    for event in handed:
        assert event.on == D(2025, 7, 1) and handover_basis in event.text
        assert event.body.unit.level.code == "province" and event.body.is_valid_on(today)
        assert "Can Lộc" in event.text  # from the district body
    # The standing committee has nothing to hand over, and the daily check tells nobody about an ended body.
    from django.contrib.auth import get_user_model

    from danvan.petitions import selectors as petitions

    assert petitions.stuck_at_ended_bodies(get_user_model().objects.get(username="thuongtruc")) == []
    before = set(Notification.objects.values_list("pk", flat=True))
    call_command("check_petition_deadlines", stdout=io.StringIO())
    new = Notification.objects.exclude(pk__in=before)
    assert not new.filter(key__startswith="petition-stuck-body-").exists()
    late = [int(k.split("-")[1]) for k in new.filter(key__contains="-late-").values_list("key", flat=True)]
    assert not Petition.objects.filter(pk__in=late, body__in=ended).exists()
    assert not PetitionEvent.objects.filter(action="escalated", on=today, body__in=ended).exists()


# --- Party organisations through time (issue 13) ---------------------------------------------------------------

LAST_DAY, TWO_TIER = D(2025, 6, 30), D(2025, 7, 1)


def parent_on(org, day) -> int | None:
    return names.party_orgs_as_of([org.pk], day)[org.pk].parent_id


def test_the_demo_cells_are_under_the_old_communes_in_2016_and_the_six_dang_uy_from_01_07_2025(demo, db):
    can_loc = Unit.objects.get(level__code="district", code=demo_data.DISTRICT["code"])
    old = UnitVersion.objects.valid_on(D(2016, 6, 1)).filter(parent=can_loc)
    villages_2016 = UnitVersion.objects.valid_on(D(2016, 6, 1)).filter(parent__in=old.values("unit"))
    cells = PartyOrg.objects.filter(unit__in=villages_2016.values("unit"))
    assert cells.count() == villages_2016.count() > 50  # one cell per village, kept through time
    ids = list(cells.values_list("pk", flat=True))
    then = names.party_orgs_as_of(ids, D(2016, 6, 1))
    commune_of = dict(villages_2016.values_list("unit_id", "parent_id"))
    assert all(PartyOrg.objects.get(pk=n.parent_id).unit_id == commune_of[n.unit_id] for n in then.values())
    assert {n.parent.name for n in then.values()} >= {"Đảng bộ xã Tiến Lộc", "Đảng bộ thị trấn Nghèn"}
    six = {u.pk: u for u in Unit.objects.filter(level__code="commune", valid_from=TWO_TIER, parent__code="42")}
    dang_uy = {o.unit_id: o for o in PartyOrg.objects.filter(unit__in=six, is_upper_grassroots=True)}
    new, on_30_06 = names.party_orgs_as_of(ids, TWO_TIER), names.party_orgs_as_of(ids, LAST_DAY)
    for org_id, name in new.items():
        village = UnitVersion.objects.valid_on(TWO_TIER).get(unit_id=name.unit_id)
        assert name.parent_id == dang_uy[village.parent_id].pk, name
        assert on_30_06[org_id].parent_id != name.parent_id
    assert len({n.parent_id for n in new.values()}) == 6
    # The 2018 upgrade renamed Đồng Lộc's Đảng bộ and cells from that day; the 2020 merger moved Tiến Lộc's cells.
    dong_loc = PartyOrg.objects.get(name="Đảng bộ thị trấn Đồng Lộc")
    assert names.party_orgs_as_of([dong_loc.pk], D(2018, 7, 10))[dong_loc.pk].name == "Đảng bộ xã Đồng Lộc"
    tien_loc = PartyOrg.objects.get(name="Đảng bộ xã Tiến Lộc")
    assert tien_loc.valid_to == D(2019, 12, 31)
    moved = names.party_org_children_as_of([tien_loc.pk], D(2019, 12, 31)).values("party_org")
    nghen = PartyOrg.objects.get(name="Đảng bộ thị trấn Nghèn")
    assert moved.exists() and all(
        parent_on(o, D(2020, 1, 1)) == nghen.pk for o in PartyOrg.objects.filter(pk__in=moved)
    )
