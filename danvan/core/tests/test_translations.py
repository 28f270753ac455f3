"""English is the second locale (docs/architecture.md, Vietnamese): every Vietnamese message id in the committed
catalogue danvan/locale/en/LC_MESSAGES/django.po has an English translation that is neither empty nor fuzzy,
and the compiled django.mo says the same. `make messages` refreshes the catalogue from the code and compiles
it; then write the English of each new entry and compile again (`manage.py compilemessages -l en`)."""

import ast
import gettext
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import danvan

CATALOGUE = Path(danvan.__file__).resolve().parent / "locale" / "en" / "LC_MESSAGES"


@dataclass
class Entry:
    line: int
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    def __str__(self) -> str:
        context = f" [{self.msgctxt}]" if self.msgctxt is not None else ""
        return f"django.po:{self.line}{context} {self.msgid!r}"


def _string(text: str, line: int) -> str:
    """The value of one quoted PO string: C escapes as in a Python string literal."""
    if not (len(text) >= 2 and text[0] == text[-1] == '"'):
        raise ValueError(f"django.po:{line}: expected a quoted string, got {text!r}")
    return ast.literal_eval(text)


def parse_po(text: str) -> list[Entry]:
    """The entries of a PO file (the header, msgid "", left out). Obsolete entries (#~) are comments."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int | None] | None = None  # the keyword a continuation line extends
    flags: set[str] = set()

    def finish() -> None:
        if entry is not None and entry.msgid:
            entries.append(entry)

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith('"'):
            if entry is None or target is None:
                raise ValueError(f"django.po:{number}: a continuation line outside an entry")
            keyword, index = target
            value = _string(line, number)
            if keyword == "msgstr":
                entry.msgstr[index] += value
            else:
                setattr(entry, keyword, (getattr(entry, keyword) or "") + value)
            continue
        keyword, _, rest = line.partition(" ")
        index = None
        if keyword.startswith("msgstr[") and keyword.endswith("]"):
            keyword, index = "msgstr", int(keyword[7:-1])
        elif keyword == "msgstr":
            index = 0
        if keyword in ("msgctxt", "msgid") and (entry is None or entry.msgstr):
            finish()  # a new entry begins
            entry, flags = Entry(line=number, flags=flags), set()
        if entry is None or keyword not in ("msgctxt", "msgid", "msgid_plural", "msgstr"):
            raise ValueError(f"django.po:{number}: unexpected {line!r}")
        value = _string(rest, number)
        if keyword == "msgstr":
            entry.msgstr[index] = value
        else:
            setattr(entry, keyword, value)
        target = (keyword, index)
    finish()
    return entries


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return parse_po((CATALOGUE / "django.po").read_text(encoding="utf-8"))


def test_the_parser_reads_contexts_plurals_flags_and_continuation_lines():
    text = r"""
msgid ""
msgstr "Language: en\n"

#, python-format
msgctxt "tháng"
msgid "Tháng %(m)s"
msgstr "Month %(m)s"

msgid ""
"Hai "
"dòng \"một\""
msgstr "Two lines \"one\""

#, fuzzy
msgid "%(n)s xã"
msgid_plural "%(n)s xã"
msgstr[0] "%(n)s commune"
msgstr[1] ""

#~ msgid "Cũ"
#~ msgstr ""
"""
    month, lines, communes = parse_po(text)
    assert (month.msgctxt, month.msgid, month.msgstr, month.flags) == (
        "tháng",
        "Tháng %(m)s",
        {0: "Month %(m)s"},
        {"python-format"},
    )
    assert (lines.msgid, lines.msgstr, lines.flags) == ('Hai dòng "một"', {0: 'Two lines "one"'}, set())
    assert communes.msgid_plural == "%(n)s xã" and communes.msgstr == {0: "%(n)s commune", 1: ""}
    assert "fuzzy" in communes.flags


def test_the_catalogue_is_read(entries):
    assert len(entries) > 1000
    assert any(e.msgid == "Trang chủ" and e.msgstr == {0: "Home"} for e in entries)


def test_every_message_has_an_english_translation(entries):
    empty = [str(e) for e in entries if not all(e.msgstr.values()) or (e.msgid_plural and len(e.msgstr) < 2)]
    assert not empty, f"{len(empty)} messages without English (write them in django.po): {empty[:20]}"


def test_no_translation_is_fuzzy(entries):
    fuzzy = [str(e) for e in entries if "fuzzy" in e.flags]
    assert not fuzzy, f"{len(fuzzy)} fuzzy translations (check the English, then drop the flag): {fuzzy[:20]}"


def test_the_compiled_catalogue_says_what_the_po_says(entries):
    with (CATALOGUE / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = []
    for e in entries:
        if e.msgid_plural is not None:
            got = [
                compiled.npgettext(e.msgctxt, e.msgid, e.msgid_plural, n)
                if e.msgctxt is not None
                else compiled.ngettext(e.msgid, e.msgid_plural, n)
                for n in (1, 2)
            ]
            want = [e.msgstr.get(0), e.msgstr.get(1)]
        else:
            got = [compiled.pgettext(e.msgctxt, e.msgid) if e.msgctxt is not None else compiled.gettext(e.msgid)]
            want = [e.msgstr.get(0)]
        if got != want:
            stale.append(str(e))
    assert not stale, f"django.mo is older than django.po (manage.py compilemessages -l en): {stale[:20]}"
