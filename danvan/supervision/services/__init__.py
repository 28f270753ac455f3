"""Writes for working groups: decisions, groups, teams, assignments, cell-meeting attendance, monthly reports
and their reminders, plans, tasks and field activities.

"Today" for these rules is `core.dates.today()` (tests set it with the `on_day` fixture)."""

from .common import GROUP_FIELDS, ONE_DAY, require_team_writer
from .groups import (
    assignment_end,
    assignment_set,
    attendance_record,
    decision_add,
    team_create,
    team_update,
    working_group_create,
)
from .plans import activity_record, plan_create, require_plan_writer, task_create, task_set_status
from .reminders import REMINDER_DAYS_BEFORE, SENT_STATUSES, report_reminders_send
from .reports import (
    REPORT_FIELDS,
    month_start,
    report_accept,
    report_compile,
    report_create,
    report_reopen,
    report_return,
    report_submit,
    report_update,
)

__all__ = [
    "GROUP_FIELDS",
    "ONE_DAY",
    "REMINDER_DAYS_BEFORE",
    "REPORT_FIELDS",
    "SENT_STATUSES",
    "activity_record",
    "assignment_end",
    "assignment_set",
    "attendance_record",
    "decision_add",
    "month_start",
    "plan_create",
    "report_accept",
    "report_compile",
    "report_create",
    "report_reminders_send",
    "report_reopen",
    "report_return",
    "report_submit",
    "report_update",
    "require_plan_writer",
    "require_team_writer",
    "task_create",
    "task_set_status",
    "team_create",
    "team_update",
    "working_group_create",
]
