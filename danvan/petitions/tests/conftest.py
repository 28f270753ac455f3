import datetime

import pytest

from danvan.core import permissions
from danvan.petitions import selectors, services
from danvan.supervision import services as supervision_services

from .factories import build_desk


@pytest.fixture
def desk(world):
    return build_desk(world)


@pytest.fixture
def on_day(monkeypatch):
    """on_day(date): make `today` that date for the registry's rules."""

    def set_day(day: datetime.date):
        for module in (permissions, services.common, selectors, supervision_services.common):
            monkeypatch.setattr(module, "today", lambda: day)
        monkeypatch.setattr("danvan.core.views.helpers.today", lambda: day, raising=False)
        return day

    return set_day
