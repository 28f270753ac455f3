"""Writes of the kiến nghị registry. Each function is one transaction, checks who may do it, refuses bad input
with a Vietnamese message tied to a form field, records a timeline event and an audit entry.

The clock: an item routed to a body gets `allowed_days` working days (reference data by kind and the body's
level) from `clock_start` (the intake day, or the day of a transfer that restarts the clock). The due date is
stored: `due_on = clock_start + (allowed_days + paused_days)` working days, recomputed only when one of those
changes or when the calendar (core.services.calendar) is edited: `due_dates_follow_calendar` is registered with
core.workdays.on_calendar_change.

The day events are recorded on is `core.dates.record_day()` (today, or the day a loader replays).
"""

from danvan.core.uploads import MAX_UPLOAD_BYTES

from .common import MAX_ANSWER, MAX_CONTENT, TRACKED, warn_days
from .conferences import (
    RECORD_FIELDS,
    conclusion_task_add,
    conclusion_task_follow_up,
    conference_carry_over,
    conference_create,
    conference_update,
)
from .deadlines import due_dates_follow_calendar, petitions_check_deadlines, recompute_due_dates
from .duplicates import petition_link, petition_unlink
from .handover import petitions_hand_over
from .intake import (
    TRANSFER_MODES,
    Raised,
    petition_answer,
    petition_classify,
    petition_close,
    petition_create,
    petition_info_received,
    petition_request_info,
    petition_resolve,
    petition_route,
    petition_set_due,
    petition_start,
    petition_transfer,
    petition_verdict,
    petitions_raise,
)
from .reference import TEMPLATE_ACTIONS, answer_template_create, answer_template_update, resolution_time_set
from .routing import routing_rule_create, routing_rule_update

__all__ = [
    "MAX_ANSWER",
    "MAX_CONTENT",
    "MAX_UPLOAD_BYTES",
    "TEMPLATE_ACTIONS",
    "TRACKED",
    "TRANSFER_MODES",
    "answer_template_create",
    "answer_template_update",
    "RECORD_FIELDS",
    "conclusion_task_add",
    "conclusion_task_follow_up",
    "conference_carry_over",
    "conference_create",
    "conference_update",
    "due_dates_follow_calendar",
    "petition_answer",
    "petition_classify",
    "petition_close",
    "petition_create",
    "petition_info_received",
    "petition_link",
    "petition_request_info",
    "petition_resolve",
    "petition_route",
    "petition_set_due",
    "petition_start",
    "petition_transfer",
    "petition_unlink",
    "petition_verdict",
    "petitions_check_deadlines",
    "petitions_hand_over",
    "Raised",
    "petitions_raise",
    "recompute_due_dates",
    "resolution_time_set",
    "routing_rule_create",
    "routing_rule_update",
    "warn_days",
]
