import datetime

import pytest

from danvan.core import permissions
from danvan.emulation import selectors

from .factories import build_cast


@pytest.fixture
def cast(world):
    return build_cast(world)


@pytest.fixture
def on_day(monkeypatch):
    """on_day(date): make `today` that date for the movement's rules."""

    def set_day(day: datetime.date):
        for module in (permissions, selectors):
            monkeypatch.setattr(module, "today", lambda: day)
        monkeypatch.setattr("danvan.core.views.helpers.today", lambda: day, raising=False)
        return day

    return set_day
