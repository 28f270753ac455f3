"""The official unit lists before and after 1/7/2025 and the arrangement between them, from the data files
of `vietnamadminunits` 1.0.4 (MIT, © 2025 Tran Ngoc Minh Hieu; see docs/imports.md).

The package is installed without its dependencies (requirements-data.txt) and is never imported: its
`__init__` needs shapely. Only `data/dataset.db` (SQLite) and `data/converter_2025.json` are read.
Types come from the names' prefixes: the package's type column is wrong for a few units.
"""

import datetime
import importlib.util
import json
import pathlib
import sqlite3
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .rows import Row, split_name

PACKAGE = "vietnamadminunits"
VERSION = "1.0.4"
LEGACY_DAY = datetime.date(2025, 6, 30)  # the pre-2025 list is the state on this day
ARRANGEMENT_DAY = datetime.date(2025, 7, 1)

PROVINCE_BASIS = "Nghị quyết 202/2025/QH15"
DISTRICT_BASIS = "Nghị quyết 203/2025/QH15; Luật 72/2025/QH15"
# The UBTVQH resolution on each province's commune arrangement of 2025, where it has been checked.
COMMUNE_BASIS = {"42": ("1665/NQ-UBTVQH15", "ngày 16/6/2025")}


def commune_basis(province_code: str, province_name: str) -> tuple[str, str]:
    """(legal basis, note) of a province's 2025 commune arrangement; a generic basis when the resolution's
    number has not been checked (never a guessed number)."""
    if province_code in COMMUNE_BASIS:
        number, day = COMMUNE_BASIS[province_code]
        return number, f"Nghị quyết {number} {day} của Ủy ban Thường vụ Quốc hội về sắp xếp ĐVHC cấp xã."
    return (
        f"Nghị quyết của UBTVQH về sắp xếp ĐVHC cấp xã của {province_name} năm 2025",
        "Số hiệu nghị quyết chưa được đối chiếu; cần bổ sung.",
    )


def data_dir() -> pathlib.Path:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ValidationError(
            _("Chưa cài dữ liệu danh mục %(p)s: chạy `make install` (pip install --no-deps %(p)s==%(v)s).")
            % {"p": PACKAGE, "v": VERSION}
        )
    return pathlib.Path(spec.submodule_search_locations[0]) / "data"


@dataclass
class Edge:
    old: str  # old commune (or island district) code
    new: str  # new commune code
    primary: bool
    divided: bool


@dataclass
class Package:
    legacy: list[Row] = field(default_factory=list)  # provinces, districts, communes on 30/06/2025
    current: list[Row] = field(default_factory=list)  # provinces and communes from 01/07/2025
    provinces: dict[str, list[str]] = field(default_factory=dict)  # new province code -> old province codes
    edges: list[Edge] = field(default_factory=list)


def load(province: str | None = None) -> Package:
    """The package's data, for one (new) province code or the whole country."""
    folder = data_dir()
    con = sqlite3.connect(f"file:{folder / 'dataset.db'}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        new = con.execute(
            "select province, provinceCode, provinceKey, ward, wardCode, wardKey from admin_units"
        ).fetchall()
        old = con.execute(
            "select province, provinceCode, provinceKey, district, districtCode, districtKey, ward, wardCode, wardKey "
            "from admin_units_legacy"
        ).fetchall()
    finally:
        con.close()
    converter = json.loads((folder / "converter_2025.json").read_text(encoding="utf-8"))
    new_province_code = {r["provinceKey"]: r["provinceCode"] for r in new}
    old_province_code = {r["provinceKey"]: r["provinceCode"] for r in old}
    package = Package()
    keep_new, keep_old = set(), set()
    for new_key, old_keys in converter["DICT_PROVINCE"].items():
        code = new_province_code[new_key]
        if province is None or code == province:
            keep_new.add(new_key)
            keep_old.update(old_keys)
            package.provinces[code] = [old_province_code[k] for k in old_keys]
    if province is not None and not keep_new:
        raise ValidationError({"province": _("Không có tỉnh mã %(c)s trong danh mục.") % {"c": province}})

    seen = set()
    for r in old:
        if r["provinceKey"] not in keep_old:
            continue
        if r["provinceCode"] not in seen:
            seen.add(r["provinceCode"])
            kind, name = split_name(r["province"], top=True)
            package.legacy.append(Row(code=r["provinceCode"], name=name, type=kind))
        if r["districtCode"] not in seen:
            seen.add(r["districtCode"])
            kind, name = split_name(r["district"], top=False)
            package.legacy.append(Row(code=r["districtCode"], name=name, type=kind, parent_code=r["provinceCode"]))
        if r["wardCode"]:
            kind, name = split_name(r["ward"], top=False)
            package.legacy.append(Row(code=r["wardCode"], name=name, type=kind, parent_code=r["districtCode"]))
    provinces_done = set()
    for r in new:
        if r["provinceKey"] in keep_new and r["provinceCode"] not in provinces_done:
            provinces_done.add(r["provinceCode"])
            kind, name = split_name(r["province"], top=True)
            package.current.append(Row(code=r["provinceCode"], name=name, type=kind))
    for r in new:
        if r["provinceKey"] in keep_new:
            kind, name = split_name(r["ward"], top=False)
            package.current.append(Row(code=r["wardCode"], name=name, type=kind, parent_code=r["provinceCode"]))

    old_code = {
        f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey'] or ''}": r["wardCode"] or r["districtCode"] for r in old
    }
    new_code = {(r["provinceKey"], r["wardKey"]): r["wardCode"] for r in new}
    for new_key in keep_new:
        for ward_key, old_keys in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].get(new_key, {}).items():
            for old_key in old_keys:
                package.edges.append(Edge(old_code[old_key], new_code[(new_key, ward_key)], True, False))
        for old_key, targets in converter["DICT_PROVINCE_WARD_DIVIDED"].get(new_key, {}).items():
            for target in targets:
                package.edges.append(
                    Edge(old_code[old_key], new_code[(new_key, target["newWardKey"])], target["isDefaultNewWard"], True)
                )
    return package
