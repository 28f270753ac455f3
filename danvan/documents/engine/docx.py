"""The Word backend (python-docx): real paragraphs, tables and styles, so the file stays editable in Word and
LibreOffice. A4 with the layout's margins, Times New Roman, page numbers centred in the top margin from page 2."""

from __future__ import annotations

import io

from docx import Document as new_docx
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from . import PARTY, Doc, Para, Table
from .layout import DOCX_FONT, Layout, layout

ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def render(doc: Doc) -> bytes:
    lay = layout(doc.system)
    word = new_docx()
    _page(word, lay)
    _styles(word, lay)
    _header(word, doc, lay)
    _title(word, doc, lay)
    for block in doc.body:
        _block(word, block, lay)
    _signing(word, doc, lay)
    if doc.annex:
        word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for block in doc.annex:
            _block(word, block, lay)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _page(word, lay: Layout) -> None:
    section = word.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(lay.page_width), Mm(lay.page_height)
    section.top_margin, section.bottom_margin = Mm(lay.margin_top), Mm(lay.margin_bottom)
    section.left_margin, section.right_margin = Mm(lay.margin_left), Mm(lay.margin_right)
    section.header_distance = Mm(lay.margin_top / 2)
    section.different_first_page_header_footer = True  # no number on page 1
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(paragraph.add_run(), "PAGE", lay.page_number)


def _styles(word, lay: Layout) -> None:
    normal = word.styles["Normal"]
    normal.font.name = DOCX_FONT
    normal.font.size = Pt(lay.body)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), DOCX_FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = lay.line_spacing


def _field(run, code: str, size: float) -> None:
    run.font.size = Pt(size)
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text == code else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {code} " if text == code else text
        run._r.append(element)


def _line(container, text: str, size: float, *, bold=False, italic=False, underline=False, align="center"):
    paragraph = container.add_paragraph()
    paragraph.alignment = ALIGN[align]
    run = paragraph.add_run(text)
    run.font.size, run.bold, run.italic, run.underline = Pt(size), bold, italic, underline
    return paragraph


def _rule(container, width_mm: float, cell_width_mm: float) -> None:
    """A short centred solid line under a title (a bottom border of an indented empty paragraph)."""
    paragraph = container.add_paragraph()
    indent = max((cell_width_mm - width_mm) / 2, 0)
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = Mm(indent)
    paragraph.paragraph_format.line_spacing = Pt(4)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _two_columns(word, lay: Layout, left_share: float):
    width = lay.page_width - lay.margin_left - lay.margin_right
    table = word.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = (width * left_share, width * (1 - left_share))
    for cell, w in zip(table.rows[0].cells, widths, strict=True):
        cell.width = Mm(w)
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)  # start empty: lines are added
    return table.rows[0].cells, widths


def _header(word, doc: Doc, lay: Layout) -> None:
    (left, right), (left_w, right_w) = _two_columns(word, lay, lay.header_left)
    if doc.system == PARTY:
        if doc.upper_name:
            _line(left, doc.upper_name, lay.upper)
        _line(left, doc.issuer_name, lay.issuer, bold=True)
        _line(left, "*", lay.issuer)
        _line(left, doc.number_line, lay.number)
        _line(right, "ĐẢNG CỘNG SẢN VIỆT NAM", lay.heading, bold=True, underline=True)
        _line(right, "", lay.date)
        _line(right, "", lay.date)
        _line(right, doc.date_line, lay.date, italic=True)
    else:
        if doc.upper_name:
            _line(left, doc.upper_name, lay.upper)
        _line(left, doc.issuer_name, lay.issuer, bold=True)
        _rule(left, left_w / 3, left_w)
        _line(left, doc.number_line, lay.number)
        _line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", lay.heading, bold=True)
        _line(right, "Độc lập - Tự do - Hạnh phúc", lay.motto, bold=True)
        _rule(right, right_w * 0.55, right_w)
        _line(right, doc.date_line, lay.date, italic=True)
    if not doc.type_name:  # a letter: its subject sits under the number
        _line(left, doc.subject, lay.table)


def _title(word, doc: Doc, lay: Layout) -> None:
    if not doc.type_name:
        word.add_paragraph()
        return
    paragraph = _line(word, doc.type_name, lay.type_name, bold=True)
    paragraph.paragraph_format.space_before = Pt(18)
    _line(word, doc.subject, lay.subject, bold=True)
    _rule(word, 25, lay.page_width - lay.margin_left - lay.margin_right)
    word.add_paragraph()


def _block(word, block: Para | Table, lay: Layout) -> None:
    if isinstance(block, Table):
        _table(word, block, lay)
        return
    paragraph = word.add_paragraph()
    paragraph.alignment = ALIGN[block.align]
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(lay.paragraph_after)
    if block.indent and block.align == "justify":
        fmt.first_line_indent = Mm(lay.first_line_indent)
    for text, bold, italic in block.runs:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        if block.size:
            run.font.size = Pt(block.size)


def _table(word, block: Table, lay: Layout) -> None:
    width = lay.page_width - lay.margin_left - lay.margin_right
    table = word.add_table(rows=1, cols=len(block.headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for row_cells, values, bold in [(table.rows[0].cells, block.headers, True)] + [
        (table.add_row().cells, row, False) for row in block.rows
    ]:
        for cell, value, share in zip(row_cells, values, block.widths, strict=True):
            cell.width = Mm(width * share)
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if bold else WD_ALIGN_PARAGRAPH.LEFT
            run = paragraph.add_run(str(value))
            run.font.size, run.bold = Pt(lay.table), bold
    word.add_paragraph()


def _signing(word, doc: Doc, lay: Layout) -> None:
    (left, right), _widths = _two_columns(word, lay, 0.5)
    label = _line(
        left,
        "Nơi nhận:",
        lay.recipients_label,
        bold=lay.recipients_label_bold_italic,
        italic=lay.recipients_label_bold_italic,
        underline=lay.recipients_label_underline,
        align="left",
    )
    label.paragraph_format.space_before = Pt(12)
    for item in doc.recipients:
        _line(left, f"- {item}", lay.recipients_item, align="left")
    if doc.signature:
        sign = doc.signature
        for n, line in enumerate(sign.authority.split("\n")):  # "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"
            first = _line(right, line, lay.signature, bold=True)
            if n == 0:
                first.paragraph_format.space_before = Pt(12)
        if sign.title:
            _line(right, sign.title, lay.signature, bold=True)
        spacer = _line(right, "", lay.signature)
        spacer.paragraph_format.space_after = Mm(lay.signature_space)
        _line(right, sign.name, lay.signature, bold=True)
