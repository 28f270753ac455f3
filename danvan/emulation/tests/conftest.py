import pytest

from .factories import build_cast


@pytest.fixture
def cast(world):
    return build_cast(world)
