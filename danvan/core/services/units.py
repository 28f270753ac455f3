"""Writes to the administrative-unit tree: units, their versions, reorganizations, and the roll-up table."""

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from .. import audit, dates
from ..lineage import Lineage
from ..models import (
    Body,
    Membership,
    PartyOrg,
    Person,
    Reorganization,
    Succession,
    Unit,
    UnitRollup,
    UnitType,
    UnitVersion,
)
from ..permissions import Cap, require
from ..text import fold, sort_key
from .common import check_day, check_period, fmt, optional_text, required_name, save_versioned
from .party_org_versions import party_orgs_follow_units, party_orgs_refresh_cache

ONE_DAY = datetime.timedelta(days=1)
AUDIT_FIELDS = ["name", "type", "parent", "code", "valid_from", "valid_to", "note"]
VERSION_FIELDS = ["name", "type", "parent", "code"]


def _search_fields(unit: Unit) -> None:
    unit.search_text = fold(f"{unit.type.prefix} {unit.name} {unit.code}")
    unit.sort_key = sort_key(unit.name)


def _check_parent(*, unit_type: UnitType, parent: Unit | None, day: datetime.date, field: str = "parent") -> None:
    if parent is None:
        if unit_type.level.rank > 1:
            raise ValidationError({field: _("Đơn vị cấp này phải trực thuộc một đơn vị cấp trên.")})
        return
    if not parent.is_valid_on(day):
        raise ValidationError(
            {field: _("%(parent)s không có hiệu lực vào ngày %(day)s.") % {"parent": parent, "day": fmt(day)}}
        )
    if parent.level.rank >= unit_type.level.rank:
        raise ValidationError(
            {
                field: _("%(parent)s (%(plevel)s) không thể là cấp trên của một đơn vị cấp %(level)s.")
                % {"parent": parent, "plevel": parent.level, "level": unit_type.level}
            }
        )


def _primary_successor(unit: Unit) -> Unit | None:
    succession = unit.successions_out.filter(is_primary=True).select_related("successor__level").first()
    return succession.successor if succession else None


