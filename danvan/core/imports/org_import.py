"""`org_import`: Party organisations, bodies or people from a file, as a difference, through the services.

Each row is matched to the record carrying its code (`ImportKey`; on the first import, to a record of the same
name in the same unit), then created or corrected by core.services.orgs, each in its own savepoint: a row the
service refuses becomes a problem with its row and column. With mode ALL one problem rolls the whole import back;
with VALID_ONLY the valid rows are kept. With `full_list`, records of the scope that the file does not list end
the day before the list's day. Re-running the same file changes nothing.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import audit
from ..models import (
    Body,
    BodyType,
    ImportKey,
    OrgImportJob,
    PartyOrg,
    PartyOrgType,
    PartyOrgVersion,
    UnitRollup,
    UnitVersion,
)
from ..permissions import Cap, can
from ..services import orgs as services
from ..services.common import fmt
from ..text import fold
from .org_layouts import BODIES, PARTY_ORGS, PEOPLE, Problem, Row, Table

ONE_DAY = datetime.timedelta(days=1)
KEY_KIND = {PARTY_ORGS: ImportKey.Kind.PARTY_ORG, BODIES: ImportKey.Kind.BODY, PEOPLE: ImportKey.Kind.PERSON}
CAP = {PARTY_ORGS: Cap.MANAGE_ORGS, BODIES: Cap.MANAGE_ORGS, PEOPLE: Cap.MANAGE_PEOPLE}
# A service's field -> the column that carries it
FIELD_COLUMN = {
    "name": "name",
    "full_name": "full_name",
    "parent": "parent",
    "unit": "unit",
    "valid_from": "valid_from",
    "valid_to": "valid_to",
    "abbreviation": "abbreviation",
    "birth_year": "birth_year",
    "title": "title",
    "body": "org",
}


@dataclass
class Change:
    what: str  # new, changed, ended, unchanged
    line: int  # 0 for a record the file does not list
    label: str
    detail: str = ""

    def as_dict(self) -> dict:
        return {"what": self.what, "row": self.line, "label": self.label, "detail": self.detail}


@dataclass
class OrgImportResult:
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    applied: bool = False

    @property
    def counts(self) -> dict:
        counts = {"new": 0, "changed": 0, "ended": 0, "unchanged": 0}
        for change in self.changes:
            counts[change.what] += 1
        counts["errors"] = len(self.problems)
        counts["error_rows"] = len({p.line for p in self.problems})
        return counts


class RowError(Exception):
    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key, self.message = key, message


def may_import(actor, kind: str, scope) -> bool:
    return can(actor, CAP[kind], scope)


def org_import(
    *,
    actor,
    kind: str,
    table: Table,
    scope,
    day: datetime.date,
    mode: str = OrgImportJob.Mode.ALL,
    full_list: bool = False,
    dry_run: bool = False,
    progress=None,
    audit_obj=None,
) -> OrgImportResult:
    """Apply the rows of `table` (read by org_layouts.parse) within `scope` (a unit where the actor may manage
    this kind), as on `day`; `audit_obj` (the job) carries the import's audit entry.
    Nothing is written when `dry_run`, or when mode is ALL and a row has a problem."""
    if actor is None:
        raise TypeError("An actor is required: a person, system_actor() or loader_actor().")
    if not may_import(actor, kind, scope):
        raise PermissionDenied
    result = OrgImportResult(problems=list(table.problems))
    with transaction.atomic():
        run = _Run(actor, kind, table, scope, day, result, progress)
        run.rows()
        if full_list:
            run.end_missing()
        keep = not dry_run and (mode == OrgImportJob.Mode.VALID_ONLY or not result.problems)
        if keep:  # one entry for the import, with its counts (each record also has its own)
            counts = result.counts
            audit.record(
                actor=actor,
                obj=audit_obj or scope,
                action="action",
                verb=_("Nhập %(k)s từ tệp") % {"k": str(OrgImportJob.Kind(kind).label).lower()},
                changes={key: [None, value] for key, value in sorted(counts.items())},
                unit=scope,
            )
        if not keep:
            transaction.set_rollback(True)
        result.applied = keep
    result.problems.sort(key=lambda p: (p.line, p.column))
    return result


class _Run:
    def __init__(self, actor, kind, table: Table, scope, day, result: OrgImportResult, progress):
        self.actor, self.kind, self.table, self.scope, self.day = actor, kind, table, scope, day
        self.result, self.progress = result, progress
        self.in_scope = set(
            UnitRollup.objects.filter(target=scope).filter(_on(day)).values_list("unit_id", flat=True)
        ) | {scope.pk}
        codes = {row.values.get("unit") for row in table.rows}
        self.units = {
            v.code: v.unit
            for v in UnitVersion.objects.valid_on(day).filter(code__in=codes).select_related("unit__level")
        }
        self.keys = dict(ImportKey.objects.filter(kind=KEY_KIND[kind]).values_list("code", "object_id"))
        self.matched: set[int] = set()  # records the file lists
        self.by_code: dict[str, object] = {}  # code of a row -> its record (after the row is applied)
        self.failed: dict[str, int] = {}  # code of a row -> its line, when the row has a problem
        self.references: dict = {}

    # --- helpers ---------------------------------------------------------------------------------------------

    def problem(self, row: Row, key: str, message: str) -> None:
        before = len(self.table.problems)
        self.table.problem(row.line, key, message)
        self.result.problems.append(self.table.problems[before])

    def change(self, what: str, row: Row | None, label: str, detail: str = "") -> None:
        self.result.changes.append(Change(what, row.line if row else 0, label, detail))

    def unit(self, row: Row, key: str = "unit"):
        code = row.values.get(key) or ""
        unit = self.units.get(code)
        if unit is None:
            raise RowError(
                key, _("không có đơn vị hành chính mã %(c)s vào ngày %(d)s.") % {"c": code, "d": fmt(self.day)}
            )
        if unit.pk not in self.in_scope:
            raise RowError(key, _("đơn vị mã %(c)s ngoài phạm vi nhập (%(s)s).") % {"c": code, "s": self.scope})
        return unit

    def apply(self, row: Row, work) -> None:
        """One row in its own savepoint: a refusal by a service undoes that row only."""
        try:
            with transaction.atomic():
                work(row)
        except RowError as error:
            self.problem(row, error.key, error.message)
            self._failed(row)
        except ValidationError as error:
            for key, message in _messages(error):
                self.problem(row, FIELD_COLUMN.get(key, "code" if self.kind != PEOPLE else "key"), message)
            self._failed(row)
        except PermissionDenied:
            self.problem(row, "unit", _("bạn không có quyền ghi vào đơn vị này."))
            self._failed(row)

    def _failed(self, row: Row) -> None:
        code = row.values.get("code") or row.values.get("key")
        self.failed.setdefault(code, row.line)

    def keyed(self, model, code: str):
        object_id = self.keys.get(code)
        return None if object_id is None else model.objects.filter(pk=object_id).first()

    def remember(self, code: str, obj) -> None:
        if self.keys.get(code) != obj.pk:
            ImportKey.objects.update_or_create(kind=KEY_KIND[self.kind], code=code, defaults={"object_id": obj.pk})
            self.keys[code] = obj.pk

    def reference(self, model, text: str):
        """A type of the reference list by its code or name (folded), the list read once per import."""
        if model not in self.references:
            self.references[model] = {}
            for item in model.objects.all():
                self.references[model].setdefault(fold(item.code), item)
                self.references[model].setdefault(fold(item.name), item)
        return self.references[model].get(fold(text).strip())

    def tick(self, done: int) -> None:
        if self.progress is not None:
            self.progress(done)

    # --- rows --------------------------------------------------------------------------------------------------

    def rows(self) -> None:
        if self.kind == PEOPLE:
            from .people_import import people_rows

            people_rows(self)
            return
        work = self.party_org if self.kind == PARTY_ORGS else self.body
        for done, row in enumerate(_parents_first(self.table.rows), start=1):
            self.apply(row, work)
            self.tick(done)

    def _parent(self, row: Row, model):
        code = row.values.get("parent") or ""
        if not code:
            return None
        if code in self.failed:
            raise RowError("parent", _("cấp trên mã %(c)s (dòng %(n)s) có lỗi.") % {"c": code, "n": self.failed[code]})
        parent = self.by_code.get(code) or self.keyed(model, code)
        if parent is None:
            raise RowError("parent", _("không tìm thấy cấp trên mã %(c)s.") % {"c": code})
        return parent

    def _existing(self, row: Row, model, unit):
        code = row.values["code"]
        obj = self.keyed(model, code)
        if obj is None:  # the first import: a record of the same name in the same unit, not yet coded
            coded = set(self.keys.values())
            candidates = [
                o
                for o in model.objects.valid_on(self.day).filter(
                    unit=unit, search_text__startswith=fold(row.values["name"])
                )
                if fold(o.name) == fold(row.values["name"]) and o.pk not in coded
            ]
            obj = candidates[0] if len(candidates) == 1 else None
        elif obj.unit_id not in self.in_scope:
            raise RowError("code", _("mã %(c)s thuộc %(o)s, ngoài phạm vi nhập.") % {"c": code, "o": obj})
        if obj is not None and obj.pk in self.matched:
            raise RowError("code", _("%(o)s đã được dòng khác trong tệp dùng.") % {"o": obj})
        return obj

    def party_org(self, row: Row) -> None:
        values = row.values
        unit = self.unit(row)
        org_type = self.reference(PartyOrgType, values["type"])
        if org_type is None:
            raise RowError("type", _("loại “%(t)s” không có trong danh mục.") % {"t": values["type"]})
        parent = self._parent(row, PartyOrg)
        obj = self._existing(row, PartyOrg, unit)
        fields = {
            "name": values["name"],
            "org_type": org_type,
            "unit": unit,
            "parent": parent,
            "valid_from": values.get("valid_from") or (obj.valid_from if obj else self.day),
            "valid_to": values.get("valid_to"),
        }
        if obj is None:
            obj = services.party_org_create(actor=self.actor, **fields)
            self.change("new", row, str(obj), _("mã %(c)s") % {"c": values["code"]})
        else:
            # what it was on the list's day (its version then), not today's
            was = PartyOrgVersion.objects.filter(party_org=obj).valid_on(self.day).first() or obj
            current = {"name": was.name, "org_type": was.type, "unit": was.unit, "parent": was.parent,
                       "valid_from": obj.valid_from, "valid_to": obj.valid_to}  # fmt: skip
            detail = _differences(current, fields)
            dated = {
                k: fields[k] for k in ("name", "org_type", "unit", "parent") if _differences(current, {k: fields[k]})
            }
            if dated and obj.valid_from < self.day and fields["valid_from"] == obj.valid_from:
                # a rename, a move under another superior or unit: from the list's day, the past keeps its versions
                obj = services.party_org_change(
                    actor=self.actor, party_org=obj, day=self.day, expected_version=obj.version, **dated
                )
                obj.refresh_from_db()
                dated = {}
            if dated or (obj.valid_from, obj.valid_to) != (fields["valid_from"], fields["valid_to"]):
                obj = services.party_org_update(
                    actor=self.actor,
                    party_org=obj,
                    expected_version=obj.version,
                    is_upper_grassroots=obj.is_upper_grassroots,
                    note=obj.note,
                    **{**fields, **({} if dated else {k: getattr(obj, k if k != "org_type" else "type")
                                                     for k in ("name", "org_type", "unit", "parent")})},
                )  # fmt: skip
            if detail:
                self.change("changed", row, str(obj), detail)
            else:
                self.change("unchanged", row, str(obj))
        self.remember(values["code"], obj)
        self.matched.add(obj.pk)
        self.by_code[values["code"]] = obj

    def body(self, row: Row) -> None:
        values = row.values
        unit = self.unit(row)
        body_type = self.reference(BodyType, values["type"])
        if body_type is None:
            raise RowError("type", _("loại “%(t)s” không có trong danh mục.") % {"t": values["type"]})
        parent = self._parent(row, Body)
        obj = self._existing(row, Body, unit)
        fields = {
            "name": values["name"],
            "body_type": body_type,
            "abbreviation": values.get("abbreviation") or (obj.abbreviation if obj else ""),
            "unit": unit,
            "parent": parent,
            "valid_from": values.get("valid_from") or (obj.valid_from if obj else self.day),
            "valid_to": values.get("valid_to"),
        }
        if obj is None:
            obj = services.body_create(actor=self.actor, **fields)
            self.change("new", row, str(obj), _("mã %(c)s") % {"c": values["code"]})
        else:
            current = {"name": obj.name, "body_type": obj.type, "abbreviation": obj.abbreviation, "unit": obj.unit,
                       "parent": obj.parent, "valid_from": obj.valid_from, "valid_to": obj.valid_to}  # fmt: skip
            detail = _differences(current, fields)
            if detail:
                obj = services.body_update(
                    actor=self.actor, body=obj, expected_version=obj.version, email=obj.email, note=obj.note, **fields
                )
                self.change("changed", row, str(obj), detail)
            else:
                self.change("unchanged", row, str(obj))
        self.remember(values["code"], obj)
        self.matched.add(obj.pk)
        self.by_code[values["code"]] = obj

    # --- the file is the full list ---------------------------------------------------------------------------

    def end_missing(self) -> None:
        """Records of this kind in the scope, in force on the list's day and not in the file, end the day before."""
        if self.kind == PEOPLE:
            from .people_import import people_end_missing

            people_end_missing(self)
            return
        model = PartyOrg if self.kind == PARTY_ORGS else Body
        last = self.day - ONE_DAY
        missing = (
            model.objects.valid_on(self.day)
            .filter(unit_id__in=self.in_scope, valid_from__lte=last)
            .exclude(pk__in=self.matched)
            .select_related("type", "unit", "parent")
            .order_by("-pk")  # subordinates (usually created later) first
        )
        for obj in missing:
            try:
                with transaction.atomic():
                    if model is PartyOrg:
                        services.party_org_update(
                            actor=self.actor, party_org=obj, expected_version=obj.version, name=obj.name,
                            org_type=obj.type, unit=obj.unit, parent=obj.parent,
                            is_upper_grassroots=obj.is_upper_grassroots, valid_from=obj.valid_from, valid_to=last,
                            note=obj.note,
                        )  # fmt: skip
                    else:
                        services.body_update(
                            actor=self.actor, body=obj, expected_version=obj.version, name=obj.name,
                            body_type=obj.type, abbreviation=obj.abbreviation, unit=obj.unit, parent=obj.parent,
                            email=obj.email, valid_from=obj.valid_from, valid_to=last, note=obj.note,
                        )  # fmt: skip
            except (ValidationError, PermissionDenied) as error:
                message = " ".join(m for _k, m in _messages(error)) if isinstance(error, ValidationError) else ""
                self.result.problems.append(
                    Problem(0, "", "", _("Không kết thúc được %(o)s: %(m)s") % {"o": obj, "m": message})
                )
                continue
            self.change("ended", None, str(obj), _("kết thúc ngày %(d)s") % {"d": fmt(last)})


