"""Writes for working groups: decisions, groups, teams, assignments, cell-meeting attendance."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from danvan.core import audit, permissions
from danvan.core import selectors as core_selectors
from danvan.core.models import Body, PartyOrg, Person, Unit
from danvan.core.permissions import Cap, require, today
from danvan.core.services.common import (
    check_day,
    check_period,
    fmt,
    optional_text,
    required_name,
    required_text,
    save_versioned,
)
from danvan.core.text import fold, sort_key

from . import signals
from .models import (
    Activity,
    Assignment,
    CellMeetingAttendance,
    Decision,
    MonitoringField,
    MonthlyReport,
    RaisedItem,
    ReportSection,
    Task,
    Team,
    WorkingGroup,
    WorkPlan,
)
from .selectors import RECENTLY_ENDED_DAYS, month_end, team_communes, team_communes_in_month

ONE_DAY = datetime.timedelta(days=1)
GROUP_FIELDS = ["name", "unit", "head", "valid_from", "valid_to", "cell_visits_per_quarter", "note"]


def _in_area(unit: Unit, area: Unit, day: datetime.date) -> bool:
    """Is `unit` (as carried on to `day`) inside `area` on that day?"""
    return core_selectors.rollups_on(day).filter(unit=unit, target=area).exists()


def _check_people(actor, people, field: str) -> None:
    """Heads, leaders and members are people the actor can see (a province may lend its officers to a
    district's group, but nobody picks people from outside their own scope)."""
    if actor is None:
        return
    outsiders = [p for p in people if p is not None and not permissions.can(actor, Cap.VIEW, p.unit)]
    if outsiders:
        raise ValidationError(
            {field: _("Không tìm thấy trong địa bàn của bạn: %(p)s.") % {"p": ", ".join(str(p) for p in outsiders)}}
        )


@transaction.atomic
def working_group_create(
    *,
    actor,
    decision_number: str,
    issued_on: datetime.date,
    issuer: Body,
    signer: str = "",
    summary: str,
    file=None,
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
    to the issuing committee's unit; it starts no earlier than the decision."""
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
    if file:
        decision.file = file
        decision.save(update_fields=["file"])
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
    if held_on > today():
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


# --- Monthly reports -----------------------------------------------------------------------------------------

REPORT_FIELDS = ["status", "general_situation", "difficulties", "recommendations", "returned_reason", "reopened"]


def require_team_writer(actor, team: Team) -> None:
    """Members of the team (through their account) and the committee's officers write its reports."""
    if actor is None or permissions.can(actor, Cap.MANAGE_GROUPS, team.group.unit):
        return
    require(actor, Cap.RECORD_ATTENDANCE, team.group.unit)
    if not team.members.filter(user=actor).exists():
        raise PermissionDenied


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


@transaction.atomic
def report_create(*, actor, team: Team, unit: Unit | None, period: datetime.date) -> MonthlyReport:
    """Open the draft of a team's monthly report: for a past or the current month, for a commune the team
    covers in that month (or for the whole team, by the group's setting), once per team, commune and month."""
    require_team_writer(actor, team)
    if period is None:
        raise ValidationError({"period": _("Vui lòng chọn tháng báo cáo.")})
    period = month_start(period)
    if period > month_start(today()):
        raise ValidationError({"period": _("Chưa thể báo cáo cho tháng %(m)s.") % {"m": period.strftime("%m/%Y")}})
    group = team.group
    if group.valid_from > month_end(period) or (group.valid_to and group.valid_to < period):
        raise ValidationError({"period": _("Đoàn không hoạt động trong tháng này.")})
    if group.report_per_commune:
        if unit is None:
            raise ValidationError({"unit": _("Đoàn báo cáo theo từng xã: vui lòng chọn xã.")})
        covered = {c.pk for c in team_communes_in_month(team, period)}
        if unit.pk not in covered:
            raise ValidationError(
                {
                    "unit": _("%(t)s không phụ trách %(u)s trong tháng %(m)s.")
                    % {"t": team.name, "u": unit, "m": period.strftime("%m/%Y")}
                }
            )
    else:
        unit = None
        if not team_communes_in_month(team, period):
            raise ValidationError(
                {
                    "period": _("%(t)s không phụ trách xã nào trong tháng %(m)s.")
                    % {"t": team.name, "m": period.strftime("%m/%Y")}
                }
            )
    if MonthlyReport.objects.filter(team=team, unit=unit, period=period).exists():
        raise ValidationError(
            {"period": _("Đã có báo cáo của %(t)s cho tháng %(m)s.") % {"t": team.name, "m": period.strftime("%m/%Y")}}
        )
    report = MonthlyReport.objects.create(team=team, unit=unit, period=period)
    ReportSection.objects.bulk_create(
        [ReportSection(report=report, field=field) for field in MonitoringField.objects.valid_on(period)]
    )
    audit.record_create(actor=actor, obj=report, fields=["team", "unit", "period", "status"], unit=group.unit)
    return report


def _changed_since(report: MonthlyReport, saves: int) -> list[str]:
    """Labels of the fields changed by the last `saves` saves (read from the audit trail)."""
    from danvan.core.models import AuditEntry

    entries = AuditEntry.objects.filter(
        content_type__model="monthlyreport",
        content_type__app_label="supervision",
        object_id=str(report.pk),
        action="update",
    ).order_by("-id")[: max(saves, 1)]
    labels = []
    for entry in entries:
        for label, _old, _new in entry.change_rows():
            if label not in labels:
                labels.append(label)
    return labels


def _check_editable(report: MonthlyReport, actor) -> None:
    """Drafts and returned reports are editable until the lock; the lock binds users, not the system's own
    import of historical reports (actor None)."""
    if report.status not in (MonthlyReport.Status.DRAFT, MonthlyReport.Status.RETURNED):
        raise ValidationError(_("Báo cáo đã gửi; chỉ sửa được khi bị trả lại."))
    if actor is not None and report.is_locked:
        raise ValidationError(
            _("Báo cáo đã khóa (quá hạn %(n)s ngày); đề nghị Thường trực mở lại nếu cần sửa.")
            % {"n": report.team.group.report_lock_days}
        )


@transaction.atomic
def report_save(
    *,
    actor,
    report: MonthlyReport,
    expected_version: int | None,
    general_situation: str,
    difficulties: str,
    recommendations: str,
    sections: dict[int, str],
) -> MonthlyReport:
    """Save a draft (or a returned report). A save from a stale page is refused, naming what changed."""
    require_team_writer(actor, report.team)
    _check_editable(report, actor)
    before = audit.snapshot(report, REPORT_FIELDS)
    fresh = MonthlyReport.objects.get(pk=report.pk)
    if expected_version is not None and fresh.version != expected_version:
        changed = _changed_since(report, fresh.version - expected_version) or [_("các mục theo lĩnh vực")]
        raise ValidationError(
            _("Báo cáo vừa được người khác sửa (%(f)s). Vui lòng tải lại trang; nội dung của bạn chưa được lưu.")
            % {"f": ", ".join(changed)},
            code="conflict",
        )
    report.general_situation = optional_text(general_situation, "general_situation", 20000, multiline=True)
    report.difficulties = optional_text(difficulties, "difficulties", 20000, multiline=True)
    report.recommendations = optional_text(recommendations, "recommendations", 20000, multiline=True)
    save_versioned(report, expected_version, ["general_situation", "difficulties", "recommendations"])
    for section in report.sections.all():
        if section.field_id in sections:
            section.content = optional_text(
                sections[section.field_id], f"section_{section.field_id}", 20000, multiline=True
            )
            section.save(update_fields=["content"])
    audit.record_update(actor=actor, obj=report, before=before, fields=REPORT_FIELDS, unit=report.team.group.unit)
    return report


def _transition(actor, report, expected_version, *, allowed, status, verb, reason="", **values):
    if report.status not in allowed:
        raise ValidationError(_("Không thể chuyển báo cáo từ trạng thái “%(s)s”.") % {"s": report.get_status_display()})
    before = audit.snapshot(report, REPORT_FIELDS)
    report.status = status
    for key, value in values.items():
        setattr(report, key, value)
    save_versioned(report, expected_version, ["status", *values])
    audit.record_update(
        actor=actor,
        obj=report,
        before=before,
        fields=REPORT_FIELDS,
        unit=report.team.group.unit,
        verb=verb,
        reason=reason,
    )
    return report


@transaction.atomic
def report_submit(*, actor, report: MonthlyReport, expected_version: int | None) -> MonthlyReport:
    """Send the report. Each line of its recommendations becomes a kiến nghị item of the commune."""
    from django.utils import timezone

    require_team_writer(actor, report.team)
    _check_editable(report, actor)
    if not (report.general_situation.strip() or any(s.content.strip() for s in report.sections.all())):
        raise ValidationError({"general_situation": _("Báo cáo chưa có nội dung.")})
    report = _transition(
        actor,
        report,
        expected_version,
        allowed=[MonthlyReport.Status.DRAFT, MonthlyReport.Status.RETURNED],
        status=MonthlyReport.Status.SUBMITTED,
        verb=_("Gửi báo cáo"),
        submitted_at=timezone.now(),
        submitted_by=actor if actor is not None and actor.is_authenticated else None,
        returned_reason="",
        reopened=False,  # the reopening was for this correction: the report locks again on its schedule
    )
    report.raised.all().delete()  # re-sent after a return: the items follow the new text
    _raise_items(
        report.recommendations,
        actor=actor,
        team=report.team,
        unit=report.unit or report.team.group.unit,
        raised_on=month_end(report.period),
        report=report,
    )
    return report


@transaction.atomic
def report_return(*, actor, report: MonthlyReport, expected_version: int | None, reason: str) -> MonthlyReport:
    require(actor, Cap.MANAGE_GROUPS, report.team.group.unit)
    reason = required_name(reason, "reason", 5000)
    return _transition(
        actor,
        report,
        expected_version,
        allowed=[MonthlyReport.Status.SUBMITTED],
        status=MonthlyReport.Status.RETURNED,
        verb=_("Trả lại báo cáo"),
        reason=reason,
        returned_reason=reason,
    )


@transaction.atomic
def report_accept(*, actor, report: MonthlyReport, expected_version: int | None) -> MonthlyReport:
    require(actor, Cap.MANAGE_GROUPS, report.team.group.unit)
    return _transition(
        actor,
        report,
        expected_version,
        allowed=[MonthlyReport.Status.SUBMITTED],
        status=MonthlyReport.Status.ACCEPTED,
        verb=_("Tiếp nhận báo cáo"),
    )


@transaction.atomic
def report_reopen(*, actor, report: MonthlyReport, expected_version: int | None, reason: str) -> MonthlyReport:
    """A standing-committee officer reopens one locked report for correction; the reason stays in the log."""
    require(actor, Cap.MANAGE_GROUPS, report.team.group.unit)
    reason = required_name(reason, "reason", 5000)
    allowed = [MonthlyReport.Status.SUBMITTED, MonthlyReport.Status.ACCEPTED]
    if report.is_locked:  # a locked draft or returned report can be opened for its team again
        allowed += [MonthlyReport.Status.DRAFT, MonthlyReport.Status.RETURNED]
    status = MonthlyReport.Status.RETURNED if report.status in allowed[:2] else report.status
    return _transition(
        actor,
        report,
        expected_version,
        allowed=allowed,
        status=status,
        verb=_("Mở lại báo cáo"),
        reason=reason,
        reopened=True,
        returned_reason=reason,
    )


# --- Reminders -------------------------------------------------------------------------------------------------

REMINDER_DAYS_BEFORE = 3
SENT_STATUSES = (MonthlyReport.Status.SUBMITTED, MonthlyReport.Status.ACCEPTED, MonthlyReport.Status.COMPILED)


def report_reminders_send(day: datetime.date | None = None) -> int:
    """Remind team leaders of missing monthly reports: REMINDER_DAYS_BEFORE days before the due day and on
    the day after it (in the application and by e-mail). Each reminder goes once; run daily from cron
    (`danvan send_report_reminders`) or as a background task. Returns the number of notifications."""
    from django.urls import reverse

    from danvan.core.notifications import notify

    day = day or today()
    sent = 0
    recent = day - datetime.timedelta(days=RECENTLY_ENDED_DAYS)
    groups = WorkingGroup.objects.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=recent))
    for group in groups.prefetch_related("teams__leader__user"):
        for period in {month_start(day), month_start(month_start(day) - ONE_DAY)}:
            due = group.report_due(period)
            if day == due - datetime.timedelta(days=REMINDER_DAYS_BEFORE):
                moment, title = "before", _("Sắp đến hạn báo cáo tháng %(m)s (hạn %(d)s)")
            elif day == due + ONE_DAY:
                moment, title = "after", _("Quá hạn báo cáo tháng %(m)s (hạn %(d)s)")
            else:
                continue
            for team in group.teams.all():
                missing = _missing_reports(team, period, day)
                if not missing or team.leader.user is None:
                    continue
                sent += len(
                    notify(
                        [team.leader.user],
                        title=title % {"m": period.strftime("%m/%Y"), "d": fmt(due)},
                        body=_("%(t)s – %(g)s chưa gửi báo cáo: %(u)s.")
                        % {"t": team.name, "g": group.name, "u": ", ".join(missing)},
                        url=reverse("supervision:report_list"),
                        key=f"report-reminder:{team.pk}:{period.isoformat()}:{moment}",
                    )
                )
    return sent


