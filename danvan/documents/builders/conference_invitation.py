"""Giấy mời to a review conference (Hội nghị đánh giá công tác chỉ đạo cơ sở), in the Party layout: who is invited,
when, where, the agenda, what to prepare; signed "T/L BAN THƯỜNG VỤ / CHÁNH VĂN PHÒNG" by default. The conference is
read through danvan.petitions.selectors."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from danvan.core import access
from danvan.core.text import roman
from danvan.petitions import selectors as petitions

from .. import engine
from ..engine import Doc, Para, Signature
from ..forms import DocumentForm
from ..models import Issuer
from . import Template, recipients, register
from .conclusion_notice import COLLECTIVES
from .quarterly_report import committee_issuer, display_name

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


def _load(user, pk):
    return petitions.conference_get(user=user, pk=pk)


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
    return Doc(
        system=issuer.system,
        upper_name=issuer.upper_name,
        issuer_name=issuer.name,
        number_line=engine.number_text(
            issuer.system, document.number, document.doc_type.abbreviation, issuer.abbreviation
        ),
        date_line=engine.date_line(issuer.place, document.dated),
        type_name=document.doc_type.name.upper(),
        subject=engine.clean(document.subject),
        body=body,
        signature=Signature(
            engine.clean(options.get("authority", "")),
            engine.clean(options.get("signer_title", "")),
            engine.clean(options.get("signer_name", "")),
        ),
        recipients=[engine.clean(r) for r in recipients(options.get("recipients", ""), issuer)],
    )


def _candidates(user):
    for conference in petitions.conference_list(user=user)[:50]:
        if access.can(user, "manage", conference):
            note = f"{conference.unit.full_name} · {date_format(conference.held_on, 'd/m/Y')}"
            yield conference.pk, conference.title, note


CONFERENCE_INVITATION = register(
    Template(
        code="giay-moi-hoi-nghi",
        label=_("Giấy mời dự hội nghị đánh giá công tác chỉ đạo cơ sở"),
        doc_type="giay-moi",
        action="manage",
        load=_load,
        issuer=_issuer,
        defaults=_defaults,
        build=_build,
        subject=_subject,
        form=InvitationForm,
        description=_("Thể thức văn bản của Đảng; thành phần mời, thời gian, địa điểm và chương trình hội nghị."),
        candidates=_candidates,
        text_limit=5000,
        label_of=lambda conference: f"Hội nghị: {conference.title}",
        url_of=lambda pk: reverse("petitions:conference_detail", args=[pk]),
    )
)
