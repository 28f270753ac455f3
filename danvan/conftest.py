import tempfile

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


@pytest.fixture
def world(_module_world, db):
    for name in (
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
    ):
        getattr(_module_world, name).refresh_from_db()
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
from danvan.core.tests.browser import browser_context_args, browser_type_launch_args, csp_violations  # noqa: E402, F401
