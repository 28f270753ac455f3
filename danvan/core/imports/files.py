"""A unit list from a file in the official export layout: CSV (UTF-8) or Excel (.xlsx).

Columns (the header names the column; case and accents do not matter): Mã, Tên, Cấp/Loại, Mã cấp trên,
and optionally Hiệu lực từ, Hiệu lực đến, Đơn vị cũ (predecessor codes separated by ";", a code followed
by "*" when this row is that predecessor's primary successor). Every problem is reported with its row and
column, and nothing is applied while one remains.
"""

import csv
import datetime
import io
import os

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..text import fold
from .rows import LEVEL_RANK, TYPE_LEVEL, Row, split_name, type_from_label

MAX_BYTES = 50 * 1024 * 1024
MAX_ERRORS = 50
HEADERS = {
    "code": ("ma", "ma so", "ma dvhc", "code"),
    "name": ("ten", "ten dvhc", "name"),
    "type": ("cap", "loai", "type"),
    "parent": ("ma cap tren", "ma don vi cap tren", "parent", "parent code"),
    "valid_from": ("hieu luc tu", "ngay hieu luc", "valid from"),
    "valid_to": ("hieu luc den", "valid to"),
    "predecessors": ("don vi cu", "ma don vi cu", "predecessors"),
}
REQUIRED = ("code", "name", "type", "parent")
LABELS = {
    "code": "Mã",
    "name": "Tên",
    "type": "Cấp",
    "parent": "Mã cấp trên",
    "valid_from": "Hiệu lực từ",
    "valid_to": "Hiệu lực đến",
    "predecessors": "Đơn vị cũ",
}


