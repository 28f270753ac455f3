"""This module's URLs in the access matrix (danvan/core/tests/test_access_matrix.py)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core import attachments
from danvan.core.access import loader_actor
from danvan.core.models import PartyOrgType
from danvan.core.services import orgs, units
from danvan.core.tests.cast import unit_type
from danvan.core.tests.test_access_matrix_shapes import ALL, GROUP_ADMIN, GROUP_MANAGE, GROUP_READ, GROUP_RECORD
from danvan.supervision import services
from danvan.supervision.models import WorkingGroup
from danvan.supervision.views.reports import STEP_HANDLERS

from .factories import D, build_group


def prepare(world):
    build_group(world)  # once per test module: each test's changes are rolled back
    leader = world.extra["leader"]
    world.extra["activity"] = services.activity_record(
        actor=loader_actor(),
        team=world.extra["team"],
        kind="visit",
        held_on=D(2016, 2, 2),
        unit=world.village_a1,
        participants=[leader],
        findings="Nắm tình hình thôn Đông Thượng.",
        attachments=[SimpleUploadedFile("bien-ban-lam-viec.pdf", b"%PDF-1.4 matrix")],
    )


def _decision_file(w) -> dict:
    decision = w.extra["group"].decision
    return {"kind": "quyet-dinh", "pk": decision.pk, "attachment_pk": attachments.of(decision).get().pk}


def grow(world):
    """A new commune of the district (a village, its Party cell) covered by a new team of the matrix's working
    group, with a monthly report, a cell meeting attended and a field activity raising two items; and one more
    working group. Every list of this module, the group's report matrix and its coverage get more rows
    (test_query_counts.py)."""
    actor = loader_actor()
    n = WorkingGroup.objects.count() + 1
    start = D(2016, 1, 1)
    commune = units.unit_create(
        actor=actor, name=f"Xã mới số {n}", unit_type=unit_type("commune"), parent=world.district, valid_from=start
    )
    village = units.unit_create(
        actor=actor, name=f"Thôn mới số {n}", unit_type=unit_type("village"), parent=commune, valid_from=start
    )
    commune_org = orgs.party_org_create(
        actor=actor,
        name=f"Đảng bộ xã mới số {n}",
        org_type=PartyOrgType.objects.get(code="commune_party_org"),
        unit=commune,
        valid_from=start,
    )
    cell = orgs.party_org_create(
        actor=actor,
        name=f"Chi bộ thôn mới số {n}",
        org_type=PartyOrgType.objects.get(code="affiliated_cell"),
        unit=village,
        parent=commune_org,
        valid_from=start,
    )
    head = orgs.person_create(actor=actor, full_name=f"Trưởng đoàn số {n}", unit=world.district)
    member = orgs.person_create(actor=actor, full_name=f"Thành viên tổ số {n}", unit=world.district)
    services.working_group_create(
        actor=actor,
        decision_number=f"{100 + n}-QĐ/HU",
        issued_on=D(2016, 1, 10),
        issuer=world.extra["committee"],
        summary="Về việc thành lập đoàn công tác",
        name=f"Đoàn công tác số {n}",
        head=head,
        valid_from=D(2016, 1, 15),
    )
    team = services.team_create(actor=actor, group=world.extra["group"], name=f"Tổ {n}", leader=head, members=[member])
    services.assignment_set(actor=actor, team=team, unit=commune, valid_from=D(2016, 1, 15))
    services.report_create(actor=actor, team=team, unit=commune, period=D(2016, 1, 1))
    services.attendance_record(
        actor=actor,
        team=team,
        attendee=member,
        cell=cell,
        held_on=D(2016, 2, 10),
        assessment="good",
        proposals=f"Đề nghị sửa nhà văn hóa thôn mới số {n}",
    )
    services.activity_record(
        actor=actor,
        team=team,
        kind="visit",
        held_on=D(2016, 3, 2),
        unit=village,
        participants=[head, member],
        findings="Nắm tình hình cơ sở.",
        attachments=[SimpleUploadedFile(f"bien-ban-{n}.pdf", b"%PDF-1.4 grow")],
        raised=f"Đề nghị nạo vét kênh mương thôn mới số {n}\nĐề nghị lắp đèn đường thôn mới số {n}",
    )


MATRIX = {
    "supervision:group_list": (lambda w: {}, ALL),
    "supervision:group_create": (lambda w: {}, GROUP_ADMIN),
    "supervision:group_detail": (lambda w: {"pk": w.extra["group"].pk}, GROUP_READ),
    "supervision:team_create": (lambda w: {"pk": w.extra["group"].pk}, GROUP_MANAGE),
    "supervision:coverage": (lambda w: {"pk": w.extra["group"].pk}, GROUP_READ),
    "supervision:assignment_create": (lambda w: {"pk": w.extra["team"].pk}, GROUP_MANAGE),
    "supervision:attendance_list": (lambda w: {}, ALL),
    "supervision:attendance_create": (lambda w: {}, GROUP_RECORD),
    "supervision:report_matrix": (lambda w: {"pk": w.extra["group"].pk}, GROUP_READ),
    "supervision:report_list": (lambda w: {}, ALL),
    "supervision:report_create": (lambda w: {}, GROUP_RECORD),
    "supervision:report_detail": (lambda w: {"pk": w.extra["report"].pk}, GROUP_READ),
    "supervision:report_edit": (lambda w: {"pk": w.extra["report"].pk}, GROUP_MANAGE),
    **{
        f"supervision:step_{step}": (
            None,
            "POST only: test_every_step_has_its_own_address_... in test_monthly_reports.py",
        )
        for step in STEP_HANDLERS
    },
    "supervision:plan_create": (lambda w: {"pk": w.extra["group"].pk}, GROUP_MANAGE),
    "supervision:plan_detail": (lambda w: {"pk": w.extra["plan"].pk}, GROUP_READ),
    "supervision:task_status": (None, "POST only: covered by test_plans_and_activities.py"),
    "supervision:activity_list": (lambda w: {}, ALL),
    "supervision:decision_add": (lambda w: {"pk": w.extra["group"].pk}, GROUP_MANAGE),
    "supervision:team_edit": (lambda w: {"pk": w.extra["team"].pk}, GROUP_MANAGE),
    "supervision:assignment_end": (lambda w: {"pk": w.extra["assignment"].pk}, GROUP_MANAGE),
    "supervision:activity_create": (lambda w: {}, GROUP_RECORD),
    "supervision:raised_list": (lambda w: {}, ALL),
    "supervision:activity_detail": (lambda w: {"pk": w.extra["activity"].pk}, GROUP_READ),
    "supervision:attachment_add": (None, "POST only: test_files_are_added_by_whoever_may_write_the_record"),
    "supervision:attachment": (_decision_file, GROUP_READ),
}

# POST-only URLs: whoever may not take them gets this answer and changes nothing (core/tests/test_access_matrix.py).
# The matrix's report is a draft of the district's group: only the group's managers reach its steps.
POSTS = {
    **{f"supervision:step_{step}": (lambda w: {"pk": w.extra["report"].pk}, GROUP_MANAGE) for step in STEP_HANDLERS},
    "supervision:attachment_add": (lambda w: {"kind": "quyet-dinh", "pk": w.extra["group"].decision.pk}, GROUP_MANAGE),
}
