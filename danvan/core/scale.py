"""Synthetic data at scale for benchmarks (`make bench` and each app's `bench_<app>`): bulk inserts with the same
folded text and sort keys the services compute, a synthetic country (units, roll-up table, bodies) that the apps'
benchmarks fill, and `Table` for writing millions of rows as plain tuples. Never used by the application itself."""

import datetime
import functools
import itertools
import random
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Model
from django.utils import timezone

from .models import Body, BodyType, PartyOrg, PartyOrgType, PartyOrgVersion, Unit, UnitType, UnitVersion
from .services import units as unit_services
from .text import fold, sort_key

START = datetime.date(2016, 1, 1)
BATCH = 10_000
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

# Provincial bodies of `country`: key, name, body type. Each commune also gets its people's committee.
PROVINCE_BODIES = [
    ("committee", "Ủy ban nhân dân", "people_committee"),
    ("construction", "Sở Xây dựng", "department"),
    ("agriculture", "Sở Nông nghiệp và Môi trường", "department"),
    ("health", "Sở Y tế", "department"),
    ("education", "Sở Giáo dục và Đào tạo", "department"),
    ("home_affairs", "Sở Nội vụ", "department"),
    ("police", "Công an", "other"),
    ("power", "Công ty Điện lực", "other"),
]
# Who raised an item, chaired a meeting, stood for election... in the apps' synthetic records.
PEOPLE = [
    f"Ông (bà) {s} {g}"
    for s in ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Dương")
    for g in ("Văn An", "Thị Bình", "Đức Thắng", "Thị Hoà", "Văn Đường", "Minh Thuỷ", "Quang Vinh", "Thị Lan")
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
    PartyOrgVersion.objects.bulk_create(  # each its one version, as party_org_create gives it
        [PartyOrgVersion(party_org=o, name=o.name, type=cell_type, unit=o.unit, valid_from=valid_from) for o in rows],
        batch_size=5000,
    )
    return rows


@dataclass
class Country:
    provinces: list[Unit]
    communes: list[Unit]
    villages: list[Unit]  # the same number per commune, in commune order
    bodies: dict[int, dict[str, Body]]  # province id → key → body
    commune_bodies: dict[int, Body]  # commune id → its people's committee
    sizes: dict = field(default_factory=dict)


def country(*, provinces: int = 34, communes: int = 98, villages: int = 19, seed: int = 2026) -> Country:
    """Provinces, communes and villages (as `danvan bench` builds them), the roll-up table, and the bodies."""
    rng = random.Random(seed)  # noqa: S311 - repeatable synthetic data
    types = {t.code: t for t in UnitType.objects.select_related("level")}
    place = names()
    tag = rng.randrange(10**4)
    province_rows = bulk_units(
        [(f"Tỉnh {i:02d} {next(place)} {tag}", None) for i in range(provinces)], types["province"]
    )
    commune_rows = bulk_units([(next(place), p.pk) for p in province_rows for _ in range(communes)], types["commune"])
    village_rows = bulk_units([(next(place), c.pk) for c in commune_rows for _ in range(villages)], types["village"])
    unit_services.rollup_rebuild([u.pk for u in (*province_rows, *commune_rows, *village_rows)])

    body_types = {t.code: t for t in BodyType.objects.all()}
    rows = [
        _body(f"{name} {p.full_name}", body_types[code], p) for p in province_rows for _k, name, code in PROVINCE_BODIES
    ]
    rows += [_body(f"Ủy ban nhân dân {c.full_name}", body_types["people_committee"], c) for c in commune_rows]
    Body.objects.bulk_create(rows, batch_size=2000)
    per = len(PROVINCE_BODIES)
    bodies = {
        p.pk: {key: rows[i * per + k] for k, (key, _n, _c) in enumerate(PROVINCE_BODIES)}
        for i, p in enumerate(province_rows)
    }
    commune_bodies = {c.pk: rows[len(province_rows) * per + i] for i, c in enumerate(commune_rows)}
    sizes = {"provinces": provinces, "communes": len(commune_rows), "villages": len(village_rows), "bodies": len(rows)}
    return Country(province_rows, commune_rows, village_rows, bodies, commune_bodies, sizes)


def _body(name: str, body_type: BodyType, unit: Unit) -> Body:
    # What core.services.orgs.body_create stores for a body without an abbreviation.
    return Body(name=name, type=body_type, unit=unit, valid_from=START, search_text=fold(name), sort_key=sort_key(name))


class Table:
    """Rows of one model, given as dicts of attribute names (other columns take the field's default), written
    a batch at a time without model instances: COPY on PostgreSQL, one executemany elsewhere."""

    def __init__(self, model: type[Model], *, skip: tuple[str, ...] = ()):
        now = timezone.now()
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields if f.attname not in skip]
        self.defaults = [
            now if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False) else f.get_default()
            for f in self.fields
        ]
        self.defaults = [self.adapt(f, v) for f, v in zip(self.fields, self.defaults, strict=True)]
        self.names = [f.attname for f in self.fields]
        self.rows: list[tuple] = []
        self.count = 0

    @staticmethod
    def adapt(f, value):
        return value if value is None else f.get_db_prep_save(value, connection)

    def add(self, values: dict) -> None:
        """`values` are database-ready (see `Dates`); missing ones take the default."""
        self.rows.append(tuple(values.get(n, d) for n, d in zip(self.names, self.defaults, strict=True)))
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        quote = connection.ops.quote_name
        table = quote(self.model._meta.db_table)
        columns = ", ".join(quote(f.column) for f in self.fields)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.fields))
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", self.rows)  # noqa: S608
        self.count += len(self.rows)
        self.rows.clear()


class Dates(dict):
    """Ordinal → the database's form of that date (SQLite takes ISO strings), computed once per day."""

    def __missing__(self, ordinal):
        value = None if ordinal is None else connection.ops.adapt_datefield_value(datetime.date.fromordinal(ordinal))
        self[ordinal] = value
        return value


@functools.lru_cache(maxsize=4096)
def _key_parts(text: str) -> tuple[str, str]:
    """The two levels of `sort_key(text)`: letters, then tones, two characters a letter, split at "aa"."""
    key = sort_key(text)
    at = next(i for i in range(0, len(key), 2) if key[i : i + 2] == "aa")
    return key[:at], key[at + 2 :]


def joined_key(a: str, b: str) -> str:
    """sort_key(f"{a} {b}") from the cached keys of the two parts: the key is built letter by letter."""
    (pa, sa), (pb, sb) = _key_parts(a), _key_parts(b)
    (p1, s1), (p2, s2) = _key_parts("a"), _key_parts("a a")
    space_p, space_s = p2[len(p1) : -len(p1)], s2[len(s1) : -len(s1)]
    return f"{pa}{space_p}{pb}aa{sa}{space_s}{sb}"
