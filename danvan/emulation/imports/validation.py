"""Checking rows with the rules of the registration form, answered from caches built once per file."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from danvan.core import dates, permissions
from danvan.core.models import Body, Unit, UnitLevel
from danvan.core.permissions import Cap
from danvan.core.text import fold, sort_key

from .. import selectors, services
from ..models import Field, Initiative, State, SubjectType
from .common import ITEM_KEYS, Formula
from .reading import _date, _quote, _text, _year
from .template import _kind_labels, _unit_rows

# --- the caches of one import -----------------------------------------------------------------------------------


@dataclass
class Problem:
    key: str
    message: str


class Lookups:
    """Names in the file → objects, each table read once per import (or once per unit and year)."""

    def __init__(self, user, day: datetime.date):
        self.user = user
        self.day = day
        scope = permissions.scope_unit_ids(user, Cap.REGISTER_INITIATIVES, writable=True)
        self.units_by_name: dict[str, set[int]] = defaultdict(set)
        self.units_by_code: dict[str, set[int]] = defaultdict(set)
        self.unit_names: dict[int, tuple[str, ...]] = {}
        for row in _unit_rows(scope):
            self.unit_names[row.pk] = row.keys
            for key in row.keys:
                self.units_by_name[key].add(row.pk)
            if row.code:
                self.units_by_code[fold(row.code)].add(row.pk)
        self.units: dict[int, Unit] = {}
        self.kinds = {}
        for value, label in _kind_labels():
            self.kinds[fold(label)] = value
            self.kinds[fold(value)] = value
        self.subjects: dict[str, list[SubjectType]] = defaultdict(list)
        for item in SubjectType.objects.all():
            self.subjects[fold(item.name)].append(item)
            self.subjects[fold(item.code)].append(item)
        self.levels: dict[str, list[UnitLevel]] = defaultdict(list)
        for item in UnitLevel.objects.all():
            self.levels[fold(item.name)].append(item)
            self.levels[fold(item.code)].append(item)
        self._fields: dict[tuple, dict[str, Field]] = {}
        self._local_fields_years: dict[int, bool] = {}
        self._bodies: dict[int, dict[str, list[Body]]] = {}
        self._existing: dict[tuple[int, int], set[tuple]] = {}
        self._outside: dict[str, str | None] = {}

    # units

    def _load_units(self, ids) -> None:
        wanted = [pk for pk in ids if pk not in self.units]
        for start in range(0, len(wanted), 500):
            for unit in Unit.objects.filter(pk__in=wanted[start : start + 500]).select_related("type", "level"):
                self.units[unit.pk] = unit

    def unit(self, name, code) -> tuple[Unit | None, str | None]:
        name_text, code_text = _text(name).strip(), _text(code).strip()
        if not name_text and not code_text:
            return None, None
        if code_text:
            ids = self.units_by_code.get(fold(code_text), set())
            if not ids:
                return None, self._unknown(code_text, by_code=True)
            if len(ids) > 1:
                return None, _("Mã đơn vị “%(c)s” trùng nhau giữa nhiều đơn vị: hãy ghi tên đầy đủ.") % {"c": code_text}
            pk = next(iter(ids))
            if name_text and fold(name_text) not in self.unit_names[pk]:
                self._load_units([pk])
                return None, _("Mã đơn vị “%(c)s” là của %(u)s, không phải “%(n)s”.") % {
                    "c": code_text,
                    "u": self.units[pk].full_name,
                    "n": _quote(name_text),
                }
        else:
            ids = self.units_by_name.get(fold(name_text), set())
            if not ids:
                return None, self._unknown(name_text)
            if len(ids) > 1:
                return None, _(
                    "Có nhiều đơn vị tên “%(n)s”: hãy ghi kèm đơn vị cấp trên, ví dụ “%(n)s (huyện …)”, hoặc ghi mã"
                    " đơn vị."
                ) % {"n": _quote(name_text)}
            pk = next(iter(ids))
        self._load_units([pk])
        return self.units[pk], None

    def _unknown(self, text: str, *, by_code: bool = False) -> str:
        """Not in the user's writable scope: say whether the unit exists elsewhere."""
        key = ("code:" if by_code else "name:") + fold(text)
        if key not in self._outside:
            if by_code:
                rows = Unit.objects.filter(code__iexact=text.strip())
            else:
                folded = fold(text)
                rows = Unit.objects.filter(Q(search_text__startswith=folded) | Q(search_text__contains=f" {folded}"))
            found = None
            for unit in rows.select_related("type")[:50]:
                if by_code or folded in (fold(unit.full_name), fold(unit.name)):
                    found = unit.full_name
                    break
            self._outside[key] = found
        found = self._outside[key]
        if found:
            return _("Bạn không có quyền đăng ký cho %(u)s (ngoài phạm vi tài khoản).") % {"u": found}
        if by_code:
            return _("Không tìm thấy đơn vị có mã “%(c)s”.") % {"c": _quote(text)}
        return _(
            "Không tìm thấy địa bàn “%(n)s”: ghi tên đầy đủ như trong danh mục (ví dụ “xã An Lộc”) hoặc mã đơn vị."
        ) % {"n": _quote(text)}

    # reference lists

    @staticmethod
    def _pick(candidates: list, year: int | None):
        """Of the items with that name, the one valid during `year` (any when the year is unknown)."""
        if not candidates:
            return None
        if year is None:
            return candidates[0]
        start, end = dates.year_span(year)
        for item in candidates:
            if item.valid_from <= end and (item.valid_to is None or item.valid_to >= start):
                return item
        return False

    def subject_type(self, text, year) -> tuple[SubjectType | None, str | None]:
        text = _text(text).strip()
        if not text:
            return None, None
        item = self._pick(self.subjects.get(fold(text), []), year)
        if item is None:
            return None, _("Loại chủ thể “%(n)s” không có trong danh mục.") % {"n": _quote(text)}
        if item is False:
            return None, _("Loại chủ thể “%(n)s” không áp dụng cho năm %(y)s.") % {"n": _quote(text), "y": year}
        return item, None

    def level(self, text, year) -> tuple[UnitLevel | None, str | None]:
        text = _text(text).strip()
        if not text:
            return None, None
        item = self._pick(self.levels.get(fold(text), []), year)
        if item is None:
            return None, _("Cấp quản lý “%(n)s” không có trong danh mục.") % {"n": _quote(text)}
        if item is False:
            return None, _("Cấp quản lý “%(n)s” không áp dụng cho năm %(y)s.") % {"n": _quote(text), "y": year}
        return item, None

    def kind(self, text) -> tuple[str | None, str | None]:
        text = _text(text).strip()
        if not text:
            return None, None
        value = self.kinds.get(fold(text))
        if value is None:
            labels = ", ".join(label for _v, label in _kind_labels())
            return None, _("Loại “%(n)s” không hợp lệ: chọn %(l)s.") % {"n": _quote(text), "l": labels}
        return value, None

    def fields(self, unit: Unit | None, year: int) -> dict[str, Field]:
        """Folded name → field of the unit's set for the year (without a unit: every field in use). When no
        province has a set of its own that year, every unit uses the default set, read once."""
        if year not in self._local_fields_years:
            start, end = dates.year_span(year)
            self._local_fields_years[year] = (
                Field.objects.filter(scope__isnull=False, valid_from__lte=end)
                .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
                .exists()
            )
        if unit is None:
            key = ("any", year)
        elif not self._local_fields_years[year]:
            key = ("default", year)
        else:
            key = (unit.pk, year)
        if key not in self._fields:
            rows = selectors.fields_for(unit if key[0] not in ("any", "default") else None, year)
            if key[0] == "default":
                rows = rows.filter(scope__isnull=True)
            names: dict[str, Field] = {}
            for field in rows:
                names.setdefault(fold(field.name), field)
            self._fields[key] = names
        return self._fields[key]

    def body(self, unit: Unit, text) -> tuple[Body | None, str | None]:
        text = _text(text).strip()
        if not text:
            return None, None
        if unit.pk not in self._bodies:
            bodies: dict[str, list[Body]] = defaultdict(list)
            for body in Body.objects.filter(unit=unit):
                bodies[fold(body.name)].append(body)
                if body.abbreviation:
                    bodies[fold(body.abbreviation)].append(body)
            self._bodies[unit.pk] = bodies
        found = self._bodies[unit.pk].get(fold(text), [])
        if not found:
            return None, _("%(u)s không có cơ quan, đoàn thể tên “%(n)s”.") % {
                "u": unit.full_name,
                "n": _quote(text),
            }
        current = [b for b in found if b.is_valid_on(self.day)]
        return (current or found)[0], None

    def is_duplicate(self, unit: Unit, year: int, body: Body | None, name: str) -> bool:
        """Same registrant, year and name in the database (as `services.is_duplicate`)."""
        if (unit.pk, year) not in self._existing:
            rows = Initiative.objects.filter(unit=unit, year=year).values_list("body_id", "party_org_id", "name")
            self._existing[(unit.pk, year)] = {(b, o, fold(n)) for b, o, n in rows}
        return (body.pk if body else None, None, fold(name)) in self._existing[(unit.pk, year)]


