"""Scope: the units of a user's memberships and everything below them today, predecessors read-only."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.core import permissions, selectors
from danvan.core.access import loader_actor
from danvan.core.models import Role, Unit
from danvan.core.permissions import Cap
from danvan.core.services import accounts, orgs, units
from danvan.core.tests.cast import grant, make_user

from .. import dates

D = datetime.date


def visible_units(user):
    return set(permissions.restrict(Unit.objects.all(), user, "pk").values_list("name", flat=True))


def test_a_commune_user_sees_the_commune_and_its_villages_only(world):
    assert visible_units(world.users["viewer_a"]) == {"An Lộc", "Đông Thượng", "Tây Hạ"}


def test_a_district_user_sees_everything_below_the_district(world):
    assert visible_units(world.users["district_user"]) >= {"Đông Sơn", "An Lộc", "Bình Lộc", "Bắc Sơn"}
    assert "Phú Thịnh" not in visible_units(world.users["district_user"])


def test_after_a_merge_the_successor_user_reads_the_predecessor_but_cannot_change_it(world):
    units.reorganization_create(
        actor=loader_actor(),
        kind="merge",
        legal_basis="819/NQ-UBTVQH14",
        effective_date=D(2020, 1, 1),
        units=[world.commune_a, world.commune_b],
        into=world.commune_b,
    )
    world.commune_a.refresh_from_db()
    user_b = world.users["user_b"]
    assert {"An Lộc", "Đông Thượng", "Tây Hạ"} <= visible_units(user_b)
    assert permissions.can(user_b, Cap.VIEW, world.commune_a)
    assert not permissions.can(user_b, Cap.MANAGE_ORGS, world.commune_a)
    assert permissions.can(user_b, Cap.MANAGE_ORGS, world.village_a1)  # the village moved under B and lives on
    with pytest.raises(PermissionDenied):
        orgs.body_update(
            actor=user_b,
            body=world.body_a,
            expected_version=world.body_a.version,
            name="Sửa",
            body_type=world.body_a.type,
            unit=world.commune_a,
            valid_from=world.body_a.valid_from,
        )


def test_an_ended_membership_gives_nothing(world):
    user = make_user("former")
    accounts.membership_create(
        actor=loader_actor(),
        user=user,
        role=Role.objects.get(code="viewer"),
        unit=world.commune_a,
        valid_from=D(2016, 1, 1),
        valid_to=D(2020, 12, 31),
    )
    assert visible_units(user) == set()


def test_roles_without_the_capability_cannot_write(world):
    assert permissions.can(world.users["editor_a"], Cap.MANAGE_ORGS, world.commune_a)
    assert not permissions.can(world.users["viewer_a"], Cap.MANAGE_ORGS, world.commune_a)
    assert not permissions.can(world.users["editor_a"], Cap.MANAGE_ORGS, world.commune_b)
    assert not permissions.can(world.users["district_user"], Cap.MANAGE_ORGS, world.commune_a)


def test_it_refuses_a_membership_on_a_unit_that_no_longer_exists_on_that_date(world):
    units.reorganization_create(
        actor=loader_actor(),
        kind="merge",
        legal_basis="819/NQ-UBTVQH14",
        effective_date=D(2020, 1, 1),
        units=[world.commune_a, world.commune_b],
        into=world.commune_b,
    )
    world.commune_a.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        grant(make_user("late"), "viewer", world.commune_a, valid_from=D(2021, 1, 1))
    assert "unit" in error.value.error_dict


def test_a_membership_body_must_belong_to_the_unit(world):
    with pytest.raises(ValidationError) as error:
        accounts.membership_create(
            actor=loader_actor(),
            user=make_user("x"),
            role=Role.objects.get(code="viewer"),
            unit=world.commune_a,
            body=world.body_b,
            valid_from=D(2016, 1, 1),
        )
    assert "body" in error.value.error_dict


def test_only_an_administrator_grants_memberships(world):
    with pytest.raises(PermissionDenied):
        grant_by = world.users["editor_a"]
        accounts.membership_create(
            actor=grant_by,
            user=make_user("y"),
            role=Role.objects.get(code="viewer"),
            unit=world.commune_a,
            valid_from=D(2016, 1, 1),
        )


def test_selectors_return_nothing_outside_the_scope(world):
    viewer = world.users["viewer_a"]
    assert [p.full_name for p in selectors.person_list(user=viewer)] == ["Nguyễn Thị An"]
    assert [b.name for b in selectors.body_list(user=viewer)] == ["UBND xã An Lộc"]


def test_tree_roots_are_the_highest_units_of_each_scope(world):
    today = dates.today()

    def roots(name):
        return [v.unit for v in selectors.unit_tree_roots(user=world.users[name], as_of=today)]

    assert roots("viewer_a") == [world.commune_a]
    assert roots("district_user") == [world.district]
    assert world.province in roots("admin")
    assert world.commune_a not in roots("admin")
