"""The quarterly report at a committee's scale: its groups' figures are read for all groups together
(supervision.statistics.coverage_many / completeness_many) and equal, figure by figure, what the groups' pages
compute one group at a time; the number of queries does not grow with the groups."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.core.access import loader_actor
from danvan.core.services import orgs
from danvan.documents.builders.quarter_figures import _group_figures, quarter_figures
from danvan.supervision import services as supervision_services
from danvan.supervision import statistics as supervision

from .test_quarterly_report import REPORT, _generate
from .test_quarterly_report import conference as conference  # noqa: F401 - the fixture

D = datetime.date
START, DAY = D(2016, 1, 1), D(2016, 3, 18)  # the conference's quarter (I/2016) and its day


def _group(world, n: int, communes, *, valid_to=None, quota=1):
    head = orgs.person_create(actor=loader_actor(), full_name=f"Trưởng đoàn {n}", unit=world.district)
    group = supervision_services.working_group_create(
        actor=loader_actor(),
        decision_number=f"{n}-QĐ/HU",
        issued_on=D(2016, 1, 5),
        issuer=world.extra["committee"],
        summary="Về việc thành lập đoàn công tác",
        name=f"Đoàn công tác số {n}",
        head=head,
        valid_from=D(2016, 1, 10),
        valid_to=valid_to,
        cell_visits_per_quarter=quota,
    )
    team = supervision_services.team_create(actor=loader_actor(), group=group, name=f"Tổ {n}", leader=head)
    for commune in communes:
        supervision_services.assignment_set(actor=loader_actor(), team=team, unit=commune, valid_from=D(2016, 1, 10))
    return group, team, head


@pytest.fixture
def groups(world, conference, on_day):  # noqa: F811 - the fixture imported above
    """Three groups of the district: the cast's (one commune), one with a quota of two visits that ended during
    the quarter (read as of its end), one covering both communes; cell meetings attended and reports sent."""
    first = world.extra["group"]
    on_day(D(2016, 3, 16))
    cells, cell_b = world.extra["cells"], world.extra["cell_b"]
    for held_on in (D(2016, 2, 10), D(2016, 3, 1)):
        supervision_services.attendance_record(
            actor=loader_actor(),
            team=world.extra["team"],
            attendee=world.extra["leader"],
            cell=cells[0],
            held_on=held_on,
        )
    second, team2, head2 = _group(world, 2, [world.commune_b, world.commune_a], valid_to=D(2016, 3, 10), quota=2)
    supervision_services.attendance_record(
        actor=loader_actor(), team=team2, attendee=head2, cell=cell_b, held_on=D(2016, 2, 20)
    )
    for held_on in (D(2016, 1, 20), D(2016, 2, 21)):
        supervision_services.attendance_record(
            actor=loader_actor(), team=team2, attendee=head2, cell=cells[1], held_on=held_on
        )
    on_day(D(2016, 2, 20))
    report = supervision_services.report_create(
        actor=loader_actor(), team=team2, unit=world.commune_b, period=D(2016, 1, 1)
    )
    report = supervision_services.report_update(
        actor=loader_actor(),
        report=report,
        expected_version=report.version,
        general_situation="Ổn định.",
        difficulties="",
        recommendations="",
        sections={},
    )
    supervision_services.report_submit(actor=loader_actor(), report=report, expected_version=report.version)
    on_day(D(2016, 3, 16))
    third, team3, head3 = _group(world, 3, [world.commune_a, world.commune_b])
    supervision_services.attendance_record(
        actor=loader_actor(), team=team3, attendee=head3, cell=cell_b, held_on=D(2016, 3, 2)
    )
    on_day(D(2026, 12, 8))
    return [first, second, third]


def _figures(world):
    return quarter_figures(user=world.users["district_user"], unit=world.district, year=2016, quarter=1, as_of=DAY)


def _one_by_one(groups):
    """The figures as they were computed before: each group's coverage and completeness, one group at a time."""
    return [
        _group_figures(
            g,
            supervision.coverage(group=g, year=2016, quarter=1, until=DAY),
            supervision.completeness(group=g, year=2016),
            START,
            DAY,
        )
        for g in groups
    ]


def test_the_groups_figures_read_together_equal_those_read_one_group_at_a_time(world, groups):
    figures = _figures(world)
    assert [g.name for g in figures.groups] == [g.name for g in groups]
    assert figures.groups == _one_by_one(groups)
    first, second, third = figures.groups
    assert (first.visits, first.visits_expected, first.cells_attended) == (1, 2, 1)  # two visits of one cell: quota 1
    assert (second.communes, second.cells, second.visits, second.visits_expected) == (2, 3, 3, 6)  # quota 2
    assert second.reports_submitted == 1 and third.visits == 1


def test_the_many_groups_selectors_return_what_the_one_group_selectors_return(world, groups):
    coverages = supervision.coverage_many(groups, year=2016, quarter=1, until=DAY)
    matrices = supervision.completeness_many(groups, year=2016)
    for group in groups:
        one = supervision.coverage(group=group, year=2016, quarter=1, until=DAY)
        assert [
            (
                team.pk,
                [(c.commune.pk, c.commune.name, [(cell.pk, n) for cell, n in c.cells], c.expected_each) for c in rows],
            )
            for team, rows in coverages[group.pk]
        ] == [
            (
                team.pk,
                [(c.commune.pk, c.commune.name, [(cell.pk, n) for cell, n in c.cells], c.expected_each) for c in rows],
            )
            for team, rows in one
        ]
        matrix = supervision.completeness(group=group, year=2016)
        many = matrices[group.pk]
        assert [(r.team.pk, r.unit and r.unit.pk, [c[0] for c in r.cells], r.expected) for r in many["rows"]] == [
            (r.team.pk, r.unit and r.unit.pk, [c[0] for c in r.cells], r.expected) for r in matrix["rows"]
        ]
        assert many["columns"] == matrix["columns"] and many["total"] == matrix["total"]


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as queries:
        fn()
    return len(queries)


def test_the_figures_query_count_does_not_grow_with_the_groups(world, conference, on_day):  # noqa: F811
    _figures(world)  # the first reading fills the caches (types, levels)
    one = _queries(lambda: _figures(world))
    on_day(D(2016, 3, 16))
    for n in (2, 3, 4):
        _group(world, n, [world.commune_a, world.commune_b])
    on_day(D(2026, 12, 8))
    assert len(_figures(world).groups) == 4
    assert _queries(lambda: _figures(world)) == one


def test_the_reports_query_count_does_not_grow_with_the_groups(world, conference, on_day):  # noqa: F811
    before = _queries(lambda: _generate(world, REPORT, conference))
    on_day(D(2016, 3, 16))
    for n in (2, 3, 4):
        _group(world, n, [world.commune_a, world.commune_b])
    on_day(D(2026, 12, 8))
    assert _queries(lambda: _generate(world, REPORT, conference)) <= before


def test_reading_the_groups_one_at_a_time_would_grow_with_them(world, conference, on_day, monkeypatch):  # noqa: F811
    """The check above can fail: with the one-group selectors called per group the count grows."""
    monkeypatch.setattr(
        supervision,
        "coverage_many",
        lambda groups, **kw: {g.pk: supervision.coverage(group=g, **kw) for g in groups},
    )
    _figures(world)
    one = _queries(lambda: _figures(world))
    on_day(D(2016, 3, 16))
    _group(world, 2, [world.commune_a, world.commune_b])
    on_day(D(2026, 12, 8))
    assert _queries(lambda: _figures(world)) > one
