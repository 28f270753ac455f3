"""Reads for working groups, scoped through the committee unit that owns each group."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.core import permissions
from danvan.core import selectors as core_selectors
from danvan.core.models import PartyOrg, Unit, UnitRollup

from .models import Assignment, CellMeetingAttendance, MonthlyReport, Team, WorkingGroup


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


def month_end(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)


def team_communes_in_month(team: Team, period: datetime.date) -> list[Unit]:
    """The communes a team owes a report on for a month: every assignment that overlaps the month (even for a
    few days), carried on to the commune that succeeds it at the month's end (or today, for this month).
    The one rule shared by report creation, reminders and the completeness matrix."""
    start, end = period.replace(day=1), month_end(period)
    last = min(end, max(permissions.today(), start))
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
    as_of = min(end, permissions.today(), group.valid_to or end)
    teams = list(group.teams.select_related("leader").order_by("name"))
    communes_by_team = group_team_communes(group, as_of=as_of)
    communes_by_team = {team.pk: communes_by_team.get(team.pk, []) for team in teams}
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


RECENTLY_ENDED_DAYS = 75


def teams_for_attendance(*, user) -> QuerySet:
    """Teams whose meetings the user may record: in groups of units where they have the capability."""
    ids = permissions.scope_unit_ids(user, permissions.Cap.RECORD_ATTENDANCE)
    # A group that ended recently still files its last month's report and attendance.
    recent = permissions.today() - datetime.timedelta(days=RECENTLY_ENDED_DAYS)
    teams = Team.objects.select_related("group").filter(
        Q(group__valid_to__isnull=True) | Q(group__valid_to__gte=recent)
    )
    return (teams if ids is None else teams.filter(group__unit__in=ids)).order_by("group__sort_key", "name")


# --- Monthly reports: lists and the completeness / timeliness matrix (DHIS2 definitions) -----------------

ON_TIME, LATE, MISSING, RETURNED, NOT_DUE = "on_time", "late", "missing", "returned", "not_due"
STATE_LABELS = {
    ON_TIME: _("Đúng hạn"),
    LATE: _("Trễ hạn"),
    MISSING: _("Chưa gửi"),
    RETURNED: _("Trả lại"),
    NOT_DUE: _("Chưa đến hạn"),
}


def _visible_reports(user) -> QuerySet:
    """Reports of the groups in the user's scope; and, where a group allows it, sent reports about a commune
    in the user's scope (a commune officer reads what the team wrote about the commune)."""
    reports = MonthlyReport.objects.all()
    ids = permissions.scope_unit_ids(user)
    if ids is None:
        return reports
    sent = [MonthlyReport.Status.SUBMITTED, MonthlyReport.Status.ACCEPTED, MonthlyReport.Status.COMPILED]
    return reports.filter(
        Q(team__group__unit__in=ids) | Q(team__group__reports_visible_to_communes=True, unit__in=ids, status__in=sent)
    )


def report_list(*, user, group: WorkingGroup | None = None, status: str = "") -> QuerySet:
    reports = _visible_reports(user).select_related("team__group", "unit__type")
    if group is not None:
        reports = reports.filter(team__group=group)
    if status:
        reports = reports.filter(status=status)
    return reports.order_by("-period", "team__name", "unit__sort_key")


def report_get(*, user, pk) -> MonthlyReport:
    from django.http import Http404

    try:
        return _visible_reports(user).select_related("team__group__unit", "unit__type", "submitted_by").get(pk=pk)
    except (MonthlyReport.DoesNotExist, ValueError):
        raise Http404 from None


@dataclass
class MatrixRow:
    team: Team
    unit: Unit | None
    cells: list = field(default_factory=list)  # (state or None, report or None, due)
    expected: list = field(default_factory=list)  # per month: was a report owed (an assignment overlapped it)?

    def counted(self, i: int) -> str | None:
        """The state that counts toward the rates: owed and due (a report sent although not owed shows, but
        does not count, as DHIS2's expected reports are the assignments only)."""
        state = self.cells[i][0]
        return state if self.expected[i] and state and state != NOT_DUE else None

    def rate(self, states) -> int | None:
        counted = [s for i in range(len(self.cells)) if (s := self.counted(i))]
        return round(100 * sum(s in states for s in counted) / len(counted)) if counted else None


