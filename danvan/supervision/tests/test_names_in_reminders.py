"""A reminder about a past month's reports names the communes still owing it as they were called then."""

import datetime

from django.contrib.auth import get_user_model

from danvan.core.access import loader_actor
from danvan.core.models import Notification, Person
from danvan.core.services import units
from danvan.core.tests.cast import unit_type
from danvan.supervision import services

from .factories import build_group

D = datetime.date


def test_a_reminder_names_the_communes_owing_a_report_as_of_its_month(world, on_day):
    units.reorganization_create(
        actor=loader_actor(),
        kind="upgrade",
        legal_basis="1/NQ-UBTVQH15 (thử)",
        effective_date=D(2025, 1, 1),
        units=[world.commune_a],
        new_type=unit_type("town"),
        new_name="An Phú",
    )
    on_day(D(2016, 2, 1))
    build_group(world)  # due day 25 of the month; the report of 01/2016 for xã An Lộc is still a draft
    leader = get_user_model().objects.create_user("to_truong_names", email="tt@example.vn")
    Person.objects.filter(pk=world.extra["leader"].pk).update(user=leader)
    on_day(D(2026, 12, 2))  # sent today about January 2016 (a replay): the key is the same as then
    assert services.report_reminders_send(D(2016, 1, 26)) == 1
    reminder = Notification.objects.get(user=leader)
    assert "xã An Lộc" in reminder.body and "An Phú" not in reminder.body
    assert reminder.key == f"report-reminder:{world.extra['team'].pk}:2016-01-01:after"
