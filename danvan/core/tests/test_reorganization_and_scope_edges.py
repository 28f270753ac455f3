"""Edge cases found in review: same-day and future-dated reorganizations, writes and names outside the scope."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from danvan.core import permissions
from danvan.core.access import loader_actor
from danvan.core.models import Body, Person, Unit
from danvan.core.services import orgs, units
from danvan.core.tests.cast import grant, make_user, unit_type

from .. import dates

D = datetime.date


def test_two_events_on_the_same_day_apply_in_order(world):
    day = D(2020, 1, 1)
    units.reorganization_create(
        actor=loader_actor(),
        kind="rename",
        legal_basis="1/NQ",
        effective_date=day,
        units=[world.commune_a],
        new_name="An Lộc Mới",
    )
    units.reorganization_create(
        actor=loader_actor(),
        kind="merge",
        legal_basis="2/NQ",
        effective_date=day,
        units=[world.commune_a, world.commune_b],
        into=world.commune_b,
    )
    world.commune_a.refresh_from_db()
    assert world.commune_a.valid_to == D(2019, 12, 31)
    assert not world.commune_a.versions.valid_on(day).exists()  # the renamed state never lasted a day
    assert world.commune_a.name == "An Lộc"


def test_the_end_of_the_district_level_and_a_merger_on_the_same_day(world):
    day = D(2025, 7, 1)  # both happened on 01/07/2025
    units.reorganization_create(
        actor=loader_actor(),
        kind="dissolve_level",
        legal_basis="Nghị quyết 203/2025/QH15; Luật 72/2025/QH15",
        effective_date=day,
        units=[world.district],
    )
    units.reorganization_create(
        actor=loader_actor(),
        kind="merge",
        legal_basis="1665/NQ-UBTVQH15",
        effective_date=day,
        units=[world.commune_a, world.commune_b],
        new_units=[{"name": "An Bình", "type": unit_type("commune")}],
    )
    merged = Unit.objects.get(name="An Bình")
    from danvan.core import selectors

    assert selectors.unit_ancestors(merged, as_of=day) == [world.province]
    assert selectors.unit_rollup_target(world.village_a1, as_of=day, level_code="commune") == merged
    assert selectors.unit_rollup_target(world.village_a1, as_of=D(2025, 6, 30), level_code="district") == world.district


def test_a_split_into_the_unit_itself_is_refused_with_a_field_error(world):
    with pytest.raises(ValidationError):  # was: IntegrityError (CHECK succession_not_self)
        units.reorganization_create(
            actor=loader_actor(),
            kind="split",
            legal_basis="3/NQ",
            effective_date=D(2020, 1, 1),
            units=[world.commune_a],
            into=world.commune_a,
            new_units=[{"name": "An Lộc Bắc", "type": unit_type("commune")}],
        )


def test_a_merge_whose_only_unit_is_the_receiver_is_refused_not_a_500(world):
    with pytest.raises(ValidationError):  # was: IndexError on ended[0]
        units.reorganization_create(
            actor=loader_actor(),
            kind="merge",
            legal_basis="4/NQ",
            effective_date=D(2020, 1, 1),
            units=[world.commune_a],
            into=world.commune_a,
            new_units=[{"name": "X", "type": unit_type("commune")}],
        )


def test_a_split_cannot_hand_a_commune_to_a_district(world):
    with pytest.raises(ValidationError):  # was: accepted; village A2 ends up directly under the district
        units.reorganization_create(
            actor=loader_actor(),
            kind="split",
            legal_basis="5/NQ",
            effective_date=D(2020, 1, 1),
            units=[world.commune_a],
            into=world.district,
            moved=[world.village_a2],
            new_units=[{"name": "An Lộc Bắc", "type": unit_type("commune")}],
        )


def test_the_detail_page_of_a_unit_that_begins_tomorrow_opens(world, client_for):
    tomorrow = dates.today() + datetime.timedelta(days=1)
    future = units.unit_create(
        actor=loader_actor(),
        name="Tương Lai",
        unit_type=unit_type("village"),
        parent=world.commune_a,
        valid_from=tomorrow,
    )
    response = client_for("editor_a").get(reverse("core:unit_detail", args=[future.pk]))
    assert response.status_code == 200  # was: 500 (valid_on(None) / comparing None with a date)


def test_a_future_rename_does_not_change_todays_name(world):
    next_year = dates.today().replace(year=dates.today().year + 1)
    units.reorganization_create(
        actor=loader_actor(),
        kind="rename",
        legal_basis="6/NQ",
        effective_date=next_year,
        units=[world.commune_a],
        new_name="Tên Sau Này",
    )
    world.commune_a.refresh_from_db()
    assert world.commune_a.name == "An Lộc"  # was: the cached name is already the future one


def test_after_a_merge_the_successors_editor_can_move_people_of_the_ended_commune(world):
    units.reorganization_create(
        actor=loader_actor(),
        kind="merge",
        legal_basis="7/NQ",
        effective_date=D(2020, 1, 1),
        units=[world.commune_a, world.commune_b],
        into=world.commune_b,
    )
    world.commune_a.refresh_from_db()
    person = Person.objects.get(pk=world.person_a.pk)
    # user_b (committee_office of xã B, which absorbed xã A) sees the person but can never edit or move them
    assert permissions.can(world.users["user_b"], permissions.Cap.VIEW, person.unit)
    orgs.person_update(
        actor=world.users["user_b"],
        person=person,
        expected_version=person.version,
        full_name=person.full_name,
        unit=world.commune_b,
    )  # was: PermissionDenied


def test_dissolving_a_district_needs_rights_over_the_province_that_receives_it(world):
    district_office = make_user("district_office")
    grant(district_office, "committee_office", world.district)
    with pytest.raises(PermissionDenied):  # was: accepted; communes now sit under the province
        units.reorganization_create(
            actor=district_office,
            kind="dissolve_level",
            legal_basis="8/NQ",
            effective_date=D(2025, 7, 1),
            units=[world.district],
        )


def test_a_position_cannot_be_put_in_a_body_the_actor_may_not_manage(world):
    # A commune officer of xã A who is also a (view-only) standing committee member of the district.
    officer = make_user("officer")
    grant(officer, "commune_officer", world.commune_a)
    grant(officer, "standing_committee", world.district)
    with pytest.raises(PermissionDenied):  # was: accepted, person A now holds a post in UBND xã B
        orgs.position_create(
            actor=officer, person=world.person_a, title="Phó Chủ tịch", body=world.body_b, valid_from=D(2024, 1, 1)
        )


def test_the_reorganization_page_does_not_name_units_outside_the_scope(world, client_for):
    reorg = units.reorganization_create(
        actor=loader_actor(),
        kind="boundary_change",
        legal_basis="9/NQ",
        effective_date=D(2020, 1, 1),
        units=[world.commune_b],
        into=world.commune_a,
        moved=[world.village_b1],
    )
    # viewer_a sees the event (B1 moved into xã A): fine. But the list also names xã Bình Lộc.
    page = client_for("viewer_a").get(reverse("core:reorganization_list")).content.decode()
    assert "Bình Lộc" not in page  # was: listed in "Đơn vị liên quan"
    page = client_for("viewer_a").get(reverse("core:reorganization_detail", args=[reorg.pk])).content.decode()
    assert "Bình Lộc" not in page


def test_the_membership_form_does_not_list_every_account_in_the_country(world, client_for):
    admin_a = make_user("admin_a")
    grant(admin_a, "administrator", world.commune_a)
    from django.test import Client

    c = Client()
    c.force_login(admin_a)
    page = c.get(reverse("core:membership_create")).content.decode()
    assert "user_b" not in page and "district_user" not in page  # was: every active account is an option


def test_a_body_page_does_not_name_people_or_child_bodies_outside_the_scope(world, client_for):
    orgs.position_create(
        actor=loader_actor(), person=world.person_b, title="Cộng tác viên", body=world.body_a, valid_from=D(2024, 1, 1)
    )
    orgs.body_create(
        actor=loader_actor(),
        name="Tổ công tác xã Bình Lộc",
        body_type=world.body_b.type,
        unit=world.commune_b,
        parent=world.body_a,
        valid_from=D(2024, 1, 1),
    )
    page = client_for("viewer_a").get(reverse("core:body_detail", args=[world.body_a.pk])).content.decode()
    assert "Trần Văn Bình" not in page  # was: shown (positions not scoped)
    assert "Tổ công tác xã Bình Lộc" not in page  # was: shown (children not scoped, unlike party orgs)


def test_editing_without_a_version_does_not_bypass_the_stale_check(world, client_for):
    c = client_for("editor_a")
    url = reverse("core:unit_edit", args=[world.commune_a.pk])
    c.post(url, {"version": world.commune_a.version, "name": "An Lộc 1"})
    r = c.post(url, {"name": "An Lộc 2"})  # a stale tab that drops the hidden field (or an API client)
    assert r.status_code == 200  # was: 302, the other edit is overwritten


def test_the_reorganization_detail_names_only_units_in_scope(world, client_for):
    reorg = units.reorganization_create(
        actor=loader_actor(),
        kind="boundary_change",
        legal_basis="9/NQ",
        effective_date=D(2020, 1, 1),
        units=[world.commune_b],
        into=world.commune_a,
        moved=[world.village_b1],
    )
    page = client_for("viewer_a").get(reverse("core:reorganization_detail", args=[reorg.pk])).content.decode()
    assert "Bình Lộc" not in page


def test_after_a_split_each_successor_sees_only_its_own_part(world, client_for):
    units.reorganization_create(
        actor=loader_actor(),
        kind="split",
        legal_basis="10/NQ",
        effective_date=D(2020, 1, 1),
        units=[world.commune_a],
        moved=[world.village_a2],
        new_units=[
            {"name": "Bắc Một", "type": unit_type("commune")},
            {"name": "Nam Hai", "type": unit_type("commune")},
        ],
    )
    x1 = Unit.objects.get(name="Bắc Một")
    u = make_user("x1_viewer")
    grant(u, "viewer", x1, valid_from=D(2020, 1, 1))
    from django.test import Client

    c = Client()
    c.force_login(u)
    assert c.get(reverse("core:unit_detail", args=[world.commune_a.pk])).status_code == 200
    page = c.get(reverse("core:unit_detail", args=[world.commune_a.pk])).content.decode()
    assert "Bắc Một" in page and "Nam Hai" not in page  # successors are named only within the scope
    nh = Unit.objects.get(name="Nam Hai")
    assert c.get(reverse("core:unit_detail", args=[nh.pk])).status_code == 404
    # village A2 went to Nam Hai: x1 viewer must not see it
    assert c.get(reverse("core:unit_detail", args=[world.village_a2.pk])).status_code == 404


def test_a_future_merger_does_not_move_villages_today(world):
    next_year = dates.today().replace(year=dates.today().year + 1)
    units.reorganization_create(
        actor=loader_actor(),
        kind="merge",
        legal_basis="11/NQ",
        effective_date=next_year,
        units=[world.commune_a, world.commune_b],
        new_units=[{"name": "Tương Lai", "type": unit_type("commune")}],
    )
    world.village_a1.refresh_from_db()
    assert world.village_a1.parent_id == world.commune_a.pk, world.village_a1.parent  # cached parent is future unit


def test_a_merged_unit_cannot_be_un_ended_by_an_edit(world):
    next_year = dates.today().replace(year=dates.today().year + 1)
    units.reorganization_create(
        actor=loader_actor(),
        kind="merge",
        legal_basis="12/NQ",
        effective_date=next_year,
        units=[world.commune_a, world.commune_b],
        into=world.commune_b,
    )
    world.commune_a.refresh_from_db()
    with pytest.raises(ValidationError):
        units.unit_update(
            actor=world.users["editor_a"],
            unit=world.commune_a,
            expected_version=world.commune_a.version,
            name="An Lộc",
            code="",
            note="",
            valid_to=None,
        )


def test_memberships_bodies_and_party_orgs_of_an_ended_commune_end_with_it(world):
    units.reorganization_create(
        actor=loader_actor(),
        kind="merge",
        legal_basis="13/NQ",
        effective_date=D(2020, 1, 1),
        units=[world.commune_a, world.commune_b],
        into=world.commune_b,
    )
    from danvan.core.models import Membership, PartyOrg

    assert Membership.objects.get(user=world.users["editor_a"]).valid_to == D(2019, 12, 31)
    assert Body.objects.get(pk=world.body_a.pk).valid_to == D(2019, 12, 31)
    assert PartyOrg.objects.get(pk=world.party_org_a.pk).valid_to == D(2019, 12, 31)
    assert Body.objects.get(pk=world.body_b.pk).valid_to is None  # the receiver's bodies carry on
    assert Person.objects.get(pk=world.person_a.pk).unit == world.commune_b


def test_a_boundary_change_is_in_the_receiving_communes_audit_log(world, client_for):
    admin_a = make_user("admin_a2")
    grant(admin_a, "administrator", world.commune_a)
    units.reorganization_create(
        actor=loader_actor(),
        kind="boundary_change",
        legal_basis="14/NQ",
        effective_date=D(2020, 1, 1),
        units=[world.commune_b],
        into=world.commune_a,
        moved=[world.village_b1],
    )
    from danvan.core import selectors

    # The receiving commune's administrator sees the village that arrived, with the event's legal basis.
    entries = selectors.audit_log(user=admin_a, model="unit").filter(object_id=str(world.village_b1.pk))
    assert entries.filter(verb__contains="14/NQ").exists()


def test_the_membership_form_offers_only_units_that_exist_today(world, client_for):
    units.reorganization_create(
        actor=loader_actor(),
        kind="merge",
        legal_basis="15/NQ",
        effective_date=D(2020, 1, 1),
        units=[world.commune_a, world.commune_b],
        into=world.commune_b,
    )
    admin_b = make_user("admin_b")
    grant(admin_b, "administrator", world.commune_b)
    from django.test import Client

    c = Client()
    c.force_login(admin_b)
    r = c.post(
        reverse("core:membership_create"),
        {
            "user": world.users["viewer_a"].pk,
            "role": __import__("danvan.core.models", fromlist=["Role"]).Role.objects.get(code="viewer").pk,
            "unit": world.commune_a.pk,
            "valid_from": "01/01/2019",
        },
    )
    assert r.status_code == 200, r.status_code


def test_a_village_created_under_a_commune_that_a_recorded_merge_will_end_follows_the_merge(world):
    from danvan.core import selectors

    today = dates.today()
    next_year = today.replace(year=today.year + 1)
    units.reorganization_create(
        actor=loader_actor(),
        kind="merge",
        legal_basis="16/NQ",
        effective_date=next_year,
        units=[world.commune_a, world.commune_b],
        into=world.commune_b,
    )
    world.commune_a.refresh_from_db()
    village = units.unit_create(
        actor=world.users["editor_a"],
        name="Mới Lập",
        unit_type=unit_type("village"),
        parent=world.commune_a,
        valid_from=today,
    )
    after = next_year + datetime.timedelta(days=10)
    assert selectors.unit_rollup_target(village, as_of=after, level_code="commune") == world.commune_b


def test_an_end_date_of_31_12_9999_is_refused_next_to_the_field(world, client_for):
    from danvan.core.models import UnitType

    r = client_for("editor_a").post(
        reverse("core:unit_create"),
        {
            "name": "Thôn Vĩnh Cửu",
            "unit_type": UnitType.objects.get(code="village").pk,
            "parent": world.commune_a.pk,
            "valid_from": "01/01/2020",
            "valid_to": "31/12/9999",
        },
    )
    assert r.status_code == 200 and r.context["form"].errors["valid_to"]


def test_a_too_long_new_unit_name_in_a_merge_is_shown_next_to_new_units(world, client_for):
    from danvan.core.models import UnitType

    r = client_for("admin").post(
        reverse("core:reorganization_create"),
        {
            "kind": "merge",
            "legal_basis": "x",
            "effective_date": "01/01/2020",
            "units": [world.commune_a.pk, world.commune_b.pk],
            "new_units": "x" * 300,
            "new_type": UnitType.objects.get(code="commune").pk,
        },
    )
    assert r.status_code == 200
    assert r.context["form"].errors.get("new_units"), r.context["form"].errors


def test_a_rename_recorded_ahead_shows_from_its_effective_date_after_the_daily_refresh(world):
    from django.core.management import call_command

    from danvan.core.services.units import units_refresh_cache

    day = dates.today() + datetime.timedelta(days=3)
    units.reorganization_create(
        actor=loader_actor(),
        kind="rename",
        legal_basis="17/NQ",
        effective_date=day,
        units=[world.commune_a],
        new_name="An Lộc Mới",
    )
    call_command("refresh_units", verbosity=0)
    world.commune_a.refresh_from_db()
    assert world.commune_a.name == "An Lộc"
    assert units_refresh_cache(day=day) == 1
    world.commune_a.refresh_from_db()
    assert world.commune_a.name == "An Lộc Mới"


def test_reference_data_needs_an_administrator_of_a_province_or_above(world):
    commune_admin, province_admin = make_user("commune_admin"), make_user("province_admin")
    grant(commune_admin, "administrator", world.commune_a)
    grant(province_admin, "administrator", world.province)
    assert not permissions.can(commune_admin, permissions.Cap.MANAGE_REFERENCE)
    assert permissions.can(province_admin, permissions.Cap.MANAGE_REFERENCE)


def test_a_position_held_in_a_predecessor_can_be_recorded_by_the_successors_officer(world):
    units.reorganization_create(
        actor=loader_actor(),
        kind="merge",
        legal_basis="18/NQ",
        effective_date=D(2020, 1, 1),
        units=[world.commune_a, world.commune_b],
        into=world.commune_b,
    )
    body_a = Body.objects.get(pk=world.body_a.pk)
    position = orgs.position_create(
        actor=world.users["user_b"],
        person=Person.objects.get(pk=world.person_a.pk),
        title="Chủ tịch UBND xã An Lộc",
        body=body_a,
        valid_from=D(2016, 1, 1),
        valid_to=D(2019, 12, 31),
    )
    assert position.unit == world.commune_a


def test_the_refresh_catches_up_after_months_without_cron(world):
    from danvan.core.services.units import units_refresh_cache

    day = dates.today() + datetime.timedelta(days=3)
    units.reorganization_create(
        actor=loader_actor(),
        kind="rename",
        legal_basis="19/NQ",
        effective_date=day,
        units=[world.commune_a],
        new_name="An Lộc Mới",
    )
    assert units_refresh_cache(day=day + datetime.timedelta(days=120)) == 1
    world.commune_a.refresh_from_db()
    assert world.commune_a.name == "An Lộc Mới"
    assert units_refresh_cache(day=day + datetime.timedelta(days=121)) == 0  # nothing stale any more
