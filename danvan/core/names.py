"""Units' names as of a date: a 2016 figure says "xã Đồng Lộc", not today's "thị trấn Đồng Lộc".

The `Unit` row caches today's name; what a unit was called, what it was (its type's prefix) and where it
sat on a given day are its `UnitVersion` of that day. Every helper here answers for many units in one
query, so a page or an export labels all its rows as of its period without a query per row:

- `names_as_of(ids, day)`: {unit id: UnitName} (name, prefix, parent, code as of `day`).
- `relabel(units, day)`: give loaded `Unit` instances their name and type of `day`, for display only
  (statistics rows keep their units, templates and exports print them as before).
- `with_name_as_of(queryset, "unit", day)`: annotate a queryset with its unit's name of `day` (lists).
- `with_versions(queryset, "unit")` + `name_on(unit, day)` (template filter `name_on`): lists whose rows each
  have their own date (a record's day) prefetch the units' versions once per page and name each row as of
  its record's day.
- `now_notes(ids, day)`: "(nay là …)" / "(nay thuộc …)" beside a past name (pickers of dated records).

A unit asked for after it ended keeps its last name; before it began, its first.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Concat, Trim
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import dates
from .models import PartyOrgVersion, Unit, UnitRollup, UnitVersion


@dataclass(frozen=True)
class UnitName:
    unit_id: int
    name: str
    prefix: str
    parent_id: int | None
    code: str
    day: datetime.date
    parent: UnitName | None = None

    @property
    def full_name(self) -> str:
        return f"{self.prefix} {self.name}".strip()

    def __str__(self) -> str:
        return self.full_name


def _ids(unit_ids) -> QuerySet | set[int]:
    if isinstance(unit_ids, QuerySet):
        return unit_ids
    return {pk for pk in unit_ids if pk}


def _version_of(versions: list[UnitVersion], day: datetime.date) -> UnitVersion:
    """The version in force on `day`; after the unit ended its last one, before it began its first."""
    chosen = versions[0]
    for version in versions:  # ordered by valid_from
        if version.valid_from <= day:
            chosen = version
    return chosen


def _versions_by_unit(ids, day: datetime.date, *, parents: bool) -> dict[int, UnitVersion]:
    condition = Q(unit_id__in=ids)
    if parents:
        condition |= Q(unit_id__in=UnitVersion.objects.filter(unit_id__in=ids).values("parent_id"))
    grouped: dict[int, list[UnitVersion]] = {}
    for version in UnitVersion.objects.filter(condition).select_related("type").order_by("unit_id", "valid_from"):
        grouped.setdefault(version.unit_id, []).append(version)
    return {unit_id: _version_of(versions, day) for unit_id, versions in grouped.items()}


def names_as_of(unit_ids: Iterable[int] | QuerySet, day: datetime.date, *, parents: bool = True) -> dict[int, UnitName]:
    """{unit id: its name, type prefix, parent and code on `day`}, with the parent's name of that day.

    One query (the units' versions and their parents' versions together), whatever the number of units.
    `unit_ids` may be a list or a subquery of ids (then the parents' own entries come back too)."""
    ids = _ids(unit_ids)
    if not isinstance(ids, QuerySet) and not ids:
        return {}
    versions = _versions_by_unit(ids, day, parents=parents)

    def make(version: UnitVersion, parent: UnitName | None = None) -> UnitName:
        return UnitName(
            version.unit_id, version.name, version.type.prefix, version.parent_id, version.code, day, parent
        )

    plain = {unit_id: make(v) for unit_id, v in versions.items()}
    wanted = ids if isinstance(ids, set) else set(versions)
    return {
        unit_id: make(v, plain.get(v.parent_id) if v.parent_id else None)
        for unit_id, v in versions.items()
        if unit_id in wanted
    }


def relabel(units: Iterable[Unit | None], day: datetime.date) -> list[Unit | None]:
    """Give each loaded unit its name and type of `day` (one query), for display: `str(unit)`,
    `unit.full_name` and `unit.name` then read as of that day. The instance remembers `name_day`; it must
    never be saved (services load their own units). Returns the units."""
    units = list(units)
    targets = [u for u in units if u is not None and getattr(u, "name_day", None) != day]
    if not targets:
        return units
    versions = _versions_by_unit({u.pk for u in targets}, day, parents=False)
    for unit in targets:
        version = versions.get(unit.pk)
        if version is not None:
            unit.name, unit.type = version.name, version.type
        unit.name_day = day
    return units


def with_name_as_of(queryset: QuerySet, unit_field: str, day: datetime.date, attr: str = "unit_name") -> QuerySet:
    """`queryset` with `attr`: the full name its `unit_field` had on `day` (today's when it had not begun),
    computed by the database in the same query. `unit_field` is "pk" for a queryset of units."""
    then = (
        UnitVersion.objects.filter(unit_id=OuterRef(unit_field), valid_from__lte=day)
        .order_by("-valid_from")
        .annotate(full=Trim(Concat("type__prefix", Value(" "), "name")))
        .values("full")[:1]
    )
    path = "" if unit_field in ("pk", "id") else f"{unit_field}__"  # a queryset of units names itself
    today = Trim(Concat(f"{path}type__prefix", Value(" "), f"{path}name"))
    return queryset.annotate(**{attr: Coalesce(Subquery(then), today)})


VERSIONS_ATTR = "dated_versions"


def with_versions(queryset: QuerySet, unit_field: str = "unit") -> QuerySet:
    """`queryset` with its units' versions prefetched (one query for a page of rows), for `name_on`."""
    versions = UnitVersion.objects.select_related("type").order_by("valid_from")
    return queryset.prefetch_related(Prefetch(f"{unit_field}__versions", queryset=versions, to_attr=VERSIONS_ATTR))


def name_on(unit: Unit | None, day: datetime.date | None) -> str:
    """The unit's full name on `day` from its prefetched versions (`with_versions`); its cached name when
    they were not prefetched (never a query per row) or no day is given."""
    if unit is None:
        return ""
    versions = getattr(unit, VERSIONS_ATTR, None)
    if not versions or day is None:
        return unit.full_name
    version = _version_of(versions, day)
    return f"{version.type.prefix} {version.name}".strip()


def now_notes(
    unit_ids: Iterable[int],
    day: datetime.date,
    *,
    today: datetime.date | None = None,
    then: dict[int, UnitName] | None = None,
) -> dict[int, str]:
    """{unit id: "(nay là xã X)" | "(nay thuộc xã Y)"} for the units whose name of `day` is not today's:
    renamed or upgraded since (nay là), or ended and carried on by another unit (nay thuộc). Units whose
    name did not change are left out. Two queries (one when `then`, the names of `day`, is given)."""
    ids = _ids(unit_ids)
    if not isinstance(ids, QuerySet) and not ids:
        return {}
    today = today or dates.today()
    then = names_as_of(ids, day, parents=False) if then is None else then
    rows = (
        UnitRollup.objects.filter(unit_id__in=ids, is_primary=True, target_level_id=F("unit__level_id"))
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .values_list("unit_id", "target_id", "target__name", "target__type__prefix")
    )
    notes: dict[int, str] = {}
    for unit_id, target_id, name, prefix in rows:
        current = f"{prefix} {name}".strip()
        if target_id != unit_id:
            notes[unit_id] = _("(nay thuộc %(name)s)") % {"name": current}
        elif unit_id in then and then[unit_id].full_name != current:
            notes[unit_id] = _("(nay là %(name)s)") % {"name": current}
    return notes


def note(day: datetime.date) -> str:
    """What a historical page says about its labels: "Tên đơn vị theo thời điểm 31/12/2016"."""
    return _("Tên đơn vị theo thời điểm %(day)s") % {"day": date_format(day, "d/m/Y")}


# --- Party organisations as of a date ---------------------------------------------------------------------
# A Party organisation's name, superior and unit of a day are its PartyOrgVersion of that day (a village cell is
# under the old Đảng ủy xã on 30/06/2025 and under the new one from 01/07/2025). Same rules as units: asked for
# after it ended it keeps its last version, before it began its first; one query for any number of them.


@dataclass(frozen=True)
class PartyOrgName:
    party_org_id: int
    name: str
    type_id: int
    parent_id: int | None
    unit_id: int
    is_upper_grassroots: bool
    day: datetime.date
    parent: PartyOrgName | None = None

    def __str__(self) -> str:
        return self.name


def _org_versions(ids, day: datetime.date, *, parents: bool) -> dict[int, PartyOrgVersion]:
    condition = Q(party_org_id__in=ids)
    if parents:
        condition |= Q(party_org_id__in=PartyOrgVersion.objects.filter(party_org_id__in=ids).values("parent_id"))
    grouped: dict[int, list[PartyOrgVersion]] = {}
    for version in PartyOrgVersion.objects.filter(condition).order_by("party_org_id", "valid_from"):
        grouped.setdefault(version.party_org_id, []).append(version)
    return {org_id: _version_of(versions, day) for org_id, versions in grouped.items()}


def party_orgs_as_of(
    org_ids: Iterable[int] | QuerySet, day: datetime.date, *, parents: bool = True
) -> dict[int, PartyOrgName]:
    """{Party org id: its name, type, superior, unit and role on `day`}, with the superior's name of that day.
    One query (the organisations' versions and their superiors' together), whatever their number."""
    ids = _ids(org_ids)
    if not isinstance(ids, QuerySet) and not ids:
        return {}
    versions = _org_versions(ids, day, parents=parents)

    def make(v: PartyOrgVersion, parent: PartyOrgName | None = None) -> PartyOrgName:
        return PartyOrgName(
            v.party_org_id, v.name, v.type_id, v.parent_id, v.unit_id, v.is_upper_grassroots, day, parent
        )

    plain = {org_id: make(v) for org_id, v in versions.items()}
    wanted = ids if isinstance(ids, set) else set(versions)
    return {
        org_id: make(v, plain.get(v.parent_id) if v.parent_id else None)
        for org_id, v in versions.items()
        if org_id in wanted
    }


def party_org_children_as_of(org_ids: Iterable[int] | QuerySet, day: datetime.date) -> QuerySet:
    """The versions in force on `day` of the organisations directly under `org_ids` on that day (a subquery;
    `.values("party_org_id")` gives their ids)."""
    ids = _ids(org_ids)
    return PartyOrgVersion.objects.valid_on(day).filter(parent_id__in=ids)


def with_party_org_as_of(queryset: QuerySet, org_field: str, day: datetime.date, *, prefix: str = "org") -> QuerySet:
    """`queryset` with `<prefix>_name`, `<prefix>_parent_id` and `<prefix>_unit_id`: what its `org_field` (a
    PartyOrg foreign key, "pk" for a queryset of Party organisations) was called, was under and was attached to
    on `day` (its first version when it had not begun, its last after it ended), in the same query: lists and
    statistics group by the superior of the period's day with `<prefix>_parent_id`."""
    ref = OuterRef(org_field)
    dated = PartyOrgVersion.objects.filter(party_org_id=ref, valid_from__lte=day).order_by("-valid_from")
    first = PartyOrgVersion.objects.filter(party_org_id=ref).order_by("valid_from")
    return queryset.annotate(
        **{
            f"{prefix}_{field}": Coalesce(Subquery(dated.values(field)[:1]), Subquery(first.values(field)[:1]))
            for field in ("name", "parent_id", "unit_id")
        }
    )


def orphaned_on(unit_ids, day: datetime.date, *, own: bool = True):
    """Versions in force on `day` of organisations that go on under a superior already ended on that day, among
    the organisations of the units directly below `unit_ids` on that day (their villages' cells) and, with `own`,
    of `unit_ids` themselves."""
    below = UnitVersion.objects.valid_on(day).filter(parent_id__in=unit_ids).values("unit_id")
    where = Q(unit_id__in=below) | Q(unit_id__in=unit_ids) if own else Q(unit_id__in=below)
    return (
        PartyOrgVersion.objects.valid_on(day)
        .filter(where)
        .filter(parent__valid_to__lt=day)
        .filter(Q(party_org__valid_to__isnull=True) | Q(party_org__valid_to__gte=day))
    )
