import tempfile
from collections import defaultdict

import pytest
from django.db import transaction
from django.test import Client, override_settings

from danvan.core.tests.cast import build_world

CAST = ["editor_a", "viewer_a", "user_b", "district_user", "admin", "anonymous"]


@pytest.fixture(scope="session", autouse=True)
def _media_root():
    """Uploads go to a directory of this run, removed at the end, never into the demo's var/media."""
    with tempfile.TemporaryDirectory(prefix="danvan-test-media-") as media, override_settings(MEDIA_ROOT=media):
        yield media


@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker):
    """The cast's world, built once per test module inside a transaction that is rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = build_world()
        yield world
        transaction.set_rollback(True)


WORLD_ROWS = (
    "province",
    "district",
    "commune_a",
    "commune_b",
    "village_a1",
    "village_a2",
    "village_b1",
    "body_a",
    "body_b",
    "party_org_a",
    "party_org_b",
    "person_a",
    "person_b",
)


def refresh_all(instances) -> None:
    """refresh_from_db for many instances with one query per model: each takes the state of a freshly loaded
    row (its values in the database, no cached relation or attribute left by an earlier test)."""
    by_model = defaultdict(list)
    for instance in instances:
        by_model[type(instance)].append(instance)
    for model, group in by_model.items():
        rows = model._base_manager.in_bulk([instance.pk for instance in group])
        for instance in group:
            fresh = rows[instance.pk]
            vars(instance).clear()
            vars(instance).update(vars(fresh))


@pytest.fixture
def world(_module_world, db):
    refresh_all(getattr(_module_world, name) for name in WORLD_ROWS)
    return _module_world


@pytest.fixture
def client_for(world):
    """client_for("viewer_a") -> a logged-in test client; "anonymous" -> a client without a session."""

    def make(name: str) -> Client:
        client = Client()
        if name != "anonymous":
            client.force_login(world.users[name])
        return client

    return make


# Browser tests of every module: Debian's Chromium, Vietnamese locale, CSP violations collected.
from danvan.core.tests.browser import (  # noqa: E402, F401
    _migrated_data,
    browser_context_args,
    browser_type_launch_args,
    csp_violations,
    migrated_data,
    pytest_runtest_teardown,
)


@pytest.fixture
def on_day(monkeypatch):
    """on_day(date): make that date "today" for every rule, page and service (core.dates is the one clock)."""

    def set_day(day):
        monkeypatch.setattr("danvan.core.dates.today", lambda: day)
        return day

    return set_day
