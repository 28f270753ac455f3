"""The template workbook of each layout: the columns with an example row, a sheet of explanations and the
reference lists (types) the "Loại" column accepts."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from ..models import BodyType, PartyOrgType
from .org_layouts import BODIES, KIND_LABELS, LAYOUTS, PARTY_ORGS

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILE_NAMES = {PARTY_ORGS: "mau-nhap-to-chuc-dang.xlsx", BODIES: "mau-nhap-co-quan.xlsx"}


def file_name(kind: str) -> str:
    return FILE_NAMES.get(kind, "mau-nhap-can-bo.xlsx")


def template_workbook(kind: str) -> bytes:
    layout = LAYOUTS[kind]
    book = Workbook()
    sheet = book.active
    sheet.title = str(KIND_LABELS[kind])[:31]
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="E7EEF7")
    for index, column in enumerate(layout, start=1):
        cell = sheet.cell(row=1, column=index, value=column.label)
        cell.font, cell.fill = bold, fill
        sheet.cell(row=2, column=index, value=column.example or None).number_format = "@"
        sheet.column_dimensions[cell.column_letter].width = max(14, len(column.label) + 4)
    sheet.freeze_panes = "A2"
    help_sheet = book.create_sheet(_("Hướng dẫn"))
    for index, title in enumerate((_("Cột"), _("Bắt buộc"), _("Ý nghĩa"), _("Ví dụ")), start=1):
        help_sheet.cell(row=1, column=index, value=title).font = bold
    for number, column in enumerate(layout, start=2):
        help_sheet.cell(row=number, column=1, value=column.label)
        help_sheet.cell(row=number, column=2, value=_("Có") if column.required else _("Không"))
        help_sheet.cell(row=number, column=3, value=column.meaning)
        help_sheet.cell(row=number, column=4, value=column.example or None)
    help_sheet.cell(
        row=len(layout) + 3,
        column=1,
        value=_("Ngày ghi dd/mm/yyyy. Không dùng công thức. Dòng đầu tiên là tên cột; thứ tự cột tùy ý."),
    )
    for letter, width in (("A", 28), ("B", 10), ("C", 70), ("D", 24)):
        help_sheet.column_dimensions[letter].width = width
    model = {PARTY_ORGS: PartyOrgType, BODIES: BodyType}.get(kind)
    if model is not None:
        lists = book.create_sheet(_("Danh mục loại"))
        lists.cell(row=1, column=1, value=_("Mã")).font = bold
        lists.cell(row=1, column=2, value=_("Tên")).font = bold
        for number, item in enumerate(model.objects.order_by("position", "name"), start=2):
            lists.cell(row=number, column=1, value=item.code)
            lists.cell(row=number, column=2, value=item.name)
        lists.column_dimensions["B"].width = 40
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
