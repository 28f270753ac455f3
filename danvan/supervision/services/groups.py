"""Working groups, teams, assignments and cell-meeting attendance, and later changes to a group."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import audit, dates
from danvan.core import selectors as core_selectors
from danvan.core.models import Body, PartyOrg, Person, Unit
from danvan.core.permissions import Cap, require
from danvan.core.services.attachments import attachments_store
from danvan.core.services.common import check_day, check_period, fmt, optional_text, required_name, save_versioned
from danvan.core.text import fold, sort_key

from ..models import Assignment, CellMeetingAttendance, Decision, Team, WorkingGroup
from ..selectors import team_communes
from .common import GROUP_FIELDS, ONE_DAY, _check_people, _in_area, _raise_items, require_team_writer


@transaction.atomic
def working_group_create(
    *,
    actor,
    decision_number: str,
    issued_on: datetime.date,
    issuer: Body,
    signer: str = "",
    summary: str,
    attachments: Sequence = (),
    name: str,
    head: Person,
    deputies: Sequence[Person] = (),
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    cell_visits_per_quarter: int = 1,
    note: str = "",
    report_per_commune: bool = True,
    report_due_day: int = 25,
    report_due_next_month: bool = False,
    report_lock_days: int = 10,
    reports_visible_to_communes: bool = False,
) -> WorkingGroup:
    """The Standing Committee sets up a working group by decision (e.g. "Số 45-QĐ/HU"). The group belongs
    to the issuing committee's unit; it starts no earlier than the decision. `attachments`: the decision's
    files (the signed document), stored with it."""
    unit = issuer.unit
    require(actor, Cap.MANAGE_GROUPS, unit)
    _check_people(actor, [head], "head")
    _check_people(actor, deputies, "deputies")
    check_day(issued_on, "issued_on")
    check_period(valid_from, valid_to)
    if valid_from < issued_on:
        raise ValidationError(
            {"valid_from": _("Đoàn không thể bắt đầu trước ngày ban hành quyết định (%(d)s).") % {"d": fmt(issued_on)}}
        )
    if not issuer.is_valid_on(issued_on):
        raise ValidationError(
            {"issuer": _("%(b)s không có hiệu lực vào ngày %(d)s.") % {"b": issuer, "d": fmt(issued_on)}}
        )
    if not 1 <= report_due_day <= 31:
        raise ValidationError({"report_due_day": _("Nhập một ngày từ 1 đến 31 (tháng ngắn lấy ngày cuối tháng).")})
    if not 0 <= report_lock_days <= 365:
        raise ValidationError({"report_lock_days": _("Nhập từ 0 đến 365 ngày.")})
    if not 1 <= cell_visits_per_quarter <= 12:
        raise ValidationError({"cell_visits_per_quarter": _("Nhập từ 1 đến 12 lần mỗi quý.")})
    decision = Decision.objects.create(
        number=required_name(decision_number, "decision_number", 60),
        issued_on=issued_on,
        issuer=issuer,
        signer=optional_text(signer, "signer", 200),
        summary=required_name(summary, "summary", 500),
        unit=unit,
    )
    attachments_store(actor=actor, record=decision, uploads=attachments)
    group = WorkingGroup(
        name=required_name(name),
        decision=decision,
        unit=unit,
        head=head,
        valid_from=valid_from,
        valid_to=valid_to,
        cell_visits_per_quarter=cell_visits_per_quarter,
        report_per_commune=report_per_commune,
        report_due_day=report_due_day,
        report_due_next_month=report_due_next_month,
        report_lock_days=report_lock_days,
        reports_visible_to_communes=reports_visible_to_communes,
        note=optional_text(note, "note", 5000, multiline=True),
    )
    group.search_text, group.sort_key = fold(f"{group.name} {decision.number}"), sort_key(group.name)
    group.save()
    group.deputies.set([d for d in deputies if d != head])
    audit.record_create(
        actor=actor, obj=decision, fields=["number", "issued_on", "issuer", "signer", "summary"], unit=unit
    )
    audit.record_create(actor=actor, obj=group, fields=GROUP_FIELDS, unit=unit)
    return group


@transaction.atomic
def team_create(*, actor, group: WorkingGroup, name: str, leader: Person, members: Sequence[Person] = ()) -> Team:
    """A team of a group, with its leader (always a member) and members."""
    require(actor, Cap.MANAGE_GROUPS, group.unit)
    _check_people(actor, [leader], "leader")
    _check_people(actor, members, "members")
    name = required_name(name, "name", 100)
    if group.teams.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("Đoàn đã có tổ tên “%(n)s”.") % {"n": name}})
    team = Team.objects.create(group=group, name=name, leader=leader)
    team.members.set({leader, *members})
    audit.record(
        actor=actor,
        obj=team,
        action="create",
        unit=group.unit,
        changes={
            "name": [None, name],
            "leader": [None, str(leader)],
            "members": [None, sorted(str(p) for p in team.members.all())],
        },
    )
    return team


@transaction.atomic
def assignment_set(
    *, actor, team: Team, unit: Unit, valid_from: datetime.date, decision: Decision | None = None
) -> Assignment:
    """Assign a commune to a team from `valid_from`. A commune has one team of a group at a time: the open
    period of another team of the group (or of this one) closes the day before; its history stays."""
    group = team.group
    require(actor, Cap.MANAGE_GROUPS, group.unit)
    check_period(valid_from, None)
    if unit.level.code != "commune":
        raise ValidationError({"unit": _("Chỉ phân công địa bàn cấp xã (xã, phường, thị trấn, đặc khu).")})
    if not unit.is_valid_on(valid_from):
        raise ValidationError(
            {"unit": _("%(u)s không có hiệu lực vào ngày %(d)s.") % {"u": unit, "d": fmt(valid_from)}}
        )
    if not group.is_valid_on(valid_from):
        raise ValidationError({"valid_from": _("Đoàn không hoạt động vào ngày %(d)s.") % {"d": fmt(valid_from)}})
    if not _in_area(unit, group.unit, valid_from):
        raise ValidationError({"unit": _("%(u)s không thuộc địa bàn của %(g)s.") % {"u": unit, "g": group.unit}})
    if decision is not None and decision.pk not in {
        group.decision_id,
        *group.change_decisions.values_list("pk", flat=True),
    }:
        raise ValidationError({"decision": _("Quyết định này không thuộc %(g)s.") % {"g": group}})
    # The commune itself, or a commune it absorbed that another team still covers through the roll-up.
    absorbed = core_selectors.rollups_on(valid_from).filter(target=unit, is_primary=True).values("unit_id")
    current = Assignment.objects.filter(team__group=group, unit__in=absorbed).exclude(valid_to__lt=valid_from)
    if current.filter(valid_from__gte=valid_from).exists():
        raise ValidationError({"valid_from": _("Đã có phân công %(u)s từ ngày này hoặc sau đó.") % {"u": unit}})
    for previous in current:
        Assignment.objects.filter(pk=previous.pk).update(valid_to=valid_from - ONE_DAY)
        audit.record(
            actor=actor,
            obj=previous,
            action="update",
            unit=group.unit,
            changes={"valid_to": [None, fmt(valid_from - ONE_DAY)]},
        )
    assignment = Assignment.objects.create(
        team=team, unit=unit, valid_from=valid_from, valid_to=group.valid_to, decision=decision
    )
    audit.record_create(
        actor=actor, obj=assignment, fields=["team", "unit", "valid_from", "valid_to", "decision"], unit=group.unit
    )
    return assignment


@transaction.atomic
def attendance_record(
    *,
    actor,
    team: Team,
    attendee: Person,
    cell: PartyOrg,
    held_on: datetime.date,
    kind: str = CellMeetingAttendance.Kind.REGULAR,
    assessment: str = "",
    remarks: str = "",
    proposals: str = "",
) -> CellMeetingAttendance:
    """A member of a team records attending a village or block cell's meeting "as regulated". The meeting
    took place (not after today), the cell existed that day, the attendee is in the team, and the cell is
    in one of the team's communes that day (Hướng dẫn 12-HD/BTCTW on the quality of cell meetings)."""
    require_team_writer(actor, team)
    if held_on is None:
        raise ValidationError({"held_on": _("Vui lòng nhập ngày sinh hoạt.")})
    check_day(held_on, "held_on")
    if held_on > dates.today():
        raise ValidationError({"held_on": _("Ngày sinh hoạt không được sau hôm nay.")})
    if not cell.is_valid_on(held_on):
        raise ValidationError(
            {
                "cell": _("%(c)s không có hiệu lực vào ngày %(d)s (hiệu lực %(a)s – %(b)s).")
                % {"c": cell, "d": fmt(held_on), "a": fmt(cell.valid_from), "b": fmt(cell.valid_to) or _("nay")}
            }
        )
    if not team.members.filter(pk=attendee.pk).exists():
        raise ValidationError({"attendee": _("%(p)s không phải thành viên %(t)s.") % {"p": attendee, "t": team.name}})
    commune = core_selectors.unit_rollup_target(cell.unit, as_of=held_on, level_code="commune")
    if commune is None or commune not in team_communes(team, as_of=held_on):
        raise ValidationError(
            {
                "cell": _("Chi bộ này không thuộc địa bàn %(t)s phụ trách vào ngày %(d)s.")
                % {"t": team.name, "d": fmt(held_on)}
            }
        )
    if kind not in CellMeetingAttendance.Kind.values:
        raise ValidationError({"kind": _("Loại sinh hoạt không hợp lệ.")})
    attendance = CellMeetingAttendance.objects.create(
        team=team,
        attendee=attendee,
        cell=cell,
        unit=cell.unit,
        held_on=held_on,
        kind=kind,
        assessment=assessment,
        remarks=optional_text(remarks, "remarks", 5000, multiline=True),
        proposals=optional_text(proposals, "proposals", 5000, multiline=True),
    )
    _raise_items(attendance.proposals, actor=actor, team=team, unit=cell.unit, raised_on=held_on, attendance=attendance)
    audit.record_create(
        actor=actor,
        obj=attendance,
        fields=["team", "attendee", "cell", "held_on", "kind", "assessment", "remarks", "proposals"],
        unit=team.group.unit,
    )
    return attendance


