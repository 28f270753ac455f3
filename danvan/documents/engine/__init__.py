"""One document engine: a builder makes an intermediate structured document (`Doc`), two backends render it with
the same layout, python-docx (`engine.docx`) and reportlab (`engine.pdf`). The layout follows the system (Party:
Hướng dẫn 36-HD/VPTW; State: Nghị định 30/2020/NĐ-CP, Phụ lục I); measures are in `engine.layout`."""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

PARTY = "party"
STATE = "state"

# Control characters that Word's XML cannot hold (tab and line breaks are kept as spaces/paragraphs).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean(text: str) -> str:
    """Text as both backends can hold it: NFC (one code point per Vietnamese letter, as the fonts have them),
    without the control characters Word refuses, tabs as spaces."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", str(text or ""))).replace("\t", " ")


def number_text(system: str, number: int, type_abbr: str, issuer_abbr: str) -> str:
    """The number line: Party "Số 12-BC/HU" (no colon), State "Số: 12/BC-UBND"."""
    return (
        f"Số {reference(system, number, type_abbr, issuer_abbr)}"
        if system == PARTY
        else (f"Số: {reference(system, number, type_abbr, issuer_abbr)}")
    )


def reference(system: str, number: int, type_abbr: str, issuer_abbr: str) -> str:
    """The number and symbol without "Số": Party "12-BC/HU", State "12/BC-UBND"."""
    return f"{number}-{type_abbr}/{issuer_abbr}" if system == PARTY else f"{number}/{type_abbr}-{issuer_abbr}"


def date_line(place: str, day: datetime.date) -> str:
    """ "Can Lộc, ngày 05 tháng 02 năm 2016": days and months with a leading zero (36-HD/VPTW; NĐ 30/2020)."""
    return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


@dataclass
class Para:
    """A body paragraph. `runs` are (text, bold, italic) pieces; `align`: justify, center, left, right."""

    runs: list[tuple[str, bool, bool]]
    align: str = "justify"
    indent: bool = True
    size: float | None = None  # None: the body size
    page_break_before: bool = False

    @classmethod
    def text(cls, text: str, *, bold=False, italic=False, **kwargs) -> Para:
        return cls([(clean(text), bold, italic)], **kwargs)

    @property
    def plain(self) -> str:
        return "".join(r[0] for r in self.runs)


@dataclass
class Table:
    """A table with a header row; `widths` are fractions of the text width."""

    headers: list[str]
    rows: list[list[str]]
    widths: list[float]


@dataclass
class Signature:
    """The signing block: authority ("T/M BAN THƯỜNG VỤ", "TM. ỦY BAN NHÂN DÂN", "K/T BÍ THƯ"; several lines
    separated by "\\n" when a deputy signs for the collective: "TM. ỦY BAN NHÂN DÂN\\nKT. CHỦ TỊCH"), the signer's
    title ("BÍ THƯ", "PHÓ CHỦ TỊCH") and name."""

    authority: str
    title: str
    name: str


@dataclass
class Doc:
    system: str
    upper_name: str  # Party: the upper body; State: the governing body ("UBND HUYỆN CAN LỘC"), may be empty
    issuer_name: str  # the issuing body ("HUYỆN ỦY CAN LỘC", "UBND XÃ AN LỘC")
    number_line: str  # "Số 45-QĐ/HU" / "Số: 12/BC-UBND"
    date_line: str
    type_name: str  # "QUYẾT ĐỊNH"; empty for a letter (công văn), whose subject sits under the number
    subject: str
    body: list[Para | Table] = field(default_factory=list)
    signature: Signature | None = None
    recipients: list[str] = field(default_factory=list)  # the last one is "Lưu VP" / "Lưu: VT, VP"
    annex: list[Para | Table] = field(default_factory=list)  # starts on a new page

    def texts(self) -> list[str]:
        """Every text of the document, in reading order (tests, search)."""
        out = [self.upper_name, self.issuer_name, self.number_line, self.date_line, self.type_name, self.subject]
        for block in (*self.body, *self.annex):
            out.extend([block.plain] if isinstance(block, Para) else [*block.headers, *sum(block.rows, [])])
        if self.signature:
            out.extend([self.signature.authority, self.signature.title, self.signature.name])
        return out + self.recipients