def completeness(*, group: WorkingGroup, year: int) -> dict:
    """Expected reports = team×commune (or team) assignments active in each month; a report counts as
    submitted when sent and not returned; on time when sent on or before the due day. Rates never exceed
    100% and leave out months whose due day has not come (unless a report was already sent).
    A fixed number of queries, whatever the number of teams, communes and months."""
    from django.utils import timezone

    now = permissions.today()
    months = [datetime.date(year, m, 1) for m in range(1, 13)]
    teams = list(group.teams.order_by("name"))
    assignments = list(
        Assignment.objects.filter(team__group=group, valid_from__lte=datetime.date(year, 12, 31)).exclude(
            valid_to__lt=datetime.date(year, 1, 1)
        )
    )
    rollups = list(
        UnitRollup.objects.filter(
            unit__in={a.unit_id for a in assignments}, is_primary=True, target_level__code="commune"
        ).values_list("unit_id", "target_id", "valid_from", "valid_to")
    )

    def commune_of(unit_id, day):
        for unit, target, start, end in rollups:
            if unit == unit_id and (start is None or start <= day) and (end is None or end >= day):
                return target
        return unit_id

    expected: dict[tuple, set] = {}
    for month in months:
        last = min(month_end(month), max(now, month))
        for a in assignments:
            if a.valid_from <= month_end(month) and (a.valid_to is None or a.valid_to >= month):
                key = (a.team_id, commune_of(a.unit_id, last) if group.report_per_commune else None)
                expected.setdefault(key, set()).add(month)
    reports = {
        (r.team_id, r.unit_id, r.period): r
        for r in MonthlyReport.objects.filter(team__group=group, period__year=year).select_related("unit__type")
    }
    for team_id, unit_id, _period in reports:  # a report sent for an unexpected cell still shows
        expected.setdefault((team_id, unit_id), set())
    units = Unit.objects.select_related("type").in_bulk({u for _t, u in expected if u})
    team_by_id = {t.pk: t for t in teams}
    rows = []
    for team_id, unit_id in sorted(
        expected, key=lambda k: (team_by_id[k[0]].name, units[k[1]].sort_key if k[1] else "")
    ):
        row = MatrixRow(team_by_id[team_id], units.get(unit_id))
        for month in months:
            due = group.report_due(month)
            report = reports.get((team_id, unit_id, month))
            state = None
            if report and report.status in (
                MonthlyReport.Status.SUBMITTED,
                MonthlyReport.Status.ACCEPTED,
                MonthlyReport.Status.COMPILED,
            ):
                state = ON_TIME if timezone.localtime(report.submitted_at).date() <= due else LATE
            elif month in expected[(team_id, unit_id)]:
                if report and report.status == MonthlyReport.Status.RETURNED:
                    state = RETURNED
                else:
                    state = NOT_DUE if now <= due else MISSING
            row.cells.append((state, report, due))
            row.expected.append(month in expected[(team_id, unit_id)])
        rows.append(row)
    columns = []
    for i, month in enumerate(months):
        states = [s for r in rows if (s := r.counted(i))]
        columns.append(
            {
                "month": month,
                "completeness": round(100 * sum(s in (ON_TIME, LATE) for s in states) / len(states))
                if states
                else None,
                "timeliness": round(100 * sum(s == ON_TIME for s in states) / len(states)) if states else None,
            }
        )
    all_states = [s for r in rows for i in range(len(months)) if (s := r.counted(i))]
    total = {
        "expected": len(all_states),
        "submitted": sum(s in (ON_TIME, LATE) for s in all_states),
        "on_time": sum(s == ON_TIME for s in all_states),
    }
    total["completeness"] = round(100 * total["submitted"] / total["expected"]) if total["expected"] else None
    total["timeliness"] = round(100 * total["on_time"] / total["expected"]) if total["expected"] else None
    return {"months": months, "rows": rows, "columns": columns, "total": total}
