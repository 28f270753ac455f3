"""A province-sized working-group dataset for benchmarks: 70 communes, ~1,500 village cells, 7 teams, a year
of monthly reports and attendance. Bulk inserts; never used by the application itself."""

import datetime
import random

from django.utils import timezone

from danvan.core.access import loader_actor
from danvan.core.models import BodyType, Person, UnitType
from danvan.core.scale import bulk_cells, bulk_units, names
from danvan.core.services import orgs, units
from danvan.core.text import fold, person_sort_key

from . import services
from .models import CellMeetingAttendance, MonthlyReport

START = datetime.date(2016, 1, 1)


def generate(*, communes: int = 70, villages: int = 21, teams: int = 7, year: int = 2016, seed: int = 2016):
    rng = random.Random(seed)  # noqa: S311 - repeatable synthetic data
    types = {t.code: t for t in UnitType.objects.select_related("level")}
    place_names = names()
    [province] = bulk_units([(f"Tỉnh Thử {rng.randrange(10**6)}", None)], types["province"])
    commune_rows = bulk_units([(next(place_names), province.pk) for _ in range(communes)], types["commune"])
    village_rows = bulk_units(
        [(next(place_names), c.pk) for c in commune_rows for _ in range(villages)], types["village"]
    )
    cells = bulk_cells(village_rows)
    units.rollup_rebuild([province.pk, *(u.pk for u in commune_rows), *(v.pk for v in village_rows)])
    committee = orgs.body_create(
        actor=loader_actor(),
        name="Ban Thường vụ Tỉnh ủy (thử)",
        body_type=BodyType.objects.get(code="standing_committee"),
        unit=province,
        valid_from=START,
    )
    people = [
        Person(
            full_name=f"Cán bộ {i}",
            unit=province,
            search_text=fold(f"can bo {i}"),
            sort_key=person_sort_key(f"Cán bộ {i}"),
        )
        for i in range(teams * 3)
    ]
    Person.objects.bulk_create(people)
    group = services.working_group_create(
        actor=loader_actor(),
        decision_number="1-QĐ/TU",
        issued_on=START,
        issuer=committee,
        summary="Thử tải",
        name="Đoàn thử tải",
        head=people[0],
        valid_from=START,
    )
    cells_by_commune: dict[int, list] = {}
    for cell, village in zip(cells, village_rows, strict=True):
        cells_by_commune.setdefault(village.parent_id, []).append(cell)
    reports, attendances = team_work(
        group=group,
        people=people,
        communes=commune_rows,
        cells_by_commune=cells_by_commune,
        teams=teams,
        year=year,
        start=START,
        rng=rng,
    )
    MonthlyReport.objects.bulk_create(reports, batch_size=2000)
    CellMeetingAttendance.objects.bulk_create(attendances, batch_size=2000)
    return group, {"communes": communes, "cells": len(cells), "reports": len(reports), "attendances": len(attendances)}


def team_work(*, group, people, communes, cells_by_commune, teams: int, year: int, start, rng) -> tuple[list, list]:
    """`teams` teams of `group` (three of `people` each) sharing `communes` from `start`, and their year of work as
    unsaved rows: a monthly report per team and commune (90 %, some late) and each cell of the commune attended
    in a quarter with a chance of 70 %. The caller bulk-creates the rows."""
    reports, attendances = [], []
    for t in range(teams):
        members = people[3 * t : 3 * t + 3]
        team = services.team_create(
            actor=loader_actor(), group=group, name=f"Tổ {t + 1}", leader=members[0], members=members[1:]
        )
        for commune in communes[t::teams]:
            services.assignment_set(actor=loader_actor(), team=team, unit=commune, valid_from=start)
            for month in range(1, 13):
                period = datetime.date(year, month, 1)
                if rng.random() < 0.9:
                    sent = group.report_due(period) + datetime.timedelta(days=rng.randrange(-8, 6))
                    reports.append(
                        MonthlyReport(
                            team=team,
                            unit=commune,
                            period=period,
                            status=MonthlyReport.Status.SUBMITTED,
                            general_situation="Ổn định.",
                            submitted_at=timezone.make_aware(datetime.datetime.combine(sent, datetime.time(9))),
                        )
                    )
            for cell in cells_by_commune.get(commune.pk, []):
                for quarter in range(4):
                    if rng.random() < 0.7:
                        attendances.append(
                            CellMeetingAttendance(
                                team=team,
                                attendee=members[0],
                                cell=cell,
                                unit_id=cell.unit_id,
                                held_on=datetime.date(year, 3 * quarter + 1, 1)
                                + datetime.timedelta(days=rng.randrange(80)),
                            )
                        )
    return reports, attendances
