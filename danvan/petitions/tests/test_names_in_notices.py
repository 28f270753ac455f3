"""Deadline warnings and escalations about an item name its unit as of the day it was raised, not today's name,
and keep their keys (each is sent once per due date, whatever the names)."""

import datetime

from danvan.core.access import loader_actor
from danvan.core.models import Notification
from danvan.core.services import units
from danvan.petitions import services

from .test_lifecycle import intake

D = datetime.date


def test_a_past_items_deadline_notifications_name_its_unit_as_of_then(world, desk, on_day):
    units.reorganization_create(
        actor=loader_actor(),
        kind="rename",
        legal_basis="1/NQ-UBTVQH15 (thử)",
        effective_date=D(2025, 7, 1),
        units=[world.village_a1],
        new_name="An Phú Tây",
    )
    on_day(D(2016, 3, 1))
    p = intake(world, desk, body=desk.agriculture)  # thôn Đông Thượng, due Tuesday 29/03/2016
    assert services.petitions_check_deadlines(day=D(2016, 3, 24)) == {"warned": 1, "escalated": 0}
    assert services.petitions_check_deadlines(day=D(2016, 3, 30)) == {"warned": 0, "escalated": 1}
    keys = {f"petition-{p.pk}-warn-20160329", f"petition-{p.pk}-late-20160329"}  # as before: sent once
    sent = Notification.objects.filter(key__in=keys)
    assert {n.key for n in sent} == keys
    assert {n.user for n in sent} >= {desk.officer, desk.chief, world.users["district_user"]}
    for notification in sent:
        assert "Đơn vị phát sinh: thôn Đông Thượng" in notification.body
        assert "An Phú" not in notification.title + notification.body
        assert p.content in notification.body
