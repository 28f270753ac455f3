"""Units through time: succession through a merge and a split, the tree as of a date, and roll-up."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Count

from danvan.core import selectors
from danvan.core.access import loader_actor
from danvan.core.models import AuditEntry, Reorganization, Unit, UnitVersion
from danvan.core.services import units
from danvan.core.tests.cast import unit_type

D = datetime.date
MERGE_DAY = D(2020, 1, 1)


def merge(world, *, into=None, new=None, day=MERGE_DAY):
    return units.reorganization_create(
        actor=loader_actor(),
        kind="merge",
        legal_basis="819/NQ-UBTVQH14",
        effective_date=day,
        units=[world.commune_a, world.commune_b],
        into=into,
        new_units=[{"name": new, "type": unit_type("commune")}] if new else [],
    )


def refresh(*objs):
    for obj in objs:
        obj.refresh_from_db()


def test_a_merge_into_a_new_commune_ends_both_the_day_before_and_succeeds_them(world):
    reorg = merge(world, new="An Bình")
    successor = reorg.successions.first().successor
    refresh(world.commune_a, world.commune_b)
    assert world.commune_a.valid_to == D(2019, 12, 31)
    assert selectors.unit_successors(world.commune_a, as_of=D(2019, 12, 31)) == [world.commune_a]
    assert selectors.unit_successors(world.commune_a, as_of=MERGE_DAY) == [successor]
    assert {u.pk for u in selectors.unit_predecessors(successor)} == {world.commune_a.pk, world.commune_b.pk}


def test_villages_move_under_the_successor_and_keep_their_history(world):
    reorg = merge(world, new="An Bình")
    successor = reorg.successions.first().successor
    assert selectors.unit_ancestors(world.village_a1, as_of=D(2019, 6, 1))[-1] == world.commune_a
    assert selectors.unit_ancestors(world.village_a1, as_of=D(2020, 6, 1))[-1] == successor
    assert world.village_a1.versions.count() == 2


def test_a_record_rolls_up_to_the_old_commune_before_and_to_the_successor_after(world):
    merge(world, into=world.commune_b)
    assert selectors.unit_rollup_target(world.commune_a, as_of=D(2019, 12, 31)) == world.commune_a
    assert selectors.unit_rollup_target(world.commune_a, as_of=MERGE_DAY) == world.commune_b
    assert selectors.unit_rollup_target(world.village_a1, as_of=D(2019, 1, 1), level_code="commune") == world.commune_a
    assert selectors.unit_rollup_target(world.village_a1, as_of=D(2021, 1, 1), level_code="commune") == world.commune_b
    assert selectors.unit_rollup_target(world.commune_a, as_of=D(2021, 1, 1), level_code="district") == world.district


def test_rollup_filter_counts_each_record_once_in_the_database(world, django_assert_max_num_queries):
    merge(world, into=world.commune_b)
    # Any model with a unit foreign key stands in for a module's records: here, the audit entries.
    records = AuditEntry.objects.filter(unit__in=[world.commune_a, world.commune_b, world.village_a1])
    expected = records.count()

    def counts(day):
        with django_assert_max_num_queries(1):
            rows = selectors.rollup_filter(records, "unit", as_of=day, level_code="commune")
            return dict(rows.values_list("rollup_unit_id").annotate(n=Count("id")).order_by())

    before, after = counts(D(2019, 6, 1)), counts(D(2021, 6, 1))
    assert set(before) == {world.commune_a.pk, world.commune_b.pk}
    assert set(after) == {world.commune_b.pk}
    assert sum(before.values()) == sum(after.values()) == expected


def test_a_split_gives_the_primary_successor_the_records_and_scope_to_both(world):
    reorg = units.reorganization_create(
        actor=loader_actor(),
        kind="split",
        legal_basis="1/NQ-TEST",
        effective_date=MERGE_DAY,
        units=[world.commune_a],
        new_units=[{"name": "An Thượng"}, {"name": "An Hạ"}],
        moved=[world.village_a2],
    )
    first, second = [s.successor for s in reorg.successions.order_by("-is_primary", "successor__pk")]
    assert set(selectors.unit_successors(world.commune_a, as_of=D(2021, 1, 1))) == {first, second}
    assert selectors.unit_successors(world.commune_a, as_of=D(2021, 1, 1), primary_only=True) == [first]
    assert selectors.unit_rollup_target(world.commune_a, as_of=D(2021, 1, 1)) == first
    assert selectors.unit_ancestors(world.village_a1, as_of=D(2021, 1, 1))[-1] == first
    assert selectors.unit_ancestors(world.village_a2, as_of=D(2021, 1, 1))[-1] == second


def test_merges_chain_through_several_reorganizations(world):
    merge(world, into=world.commune_b)
    c = units.unit_create(
        actor=loader_actor(),
        name="Cẩm Lộc",
        unit_type=unit_type("commune"),
        parent=world.district,
        valid_from=D(2016, 1, 1),
    )
    units.reorganization_create(
        actor=loader_actor(),
        kind="merge",
        legal_basis="2/NQ-TEST",
        effective_date=D(2024, 1, 1),
        units=[world.commune_b, c],
        new_units=[{"name": "Bình Cẩm"}],
    )
    final = Unit.objects.get(name="Bình Cẩm")
    assert selectors.unit_successors(world.commune_a, as_of=D(2022, 1, 1)) == [world.commune_b]
    assert selectors.unit_successors(world.commune_a, as_of=D(2025, 1, 1)) == [final]
    assert selectors.unit_rollup_target(world.village_a1, as_of=D(2025, 1, 1), level_code="commune") == final


def test_the_tree_as_of_a_date_uses_names_and_parents_of_that_date(world):
    units.reorganization_create(
        actor=loader_actor(),
        kind="rename",
        legal_basis="3/NQ-TEST",
        effective_date=D(2018, 5, 1),
        units=[world.commune_a],
        new_name="An Phú",
    )
    children_2017 = selectors.unit_tree_children(user=world.users["admin"], parent=world.district, as_of=D(2017, 1, 1))
    children_2019 = selectors.unit_tree_children(user=world.users["admin"], parent=world.district, as_of=D(2019, 1, 1))
    assert "An Lộc" in [v.name for v in children_2017]
    assert "An Phú" in [v.name for v in children_2019]
    refresh(world.commune_a)
    assert world.commune_a.name == "An Phú" and world.commune_a.valid_to is None


def test_upgrade_keeps_the_unit_and_changes_its_type_from_the_effective_date(world):
    units.reorganization_create(
        actor=loader_actor(),
        kind="upgrade",
        legal_basis="536/NQ-UBTVQH14",
        effective_date=D(2018, 7, 11),
        units=[world.commune_a],
        new_type=unit_type("town"),
    )
    refresh(world.commune_a)
    assert world.commune_a.full_name == "thị trấn An Lộc"
    assert world.commune_a.versions.get(valid_to=D(2018, 7, 10)).type.code == "commune"


def test_end_of_the_district_level_moves_communes_under_the_province(world):
    units.reorganization_create(
        actor=loader_actor(),
        kind="dissolve_level",
        legal_basis="Nghị quyết 203/2025/QH15; Luật 72/2025/QH15",
        effective_date=D(2025, 7, 1),
        units=[world.district],
    )
    assert selectors.unit_ancestors(world.commune_a, as_of=D(2025, 6, 30)) == [world.province, world.district]
    assert selectors.unit_ancestors(world.commune_a, as_of=D(2025, 7, 1)) == [world.province]
    assert selectors.unit_successors(world.district, as_of=D(2026, 1, 1)) == [world.province]
    assert selectors.unit_rollup_target(world.village_a1, as_of=D(2025, 7, 1), level_code="district") is None


def test_a_boundary_change_moves_a_village_without_ending_anyone(world):
    units.reorganization_create(
        actor=loader_actor(),
        kind="boundary_change",
        legal_basis="4/NQ-TEST",
        effective_date=D(2022, 1, 1),
        units=[world.commune_a],
        into=world.commune_b,
        moved=[world.village_a2],
    )
    refresh(world.commune_a)
    assert world.commune_a.valid_to is None
    assert selectors.unit_ancestors(world.village_a2, as_of=D(2022, 1, 1))[-1] == world.commune_b
    assert selectors.unit_ancestors(world.village_a2, as_of=D(2021, 12, 31))[-1] == world.commune_a


def test_it_refuses_to_make_a_unit_its_own_ancestor(world):
    with pytest.raises(ValidationError) as error:
        units.reorganization_create(
            actor=loader_actor(),
            kind="boundary_change",
            legal_basis="5/NQ-TEST",
            effective_date=D(2022, 1, 1),
            units=[world.district],
            into=world.village_a1,
            moved=[world.commune_a],
        )
    assert "units" in error.value.error_dict or "moved" in error.value.error_dict
    assert Reorganization.objects.count() == 0  # the whole event was rolled back
    assert UnitVersion.objects.filter(unit=world.commune_a).count() == 1


def test_it_refuses_a_merge_of_a_unit_that_no_longer_exists_on_the_day(world):
    merge(world, into=world.commune_b)
    with pytest.raises(ValidationError):
        merge(world, into=world.commune_b, day=D(2021, 1, 1))


def test_it_refuses_a_unit_whose_validity_ends_before_it_starts(world):
    with pytest.raises(ValidationError) as error:
        units.unit_create(
            actor=loader_actor(),
            name="Sai Ngày",
            unit_type=unit_type("commune"),
            parent=world.district,
            valid_from=D(2020, 1, 1),
            valid_to=D(2019, 12, 31),
        )
    assert "valid_to" in error.value.error_dict
    assert not Unit.objects.filter(name="Sai Ngày").exists()


@pytest.mark.parametrize("name", ["", "   ", "\t\n", "x" * 10_000])
def test_it_refuses_blank_and_overlong_names(world, name):
    with pytest.raises(ValidationError) as error:
        units.unit_create(
            actor=loader_actor(),
            name=name,
            unit_type=unit_type("commune"),
            parent=world.district,
            valid_from=D(2020, 1, 1),
        )
    assert "name" in error.value.error_dict


def test_it_refuses_a_parent_of_the_same_or_a_lower_level(world):
    with pytest.raises(ValidationError) as error:
        units.unit_create(
            actor=loader_actor(),
            name="Lạc Chỗ",
            unit_type=unit_type("commune"),
            parent=world.commune_b,
            valid_from=D(2020, 1, 1),
        )
    assert "parent" in error.value.error_dict


def test_reorganizations_are_in_the_audit_trail(world):
    reorg = merge(world, into=world.commune_b)
    entry = AuditEntry.objects.get(object_id=str(reorg.pk), content_type__model="reorganization")
    assert entry.changes["legal_basis"] == [None, "819/NQ-UBTVQH14"]
