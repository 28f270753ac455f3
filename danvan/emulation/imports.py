"""Excel in: the registration template, and the import of a filled workbook.

An import is checked row by row with the same rules as the registration form (`services.check_values`, and the
database rules of `services.check_relations` answered from caches built once per file), then saved all at once
(mode ALL: nothing unless every row is valid) or valid rows only (the bad rows come back as a workbook with an
"Lỗi" column). Each created initiative gets its own audit entry, as if it had been registered on the form.
"""

import datetime
import io
import logging
import os
import re
import time
from collections import defaultdict
from dataclasses import dataclass

import xlsxwriter
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from danvan.core import audit, permissions
from danvan.core.models import AuditEntry, Body, Unit, UnitLevel
from danvan.core.permissions import Cap
from danvan.core.text import fold, sort_key

from . import selectors, services
from .models import REGISTRATION_ITEMS, Field, ImportJob, Initiative, Kind, State, SubjectType

logger = logging.getLogger(__name__)

SHEET = "Đăng ký"
LISTS_SHEET = "Danh mục"
HELP_SHEET = "Hướng dẫn"
REJECTED_HEADER = "Lỗi"
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000
MAX_STORED_ERRORS = 5_000
MAX_UNIT_OPTIONS = 2_000
PROGRESS_EVERY = 200
BATCH = 1_000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The workbook's columns: (key, header). The headers are the file format, the same whatever the page's
# language; a header is recognised without accents, case or a bracketed hint ("Ngày đăng ký").
COLUMNS = [
    ("year", "Năm"),
    ("name", "Tên mô hình/điển hình"),
    ("kind", "Loại"),
    ("field", "Lĩnh vực"),
    ("unit", "Địa bàn (xã/đơn vị)"),
    ("unit_code", "Mã đơn vị"),
    ("body", "Cơ quan/đoàn thể"),
    ("subject_type", "Loại chủ thể"),
    ("level", "Cấp quản lý"),
    ("situation", "Thực trạng, lý do xây dựng"),
    ("objectives", "Mục tiêu, tiêu chí đánh giá"),
    ("method", "Nội dung, cách làm"),
    ("area", "Địa bàn, đối tượng"),
    ("forces", "Lực lượng thực hiện"),
    ("resources", "Nguồn lực"),
    ("timeline", "Thời gian, lộ trình"),
    ("outputs", "Sản phẩm đầu ra"),
    ("sustainability", "Khả năng duy trì, nhân rộng"),
    ("leader", "Người phụ trách"),
    ("leader_phone", "Điện thoại"),
    ("registered_on", "Ngày đăng ký (dd/mm/yyyy)"),
    ("launched_on", "Ngày ra mắt (dd/mm/yyyy)"),
]
HEADERS = dict(COLUMNS)
OPTIONAL = {"unit_code", "body"}
ITEM_KEYS = [key for key, _label in REGISTRATION_ITEMS]
# Where a service's error key shows in the workbook.
ERROR_COLUMNS = {**HEADERS, "party_org": HEADERS["body"]}


def _header_key(text) -> str:
    return fold(re.sub(r"\(.*?\)", " ", str(text or "")))


_BY_HEADER = {_header_key(header): key for key, header in COLUMNS}


class Formula(str):
    """The text of a formula cell, refused (its value is whatever Excel last computed, or nothing)."""


# --- the template ---------------------------------------------------------------------------------------------


def _kind_labels() -> list[tuple[str, str]]:
    with translation.override("vi"):
        return [(value, str(label)) for value, label in Kind.choices]


def _field_names(user, year: int) -> list[str]:
    if user.is_superuser:
        fields = selectors.fields_for(None, year)
    else:
        units = Unit.objects.filter(
            pk__in=permissions.memberships(user, Cap.REGISTER_INITIATIVES).values("unit_id")
        ).distinct()
        fields = Field.objects.none()
        for unit in units[:20]:
            fields = fields | selectors.fields_for(unit, year)
        fields = fields.order_by("position", "name")
    names: list[str] = []
    for name in fields.values_list("name", flat=True):
        if name not in names:
            names.append(name)
    return names


