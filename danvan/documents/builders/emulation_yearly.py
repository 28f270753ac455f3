"""Báo cáo kết quả phong trào thi đua "Dân vận khéo" of a year, in the Party layout, for a committee's unit (the
record the movement's statistics page is keyed by, with the year): tables A–E and the trend exactly as
danvan.emulation.statistics computes them for that page, the honoured models and exemplars (the award decisions
table D counts) as the annex, and narrative sections pre-filled from the figures. The territory and the units'
names are those of 31/12 of the year; a year that has not ended is drafted with "số liệu tạm tính"."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from danvan.core import access, dates, names, permissions
from danvan.core.models import Unit
from danvan.core.permissions import Cap
from danvan.emulation import statistics as stats

from ..engine import Doc, Para, Table
from ..forms import TEXTAREA, DocumentForm, period_input
from ..models import Issuer
from . import Template, assemble, register

YEAR = re.compile(r"^\s*(\d{4})\s*$")
TEXT_LIMIT = 20000
SHORTCOMINGS = (
    "Một số mô hình đăng ký chưa cụ thể, chưa gắn với nhiệm vụ trọng tâm; việc sơ kết, nhân rộng mô hình hiệu quả "
    "ở một số nơi còn chậm."
)
DIRECTIONS = (
    "Tiếp tục đẩy mạnh phong trào thi đua “Dân vận khéo”; hướng dẫn đăng ký mô hình gắn với nhiệm vụ chính trị của "
    "từng địa phương, đơn vị; kịp thời sơ kết, biểu dương, khen thưởng và nhân rộng các mô hình hiệu quả."
)
MASS_MOBILIZATION = "mass_mobilization"


def parse_year(value) -> int | None:
    match = YEAR.match(str(value or ""))
    return int(match[1]) if match and 1900 <= int(match[1]) <= 2999 else None


def default_year() -> int:
    """The last year that has ended."""
    return dates.today().year - 1


def _fmt(day: datetime.date | None) -> str:
    return date_format(day, "d/m/Y") if day else ""


def cell(value) -> str:
    """A figure as the statistics page prints it: "—" for none, a decimal comma."""
    if value is None:
        return "—"
    return str(value).replace(".", ",") if isinstance(value, float) else str(value)


class EmulationYearlyForm(DocumentForm):
    year = forms.CharField(
        label=_("Năm báo cáo"),
        max_length=4,
        help_text=_("Đổi năm: các mục nội dung được soạn lại từ số liệu của năm đó."),
        widget=period_input(),
    )
    overview = forms.CharField(
        label=_("I. Kết quả thực hiện (đánh giá chung)"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    shortcomings = forms.CharField(
        label=_("II. Tồn tại, hạn chế"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    directions = forms.CharField(
        label=_("III. Phương hướng, nhiệm vụ năm tới"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )

    field_order = [
        "year",
        "dated",
        "subject",
        "overview",
        "shortcomings",
        "directions",
        "authority",
        "signer_title",
        "signer_name",
        "recipients",
    ]

    def clean_year(self):
        year = parse_year(self.cleaned_data["year"])
        if year is None:
            raise ValidationError(_("Nhập năm gồm bốn chữ số, ví dụ 2015."))
        if year > dates.today().year:
            raise ValidationError(_("Chưa thể báo cáo cho năm này."))
        return str(year)


# --- The figures -----------------------------------------------------------------------------------------------


def figures(unit: Unit, year: int) -> dict:
    """The statistics page's report of the unit for the year (tables A–E by field, the trend) and the honoured
    list. The document is the unit's, whoever drafts it: read as the system (the drafter's capability over the
    unit was checked), so it holds every initiative of the territory, as the page does for the unit's officers."""
    reader = access.system_actor()
    report = stats.report(user=reader, year=year, unit=unit, by="field")
    report["honoured"] = stats.honoured(user=reader, year=year, unit=unit)
    return report


