"""A province for the quarterly report's benchmark (`bench/quarterly_report.py`): the kiến nghị benchmark's
synthetic country cut to one province (communes, villages, roll-up table, bodies), a party cell in every village,
working groups of the province's committee whose teams cover every commune with a year of monthly reports and
cell-meeting attendance (`supervision.scale.team_work`), and the committees (Tỉnh ủy, Đảng ủy xã) registered as
Party issuers with a review conference each. Bulk inserts; never used by the application itself."""

import datetime
import random

from danvan.core.access import loader_actor
from danvan.core.models import BodyType, PartyOrg, Person
from danvan.core.scale import Country, bulk_cells
from danvan.core.services import orgs
from danvan.core.text import fold, person_sort_key
from danvan.documents import services as document_services
from danvan.petitions import services as petition_services
from danvan.supervision import scale as supervision_scale
from danvan.supervision import services as supervision_services
from danvan.supervision.models import CellMeetingAttendance, MonthlyReport


def cells(land: Country) -> int:
    """A party cell in every village of `land`."""
    return len(bulk_cells(land.villages))


def groups(
    land: Country, *, count: int, first: int = 1, teams: int = 7, year: int = 2026, seed: int = 2026
) -> tuple[list, dict]:
    """`count` working groups of the first province's standing committee, numbered from `first`; each group's
    teams share all the province's communes, report monthly (90 %, some late) and attend each cell in a quarter
    with a chance of 70 %."""
    rng = random.Random(seed + first)  # noqa: S311 - repeatable synthetic data
    province = land.provinces[0]
    start = datetime.date(year, 1, 1)
    committee = orgs.body_create(
        actor=loader_actor(),
        name=f"Ban Thường vụ Tỉnh ủy (thử) {first}",
        body_type=BodyType.objects.get(code="standing_committee"),
        unit=province,
        valid_from=start,
    )
    communes = [c for c in land.communes if c.parent_id == province.pk]
    by_commune = {}
    for cell in PartyOrg.objects.filter(unit__parent__in=communes).only("pk", "unit_id", "unit__parent_id"):
        by_commune.setdefault(cell.unit.parent_id, []).append(cell)
    made, reports, attendances = [], [], []
    for g in range(first, first + count):
        people = [
            Person(
                full_name=f"Cán bộ {g}.{i}",
                unit=province,
                search_text=fold(f"can bo {g}.{i}"),
                sort_key=person_sort_key(f"Cán bộ {g}.{i}"),
            )
            for i in range(teams * 3)
        ]
        Person.objects.bulk_create(people)
        group = supervision_services.working_group_create(
            actor=loader_actor(),
            decision_number=f"{g}-QĐ/TU",
            issued_on=start,
            issuer=committee,
            summary="Thử tải",
            name=f"Đoàn công tác số {g}",
            head=people[0],
            valid_from=start,
        )
        made.append(group)
        rows = supervision_scale.team_work(
            group=group,
            people=people,
            communes=communes,
            cells_by_commune=by_commune,
            teams=teams,
            year=year,
            start=start,
            rng=rng,
        )
        reports += rows[0]
        attendances += rows[1]
    MonthlyReport.objects.bulk_create(reports, batch_size=2000)
    CellMeetingAttendance.objects.bulk_create(attendances, batch_size=2000)
    return made, {"groups": count, "teams": count * teams, "reports": len(reports), "attendances": len(attendances)}


def conference(unit, *, abbreviation: str, name: str, year: int, quarter: int, held_on: datetime.date):
    """The unit's Party committee registered as an issuer, and its quarterly review conference."""
    start = datetime.date(year, 1, 1)
    committee = orgs.body_create(
        actor=loader_actor(),
        name=name,
        body_type=BodyType.objects.get(code="party_committee"),
        unit=unit,
        valid_from=start,
    )
    document_services.issuer_create(
        actor=loader_actor(),
        system="party",
        body=committee,
        abbreviation=abbreviation,
        name=name,
        upper_name="Đảng bộ (thử)",
        collective="Ban Thường vụ",
        place=unit.name,
    )
    return petition_services.conference_create(
        actor=loader_actor(),
        unit=unit,
        title=f"Hội nghị đánh giá công tác chỉ đạo cơ sở quý {quarter}/{year}",
        year=year,
        quarter=quarter,
        held_on=held_on,
        chair="Bí thư",
        participants="Thường trực, các đoàn công tác",
        conclusion="Các đoàn công tác bám sát cơ sở.",
    )
