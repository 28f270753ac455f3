"""Reporting of working groups: the quarterly coverage of party-cell meetings by the teams, and the
completeness and timeliness matrix of monthly reports (DHIS2 definitions)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from danvan.core import dates, names
from danvan.core import selectors as core_selectors
from danvan.core.models import PartyOrg, Unit, UnitRollup

from .models import Assignment, CellMeetingAttendance, MonthlyReport, Team, WorkingGroup
from .selectors import group_team_communes, month_end, quarter_bounds

# --- Party-cell meetings: the quarterly coverage ---------------------------------------------------------


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


def coverage_day(group: WorkingGroup, year: int, quarter: int) -> datetime.date:
    """The day a quarter's coverage is read (its last day, today, or the group's end): the tree and the
    units' names are as of then."""
    end = quarter_bounds(year, quarter)[1]
    return min(end, dates.today(), group.valid_to or end)


def coverage(
    *, group: WorkingGroup, year: int, quarter: int, until: datetime.date | None = None
) -> list[tuple[Team, list[CommuneCoverage]]]:
    """Per team and commune, each village cell with how many times a team member attended it in the quarter (up to
    `until` when given: a report dated inside the quarter), against the group's quota. Cells and communes are
    taken, and named, as of `coverage_day` (or `until` when earlier)."""
    start, end = quarter_bounds(year, quarter)
    as_of = coverage_day(group, year, quarter)
    if until is not None and until < end:
        end, as_of = until, min(as_of, until)
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
    cells = list(cells)
    names.relabel([cell.unit for cell in cells], as_of)
    cells_by_commune: dict[int, list] = {}
    for cell in cells:
        cells_by_commune.setdefault(cell.rollup_unit_id, []).append((cell, cell.attended))
    quota = group.cell_visits_per_quarter
    return [
        (team, [CommuneCoverage(c, cells_by_commune.get(c.pk, []), quota) for c in communes_by_team[team.pk]])
        for team in teams
    ]


# --- Monthly reports: the completeness / timeliness matrix (DHIS2 definitions) ---------------------------

