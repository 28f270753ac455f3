"""The three layouts of an organisation import (Party organisations, bodies, people with positions) and the
reading of a file in one of them: every problem is a `Problem` with its row and column.

Columns are found by their header (case and accents do not matter, core.text.fold), so the exports of the
Party member database and of provincial personnel systems can be imported as they are; columns the work does
not need (identity card, date of birth beyond the year, address, phone) are not read (Nghị định 13/2023).
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..text import fold
from . import files

PARTY_ORGS, BODIES, PEOPLE = "party_orgs", "bodies", "people"
KINDS = (PARTY_ORGS, BODIES, PEOPLE)
KIND_LABELS = {
    PARTY_ORGS: gettext_lazy("Tổ chức đảng"),
    BODIES: gettext_lazy("Cơ quan"),
    PEOPLE: gettext_lazy("Cán bộ và chức vụ"),
}
MAX_ROWS = 20_000


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the header written in the template
    spellings: tuple[str, ...]  # folded headers that name this column
    required: bool
    meaning: str
    example: str


_VALID_FROM = ("hieu luc tu", "tu ngay", "ngay bat dau", "ngay thanh lap", "ngay bo nhiem", "valid from")
_VALID_TO = ("hieu luc den", "den ngay", "ngay ket thuc", "ngay giai the", "valid to")
_UNIT = ("ma don vi hanh chinh", "ma dvhc", "ma xa", "ma xa phuong", "ma don vi", "unit code", "commune code")

LAYOUTS: dict[str, tuple[Column, ...]] = {
    PARTY_ORGS: (
        Column("code", "Mã tổ chức đảng", ("ma to chuc dang", "ma to chuc", "ma dang bo", "ma chi bo", "ma", "code"),
               True, "Mã của tổ chức trong cơ sở dữ liệu đảng viên; duy nhất.", "42.01.05"),
        Column("name", "Tên tổ chức đảng", ("ten to chuc dang", "ten to chuc", "ten", "name"),
               True, "Tên đầy đủ.", "Chi bộ thôn Đông Thượng"),
        Column("type", "Loại", ("loai", "loai to chuc", "loai to chuc dang", "type"),
               True, "Tên hoặc mã trong danh mục Loại tổ chức đảng.", "Chi bộ trực thuộc"),
        Column("parent", "Mã cấp trên", ("ma cap tren", "ma to chuc cap tren", "ma dang bo cap tren", "parent code"),
               False, "Mã tổ chức đảng cấp trên (trong tệp hoặc đã có).", "42.01"),
        Column("unit", "Mã đơn vị hành chính", _UNIT,
               True, "Mã thống kê của xã, phường (hoặc tỉnh) nơi tổ chức sinh hoạt.", "18406"),
        Column("valid_from", "Hiệu lực từ", _VALID_FROM,
               False, "Ngày thành lập, dd/mm/yyyy; để trống: ngày của danh sách.", "01/07/2025"),
        Column("valid_to", "Hiệu lực đến", _VALID_TO,
               False, "Ngày cuối cùng hoạt động, dd/mm/yyyy; để trống nếu còn hoạt động.", ""),
    ),
    BODIES: (
        Column("code", "Mã cơ quan", ("ma co quan", "ma", "code"),
               False, "Mã duy nhất; để trống thì dùng mã đơn vị hành chính và ký hiệu.", "18406-UBND"),
        Column("abbreviation", "Ký hiệu", ("ky hieu", "ten viet tat", "viet tat", "abbreviation"),
               False, "Ký hiệu ngắn (tối đa 30 ký tự).", "UBND"),
        Column("name", "Tên cơ quan", ("ten co quan", "ten", "name"),
               True, "Tên đầy đủ.", "Ủy ban nhân dân xã Can Lộc"),
        Column("type", "Loại", ("loai", "loai co quan", "type"),
               True, "Tên hoặc mã trong danh mục Loại cơ quan.", "UBND"),
        Column("parent", "Mã cơ quan cấp trên", ("ma co quan cap tren", "ma cap tren", "truc thuoc", "parent code"),
               False, "Mã cơ quan mà cơ quan này trực thuộc.", ""),
        Column("unit", "Mã đơn vị hành chính", _UNIT,
               True, "Mã thống kê của đơn vị hành chính của cơ quan.", "18406"),
        Column("valid_from", "Hiệu lực từ", _VALID_FROM,
               False, "dd/mm/yyyy; để trống: ngày của danh sách.", "01/07/2025"),
        Column("valid_to", "Hiệu lực đến", _VALID_TO,
               False, "dd/mm/yyyy; để trống nếu còn hoạt động.", ""),
    ),
    PEOPLE: (
        Column("key", "Số hiệu cán bộ",
               ("so hieu can bo", "so hieu", "ma can bo", "ma nhan su", "so the dang vien", "ma dang vien", "ma"),
               True, "Số hiệu trong hệ thống nhân sự hoặc số thẻ đảng viên; chỉ dùng để khớp khi nhập lại.",
               "CB-000123"),
        Column("full_name", "Họ và tên", ("ho va ten", "ho ten", "full name"),
               True, "Họ và tên đầy đủ.", "Nguyễn Thị Hoa"),
        Column("gender", "Giới tính", ("gioi tinh", "gender"),
               False, "Nam hoặc Nữ.", "Nữ"),
        Column("birth_year", "Năm sinh", ("nam sinh", "ngay sinh", "birth year"),
               False, "Năm sinh (nếu tệp có ngày sinh, chỉ giữ năm).", "1980"),
        Column("is_party_member", "Đảng viên", ("dang vien", "la dang vien", "party member"),
               False, "Có/Không (để trống: Không).", "Có"),
        Column("unit", "Mã đơn vị công tác", ("ma don vi cong tac", *_UNIT),
               True, "Mã thống kê của đơn vị hành chính nơi cán bộ công tác.", "18406"),
        Column("org", "Mã cơ quan/tổ chức đảng",
               ("ma co quan/to chuc dang", "ma co quan to chuc dang", "ma co quan", "ma to chuc dang", "ma chi bo"),
               False, "Mã cơ quan hoặc tổ chức đảng (đã nhập) nơi giữ chức vụ.", "18406-UBND"),
        Column("title", "Chức vụ", ("chuc vu", "title"),
               False, "Chức vụ; để trống nếu không ghi chức vụ.", "Chủ tịch"),
        Column("valid_from", "Từ ngày", ("tu ngay", "hieu luc tu", "ngay bo nhiem", "valid from"),
               False, "Ngày bắt đầu giữ chức vụ, dd/mm/yyyy; để trống: ngày của danh sách.", "01/07/2025"),
        Column("valid_to", "Đến ngày", ("den ngay", "hieu luc den", "valid to"),
               False, "Ngày thôi giữ chức vụ, dd/mm/yyyy.", ""),
    ),
}  # fmt: skip


@dataclass
class Problem:
    line: int
    column: str  # the column's letter ("" for the whole file)
    label: str  # the column's header
    message: str

    def __str__(self) -> str:
        if not self.column:
            return _("Dòng %(n)s: %(m)s") % {"n": self.line, "m": self.message}
        return _("Dòng %(n)s, cột %(c)s (%(h)s): %(m)s") % {
            "n": self.line,
            "c": self.column,
            "h": self.label,
            "m": self.message,
        }

    def as_dict(self) -> dict:
        return {"row": self.line, "column": self.column, "label": self.label, "message": self.message}


@dataclass
class Row:
    line: int
    values: dict = field(default_factory=dict)  # key -> parsed value


@dataclass
class Table:
    kind: str
    rows: list[Row]
    columns: dict[str, int]  # key -> column index
    problems: list[Problem] = field(default_factory=list)

    def problem(self, line: int, key: str, message: str) -> None:
        layout = LAYOUTS[self.kind]
        column = next((c for c in layout if c.key == key), layout[0])
        index = self.columns.get(column.key)
        letter = files._letter(index) if index is not None else ""
        self.problems.append(Problem(line, letter, column.label, message))


def read_table(content: bytes, name: str) -> list[list]:
    """The cells of the first sheet of a workbook (.xlsx) or of a UTF-8 CSV; ValidationError for a file too large
    or that is neither."""
    if len(content) > files.MAX_BYTES:
        raise ValidationError(_("Tệp lớn hơn %(m)s MB.") % {"m": files.MAX_BYTES // (1024 * 1024)})
    if name.lower().endswith(".csv"):
        return files._csv_rows(content)
    return files._xlsx_rows(content)


def _year(value) -> int:
    if isinstance(value, datetime.date):
        return value.year
    text = files._text(value)
    if text.isdigit() and len(text) == 4:
        return int(text)
    return files._date(text).year  # dd/mm/yyyy: only the year is kept


def _yes(value) -> bool:
    key = fold(files._text(value)).strip()
    if key in ("", "khong", "k", "no", "0"):
        return False
    if key in ("co", "c", "x", "yes", "1", "dang vien", "la dang vien"):
        return True
    raise ValueError(key)


def _gender(value) -> str | None:
    key = fold(files._text(value)).strip()
    return {"": "", "nam": "M", "m": "M", "male": "M", "nu": "F", "f": "F", "female": "F"}.get(key)


def parse(kind: str, table: list[list]) -> Table:
    """Rows of `table` (first non-empty row = header) in the layout of `kind`, each value parsed; problems for the
    bad cells. A missing required column is a ValidationError (nothing can be read)."""
    layout = LAYOUTS[kind]
    lines = [(n, values) for n, values in enumerate(table, start=1) if any(v not in (None, "") for v in values)]
    if not lines:
        raise ValidationError(_("Tệp không có dữ liệu."))
    header_line, header = lines[0]
    columns: dict[str, int] = {}
    folded = [fold(files._text(title)).strip() for title in header]
    for column in layout:  # an exact spelling wins over an earlier column's shorter one ("ma" vs "ma co quan")
        for spelling in column.spellings:
            index = next((i for i, key in enumerate(folded) if key == spelling and i not in columns.values()), None)
            if index is not None:
                columns[column.key] = index
                break
    missing = [c.label for c in layout if c.required and c.key not in columns]
    if kind == BODIES and "code" not in columns and "abbreviation" not in columns:
        missing.append(layout[0].label)
    if missing:
        raise ValidationError(
            _("Dòng %(n)s: thiếu cột %(cols)s.") % {"n": header_line, "cols": ", ".join(f"“{m}”" for m in missing)}
        )
    if len(lines) - 1 > MAX_ROWS:
        raise ValidationError(_("Tệp có hơn %(m)s dòng: hãy chia thành nhiều tệp.") % {"m": MAX_ROWS})
    result = Table(kind, [], columns)
    for line, cells in lines[1:]:
        row = Row(line)
        bad = False
        for column in layout:
            index = columns.get(column.key)
            raw = cells[index] if index is not None and index < len(cells) else None
            if isinstance(raw, files.Formula):
                result.problem(line, column.key, _("ô chứa công thức; hãy dán giá trị."))
                bad = True
                continue
            try:
                row.values[column.key] = _value(column.key, raw)
            except ValueError:
                result.problem(line, column.key, _bad_value(column.key, raw))
                bad = True
                continue
            if column.required and row.values[column.key] in ("", None) and column.key != "code":
                result.problem(line, column.key, _("thiếu giá trị."))
                bad = True
        if not bad and kind == BODIES and not row.values.get("code"):
            abbreviation = row.values.get("abbreviation") or ""
            if not abbreviation:
                result.problem(line, "code", _("thiếu mã cơ quan (hoặc ký hiệu)."))
                bad = True
            row.values["code"] = f"{row.values.get('unit', '')}-{abbreviation}"
        elif not bad and kind != BODIES and not row.values.get("code" if kind == PARTY_ORGS else "key"):
            result.problem(line, "code" if kind == PARTY_ORGS else "key", _("thiếu giá trị."))
            bad = True
        start, end = row.values.get("valid_from"), row.values.get("valid_to")
        if not bad and start and end and end < start:
            result.problem(
                line,
                "valid_to",
                _("ngày kết thúc (%(e)s) trước ngày bắt đầu (%(s)s).")
                % {"e": f"{end:%d/%m/%Y}", "s": f"{start:%d/%m/%Y}"},
            )
            bad = True
        if not bad:
            result.rows.append(row)
    return result


def _value(key: str, raw):
    if key in ("valid_from", "valid_to"):
        return files._date(raw)
    if key == "birth_year":
        return None if raw in (None, "") else _year(raw)
    if key == "is_party_member":
        return _yes(raw)
    if key == "gender":
        gender = _gender(raw)
        if gender is None:
            raise ValueError(raw)
        return gender
    return files._text(raw)


def _bad_value(key: str, raw) -> str:
    shown = files._text(raw)
    if key in ("valid_from", "valid_to"):
        return _("ngày “%(v)s” không đúng dạng dd/mm/yyyy.") % {"v": shown}
    if key == "birth_year":
        return _("năm sinh “%(v)s” không hợp lệ.") % {"v": shown}
    if key == "gender":
        return _("giới tính “%(v)s”: ghi Nam hoặc Nữ.") % {"v": shown}
    return _("“%(v)s”: ghi Có hoặc Không.") % {"v": shown}


def check_structure(table: Table) -> None:
    """Duplicate codes and cycles of superiors within the file: the offending rows become problems and leave the
    table (a later row repeating a code, every row on a cycle)."""
    kept: list[Row] = []
    seen: dict[tuple, int] = {}
    for row in table.rows:
        if table.kind == PEOPLE:
            key = (
                row.values["key"],
                fold(row.values.get("org") or ""),
                fold(row.values.get("title") or ""),
                row.values.get("valid_from"),
            )
            column, shown = "key", row.values["key"]
        else:
            key, column, shown = (row.values["code"],), "code", row.values["code"]
        if key in seen:
            table.problem(row.line, column, _("mã %(c)s trùng với dòng %(n)s.") % {"c": shown, "n": seen[key]})
            continue
        seen[key] = row.line
        kept.append(row)
    table.rows = kept
    if table.kind == PEOPLE:
        return
    by_code = {row.values["code"]: row for row in table.rows}
    cyclic: set[int] = set()
    for row in table.rows:
        chain, current = [row.values["code"]], row
        while current.values.get("parent") in by_code:
            current = by_code[current.values["parent"]]
            if current.values["code"] == row.values["code"]:
                table.problem(
                    row.line, "parent", _("vòng lặp cấp trên: %(c)s.") % {"c": " → ".join([*chain, row.values["code"]])}
                )
                cyclic.add(row.line)
                break
            if current.values["code"] in chain:
                break  # a cycle further up: reported on its own rows
            chain.append(current.values["code"])
    table.rows = [row for row in table.rows if row.line not in cyclic]
