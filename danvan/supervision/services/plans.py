"""Plans, tasks, field activities."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import audit, dates
from danvan.core import selectors as core_selectors
from danvan.core.models import MonitoringField, Person, Unit
from danvan.core.permissions import Cap, require
from danvan.core.services.attachments import attachments_store
from danvan.core.services.common import check_day, check_period, fmt, required_name, required_text, save_versioned

from ..models import Activity, Task, Team, WorkingGroup, WorkPlan
from ..selectors import group_people, team_communes
from .common import _raise_items, require_team_writer

# --- Plans, tasks, field activities ----------------------------------------------------------------------------


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
    task.done_on = dates.today() if status == Task.Status.DONE else None
    save_versioned(task, expected_version, ["status", "done_on"])
    audit.record_update(actor=actor, obj=task, before=before, fields=["status", "done_on"], unit=task.plan.group.unit)
    return task


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
    attachments: Sequence = (),
    raised: str = "",
) -> Activity:
    """A visit, working session, inspection or supervision at a commune or village the team covers that day.
    Each line of `raised` becomes a kiến nghị item of that place, and `attachments` its files, in the same
    transaction."""
    require_team_writer(actor, team)
    if held_on is None:
        raise ValidationError({"held_on": _("Vui lòng nhập ngày.")})
    check_day(held_on, "held_on")
    if held_on > dates.today():
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
    attachments_store(actor=actor, record=activity, uploads=attachments)
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
