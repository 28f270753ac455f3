"""The figures of a quarterly report on directing the grassroots, computed by the same selectors and statistics as
the modules' pages (so the report and the pages agree) for a committee's area and a quarter, as of a day: the
working groups' cell-meeting coverage and monthly-report completeness, the kiến nghị, the Dân vận khéo models and
the grassroots-democracy compliance. Units are named as of that day. Used by the quarterly report template; it
registers no template of its own."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from danvan.core import dates
from danvan.core.models import Unit
from danvan.democracy import selectors as democracy_selectors
from danvan.democracy import statistics as democracy
from danvan.emulation import statistics as emulation
from danvan.petitions import statistics as petitions
from danvan.supervision import selectors as supervision_selectors
from danvan.supervision import statistics as supervision

from . import progress

ROMAN = ("I", "II", "III", "IV")
ANNEX_LIMIT = 500  # overdue kiến nghị listed in the annex; the count is always the whole


@dataclass
class GroupFigures:
    name: str
    teams: int
    communes: int
    cells: int  # village cells of its communes
    cells_attended: int  # cells attended at least as often as the group's quota
    visits: int
    visits_expected: int
    reports_expected: int  # team (× commune) monthly reports owed and due in the quarter's months
    reports_submitted: int
    reports_on_time: int

    @property
    def attendance_rate(self) -> int | None:
        return round(100 * self.visits / self.visits_expected) if self.visits_expected else None

    @property
    def completeness(self) -> int | None:
        return round(100 * self.reports_submitted / self.reports_expected) if self.reports_expected else None

    @property
    def timeliness(self) -> int | None:
        return round(100 * self.reports_on_time / self.reports_expected) if self.reports_expected else None


@dataclass
class QuarterFigures:
    unit: Unit
    year: int
    quarter: int
    start: datetime.date
    end: datetime.date  # the quarter's last day
    day: datetime.date  # the day the figures are read (the quarter's end, the report's date or today)
    provisional: bool  # the quarter had not ended when the figures were read: "số liệu tạm tính"
    groups: list[GroupFigures] = field(default_factory=list)
    petitions: dict = field(default_factory=dict)
    overdue: list = field(default_factory=list)  # the longest overdue first, at most ANNEX_LIMIT of them
    overdue_count: int = 0
    emulation_year: int = 0
    emulation: emulation.Table | None = None
    democracy: list = field(default_factory=list)  # CommuneResult of each commune
    democracy_rule_set: object = None

    @property
    def label(self) -> str:
        return f"quý {ROMAN[self.quarter - 1]}/{self.year}"

    def total(self, name: str) -> int:
        return sum(getattr(g, name) for g in self.groups)

    @property
    def democracy_due(self) -> int:
        return sum(r.due for r in self.democracy)

    @property
    def democracy_met(self) -> int:
        return sum(r.met for r in self.democracy)


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    return supervision_selectors.quarter_bounds(year, quarter)


def _group_figures(group, coverage, matrix, start: datetime.date, day: datetime.date) -> GroupFigures:
    """A group's row from its `supervision.coverage` (up to `day`) and `supervision.completeness` of the year."""
    communes = [c for _team, rows in coverage for c in rows]
    months = [i for i, month in enumerate(matrix["months"]) if start <= month <= day]
    states = [s for row in matrix["rows"] for i in months if (s := row.counted(i))]
    return GroupFigures(
        name=group.name,
        teams=len(coverage),
        communes=len({c.commune.pk for c in communes}),
        cells=sum(len(c.cells) for c in communes),
        cells_attended=sum(c.attended_cells for c in communes),
        visits=sum(c.visits for c in communes),
        visits_expected=sum(c.expected for c in communes),
        reports_expected=len(states),
        reports_submitted=sum(s in (supervision.ON_TIME, supervision.LATE) for s in states),
        reports_on_time=sum(s == supervision.ON_TIME for s in states),
    )


def quarter_figures(*, user, unit: Unit, year: int, quarter: int, as_of: datetime.date) -> QuarterFigures:
    """The quarter's figures for the committee of `unit`, read on `as_of` (at most the quarter's last day), as
    `user` sees them on the modules' pages."""
    start, end = quarter_bounds(year, quarter)
    today = dates.today()
    day = max(start, min(end, as_of, today))
    figures = QuarterFigures(unit, year, quarter, start, end, day, provisional=today <= end)
    groups = supervision_selectors.group_list(user=user, unit=unit, as_of=day).filter(valid_from__lte=day)
    groups = groups.exclude(valid_to__lt=start)
    groups = list(groups)
    steps = 4
    # All groups together (a fixed number of queries, however many groups the committee has); the same results
    # as supervision.coverage and supervision.completeness group by group.
    coverages = supervision.coverage_many(groups, year=year, quarter=quarter, until=day)
    matrices = supervision.completeness_many(groups, year=year)
    for group in groups:
        figures.groups.append(_group_figures(group, coverages[group.pk], matrices[group.pk], start, day))
    progress(1, steps)
    figures.petitions = petitions.totals(user=user, start=start, end=day, unit=unit)
    overdue = petitions.overdue_on(user=user, day=day, unit=unit)
    figures.overdue_count = overdue.count()
    figures.overdue = list(overdue[:ANNEX_LIMIT])
    progress(2, steps)
    figures.emulation_year = year - 1 if quarter == 1 else year
    figures.emulation = emulation.by_field(user=user, year=figures.emulation_year, unit=unit, by="field")
    progress(3, steps)
    communes = democracy_selectors.communes_under(unit, day, user)
    ledger = democracy.Ledger(communes, start, day, today)
    figures.democracy = ledger.results()
    figures.democracy_rule_set = ledger.rule_set
    progress(steps, steps)
    return figures
