"""Báo cáo tổng hợp tháng of a working group, in the Party layout: drafted from its teams' accepted monthly reports
of the month (situation, each monitoring field, difficulties), the cell meetings its members attended, the kiến
nghị its teams raised that month with their outcome so far, and the teams that have not reported. The figures come
from danvan.supervision.statistics.month_compilation (the report states are the completeness matrix's) and the kiến
nghị from danvan.petitions.selectors; units are named as of the month's end. A month that has not ended is drafted
with "số liệu tạm tính". The narrative sections are the form's fields, pre-filled from the reports; the tables are
generated."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from danvan.core import access, dates, names
from danvan.core.models import MonitoringField
from danvan.petitions import selectors as petitions
from danvan.supervision import selectors as supervision
from danvan.supervision import statistics

from ..engine import Doc, Para, Table
from ..forms import TEXTAREA, DocumentForm, period_input
from ..models import Issuer
from . import Template, assemble, register

MONTH = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{4})\s*$")
TEXT_LIMIT = 20000
TASKS = (
    "Tiếp tục bám nắm cơ sở, dự sinh hoạt chi bộ theo kế hoạch; đôn đốc các tổ gửi báo cáo đúng hạn; "
    "theo dõi việc giải quyết các kiến nghị của cơ sở."
)
DONE_STATES = {"resolved", "closed", "not_competent"}


def parse_month(value: str) -> datetime.date | None:
    """ "03/2016" → 01/03/2016; None when it does not parse."""
    match = MONTH.match(value or "")
    if not match or not 1 <= int(match[1]) <= 12 or int(match[2]) < 1900:
        return None
    return datetime.date(int(match[2]), int(match[1]), 1)


def month_text(day: datetime.date) -> str:
    return f"{day.month:02d}/{day.year}"


def field_key(field) -> str:
    return f"field_{field.code}"


def _fmt(day: datetime.date | None) -> str:
    return date_format(day, "d/m/Y") if day else ""


class MonthlyCompiledForm(DocumentForm):
    month = forms.CharField(
        label=_("Tháng báo cáo (mm/yyyy)"),
        max_length=7,
        help_text=_("Đổi tháng: các mục nội dung được soạn lại từ số liệu của tháng đó."),
        widget=period_input(),
    )
    situation = forms.CharField(label=_("I. Tình hình chung"), widget=forms.Textarea(attrs=TEXTAREA), required=False)
    difficulties = forms.CharField(
        label=_("Khó khăn, vướng mắc"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    tasks = forms.CharField(label=_("Nhiệm vụ tháng tới"), widget=forms.Textarea(attrs=TEXTAREA), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One section per monitoring field of the month (its contents are the teams' sections).
        period = parse_month(self.data.get("month") or self.initial.get("month") or "") or dates.today()
        self.monitoring = list(MonitoringField.objects.valid_on(period).order_by("position", "name"))
        for field in self.monitoring:
            self.fields[field_key(field)] = forms.CharField(
                label=_("Lĩnh vực: %(f)s") % {"f": field.name},
                widget=forms.Textarea(attrs=TEXTAREA),
                required=False,
            )
        self.order_fields(
            [
                "month",
                "dated",
                "subject",
                "situation",
                *(field_key(f) for f in self.monitoring),
                "difficulties",
                "tasks",
                "authority",
                "signer_title",
                "signer_name",
                "recipients",
            ]
        )

    def clean_month(self):
        period = parse_month(self.cleaned_data["month"])
        if period is None:
            raise ValidationError(_("Nhập tháng theo dạng mm/yyyy, ví dụ 03/2016."))
        if period > dates.today().replace(day=1):
            raise ValidationError(_("Chưa thể báo cáo cho tháng này."))
        return month_text(period)


# --- The period and the figures --------------------------------------------------------------------------------


def default_month(group) -> datetime.date:
    """The last month that has ended (or the group's last month, or its first)."""
    today = dates.today()
    month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    if group.valid_to and group.valid_to < month:
        month = group.valid_to.replace(day=1)
    return max(month, group.valid_from.replace(day=1))


def _period(group, options: dict) -> datetime.date:
    return parse_month(options.get("month", "")) or default_month(group)


def _raised(group, compilation) -> list:
    """The kiến nghị the group's teams raised in the month (petitions.selectors), their units named as of the
    month's end. The document is the group's, whoever drafts it: read as the system (the drafter's reach on the
    group was checked)."""
    rows = list(
        petitions.listing(user=access.system_actor(), filters={"start": compilation.period, "end": compilation.end})
        .filter(team__group=group)
        .select_related("team")
    )
    names.relabel([p.unit for p in rows], compilation.as_of)
    return sorted(rows, key=lambda p: (p.year, p.number))


def _joined(items) -> str:
    return "\n".join(f"- {label}: {text}" for label, text in items if text.strip())


def _place(report) -> str:
    return f"{report.team.name} ({report.unit.full_name})" if report.unit_id else report.team.name


def _defaults(group, issuer: Issuer, period: str = "") -> dict:
    month = parse_month(period) or default_month(group)
    if month > dates.today().replace(day=1):
        month = default_month(group)
    compilation = statistics.month_compilation(group=group, period=month)
    reports = compilation.reports
    initial = {
        "month": month_text(month),
        "dated": min(dates.today(), compilation.end),
        "subject": f"kết quả công tác chỉ đạo cơ sở tháng {month_text(month)} của {group.name}",
        "situation": _joined((_place(r), r.general_situation) for r in reports),
        "difficulties": _joined((_place(r), r.difficulties) for r in reports),
        "tasks": TASKS,
        "authority": "T/M ĐOÀN CÔNG TÁC",
        "signer_title": "TRƯỞNG ĐOÀN",
        "signer_name": group.head.full_name,
        "recipients": f"{group.decision.issuer.name} (để báo cáo),\nCác tổ công tác,",
    }
    for field, items in compilation.fields:
        initial[field_key(field)] = _joined((_place(r), text) for r, text in items)
    return initial


def _subject(group, options: dict) -> str:
    return options.get("subject") or f"kết quả công tác chỉ đạo cơ sở tháng {options.get('month', '')}"


# --- The document ------------------------------------------------------------------------------------------


def _paras(text: str, empty: str) -> list[Para]:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return [Para.text(line) for line in lines] or [Para.text(empty, italic=True)]


def _heading(text: str) -> Para:
    return Para.text(text, bold=True, indent=False)


def _percent(value) -> str:
    return "—" if value is None else f"{value}%"


def _state_label(state, report) -> str:
    if state in statistics.NOT_REPORTED:  # "chưa báo cáo", with why when it is not simply missing
        return "Chưa báo cáo" + ("" if state == statistics.MISSING else f" ({statistics.STATE_LABELS[state]})")
    label = str(statistics.STATE_LABELS.get(state, "")) if state else ""
    status = report.get_status_display() if report is not None else ""
    return ", ".join(part for part in (label, str(status)) if part)


def _outcome(petition) -> str:
    outcome = petition.get_state_display()
    day = petition.resolved_on or petition.answered_on
    if day:
        outcome += f" ({_fmt(day)})"
    if petition.state not in DONE_STATES and petition.due_on and petition.due_on < dates.today():
        outcome += f"; quá hạn từ {_fmt(petition.due_on)}"
    return str(outcome)


def _build(document, group, issuer: Issuer, options: dict) -> Doc:
    compilation = statistics.month_compilation(group=group, period=_period(group, options))
    month = month_text(compilation.period)
    raised = _raised(group, compilation)
    states = compilation.states
    sent = [row for row in states if row[2] in (statistics.ON_TIME, statistics.LATE)]
    body: list[Para | Table] = []
    if compilation.provisional:
        body.append(
            Para.text(
                f"(Tháng {month} chưa kết thúc: số liệu tạm tính đến ngày {_fmt(compilation.as_of)})",
                italic=True,
                align="center",
            )
        )
    decision = group.decision
    body.append(
        Para.text(
            f"Thực hiện Quyết định số {decision.number} ngày {_fmt(decision.issued_on)} về việc thành lập "
            f"{group.name}, Đoàn báo cáo kết quả công tác chỉ đạo cơ sở tháng {month} như sau:"
        )
    )
    body.append(_heading("I. TÌNH HÌNH CHUNG"))
    body.append(
        Para.text(
            f"Trong tháng, các tổ phải gửi {len(states)} báo cáo; đã gửi {len(sent)}, trong đó "
            f"{len(compilation.reports)} báo cáo đã được tiếp nhận; {len(compilation.not_reported)} báo cáo chưa "
            f"gửi. Trên số báo cáo đã đến hạn, tỷ lệ đầy đủ {_percent(compilation.rates['completeness'])}, "
            f"đúng hạn {_percent(compilation.rates['timeliness'])}."
        )
    )
    body += _paras(options.get("situation", ""), "Chưa có báo cáo được tiếp nhận.")
    body.append(_heading("II. TÌNH HÌNH TRÊN CÁC LĨNH VỰC"))
    for n, (field, _items) in enumerate(compilation.fields, 1):
        body.append(Para.text(f"{n}. {field.name}", bold=True, italic=True, indent=False))
        body += _paras(options.get(field_key(field), ""), "Không có nội dung mới.")
    body.append(_heading("III. DỰ SINH HOẠT CHI BỘ"))
    attendance = compilation.attendance
    rows = [[str(i), a.team.name, str(a.meetings), str(a.cells), str(a.thematic)] for i, a in enumerate(attendance, 1)]
    rows.append(
        [
            "",
            "Tổng cộng",
            str(sum(a.meetings for a in attendance)),
            str(sum(a.cells for a in attendance)),
            str(sum(a.thematic for a in attendance)),
        ]
    )
    body.append(
        Table(
            ["STT", "Tổ công tác", "Số lượt dự sinh hoạt", "Số chi bộ được dự", "Trong đó: chuyên đề"],
            rows,
            [0.08, 0.32, 0.2, 0.2, 0.2],
        )
    )
    body.append(_heading("IV. KHÓ KHĂN, VƯỚNG MẮC"))
    body += _paras(options.get("difficulties", ""), "Không có.")
    body.append(_heading("V. KIẾN NGHỊ, ĐỀ XUẤT CỦA CƠ SỞ VÀ KẾT QUẢ GIẢI QUYẾT"))
    done = sum(p.state in DONE_STATES for p in raised)
    body.append(
        Para.text(
            f"Trong tháng, các tổ nêu {len(raised)} kiến nghị, đề xuất của cơ sở; đến ngày "
            f"{_fmt(dates.today())} đã giải quyết xong {done}, còn {len(raised) - done} đang xử lý."
        )
    )
    if raised:
        body.append(
            Table(
                ["STT", "Số", "Nội dung", "Nơi phát sinh", "Tổ nêu", "Cơ quan giải quyết", "Kết quả đến nay"],
                [
                    [
                        str(i),
                        p.code,
                        p.content,
                        p.unit.full_name,
                        p.team.name if p.team_id else "",
                        p.body.name if p.body_id else "Chưa chuyển",
                        _outcome(p),
                    ]
                    for i, p in enumerate(raised, 1)
                ],
                [0.07, 0.12, 0.27, 0.14, 0.1, 0.14, 0.16],
            )
        )
    body.append(_heading("VI. TÌNH HÌNH BÁO CÁO CỦA CÁC TỔ"))
    body.append(
        Table(
            ["STT", "Tổ công tác", "Xã, phường, thị trấn", "Tình trạng báo cáo"],
            [
                [str(i), team.name, unit.full_name if unit else "Chung các xã", _state_label(state, report)]
                for i, (team, unit, state, report) in enumerate(states, 1)
            ],
            [0.08, 0.27, 0.35, 0.3],
        )
    )
    missing = compilation.not_reported
    body.append(
        Para.text(
            "Các tổ chưa báo cáo: "
            + "; ".join(f"{team.name} ({unit.full_name})" if unit else team.name for team, unit, _s, _r in missing)
            + "."
            if missing
            else "Tất cả các tổ đã báo cáo."
        )
    )
    body.append(_heading("VII. NHIỆM VỤ THÁNG TỚI"))
    body += _paras(options.get("tasks", ""), "")
    return assemble(document, issuer, options, body)


def _load(user, pk):
    return supervision.group_get(user=user, pk=pk)


def _issuer(group) -> Issuer | None:
    return Issuer.objects.filter(body_id=group.decision.issuer_id).first()


def _candidates(user):
    """The groups the user manages (one query)."""
    groups = supervision.group_list(user=user)
    for group in access.permitted(user, "manage", groups.model, groups)[:100]:
        yield group.pk, group.name, f"{group.unit.full_name} · tháng {month_text(default_month(group))}"


MONTHLY_COMPILED = register(
    Template(
        code="bao-cao-tong-hop-thang",
        label=_("Báo cáo tổng hợp tháng của đoàn công tác"),
        doc_type="bao-cao",
        action="manage",
        load=_load,
        issuer=_issuer,
        defaults=_defaults,
        build=_build,
        subject=_subject,
        form=MonthlyCompiledForm,
        description=_(
            "Thể thức văn bản của Đảng: từ các báo cáo tháng đã tiếp nhận của các tổ, dự sinh hoạt chi bộ, kiến nghị "
            "của cơ sở và kết quả giải quyết, các tổ chưa báo cáo; số liệu tính đến hết tháng."
        ),
        candidates=_candidates,
        label_of=lambda group: f"Đoàn công tác: {group.name}",
        url_of=lambda pk: reverse("supervision:report_matrix", args=[pk]),
        period="month",
        text_limit=TEXT_LIMIT,
    )
)