# --- Changes to a group: decisions, team membership, ending an assignment --------------------------------------


@transaction.atomic
def decision_add(
    *,
    actor,
    group: WorkingGroup,
    decision_number: str,
    issued_on: datetime.date,
    summary: str,
    signer: str = "",
    attachments: Sequence = (),
) -> Decision:
    """A later decision that changes a group (its teams, members or communes); changes then cite it."""
    require(actor, Cap.MANAGE_GROUPS, group.unit)
    check_day(issued_on, "issued_on")
    if issued_on is None or issued_on < group.decision.issued_on:
        raise ValidationError(
            {
                "issued_on": _("Quyết định điều chỉnh không thể trước quyết định thành lập (%(d)s).")
                % {"d": fmt(group.decision.issued_on)}
            }
        )
    decision = Decision.objects.create(
        number=required_name(decision_number, "decision_number", 60),
        issued_on=issued_on,
        issuer=group.decision.issuer,
        signer=optional_text(signer, "signer", 200),
        summary=required_name(summary, "summary", 500),
        unit=group.unit,
        changes_group=group,
    )
    attachments_store(actor=actor, record=decision, uploads=attachments)
    audit.record_create(actor=actor, obj=decision, fields=["number", "issued_on", "summary"], unit=group.unit)
    return decision


