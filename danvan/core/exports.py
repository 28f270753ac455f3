"""Excel export shared by every list page: XlsxWriter in constant-memory mode, streamed as a download."""

import datetime
import io
from collections.abc import Iterable, Sequence

import xlsxwriter
from django.http import HttpResponse
from django.utils import timezone


def xlsx_response(filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"constant_memory": True, "in_memory": False})
    sheet = workbook.add_worksheet(title[:31])
    bold = workbook.add_format({"bold": True, "bg_color": "#E7EEF7", "border": 1, "text_wrap": True})
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, headers, bold)
    widths = [max(10, len(str(h)) + 2) for h in headers]
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, datetime.datetime):
                sheet.write_string(r, c, timezone.localtime(value).strftime("%d/%m/%Y %H:%M"))
            elif isinstance(value, datetime.date):
                sheet.write_datetime(r, c, datetime.datetime.combine(value, datetime.time()), date_format)
            elif value is None:
                sheet.write_blank(r, c, None)
            elif isinstance(value, bool):
                sheet.write_string(r, c, "Có" if value else "Không")
            elif isinstance(value, int | float):
                sheet.write_number(r, c, value)
            else:
                text = str(value)
                sheet.write_string(r, c, text)
                widths[c] = min(60, max(widths[c], len(text) + 2))
    for c, width in enumerate(widths):
        sheet.set_column(c, c, width)
    sheet.freeze_panes(1, 0)
    workbook.close()
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.xlsx"'
    return response