@dataclass(frozen=True)
class UnitRow:
    pk: int
    full_name: str
    name: str
    code: str
    parent: str

    @property
    def keys(self) -> tuple[str, ...]:
        """How a cell may name the unit: "xã An Lộc", "An Lộc", "xã An Lộc (huyện Đông Sơn)"."""
        return (
            fold(self.full_name),
            fold(self.name),
            fold(f"{self.full_name} ({self.parent})"),
            fold(f"{self.full_name} - {self.parent}"),
        )


def _unit_rows(ids, *, max_rank: int | None = None, limit: int | None = None) -> list[UnitRow]:
    """The units with `ids` (None: every unit) valid today, below the national level, as light rows."""
    rows = Unit.objects.valid_on(permissions.today()).filter(level__rank__gte=1)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    if max_rank is not None:
        rows = rows.filter(level__rank__lte=max_rank)
    rows = rows.order_by("level__rank", "sort_key", "pk").values_list(
        "pk", "type__prefix", "name", "code", "parent__type__prefix", "parent__name"
    )
    if limit is not None:
        rows = rows[: limit + 1]
    return [
        UnitRow(pk, f"{prefix} {name}".strip(), name, code, f"{p_prefix or ''} {p_name or ''}".strip())
        for pk, prefix, name, code, p_prefix, p_name in rows
    ]


def _unit_labels(rows: list[UnitRow]) -> list[tuple[str, str]]:
    """(label, code) for a drop-down: the full name, with the parent when two units share it."""
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[fold(row.full_name)] += 1
    return [
        (
            f"{row.full_name} ({row.parent})" if counts[fold(row.full_name)] > 1 and row.parent else row.full_name,
            row.code,
        )
        for row in rows
    ]