def _missing_reports(team: Team, period: datetime.date, day: datetime.date) -> list[str]:
    sent = set(
        MonthlyReport.objects.filter(team=team, period=period, status__in=SENT_STATUSES).values_list(
            "unit_id", flat=True
        )
    )
    communes = team_communes_in_month(team, period)
    if not team.group.report_per_commune:
        return [team.name] if communes and not sent else []
    return [c.full_name for c in communes if c.pk not in sent]


# --- Plans, tasks, field activities ----------------------------------------------------------------------------


def group_people(group: WorkingGroup, team: Team | None) -> set[int]:
    if team is not None:
        return set(team.members.values_list("pk", flat=True)) | {team.leader_id}
    people = {group.head_id, *group.deputies.values_list("pk", flat=True)}
    for member in Team.members.through.objects.filter(team__group=group).values_list("person_id", flat=True):
        people.add(member)
    return people


@transaction.atomic
def plan_create(
    *, actor, group: WorkingGroup, team: Team | None, title: str, starts_on: datetime.date, ends_on: datetime.date
) -> WorkPlan:
    """A work programme for a quarter or a year, of the group or of one of its teams."""
    require(actor, Cap.MANAGE_GROUPS, group.unit)
    if team is not None and team.group_id != group.pk:
        raise ValidationError({"team": _("Tổ không thuộc đoàn này.")})
    check_period(starts_on, ends_on)
    if ends_on is None:
        raise ValidationError({"ends_on": _("Vui lòng nhập ngày kết thúc.")})
    plan = WorkPlan.objects.create(
        group=group, team=team, title=required_name(title, "title", 300), starts_on=starts_on, ends_on=ends_on
    )
    audit.record_create(actor=actor, obj=plan, fields=["title", "team", "starts_on", "ends_on"], unit=group.unit)
    return plan


