"""Party organisations through time: versions on create, rename and move; as of a date at the 01/07/2025 boundary;
village cells following their villages under the new Đảng ủy xã when communes merge (service and bulk import), the
Đảng ủy formed later taking in the cells left without a superior, the demo's cells, bounded queries, access."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.core import names, selectors
from danvan.core.access import loader_actor
from danvan.core.errors import ConflictError
from danvan.core.imports import units_import
from danvan.core.imports.rows import Row
from danvan.core.models import AuditEntry, PartyOrg, PartyOrgType, PartyOrgVersion, Unit, UnitVersion
from danvan.core.services import orgs, units
from danvan.core.tests.cast import START, unit_type

D = datetime.date
LAST_DAY, TWO_TIER = D(2025, 6, 30), D(2025, 7, 1)


def kind(code: str) -> PartyOrgType:
    return PartyOrgType.objects.get(code=code)


def cell(world, village, parent=None, name=None) -> PartyOrg:
    return orgs.party_org_create(
        actor=loader_actor(),
        name=name or f"Chi bộ thôn {village.name}",
        org_type=kind("affiliated_cell"),
        unit=village,
        parent=parent,
        valid_from=START,
    )


def committee(unit, day, *, name=None, parent=None, upper=True) -> PartyOrg:
    return orgs.party_org_create(
        actor=loader_actor(),
        name=name or f"Đảng bộ {unit.full_name}",
        org_type=kind("commune_party_org"),
        unit=unit,
        parent=parent,
        is_upper_grassroots=upper,
        valid_from=day,
    )


def merge(world, *, into=None, new=None, day=TWO_TIER):
    return units.reorganization_create(
        actor=loader_actor(),
        kind="merge",
        legal_basis="1665/NQ-UBTVQH15",
        effective_date=day,
        units=[world.commune_a, world.commune_b],
        into=into,
        new_units=[{"name": new, "type": unit_type("commune")}] if new else [],
    )


def parent_on(org: PartyOrg, day) -> int | None:
    return names.party_orgs_as_of([org.pk], day)[org.pk].parent_id


# --- versions kept by the services -------------------------------------------------------------------------


def test_a_new_organisation_has_one_version_over_its_period(world):
    org = cell(world, world.village_a1, world.party_org_a)
    (version,) = org.versions.all()
    assert (version.name, version.parent_id, version.unit_id, version.valid_from, version.valid_to) == (
        org.name,
        world.party_org_a.pk,
        world.village_a1.pk,
        START,
        None,
    )
    assert world.party_org_a.versions.count() == 1  # the cast's, made by the same service


def test_a_dated_move_and_rename_keep_the_days_before_and_read_as_of_the_boundary(world, on_day):
    on_day(D(2026, 1, 1))
    org = cell(world, world.village_a1, world.party_org_a)
    orgs.party_org_change(actor=loader_actor(), party_org=org, day=TWO_TIER, parent=world.party_org_b)
    orgs.party_org_change(actor=loader_actor(), party_org=org, day=TWO_TIER, name="Chi bộ thôn Đông Thượng mới")
    assert org.versions.count() == 2  # the second change of the same day amends that day's version
    before, after = names.party_orgs_as_of([org.pk], LAST_DAY)[org.pk], names.party_orgs_as_of([org.pk], TWO_TIER)
    assert (before.parent_id, before.name, before.parent.name) == (
        world.party_org_a.pk,
        org.versions.first().name,
        "Đảng bộ xã An Lộc",
    )
    assert (after[org.pk].parent_id, after[org.pk].name) == (world.party_org_b.pk, "Chi bộ thôn Đông Thượng mới")
    org.refresh_from_db()  # the row shows today's version
    assert (org.parent_id, org.name) == (world.party_org_b.pk, "Chi bộ thôn Đông Thượng mới")
    assert AuditEntry.objects.filter(object_id=org.pk, action="update").count() == 2
    # Children as of a day follow the versions, not today's row.
    assert set(
        names.party_org_children_as_of([world.party_org_a.pk], LAST_DAY).values_list("party_org", flat=True)
    ) == {org.pk}
    assert not names.party_org_children_as_of([world.party_org_a.pk], TWO_TIER).exists()


def test_a_change_is_checked_like_a_correction(world):
    org = cell(world, world.village_a1, world.party_org_a)
    with pytest.raises(ValidationError):  # its own subordinate as superior
        orgs.party_org_change(actor=loader_actor(), party_org=world.party_org_a, day=TWO_TIER, parent=org)
    with pytest.raises(ValidationError):  # before it began
        orgs.party_org_change(actor=loader_actor(), party_org=org, day=D(2015, 1, 1), name="X")
    with pytest.raises(ConflictError):
        orgs.party_org_change(actor=loader_actor(), party_org=org, day=TWO_TIER, name="X", expected_version=99)
    with pytest.raises(PermissionDenied):  # another commune's editor may not move it
        orgs.party_org_change(actor=world.users["user_b"], party_org=org, day=TWO_TIER, name="X")
    assert org.versions.count() == 1


def test_a_correction_applies_to_today_s_period_and_the_start_to_the_first(world, on_day):
    on_day(D(2026, 1, 1))
    org = cell(world, world.village_a1, world.party_org_a)
    orgs.party_org_change(actor=loader_actor(), party_org=org, day=TWO_TIER, name="Chi bộ mới")
    org.refresh_from_db()
    orgs.party_org_update(
        actor=loader_actor(),
        party_org=org,
        expected_version=org.version,
        name="Chi bộ mới (sửa)",
        org_type=org.type,
        unit=org.unit,
        parent=world.party_org_a,
        valid_from=D(2016, 2, 1),
    )
    first, second = org.versions.order_by("valid_from")
    assert (first.name, first.valid_from, second.name) == ("Chi bộ thôn Đông Thượng", D(2016, 2, 1), "Chi bộ mới (sửa)")
    with pytest.raises(ValidationError):  # the start may not pass the later period
        orgs.party_org_update(
            actor=loader_actor(),
            party_org=org,
            expected_version=org.version,
            name=org.name,
            org_type=org.type,
            unit=org.unit,
            parent=world.party_org_a,
            valid_from=D(2025, 8, 1),
        )


# --- reorganizations ----------------------------------------------------------------------------------------


def test_a_merge_into_a_commune_with_its_dang_uy_moves_the_cells_under_it_from_that_day(world, on_day):
    on_day(D(2026, 1, 1))
    cells = [cell(world, world.village_a1, world.party_org_a), cell(world, world.village_a2, world.party_org_a)]
    reorg = units.reorganization_create(
        actor=loader_actor(),
        kind="merge",
        legal_basis="1665/NQ-UBTVQH15",
        effective_date=TWO_TIER,
        units=[world.commune_a, world.commune_b],
        into=world.commune_b,
    )
    world.party_org_a.refresh_from_db()
    assert world.party_org_a.valid_to == LAST_DAY and world.party_org_a.versions.get().valid_to == LAST_DAY
    for org in cells:
        assert parent_on(org, LAST_DAY) == world.party_org_a.pk
        assert parent_on(org, TWO_TIER) == world.party_org_b.pk
        assert org.versions.get(valid_from=TWO_TIER).reorganization == reorg
    assert {v.party_org_id for v in names.party_org_children_as_of([world.party_org_b.pk], TWO_TIER)} == {
        c.pk for c in cells
    }


def test_a_merge_into_a_new_commune_leaves_the_cells_listed_until_its_dang_uy_takes_them_in(world, on_day, client_for):
    on_day(D(2026, 1, 1))
    a1 = cell(world, world.village_a1, world.party_org_a)
    b1 = cell(world, world.village_b1, world.party_org_b)
    new = merge(world, new="An Bình").successions.first().successor
    assert parent_on(a1, TWO_TIER) == world.party_org_a.pk  # no Đảng ủy yet: it keeps its (ended) superior
    orphans = selectors.party_orgs_without_superior(user=world.users["admin"], unit=new)
    assert set(orphans) == {a1, b1}
    assert not selectors.party_orgs_without_superior(user=world.users["viewer_a"], unit=new).exists()
    page = client_for("admin").get(f"/don-vi/{new.pk}/").content.decode()
    assert "Chưa có tổ chức đảng cấp trên" in page and a1.name in page
    dang_uy = committee(new, TWO_TIER, name="Đảng bộ xã An Bình")
    assert parent_on(a1, TWO_TIER) == parent_on(b1, TWO_TIER) == dang_uy.pk
    assert parent_on(a1, LAST_DAY) == world.party_org_a.pk
    assert not selectors.party_orgs_without_superior(user=world.users["admin"], unit=new).exists()
    assert "Chưa có tổ chức đảng cấp trên" not in client_for("admin").get(f"/don-vi/{new.pk}/").content.decode()


def test_a_dang_uy_recorded_later_takes_the_cells_in_from_its_own_first_day(world, on_day):
    on_day(D(2026, 1, 1))
    a1 = cell(world, world.village_a1, world.party_org_a)
    new = merge(world, new="An Bình").successions.first().successor
    dang_uy = committee(new, D(2025, 8, 1))
    assert parent_on(a1, D(2025, 7, 31)) == world.party_org_a.pk
    assert parent_on(a1, D(2025, 8, 1)) == dang_uy.pk


def test_the_bulk_import_moves_villages_and_cells_of_merged_communes(world, on_day):
    on_day(D(2026, 1, 1))
    Unit.objects.filter(pk=world.province.pk).update(code="91")
    UnitVersion.objects.filter(unit=world.province).update(code="91")
    for unit, code in ((world.commune_a, "91001"), (world.commune_b, "91002")):
        # Under the province directly (two-tier), with their codes, as the list of the day before has them.
        units.reorganization_create(
            actor=loader_actor(),
            kind="boundary_change",
            legal_basis="test",
            effective_date=D(2025, 1, 1),
            units=[world.district],
            into=world.province,
            moved=[unit],
        )
        UnitVersion.objects.filter(unit=unit).update(code=code)
        Unit.objects.filter(pk=unit.pk).update(code=code)
    a1 = cell(world, world.village_a1, world.party_org_a)
    rows = [
        Row("91", "Phú Thịnh", "province"),
        Row("91009", "An Bình", "commune", "91", predecessors=(("91001", True), ("91002", True))),
    ]
    result = units_import(actor=loader_actor(), source="test", rows=rows, day=TWO_TIER, legal_basis="NQ thử")
    assert result.counts["party_orgs_without_superior"] >= 1
    new = UnitVersion.objects.valid_on(TWO_TIER).get(code="91009").unit
    assert selectors.unit_ancestors(world.village_a1, as_of=TWO_TIER)[-1] == new  # the village followed
    world.party_org_a.refresh_from_db()
    assert world.party_org_a.valid_to == LAST_DAY and world.party_org_a.versions.get().valid_to == LAST_DAY
    assert set(selectors.party_orgs_without_superior(user=world.users["admin"], unit=new)) == {a1}
    dang_uy = committee(new, TWO_TIER)
    assert (parent_on(a1, LAST_DAY), parent_on(a1, TWO_TIER)) == (world.party_org_a.pk, dang_uy.pk)


# --- pages, queries and access --------------------------------------------------------------------------------


def test_the_party_org_page_shows_the_tree_of_the_chosen_day(world, on_day, client_for):
    on_day(D(2026, 1, 1))
    a1 = cell(world, world.village_a1, world.party_org_a)
    orgs.party_org_change(actor=loader_actor(), party_org=a1, day=TWO_TIER, parent=world.party_org_b)
    page = client_for("admin")
    old = page.get(f"/to-chuc-dang/{world.party_org_a.pk}/?ngay=30/06/2025").content.decode()
    new = page.get(f"/to-chuc-dang/{world.party_org_a.pk}/?ngay=01/07/2025").content.decode()
    assert a1.name in old and a1.name not in new
    assert a1.name in page.get(f"/to-chuc-dang/{world.party_org_b.pk}/?ngay=01/07/2025").content.decode()
    detail = page.get(f"/to-chuc-dang/{a1.pk}/?ngay=30/06/2025").content.decode()
    assert "Đảng bộ xã An Lộc" in detail and "Các thời kỳ" in detail


def test_access_is_unchanged_by_the_date(world, client_for):
    a1 = cell(world, world.village_a1, world.party_org_a)
    b1 = cell(world, world.village_b1, world.party_org_a)  # a cell of commune B under A's committee
    assert client_for("user_b").get(f"/to-chuc-dang/{a1.pk}/?ngay=01/06/2020").status_code == 404
    assert client_for("anonymous").get(f"/to-chuc-dang/{a1.pk}/?ngay=01/06/2020").status_code == 302
    page = client_for("editor_a").get(f"/to-chuc-dang/{world.party_org_a.pk}/?ngay=01/06/2020").content.decode()
    assert a1.name in page and b1.name not in page  # children outside the scope stay hidden


def test_the_as_of_helpers_answer_in_one_query_whatever_the_number(world, django_assert_max_num_queries):
    cells = [cell(world, world.village_a1, world.party_org_a, name=f"Chi bộ {i}") for i in range(30)]
    for org in cells[:10]:
        orgs.party_org_change(actor=loader_actor(), party_org=org, day=TWO_TIER, parent=world.party_org_b)
    with django_assert_max_num_queries(1):
        found = names.party_orgs_as_of([c.pk for c in cells], TWO_TIER)
    assert sum(1 for n in found.values() if n.parent and n.parent.name == "Đảng bộ xã Bình Lộc") == 10
    with django_assert_max_num_queries(1):
        rows = list(names.with_party_org_as_of(PartyOrg.objects.filter(pk__in=[c.pk for c in cells]), "pk", LAST_DAY))
    assert {r.org_parent_id for r in rows} == {world.party_org_a.pk}


def test_the_data_migration_runs_both_ways(world):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("danvan.core.migrations.0007_party_org_versions")
    PartyOrgVersion.objects.all().delete()
    migration.one_version_each(apps, None)
    assert PartyOrgVersion.objects.count() == PartyOrg.objects.count() >= 2
    version = world.party_org_a.versions.get()
    assert (version.name, version.valid_from, version.unit_id) == ("Đảng bộ xã An Lộc", START, world.commune_a.pk)
    migration.one_version_each(apps, None)  # again: nothing twice
    assert PartyOrgVersion.objects.count() == PartyOrg.objects.count()
    migration.no_versions(apps, None)
    assert not PartyOrgVersion.objects.exists()


def test_a_change_recorded_ahead_shows_on_the_row_from_its_day_by_the_daily_refresh(world, on_day):
    on_day(LAST_DAY)
    a1 = cell(world, world.village_a1, world.party_org_a)
    orgs.party_org_change(actor=loader_actor(), party_org=a1, day=TWO_TIER, parent=world.party_org_b, name="Mới")
    a1.refresh_from_db()
    assert (a1.parent_id, a1.name) == (world.party_org_a.pk, "Chi bộ thôn Đông Thượng")
    on_day(TWO_TIER)
    assert units.units_refresh_cache() >= 1
    a1.refresh_from_db()
    assert (a1.parent_id, a1.name) == (world.party_org_b.pk, "Mới")
    assert units.units_refresh_cache() == 0


def test_only_a_unit_s_top_organisation_takes_in_the_cells_of_the_villages_below(world, on_day):
    on_day(D(2026, 1, 1))
    a1 = cell(world, world.village_a1, world.party_org_a)
    new = merge(world, new="An Bình").successions.first().successor
    other = orgs.party_org_create(
        actor=loader_actor(),
        name="Tổ đảng thôn",
        org_type=kind("party_group"),
        unit=world.village_a1,
        valid_from=TWO_TIER,
    )
    assert parent_on(a1, TWO_TIER) == world.party_org_a.pk  # a village's own new group takes nothing in
    dang_uy = committee(new, TWO_TIER)
    assert parent_on(a1, TWO_TIER) == dang_uy.pk and parent_on(other, TWO_TIER) is None
    orgs.party_org_create(  # an organisation under another in the same unit is not its top one
        actor=loader_actor(),
        name="Chi bộ cơ quan",
        org_type=kind("grassroots_cell"),
        unit=new,
        parent=dang_uy,
        valid_from=D(2025, 9, 1),
    )
    assert parent_on(a1, D(2025, 9, 1)) == dang_uy.pk


def test_the_change_page_moves_it_from_the_day_given_and_keeps_the_rest(world, on_day, client_for):
    on_day(D(2026, 1, 1))
    a1 = cell(world, world.village_a1, world.party_org_a)
    page = client_for("admin")
    assert "Thay đổi từ ngày" in page.get(f"/to-chuc-dang/{a1.pk}/").content.decode()
    form = {
        "version": a1.version,
        "day": "01/07/2025",
        "name": a1.name,
        "org_type": a1.type_id,
        "parent": world.party_org_b.pk,
    }
    response = page.post(f"/to-chuc-dang/{a1.pk}/thay-doi/", form)
    assert response.status_code == 302 and response["Location"].endswith("?ngay=01/07/2025")
    assert (parent_on(a1, LAST_DAY), parent_on(a1, TWO_TIER)) == (world.party_org_a.pk, world.party_org_b.pk)
    assert a1.versions.count() == 2 and {v.name for v in a1.versions.all()} == {a1.name}
    stale = page.post(f"/to-chuc-dang/{a1.pk}/thay-doi/", {**form, "name": "Khác"})
    assert stale.status_code == 200 and a1.versions.filter(name="Khác").count() == 0  # opened before the change
    assert client_for("viewer_a").get(f"/to-chuc-dang/{a1.pk}/thay-doi/").status_code == 403


def test_the_end_of_the_district_level_puts_the_commune_dang_bo_under_the_province_s(world, on_day):
    on_day(D(2026, 1, 1))
    province = orgs.party_org_create(
        actor=loader_actor(),
        name="Đảng bộ tỉnh",
        org_type=kind("province_party_org"),
        unit=world.province,
        valid_from=START,
    )
    district = orgs.party_org_create(
        actor=loader_actor(),
        name="Đảng bộ huyện",
        org_type=kind("district_party_org"),
        unit=world.district,
        parent=province,
        is_upper_grassroots=True,
        valid_from=START,
    )
    orgs.party_org_change(actor=loader_actor(), party_org=world.party_org_a, day=START, parent=district)
    units.reorganization_create(
        actor=loader_actor(),
        kind="dissolve_level",
        legal_basis="203/2025/QH15",
        effective_date=TWO_TIER,
        units=[world.district],
    )
    district.refresh_from_db()
    assert district.valid_to == LAST_DAY
    assert (parent_on(world.party_org_a, LAST_DAY), parent_on(world.party_org_a, TWO_TIER)) == (
        district.pk,
        province.pk,
    )
