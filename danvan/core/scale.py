"""Synthetic data at scale for benchmarks (`make bench`): bulk inserts with the same folded text and sort
keys the services compute. Never used by the application itself."""

import datetime
import itertools

from .models import PartyOrg, PartyOrgType, Unit, UnitType, UnitVersion
from .text import fold, sort_key

START = datetime.date(2016, 1, 1)
SYLLABLES = [
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Thượng",
    "Hạ",
    "Trung",
    "Phú",
    "An",
    "Bình",
    "Hòa",
    "Thuận",
    "Xuân",
    "Yên",
    "Lộc",
    "Sơn",
    "Thủy",
    "Đường",
    "Dương",
    "Tân",
    "Mỹ",
    "Quang",
    "Vĩnh",
    "Kim",
    "Ân",
    "Ưng",
]


def names():
    """An endless supply of two-syllable Vietnamese place names."""
    return (f"{a} {b}" for a, b in itertools.cycle(itertools.permutations(SYLLABLES, 2)))


def bulk_units(specs, unit_type: UnitType, valid_from: datetime.date = START) -> list[Unit]:
    """Units from (name, parent id) pairs, with their first version."""
    rows = [
        Unit(
            level=unit_type.level,
            name=name,
            type=unit_type,
            parent_id=parent,
            valid_from=valid_from,
            search_text=fold(f"{unit_type.prefix} {name}"),
            sort_key=sort_key(name),
        )
        for name, parent in specs
    ]
    Unit.objects.bulk_create(rows, batch_size=5000)
    UnitVersion.objects.bulk_create(
        [UnitVersion(unit=u, name=u.name, type=unit_type, parent_id=u.parent_id, valid_from=valid_from) for u in rows],
        batch_size=5000,
    )
    return rows


def bulk_cells(villages: list[Unit], valid_from: datetime.date = START) -> list[PartyOrg]:
    """One party cell per village."""
    cell_type = PartyOrgType.objects.get(code="affiliated_cell")
    rows = [
        PartyOrg(
            name=f"Chi bộ thôn {v.name}",
            type=cell_type,
            unit=v,
            valid_from=valid_from,
            search_text=fold(f"chi bo thon {v.name}"),
            sort_key=sort_key(v.name),
        )
        for v in villages
    ]
    PartyOrg.objects.bulk_create(rows, batch_size=5000)
    return rows
