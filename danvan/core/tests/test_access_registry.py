"""The access registry (core.access): every protected model is declared, object checks agree with lists,
the system actor has exactly its stated capabilities, and docs/permissions.md is the registry's output."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client

from danvan.core import access, permissions
from danvan.core.access_doc import render
from danvan.core.models import Body, Membership, Role, Unit
from danvan.core.permissions import Cap
from danvan.core.services import accounts

# Models that hold a unit but are not records a user reaches: the unit tree's and the Party organisations' own
# history and derived tables (read through core.selectors and core.names), and reference data every signed-in
# user reads.
NOT_PROTECTED = {
    "core.UnitVersion",
    "core.PartyOrgVersion",
    "core.Succession",
    "core.UnitRollup",
    "core.Position",
    "emulation.Field",
}


def _holds_a_unit(model) -> bool:
    return any(
        getattr(f, "related_model", None) is Unit and (f.many_to_one or f.many_to_many)
        for f in model._meta.get_fields()
        if not f.auto_created
    )


def test_every_model_that_holds_a_unit_is_declared():
    declared = {d.model for d in access.declarations()}
    missing = [
        model._meta.label
        for model in apps.get_models()
        if model.__module__.startswith("danvan.")
        and _holds_a_unit(model)
        and model not in declared
        and model._meta.label not in NOT_PROTECTED
    ]
    assert not missing, f"Declare these models in their app's access.py: {missing}"


def test_docs_permissions_is_the_registry_printed():
    path = Path(settings.BASE_DIR) / "docs" / "permissions.md"
    assert path.read_text(encoding="utf-8") == render(), "Run `danvan permissions_doc` and commit the page."


def test_get_for_user_answers_404_outside_and_403_without_the_action(world):
    body_a = world.body_a
    assert access.get_for_user(world.users["editor_a"], Body, body_a.pk, write=True) == body_a
    with pytest.raises(Http404):
        access.get_for_user(world.users["user_b"], Body, body_a.pk)
    with pytest.raises(PermissionDenied):
        access.get_for_user(world.users["viewer_a"], Body, body_a.pk, write=True)
    assert access.get_for_user(world.users["viewer_a"], Body, body_a.pk) == body_a
    with pytest.raises(Http404):
        access.get_for_user(world.users["viewer_a"], Body, "not-a-number")


def test_an_object_check_agrees_with_the_list(world):
    for name, user in world.users.items():
        for body in (world.body_a, world.body_b):
            listed = access.permitted(user, "change", Body).filter(pk=body.pk).exists()
            assert access.can(user, "change", body) == listed, name


def test_an_undeclared_action_is_an_error_not_a_refusal(world):
    with pytest.raises(LookupError):
        access.can(world.users["admin"], "no_such_action", world.body_a)


def test_the_system_actor_cannot_sign_in(db):
    system = access.system_actor()
    assert not system.has_usable_password()
    assert not Client().login(username=permissions.SYSTEM_USERNAME, password="")
    loader = access.loader_actor()
    assert loader.is_superuser and not loader.has_usable_password()
    assert access.system_actor().pk == system.pk  # one account, not one per call


def test_the_system_actor_holds_its_stated_capabilities_everywhere_and_nothing_else(world):
    system = access.system_actor()
    assert permissions.caps_anywhere(system) == permissions.SYSTEM_CAPS
    for cap in Cap:
        assert permissions.can(system, cap, world.commune_b) == (cap in permissions.SYSTEM_CAPS), cap
    assert permissions.can(system, Cap.RECORD_PETITIONS, world.commune_a)
    assert not permissions.can(system, Cap.MANAGE_MEMBERSHIPS)
    assert not permissions.can(system, Cap.VIEW_AUDIT)
    assert not permissions.can(system, Cap.HANDLE_PETITIONS, world.commune_a)
    assert access.visible(system, Body).count() == Body.objects.count()
    assert not access.visible(system, Membership).exists()


def test_the_system_actor_may_not_grant_access(world):
    with pytest.raises(PermissionDenied):
        accounts.membership_create(
            actor=access.system_actor(),
            user=world.users["viewer_a"],
            role=Role.objects.get(code="administrator"),
            unit=world.commune_a,
            valid_from=world.commune_a.valid_from,
        )


def test_a_missing_actor_is_refused_rather_than_trusted(world):
    with pytest.raises(TypeError):
        access.require(None, "change", world.body_a)
    with pytest.raises(TypeError):
        access.require_on(None, Cap.MANAGE_ORGS, world.commune_a)
