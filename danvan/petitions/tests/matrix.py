"""This module's URLs in the access matrix (danvan/core/tests/test_access_matrix.py)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core import attachments
from danvan.core.access import loader_actor
from danvan.core.models import BodyType
from danvan.core.services import orgs
from danvan.core.tests.test_access_matrix_shapes import (
    ADMIN,
    ALL,
    GROUP_MANAGE,
    GROUP_READ,
    IN_A,
    MANAGE_A,
    PETITION_RECORD,
)
from danvan.petitions import services
from danvan.petitions.models import Petition
from danvan.petitions.views.items import STEP_HANDLERS as STEPS

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
    ended = orgs.body_create(
        actor=loader_actor(),
        name="Phòng Tư pháp huyện (đã giải thể)",
        body_type=BodyType.objects.get(code="department"),
        unit=world.district,
        valid_from=datetime.date(2016, 1, 1),
        valid_to=datetime.date(2025, 6, 30),
    )
    extra.update(petition=petition, conference=conference, rule=petition_rule(world), desk=desk, ended_body=ended)


def grow(world):
    """Two more kiến nghị with an attachment each (the second sent to a body, and a duplicate of the first every
    other round), a review conference and a routing rule, so that every list of this module has more rows
    (test_query_counts.py)."""
    actor = loader_actor()
    desk = world.extra["desk"]
    n = Petition.objects.count() + 1
    day = datetime.date(2016, 4, 1) + datetime.timedelta(days=n)
    received = services.petition_create(
        actor=actor,
        source="voter",
        kind="difficulty",
        unit=world.village_a2,
        content=f"Khó khăn về nước sạch thôn Tây Hạ, lần {n}",
        raised_on=day,
        received_on=day,
        field=desk.culture,
        attachments=[SimpleUploadedFile(f"don-{n}.pdf", b"%PDF-1.4 grow")],
        historical=True,
    )
    services.petition_create(
        actor=actor,
        source="cell_meeting",
        kind="proposal",
        unit=world.commune_b,
        content=f"Đề xuất mở lớp dạy nghề xã Bình Lộc, lần {n}",
        raised_on=day,
        received_on=day,
        field=desk.economy,
        body=desk.agriculture,
        attachments=[SimpleUploadedFile(f"bien-ban-{n}.pdf", b"%PDF-1.4 grow")],
        duplicate_of=received if n % 2 else None,
        historical=True,
    )
    services.conference_create(
        actor=actor,
        unit=world.district,
        title=f"Hội nghị đánh giá công tác chỉ đạo cơ sở lần {n}",
        year=day.year,
        quarter=(day.month - 1) // 3 + 1,
        held_on=day,
    )
    services.routing_rule_create(
        actor=actor, scope=world.district, body=desk.district_committee, kind="difficulty", valid_from=day
    )


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
    "petitions:conference_edit": (lambda w: {"pk": w.extra["conference"].pk}, GROUP_MANAGE),
    "petitions:conference_task_add": (None, "POST only: covered by test_conferences.py"),
    "petitions:conference_task_follow_up": (None, "POST only: covered by test_conferences.py"),
    "petitions:handover": (lambda w: {}, PETITION_RECORD),  # whoever routes kiến nghị
    "petitions:handover_body": (None, "POST only: covered by test_handover.py"),
    "petitions:calendar": (lambda w: {}, ALL),
    "petitions:rule_list": (lambda w: {}, ALL),
    "petitions:reference": (lambda w: {}, ALL),
    "petitions:rule_create": (lambda w: {}, ADMIN),
    "petitions:rule_edit": (lambda w: {"pk": w.extra["rule"].pk}, ADMIN),
    "petitions:detail": (lambda w: {"pk": w.extra["petition"].pk}, IN_A),
    "petitions:link": (None, "POST only: covered by test_views.py"),
    "petitions:attachment_add": (None, "POST only: covered by test_views.py"),
    "petitions:attachment": (
        lambda w: {"pk": w.extra["petition"].pk, "attachment_pk": attachments.of(w.extra["petition"]).get().pk},
        IN_A,
    ),
    **{
        f"petitions:step_{step}": (None, "POST only: test_every_step_has_its_own_address_... in test_views.py")
        for step in STEPS
    },
}

# POST-only URLs: whoever may not take them gets this answer and changes nothing (core/tests/test_access_matrix.py).
POSTS = {
    "petitions:attachment_add": (lambda w: {"pk": w.extra["petition"].pk}, MANAGE_A),
    # An ended body of the district: only who sees the district (and routes there) may hand over its items.
    "petitions:handover_body": (lambda w: {"pk": w.extra["ended_body"].pk}, GROUP_READ),
}
