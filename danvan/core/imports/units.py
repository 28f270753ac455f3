"""`units_import`: the official unit list into the tree, as a difference, in one transaction.

Two kinds of input:
- a list (the packaged pre-2025 list, or a file): the state of units on a day. A row is matched to the unit
  of its level that carries its code on that day (codes are reused: 18406 was thị trấn Nghèn, is now xã
  Can Lộc, so a code is kept per version). A match with another name, type or parent changes from that
  day; no match creates the unit; a unit of the file's scope missing from the file ends (files only).
  Rows may name predecessors: they end the day before and the row's unit succeeds them.
- the 2025 arrangement (packaged): provinces merged (202/2025/QH15), the district level ended
  (203/2025/QH15; Luật 72/2025/QH15), communes merged or divided per province (the UBTVQH resolution).
Re-running applies only what differs. The roll-up is rebuilt once at the end; one audit entry names the counts.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import audit
from ..models import Reorganization, Unit
from ..permissions import Cap, memberships
from ..services.party_org_versions import party_orgs_follow_units
from ..services.units import rollup_rebuild
from . import packaged
from .rows import LEVEL_RANK, Row
from .workspace import ONE_DAY, Workspace

UNDATED_START = datetime.date(2010, 1, 1)  # start of units the packaged list creates (it has no start dates)
Kind = Reorganization.Kind


@dataclass
class ImportResult:
    counts: dict = field(default_factory=dict)
    details: list[str] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        c = self.counts
        return (
            f"mới {c.get('new', 0)}, đổi tên/loại {c.get('renamed', 0)}, chuyển cấp trên {c.get('moved', 0)}, "
            f"kết thúc {c.get('ended', 0)}, không đổi {c.get('unchanged', 0)}; "
            f"sự kiện sắp xếp {c.get('events', 0)}, quan hệ kế thừa {c.get('successions', 0)}"
        )


def may_import(actor) -> bool:
    """The loader (command line), a superuser, or MANAGE_UNITS held at the national level."""
    if actor is None or not actor.is_authenticated or not actor.is_active:
        return False
    return actor.is_superuser or memberships(actor, Cap.MANAGE_UNITS).filter(unit__level__rank=0).exists()


def units_import(
    *,
    actor,
    source: str = "package",
    rows: list[Row] | None = None,
    province: str | None = None,
    day: datetime.date | None = None,
    legal_basis: str = "",
    dry_run: bool = False,
    progress=None,
) -> ImportResult:
    """Import the packaged lists and 2025 arrangement (`source="package"`), or `rows` read from a file
    (core.imports.files) describing the state on `day`. `province` limits either to one province code.
    `progress(done)` is called after each row of the list (the page's progress, core.imports.unit_job)."""
    if actor is None:
        raise TypeError("An actor is required: a person, system_actor() or loader_actor().")
    if not may_import(actor):
        raise PermissionDenied
    with transaction.atomic():
        ws = Workspace()
        if source == "package":
            data = packaged.load(province)
            apply_list(ws, data.legacy, packaged.LEGACY_DAY, start=UNDATED_START, end_missing=False, progress=progress)
            apply_arrangement(ws, data)
            origin = f"{packaged.PACKAGE} {packaged.VERSION}"
        else:
            if day is None:
                raise ValidationError({"day": _("Vui lòng nhập ngày của danh mục.")})
            if province:
                rows = [r for r in rows if _province_of(r, rows) == province]
            apply_list(ws, rows, day, start=day, end_missing=True, legal_basis=legal_basis or source, progress=progress)
            origin = source
        ws.flush()
        _party_orgs_follow(ws, actor)
        if _changed(ws.counts):
            rollup_rebuild()  # once, for the whole tree
        result = ImportResult(counts=dict(ws.counts), details=ws.details, dry_run=dry_run)
        anchor = _anchor(ws)
        if anchor is not None and not dry_run and _changed(ws.counts):
            audit.record(
                actor=actor,
                obj=anchor,
                action="action",
                verb=_("Nhập danh mục đơn vị hành chính"),
                changes={"source": [None, origin], "province": [None, province or ""], **_counted(ws.counts)},
                unit=anchor if anchor.level.rank == 1 else None,
            )
        if dry_run:
            transaction.set_rollback(True)
    return result


def _party_orgs_follow(ws: Workspace, actor) -> None:
    """The Party organisations of the ended units end (with their versions); the village cells under them go
    under the Đảng ủy of the primary successor, when it has one on that day (core.services.party_org_versions)."""
    if not ws.ended:
        return
    successors = {s.predecessor_id: s.successor_id for s in ws.successions if s.is_primary}
    counts = party_orgs_follow_units(
        actor=actor, ended=ws.ended, successors=successors, verb=_("Nhập danh mục đơn vị hành chính")
    )
    ws.counts["party_orgs_moved"] += counts["moved"]
    ws.counts["party_orgs_without_superior"] += counts["without_superior"]


def _changed(counts) -> bool:
    return any(counts.get(k) for k in ("new", "renamed", "moved", "ended", "successions", "events"))


def _counted(counts) -> dict:
    return {key: [None, value] for key, value in sorted(counts.items())}


def _anchor(ws: Workspace) -> Unit | None:
    provinces = [u for u in ws.units.values() if u.level.rank == 1 and u.pk in ws.touched]
    return min(provinces, key=lambda u: u.pk) if provinces else next(iter(ws.units.values()), None)


def _province_of(row: Row, rows: list[Row]) -> str:
    by_code = {(r.level, r.code): r for r in rows}
    seen = 0
    while row.parent_code and seen < 5:
        parent = next((by_code[(lv, row.parent_code)] for lv in LEVEL_RANK if (lv, row.parent_code) in by_code), None)
        if parent is None:
            return row.parent_code[:2]
        row, seen = parent, seen + 1
    return row.code


# --- a list: the state on a day ------------------------------------------------------------------------------


def apply_list(
    ws: Workspace, rows: list[Row], day: datetime.date, *, start, end_missing: bool, legal_basis="", progress=None
):
    """Bring the units of `rows` to their state on `day` (top level first)."""
    done = 0
    listed: set[int] = set()
    scope: set[int] = set()
    event: dict[str, Reorganization] = {}
    moves: dict[datetime.date, dict[int, int]] = defaultdict(dict)  # day -> {ended unit: primary successor}

    def reorg(kind):
        if kind not in event:
            event[kind] = ws.reorganization(kind, legal_basis, day, _("Theo danh mục đơn vị hành chính nhập từ tệp."))
        return event[kind]

    for level in ("province", "district", "commune"):
        rank = LEVEL_RANK[level]
        created: list[tuple[Row, Unit]] = []
        for row in (r for r in rows if r.level == level):
            done += 1
            if progress is not None:
                progress(done)
            row_day = row.valid_from or day
            parent = None
            if row.parent_code:
                parent = _parent(ws, rank, row.parent_code, row_day)
                if parent is None:
                    raise ValidationError(
                        _("Dòng %(n)s, cột “Mã cấp trên”: không tìm thấy đơn vị cấp trên mã %(c)s vào ngày %(d)s.")
                        % {"n": row.line or "-", "c": row.parent_code, "d": f"{row_day:%d/%m/%Y}"}
                    )
            unit = ws.find(rank, row.code, row_day)
            if unit is not None and row.predecessors and not _continues(row, unit):
                unit = None  # a new unit taking a predecessor's code
            if unit is None:
                first = max(row.valid_from or start, parent.valid_from if parent else start)
                unit = ws.create(
                    name=row.name,
                    type_code=row.type,
                    parent=parent,
                    code=row.code,
                    start=first,
                    end=row.valid_to,
                    reorg=reorg(Kind.MERGE) if row.predecessors and legal_basis else None,
                )
                created.append((row, unit))
                continue
            listed.add(unit.pk)
            scope.add(unit.parent_id or unit.pk)
            _update(ws, unit, row, row_day, parent, reorg if legal_basis else None)
        ws.flush_units()
        for row, unit in created:
            listed.add(unit.pk)
            scope.add(unit.parent_id or unit.pk)
            if row.predecessors:
                _succeed(ws, row, unit, row.valid_from or day, reorg(Kind.MERGE) if legal_basis else None, moves)
    # The villages of the units a row succeeds move under it, as a merger recorded by hand does.
    for when, pairs in sorted(moves.items()):
        ws.move_villages(pairs, when)
    successors = {old: new for pairs in moves.values() for old, new in pairs.items()}
    if end_missing:
        _end_missing(ws, listed, scope, day, rows, successors)
    elif successors:
        ws.close_attached(successors)


def _parent(ws: Workspace, rank: int, code: str, day: datetime.date) -> Unit | None:
    for parent_rank in range(rank - 1, 0, -1):
        parent = ws.find(parent_rank, code, day) or ws.find(parent_rank, code, day - ONE_DAY)
        if parent is not None:
            return parent
    return None


def _continues(row: Row, unit: Unit) -> bool:
    return len(row.predecessors) == 1 and row.predecessors[0][0] == unit.code


def _update(ws: Workspace, unit: Unit, row: Row, day, parent, reorg) -> None:
    current = ws.version_on(unit.pk, day) or ws.version_on(unit.pk, day - ONE_DAY)
    if current is None:
        ws.counts["unchanged"] += 1
        return
    unit_type = ws.types[row.type]
    renamed = (current.name, current.type_id) != (row.name, unit_type.pk)
    moved = current.parent_id != (parent.pk if parent else None)
    if not renamed and not moved:
        ws.counts["unchanged"] += 1
        return
    if not ws.version_on(unit.pk, day):  # ended the day before: the list reopens it? no: a new period
        ws.counts["unchanged"] += 1
        return
    kind = Kind.RENAME if renamed else Kind.BOUNDARY_CHANGE
    event = reorg(kind) if reorg else None
    before = ws.label(unit, current)
    ws.change(
        unit, day, event, name=row.name, type_id=unit_type.pk, parent_id=parent.pk if parent else None, code=row.code
    )
    if event is not None:
        ws.involve(event, unit.pk)
    if renamed:
        ws.counts["renamed"] += 1
        ws.note(f"~ {before} → {unit_type.prefix} {row.name} từ {day:%d/%m/%Y}")
    if moved:
        ws.counts["moved"] += 1
        ws.note(f"> {before} chuyển sang {parent} từ {day:%d/%m/%Y}")


def _succeed(ws: Workspace, row: Row, unit: Unit, day, event, moves) -> None:
    if event is None:
        event = ws.reorganization(Kind.MERGE, "", day)
    ws.involve(event, unit.pk)
    for code, primary in row.predecessors:
        old = ws.find(unit.level.rank, code, day - ONE_DAY)
        if old is None or old.pk == unit.pk:
            continue
        if old.pk not in ws.ended and (old.valid_to is None or old.valid_to >= day):
            ws.end(old, day)
        ws.succeed(event, old, unit, primary)
        ws.involve(event, old.pk)
        if primary:
            moves[day].setdefault(old.pk, unit.pk)


def _end_missing(ws: Workspace, listed: set[int], scope: set[int], day, rows, successors) -> None:
    """Units of the file's levels under the file's provinces, in force the day before and not listed, end."""
    levels = {LEVEL_RANK[r.level] for r in rows}
    before = day - ONE_DAY

    def top(unit_id):
        for _i in range(4):
            version = ws.version_on(unit_id, before) or ws.version_on(unit_id, day)
            if version is None or version.parent_id is None:
                return unit_id
            unit_id = version.parent_id
        return unit_id

    provinces = {top(u) for u in listed}
    for unit in list(ws.units.values()):
        if unit.pk in listed or unit.level.rank not in levels or unit.pk in ws.ended:
            continue
        if ws.version_on(unit.pk, before) is None or ws.version_on(unit.pk, day) is None:
            continue
        if top(unit.pk) in provinces:
            ws.end(unit, day)
    ws.close_attached(successors)


# --- the 2025 arrangement ---------------------------------------------------------------------------------


def apply_arrangement(ws: Workspace, data: packaged.Package) -> None:
    day = packaged.ARRANGEMENT_DAY
    before = day - ONE_DAY
    province_of = {}  # old province code -> new province unit
    new_provinces = {}
    names = {r.code: r for r in data.current if r.level == "province"}
    # Provinces: the new province keeps the code (and unit) of one of its predecessors; the others end.
    for code, old_codes in data.provinces.items():
        keeper = ws.find(1, code, before) or ws.find(1, code, day)
        if keeper is None:
            raise ValidationError(_("Không tìm thấy tỉnh mã %(c)s ngày 30/06/2025.") % {"c": code})
        row = names[code]
        new_provinces[code] = keeper
        for old in old_codes:
            province_of[old] = keeper
        ws.change(keeper, day, name=row.name, type_id=ws.types[row.type].pk, code=code)
        absorbed = [u for c in old_codes if c != code and (u := ws.find(1, c, before))]
        todo = [u for u in absorbed if u.pk not in ws.ended and (u.valid_to is None or u.valid_to >= day)]
        if todo:
            event = ws.reorganization(
                Kind.MERGE,
                packaged.PROVINCE_BASIS,
                day,
                f"Hợp nhất {', '.join(ws.label(u) for u in absorbed)} vào {ws.label(keeper)}.",
            )
            ws.involve(event, keeper.pk)
            for unit in todo:
                ws.end(unit, day)
                ws.succeed(event, unit, keeper, True)
                ws.involve(event, unit.pk)

    _communes(ws, data, new_provinces, day)
    _districts(ws, data, province_of, day)
    ws.flush_units()


def _communes(ws: Workspace, data: packaged.Package, provinces: dict[str, Unit], day) -> None:
    before = day - ONE_DAY
    preds, succs = defaultdict(list), defaultdict(list)
    for edge in data.edges:
        preds[edge.new].append(edge)
        succs[edge.old].append(edge)
    rows = [r for r in data.current if r.level == "commune"]

    def old_unit(code):
        return ws.find(3, code, before) or ws.find(2, code, before)

    basis = {}
    for row in data.current:
        if row.level == "province":
            basis[row.code] = packaged.commune_basis(row.code, f"{ws.types[row.type].prefix} {row.name}")

    made: dict[str, Unit] = {}
    events: dict[str, Reorganization] = {}
    moves: dict[int, int] = {}
    for row in rows:
        province = provinces[row.parent_code]
        edges = preds[row.code]
        unit_type = ws.types[row.type]
        if len(edges) == 1 and not edges[0].divided and (old := old_unit(edges[0].old)) and old.level.rank == 3:
            # One commune becomes one commune: the same unit goes on, under the province, perhaps renamed.
            target = ws.find(3, row.code, day)
            if target is None or target.pk == old.pk:
                changed = ws.change(old, day, name=row.name, type_id=unit_type.pk, parent_id=province.pk, code=row.code)
                ws.counts["moved" if changed else "unchanged"] += 1
                made[row.code] = old
                continue
        existing = next(
            (
                u
                for v in ws.by_code.get((3, row.code), [])
                if v.is_valid_on(day) and (u := ws.units[v.unit_id]).valid_from == day
            ),
            None,
        )
        if existing is not None:
            made[row.code] = existing
            ws.counts["unchanged"] += 1
            continue
        legal, note = basis[row.parent_code]
        parts = ", ".join(ws.label(u) for e in edges if (u := old_unit(e.old)))
        event = ws.reorganization(
            Kind.MERGE, legal, day, f"Thành lập {unit_type.prefix} {row.name} trên cơ sở: {parts}. {note}"
        )
        events[row.code] = event
        made[row.code] = ws.create(
            name=row.name, type_code=row.type, parent=province, code=row.code, start=day, reorg=event
        )
    ws.flush_units()
    for row in rows:
        unit, event = made[row.code], events.get(row.code)
        if event is None:
            continue
        ws.involve(event, unit.pk)
        for edge in preds[row.code]:
            old = old_unit(edge.old)
            if old is None or edge.divided or old.pk == unit.pk:
                continue
            if old.pk not in ws.ended and (old.valid_to is None or old.valid_to >= day):
                ws.end(old, day)
            ws.succeed(event, old, unit, True)
            ws.involve(event, old.pk)
            moves[old.pk] = unit.pk
    # Divided communes: one split each; the primary successor is the package's map guess, to be reviewed.
    for code, edges in succs.items():
        if not edges[0].divided:
            continue
        old = old_unit(code)
        if old is None or old.pk in ws.ended or (old.valid_to is not None and old.valid_to < day):
            continue
        targets = [(made[e.new], e.primary) for e in edges]
        primary = next((u for u, p in targets if p), targets[0][0])
        legal, note = basis[next(r.parent_code for r in rows if r.code == edges[0].new)]
        event = ws.reorganization(
            Kind.SPLIT,
            legal,
            day,
            f"Chia {ws.label(old)} cho: {', '.join(ws.label(u) for u, _p in targets)}. "
            f"Đơn vị kế thừa chính ({ws.label(primary)}) lấy theo dữ liệu {packaged.PACKAGE} (isDefaultNewWard, "
            f"ước đoán theo bản đồ): CẦN RÀ SOÁT theo nghị quyết. {note}",
        )
        ws.end(old, day)
        ws.involve(event, old.pk)
        for unit, _p in targets:
            ws.succeed(event, old, unit, unit.pk == primary.pk)
            ws.involve(event, unit.pk)
            for version in ws.versions[unit.pk]:
                if version.reorganization is None:
                    version.reorganization = event
        moves[old.pk] = primary.pk
    ws.move_villages(moves, day)
    ws.close_attached(moves)


def _districts(ws: Workspace, data: packaged.Package, province_of: dict[str, Unit], day) -> None:
    """The district level ends: one event per (old) province; what is left below a district goes up."""
    before = day - ONE_DAY
    children = ws.children_on(day)
    by_province = defaultdict(list)
    for unit in ws.units.values():
        if unit.level.rank != 2 or unit.pk in ws.ended or (unit.valid_to is not None and unit.valid_to < day):
            continue
        version = ws.version_on(unit.pk, before)
        if version is None:
            continue
        old_province = ws.units.get(version.parent_id)
        if old_province is not None and old_province.code in province_of:
            by_province[old_province].append(unit)
    for old_province, districts in by_province.items():
        event = ws.reorganization(
            Kind.DISSOLVE_LEVEL,
            packaged.DISTRICT_BASIS,
            day,
            "Chấm dứt hoạt động của đơn vị hành chính cấp huyện từ 01/7/2025 (chính quyền địa phương hai cấp).",
        )
        ws.involve(event, old_province.pk)
        keeper = province_of[old_province.code]
        for district in districts:
            for child in children.get(district.pk, []):
                ws.change(ws.units[child.unit_id], day, parent_id=keeper.pk)
            ws.end(district, day)
            ws.succeed(event, district, old_province, True)
            ws.involve(event, district.pk)