@transaction.atomic
def unit_create(
    *,
    actor,
    name: str,
    unit_type: UnitType,
    parent: Unit | None,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    code: str = "",
    note: str = "",
    rebuild: bool = True,
    check_permission: bool = True,
) -> Unit:
    """Create a unit with its first version. A unit sits below a unit of a higher level that exists on
    the day it begins; a top-level unit (province) needs a superuser. When the parent has a recorded end
    (a merger already decided), the new unit follows the parent's successor from that day, as the
    parent's other units do."""
    if check_permission:
        if parent is None and not actor.is_superuser:
            raise ValidationError({"parent": _("Chỉ quản trị hệ thống được tạo đơn vị cấp cao nhất.")})
        if parent is not None:
            require(actor, Cap.MANAGE_UNITS, parent)
    name = required_name(name)
    code = optional_text(code, "code", 20)
    note = optional_text(note, "note", 5000, multiline=True)
    check_period(valid_from, valid_to)
    _check_parent(unit_type=unit_type, parent=parent, day=valid_from)
    unit = Unit(
        level=unit_type.level,
        name=name,
        type=unit_type,
        parent=parent,
        code=code,
        note=note,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    _search_fields(unit)
    unit.save()
    start, place = valid_from, parent
    while True:
        end = valid_to
        if place is not None and place.valid_to is not None and (end is None or end > place.valid_to):
            end = place.valid_to
        UnitVersion.objects.create(
            unit=unit, name=name, type=unit_type, parent=place, code=code, valid_from=start, valid_to=end
        )
        if end == valid_to:
            break
        following = _primary_successor(place)
        if following is None:
            raise ValidationError(
                {
                    "parent": _(
                        "%(parent)s kết thúc ngày %(day)s và không có đơn vị kế thừa; hãy nhập ngày hết hiệu lực."
                    )
                    % {"parent": place, "day": fmt(place.valid_to)}
                }
            )
        start, place = end + ONE_DAY, following
        _check_parent(unit_type=unit_type, parent=place, day=start)
    _refresh_cache(unit)
    audit.record_create(actor=actor, obj=unit, fields=AUDIT_FIELDS, unit=unit)
    if rebuild:
        rollup_rebuild([unit.pk])
    return unit


@transaction.atomic
def unit_update(
    *,
    actor,
    unit: Unit,
    expected_version: int | None,
    name: str,
    code: str,
    note: str,
    valid_to: datetime.date | None,
) -> Unit:
    """Correct a unit's current name, code, note or end date. This fixes a record; a legal renaming or
    a move to another parent is a reorganization (reorganization_create), which keeps the history."""
    require(actor, Cap.MANAGE_UNITS, unit)
    before = audit.snapshot(unit, AUDIT_FIELDS)
    name = required_name(name)
    code = optional_text(code, "code", 20)
    note = optional_text(note, "note", 5000, multiline=True)
    check_period(unit.valid_from, valid_to)
    ends_changed = valid_to != unit.valid_to
    if ends_changed and unit.successions_out.exists():
        raise ValidationError(
            {"valid_to": _("Đơn vị đã được sắp xếp (có đơn vị kế thừa); ngày kết thúc do sự kiện sắp xếp quyết định.")}
        )
    versions = list(unit.versions.order_by("valid_from"))
    current = next((v for v in versions if v.is_valid_on(dates.today())), versions[-1])
    latest = versions[-1]
    if valid_to is not None and ends_changed:
        if valid_to < latest.valid_from:
            raise ValidationError(
                {
                    "valid_to": _("Đơn vị đã có thay đổi từ ngày %(day)s; không thể kết thúc trước ngày đó.")
                    % {"day": fmt(latest.valid_from)}
                }
            )
        if UnitVersion.objects.filter(parent=unit).exclude(valid_to__lte=valid_to).exists():
            raise ValidationError(
                {
                    "valid_to": _("Còn đơn vị trực thuộc sau ngày %(day)s; hãy sắp xếp lại các đơn vị đó trước.")
                    % {"day": fmt(valid_to)}
                }
            )
    # A correction applies to the period in force today (or the only one there is).
    UnitVersion.objects.filter(pk=current.pk).update(name=name, code=code)
    if ends_changed:
        UnitVersion.objects.filter(pk=latest.pk).update(valid_to=valid_to)
    unit.note, unit.valid_to = note, valid_to
    save_versioned(unit, expected_version, ["note", "valid_to"])
    _refresh_cache(unit)
    audit.record_update(actor=actor, obj=unit, before=before, fields=AUDIT_FIELDS, unit=unit)
    if ends_changed:
        rollup_rebuild(affected_units([unit.pk]))
    return unit


# --- The cached "today" view of a unit -------------------------------------------------------------------


def _refresh_cache(unit: Unit, day: datetime.date | None = None) -> bool:
    """Copy the version in force on `day` (today) onto the Unit row; before the unit begins its first
    version, after it ends its last. Returns whether anything changed."""
    day = day or dates.today()
    versions = list(unit.versions.select_related("type").order_by("valid_from"))
    version = next((v for v in versions if v.is_valid_on(day)), None)
    if version is None:
        version = versions[0] if day < versions[0].valid_from else versions[-1]
    changed = (unit.name, unit.type_id, unit.parent_id, unit.code) != (
        version.name,
        version.type_id,
        version.parent_id,
        version.code,
    )
    if changed:
        unit.name, unit.type, unit.parent_id, unit.code = version.name, version.type, version.parent_id, version.code
        _search_fields(unit)
        save_versioned(unit, None, ["name", "type", "parent", "code", "search_text", "sort_key"])
    return changed


def units_refresh_cache(day: datetime.date | None = None) -> int:
    """Bring every unit's cached name, type and parent to the version in force today. Run daily (cron:
    `danvan refresh_units`) so that reorganizations recorded ahead of time show from their effective date.
    It finds the stale units in the database, so a missed run (or months without cron) is caught up."""
    day = day or dates.today()
    stale = UnitVersion.objects.valid_on(day).exclude(
        name=F("unit__name"), type=F("unit__type"), parent=F("unit__parent"), code=F("unit__code")
    )
    count = 0
    for unit in Unit.objects.filter(pk__in=stale.values("unit_id")).select_related("type"):
        count += _refresh_cache(unit, day)
    return count + party_orgs_refresh_cache(day)  # Party organisations' changes of that day too


# --- Reorganizations -------------------------------------------------------------------------------------


def _version_on(unit: Unit, day: datetime.date, field: str = "units") -> UnitVersion:
    version = unit.versions.valid_on(day).select_related("type", "parent").first()
    if version is None:
        raise ValidationError(
            {field: _("%(unit)s không có hiệu lực vào ngày %(day)s.") % {"unit": unit, "day": fmt(day)}}
        )
    if unit.versions.filter(valid_from__gt=day).exists():
        raise ValidationError(
            {
                "effective_date": _(
                    "%(unit)s đã có thay đổi sau ngày %(day)s; hãy nhập các sự kiện theo thứ tự thời gian."
                )
                % {"unit": unit, "day": fmt(day)}
            }
        )
    return version


class _Event:
    """One reorganization being applied: what it touched, for the audit trail and the roll-up."""

    def __init__(self, actor, reorg: Reorganization):
        self.actor, self.reorg, self.touched = actor, reorg, set()
        self.verb = _("Sắp xếp: %(kind)s (%(basis)s)") % {"kind": reorg.get_kind_display(), "basis": reorg.legal_basis}

    def log(self, unit: Unit, changes: dict) -> None:
        self.touched.add(unit.pk)
        audit.record(actor=self.actor, obj=unit, action="update", unit=unit, verb=self.verb, changes=changes)

    def change(self, unit: Unit, day: datetime.date, **changes) -> None:
        """From `day` on, the unit has `changes` (name, type, parent); earlier days keep the old version."""
        current = _version_on(unit, day)
        new_parent = changes.get("parent", current.parent)
        if "parent" in changes and new_parent is not None:
            ancestors = Lineage.load([new_parent.pk]).ancestors_on(new_parent.pk, day)
            if new_parent.pk == unit.pk or unit.pk in ancestors:
                raise ValidationError(
                    {
                        "units": _("Không thể đặt %(unit)s trực thuộc chính nó hoặc đơn vị cấp dưới của nó.")
                        % {"unit": unit}
                    }
                )
            _check_parent(unit_type=changes.get("type", current.type), parent=new_parent, day=day, field="units")
        before = {key: str(getattr(current, key) or "") for key in changes}
        if current.valid_from == day:
            for key, value in changes.items():
                setattr(current, key, value)
            current.reorganization = self.reorg
            current.save(update_fields=[*changes, "reorganization"])
        else:
            end = current.valid_to
            UnitVersion.objects.filter(pk=current.pk).update(valid_to=day - ONE_DAY)
            values = {key: getattr(current, key) for key in VERSION_FIELDS}
            values.update(changes)
            UnitVersion.objects.create(unit=unit, valid_from=day, valid_to=end, reorganization=self.reorg, **values)
        _refresh_cache(unit)
        self.log(unit, {key: [before[key], str(value or "")] for key, value in changes.items()})

    def end(self, unit: Unit, day: datetime.date, successor: Unit | None) -> None:
        """The unit ceases at the end of the day before `day`; what hangs on it moves or ends with it."""
        if unit.valid_from >= day:
            raise ValidationError(
                {
                    "effective_date": _("%(unit)s bắt đầu từ %(start)s, không thể kết thúc trước đó.")
                    % {"unit": unit, "start": fmt(unit.valid_from)}
                }
            )
        current = _version_on(unit, day)
        if current.valid_from == day:
            # Another event of the same day changed it (e.g. the end of the district level and a merger,
            # both on 01/07/2025): that state never lasted a day.
            current.delete()
        else:
            UnitVersion.objects.filter(pk=current.pk).update(valid_to=day - ONE_DAY)
        if UnitVersion.objects.filter(parent=unit).exclude(valid_to__lt=day).exists():
            raise ValidationError(
                {
                    "moved": _("Còn đơn vị trực thuộc %(unit)s sau ngày hiệu lực; hãy chọn nơi chuyển đến.")
                    % {"unit": unit}
                }
            )
        unit.valid_to = day - ONE_DAY
        save_versioned(unit, None, ["valid_to"])
        _refresh_cache(unit)
        self.reorg.units.add(unit)
        self.log(unit, {"valid_to": ["", fmt(unit.valid_to)], "successor": ["", str(successor or "")]})
        self._close_attached(unit, day, successor)

    def _close_attached(self, unit: Unit, day: datetime.date, successor: Unit | None) -> None:
        """Bodies, Party organisations and memberships of an ended unit end with it (new ones are formed for
        the successor); its people move to the successor, so that its officers can keep their records."""
        last_day = day - ONE_DAY
        for model in (Body, PartyOrg, Membership):
            rows = model.objects.filter(unit=unit).exclude(valid_to__lt=day)
            if rows.filter(valid_from__gte=day).exists():
                raise ValidationError(
                    {
                        "effective_date": _("%(unit)s có %(what)s bắt đầu từ ngày hiệu lực trở đi; hãy sửa trước.")
                        % {"unit": unit, "what": model._meta.verbose_name}
                    }
                )
            for obj in rows:
                obj.valid_to = last_day
                save_versioned(obj, None, ["valid_to"])
                audit.record(
                    actor=self.actor,
                    obj=obj,
                    action="update",
                    unit=unit,
                    verb=self.verb,
                    changes={"valid_to": ["", fmt(last_day)]},
                )
        # Their versions end too; the cells under them (of the villages that moved) go under the successor's Đảng ủy.
        party_orgs_follow_units(
            actor=self.actor,
            ended={unit.pk: day},
            successors={unit.pk: successor.pk} if successor is not None else {},
            reorganization=self.reorg,
            verb=self.verb,
        )
        if successor is not None:
            for person in Person.objects.filter(unit=unit):
                person.unit = successor
                save_versioned(person, None, ["unit"])
                audit.record(
                    actor=self.actor,
                    obj=person,
                    action="update",
                    unit=successor,
                    verb=self.verb,
                    changes={"unit": [str(unit), str(successor)]},
                )

    def move_children(self, old_parent: Unit, new_parent: Unit, day: datetime.date, only: set[int] | None = None):
        versions = UnitVersion.objects.valid_on(day).filter(parent=old_parent).select_related("unit")
        for child_version in versions:
            if only is None or child_version.unit_id in only:
                self.change(child_version.unit, day, parent=new_parent)


def _lock(units: Iterable[Unit]) -> None:
    """Serialise reorganizations that touch the same units (PostgreSQL row locks; SQLite locks the file)."""
    ids = sorted({u.pk for u in units})
    list(Unit.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))


