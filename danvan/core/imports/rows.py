"""One unit of a list, and the official type names ("Xã", "Thị trấn", "Quận"...) mapped to danvan's types."""

import datetime
from dataclasses import dataclass

from ..text import fold

# Level code of each type code (core/migrations/0003_seed_reference_data.py).
TYPE_LEVEL = {
    "province": "province",
    "central_city": "province",
    "rural_district": "district",
    "district_town": "district",
    "provincial_city": "district",
    "urban_district": "district",
    "commune": "commune",
    "ward": "commune",
    "town": "commune",
    "special_zone": "commune",
}
LEVEL_RANK = {"province": 1, "district": 2, "commune": 3}

# Official names as they precede a unit's name, longest first. "Thành phố" is a province (thành phố trực
# thuộc trung ương) when the unit has no parent, otherwise a district-level city (thành phố thuộc tỉnh).
_PREFIXES = [
    ("thanh pho truc thuoc trung uong", "central_city"),
    ("thanh pho thuoc tinh", "provincial_city"),
    ("thanh pho", "city"),
    ("thi tran", "town"),
    ("dac khu", "special_zone"),
    ("thi xa", "district_town"),
    ("phuong", "ward"),
    ("huyen", "rural_district"),
    ("quan", "urban_district"),
    ("tinh", "province"),
    ("xa", "commune"),
]


def type_from_label(label: str, *, top: bool) -> str | None:
    """Type code of an official type label ("Thị trấn", "Thành phố"...), None if unknown."""
    key = fold(label).strip()
    for prefix, code in _PREFIXES:
        if key == prefix:
            return ("central_city" if top else "provincial_city") if code == "city" else code
    return None


def split_name(full_name: str, *, top: bool) -> tuple[str | None, str]:
    """("town", "Nghèn") from "Thị trấn Nghèn"; (None, name) when the name starts with no type."""
    words = full_name.split()
    folded = fold(full_name)
    for prefix, code in _PREFIXES:
        if folded.startswith(prefix + " "):
            count = len(prefix.split())
            kind = ("central_city" if top else "provincial_city") if code == "city" else code
            return kind, " ".join(words[count:])
    return None, full_name.strip()


@dataclass
class Row:
    code: str
    name: str
    type: str  # a type code of TYPE_LEVEL
    parent_code: str = ""  # "" for a province
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    predecessors: tuple[tuple[str, bool], ...] = ()  # (old code, this row is its primary successor)
    line: int = 0  # the row in the file, for messages

    @property
    def level(self) -> str:
        return TYPE_LEVEL[self.type]
