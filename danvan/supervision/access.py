"""Who reaches the working groups' records (declared here, decided by core.access): the committee unit that
owns each group; team members write their team's attendance and reports; a commune reads the reports sent
about it when the group allows it."""

from django.db.models import Q

from danvan.core.access import AllOf, AnyOf, InScope, Member, Where, register
from danvan.core.attachments import attachable
from danvan.core.permissions import Cap

from .models import (
    Activity,
    Assignment,
    CellMeetingAttendance,
    Decision,
    MonthlyReport,
    RaisedItem,
    Task,
    Team,
    WorkingGroup,
    WorkPlan,
)

TEAM_PEOPLE = ("members__user",)  # the leader is always a member
SENT = [MonthlyReport.Status.SUBMITTED, MonthlyReport.Status.ACCEPTED, MonthlyReport.Status.COMPILED]


def _of_group(path: str) -> dict:
    """Rows of a group at `path` (the group's unit): read in scope, managed with manage_groups."""
    return {"read": InScope(path), "actions": {"manage": InScope(path, Cap.MANAGE_GROUPS)}}


def _team_work(team: str, unit: str) -> AnyOf:
    """A team's own work: the committee's officers, or a member of the team with record_attendance."""
    return AnyOf(
        InScope(unit, Cap.MANAGE_GROUPS),
        AllOf(InScope(unit, Cap.RECORD_ATTENDANCE), Member(team, TEAM_PEOPLE)),
    )


register(WorkingGroup, **_of_group("unit"), related=("decision__issuer", "unit__type", "head"))
# A decision's files (the signed document, its annexes) are added by whoever manages the group.
register(
    Decision, read=InScope("unit"), actions=dict.fromkeys(("manage", "attach"), InScope("unit", Cap.MANAGE_GROUPS))
)
register(
    Team,
    read=InScope("group__unit"),
    actions={"manage": InScope("group__unit", Cap.MANAGE_GROUPS), "write": _team_work("", "group__unit")},
    related=("group__unit", "leader"),
)
register(Assignment, **_of_group("team__group__unit"), related=("team__group__unit", "unit__type"))
register(WorkPlan, **_of_group("group__unit"))
register(Task, **_of_group("plan__group__unit"))
register(
    CellMeetingAttendance,
    read=InScope("team__group__unit"),
    actions={"write": _team_work("team", "team__group__unit")},
)
register(
    Activity,
    read=InScope("team__group__unit"),
    actions=dict.fromkeys(("write", "attach"), _team_work("team", "team__group__unit")),
)
register(
    MonthlyReport,
    read=AnyOf(
        InScope("team__group__unit"),
        Where(
            Q(team__group__reports_visible_to_communes=True, status__in=SENT),
            InScope("unit"),
            "the group lets communes read the reports sent about them",
        ),
    ),
    actions={
        "write": _team_work("team", "team__group__unit"),  # draft, save, submit
        "manage": InScope("team__group__unit", Cap.MANAGE_GROUPS),  # return, accept, reopen, compile
    },
    related=("team__group__unit", "unit__type", "submitted_by"),
)
# What a team raised (from a report, a cell meeting or a field activity): the group's committee and below.
register(RaisedItem, read=InScope("team__group__unit"))

# Files of a decision and of a field activity (core.Attachment), at /doan-cong-tac/<kind>/<pk>/tep/...
attachable(Decision, namespace="supervision", kind="quyet-dinh")
attachable(Activity, namespace="supervision", kind="hoat-dong", unit="team__group__unit")
