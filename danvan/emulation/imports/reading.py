"""Reading a workbook: its columns, its rows, and the values as the cells give them."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .common import _BY_HEADER, COLUMNS, HEADERS, MAX_ROWS, OPTIONAL, SHEET, Formula, _header_key, logger

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
