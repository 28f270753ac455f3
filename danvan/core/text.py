"""Vietnamese text: accent-insensitive folding and the Vietnamese alphabetical sort key.

Both are stored in columns of each searchable model so that one code path serves SQLite and PostgreSQL
(docs/architecture.md, Vietnamese). Đ has no Unicode decomposition, so plain NFD stripping is not enough.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"[0-9a-z]+")


def fold(text: str | None) -> str:
    """Lower-case, accent-free form: "Đường Dân vận khéo" -> "duong dan van kheo".

    NFD then dropping combining marks makes old and new tone placement equal (hoà/hòa, thuỷ/thủy) and
    decomposed input equal to composed text; đ/Đ are mapped by hand because they do not decompose.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D").casefold()
    return _SPACES.sub(" ", stripped).strip()


def search_tokens(query: str | None) -> list[str]:
    """Folded alphanumeric words of a user query; everything else is dropped, so no syntax leaks."""
    return _TOKEN.findall(fold(query))


# --- Sort key ---------------------------------------------------------------------------------------
# Primary order: the 29 letters a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y (f, j, w, z
# for foreign words in their Latin places), digits before letters. Secondary order: the tone marks
# (none, huyền, hỏi, ngã, sắc, nặng), compared only when the letters are equal, as in CLDR's Vietnamese
# collation: ba < bà < bá < bác. Case is ignored.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng
_LETTER_MARKS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}

# Keys are pairs of lower-case ASCII letters, so that any database collation (C, en_US, SQLite BINARY)
# orders them the same way. "aa" separates the two levels, "ab" is a space, digits and letters follow.
_CODES = "abcdefghijklmnopqrstuvwxyz"


def _code(n: int) -> str:
    return _CODES[n // 26] + _CODES[n % 26]


_LEVEL_SEPARATOR = _code(0)
_SPACE = _code(1)
_PRIMARY = {str(d): _code(2 + d) for d in range(10)}
_PRIMARY.update({letter: _code(12 + i) for i, letter in enumerate(_ALPHABET)})
_OTHER = _code(12 + len(_ALPHABET))


def _letters(text: str) -> list[tuple[str, int]]:
    """(base letter, tone) for each character of the text, lower-cased."""
    result: list[tuple[str, int]] = []
    for ch in unicodedata.normalize("NFC", text).lower():
        if ch == "đ":
            result.append(("đ", 0))
            continue
        parts = unicodedata.normalize("NFD", ch)
        base, tone = parts[0], 0
        for mark in parts[1:]:
            if mark in _TONES:
                tone = _TONES[mark]
            else:
                base = _LETTER_MARKS.get((base, mark), base)
        result.append((base, tone))
    return result


def sort_key(text: str | None) -> str:
    """A string whose plain ordering is Vietnamese alphabetical order of `text`."""
    letters = _letters(_SPACES.sub(" ", text or "").strip())
    primary = "".join(_SPACE if b == " " else _PRIMARY.get(b, _OTHER) for b, _ in letters)
    secondary = "".join(_code(2 + tone) for _, tone in letters)
    return primary + _LEVEL_SEPARATOR + secondary


def person_sort_key(full_name: str | None) -> str:
    """Vietnamese lists of people sort by the given name (the last word), then by the full name."""
    words = (full_name or "").split()
    given = words[-1] if words else ""
    return sort_key(given) + _LEVEL_SEPARATOR + sort_key(full_name)


def clean_text(value: str | None) -> str:
    """Trimmed, NFC-normalised single-line text (names arrive from many keyboards)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value or "")).strip()


_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(n: int) -> str:
    """Roman numerals, as official documents number quarters ("Quý I/2016") and sections: 4 -> "IV"."""
    out, n = "", int(n)
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out
