import pytest
from django.test import Client

from danvan.core.tests.cast import PASSWORD, build_world

CAST = ["editor_a", "viewer_a", "user_b", "district_user", "admin", "anonymous"]


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def client_for(world):
    """client_for("viewer_a") -> a logged-in test client; "anonymous" -> a client without a session."""

    def make(name: str) -> Client:
        client = Client()
        if name != "anonymous":
            assert client.login(username=world.users[name].username, password=PASSWORD)
        return client

    return make
