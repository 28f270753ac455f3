"""The PDF backend (reportlab's Platypus), the same layout as the Word file: A4, the layout's margins, Liberation
Serif (the metrics of Times New Roman, with every Vietnamese letter), page numbers centred in the top margin from
page 2. Text is escaped before it reaches reportlab's paragraph markup."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib.colors import black
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    HRFlowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable

from . import PARTY, Doc, Para, Table
from .layout import Layout, fonts, layout

FAMILY = "DanvanSerif"
ALIGN = {"justify": TA_JUSTIFY, "center": TA_CENTER, "left": TA_LEFT, "right": TA_RIGHT}
_registered = False


def _register_fonts() -> None:
    global _registered
    if _registered:
        return
    paths = fonts()
    missing = [str(p) for p in paths.values() if not p.exists()]
    if missing:
        raise RuntimeError(
            "Thiếu phông chữ cho PDF: " + ", ".join(missing) + " (cài fonts-liberation2 hoặc đặt DOCUMENTS_FONTS)."
        )
    names = {"regular": FAMILY, "bold": f"{FAMILY}-B", "italic": f"{FAMILY}-I", "bold_italic": f"{FAMILY}-BI"}
    for key, name in names.items():
        pdfmetrics.registerFont(TTFont(name, str(paths[key])))
    pdfmetrics.registerFontFamily(
        FAMILY, normal=FAMILY, bold=names["bold"], italic=names["italic"], boldItalic=names["bold_italic"]
    )
    _registered = True


def _style(size: float, lay: Layout, align="center", **kwargs) -> ParagraphStyle:
    return ParagraphStyle(
        "p", fontName=FAMILY, fontSize=size, leading=size * lay.line_spacing * 1.1, alignment=ALIGN[align], **kwargs
    )


def _text(text: str, *, bold=False, italic=False, underline=False) -> str:
    markup = escape(text)
    if underline:
        markup = f"<u>{markup}</u>"
    if italic:
        markup = f"<i>{markup}</i>"
    if bold:
        markup = f"<b>{markup}</b>"
    return markup


def _line(text, size, lay, *, bold=False, italic=False, underline=False, align="center", **style) -> Paragraph:
    return Paragraph(_text(text, bold=bold, italic=italic, underline=underline), _style(size, lay, align, **style))


def render(doc: Doc) -> tuple[bytes, int]:
    """The PDF and its number of pages."""
    _register_fonts()
    lay = layout(doc.system)
    out = io.BytesIO()
    template = SimpleDocTemplate(
        out,
        pagesize=(lay.page_width * mm, lay.page_height * mm),
        leftMargin=lay.margin_left * mm,
        rightMargin=lay.margin_right * mm,
        topMargin=lay.margin_top * mm,
        bottomMargin=lay.margin_bottom * mm,
        title=f"{doc.type_name} {doc.number_line}".strip(),
        author=doc.issuer_name,
        subject=doc.subject,
    )
    width = (lay.page_width - lay.margin_left - lay.margin_right) * mm
    story = [_header(doc, lay, width), *_title(doc, lay)]
    story += [_block(block, lay, width) for block in doc.body]
    story.append(_signing(doc, lay, width))
    if doc.annex:
        story.append(PageBreak())
        story += [_block(block, lay, width) for block in doc.annex]
    pages = []

    def later(canvas, _template):
        canvas.saveState()
        canvas.setFont(FAMILY, lay.page_number)
        canvas.drawCentredString(
            (lay.margin_left + (lay.page_width - lay.margin_left - lay.margin_right) / 2) * mm,
            (lay.page_height - lay.margin_top / 2) * mm - lay.page_number / 2,
            str(canvas.getPageNumber()),
        )
        canvas.restoreState()
        pages.append(1)

    template.build(story, onFirstPage=lambda c, t: pages.append(1), onLaterPages=later)
    return out.getvalue(), len(pages)


def _header(doc: Doc, lay: Layout, width: float) -> PdfTable:
    left_w, right_w = width * lay.header_left, width * (1 - lay.header_left)
    left, right = [], []
    if doc.upper_name:
        left.append(_line(doc.upper_name, lay.upper, lay))
    left.append(_line(doc.issuer_name, lay.issuer, lay, bold=True))
    if doc.system == PARTY:
        left.append(_line("*", lay.issuer, lay))
        left.append(_line(doc.number_line, lay.number, lay))
        right.append(_line("ĐẢNG CỘNG SẢN VIỆT NAM", lay.heading, lay, bold=True, underline=True))
        right.append(Spacer(1, lay.date * 2.2))
    else:
        left.append(HRFlowable(width=left_w / 3, thickness=0.6, color=black, spaceBefore=1, spaceAfter=4))
        left.append(_line(doc.number_line, lay.number, lay))
        right.append(_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", lay.heading, lay, bold=True))
        right.append(_line("Độc lập - Tự do - Hạnh phúc", lay.motto, lay, bold=True))
        right.append(HRFlowable(width=right_w * 0.55, thickness=0.6, color=black, spaceBefore=1, spaceAfter=4))
    right.append(_line(doc.date_line, lay.date, lay, italic=True))
    if not doc.type_name:
        left.append(_line(doc.subject, lay.table, lay))
    table = PdfTable([[left, right]], colWidths=[left_w, right_w])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), *_no_padding()]))
    return table


def _no_padding() -> list:
    return [(f"{side}PADDING", (0, 0), (-1, -1), 0) for side in ("LEFT", "RIGHT", "TOP", "BOTTOM")]


def _title(doc: Doc, lay: Layout) -> list:
    if not doc.type_name:
        return [Spacer(1, 12)]
    return [
        Spacer(1, 18),
        _line(doc.type_name, lay.type_name, lay, bold=True),
        _line(doc.subject, lay.subject, lay, bold=True),
        HRFlowable(width=25 * mm, thickness=0.6, color=black, spaceBefore=8, spaceAfter=12),
    ]


def _block(block: Para | Table, lay: Layout, width: float):
    if isinstance(block, Table):
        return _table(block, lay, width)
    markup = "".join(_text(text, bold=bold, italic=italic) for text, bold, italic in block.runs)
    indent = lay.first_line_indent * mm if block.indent and block.align == "justify" else 0
    style = _style(block.size or lay.body, lay, block.align, firstLineIndent=indent, spaceAfter=lay.paragraph_after)
    return Paragraph(markup, style)


def _table(block: Table, lay: Layout, width: float) -> PdfTable:
    head = _style(lay.table, lay, "center")
    cell = _style(lay.table, lay, "left")
    data = [[Paragraph(_text(h, bold=True), head) for h in block.headers]]
    data += [[Paragraph(escape(str(v)), cell) for v in row] for row in block.rows]
    table = PdfTable(data, colWidths=[width * w for w in block.widths], repeatRows=1, spaceAfter=12)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _signing(doc: Doc, lay: Layout, width: float) -> PdfTable:
    bold_italic = lay.recipients_label_bold_italic
    left = [
        Spacer(1, 12),
        _line(
            "Nơi nhận:",
            lay.recipients_label,
            lay,
            bold=bold_italic,
            italic=bold_italic,
            underline=lay.recipients_label_underline,
            align="left",
        ),
    ]
    left += [_line(f"- {item}", lay.recipients_item, lay, align="left") for item in doc.recipients]
    right = [Spacer(1, 12)]
    if doc.signature:
        sign = doc.signature
        right += [_line(line, lay.signature, lay, bold=True) for line in sign.authority.split("\n")]
        if sign.title:
            right.append(_line(sign.title, lay.signature, lay, bold=True))
        right.append(Spacer(1, lay.signature_space * mm))
        right.append(_line(sign.name, lay.signature, lay, bold=True))
    table = PdfTable([[left, right]], colWidths=[width / 2, width / 2])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), *_no_padding()]))
    return table
