"""The registration template: a workbook with drop-down lists from the reference data and the user's units."""

import io
from collections import defaultdict
from dataclasses import dataclass

import xlsxwriter
from django.utils import translation

from danvan.core import dates, permissions
from danvan.core.models import Unit, UnitLevel
from danvan.core.permissions import Cap
from danvan.core.text import fold

from .. import selectors
from ..models import Field, Kind, SubjectType
from .common import COLUMNS, HELP_SHEET, ITEM_KEYS, LISTS_SHEET, MAX_ROWS, MAX_UNIT_OPTIONS, SHEET

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
    rows = Unit.objects.valid_on(dates.today()).filter(level__rank__gte=1)
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
    day = dates.today()
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