@transaction.atomic
def task_create(
    *, actor, plan: WorkPlan, title: str, assignee: Person, due_on: datetime.date, field: MonitoringField | None = None
) -> Task:
    """A task of a plan, for a member of the team (or of the group), due within the plan's period."""
    require_plan_writer(actor, plan)
    if due_on is None:
        raise ValidationError({"due_on": _("Vui lòng nhập hạn hoàn thành.")})
    check_day(due_on, "due_on")
    if due_on < plan.starts_on:
        raise ValidationError(
            {
                "due_on": _("Hạn hoàn thành không được trước ngày bắt đầu chương trình (%(d)s).")
                % {"d": fmt(plan.starts_on)}
            }
        )
    if due_on > plan.ends_on:
        raise ValidationError(
            {
                "due_on": _("Hạn hoàn thành không được sau ngày kết thúc chương trình (%(d)s).")
                % {"d": fmt(plan.ends_on)}
            }
        )
    if assignee.pk not in group_people(plan.group, plan.team):
        raise ValidationError({"assignee": _("%(p)s không phải thành viên của tổ, đoàn này.") % {"p": assignee}})
    task = Task.objects.create(
        plan=plan, title=required_name(title, "title", 500), assignee=assignee, due_on=due_on, field=field
    )
    audit.record_create(
        actor=actor, obj=task, fields=["title", "assignee", "due_on", "field", "status"], unit=plan.group.unit
    )
    return task


