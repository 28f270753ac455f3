"""Giấy mời to a review conference (Hội nghị đánh giá công tác chỉ đạo cơ sở), in the Party layout: who is invited,
when, where, the agenda, what to prepare; signed "T/L BAN THƯỜNG VỤ / CHÁNH VĂN PHÒNG" by default. The conference is
read through danvan.petitions.selectors."""

from __future__ import annotations

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from danvan.core.text import roman

from ..engine import Doc, Para
from ..forms import DocumentForm
from ..models import Issuer
from . import Template, assemble, register
from .conclusion_notice import COLLECTIVES
from .quarterly_report import (
    committee_issuer,
    conference_candidates,
    conference_label,
    conference_url,
    display_name,
    load_conference,
)

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


class InvitationForm(DocumentForm):
    invitees = forms.CharField(
        label=_("Trân trọng kính mời (mỗi dòng một thành phần)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    starts_at = forms.CharField(label=_("Giờ khai mạc"), max_length=50, help_text=_("Ví dụ: 07 giờ 30 phút."))
    preparation = forms.CharField(label=_("Đề nghị chuẩn bị"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    field_order = ["dated", "subject", "invitees", "starts_at", "preparation"]


def _label(conference) -> str:
    return f"quý {roman(conference.quarter)}/{conference.year}"


def _issuer(conference) -> Issuer | None:
    return committee_issuer(conference.unit, conference.held_on)


def _defaults(conference, issuer: Issuer) -> dict:
    return {
        "dated": conference.held_on,
        "subject": f"dự Hội nghị đánh giá công tác chỉ đạo cơ sở {_label(conference)}",
        "invitees": conference.participants.replace("; ", "\n").replace(";", "\n"),
        "starts_at": "07 giờ 30 phút",
        "preparation": "Các đoàn công tác chuẩn bị báo cáo kết quả chỉ đạo cơ sở trong quý, những khó khăn, vướng mắc "
        "và kiến nghị của cơ sở.",
        "authority": f"T/L {issuer.collective}" if issuer.collective else "",
        "signer_title": "CHÁNH VĂN PHÒNG",
        "signer_name": "",
        "recipients": "Như thành phần mời,",
    }


def _subject(conference, options: dict) -> str:
    return options.get("subject") or f"dự Hội nghị đánh giá công tác chỉ đạo cơ sở {_label(conference)}"


def _build(document, conference, issuer: Issuer, options: dict) -> Doc:
    collective = COLLECTIVES.get(issuer.collective.upper(), issuer.collective.capitalize()) or "Thường trực"
    name = display_name(issuer)
    who = name if name.lower().startswith(collective.lower()) else f"{collective} {name}"
    day = conference.held_on
    body = [Para.text(f"{who} trân trọng kính mời:")]
    body += [
        Para.text(f"- {line.strip().lstrip('-').strip()}")
        for line in options.get("invitees", "").splitlines()
        if line.strip().lstrip("-").strip()
    ]
    body.append(Para.text(f"Dự Hội nghị đánh giá công tác chỉ đạo cơ sở {_label(conference)}.", bold=True))
    body.append(
        Para.text(
            f"Thời gian: {options.get('starts_at', '').strip()}, {WEEKDAYS[day.weekday()]}, "
            f"ngày {date_format(day, 'd/m/Y')}."
        )
    )
    if conference.place:
        body.append(Para.text(f"Địa điểm: {conference.place}."))
    agenda = [line.strip() for line in conference.agenda.splitlines() if line.strip()]
    if agenda:
        body.append(Para.text("Nội dung:"))
        body += [Para.text(f"{i}. {line}") for i, line in enumerate(agenda, 1)]
    if options.get("preparation"):
        body.append(Para.text(f"Đề nghị: {options['preparation'].strip()}"))
    body.append(Para.text("Rất mong các đồng chí dự đầy đủ, đúng giờ./."))
    return assemble(document, issuer, options, body)


CONFERENCE_INVITATION = register(
    Template(
        code="giay-moi-hoi-nghi",
        label=_("Giấy mời dự hội nghị đánh giá công tác chỉ đạo cơ sở"),
        doc_type="giay-moi",
        action="manage",
        load=load_conference,
        issuer=_issuer,
        defaults=_defaults,
        build=_build,
        subject=_subject,
        form=InvitationForm,
        description=_("Thể thức văn bản của Đảng; thành phần mời, thời gian, địa điểm và chương trình hội nghị."),
        candidates=conference_candidates,
        text_limit=5000,
        label_of=conference_label,
        url_of=conference_url,
    )
)
