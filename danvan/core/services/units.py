"""Writes to the administrative-unit tree: units, their versions, reorganizations, and the roll-up table."""

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import audit
from ..lineage import Lineage
from ..models import Reorganization, Succession, Unit, UnitRollup, UnitType, UnitVersion
from ..permissions import Cap, require
from ..text import fold, sort_key
from .common import check_period, fmt, optional_text, required_name, save_versioned

ONE_DAY = datetime.timedelta(days=1)
AUDIT_FIELDS = ["name", "type", "parent", "code", "valid_from", "valid_to", "note"]


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
            {field: _("%(parent)s không còn hiệu lực vào ngày %(day)s.") % {"parent": parent, "day": fmt(day)}}
        )
    if parent.level.rank >= unit_type.level.rank:
        raise ValidationError(
            {
                field: _("%(parent)s (%(plevel)s) không thể là cấp trên của một đơn vị cấp %(level)s.")
                % {"parent": parent, "plevel": parent.level, "level": unit_type.level}
            }
        )


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
    the day it begins; a top-level unit (province) needs a superuser."""
    if check_permission:
        if parent is None and actor is not None and not actor.is_superuser:
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
    UnitVersion.objects.create(
        unit=unit, name=name, type=unit_type, parent=parent, code=code, valid_from=valid_from, valid_to=valid_to
    )
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
    latest = unit.versions.order_by("-valid_from").first()
    if valid_to is not None:
        if valid_to < latest.valid_from:
            raise ValidationError(
                {
                    "valid_to": _("Đơn vị đã có thay đổi từ ngày %(day)s; không thể kết thúc trước ngày đó.")
                    % {"day": fmt(latest.valid_from)}
                }
            )
        children = UnitVersion.objects.filter(parent=unit).exclude(valid_to__lte=valid_to)
        if children.exists():
            raise ValidationError(
                {
                    "valid_to": _("Còn đơn vị trực thuộc sau ngày %(day)s; hãy sắp xếp lại các đơn vị đó trước.")
                    % {"day": fmt(valid_to)}
                }
            )
    unit.name, unit.code, unit.note, unit.valid_to = name, code, note, valid_to
    _search_fields(unit)
    save_versioned(unit, expected_version, ["name", "code", "note", "valid_to", "search_text", "sort_key"])
    UnitVersion.objects.filter(pk=latest.pk).update(name=name, code=code, valid_to=valid_to)
    audit.record_update(actor=actor, obj=unit, before=before, fields=AUDIT_FIELDS, unit=unit)
    rollup_rebuild(affected_units([unit.pk]))
    return unit


# --- Reorganizations -------------------------------------------------------------------------------------


def _version_on(unit: Unit, day: datetime.date) -> UnitVersion:
    version = unit.versions.valid_on(day).first()
    if version is None:
        raise ValidationError(
            {"units": _("%(unit)s không có hiệu lực vào ngày %(day)s.") % {"unit": unit, "day": fmt(day)}}
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


def _refresh_cache(unit: Unit) -> None:
    latest = unit.versions.order_by("-valid_from").first()
    unit.name, unit.type, unit.parent_id, unit.code = latest.name, latest.type, latest.parent_id, latest.code
    unit.valid_to = latest.valid_to if unit.valid_to is None or latest.valid_to is None else unit.valid_to
    _search_fields(unit)
    save_versioned(unit, None, ["name", "type", "parent", "code", "valid_to", "search_text", "sort_key"])


def _change_version(unit: Unit, day: datetime.date, reorg: Reorganization, **changes) -> None:
    """From `day` on, the unit has `changes` (name, type, parent); earlier days keep the old version."""
    current = _version_on(unit, day)
    new_parent = changes.get("parent", current.parent)
    if "parent" in changes and new_parent is not None:
        if new_parent.pk == unit.pk or unit.pk in Lineage.load([new_parent.pk]).ancestors_on(new_parent.pk, day):
            raise ValidationError(
                {"units": _("Không thể đặt %(unit)s trực thuộc chính nó hoặc đơn vị cấp dưới của nó.") % {"unit": unit}}
            )
        _check_parent(unit_type=changes.get("type", current.type), parent=new_parent, day=day, field="units")
    if current.valid_from == day:
        for key, value in changes.items():
            setattr(current, key, value)
        current.reorganization = reorg
        current.save(update_fields=[*changes, "reorganization"])
    else:
        end = current.valid_to
        UnitVersion.objects.filter(pk=current.pk).update(valid_to=day - ONE_DAY)
        values = {"name": current.name, "type": current.type, "parent": current.parent, "code": current.code}
        values.update(changes)
        UnitVersion.objects.create(unit=unit, valid_from=day, valid_to=end, reorganization=reorg, **values)
    _refresh_cache(unit)


def _end(unit: Unit, day: datetime.date, reorg: Reorganization) -> None:
    """The unit ceases to exist at the end of the day before `day`."""
    current = _version_on(unit, day)
    if unit.valid_from >= day:
        raise ValidationError(
            {
                "effective_date": _("%(unit)s bắt đầu từ %(start)s, không thể kết thúc trước đó.")
                % {"unit": unit, "start": fmt(unit.valid_from)}
            }
        )
    UnitVersion.objects.filter(pk=current.pk).update(valid_to=day - ONE_DAY)
    unit.valid_to = day - ONE_DAY
    save_versioned(unit, None, ["valid_to"])
    reorg.units.add(unit)


def _move_children(old_parent: Unit, new_parent: Unit, day: datetime.date, reorg, only: Iterable[int] | None = None):
    for child_version in UnitVersion.objects.valid_on(day).filter(parent=old_parent).select_related("unit"):
        if only is None or child_version.unit_id in only:
            _change_version(child_version.unit, day, reorg, parent=new_parent)


def _parents_on(units: Sequence[Unit], day: datetime.date) -> set[int | None]:
    return {_version_on(u, day).parent_id for u in units}


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
      its villages move to the primary successor unless listed in `moved` for the others.
    - rename: `units[0]` is called `new_name` from that day.
    - upgrade: `units[0]` becomes `new_type` (same level), optionally `new_name`.
    - boundary_change: `moved` villages of `units[0]` are placed under `into`.
    - dissolve_level: `units` (districts) end; their communes move up to the province, which succeeds them.
    """
    day = effective_date
    if day is None:
        raise ValidationError({"effective_date": _("Vui lòng nhập ngày có hiệu lực.")})
    legal_basis = required_name(legal_basis, "legal_basis")
    note = optional_text(note, "note", 5000, multiline=True)
    units = list(units)
    if not units:
        raise ValidationError({"units": _("Vui lòng chọn đơn vị.")})
    for unit in [*units, *([into] if into else []), *moved]:
        require(actor, Cap.MANAGE_UNITS, unit)
    reorg = Reorganization.objects.create(kind=kind, legal_basis=legal_basis, effective_date=day, note=note)
    reorg.units.add(*units, *([into] if into else []))
    touched: list[int] = [u.pk for u in [*units, *moved, *([into] if into else [])]]

    def create_new(spec: dict, parent: Unit | None) -> Unit:
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
        UnitVersion.objects.filter(unit=unit).update(reorganization=reorg)
        reorg.units.add(unit)
        touched.append(unit.pk)
        return unit

    if kind == Reorganization.Kind.MERGE:
        ended = [u for u in units if u != into]
        if len(ended) + (1 if into else 0) < 2 and not new_units:
            raise ValidationError({"units": _("Nhập cần ít nhất hai đơn vị.")})
        if into is None and len(new_units) != 1:
            raise ValidationError({"into": _("Chọn đơn vị tiếp nhận hoặc nhập tên đơn vị mới.")})
        parents = _parents_on([*ended, *([into] if into else [])], day)
        if len(parents) > 1:
            raise ValidationError({"units": _("Các đơn vị được nhập phải cùng trực thuộc một đơn vị cấp trên.")})
        successor = into or create_new(new_units[0], Unit.objects.filter(pk=parents.pop()).first())
        if successor.level_id != ended[0].level_id:
            raise ValidationError({"into": _("Đơn vị tiếp nhận phải cùng cấp với các đơn vị được nhập.")})
        for unit in ended:
            _move_children(unit, successor, day, reorg)
            _end(unit, day, reorg)
            Succession.objects.create(reorganization=reorg, predecessor=unit, successor=successor, is_primary=True)
    elif kind == Reorganization.Kind.SPLIT:
        if len(units) != 1:
            raise ValidationError({"units": _("Chia chỉ áp dụng cho một đơn vị.")})
        source = units[0]
        parent = Unit.objects.filter(pk=_version_on(source, day).parent_id).first()
        successors = [create_new(spec, parent) for spec in new_units] + ([into] if into else [])
        if len(successors) < 2:
            raise ValidationError({"new_units": _("Chia cần ít nhất hai đơn vị kế thừa.")})
        moved_ids = {u.pk for u in moved}
        _move_children(source, successors[1], day, reorg, only=moved_ids)
        _move_children(source, successors[0], day, reorg)
        _end(source, day, reorg)
        for i, successor in enumerate(successors):
            Succession.objects.create(reorganization=reorg, predecessor=source, successor=successor, is_primary=i == 0)
    elif kind == Reorganization.Kind.RENAME:
        _change_version(units[0], day, reorg, name=required_name(new_name, "new_name"))
    elif kind == Reorganization.Kind.UPGRADE:
        if new_type is None or new_type.level_id != units[0].level_id:
            raise ValidationError({"new_type": _("Chọn loại đơn vị mới cùng cấp (ví dụ: thị trấn, phường).")})
        changes = {"type": new_type}
        if clean := new_name.strip():
            changes["name"] = required_name(clean, "new_name")
        _change_version(units[0], day, reorg, **changes)
    elif kind == Reorganization.Kind.BOUNDARY_CHANGE:
        if into is None or not moved:
            raise ValidationError({"moved": _("Chọn đơn vị nhận và các thôn, tổ dân phố được điều chỉnh.")})
        for child in moved:
            if _version_on(child, day).parent_id != units[0].pk:
                raise ValidationError(
                    {
                        "moved": _("%(child)s không trực thuộc %(unit)s vào ngày %(day)s.")
                        % {"child": child, "unit": units[0], "day": fmt(day)}
                    }
                )
            _change_version(child, day, reorg, parent=into)
    elif kind == Reorganization.Kind.DISSOLVE_LEVEL:
        for unit in units:
            parent = Unit.objects.filter(pk=_version_on(unit, day).parent_id).first()
            if parent is None:
                raise ValidationError({"units": _("%(unit)s không có cấp trên để tiếp nhận.") % {"unit": unit}})
            _move_children(unit, parent, day, reorg)
            _end(unit, day, reorg)
            Succession.objects.create(reorganization=reorg, predecessor=unit, successor=parent, is_primary=True)
            touched.append(parent.pk)
    else:
        raise ValidationError({"kind": _("Loại sắp xếp không hợp lệ.")})

    audit.record(
        actor=actor,
        obj=reorg,
        action="create",
        unit=units[0],
        verb=_("Sắp xếp: %(kind)s") % {"kind": reorg.get_kind_display()},
        changes={
            "legal_basis": [None, legal_basis],
            "effective_date": [None, day.isoformat()],
            "units": [None, [str(u) for u in reorg.units.all()]],
        },
    )
    rollup_rebuild(affected_units(touched))
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
            unit_id=unit_id, target_id=target, target_level_id=level, valid_from=start, valid_to=end, is_primary=primary
        )
        for unit_id in targets
        for target, level, start, end, primary in lineage.rollup_rows(unit_id, days)
    ]
    UnitRollup.objects.bulk_create(rows, batch_size=batch_size)
    return len(rows)