def _summary(unit_name: str, year: int, report: dict) -> str:
    a, e = report["tables"]["a"], report["tables"]["e"]
    total = a.total.values
    by_field = "; ".join(f"{r.label}: {r.values['registered']}" for r in a.details if r.values["registered"])
    text = (
        f"Năm {year}, {unit_name} có {total['registered']} mô hình, điển hình “Dân vận khéo” đăng ký"
        + (f" ({by_field})" if by_field else "")
        + f"; {total['effective']} mô hình, điển hình được đánh giá hiệu quả, {total['replicated']} được nhân rộng, "
        f"{total['recognized']} được biểu dương, khen thưởng."
    )
    diff, pct = e.total.values["registered_diff"], e.total.values["registered_pct"]
    if e.total.values["registered_before"]:
        way = "tăng" if diff >= 0 else "giảm"
        text += f" So với năm {year - 1}, số mô hình, điển hình đăng ký {way} {abs(diff)} ({cell(abs(pct))}%)."
    return text


def _unit_on(unit: Unit, year: int) -> Unit:
    names.relabel([unit], stats.year_end(year))  # for display only: the unit as named on 31/12 of the year
    return unit


def _defaults(unit: Unit, issuer: Issuer, period: str = "") -> dict:
    year = parse_year(period) or default_year()
    if year > dates.today().year:
        year = default_year()
    report = figures(unit, year)
    collective = issuer.collective.upper() if issuer.collective else ""
    return {
        "year": str(year),
        "dated": min(dates.today(), stats.year_end(year)),
        "subject": f"kết quả thực hiện phong trào thi đua “Dân vận khéo” năm {year}",
        "overview": _summary(_unit_on(unit, year).full_name, year, report),
        "shortcomings": SHORTCOMINGS,
        "directions": DIRECTIONS,
        "authority": f"T/M {collective}" if collective else "K/T TRƯỞNG BAN",
        "signer_title": "BÍ THƯ" if collective else "PHÓ TRƯỞNG BAN",
        "signer_name": "",
        "recipients": "Ban Dân vận cấp ủy cấp trên (để báo cáo),\nCác cơ quan, đơn vị, địa phương,",
    }


def _subject(unit, options: dict) -> str:
    return options.get("subject") or f"kết quả thực hiện phong trào thi đua “Dân vận khéo” năm {options.get('year')}"


# --- The document ------------------------------------------------------------------------------------------


def _paras(text: str, empty: str) -> list[Para]:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return [Para.text(line) for line in lines] or ([Para.text(empty, italic=True)] if empty else [])


def _heading(text: str) -> Para:
    return Para.text(text, bold=True, indent=False)


def stat_table(table) -> Table:
    """A report table as the statistics page shows it: STT, the first column, the measures, the total row."""
    rows = [[r.number, r.label, *(cell(c) for c in r.cells)] for r in table.rows]
    rows.append(["", "Tổng cộng", *(cell(c) for c in table.total.cells)])
    n = len(table.columns)
    rest = 0.72 if n > 4 else 0.6
    widths = [0.08, 1 - 0.08 - rest, *([rest / n] * n)]
    return Table(["STT", str(table.first), *table.headers], rows, widths)


def _registrant(award) -> str:
    initiative = award.initiative
    if initiative.body_id:
        return initiative.body.name
    if initiative.party_org_id:
        return initiative.party_org.name
    return award.unit_name


