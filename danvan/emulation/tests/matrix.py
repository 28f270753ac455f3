"""This module's URLs in the access matrix (danvan/core/tests/test_access_matrix.py)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core import attachments
from danvan.core.access import loader_actor
from danvan.core.tests.test_access_matrix_shapes import (
    ALL,
    CREATE,
    EMULATION_MANAGE,
    GROUP_READ,
    IN_A,
    MANAGE_A,
    OWN_JOB,
)
from danvan.emulation import services
from danvan.emulation.models import AwardForm, ImportJob, Initiative

from .factories import make_initiative, scored_sheet


def prepare(world):
    registered = make_initiative(
        world, name="Dân vận khéo trong xây dựng đường giao thông", attachments=[SimpleUploadedFile("a.pdf", b"%PDF")]
    )
    approved = make_initiative(world, name="Thôn vận động trồng cây xanh", to="approved")
    implementing = make_initiative(world, name="Tổ dân vận khéo giữ gìn an ninh", to="implementing")
    reviewed = make_initiative(world, name="Chi bộ thôn vận động hiến đất", to="reviewed")
    evaluated = make_initiative(world, name="Tổ tự quản đường làng", to="evaluated")
    sheet = scored_sheet(world)
    conference = services.conference_create(
        actor=loader_actor(),
        unit=world.district,
        title="Biểu dương điển hình Dân vận khéo 2016",
        held_on=datetime.date(2016, 12, 28),
        year_from=2016,
        year_to=2016,
        honoured=[evaluated],
    )
    job = ImportJob.objects.create(user=world.users["editor_a"], name="dang-ky.xlsx", file="x.xlsx", status="done")
    world.extra.update(
        registered=registered,
        approved=approved,
        implementing=implementing,
        reviewed=reviewed,
        evaluated=evaluated,
        sheet=sheet,
        praise=conference,
        job=job,
    )


def grow(world):
    """Four more initiatives (registered in commune B with an attachment, approved in a village of A, evaluated
    and awarded at the district, evaluated in commune A and honoured at a praise conference) and a criteria
    sheet, so that every list and table of this module has more rows (test_query_counts.py)."""
    actor = loader_actor()
    n = Initiative.objects.count() + 1
    make_initiative(
        world,
        name=f"Dân vận khéo trong vệ sinh môi trường, lần {n}",
        unit=world.commune_b,
        subject="mttq",
        field_code="dvk-van-hoa-xa-hoi",
        attachments=[SimpleUploadedFile(f"dang-ky-{n}.pdf", b"%PDF")],
    )
    make_initiative(world, name=f"Thôn vận động làm đường, lần {n}", unit=world.village_a1, to="approved")
    evaluated = make_initiative(
        world, name=f"Điển hình cá nhân, lần {n}", unit=world.district, kind="individual_exemplar", to="evaluated"
    )
    services.award_create(
        actor=actor,
        initiative=evaluated,
        form=AwardForm.objects.get(code="giay-khen-ubnd-huyen"),
        recipient_kind="individual",
        recipient=f"Người được khen số {n}",
        decided_on=datetime.date(2016, 12, 20),
    )
    scored_sheet(world, unit=world.commune_a, name=f"Tiêu chí xã An Lộc, lần {n}")
    services.conference_create(
        actor=actor,
        unit=world.district,
        title=f"Biểu dương điển hình, lần {n}",
        held_on=datetime.date(2016, 12, 29),
        year_from=2016,
        year_to=2016,
        honoured=[
            make_initiative(world, name=f"Tổ hòa giải giỏi, lần {n}", unit=world.commune_a, to="evaluated"),
        ],
    )


def _pk(key):
    return lambda w: {"pk": w.extra[key].pk}


# The cycle's steps (POST only, emulation/workflow.py): an initiative of commune A in the step's starting state,
# and who may take the step (200: the step is taken; the others' POSTs must change nothing). The core walk cannot
# POST to them yet, so emulation/tests/test_steps.py checks every cast member against these answers.
STEPS = {
    "emulation:step_approve": (_pk("registered"), MANAGE_A),
    "emulation:step_return": (_pk("registered"), MANAGE_A),
    "emulation:step_launch": (_pk("approved"), MANAGE_A),
    "emulation:step_review": (_pk("implementing"), MANAGE_A),
    "emulation:step_conclude": (_pk("reviewed"), MANAGE_A),
}


def _first_file(w):
    record = w.extra["registered"]
    return {"pk": record.pk, "attachment_pk": attachments.of(record).first().pk}


MATRIX = {
    "emulation:list": (lambda w: {}, ALL),
    "emulation:create": (lambda w: {}, CREATE),
    "emulation:import": (lambda w: {}, CREATE),
    "emulation:import_template": (lambda w: {}, CREATE),
    "emulation:import_detail": (_pk("job"), OWN_JOB),
    "emulation:import_rejected": (None, "only for jobs with rejected rows: covered by test_import.py"),
    "emulation:statistics": (lambda w: {}, ALL),
    "emulation:statistics_print": (lambda w: {}, ALL),
    "emulation:sheet_list": (lambda w: {}, ALL),
    "emulation:sheet_create": (lambda w: {}, EMULATION_MANAGE),
    "emulation:sheet_edit": (_pk("sheet"), ALL),
    "emulation:conference_list": (lambda w: {}, ALL),
    "emulation:conference_create": (lambda w: {}, EMULATION_MANAGE),
    "emulation:conference_detail": (_pk("praise"), GROUP_READ),
    "emulation:detail": (_pk("registered"), IN_A),
    "emulation:edit": (_pk("registered"), MANAGE_A),
    "emulation:evaluation_create": (_pk("reviewed"), MANAGE_A),
    "emulation:award_create": (_pk("evaluated"), MANAGE_A),
    "emulation:attachment_add": (None, "POST only: covered by test_views.py"),
    "emulation:attachment": (_first_file, IN_A),
    **dict.fromkeys(STEPS, (None, "POST only: every cast member in test_steps.py (STEPS)")),
}

# POST-only URLs: the core walk checks that whoever may not take them gets this answer and changes nothing
# (core/tests/test_access_matrix.py); test_steps.py also takes each step with whoever may.
POSTS = {**STEPS, "emulation:attachment_add": (_pk("registered"), MANAGE_A)}