def _same_level(units: Sequence[Unit], field: str, message: str) -> None:
    if len({u.level_id for u in units}) > 1:
        raise ValidationError({field: message})


@transaction.atomic
def reorganization_create(
    *,
    actor,
    kind: str,
    legal_basis: str,
    effective_date: datetime.date,
    note: str = "",
    units: Sequence[Unit] = (),
    into: Unit | None = None,
    new_units: Sequence[dict] = (),
    new_name: str = "",
    new_type: UnitType | None = None,
    moved: Sequence[Unit] = (),
) -> Reorganization:
    """Record a reorganization and apply it to the tree from `effective_date`, keeping all history.

    - merge: `units` end the day before; they continue in `into` (an existing unit that absorbs them,
      e.g. xã Tiến Lộc into thị trấn Nghèn, NQ 819/NQ-UBTVQH14) or in one new unit (`new_units[0]`).
      Their villages move under the successor.
    - split: `units[0]` ends; `new_units` (the first is the primary successor) and/or `into` carry it on;
      its villages move to the primary successor unless listed in `moved` for the second.
    - rename: `units[0]` is called `new_name` from that day.
    - upgrade: `units[0]` becomes `new_type` (same level), optionally `new_name`.
    - boundary_change: `moved` villages of `units[0]` are placed under `into`.
    - dissolve_level: `units` (districts) end; their communes move up to the province, which succeeds them.

    An ended unit's bodies, Party organisations and memberships end with it; its people move to the primary
    successor. The actor needs the right to manage every unit touched, including the receiving ones.
    """
    day = effective_date
    if day is None:
        raise ValidationError({"effective_date": _("Vui lòng nhập ngày có hiệu lực.")})
    check_day(day, "effective_date")
    legal_basis = required_name(legal_basis, "legal_basis")
    note = optional_text(note, "note", 5000, multiline=True)
    units = list(units)
    if not units:
        raise ValidationError({"units": _("Vui lòng chọn đơn vị.")})
    involved = [*units, *([into] if into else []), *moved]
    for unit in involved:
        require(actor, Cap.MANAGE_UNITS, unit)
    _lock(involved)
    reorg = Reorganization.objects.create(kind=kind, legal_basis=legal_basis, effective_date=day, note=note)
    reorg.units.add(*units, *([into] if into else []))
    event = _Event(actor, reorg)

    def create_new(spec: dict, parent: Unit | None) -> Unit:
        if parent is not None:
            require(actor, Cap.MANAGE_UNITS, parent)
        try:
            unit = unit_create(
                actor=actor,
                name=spec.get("name", ""),
                unit_type=spec.get("type") or units[0].type,
                parent=parent,
                valid_from=day,
                code=spec.get("code", ""),
                rebuild=False,
                check_permission=False,
            )
        except ValidationError as error:
            raise ValidationError({"new_units": error.messages}) from None
        UnitVersion.objects.filter(unit=unit).update(reorganization=reorg)
        reorg.units.add(unit)
        event.touched.add(unit.pk)
        return unit

    def parent_on(unit: Unit) -> Unit | None:
        return _version_on(unit, day).parent

    if kind == Reorganization.Kind.MERGE:
        ended = [u for u in units if u != into]
        if not ended or (into is None and len(ended) < 2 and not new_units):
            raise ValidationError({"units": _("Nhập cần ít nhất hai đơn vị.")})
        if into is None and len(new_units) != 1:
            raise ValidationError({"into": _("Chọn đơn vị tiếp nhận hoặc nhập tên một đơn vị mới.")})
        merged = [*ended, *([into] if into else [])]
        _same_level(merged, "units", _("Các đơn vị được nhập phải cùng cấp."))
        parents = {parent_on(u) for u in merged}
        if len(parents) > 1:
            raise ValidationError({"units": _("Các đơn vị được nhập phải cùng trực thuộc một đơn vị cấp trên.")})
        successor = into or create_new(new_units[0], parents.pop())
        _same_level([*ended, successor], "new_type", _("Đơn vị mới phải cùng cấp với các đơn vị được nhập."))
        for unit in ended:
            event.move_children(unit, successor, day)
            Succession.objects.create(reorganization=reorg, predecessor=unit, successor=successor, is_primary=True)
            event.end(unit, day, successor)
    elif kind == Reorganization.Kind.SPLIT:
        if len(units) != 1:
            raise ValidationError({"units": _("Chia chỉ áp dụng cho một đơn vị.")})
        source = units[0]
        if into == source:
            raise ValidationError({"into": _("Đơn vị tiếp nhận không thể là chính đơn vị bị chia.")})
        parent = parent_on(source)
        successors = [create_new(spec, parent) for spec in new_units] + ([into] if into else [])
        if len(successors) < 2:
            raise ValidationError({"new_units": _("Chia cần ít nhất hai đơn vị kế thừa.")})
        _same_level([source, *successors], "into", _("Các đơn vị kế thừa phải cùng cấp với đơn vị bị chia."))
        event.move_children(source, successors[1], day, only={u.pk for u in moved})
        event.move_children(source, successors[0], day)
        for i, successor in enumerate(successors):
            Succession.objects.create(reorganization=reorg, predecessor=source, successor=successor, is_primary=i == 0)
        event.end(source, day, successors[0])
    elif kind == Reorganization.Kind.RENAME:
        event.change(units[0], day, name=required_name(new_name, "new_name"))
    elif kind == Reorganization.Kind.UPGRADE:
        if new_type is None or new_type.level_id != units[0].level_id:
            raise ValidationError({"new_type": _("Chọn loại đơn vị mới cùng cấp (ví dụ: thị trấn, phường).")})
        changes = {"type": new_type}
        if new_name.strip():
            changes["name"] = required_name(new_name, "new_name")
        event.change(units[0], day, **changes)
    elif kind == Reorganization.Kind.BOUNDARY_CHANGE:
        if into is None or not moved:
            raise ValidationError({"moved": _("Chọn đơn vị nhận và các thôn, tổ dân phố được điều chỉnh.")})
        for child in moved:
            if _version_on(child, day, "moved").parent_id != units[0].pk:
                raise ValidationError(
                    {
                        "moved": _("%(child)s không trực thuộc %(unit)s vào ngày %(day)s.")
                        % {"child": child, "unit": units[0], "day": fmt(day)}
                    }
                )
            event.change(child, day, parent=into)
    elif kind == Reorganization.Kind.DISSOLVE_LEVEL:
        for unit in units:
            if unit.level.code != "district":
                raise ValidationError({"units": _("%(unit)s không phải đơn vị cấp huyện.") % {"unit": unit}})
            parent = parent_on(unit)
            if parent is None:
                raise ValidationError({"units": _("%(unit)s không có cấp trên để tiếp nhận.") % {"unit": unit}})
            require(actor, Cap.MANAGE_UNITS, parent)
            event.move_children(unit, parent, day)
            Succession.objects.create(reorganization=reorg, predecessor=unit, successor=parent, is_primary=True)
            event.end(unit, day, parent)
            reorg.units.add(parent)
    else:
        raise ValidationError({"kind": _("Loại sắp xếp không hợp lệ.")})

    audit.record(
        actor=actor,
        obj=reorg,
        action="create",
        unit=units[0],
        verb=event.verb,
        changes={"legal_basis": [None, legal_basis], "effective_date": [None, day.isoformat()]},
    )
    if kind not in (Reorganization.Kind.RENAME, Reorganization.Kind.UPGRADE):  # names do not move records
        rollup_rebuild(affected_units(event.touched | {u.pk for u in involved}))
    return reorg