class Formula(str):
    pass


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read(path: str) -> list[Row]:
    """Rows of the file at `path`, or ValidationError naming every bad cell (row and column)."""
    try:
        size = os.path.getsize(path)
    except OSError:
        raise ValidationError(_("Không mở được tệp %(p)s.") % {"p": path}) from None
    if size > MAX_BYTES:
        raise ValidationError(_("Tệp lớn hơn %(m)s MB.") % {"m": MAX_BYTES // (1024 * 1024)})
    with open(path, "rb") as handle:
        content = handle.read()
    return read_content(content, path)


def read_content(content: bytes, name: str) -> list[Row]:
    """Rows of a file's content (a CSV when `name` ends in .csv, else a workbook); see `read`."""
    if name.lower().endswith(".csv"):
        return parse(_csv_rows(content))
    return parse(_xlsx_rows(content))


def _csv_rows(content: bytes) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("Tệp CSV phải mã hóa UTF-8.")) from None
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
    rows = []
    for values in csv.reader(io.StringIO(text), dialect):
        rows.append([Formula(v) if v.startswith("=") else (v.strip() or None) for v in values])
    return rows


def _xlsx_rows(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - not a zip, no workbook inside, broken XML: not a workbook
        raise ValidationError(_("Tệp không phải Excel (.xlsx) hay CSV, hoặc bị hỏng.")) from None
    try:
        rows = []
        for cells in book.worksheets[0].iter_rows():
            values = []
            for cell in cells:
                value = cell.value
                if getattr(cell, "data_type", None) == "f":
                    value = Formula(str(value))
                elif isinstance(value, str):
                    value = value.strip() or None
                values.append(value)
            rows.append(values)
        return rows
    finally:
        book.close()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar day
        except ValueError:
            continue
    raise ValueError(text)


def parse(table: list[list]) -> list[Row]:
    """Rows from a table whose first non-empty row is the header."""
    errors: list[str] = []
    cells: list[dict] = []  # the same problems for a page: {"row", "column", "label", "message"}
    lines = [(n, values) for n, values in enumerate(table, start=1) if any(v not in (None, "") for v in values)]
    if not lines:
        raise ValidationError(_("Tệp không có dữ liệu."))
    header_line, header = lines[0]
    columns = {}
    for index, title in enumerate(header):
        key = fold(_text(title)).strip()
        for name, spellings in HEADERS.items():
            if key in spellings and name not in columns:
                columns[name] = index
    missing = [LABELS[c] for c in REQUIRED if c not in columns]
    if missing:
        raise ValidationError(
            _("Dòng %(n)s: thiếu cột %(cols)s.") % {"n": header_line, "cols": ", ".join(f"“{m}”" for m in missing)}
        )

    def problem(line, column, message):
        cells.append({"row": line, "column": _letter(columns[column]), "label": LABELS[column], "message": message})
        errors.append(
            _("Dòng %(n)s, cột %(c)s (%(h)s): %(m)s")
            % {"n": line, "c": _letter(columns[column]), "h": LABELS[column], "m": message}
        )

    rows: list[Row] = []
    for line, values in lines[1:]:

        def cell(column, values=values):
            index = columns.get(column)
            return values[index] if index is not None and index < len(values) else None

        bad = False
        for column in columns:
            if isinstance(cell(column), Formula):
                problem(line, column, _("ô chứa công thức; hãy dán giá trị."))
                bad = True
        if bad:
            continue
        code, parent = _text(cell("code")), _text(cell("parent"))
        top = not parent
        kind, name = split_name(_text(cell("name")), top=top)
        label = _text(cell("type"))
        kind = type_from_label(label, top=top) if label else kind
        if not code or not code.isdigit():
            problem(line, "code", _("mã phải là dãy số."))
            continue
        if not name:
            problem(line, "name", _("thiếu tên."))
            continue
        if kind not in TYPE_LEVEL:
            problem(line, "type", _("loại “%(t)s” không có trong danh mục.") % {"t": label})
            continue
        try:
            start, end = _date(cell("valid_from")), _date(cell("valid_to"))
        except ValueError as error:
            problem(line, "valid_from", _("ngày “%(v)s” không đúng dạng dd/mm/yyyy.") % {"v": error})
            continue
        if start and end and end < start:
            problem(line, "valid_to", _("đơn vị kết thúc (%(e)s) trước khi bắt đầu (%(s)s).") % {"e": end, "s": start})
            continue
        predecessors = []
        for item in _text(cell("predecessors")).replace(",", ";").split(";"):
            item = item.strip()
            if item:
                predecessors.append((item.rstrip("*").strip(), item.endswith("*")))
        rows.append(Row(code, name, kind, parent, start, end, tuple(predecessors), line))
    _check_rows(rows, problem)
    if errors:
        shown = errors[:MAX_ERRORS]
        if len(errors) > MAX_ERRORS:
            shown.append(_("… và %(n)s lỗi khác.") % {"n": len(errors) - MAX_ERRORS})
        error = ValidationError(shown)
        error.cells = cells
        raise error
    return rows


def _check_rows(rows: list[Row], problem) -> None:
    seen: dict[tuple, Row] = {}
    for row in rows:
        key = (row.level, row.code, row.valid_from)
        if key in seen:
            first = seen[key]
            if row.valid_from is None:
                problem(row.line, "code", _("mã %(c)s trùng với dòng %(n)s.") % {"c": row.code, "n": first.line})
            else:
                problem(
                    row.line,
                    "code",
                    _("mã %(c)s được dùng lại cùng ngày %(d)s với dòng %(n)s.")
                    % {"c": row.code, "d": f"{row.valid_from:%d/%m/%Y}", "n": first.line},
                )
        seen.setdefault(key, row)
    by_code = {}
    for row in rows:
        by_code.setdefault(row.code, row)
    for row in rows:
        chain, current = [row.code], row
        while current.parent_code and current.parent_code in by_code:
            current = by_code[current.parent_code]
            if current.code in chain:
                problem(row.line, "parent", _("vòng lặp cấp trên: %(c)s.") % {"c": " → ".join([*chain, current.code])})
                break
            chain.append(current.code)
        parent = by_code.get(row.parent_code)
        if parent is not None and LEVEL_RANK[parent.level] >= LEVEL_RANK[row.level]:
            problem(row.line, "parent", _("%(c)s không thể là cấp trên của đơn vị này.") % {"c": row.parent_code})
    # A divided predecessor (named by several rows) needs exactly one primary successor.
    named: dict[str, list[tuple[Row, bool]]] = {}
    for row in rows:
        for code, primary in row.predecessors:
            named.setdefault(code, []).append((row, primary))
    for code, successors in named.items():
        primaries = [r for r, p in successors if p]
        if len(successors) > 1 and len(primaries) != 1:
            last = successors[-1][0]
            problem(
                last.line,
                "predecessors",
                _(
                    "đơn vị %(c)s được chia cho %(k)s đơn vị nhưng có %(p)s đơn vị kế thừa chính "
                    "(cần đúng một, đánh dấu *)."
                )
                % {"c": code, "k": len(successors), "p": len(primaries)},
            )
