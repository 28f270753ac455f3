"""Báo cáo quý về công tác chỉ đạo cơ sở, drafted for a review conference (Hội nghị đánh giá công tác chỉ đạo cơ
sở) from the figures of its committee's area and quarter (quarter_figures: the same statistics as the pages), in
the Party layout. The narrative sections are the user's, pre-filled from the figures; the tables are generated."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from danvan.core import access, dates
from danvan.core.services.common import fmt
from danvan.core.text import roman
from danvan.petitions import selectors as petitions

from .. import engine
from ..engine import Doc, Para, Table
from ..forms import DocumentForm
from ..models import Issuer, System
from . import Template, assemble, register
from .quarter_figures import QuarterFigures, quarter_figures

NARRATIVE = 20000
BACKGROUND_FROM_RANK = 1  # a province's (or the country's) report is drafted by the worker, with its progress


def _area(rows: int = 5):
    return forms.Textarea(attrs={"rows": rows})


class QuarterlyReportForm(DocumentForm):
    situation = forms.CharField(label=_("I. Tình hình chung"), widget=_area(), required=False)
    results = forms.CharField(
        label=_("II. Kết quả (phần nhận định; các số liệu và bảng do hệ thống lập)"), widget=_area(), required=False
    )
    shortcomings = forms.CharField(label=_("III. Hạn chế, khó khăn"), widget=_area(), required=False)
    tasks_next = forms.CharField(label=_("IV. Nhiệm vụ trọng tâm quý tới"), widget=_area(), required=False)
    proposals = forms.CharField(label=_("V. Đề xuất, kiến nghị"), widget=_area(3), required=False)

    field_order = ["dated", "subject", "situation", "results", "shortcomings", "tasks_next", "proposals"]


def _day(value) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def committee_issuer(unit, day: datetime.date) -> Issuer | None:
    """The committee of the unit that numbers its Party documents (Huyện ủy, Tỉnh ủy, Đảng ủy xã) on `day`."""
    issuers = Issuer.objects.filter(unit=unit, system=System.PARTY, is_active=True).select_related("body__type")
    ranked = sorted(
        issuers,
        key=lambda i: (
            not (i.body_id and i.body.type.code == "party_committee"),
            not (i.body_id and i.body.valid_from <= day and (i.body.valid_to is None or i.body.valid_to >= day)),
            i.pk,
        ),
    )
    return ranked[0] if ranked else None


def display_name(issuer: Issuer) -> str:
    """The issuer as a sentence names it ("Huyện ủy Can Lộc"), not as the header does ("HUYỆN ỦY CAN LỘC")."""
    if issuer.body_id:
        return issuer.body.name
    if issuer.party_org_id:
        return issuer.party_org.name
    return issuer.name


def load_conference(user, pk):
    conference = petitions.conference_get(user=user, pk=pk)
    conference.drafter = user  # the figures are those the drafting user sees on the pages
    return conference


def _user(document, conference):
    return getattr(conference, "drafter", None) or document.reserved_by


def _issuer(conference) -> Issuer | None:
    return committee_issuer(conference.unit, conference.held_on)


def _prepare(conference, options: dict) -> None:
    """The figures, read before the register's transaction (and refused for a date before the quarter)."""
    dated = _day(options.get("dated"))
    if dated is None:
        return
    if dated < conference.quarter_start:
        raise ValidationError(
            {"dated": _("Báo cáo quý không thể đề ngày trước ngày %(d)s.") % {"d": fmt(conference.quarter_start)}}
        )
    conference.prepared_figures = (dated, _read(conference, getattr(conference, "drafter", None), dated))


def _read(conference, user, dated) -> QuarterFigures:
    return quarter_figures(
        user=user or access.system_actor(),
        unit=conference.unit,
        year=conference.year,
        quarter=conference.quarter,
        as_of=dated,
    )


def _figures(document, conference, dated=None) -> QuarterFigures:
    dated = dated or document.dated
    prepared = getattr(conference, "prepared_figures", None)
    if prepared is not None and prepared[0] == dated:
        return prepared[1]
    return _read(conference, _user(document, conference), dated)