# --- The roll-up table ----------------------------------------------------------------------------------


def affected_units(unit_ids: Iterable[int]) -> set[int]:
    """Units whose roll-up may change when `unit_ids` change: them, everything ever below them, and
    everything that ever led into them."""
    result, frontier = set(), set(unit_ids)
    while frontier:
        result |= frontier
        below = set(UnitVersion.objects.filter(parent_id__in=frontier).values_list("unit_id", flat=True))
        before = set(Succession.objects.filter(successor_id__in=frontier).values_list("predecessor_id", flat=True))
        frontier = (below | before) - result
    return result


@transaction.atomic
def rollup_rebuild(unit_ids: Iterable[int] | None = None, batch_size: int = 5000) -> int:
    """Recompute UnitRollup for `unit_ids` (all units when None). Returns the number of rows written."""
    ids = None if unit_ids is None else sorted(set(unit_ids))
    lineage = Lineage.load(ids)
    days = lineage.breakpoints()
    targets = ids if ids is not None else sorted(lineage.validity)
    if ids is None:
        UnitRollup.objects.all().delete()
    else:
        UnitRollup.objects.filter(unit_id__in=ids).delete()
    rows = [
        UnitRollup(
            unit_id=unit_id,
            target_id=target,
            target_level_id=level,
            valid_from=start,
            valid_to=end,
            is_primary=primary,
        )
        for unit_id in targets
        for target, level, start, end, primary in lineage.rollup_rows(unit_id, days)
    ]
    UnitRollup.objects.bulk_create(rows, batch_size=batch_size)
    return len(rows)