def require_plan_writer(actor, plan: WorkPlan) -> None:
    if plan.team is not None:
        require_team_writer(actor, plan.team)
    else:
        require(actor, Cap.MANAGE_GROUPS, plan.group.unit)


@transaction.atomic
def task_set_status(*, actor, task: Task, expected_version: int | None, status: str) -> Task:
    require_plan_writer(actor, task.plan)
    if status not in Task.Status.values:
        raise ValidationError({"status": _("Trạng thái không hợp lệ.")})
    before = audit.snapshot(task, ["status", "done_on"])
    task.status = status
    task.done_on = today() if status == Task.Status.DONE else None
    save_versioned(task, expected_version, ["status", "done_on"])
    audit.record_update(actor=actor, obj=task, before=before, fields=["status", "done_on"], unit=task.plan.group.unit)
    return task


def _raise_items(
    lines: str, *, actor, team: Team, unit: Unit, raised_on=None, kind=RaisedItem.Kind.RECOMMENDATION, **source
) -> int:
    """One item per line, dated the day it was raised (the meeting, the activity, the report's month)."""
    day = min(raised_on or today(), today())
    items = [
        RaisedItem(kind=kind, unit=unit, team=team, content=line.strip()[:5000], raised_on=day, **source)
        for line in (lines or "").splitlines()
        if line.strip()
    ]
    RaisedItem.objects.bulk_create(items)
    if items:
        signals.items_raised.send(sender=RaisedItem, items=items, actor=actor)
    return len(items)