def _pct(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


def _situation(f: QuarterFigures, issuer_name: str) -> str:
    return (
        f"Trong {f.label}, {issuer_name} tiếp tục chỉ đạo {len(f.groups)} đoàn công tác với "
        f"{f.total('teams')} tổ công tác phụ trách {f.total('communes')} xã, phường, thị trấn; các đoàn, tổ bám sát "
        "cơ sở, dự sinh hoạt chi bộ, nắm tình hình và tổng hợp kiến nghị của cơ sở."
    )


def _results(f: QuarterFigures) -> str:
    p = f.petitions
    return (
        f"Các tổ công tác dự {f.total('visits')}/{f.total('visits_expected')} lượt sinh hoạt chi bộ theo quy định "
        f"({_pct(f.total('visits'), f.total('visits_expected'))}); gửi {f.total('reports_submitted')}/"
        f"{f.total('reports_expected')} báo cáo tháng ({_pct(f.total('reports_on_time'), f.total('reports_expected'))} "
        f"đúng hạn). Tiếp nhận {p.get('received', 0)} kiến nghị mới, {p.get('pending', 0)} kiến nghị kỳ trước chuyển "
        f"sang; đã giải quyết {p.get('resolved', 0)}, trong đó {p.get('on_time', 0)} đúng hạn; {f.overdue_count} kiến "
        "nghị quá hạn chưa trả lời."
    )


RECIPIENTS = {  # by the level of the committee's unit
    "central": "Bộ Chính trị, Ban Bí thư (để báo cáo),\nCác ban đảng Trung ương,",
    "province": "Ban Dân vận Trung ương (để báo cáo),\nVăn phòng Trung ương Đảng,\nCác đồng chí Tỉnh ủy viên,\n"
    "Các đoàn công tác,",
    "district": "Ban Thường vụ Tỉnh ủy (để báo cáo),\nBan Dân vận Tỉnh ủy,\nCác đồng chí Huyện ủy viên,\n"
    "Các đoàn công tác,",
    "commune": "Ban Thường vụ Tỉnh ủy (để báo cáo),\nBan Dân vận Tỉnh ủy,\nCác đồng chí Đảng ủy viên,\n"
    "Các tổ công tác,",
}


def recipients_for(unit) -> str:
    return RECIPIENTS.get(unit.level.code, RECIPIENTS["district"])


def _defaults(conference, issuer: Issuer) -> dict:
    """The form's first values: the narrative drafted from the figures, except for a report the worker drafts
    (a province's), whose figures are not read in the request: its empty sections are drafted when it is built."""
    dated = min(conference.held_on, max(conference.quarter_start, dates.today()))
    label = f"quý {roman(conference.quarter)}/{conference.year}"
    situation = results = ""
    if not _background(conference):
        figures = _read(conference, getattr(conference, "drafter", None), dated)
        situation, results = _situation(figures, display_name(issuer)), _results(figures)
    open_tasks = [t.content for t in petitions.conference_tasks(conference)]
    return {
        "dated": dated,
        "subject": f"công tác chỉ đạo cơ sở {label}",
        "situation": situation,
        "results": results,
        "shortcomings": "",
        "tasks_next": "\n".join(open_tasks),
        "proposals": "",
        "authority": f"T/M {issuer.collective}" if issuer.collective else "",
        "signer_title": "PHÓ BÍ THƯ THƯỜNG TRỰC",
        "signer_name": "",
        "recipients": recipients_for(conference.unit),
    }


def _background(conference) -> bool:
    return conference.unit.level.rank <= BACKGROUND_FROM_RANK


def _subject(conference, options: dict) -> str:
    label = f"quý {roman(conference.quarter)}/{conference.year}"
    return options.get("subject") or f"công tác chỉ đạo cơ sở {label}"


def _paragraphs(text: str) -> list[Para]:
    return [Para.text(line.strip()) for line in (text or "").splitlines() if line.strip()]


def _heading(text: str) -> Para:
    return Para.text(text, bold=True, indent=True)


def _groups_table(f: QuarterFigures) -> Table:
    rows = [
        [
            str(i),
            g.name,
            str(g.teams),
            str(g.communes),
            f"{g.visits}/{g.visits_expected}",
            f"{g.reports_submitted}/{g.reports_expected}",
            f"{g.reports_on_time}/{g.reports_expected}",
        ]
        for i, g in enumerate(f.groups, 1)
    ]
    rows.append(
        [
            "",
            "Cộng",
            str(f.total("teams")),
            str(f.total("communes")),
            f"{f.total('visits')}/{f.total('visits_expected')}",
            f"{f.total('reports_submitted')}/{f.total('reports_expected')}",
            f"{f.total('reports_on_time')}/{f.total('reports_expected')}",
        ]
    )
    headers = ["TT", "Đoàn công tác", "Số tổ", "Số xã", "Dự sinh hoạt chi bộ", "Báo cáo tháng", "Đúng hạn"]
    return Table(headers, rows, [0.06, 0.34, 0.08, 0.08, 0.16, 0.14, 0.14])


def _petitions_table(f: QuarterFigures) -> Table:
    p = f.petitions
    headers = ["Kỳ trước chuyển sang", "Tiếp nhận mới", "Đã trả lời", "Đã giải quyết", "Đúng hạn", "Quá hạn"]
    row = [str(p.get(k, 0)) for k in ("pending", "received", "answered", "resolved", "on_time")] + [
        str(f.overdue_count)
    ]
    return Table(headers, [row], [1 / 6] * 6)


def _emulation_table(f: QuarterFigures) -> Table:
    table = f.emulation
    keys = [k for k, _label in table.columns][:3]
    headers = ["TT", str(table.first), *[str(label) for _key, label in table.columns[:3]]]
    rows = [[r.number, r.label, *[str(r.values.get(k, 0)) for k in keys]] for r in table.rows]
    rows.append(["", "Tổng cộng", *[str(table.total.values.get(k, 0)) for k in keys]])
    return Table(headers, rows, [0.07, 0.45, 0.16, 0.16, 0.16])


def _emulation_sentence(f: QuarterFigures) -> str:
    table = f.emulation
    total = table.total.values.get("registered", 0)
    details = [r for r in table.rows if r.kind == "row" and r.values.get("registered", 0)]
    parts = ", ".join(f"{r.values.get('registered', 0)} {r.label[:1].lower()}{r.label[1:]}" for r in details)
    return f"Năm {f.emulation_year}, toàn địa bàn đăng ký {total} mô hình, điển hình “Dân vận khéo”" + (
        f", gồm: {parts}." if parts else "."
    )


def _democracy_table(f: QuarterFigures) -> Table:
    rows = [
        [str(i), r.unit.full_name, str(r.due), str(r.met), _pct(r.met, r.due)]
        for i, r in enumerate(sorted(f.democracy, key=lambda r: r.unit.sort_key), 1)
    ]
    rows.append(["", "Cộng", str(f.democracy_due), str(f.democracy_met), _pct(f.democracy_met, f.democracy_due)])
    return Table(
        ["TT", "Xã, phường, thị trấn", "Việc phải làm", "Đã thực hiện", "Tỷ lệ"], rows, [0.07, 0.45, 0.16, 0.16, 0.16]
    )


def _overdue_table(f: QuarterFigures) -> Table:
    rows = [
        [
            str(i),
            p.code,
            p.unit.full_name,
            engine.clean(p.content[:300]),
            p.body.name if p.body_id else "",
            date_format(p.due_on, "d/m/Y") if p.due_on else "",
        ]
        for i, p in enumerate(f.overdue, 1)
    ]
    headers = ["TT", "Số", "Nơi phát sinh", "Nội dung", "Cơ quan giải quyết", "Hạn"]
    return Table(headers, rows, [0.05, 0.1, 0.17, 0.38, 0.18, 0.12])


def _build(document, conference, issuer: Issuer, options: dict) -> Doc:
    f = _figures(document, conference, _day(options.get("dated")))
    body: list = []
    if f.provisional:
        body.append(
            Para.text(f"(Số liệu tạm tính đến ngày {date_format(f.day, 'd/m/Y')})", italic=True, align="center")
        )
    elif f.day < f.end:
        body.append(Para.text(f"(Số liệu tính đến ngày {date_format(f.day, 'd/m/Y')})", italic=True, align="center"))
    body.append(_heading("I. TÌNH HÌNH CHUNG"))
    body += _paragraphs(options.get("situation") or _situation(f, display_name(issuer)))
    body.append(_heading("II. KẾT QUẢ THỰC HIỆN"))
    body += _paragraphs(options.get("results") or _results(f))
    body.append(_heading("1. Hoạt động của các đoàn, tổ công tác"))
    body.append(_groups_table(f))
    body.append(_heading("2. Tiếp nhận, giải quyết kiến nghị của cơ sở"))
    body.append(_petitions_table(f))
    if f.overdue:
        listed = "" if len(f.overdue) == f.overdue_count else f" ({len(f.overdue)} kiến nghị quá hạn lâu nhất)"
        body.append(Para.text(f"Danh sách kiến nghị quá hạn{listed} tại Phụ lục kèm theo."))
    body.append(_heading("3. Phong trào thi đua “Dân vận khéo”"))
    body.append(Para.text(_emulation_sentence(f)))
    body.append(_emulation_table(f))
    body.append(_heading("4. Thực hiện dân chủ ở cơ sở"))
    if f.democracy:
        basis = f" theo {f.democracy_rule_set}" if f.democracy_rule_set else ""
        body.append(
            Para.text(
                f"Các xã, phường, thị trấn thực hiện {f.democracy_met}/{f.democracy_due} việc phải làm{basis} "
                f"({_pct(f.democracy_met, f.democracy_due)})."
            )
        )
        body.append(_democracy_table(f))
    body.append(_heading("III. HẠN CHẾ, KHÓ KHĂN"))
    body += _paragraphs(options.get("shortcomings", ""))
    body.append(_heading("IV. NHIỆM VỤ TRỌNG TÂM QUÝ TỚI"))
    body += _paragraphs(options.get("tasks_next", ""))
    if options.get("proposals"):
        body.append(_heading("V. ĐỀ XUẤT, KIẾN NGHỊ"))
        body += _paragraphs(options.get("proposals", ""))
    annex = []
    if f.overdue:
        annex = [
            Para.text("PHỤ LỤC", bold=True, align="center"),
            Para.text("DANH SÁCH KIẾN NGHỊ QUÁ HẠN CHƯA TRẢ LỜI", bold=True, align="center"),
            Para.text(
                f"(Kèm theo Báo cáo số {document.reference}, ngày {date_format(document.dated, 'd/m/Y')})",
                italic=True,
                align="center",
            ),
            _overdue_table(f),
        ]
    return assemble(document, issuer, options, body, annex=annex)


def conference_label(conference) -> str:
    return f"Hội nghị: {conference.title}"


def conference_url(pk) -> str:
    return reverse("petitions:conference_detail", args=[pk])


def conference_candidates(user):
    """The conferences the user may draft documents from (the newest 50), for the compose page."""
    for conference in petitions.conference_list(user=user)[:50]:
        if access.can(user, "manage", conference):
            yield (
                conference.pk,
                conference.title,
                f"{conference.unit.full_name} · {date_format(conference.held_on, 'd/m/Y')}",
            )


QUARTERLY_REPORT = register(
    Template(
        code="bao-cao-quy-chi-dao-co-so",
        label=_("Báo cáo quý về công tác chỉ đạo cơ sở"),
        doc_type="bao-cao",
        action="manage",
        load=load_conference,
        issuer=_issuer,
        defaults=_defaults,
        build=_build,
        subject=_subject,
        form=QuarterlyReportForm,
        description=_(
            "Thể thức văn bản của Đảng; số liệu của các đoàn công tác, kiến nghị, “Dân vận khéo” và dân chủ ở cơ sở "
            "trong quý, kèm phụ lục kiến nghị quá hạn."
        ),
        candidates=conference_candidates,
        text_limit=NARRATIVE,
        background=_background,
        prepare=_prepare,
        label_of=conference_label,
        url_of=conference_url,
    )
)