def template_workbook(user) -> bytes:
    """The registration workbook: the header row, drop-down lists fed from the "Danh mục" sheet, and how to
    fill it in. The place list holds the units the user may register for (communes and above)."""
    day = permissions.today()
    kinds = [label for _value, label in _kind_labels()]
    fields = _field_names(user, day.year)
    subjects = list(SubjectType.objects.valid_on(day).order_by("position", "name").values_list("name", flat=True))
    levels = list(
        UnitLevel.objects.valid_on(day).filter(rank__gte=1).order_by("rank", "position").values_list("name", flat=True)
    )
    commune = UnitLevel.objects.filter(code="commune").values_list("rank", flat=True).first() or 3
    units = _unit_rows(
        permissions.scope_unit_ids(user, Cap.REGISTER_INITIATIVES, writable=True),
        max_rank=commune,
        limit=MAX_UNIT_OPTIONS,
    )
    too_many_units = len(units) > MAX_UNIT_OPTIONS
    unit_labels = _unit_labels(units[:MAX_UNIT_OPTIONS])

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    head = book.add_format({"bold": True, "bg_color": "#E7EEF7", "border": 1, "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    text = book.add_format({"num_format": "@"})
    date = book.add_format({"num_format": "dd/mm/yyyy"})

    sheet = book.add_worksheet(SHEET)
    lists = book.add_worksheet(LISTS_SHEET)
    guide = book.add_worksheet(HELP_SHEET)

    widths = {"name": 40, "unit": 28, "body": 26, "field": 22, "subject_type": 24, "level": 14, "kind": 20}
    for col, (key, header) in enumerate(COLUMNS):
        sheet.write_string(0, col, header, head)
        if key in ("registered_on", "launched_on"):
            sheet.set_column(col, col, 14, date)
        elif key in ("unit_code", "leader_phone"):
            sheet.set_column(col, col, 14, text)
        elif key in ITEM_KEYS:
            sheet.set_column(col, col, 30, wrap)
        else:
            sheet.set_column(col, col, widths.get(key, 12))
    sheet.set_row(0, 45)
    sheet.freeze_panes(1, 2)

    # The reference lists, one per column of "Danh mục"; the drop-downs point at them (a list written inline
    # is limited to 255 characters).
    columns = [
        ("kind", "Loại", kinds, "stop"),
        ("field", "Lĩnh vực", fields, "warning"),
        ("subject_type", "Loại chủ thể", subjects, "warning"),
        ("level", "Cấp quản lý", levels, "warning"),
        ("unit", "Địa bàn (xã/đơn vị)", [label for label, _code in unit_labels], "warning"),
    ]
    index = {key: i for i, (key, _h) in enumerate(COLUMNS)}
    for col, (key, header, values, severity) in enumerate(columns):
        lists.write_string(0, col, header, head)
        lists.set_column(col, col, 32)
        for row, value in enumerate(values, start=1):
            lists.write_string(row, col, value)
        if key == "unit":
            lists.write_string(0, col + 1, "Mã đơn vị", head)
            for row, (_label, code) in enumerate(unit_labels, start=1):
                lists.write_string(row, col + 1, code or "")
        if not values or (key == "unit" and too_many_units):
            continue
        letter = xlsxwriter.utility.xl_col_to_name(col)
        sheet.data_validation(
            1,
            index[key],
            MAX_ROWS,
            index[key],
            {
                "validate": "list",
                "source": f"='{LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}",
                "error_type": severity,
                "error_title": "Giá trị không có trong danh mục",
                "error_message": f"Chọn {header.lower()} trong danh sách (xem trang “{LISTS_SHEET}”).",
            },
        )
    lists.freeze_panes(1, 0)

    guide.set_column(0, 0, 110, wrap)
    lines = [
        "Hướng dẫn điền tệp đăng ký mô hình, điển hình “Dân vận khéo”",
        "",
        f"1. Mỗi dòng của trang “{SHEET}” là một mô hình hoặc điển hình. Không đổi tên, không xóa các cột tiêu đề;"
        " có thể để trống các cột không bắt buộc.",
        "2. Bắt buộc: Năm, Tên mô hình/điển hình, Loại, Lĩnh vực, Địa bàn, Loại chủ thể, Cấp quản lý.",
        "3. Loại, Lĩnh vực, Loại chủ thể, Cấp quản lý: chọn trong danh sách thả xuống"
        f" (danh sách đầy đủ ở trang “{LISTS_SHEET}”).",
        "4. Địa bàn: ghi đầy đủ tên, ví dụ “xã An Lộc”; hoặc ghi Mã đơn vị (mã thống kê). Chỉ đăng ký được cho"
        " các đơn vị thuộc phạm vi tài khoản của bạn.",
        "5. Cơ quan/đoàn thể (không bắt buộc): tên cơ quan, đoàn thể của địa bàn đăng ký mô hình.",
        "6. Ngày ghi theo dạng dd/mm/yyyy, ví dụ 15/03/2024. Để trống Ngày đăng ký: lấy ngày nhập.",
        "7. Mỗi ô nội dung tối đa 5.000 ký tự; tên mô hình tối đa 300 ký tự. Không dùng công thức: hãy dán giá trị.",
        "8. Không đăng ký trùng: cùng địa bàn (cơ quan), cùng năm, cùng tên là trùng.",
        "9. Khi tải lên, chọn “Chỉ lưu khi mọi dòng hợp lệ” để sửa hết lỗi rồi nhập lại cả tệp, hoặc “Lưu các"
        " dòng hợp lệ” để lưu ngay các dòng đúng và tải về các dòng lỗi (có cột “Lỗi”) để sửa.",
    ]
    if too_many_units:
        lines.append(
            f"Phạm vi của bạn có hơn {MAX_UNIT_OPTIONS} đơn vị nên cột Địa bàn không có danh sách thả xuống:"
            " hãy ghi tên đầy đủ hoặc mã đơn vị."
        )
    lines += [
        "",
        "Ví dụ một dòng:",
        f"Năm: {day.year} · Tên: Dân vận khéo trong xây dựng nông thôn mới · Loại: {kinds[0]}"
        f" · Lĩnh vực: {fields[0] if fields else 'Kinh tế'} · Địa bàn: {unit_labels[0][0] if unit_labels else 'xã…'}"
        f" · Loại chủ thể: {subjects[0] if subjects else ''} · Cấp quản lý: {levels[-2] if len(levels) > 1 else ''}"
        f" · Ngày đăng ký: 15/03/{day.year}",
    ]
    bold = book.add_format({"bold": True, "font_size": 13})
    for row, line in enumerate(lines):
        guide.write_string(row, 0, line, bold if row == 0 else wrap)
    sheet.activate()
    book.close()
    return buffer.getvalue()


# --- reading ----------------------------------------------------------------------------------------------------


def columns_of(headers: list[str]) -> dict[str, int]:
    """Column key → index in the file. Raises naming the required headers it cannot find."""
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = _BY_HEADER.get(_header_key(header))
        if key and key not in found:
            found[key] = index
    missing = [HEADERS[key] for key, _h in COLUMNS if key not in found and key not in OPTIONAL]
    if missing:
        raise ValidationError(
            _("Thiếu cột (hoặc cột đã bị đổi tên): %(cols)s. Hãy dùng đúng tiêu đề của tệp mẫu.")
            % {"cols": ", ".join(f"“{m}”" for m in missing)}
        )
    return found


def _cell(cell):
    if getattr(cell, "data_type", None) == "f":
        return Formula(str(cell.value))
    value = cell.value
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def read_rows(file) -> tuple[list[str], list[tuple[int, list]]]:
    """(headers, [(Excel row number, cell values)]) of the "Đăng ký" sheet (else the first sheet). The header
    row is the first of the top ten rows that names the required columns; fully empty rows are skipped.
    Formula cells come back as `Formula` (refused by `run`). Raises ValidationError on an unreadable file."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(file, read_only=True, data_only=False)
    except Exception as error:  # noqa: BLE001 - not a zip, a zip without a workbook, broken XML: a bad file
        logger.info("unreadable import file: %r", error)
        raise ValidationError(_("Tệp không phải Excel (.xlsx) hoặc bị hỏng.")) from None
    try:
        sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        headers: list[str] | None = None
        first_problem: ValidationError | None = None
        rows: list[tuple[int, list]] = []
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            values = [_cell(c) for c in cells]
            if headers is None:
                if number > 10:
                    break
                candidate = ["" if v is None else str(v).strip() for v in values]
                if not any(candidate):
                    continue
                try:
                    columns_of(candidate)
                except ValidationError as error:
                    first_problem = first_problem or error
                    continue
                headers = candidate
                while headers and not headers[-1]:
                    headers.pop()
                continue
            if all(v is None for v in values):
                continue
            rows.append((number, values[: len(headers)] + [None] * (len(headers) - len(values))))
            if len(rows) > MAX_ROWS:
                raise ValidationError(
                    _("Tệp có hơn %(n)s dòng: hãy chia thành nhiều tệp.") % {"n": f"{MAX_ROWS:,}".replace(",", ".")}
                )
    except ValidationError:
        raise
    except Exception as error:  # noqa: BLE001 - a broken sheet inside a valid zip
        logger.warning("unreadable import sheet: %r", error)
        raise ValidationError(_("Tệp không phải Excel (.xlsx) hoặc bị hỏng.")) from None
    finally:
        book.close()
    if headers is None:
        raise first_problem or ValidationError(_("Không tìm thấy dòng tiêu đề của tệp mẫu."))
    return headers, rows


# --- values as the cells give them ------------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y") if value.time() == datetime.time() else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _year(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return value.strip()
    return value


DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")


def _date(value) -> datetime.date | None:
    """A date from an Excel date, a serial number or dd/mm/yyyy text. Raises ValueError when it is none."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        from openpyxl.utils.datetime import from_excel

        return from_excel(value).date()
    if isinstance(value, str):
        text = value.strip()
        text = text.split(" ")[0]
        for pattern in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar day
            except ValueError:
                continue
    raise ValueError(value)


def _quote(value) -> str:
    text = _text(value)
    return text if len(text) <= 80 else text[:77] + "…"


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
        start, end = selectors.year_span(year)
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
            start, end = selectors.year_span(year)
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


# --- the import -------------------------------------------------------------------------------------------------


def start(*, actor, upload, mode: str = ImportJob.Mode.ALL) -> ImportJob:
    """Take an uploaded workbook: an .xlsx of at most 10 MB from a user who may register somewhere. The rows are
    checked and saved by the worker (`tasks.run_import`), enqueued once the job is committed."""
    from .tasks import run_import

    if not permissions.can(actor, Cap.REGISTER_INITIATIVES):
        raise PermissionDenied
    if upload is None:
        raise ValidationError({"file": _("Vui lòng chọn tệp Excel (.xlsx).")})
    name = os.path.basename(getattr(upload, "name", "") or "")
    if os.path.splitext(name.lower())[1] != ".xlsx":
        raise ValidationError({"file": _("Chỉ nhận tệp Excel .xlsx (tải tệp mẫu để điền).")})
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            {"file": _("Tệp lớn hơn %(m)s MB: hãy chia thành nhiều tệp.") % {"m": MAX_UPLOAD_BYTES // 2**20}}
        )
    if mode not in ImportJob.Mode.values:
        raise ValidationError({"mode": _("Vui lòng chọn cách lưu.")})
    with transaction.atomic():
        job = ImportJob.objects.create(user=actor, file=upload, name=name[:255], mode=mode)
        audit.record_create(actor=actor, obj=job, fields=["name", "mode"], verb=_("Tải lên tệp nhập Excel"))
        transaction.on_commit(lambda: run_import.enqueue(job.pk))
    return job


def _progress(job: ImportJob, **values) -> None:
    """A small UPDATE of its own (autocommit), so that the page polling the job sees it at once."""
    ImportJob.objects.filter(pk=job.pk).update(**values)
    for key, value in values.items():
        setattr(job, key, value)


def _finish(job: ImportJob, status: str, message: str, **values) -> None:
    job.status = status
    job.message = message
    job.finished_at = timezone.now()
    for key, value in values.items():
        setattr(job, key, value)
    job.save(update_fields=["status", "message", "finished_at", *values])


def _error_rows(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(ERROR_COLUMNS.get(p.key, ""), p.message) for p in problems]


def run(job: ImportJob) -> ImportJob:
    """Check every row of the job's workbook and save as its mode says. Never raises for bad input: the job
    ends DONE, REJECTED (nothing saved) or FAILED (the file could not be read)."""
    started = time.monotonic()
    day = permissions.today()
    user = job.user
    _progress(job, status=ImportJob.Status.RUNNING, processed_rows=0, saved_rows=0)
    if not permissions.can(user, Cap.REGISTER_INITIATIVES):
        _finish(job, ImportJob.Status.FAILED, _("Tài khoản không có quyền đăng ký mô hình, điển hình."))
        return job
    try:
        with job.file.open("rb") as handle:
            headers, rows = read_rows(handle)
    except ValidationError as error:
        _finish(job, ImportJob.Status.FAILED, " ".join(error.messages))
        return job
    except OSError:
        _finish(job, ImportJob.Status.FAILED, _("Không mở được tệp đã tải lên."))
        return job
    _progress(job, total_rows=len(rows))
    if not rows:
        _finish(job, ImportJob.Status.REJECTED, _("Tệp không có dòng dữ liệu nào."))
        return job

    columns = columns_of(headers)
    lookups = Lookups(user, day)
    seen: dict[tuple, int] = {}
    valid: list[Initiative] = []
    rejected: list[tuple[int, list, list[tuple[str, str]]]] = []
    errors: list[dict] = []
    error_count = 0
    for done, (number, cells) in enumerate(rows, start=1):
        values = {key: cells[index] for key, index in columns.items()}
        initiative, problems = check_row(values, lookups, seen, number)
        if initiative is not None:
            valid.append(initiative)
        else:
            described = _error_rows(problems)
            rejected.append((number, cells, described))
            error_count += len(described)
            for column, message in described:
                if len(errors) < MAX_STORED_ERRORS:
                    errors.append({"row": number, "column": column, "message": message})
        if done % PROGRESS_EVERY == 0:
            _progress(job, processed_rows=done)
    _progress(job, processed_rows=len(rows))

    summary = _("%(bad)s/%(total)s dòng có lỗi (%(n)s lỗi).") % {
        "bad": len(rejected),
        "total": len(rows),
        "n": error_count,
    }
    if len(errors) < error_count:
        summary += " " + _("Chỉ hiển thị %(m)s lỗi đầu tiên.") % {"m": MAX_STORED_ERRORS}
    if rejected and job.mode == ImportJob.Mode.ALL:
        _finish(
            job,
            ImportJob.Status.REJECTED,
            summary + " " + _("Chưa lưu dòng nào: sửa các lỗi rồi nhập lại cả tệp."),
            errors=errors,
        )
        return job

    with transaction.atomic():
        saved = _save(job, valid)
        values: dict = {"errors": errors, "saved_rows": saved}
        if rejected:
            content = rejected_workbook(headers, rejected)
            stem = os.path.splitext(job.name)[0][:100] or "nhap"
            job.rejected_file.save(f"{stem}-dong-loi.xlsx", ContentFile(content), save=False)
            values["rejected_file"] = job.rejected_file
            message = _("Đã lưu %(s)s dòng hợp lệ.") % {"s": saved} + " " + summary
        else:
            message = _("Đã lưu %(s)s mô hình, điển hình.") % {"s": saved}
        status = ImportJob.Status.DONE if saved or not rejected else ImportJob.Status.REJECTED
        _finish(job, status, message, **values)
    logger.info("import %s: %s rows, %s saved in %.1fs", job.pk, len(rows), saved, time.monotonic() - started)
    return job


def _save(job: ImportJob, initiatives: list[Initiative]) -> int:
    """Bulk insert, then one audit entry per initiative (what `audit.record_create` writes for the form)."""
    user = job.user
    for initiative in initiatives:
        initiative.created_by = user
        initiative.import_job = job
    for start_at in range(0, len(initiatives), BATCH):
        Initiative.objects.bulk_create(initiatives[start_at : start_at + BATCH])
    content_type = ContentType.objects.get_for_model(Initiative)
    verb = _("Nhập từ Excel")
    name = user.get_username()
    reason = _("Tệp “%(f)s”, lượt nhập số %(j)s") % {"f": job.name, "j": job.pk}
    changes = _creation_changes()
    entries = [
        AuditEntry(
            actor=user,
            actor_name=name,
            action=AuditEntry.Action.CREATE,
            verb=verb,
            content_type=content_type,
            object_id=str(initiative.pk),
            object_repr=str(initiative)[:300],
            changes=changes(initiative),
            unit=initiative.unit,
            reason=reason,
        )
        for initiative in initiatives
    ]
    AuditEntry.objects.bulk_create(entries, batch_size=BATCH)
    if initiatives:
        audit.record(
            actor=user,
            obj=job,
            action=AuditEntry.Action.ACTION,
            verb=verb,
            changes={"saved_rows": [None, len(initiatives)]},
        )
    return len(initiatives)


def _creation_changes():
    """What `audit.record_create` stores for a new initiative ({field: [None, readable value]}), with the
    choice labels translated once instead of once per row and field (10,000 rows × 30 fields)."""
    labels = {}
    for name in services.TRACKED:
        field = Initiative._meta.get_field(name)
        if getattr(field, "choices", None) and not field.is_relation:
            labels[name] = {value: str(label) for value, label in field.flatchoices}

    def readable(value):
        if isinstance(value, Model):
            return str(value)
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    def changes(initiative: Initiative) -> dict:
        result = {}
        for name in services.TRACKED:
            value = getattr(initiative, name)
            value = labels[name].get(value, value) if name in labels else readable(value)
            if value not in (None, ""):
                result[name] = [None, value]
        return result

    return changes


def rejected_workbook(headers: list[str], rows: list[tuple[int, list, list[tuple[str, str]]]]) -> bytes:
    """The refused rows with their values as read and a "Lỗi" column (column: message; …), to correct and
    import again."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    )
    sheet = book.add_worksheet(SHEET)
    head = book.add_format({"bold": True, "bg_color": "#E7EEF7", "border": 1, "text_wrap": True})
    wrong = book.add_format({"bold": True, "bg_color": "#F8D7DA", "border": 1, "text_wrap": True})
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    red = book.add_format({"font_color": "#9C0006", "text_wrap": True, "valign": "top"})
    for col, header in enumerate(headers):
        sheet.write_string(0, col, header, head)
        sheet.set_column(col, col, 18)
    error_col = len(headers)
    sheet.write_string(0, error_col, REJECTED_HEADER, wrong)
    sheet.set_column(error_col, error_col, 60)
    sheet.write_string(0, error_col + 1, "Dòng trong tệp gốc", head)
    for r, (number, cells, problems) in enumerate(rows, start=1):
        for c, value in enumerate(cells):
            if value is None:
                continue
            if isinstance(value, datetime.datetime | datetime.date):
                moment = (
                    value if isinstance(value, datetime.datetime) else datetime.datetime.combine(value, datetime.time())
                )
                sheet.write_datetime(r, c, moment, date)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, str(value)[:32767])
        text = "; ".join(f"{column}: {message}" if column else message for column, message in problems)
        sheet.write_string(r, error_col, text[:32767], red)
        sheet.write_number(r, error_col + 1, number)
    sheet.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()
