"""Reads for working groups, scoped through the committee unit that owns each group."""

import datetime

from django.db.models import Count, Q, QuerySet

from danvan.core import access, dates, permissions
from danvan.core import selectors as core_selectors
from danvan.core.models import Unit

from .models import Assignment, CellMeetingAttendance, MonthlyReport, Team, WorkingGroup


def group_list(*, user, query: str = "") -> QuerySet:
    from danvan.core.search import search

    groups = WorkingGroup.objects.select_related("decision", "unit__type", "head").annotate(
        team_count=Count("teams", distinct=True)
    )
    return search(permissions.restrict(groups, user), query).order_by("-valid_from", "sort_key")


def group_get(*, user, pk) -> WorkingGroup:
    """A working group through the access registry (for other modules' pages about a group)."""
    return access.get_for_user(user, WorkingGroup, pk)


def team_communes(team: Team, *, as_of: datetime.date) -> list[Unit]:
    """The communes a team covers on `as_of`: its assignments open that day, each carried on to the commune
    that succeeds it (a merged commune's assignment follows the merged commune; history is not rewritten)."""
    assigned = Assignment.objects.valid_on(as_of).filter(team=team).values("unit_id")
    targets = (
        core_selectors.rollups_on(as_of)
        .filter(unit__in=assigned, is_primary=True, target_level__code="commune")
        .values("target_id")
    )
    return list(Unit.objects.filter(pk__in=targets).select_related("type").order_by("sort_key"))


def month_end(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)


def team_communes_in_month(team: Team, period: datetime.date) -> list[Unit]:
    """The communes a team owes a report on for a month: every assignment that overlaps the month (even for a
    few days), carried on to the commune that succeeds it at the month's end (or today, for this month).
    The one rule shared by report creation, reminders and the completeness matrix."""
    start, end = period.replace(day=1), month_end(period)
    last = min(end, max(dates.today(), start))
    assigned = Assignment.objects.filter(team=team, valid_from__lte=end).exclude(valid_to__lt=start).values("unit_id")
    targets = (
        core_selectors.rollups_on(last)
        .filter(unit__in=assigned, is_primary=True, target_level__code="commune")
        .values("target_id")
    )
    return list(Unit.objects.filter(pk__in=targets).select_related("type").order_by("sort_key"))


def group_team_communes(group: WorkingGroup, *, as_of: datetime.date) -> dict[int, list[Unit]]:
    """team id -> the communes it covers on `as_of`, for a whole group in two queries."""
    rows = (
        core_selectors.rollups_on(as_of)
        .filter(
            is_primary=True,
            target_level__code="commune",
            unit__team_assignments__in=Assignment.objects.valid_on(as_of).filter(team__group=group),
        )
        .values_list("unit__team_assignments__team_id", "target_id")
        .distinct()
    )
    pairs = [(team_id, target) for team_id, target in rows]
    units = Unit.objects.select_related("type").in_bulk({target for _t, target in pairs})
    result: dict[int, list[Unit]] = {}
    for team_id, target in pairs:
        result.setdefault(team_id, []).append(units[target])
    for communes in result.values():
        communes.sort(key=lambda u: u.sort_key)
    return result


def group_people(group: WorkingGroup, team: Team | None) -> set[int]:
    if team is not None:
        return set(team.members.values_list("pk", flat=True)) | {team.leader_id}
    people = {group.head_id, *group.deputies.values_list("pk", flat=True)}
    for member in Team.members.through.objects.filter(team__group=group).values_list("person_id", flat=True):
        people.add(member)
    return people


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(year, 3 * quarter - 2, 1)
    end = datetime.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1) - datetime.timedelta(days=1)
    return start, end


def attendance_list(*, user, team: Team | None = None, start=None, end=None) -> QuerySet:
    rows = CellMeetingAttendance.objects.select_related("team__group", "attendee", "cell", "unit__type")
    if team is not None:
        rows = rows.filter(team=team)
    if start:
        rows = rows.filter(held_on__gte=start)
    if end:
        rows = rows.filter(held_on__lte=end)
    return permissions.restrict(rows, user, "team__group__unit").order_by("-held_on", "-id")


RECENTLY_ENDED_DAYS = 75


def teams_for_attendance(*, user) -> QuerySet:
    """Teams whose meetings the user may record: in groups of units where they have the capability."""
    ids = permissions.scope_unit_ids(user, permissions.Cap.RECORD_ATTENDANCE)
    # A group that ended recently still files its last month's report and attendance.
    recent = dates.today() - datetime.timedelta(days=RECENTLY_ENDED_DAYS)
    teams = Team.objects.select_related("group").filter(
        Q(group__valid_to__isnull=True) | Q(group__valid_to__gte=recent)
    )
    return (teams if ids is None else teams.filter(group__unit__in=ids)).order_by("group__sort_key", "name")


# --- Monthly reports: lists ------------------------------------------------------------------------------


def report_list(*, user, group: WorkingGroup | None = None, status: str = "") -> QuerySet:
    reports = access.visible(user, MonthlyReport).select_related("team__group", "unit__type")
    if group is not None:
        reports = reports.filter(team__group=group)
    if status:
        reports = reports.filter(status=status)
    return reports.order_by("-period", "team__name", "unit__sort_key")
