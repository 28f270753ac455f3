"""Reads for working groups, scoped through the committee unit that owns each group."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from danvan.core import permissions
from danvan.core import selectors as core_selectors
from danvan.core.models import PartyOrg, Unit

from .models import Assignment, CellMeetingAttendance, Team, WorkingGroup


def group_list(*, user, query: str = "") -> QuerySet:
    from danvan.core.search import search

    groups = WorkingGroup.objects.select_related("decision", "unit__type", "head").annotate(
        team_count=Count("teams", distinct=True)
    )
    return search(permissions.restrict(groups, user), query).order_by("-valid_from", "sort_key")


def group_get(*, user, pk) -> WorkingGroup:
    return permissions.get_in_scope_or_404(
        WorkingGroup.objects.select_related("decision__issuer", "unit__type", "head"), user, pk=pk
    )


def team_get(*, user, pk) -> Team:
    return permissions.get_in_scope_or_404(
        Team.objects.select_related("group__unit", "leader"), user, "group__unit", pk=pk
    )


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


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(year, 3 * quarter - 2, 1)
    end = datetime.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1) - datetime.timedelta(days=1)
    return start, end


@dataclass
class CommuneCoverage:
    commune: Unit
    cells: list = field(default_factory=list)  # (cell, attended)
    expected_each: int = 1

    @property
    def attended_cells(self) -> int:
        return sum(1 for _, n in self.cells if n >= self.expected_each)

    @property
    def visits(self) -> int:
        return sum(min(n, self.expected_each) for _, n in self.cells)

    @property
    def expected(self) -> int:
        return len(self.cells) * self.expected_each


def coverage(*, group: WorkingGroup, year: int, quarter: int) -> list[tuple[Team, list[CommuneCoverage]]]:
    """Per team and commune, each village cell with how many times a team member attended it in the quarter,
    against the group's quota. Cells and communes are taken as of the quarter's last day (or today)."""
    start, end = quarter_bounds(year, quarter)
    as_of = min(end, permissions.today())
    teams = list(group.teams.select_related("leader").order_by("name"))
    communes_by_team = {team.pk: team_communes(team, as_of=as_of) for team in teams}
    commune_ids = {c.pk for communes in communes_by_team.values() for c in communes}
    cells = (
        core_selectors.rollup_filter(
            PartyOrg.objects.valid_on(as_of).filter(unit__level__code="village").select_related("unit__type"),
            "unit",
            as_of=as_of,
            level_code="commune",
        )
        .filter(rollup_unit_id__in=commune_ids)
        .annotate(
            attended=Count(
                "attendances",
                filter=Q(attendances__held_on__range=(start, end), attendances__team__group=group),
                distinct=True,
            )
        )
        .order_by("sort_key")
    )
    cells_by_commune: dict[int, list] = {}
    for cell in cells:
        cells_by_commune.setdefault(cell.rollup_unit_id, []).append((cell, cell.attended))
    quota = group.cell_visits_per_quarter
    return [
        (team, [CommuneCoverage(c, cells_by_commune.get(c.pk, []), quota) for c in communes_by_team[team.pk]])
        for team in teams
    ]


def attendance_list(*, user, team: Team | None = None, start=None, end=None) -> QuerySet:
    rows = CellMeetingAttendance.objects.select_related("team__group", "attendee", "cell", "unit__type")
    if team is not None:
        rows = rows.filter(team=team)
    if start:
        rows = rows.filter(held_on__gte=start)
    if end:
        rows = rows.filter(held_on__lte=end)
    return permissions.restrict(rows, user, "team__group__unit").order_by("-held_on", "-id")


def teams_for_attendance(*, user) -> QuerySet:
    """Teams whose meetings the user may record: in groups of units where they have the capability."""
    ids = permissions.scope_unit_ids(user, permissions.Cap.RECORD_ATTENDANCE)
    teams = Team.objects.select_related("group").filter(
        Q(group__valid_to__isnull=True) | Q(group__valid_to__gte=permissions.today())
    )
    return (teams if ids is None else teams.filter(group__unit__in=ids)).order_by("group__sort_key", "name")
