import pytest

from .factories import build_desk


@pytest.fixture
def desk(world):
    return build_desk(world)
