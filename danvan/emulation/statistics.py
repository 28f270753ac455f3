"""Report tables A–E of the "Dân vận khéo" movement (docs/architecture.md, emulation), computed by the database:
each table is one or two grouped aggregates plus a few label look-ups, whatever the number of initiatives.
Everything goes through `access.visible(user, Initiative)`; with a unit, only initiatives whose registering unit
rolls up to it as of 31/12 of the year (so the records of communes merged later count toward their successor).

Definitions for year N:
- registered (đăng ký): initiatives of year N in every state, returned ones included;
- implementing (đang triển khai): state "implementing" or "reviewed" (launched, not yet evaluated);
- effective / not yet effective / stopped: the evaluation result;
- replicated (được nhân rộng): initiatives of year N that at least one other initiative (of any year or unit)
  replicates;
- praised or awarded: state "praised" or "awarded";
- new / continued: not linked / linked to an initiative of an earlier year (`continues`);
- table B: communes as they are on 31/12/N (merged communes count toward their successor, named as on that
  day); initiatives registered above commune level get one row per registering body, Party organisation,
  or the unit itself when neither is given;
- table D counts award decisions dated in year N (whatever the year of the initiative), one per recipient;
- table E compares year N with N−1 over the same territory (both roll up as of 31/12/N); the change in
  per cent is empty when N−1 has none.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from danvan.core import access
from danvan.core.models import Body, Unit, UnitLevel
from danvan.core.names import names_as_of, party_orgs_as_of
from danvan.core.selectors import rollup_filter, rollups_on
from danvan.core.text import roman, sort_key

from . import selectors
from .models import Award, AwardForm, Field, FieldGroup, Initiative, Kind, Result, State, SubjectType

COMMUNE = "commune"
TREND_YEARS = 6
BY = ("field", "group")

MEASURES = [
    ("registered", pgettext_lazy("số mô hình", "Đăng ký")),
    ("implementing", gettext_lazy("Đang triển khai")),
    ("effective", gettext_lazy("Hiệu quả")),
    ("not_effective", gettext_lazy("Chưa hiệu quả")),
    ("stopped", gettext_lazy("Dừng thực hiện")),
    ("replicated", gettext_lazy("Được nhân rộng")),
    ("recognized", gettext_lazy("Được biểu dương, khen thưởng")),
    ("new", gettext_lazy("Đăng ký mới")),
    ("continued", gettext_lazy("Tiếp tục từ năm trước")),
]
TOTAL = "total"


@dataclass
class Row:
    key: object
    label: str
    values: dict = field(default_factory=dict)
    kind: str = "row"  # row | subtotal | total
    number: str = ""
    cells: list = field(default_factory=list)


@dataclass
class Table:
    """One report table: `rows` (details, with subtotal rows where the table has them) and `total`, which is
    always the sum of the detail rows."""

    code: str
    title: str
    first: str
    columns: list[tuple[str, str]]
    rows: list[Row]
    total: Row

    def __post_init__(self):
        for row in [*self.rows, self.total]:
            row.cells = [row.values.get(key, 0) for key, _label in self.columns]

    @property
    def details(self) -> list[Row]:
        return [r for r in self.rows if r.kind == "row"]

    @property
    def has_subtotals(self) -> bool:
        return any(r.kind == "subtotal" for r in self.rows)

    @property
    def headers(self) -> list[str]:
        return [str(label) for _key, label in self.columns]

    def export_rows(self) -> list[list]:
        rows = [[r.number, r.label, *r.cells] for r in self.rows]
        return [*rows, ["", _("Tổng cộng"), *self.total.cells]]


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def _area(unit: Unit, as_of: datetime.date) -> QuerySet:
    """Units whose records count toward `unit` as of `as_of` (primary successions: each record once)."""
    return rollups_on(as_of).filter(target=unit, is_primary=True).values("unit_id")


def _initiatives(user, *, year: int, unit: Unit | None) -> QuerySet:
    """Initiatives in the user's scope (every year), limited to `unit`'s territory as of 31/12/`year`."""
    rows = access.visible(user, Initiative)
    if unit is not None:
        rows = rows.filter(unit__in=_area(unit, year_end(year)))
    return rows


def _measures() -> dict:
    replicated = Initiative.objects.filter(replicates=OuterRef("pk"))
    return {
        "registered": Count("pk"),
        "implementing": Count("pk", filter=Q(state__in=[State.IMPLEMENTING, State.REVIEWED])),
        "effective": Count("pk", filter=Q(result=Result.EFFECTIVE)),
        "not_effective": Count("pk", filter=Q(result=Result.NOT_EFFECTIVE)),
        "stopped": Count("pk", filter=Q(result=Result.STOPPED)),
        "replicated": Count("pk", filter=Q(Exists(replicated))),
        "recognized": Count("pk", filter=Q(state__in=[State.PRAISED, State.AWARDED])),
        "new": Count("pk", filter=Q(continues__isnull=True)),
        "continued": Count("pk", filter=Q(continues__isnull=False)),
    }


def _sum(rows: list[Row], keys) -> dict:
    return {k: sum(r.values.get(k, 0) for r in rows) for k in keys}


def _fields(unit: Unit | None, year: int, used_ids) -> list[tuple[FieldGroup, list[Field]]]:
    """The fields to report, grouped by national group: the unit's set for the year plus any other field that
    has data. Fields keep their order; a group comes where its first field comes."""
    fields = list(selectors.fields_for(unit, year))
    missing = set(used_ids) - {f.pk for f in fields} - {None}
    if missing:
        fields += list(Field.objects.select_related("group").filter(pk__in=missing))
    fields.sort(key=lambda f: (f.position, sort_key(f.name), f.pk))
    groups: dict[int, tuple[FieldGroup, list[Field]]] = {}
    for f in fields:
        groups.setdefault(f.group_id, (f.group, []))[1].append(f)
    return list(groups.values())


def _grouped_rows(grouped, counts: dict, keys, by: str) -> list[Row]:
    """Rows per field with a subtotal row heading each national group (by="field"), or one row per national
    group (by="group")."""
    rows: list[Row] = []
    number = 0
    for g, (group, fields) in enumerate(grouped, start=1):
        details = [Row(f.pk, f.name, {k: counts.get(f.pk, {}).get(k, 0) for k in keys}) for f in fields]
        if by == "group":
            rows.append(Row(group.pk, group.name, _sum(details, keys), number=str(g)))
            continue
        rows.append(Row(group.pk, group.name, _sum(details, keys), kind="subtotal", number=roman(g)))
        for row in details:
            number += 1
            row.number = str(number)
            rows.append(row)
    return rows


# --- Table A: by field ---------------------------------------------------------------------------------------


def by_field(*, user, year: int, unit: Unit | None = None, by: str = "field") -> Table:
    """Table A: the measures per local field with a subtotal per national group, or per national group."""
    rows = _initiatives(user, year=year, unit=unit).filter(year=year)
    counts = {r.pop("field_id"): r for r in rows.values("field_id").annotate(**_measures()).order_by()}
    keys = [k for k, _label in MEASURES]
    table_rows = _grouped_rows(_fields(unit, year, counts), counts, keys, by)
    details = [r for r in table_rows if r.kind == "row"]
    return Table(
        "a",
        _("Bảng A. Mô hình, điển hình theo lĩnh vực"),
        _("Lĩnh vực") if by == "field" else _("Nhóm lĩnh vực"),
        [(k, str(label)) for k, label in MEASURES],
        table_rows,
        Row(None, _("Tổng cộng"), _sum(details, keys), kind="total"),
    )


# --- Table B: by registering unit × field --------------------------------------------------------------------


def _unit_names(ids, day: datetime.date) -> dict[int, str]:
    """Names as they were on `day` (core.names: one query)."""
    return {pk: name.full_name for pk, name in names_as_of(ids, day, parents=False).items()}


def by_registrant(*, user, year: int, unit: Unit | None = None) -> Table:
    """Table B: rows = communes as on 31/12 (records of villages and of merged communes included), then the
    bodies, Party organisations or units that registered above commune level; columns = fields and total."""
    day = year_end(year)
    rows = _initiatives(user, year=year, unit=unit).filter(year=year)
    communes = (
        rollup_filter(rows, "unit", as_of=day, level_code=COMMUNE)
        .values("rollup_unit_id", "field_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    with_commune = rollups_on(day).filter(is_primary=True, target_level__code=COMMUNE).values("unit_id")
    above = (
        rows.exclude(unit__in=with_commune)
        .values("unit_id", "body_id", "party_org_id", "field_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict = defaultdict(lambda: defaultdict(int))
    used_fields = set()
    for item in communes:
        counts[("commune", item["rollup_unit_id"])][item["field_id"]] += item["n"]
        used_fields.add(item["field_id"])
    for item in above:
        if item["body_id"]:
            key = ("body", item["body_id"])
        elif item["party_org_id"]:
            key = ("party_org", item["party_org_id"])
        else:
            key = ("unit", item["unit_id"])
        counts[key][item["field_id"]] += item["n"]
        used_fields.add(item["field_id"])
    unit_ids = [k[1] for k in counts if k[0] in ("commune", "unit")]
    names = _unit_names(unit_ids, day) if unit_ids else {}
    body_ids = [k[1] for k in counts if k[0] == "body"]
    if body_ids:
        names.update(
            {("body", pk): name for pk, name in Body.objects.filter(pk__in=body_ids).values_list("pk", "name")}
        )
    org_ids = [k[1] for k in counts if k[0] == "party_org"]
    if org_ids:  # named as on 31/12 too (a Party organisation's versions)
        names.update({("party_org", pk): org.name for pk, org in party_orgs_as_of(org_ids, day, parents=False).items()})

    fields = [f for _group, group_fields in _fields(unit, year, used_fields) for f in group_fields]
    columns = [(f.pk, f.name) for f in fields] + [(TOTAL, _("Tổng số"))]

    def label(key):
        return names.get(key[1], "—") if key[0] in ("commune", "unit") else names.get(key, "—")

    def make(key) -> Row:
        values = dict(counts[key])
        values[TOTAL] = sum(values.values())
        return Row(key, label(key), values)

    commune_rows = sorted((make(k) for k in counts if k[0] == "commune"), key=lambda r: sort_key(r.label))
    other_rows = sorted((make(k) for k in counts if k[0] != "commune"), key=lambda r: sort_key(r.label))
    table_rows = commune_rows + other_rows
    for n, row in enumerate(table_rows, start=1):
        row.number = str(n)
    keys = [k for k, _label in columns]
    return Table(
        "b",
        _("Bảng B. Mô hình, điển hình theo đơn vị đăng ký"),
        _("Xã, phường, thị trấn / cơ quan, đơn vị"),
        columns,
        table_rows,
        Row(None, _("Tổng cộng"), _sum(table_rows, keys), kind="total"),
    )


# --- Table C: by management level and subject type × kind ----------------------------------------------------


def by_level(*, user, year: int, unit: Unit | None = None) -> Table:
    """Table C: rows = management level (subtotal) × subject type; columns = the three kinds and total."""
    rows = _initiatives(user, year=year, unit=unit).filter(year=year)
    grouped = rows.values("level_id", "subject_type_id", "kind").annotate(n=Count("pk")).order_by()
    counts: dict = defaultdict(lambda: defaultdict(dict))
    for item in grouped:
        counts[item["level_id"]][item["subject_type_id"]][item["kind"]] = item["n"]
    levels = UnitLevel.objects.filter(pk__in=list(counts)).order_by("rank", "position")
    subject_ids = {s for by_subject in counts.values() for s in by_subject}
    subjects = {s.pk: s for s in SubjectType.objects.filter(pk__in=subject_ids)}
    columns = [(k.value, str(k.label)) for k in Kind] + [(TOTAL, _("Tổng số"))]
    keys = [k for k, _label in columns]
    table_rows: list[Row] = []
    number = 0
    for g, level in enumerate(levels, start=1):
        details = []
        ordered = sorted(counts[level.pk], key=lambda s: (subjects[s].position, sort_key(subjects[s].name)))
        for subject_id in ordered:
            values = dict(counts[level.pk][subject_id])
            values[TOTAL] = sum(values.values())
            number += 1
            details.append(Row((level.pk, subject_id), subjects[subject_id].name, values, number=str(number)))
        subtotal = Row(level.pk, _("Cấp %(l)s") % {"l": level.name.lower()}, _sum(details, keys), kind="subtotal")
        subtotal.number = roman(g)
        table_rows += [subtotal, *details]
    details = [r for r in table_rows if r.kind == "row"]
    return Table(
        "c",
        _("Bảng C. Theo cấp quản lý, loại chủ thể và loại mô hình"),
        _("Cấp quản lý / loại chủ thể"),
        columns,
        table_rows,
        Row(None, _("Tổng cộng"), _sum(details, keys), kind="total"),
    )


# --- Table D: awards --------------------------------------------------------------------------------------------


def awards(*, user, year: int, unit: Unit | None = None) -> Table:
    """Table D: award and praise decisions dated in the year, per form × recipient kind."""
    start, end = datetime.date(year, 1, 1), year_end(year)
    rows = Award.objects.filter(
        initiative__in=_initiatives(user, year=year, unit=unit).values("pk"),
        decided_on__gte=start,
        decided_on__lte=end,
    )
    grouped = rows.values("form_id", "recipient_kind").annotate(n=Count("pk")).order_by()
    counts: dict = defaultdict(dict)
    for item in grouped:
        counts[item["form_id"]][item["recipient_kind"]] = item["n"]
    in_force = Q(valid_from__lte=end) & (Q(valid_to__isnull=True) | Q(valid_to__gte=start))
    forms = AwardForm.objects.filter(in_force | Q(pk__in=list(counts))).order_by("position", "name")
    columns = [(k.value, str(k.label)) for k in Award.Recipient] + [(TOTAL, _("Tổng số"))]
    keys = [k for k, _label in columns]
    table_rows = []
    for n, form in enumerate(forms, start=1):
        values = dict(counts.get(form.pk, {}))
        values[TOTAL] = sum(values.values())
        table_rows.append(Row(form.pk, form.name, values, number=str(n)))
    return Table(
        "d",
        _("Bảng D. Khen thưởng, biểu dương"),
        _("Hình thức"),
        columns,
        table_rows,
        Row(None, _("Tổng cộng"), _sum(table_rows, keys), kind="total"),
    )


# --- Table E: year on year -------------------------------------------------------------------------------------


def change(now: int, before: int) -> float | None:
    return round(100 * (now - before) / before, 1) if before else None


def _compare(values: dict) -> dict:
    for measure in ("registered", "effective"):
        now, before = values[f"{measure}_now"], values[f"{measure}_before"]
        values[f"{measure}_diff"] = now - before
        values[f"{measure}_pct"] = change(now, before)
    return values


def year_on_year(*, user, year: int, unit: Unit | None = None, by: str = "field") -> Table:
    """Table E: registered and effective in year N against N−1, per field (or national group) and in total."""
    rows = _initiatives(user, year=year, unit=unit).filter(year__in=[year - 1, year])
    effective = Q(result=Result.EFFECTIVE)
    grouped = (
        rows.values("field_id")
        .annotate(
            registered_now=Count("pk", filter=Q(year=year)),
            registered_before=Count("pk", filter=Q(year=year - 1)),
            effective_now=Count("pk", filter=Q(year=year) & effective),
            effective_before=Count("pk", filter=Q(year=year - 1) & effective),
        )
        .order_by()
    )
    counts = {r.pop("field_id"): r for r in grouped}
    raw = ["registered_now", "registered_before", "effective_now", "effective_before"]
    table_rows = [r for r in _grouped_rows(_fields(unit, year, counts), counts, raw, by) if r.kind == "row"]
    for row in table_rows:
        _compare(row.values)
    columns = [
        ("registered_now", _("Đăng ký năm %(y)s") % {"y": year}),
        ("registered_before", _("Đăng ký năm %(y)s") % {"y": year - 1}),
        ("registered_diff", _("Tăng (+), giảm (−)")),
        ("registered_pct", _("Tỷ lệ tăng, giảm (%)")),
        ("effective_now", _("Hiệu quả năm %(y)s") % {"y": year}),
        ("effective_before", _("Hiệu quả năm %(y)s") % {"y": year - 1}),
        ("effective_diff", _("Tăng (+), giảm (−)")),
        ("effective_pct", _("Tỷ lệ tăng, giảm (%)")),
    ]
    return Table(
        "e",
        _("Bảng E. So sánh với năm trước"),
        _("Lĩnh vực") if by == "field" else _("Nhóm lĩnh vực"),
        columns,
        table_rows,
        Row(None, _("Tổng cộng"), _compare(_sum(table_rows, raw)), kind="total"),
    )


# --- Trend and the whole report ------------------------------------------------------------------------------


def trend(*, user, year: int, unit: Unit | None = None, years: int = TREND_YEARS) -> list[dict]:
    """Registered and effective per year for the `years` years up to `year` (same territory as of 31/12)."""
    first = year - years + 1
    rows = _initiatives(user, year=year, unit=unit).filter(year__gte=first, year__lte=year)
    grouped = {
        r["year"]: r
        for r in rows.values("year")
        .annotate(registered=Count("pk"), effective=Count("pk", filter=Q(result=Result.EFFECTIVE)))
        .order_by()
    }
    return [
        {
            "year": y,
            "registered": grouped.get(y, {}).get("registered", 0),
            "effective": grouped.get(y, {}).get("effective", 0),
        }
        for y in range(first, year + 1)
    ]


TABLES = {
    "a": lambda **kw: by_field(**kw),
    "b": lambda *, by, **kw: by_registrant(**kw),
    "c": lambda *, by, **kw: by_level(**kw),
    "d": lambda *, by, **kw: awards(**kw),
    "e": lambda **kw: year_on_year(**kw),
}


def table(code: str, *, user, year: int, unit: Unit | None = None, by: str = "field") -> Table:
    return TABLES[code](user=user, year=year, unit=unit, by=by if by in BY else "field")


def report(*, user, year: int, unit: Unit | None = None, by: str = "field") -> dict:
    """All five tables (by code) and the trend, for the statistics page and its printable version."""
    tables = {code: table(code, user=user, year=year, unit=unit, by=by) for code in TABLES}
    return {"tables": tables, "trend": trend(user=user, year=year, unit=unit)}


# --- The honoured models (the yearly report's list beside table D) ---------------------------------------------


def honoured(*, user, year: int, unit: Unit | None = None) -> list[Award]:
    """The award and praise decisions that table D counts (dated in the year, initiatives of the territory as of
    31/12), one per recipient, with their initiative; each initiative's unit is named as of 31/12 of the year
    (`unit_name`). Ordered by form, then the initiative's name in Vietnamese order."""
    start, end = datetime.date(year, 1, 1), year_end(year)
    rows = list(
        Award.objects.filter(
            initiative__in=_initiatives(user, year=year, unit=unit).values("pk"),
            decided_on__gte=start,
            decided_on__lte=end,
        ).select_related("form", "awarding_body", "initiative__field", "initiative__body", "initiative__party_org")
    )
    unit_names = _unit_names({a.initiative.unit_id for a in rows}, end) if rows else {}
    for award in rows:
        award.unit_name = unit_names.get(award.initiative.unit_id, "")
    return sorted(rows, key=lambda a: (a.form.position, sort_key(a.form.name), sort_key(a.initiative.name), a.pk))
