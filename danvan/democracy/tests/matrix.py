"""This module's URLs in the access matrix (danvan/core/tests/test_access_matrix.py)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core import attachments
from danvan.core.access import loader_actor
from danvan.core.tests.test_access_matrix_shapes import ALL, CREATE, EDIT_A, GROUP_READ, IN_A
from danvan.democracy import services
from danvan.democracy.models import ConsultationChannel, ConsultationMatter, InspectionBoard
from danvan.democracy.views.decisions import STEP_HANDLERS as STEPS

from .factories import D, board_members, disclosure, vote


def prepare(world):
    published = disclosure(world, attachments=[SimpleUploadedFile("niem-yet.pdf", b"%PDF")])
    decision = vote(world)
    consultation = services.consultation_create(
        actor=loader_actor(),
        unit=world.commune_a,
        matter=ConsultationMatter.objects.get(code="yk-07"),
        title="Dự thảo quy chế dân chủ",
        channels=[ConsultationChannel.objects.get(code="ht-b")],
        opened_on=D(2024, 3, 1),
        closed_on=D(2024, 3, 31),
    )
    dialogue = services.dialogue_create(
        actor=loader_actor(),
        unit=world.commune_a,
        title="Đối thoại đất đai",
        notice_on=D(2024, 9, 1),
        held_on=D(2024, 9, 8),
    )
    board = services.board_create(
        actor=loader_actor(), unit=world.commune_a, elected_on=D(2024, 8, 1), members=board_members(5)
    )
    inspection = services.inspection_create(
        actor=loader_actor(),
        board=board,
        subject="Thu chi quỹ",
        inspected="Thôn Đông Thượng",
        sent_on=D(2024, 9, 2),
        starts_on=D(2024, 9, 16),
    )
    world.extra.update(
        disclosure=published,
        decision=decision,
        consultation=consultation,
        dialogue=dialogue,
        board=board,
        inspection=inspection,
    )


def grow(world):
    """One more record of every kind this module lists (a disclosure with an attachment, a rejected village vote,
    a consultation, a dialogue, an inspection board of commune B with an inspection), so that every list has more
    rows (test_query_counts.py)."""
    actor = loader_actor()
    n = InspectionBoard.objects.filter(unit=world.commune_b).count()
    disclosure(
        world,
        "cc-02",
        start=D(2024, 10, 1) + datetime.timedelta(days=n),
        title=f"Ngân sách quý III, lần {n + 1}",
        attachments=[SimpleUploadedFile(f"ngan-sach-{n}.pdf", b"%PDF")],
    )
    vote(world, place=world.village_a2, title=f"Quy ước thôn Tây Hạ, lần {n + 1}", votes_for=10, votes_against=0)
    services.consultation_create(
        actor=actor,
        unit=world.commune_b,
        matter=ConsultationMatter.objects.get(code="yk-07"),
        title=f"Dự thảo quy hoạch, lần {n + 1}",
        channels=[ConsultationChannel.objects.get(code="ht-b")],
        opened_on=D(2024, 4, 1),
        closed_on=D(2024, 4, 30),
    )
    services.dialogue_create(
        actor=actor,
        unit=world.commune_b,
        title=f"Đối thoại thủ tục hành chính, lần {n + 1}",
        notice_on=D(2024, 10, 1),
        held_on=D(2024, 10, 8),
    )
    # One term after another: each round's board is elected three years before the previous one.
    elected = D(2024 - 3 * n, 8, 1)
    board = services.board_create(
        actor=actor, unit=world.commune_b, elected_on=elected, members=board_members(5, prefix=f"Lần {n + 1}:")
    )
    services.inspection_create(
        actor=actor,
        board=board,
        subject="Xây dựng nhà văn hóa",
        inspected="Thôn Bắc Sơn",
        sent_on=elected + datetime.timedelta(days=30),
        starts_on=elected + datetime.timedelta(days=45),
    )


def _pk(key):
    return lambda w: {"pk": w.extra[key].pk}


MATRIX = {
    "democracy:compliance": (lambda w: {}, ALL),
    "democracy:group_compliance": (_pk("group"), GROUP_READ),
    "democracy:rules": (lambda w: {}, ALL),
    "democracy:disclosure_list": (lambda w: {}, ALL),
    "democracy:disclosure_create": (lambda w: {}, CREATE),
    "democracy:disclosure_detail": (_pk("disclosure"), IN_A),
    "democracy:disclosure_edit": (_pk("disclosure"), EDIT_A),
    "democracy:decision_list": (lambda w: {}, ALL),
    "democracy:decision_create": (lambda w: {}, CREATE),
    "democracy:decision_detail": (_pk("decision"), IN_A),
    "democracy:consultation_list": (lambda w: {}, ALL),
    "democracy:consultation_create": (lambda w: {}, CREATE),
    "democracy:consultation_detail": (_pk("consultation"), IN_A),
    "democracy:consultation_edit": (_pk("consultation"), EDIT_A),
    "democracy:dialogue_list": (lambda w: {}, ALL),
    "democracy:dialogue_create": (lambda w: {}, CREATE),
    "democracy:dialogue_detail": (_pk("dialogue"), IN_A),
    "democracy:dialogue_edit": (_pk("dialogue"), EDIT_A),
    "democracy:board_list": (lambda w: {}, ALL),
    "democracy:board_create": (lambda w: {}, CREATE),
    "democracy:board_detail": (_pk("board"), IN_A),
    "democracy:inspection_detail": (_pk("inspection"), IN_A),
    "democracy:attachment_add": (None, "POST only: covered by test_views.py"),
    "democracy:attachment": (
        lambda w: {
            "kind": "disclosure",
            "pk": w.extra["disclosure"].pk,
            "attachment_pk": attachments.of(w.extra["disclosure"]).first().pk,
        },
        IN_A,
    ),
    **{
        f"democracy:step_{step}": (None, "POST only: test_every_step_has_its_own_address_... in test_views.py")
        for step in STEPS
    },
}

# POST-only URLs: whoever may not take them gets this answer and changes nothing (core/tests/test_access_matrix.py).
POSTS = {
    # recognising is the recognising body's step: the district's officers take it too (democracy/access.py)
    "democracy:step_recognise": (_pk("decision"), {**EDIT_A, "district_user": 200}),
    "democracy:step_implement": (_pk("decision"), EDIT_A),
    "democracy:attachment_add": (lambda w: {"kind": "disclosure", "pk": w.extra["disclosure"].pk}, EDIT_A),
}
