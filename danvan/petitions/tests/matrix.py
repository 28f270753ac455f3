"""This module's URLs in the access matrix (danvan/core/tests/test_access_matrix.py)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core.access import loader_actor
from danvan.core.tests.test_access_matrix_shapes import ADMIN, ALL, GROUP_READ, IN_A, PETITION_RECORD
from danvan.petitions import services

from .factories import build_desk


def prepare(world):
    desk = build_desk(world)
    petition = services.petition_create(
        actor=loader_actor(),
        source="voter",
        kind="recommendation",
        unit=world.village_a1,
        content="Đề nghị sửa cầu tràn thôn Đông Thượng",
        raised_on=datetime.date(2016, 3, 1),
        received_on=datetime.date(2016, 3, 1),
        field=desk.economy,
        body=desk.agriculture,
        attachments=[SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 matrix")],
        historical=True,
    )
    conference = services.conference_create(
        actor=loader_actor(),
        unit=world.district,
        title="Giao ban quý I/2016",
        year=2016,
        quarter=1,
        held_on=datetime.date(2016, 3, 31),
    )
    extra = getattr(world, "extra", None)
    if extra is None:
        world.extra = extra = {}
    extra.update(petition=petition, conference=conference, rule=petition_rule(world), desk=desk)


def petition_rule(world):
    from danvan.petitions.models import RoutingRule

    return RoutingRule.objects.filter(scope=world.district).first()


MATRIX = {
    "petitions:list": (lambda w: {}, ALL),
    "petitions:create": (lambda w: {}, PETITION_RECORD),
    "petitions:similar": (lambda w: {}, ALL),
    "petitions:propose": (lambda w: {}, ALL),
    "petitions:statistics": (lambda w: {}, ALL),
    "petitions:conference_list": (lambda w: {}, ALL),
    "petitions:conference_create": (lambda w: {}, PETITION_RECORD),
    "petitions:conference_detail": (lambda w: {"pk": w.extra["conference"].pk}, GROUP_READ),
    "petitions:conference_carry_over": (None, "POST only: covered by test_views.py"),
    "petitions:calendar": (lambda w: {}, ALL),
    "petitions:rule_list": (lambda w: {}, ALL),
    "petitions:reference": (lambda w: {}, ALL),
    "petitions:rule_create": (lambda w: {}, ADMIN),
    "petitions:rule_edit": (lambda w: {"pk": w.extra["rule"].pk}, ADMIN),
    "petitions:detail": (lambda w: {"pk": w.extra["petition"].pk}, IN_A),
    "petitions:link": (None, "POST only: covered by test_views.py"),
    "petitions:attachment_add": (None, "POST only: covered by test_views.py"),
    "petitions:attachment": (
        lambda w: {"pk": w.extra["petition"].pk, "attachment_pk": w.extra["petition"].attachments.get().pk},
        IN_A,
    ),
    "petitions:action": (None, "POST only: covered by test_views.py"),
}
