"""Reads for working groups, scoped through the committee unit that owns each group."""

import datetime

from django.db.models import Count, Q, QuerySet

from danvan.core import access, dates, names, permissions
from danvan.core import selectors as core_selectors
from danvan.core.models import Unit
from danvan.core.search import search

from .models import Activity, Assignment, CellMeetingAttendance, MonthlyReport, RaisedItem, Team, WorkingGroup


def group_list(*, user, query: str = "", unit: Unit | None = None, as_of: datetime.date | None = None) -> QuerySet:
    """The groups the user reaches; `unit`: groups of that committee's unit or below it (as of `as_of`, default
    today: an ended district's groups are found as of a day it existed)."""
    groups = WorkingGroup.objects.select_related("decision", "unit__type", "head").annotate(
        team_count=Count("teams", distinct=True)
    )
    if unit is not None:
        groups = groups.filter(unit__in=core_selectors.subtree_ids(unit, as_of))
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
    """team id -> the communes it covers on `as_of`, named as of then, for a whole group in three queries."""
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
    names.relabel(units.values(), as_of)
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


def attendance_list(*, user, team: Team | None = None, start=None, end=None, unit: Unit | None = None) -> QuerySet:
    """Cell meetings attended; `unit`: cells of villages in that unit (through time)."""
    rows = CellMeetingAttendance.objects.select_related("team__group", "attendee", "cell", "unit__type")
    if team is not None:
        rows = rows.filter(team=team)
    if unit is not None:
        rows = rows.filter(unit__in=core_selectors.subtree_ids(unit))
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


def report_list(
    *,
    user,
    group: WorkingGroup | int | None = None,
    team: Team | int | None = None,
    status: str = "",
    q: str = "",
    unit: Unit | None = None,
    period: datetime.date | None = None,
    year: int | None = None,
) -> QuerySet:
    """Monthly reports the user reaches. `q` finds the group, the team or the commune (accents ignored for the
    group and the commune); `unit`: reports on communes in that unit (through time), and a team's common
    reports when the team covers one of them; `period`: one month; `year`: the months of one year."""
    reports = access.visible(user, MonthlyReport).select_related("team__group", "unit__type")
    if group is not None:
        reports = reports.filter(team__group=group)
    if team is not None:
        reports = reports.filter(team=team)
    if status:
        reports = reports.filter(status=status)
    if q:
        reports = reports.filter(
            Q(team__group__in=search(WorkingGroup.objects.all(), q).values("pk"))
            | Q(unit__in=search(Unit.objects.all(), q).values("pk"))
            | Q(team__name__icontains=q)
        )
    if unit is not None:
        area = core_selectors.subtree_ids(unit)
        covering = Assignment.objects.filter(unit__in=area).values("team_id")
        reports = reports.filter(Q(unit__in=area) | Q(unit__isnull=True, team__in=covering))
    if period is not None:
        reports = reports.filter(period=period.replace(day=1))
    if year is not None:
        reports = reports.filter(period__year=year)
    return reports.order_by("-period", "team__name", "unit__sort_key")


# --- Field activities and the items raised by the teams ------------------------------------------------------


def activity_list(*, user, unit: Unit | None = None, kind: str = "", year: int | None = None) -> QuerySet:
    """Field activities the user reaches; `unit`: held in that unit or below it (through time)."""
    rows = access.visible(user, Activity).select_related("team__group", "unit__type").prefetch_related("participants")
    if unit is not None:
        rows = rows.filter(unit__in=core_selectors.subtree_ids(unit))
    if kind:
        rows = rows.filter(kind=kind)
    if year is not None:
        rows = rows.filter(held_on__year=year)
    return rows.order_by("-held_on", "-id")


def raised_list(*, user, unit: Unit | None = None, kind: str = "", year: int | None = None) -> QuerySet:
    """What the teams raised (reports, cell meetings, field activities) that the user reaches."""
    rows = access.visible(user, RaisedItem).select_related("unit__type", "team__group", "field")
    if unit is not None:
        rows = rows.filter(unit__in=core_selectors.subtree_ids(unit))
    if kind:
        rows = rows.filter(kind=kind)
    if year is not None:
        rows = rows.filter(raised_on__year=year)
    return rows.order_by("-raised_on", "-id")


MAX_CHOICES = 300  # a list's filter offers the most recent groups and teams; older ones are found by the search


def group_choices(user) -> list[tuple[str, str]]:
    """The groups the user reaches (the most recent MAX_CHOICES for a national user), for a list's filter."""
    groups = access.visible(user, WorkingGroup).order_by("-valid_from", "-pk").values_list("pk", "name", "sort_key")
    return [(str(pk), name) for pk, name, _key in sorted(groups[:MAX_CHOICES], key=lambda g: g[2])]


def team_choices(user) -> list[tuple[str, str]]:
    """The teams of the groups the user reaches (the most recent MAX_CHOICES), for a list's filter
    ("Tổ 1 – Đoàn công tác số 1")."""
    teams = access.visible(user, Team).order_by("-group__valid_from", "-group_id", "name")
    rows = teams.values_list("pk", "name", "group__name", "group__sort_key")[:MAX_CHOICES]
    return [(str(pk), f"{name} – {group}") for pk, name, group, _key in sorted(rows, key=lambda t: (t[3], t[1]))]
