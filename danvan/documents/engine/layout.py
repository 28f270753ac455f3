"""The measures of the two layouts. Values the research could confirm are defaults here; those it marks
unverified (domain.md §8: Party margins, the recipients' sizes, the signing block's spacing) can be changed
without code through the setting `DOCUMENTS_LAYOUT = {"party": {...}, "state": {...}}` (merged over these),
and the fonts through `DOCUMENTS_FONTS` (paths of TrueType files with Vietnamese glyphs)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from django.conf import settings

from . import PARTY


@dataclass(frozen=True)
class Layout:
    # A4, millimetres. Party 20/20/30/15 is general knowledge (unverified); NĐ 30/2020: 20-25/20-25/30-35/15-20.
    page_width: float = 210
    page_height: float = 297
    margin_top: float = 20
    margin_bottom: float = 20
    margin_left: float = 30
    margin_right: float = 15
    # Points (Times New Roman). 36-HD: heading 15 bold, bodies 14, number 14, date 14 italic, type 15-16, body 14-15.
    heading: float = 15  # "ĐẢNG CỘNG SẢN VIỆT NAM" / Quốc hiệu (NĐ 30: 12-13)
    motto: float = 14  # Tiêu ngữ (State only, 13-14)
    upper: float = 14  # upper body
    issuer: float = 14  # issuing body
    number: float = 14
    date: float = 14
    type_name: float = 16
    subject: float = 14
    body: float = 14
    table: float = 12
    signature: float = 14
    recipients_label: float = 14  # unverified: "Nơi nhận:" 14 underlined (Party), 12 bold italic (State)
    recipients_item: float = 12  # unverified for Party documents
    recipients_label_underline: bool = True
    recipients_label_bold_italic: bool = False
    page_number: float = 14  # NĐ 30: 13-14, centred in the top margin, not on page 1
    line_spacing: float = 1.15  # multiple of the font size
    paragraph_after: float = 6  # points after a body paragraph
    first_line_indent: float = 10  # mm
    signature_space: float = 28  # mm left for the signature and seal (unverified)
    header_left: float = 0.45  # share of the text width of the header's left column


DEFAULTS = {
    PARTY: Layout(),
    "state": Layout(
        margin_left=30,
        margin_right=15,
        heading=13,
        upper=13,
        issuer=13,
        number=13,
        subject=14,
        recipients_label=12,
        recipients_item=11,
        recipients_label_underline=False,
        recipients_label_bold_italic=True,
        header_left=0.42,
    ),
}

FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")  # Debian fonts-liberation2 (metrics of Times New Roman)
FONTS = {
    "regular": FONT_DIR / "LiberationSerif-Regular.ttf",
    "bold": FONT_DIR / "LiberationSerif-Bold.ttf",
    "italic": FONT_DIR / "LiberationSerif-Italic.ttf",
    "bold_italic": FONT_DIR / "LiberationSerif-BoldItalic.ttf",
}
DOCX_FONT = "Times New Roman"  # the name Word and LibreOffice look up (LibreOffice substitutes Liberation Serif)


def layout(system: str) -> Layout:
    overrides = getattr(settings, "DOCUMENTS_LAYOUT", {}).get(system, {})
    return replace(DEFAULTS[system], **overrides)


def fonts() -> dict[str, Path]:
    return {**FONTS, **{k: Path(v) for k, v in getattr(settings, "DOCUMENTS_FONTS", {}).items()}}