def _build(document, unit: Unit, issuer: Issuer, options: dict) -> Doc:
    year = parse_year(options.get("year")) or default_year()
    report = figures(unit, year)
    unit = _unit_on(unit, year)
    end = stats.year_end(year)
    body: list[Para | Table] = []
    if dates.today() <= end:
        body.append(
            Para.text(
                f"(Năm {year} chưa kết thúc: số liệu tạm tính đến ngày {_fmt(dates.today())})",
                italic=True,
                align="center",
            )
        )
    issuing = issuer.body or issuer.party_org
    body.append(
        Para.text(
            f"Thực hiện phong trào thi đua “Dân vận khéo”, {issuing.name} báo cáo kết quả thực hiện năm {year} trên "
            f"địa bàn {unit.full_name} (số liệu tính đến ngày {_fmt(end)}) như sau:"
        )
    )
    body.append(_heading("I. KẾT QUẢ THỰC HIỆN"))
    body += _paras(options.get("overview", ""), "")
    for table in report["tables"].values():
        body.append(Para.text(str(table.title), bold=True, italic=True, indent=False))
        body.append(stat_table(table))
    trend = report["trend"]
    body.append(Para.text("Diễn biến qua các năm", bold=True, italic=True, indent=False))
    body.append(
        Table(
            ["Năm", *(str(t["year"]) for t in trend)],
            [
                ["Đăng ký", *(str(t["registered"]) for t in trend)],
                ["Hiệu quả", *(str(t["effective"]) for t in trend)],
            ],
            [0.16, *([0.84 / len(trend)] * len(trend))],
        )
    )
    body.append(_heading("II. TỒN TẠI, HẠN CHẾ"))
    body += _paras(options.get("shortcomings", ""), "Không có.")
    body.append(_heading(f"III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {year + 1}"))
    body += _paras(options.get("directions", ""), "")
    honoured = report["honoured"]
    annex = [
        Para.text("PHỤ LỤC", bold=True, align="center"),
        Para.text(
            f"DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” ĐƯỢC BIỂU DƯƠNG, KHEN THƯỞNG NĂM {year}",
            bold=True,
            align="center",
        ),
        Para.text(
            f"(Kèm theo Báo cáo số {document.reference}, ngày {_fmt(document.dated)})", italic=True, align="center"
        ),
    ]
    if honoured:
        annex.append(
            Table(
                ["STT", "Mô hình, điển hình", "Đơn vị", "Lĩnh vực", "Hình thức", "Tập thể, cá nhân", "Quyết định"],
                [
                    [
                        str(i),
                        a.initiative.name,
                        _registrant(a),
                        a.initiative.field.name,
                        a.form.name,
                        a.recipient,
                        ", ".join(p for p in (a.decision_number, _fmt(a.decided_on)) if p),
                    ]
                    for i, a in enumerate(honoured, 1)
                ],
                [0.06, 0.22, 0.16, 0.12, 0.14, 0.16, 0.14],
            )
        )
    else:
        annex.append(Para.text(f"Năm {year} không có quyết định biểu dương, khen thưởng.", italic=True))
    return assemble(document, issuer, options, body, annex=annex)


def _load(user, pk):
    return access.get_for_user(user, Unit, pk)  # 404 outside the user's reach


def _issuer(unit) -> Issuer | None:
    """The unit's Party issuer: its Ban Dân vận when registered, else the committee."""
    first = Case(When(body__type__code=MASS_MOBILIZATION, then=Value(0)), default=Value(1), output_field=IntegerField())
    return (
        Issuer.objects.filter(unit=unit, system="party", is_active=True)
        .annotate(first=first)
        .order_by("first", "pk")
        .first()
    )


def _candidates(user):
    """The units of the Party issuers the user reaches on which they manage the movement (two queries)."""
    issuers = access.visible(user, Issuer).filter(system="party", is_active=True).select_related("unit__type")
    managed = permissions.scope_unit_ids(user, Cap.MANAGE_EMULATION)
    if managed is not None:
        issuers = issuers.filter(unit__in=managed)
    seen = set()
    for issuer in issuers.order_by("unit__sort_key", "pk")[:100]:
        if issuer.unit_id not in seen:
            seen.add(issuer.unit_id)
            yield issuer.unit_id, issuer.unit.full_name, f"năm {default_year()}"


EMULATION_YEARLY = register(
    Template(
        code="bao-cao-dan-van-kheo-nam",
        label=_("Báo cáo kết quả phong trào thi đua “Dân vận khéo” năm"),
        doc_type="bao-cao",
        action="",
        load=_load,
        issuer=_issuer,
        defaults=_defaults,
        build=_build,
        subject=_subject,
        form=EmulationYearlyForm,
        description=_(
            "Thể thức văn bản của Đảng: các bảng A–E như trang thống kê “Dân vận khéo”, diễn biến qua các năm, "
            "phụ lục danh sách mô hình, điển hình được biểu dương, khen thưởng; số liệu tính đến 31/12."
        ),
        candidates=_candidates,
        label_of=lambda unit: f"Dân vận khéo: {unit.full_name}",
        url_of=lambda pk: f"{reverse('emulation:statistics')}?don_vi={pk}",
        period="year",
        cap=Cap.MANAGE_EMULATION,
        text_limit=TEXT_LIMIT,
    )
)
