"""A working group of the cast's district, built through the services, for this module's tests."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core.access import loader_actor
from danvan.core.models import BodyType, PartyOrgType
from danvan.core.services import orgs
from danvan.supervision import services

D = datetime.date


def build_group(world):
    committee = orgs.body_create(
        actor=loader_actor(),
        name="Ban Thường vụ Huyện ủy Đông Sơn",
        body_type=BodyType.objects.get(code="standing_committee"),
        unit=world.district,
        valid_from=D(2016, 1, 1),
    )
    leader = orgs.person_create(actor=loader_actor(), full_name="Hoàng Văn Tổ", unit=world.district)
    member = orgs.person_create(actor=loader_actor(), full_name="Đỗ Thị Viên", unit=world.district)
    group = services.working_group_create(
        actor=loader_actor(),
        decision_number="45-QĐ/HU",
        issued_on=D(2016, 1, 10),
        issuer=committee,
        signer="Bí thư",
        summary="Về việc thành lập đoàn công tác",
        attachments=[SimpleUploadedFile("45-QD-HU.pdf", b"%PDF-1.4 quyet dinh")],
        name="Đoàn công tác số 1",
        head=leader,
        valid_from=D(2016, 1, 15),
    )
    team = services.team_create(actor=loader_actor(), group=group, name="Tổ 1", leader=leader, members=[member])
    assignment = services.assignment_set(
        actor=loader_actor(), team=team, unit=world.commune_a, valid_from=D(2016, 1, 15)
    )
    cell_type = PartyOrgType.objects.get(code="affiliated_cell")
    cells = [
        orgs.party_org_create(
            actor=loader_actor(),
            name=f"Chi bộ thôn {village.name}",
            org_type=cell_type,
            unit=village,
            parent=world.party_org_a,
            valid_from=D(2016, 1, 1),
        )
        for village in (world.village_a1, world.village_a2)
    ]
    cell_b = orgs.party_org_create(
        actor=loader_actor(),
        name="Chi bộ thôn Bắc Sơn",
        org_type=cell_type,
        unit=world.village_b1,
        parent=world.party_org_b,
        valid_from=D(2016, 1, 1),
    )
    report = services.report_create(actor=loader_actor(), team=team, unit=world.commune_a, period=D(2016, 1, 1))
    plan = services.plan_create(
        actor=loader_actor(),
        group=group,
        team=team,
        title="Chương trình quý I/2016",
        starts_on=D(2016, 1, 1),
        ends_on=D(2016, 3, 31),
    )
    world.extra.update(
        group=group,
        team=team,
        leader=leader,
        member=member,
        cells=cells,
        cell_b=cell_b,
        committee=committee,
        report=report,
        plan=plan,
        assignment=assignment,
    )
    return group