@transaction.atomic
def team_update(*, actor, team: Team, expected_version: int | None, leader: Person, members: Sequence[Person]) -> Team:
    """Change a team's leader and members (the leader is always a member); the change is in the log."""
    require(actor, Cap.MANAGE_GROUPS, team.group.unit)
    _check_people(actor, [leader], "leader")
    _check_people(actor, members, "members")
    before = {"leader": str(team.leader), "members": sorted(str(p) for p in team.members.all())}
    team.leader = leader
    save_versioned(team, expected_version, ["leader"])
    team.members.set({leader, *members})
    after = {"leader": str(leader), "members": sorted(str(p) for p in team.members.all())}
    audit.record(
        actor=actor,
        obj=team,
        action="update",
        unit=team.group.unit,
        changes={k: [before[k], after[k]] for k in after if before[k] != after[k]},
    )
    return team


@transaction.atomic
def assignment_end(*, actor, assignment: Assignment, valid_to: datetime.date) -> Assignment:
    """A team stops covering a commune at the end of `valid_to`; the period stays in the history."""
    require(actor, Cap.MANAGE_GROUPS, assignment.team.group.unit)
    check_period(assignment.valid_from, valid_to)
    if valid_to is None:
        raise ValidationError({"valid_to": _("Vui lòng nhập ngày kết thúc.")})
    if assignment.valid_to is not None and valid_to > assignment.valid_to:
        raise ValidationError(
            {
                "valid_to": _("Phân công đã kết thúc ngày %(d)s; chỉ có thể kết thúc sớm hơn.")
                % {"d": fmt(assignment.valid_to)}
            }
        )
    group = assignment.team.group
    if group.valid_to is not None and valid_to > group.valid_to:
        raise ValidationError({"valid_to": _("Đoàn kết thúc ngày %(d)s.") % {"d": fmt(group.valid_to)}})
    Assignment.objects.filter(pk=assignment.pk).update(valid_to=valid_to)
    audit.record(
        actor=actor,
        obj=assignment,
        action="update",
        unit=assignment.team.group.unit,
        changes={"valid_to": [fmt(assignment.valid_to), fmt(valid_to)]},
    )
    assignment.valid_to = valid_to
    return assignment