# --- one row ----------------------------------------------------------------------------------------------------


def check_row(values: dict, lookups: Lookups, seen: dict, number: int) -> tuple[Initiative | None, list[Problem]]:
    """The row as an unsaved Initiative, or the problems of the row (key = the service's field name)."""
    problems: list[Problem] = []
    skip: set[str] = set()  # keys already explained, whose "missing value" message would only repeat it

    def problem(key: str, message: str) -> None:
        problems.append(Problem(key, message))
        skip.add(key)

    for key, value in list(values.items()):
        if isinstance(value, Formula):
            problem(key, _("Ô chứa công thức, hãy dán giá trị."))
            values[key] = None

    data: dict = {"year": _year(values.get("year")), "name": _text(values.get("name"))}
    year = data["year"] if isinstance(data["year"], int) else None
    if year is None and isinstance(data["year"], str) and data["year"].isdigit():
        year = int(data["year"])

    data["kind"], message = lookups.kind(values.get("kind"))
    if message:
        problem("kind", message)
    unit, message = lookups.unit(values.get("unit"), values.get("unit_code"))
    if message:
        problem("unit", message)
    data["unit"] = unit

    field_text = _text(values.get("field")).strip()
    data["field"] = None
    if field_text and year is not None:
        found = lookups.fields(unit, year).get(fold(field_text))
        if found is not None:
            data["field"] = found
        elif unit is not None:
            problem(
                "field",
                _("Lĩnh vực “%(f)s” không thuộc bộ lĩnh vực áp dụng cho %(u)s năm %(y)s.")
                % {"f": _quote(field_text), "u": unit.full_name, "y": year},
            )
        elif fold(field_text) not in lookups.fields(None, year):
            problem(
                "field", _("Lĩnh vực “%(f)s” không có trong danh mục năm %(y)s.") % {"f": _quote(field_text), "y": year}
            )
        else:
            skip.add("field")
    elif field_text:
        skip.add("field")  # the year is wrong: that message is enough

    body = None
    if unit is not None:
        body, message = lookups.body(unit, values.get("body"))
        if message:
            problem("body", message)
    data["body"] = body
    data["subject_type"], message = lookups.subject_type(values.get("subject_type"), year)
    if message:
        problem("subject_type", message)
    data["level"], message = lookups.level(values.get("level"), year)
    if message:
        problem("level", message)

    for key in [*ITEM_KEYS, "leader", "leader_phone"]:
        data[key] = _text(values.get(key))
    for key in ("registered_on", "launched_on"):
        try:
            data[key] = _date(values.get(key))
        except (ValueError, OverflowError):
            data[key] = None
            if key not in skip:
                problem(
                    key, _("Ngày “%(d)s” không hợp lệ; nhập theo dạng dd/mm/yyyy.") % {"d": _quote(values.get(key))}
                )
            if key == "registered_on":
                data[key] = lookups.day  # keep checking the rest against a neutral day

    cleaned = None
    try:
        cleaned = services.check_values(data, day=lookups.day)
    except ValidationError as error:
        for key, messages in error.message_dict.items():
            if key not in skip:
                problems.extend(Problem(key, m) for m in messages)

    if cleaned is not None and not problems:
        if unit.level.rank < 1:
            problems.append(Problem("unit", _("Chọn tỉnh, xã, thôn hoặc đơn vị cụ thể, không chọn cấp Trung ương.")))
        if cleaned["level"].rank < 1:
            problems.append(Problem("level", _("Cấp quản lý là tỉnh, huyện, xã hoặc thôn.")))
    if cleaned is not None and unit is not None and year is not None:
        key = (unit.pk, cleaned["year"], body.pk if body else None, fold(cleaned["name"]))
        registrant = body.name if body else unit.full_name
        if lookups.is_duplicate(unit, cleaned["year"], body, cleaned["name"]):
            problems.append(
                Problem(
                    "name",
                    _("%(u)s đã đăng ký mô hình “%(n)s” năm %(y)s.")
                    % {"u": registrant, "n": _quote(cleaned["name"]), "y": cleaned["year"]},
                )
            )
        elif key in seen:
            problems.append(
                Problem("name", _("Trùng với dòng %(r)s của tệp (cùng địa bàn, năm và tên).") % {"r": seen[key]})
            )
        else:
            seen[key] = number
    if problems:
        return None, problems

    initiative = Initiative(
        year=cleaned["year"],
        name=cleaned["name"],
        kind=cleaned["kind"],
        field=cleaned["field"],
        unit=unit,
        body=body,
        subject_type=cleaned["subject_type"],
        level=cleaned["level"],
        leader=cleaned.get("leader") or "",
        leader_phone=cleaned.get("leader_phone") or "",
        registered_on=cleaned["registered_on"],
        launched_on=cleaned["launched_on"],
        state=State.REGISTERED,
    )
    for key in ITEM_KEYS:
        setattr(initiative, key, cleaned.get(key) or "")
    initiative.search_text = services.search_text(initiative)
    initiative.sort_key = sort_key(initiative.name)
    return initiative, []