ON_TIME, LATE, MISSING, RETURNED, NOT_DUE = "on_time", "late", "missing", "returned", "not_due"
STATE_LABELS = {
    ON_TIME: _("Đúng hạn"),
    LATE: _("Trễ hạn"),
    MISSING: _("Chưa gửi"),
    RETURNED: _("Trả lại"),
    NOT_DUE: _("Chưa đến hạn"),
}


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
    100% and leave out months whose due day has not come (unless a report was already sent). Communes are
    named as of `as_of` (31/12 of the year, or today for the current year).
    A fixed number of queries, whatever the number of teams, communes and months."""
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
    reports = {
        (r.team_id, r.unit_id, r.period): r
        for r in MonthlyReport.objects.filter(team__group=group, period__year=year).select_related("unit__type")
    }
    return _matrix(group, year, teams, assignments, rollups, reports, units=None)


def _matrix(group, year, teams, assignments, rollups, reports, units) -> dict:
    """The matrix of `completeness` from the group's loaded rows (`units`: the report units by id, loaded and
    named by the caller, or None to load them here)."""
    from django.utils import timezone

    now = dates.today()
    months = [datetime.date(year, m, 1) for m in range(1, 13)]

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
    for team_id, unit_id, _period in reports:  # a report sent for an unexpected cell still shows
        expected.setdefault((team_id, unit_id), set())
    as_of = dates.year_as_of(year)
    if units is None:
        units = Unit.objects.select_related("type").in_bulk({u for _t, u in expected if u})
        names.relabel(units.values(), as_of)
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
    return {"months": months, "rows": rows, "columns": columns, "total": total, "as_of": as_of}


# --- Many groups at once (a committee's quarterly report): the same results, a fixed number of queries ----------


def coverage_many(
    groups, *, year: int, quarter: int, until: datetime.date | None = None
) -> dict[int, list[tuple[Team, list[CommuneCoverage]]]]:
    """`coverage` of each group (by group id), read for all of them together: a fixed number of queries for each
    distinct reading day (one, unless some groups ended during the quarter), whatever the number of groups."""
    groups = list(groups)
    start, end = quarter_bounds(year, quarter)
    if until is not None and until < end:
        end = until
    teams_by_group: dict[int, list[Team]] = {g.pk: [] for g in groups}
    for team in Team.objects.filter(group__in=groups).select_related("leader").order_by("name"):
        teams_by_group[team.group_id].append(team)
    group_of_team = {t.pk: gid for gid, teams in teams_by_group.items() for t in teams}
    by_day: dict[datetime.date, list] = {}
    for group in groups:
        as_of = coverage_day(group, year, quarter)
        if until is not None and until < quarter_bounds(year, quarter)[1]:
            as_of = min(as_of, until)
        by_day.setdefault(as_of, []).append(group)
    attended: dict[tuple[int, int], int] = {
        (row["team__group_id"], row["cell_id"]): row["n"]
        for row in CellMeetingAttendance.objects.filter(team__group__in=groups, held_on__range=(start, end))
        .values("team__group_id", "cell_id")
        .annotate(n=Count("pk"))
        .order_by()
    }
    result = {}
    for as_of, batch in by_day.items():
        pairs = list(
            core_selectors.rollups_on(as_of)
            .filter(
                is_primary=True,
                target_level__code="commune",
                unit__team_assignments__in=Assignment.objects.valid_on(as_of).filter(team__group__in=batch),
            )
            .values_list("unit__team_assignments__team_id", "target_id")
            .distinct()
        )
        units = Unit.objects.select_related("type").in_bulk({target for _t, target in pairs})
        names.relabel(units.values(), as_of)
        communes_by_team: dict[int, list[Unit]] = {}
        for team_id, target in pairs:
            communes_by_team.setdefault(team_id, []).append(units[target])
        for communes in communes_by_team.values():
            communes.sort(key=lambda u: u.sort_key)
        commune_ids = {
            c.pk
            for team_id, communes in communes_by_team.items()
            if team_id in group_of_team and group_of_team[team_id] in {g.pk for g in batch}
            for c in communes
        }
        cells = list(
            core_selectors.rollup_filter(
                PartyOrg.objects.valid_on(as_of).filter(unit__level__code="village").select_related("unit__type"),
                "unit",
                as_of=as_of,
                level_code="commune",
            )
            .filter(rollup_unit_id__in=commune_ids)
            .order_by("sort_key")
        )
        names.relabel([cell.unit for cell in cells], as_of)
        for group in batch:
            cells_by_commune: dict[int, list] = {}
            for cell in cells:
                cells_by_commune.setdefault(cell.rollup_unit_id, []).append(
                    (cell, attended.get((group.pk, cell.pk), 0))
                )
            quota = group.cell_visits_per_quarter
            result[group.pk] = [
                (
                    team,
                    [
                        CommuneCoverage(c, cells_by_commune.get(c.pk, []), quota)
                        for c in communes_by_team.get(team.pk, [])
                    ],
                )
                for team in teams_by_group[group.pk]
            ]
    return result


def completeness_many(groups, *, year: int) -> dict[int, dict]:
    """`completeness` of each group (by group id), read for all of them together in a fixed number of queries. The
    cells' reports come without their unit joined (the rows' units are loaded and named)."""
    groups = list(groups)
    teams_by_group: dict[int, list[Team]] = {g.pk: [] for g in groups}
    for team in Team.objects.filter(group__in=groups).order_by("name"):
        teams_by_group[team.group_id].append(team)
    assignments_by_group: dict[int, list] = {g.pk: [] for g in groups}
    group_of_team = {t.pk: gid for gid, teams in teams_by_group.items() for t in teams}
    for a in Assignment.objects.filter(team__group__in=groups, valid_from__lte=datetime.date(year, 12, 31)).exclude(
        valid_to__lt=datetime.date(year, 1, 1)
    ):
        assignments_by_group[group_of_team[a.team_id]].append(a)
    assigned = {a.unit_id for rows in assignments_by_group.values() for a in rows}
    rollups = list(
        UnitRollup.objects.filter(unit__in=assigned, is_primary=True, target_level__code="commune").values_list(
            "unit_id", "target_id", "valid_from", "valid_to"
        )
    )
    reports_by_group: dict[int, dict] = {g.pk: {} for g in groups}
    # Without their units joined (the matrix names its rows from `units`): a province's year is ~10,000 reports.
    for r in MonthlyReport.objects.filter(team__group__in=groups, period__year=year):
        reports_by_group[group_of_team[r.team_id]][(r.team_id, r.unit_id, r.period)] = r
    wanted = assigned | {t for _u, t, _f, _v in rollups}
    wanted |= {u for reports in reports_by_group.values() for _t, u, _p in reports if u}
    units = Unit.objects.select_related("type").in_bulk(wanted)
    names.relabel(units.values(), dates.year_as_of(year))
    result = {}
    for group in groups:
        mine = {a.unit_id for a in assignments_by_group[group.pk]}
        result[group.pk] = _matrix(
            group,
            year,
            teams_by_group[group.pk],
            assignments_by_group[group.pk],
            [r for r in rollups if r[0] in mine],
            reports_by_group[group.pk],
            units,
        )
    return result


# --- The group's compiled monthly report (danvan.documents' "báo cáo tổng hợp tháng") ------------------------

NOT_REPORTED = (MISSING, RETURNED, NOT_DUE)
ACCEPTED = (MonthlyReport.Status.ACCEPTED, MonthlyReport.Status.COMPILED)


@dataclass
class TeamAttendance:
    team: Team
    meetings: int = 0  # cell meetings attended by the team's members in the month
    cells: int = 0  # distinct cells among them
    thematic: int = 0  # of which thematic meetings


@dataclass
class MonthCompilation:
    """What a working group's teams reported for one month: each expected report's state as the completeness
    matrix shows it (`states`: team, commune, state, report), the accepted reports with their sections grouped by
    monitoring field, and the cell meetings attended. Units are named as of `as_of` (the month's last day, or
    today while the month runs: then the figures are provisional)."""

    group: WorkingGroup
    period: datetime.date
    end: datetime.date
    as_of: datetime.date
    provisional: bool
    states: list = field(default_factory=list)  # (team, unit or None, state, report or None)
    rates: dict = field(default_factory=dict)  # the matrix's column of the month: completeness, timeliness (%)
    reports: list = field(default_factory=list)  # accepted reports
    fields: list = field(default_factory=list)  # (MonitoringField, [(report, content)])
    attendance: list = field(default_factory=list)  # TeamAttendance per team

    @property
    def not_reported(self) -> list:
        return [row for row in self.states if row[2] in NOT_REPORTED]


def month_day(group: WorkingGroup, period: datetime.date) -> datetime.date:
    """The day a month's compilation is read (its last day, today while it runs, or the group's end)."""
    start, end = period.replace(day=1), month_end(period)
    return max(start, min(end, dates.today(), group.valid_to or end))


def month_compilation(*, group: WorkingGroup, period: datetime.date) -> MonthCompilation:
    """The month `period` of the group, for its compiled monthly report: the report states come from
    `completeness` (the matrix page), so the document and the page agree. A fixed number of queries, whatever
    the number of teams and communes."""
    from django.db.models import Prefetch

    from danvan.core.models import MonitoringField

    from .models import CellMeetingAttendance, ReportSection

    start, end = period.replace(day=1), month_end(period)
    as_of = month_day(group, start)
    matrix = completeness(group=group, year=start.year)
    i = start.month - 1
    states = [
        (row.team, row.unit, row.cells[i][0], row.cells[i][1])
        for row in matrix["rows"]
        if row.expected[i] or row.cells[i][1] is not None
    ]
    reports = list(
        MonthlyReport.objects.filter(team__group=group, period=start, status__in=ACCEPTED)
        .select_related("team", "unit__type")
        .prefetch_related(Prefetch("sections", ReportSection.objects.select_related("field")))
        .order_by("team__name", "unit__sort_key")
    )
    names.relabel([u for _t, u, _s, _r in states if u] + [r.unit for r in reports if r.unit_id], as_of)
    by_field: dict[int, list] = {}
    for report in reports:
        for section in report.sections.all():
            if section.content.strip():
                by_field.setdefault(section.field_id, []).append((report, section.content.strip()))
    monitoring = list(MonitoringField.objects.valid_on(start).order_by("position", "name"))
    used = {f.pk for f in monitoring}
    for report in reports:  # a field ended since still shows its content
        for section in report.sections.all():
            if section.field_id in by_field and section.field_id not in used:
                monitoring.append(section.field)
                used.add(section.field_id)
    counts = {
        row["team_id"]: row
        for row in CellMeetingAttendance.objects.filter(team__group=group, held_on__range=(start, end))
        .values("team_id")
        .annotate(
            meetings=Count("pk"),
            cells=Count("cell", distinct=True),
            thematic=Count("pk", filter=Q(kind=CellMeetingAttendance.Kind.THEMATIC)),
        )
        .order_by()
    }
    teams = list(group.teams.order_by("name"))
    attendance = [
        TeamAttendance(
            team,
            counts.get(team.pk, {}).get("meetings", 0),
            counts.get(team.pk, {}).get("cells", 0),
            counts.get(team.pk, {}).get("thematic", 0),
        )
        for team in teams
    ]
    column = matrix["columns"][i]
    return MonthCompilation(
        group=group,
        period=start,
        end=end,
        as_of=as_of,
        provisional=dates.today() <= end,
        states=states,
        rates={"completeness": column["completeness"], "timeliness": column["timeliness"]},
        reports=reports,
        fields=[(f, by_field.get(f.pk, [])) for f in monitoring],
        attendance=attendance,
    )