def _on(day):
    from django.db.models import Q

    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def _parents_first(rows: list[Row]) -> list[Row]:
    """Rows ordered so that a superior listed in the file comes before its subordinates (no cycles here:
    org_layouts.check_structure removed them)."""
    by_code = {row.values["code"]: row for row in rows}
    done: set[str] = set()
    ordered: list[Row] = []

    def visit(row: Row, depth: int = 0) -> None:
        code = row.values["code"]
        if code in done or depth > len(rows):
            return
        parent = by_code.get(row.values.get("parent") or "")
        if parent is not None:
            visit(parent, depth + 1)
        done.add(code)
        ordered.append(row)

    for row in rows:
        visit(row)
    return ordered


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime.date):
        return fmt(value)
    return str(value)


LABELS = {
    "name": "tên",
    "full_name": "họ tên",
    "org_type": "loại",
    "body_type": "loại",
    "abbreviation": "ký hiệu",
    "unit": "đơn vị",
    "parent": "cấp trên",
    "valid_from": "từ",
    "valid_to": "đến",
    "gender": "giới tính",
    "birth_year": "năm sinh",
    "is_party_member": "đảng viên",
    "is_active": "đang công tác",
}


def _differences(current: dict, new: dict) -> str:
    parts = []
    for key, value in new.items():
        before = current.get(key)
        if (before.pk if hasattr(before, "pk") else before) != (value.pk if hasattr(value, "pk") else value):
            parts.append(f"{LABELS.get(key, key)}: {_shown(before)} → {_shown(value)}")
    return "; ".join(parts)


def _messages(error: ValidationError) -> list[tuple[str, str]]:
    if hasattr(error, "error_dict"):
        return [(key, message) for key, errors in error.error_dict.items() for e in errors for message in e.messages]
    return [("", message) for message in error.messages]