@transaction.atomic
def activity_record(
    *,
    actor,
    team: Team,
    kind: str,
    held_on: datetime.date,
    unit: Unit,
    participants: Sequence[Person],
    findings: str,
    fields: Sequence[MonitoringField] = (),
    attachment=None,
    raised: str = "",
) -> Activity:
    """A visit, working session, inspection or supervision at a commune or village the team covers that day.
    Each line of `raised` becomes a kiến nghị item of that place, in the same transaction."""
    require_team_writer(actor, team)
    if held_on is None:
        raise ValidationError({"held_on": _("Vui lòng nhập ngày.")})
    check_day(held_on, "held_on")
    if held_on > today():
        raise ValidationError({"held_on": _("Ngày hoạt động không được sau hôm nay.")})
    if kind not in Activity.Kind.values:
        raise ValidationError({"kind": _("Hình thức không hợp lệ.")})
    commune = core_selectors.unit_rollup_target(unit, as_of=held_on, level_code="commune")
    if commune is None or commune not in team_communes(team, as_of=held_on):
        raise ValidationError(
            {
                "unit": _("%(u)s không thuộc địa bàn %(t)s phụ trách vào ngày %(d)s.")
                % {"u": unit, "t": team.name, "d": fmt(held_on)}
            }
        )
    if not participants:
        raise ValidationError({"participants": _("Chọn ít nhất một người tham gia.")})
    outsiders = [p for p in participants if p.pk not in group_people(team.group, team)]
    if outsiders:
        raise ValidationError(
            {
                "participants": _("Không phải thành viên %(t)s: %(p)s.")
                % {"t": team.name, "p": ", ".join(str(p) for p in outsiders)}
            }
        )
    activity = Activity.objects.create(
        team=team,
        kind=kind,
        held_on=held_on,
        unit=unit,
        findings=required_text(findings, "findings", 20000),
    )
    activity.participants.set(participants)
    activity.fields.set(fields)
    if attachment:
        activity.attachment = attachment
        activity.save(update_fields=["attachment"])
    count = _raise_items(raised, actor=actor, team=team, unit=unit, raised_on=held_on, activity=activity)
    audit.record_create(
        actor=actor, obj=activity, fields=["team", "kind", "held_on", "unit", "findings"], unit=team.group.unit
    )
    if count:
        audit.record(
            actor=actor,
            obj=activity,
            action="action",
            unit=team.group.unit,
            verb=_("Nêu %(n)s kiến nghị") % {"n": count},
        )
    return activity


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
    file=None,
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
    if file:
        decision.file = file
        decision.save(update_fields=["file"])
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


@transaction.atomic
def report_compile(*, actor, report: MonthlyReport, expected_version: int | None) -> MonthlyReport:
    """An accepted report is marked compiled once it went into the committee's summary report."""
    require(actor, Cap.MANAGE_GROUPS, report.team.group.unit)
    return _transition(
        actor,
        report,
        expected_version,
        allowed=[MonthlyReport.Status.ACCEPTED],
        status=MonthlyReport.Status.COMPILED,
        verb=_("Đã tổng hợp vào báo cáo chung"),
    )
