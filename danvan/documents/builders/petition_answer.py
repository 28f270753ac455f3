"""Công văn trả lời kiến nghị: the answering body's letter to whoever raised the item, in the State layout
(Nghị định 30/2020/NĐ-CP, Phụ lục I: "Số: 12/UBND-VP", "V/v …" under the number, "Kính gửi:", "TM. ỦY BAN NHÂN
DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "Lưu: VT, VP."), or the Party layout when a Party body answered. Its body is
the item's answer as recorded (live data: correct the answer on the item, then redraft). The item is read through
danvan.petitions.selectors only."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core import access, dates
from danvan.core.names import names_as_of
from danvan.core.permissions import Cap
from danvan.petitions import selectors as petitions

from .. import engine
from ..engine import Doc, Para, Signature
from ..forms import DocumentForm
from ..models import Issuer, System
from . import Template, recipients, register

CODE = "cong-van-tra-loi-kien-nghi"
CANDIDATES = 50


class PetitionAnswerForm(DocumentForm):
    addressee = forms.CharField(label=gettext_lazy("Kính gửi"), max_length=200)
    deputy = forms.CharField(
        label=gettext_lazy("Ký thay người đứng đầu"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Ví dụ: KT. CHỦ TỊCH (dòng dưới quyền hạn ký); để trống nếu người đứng đầu ký."),
    )

    field_order = ["dated", "subject", "addressee", "authority", "deputy", "signer_title", "signer_name"]


def _load(user, pk):
    """The item as the user reaches it (404 outside the user's reach)."""
    try:
        return petitions.listing(user=user, filters={}).get(pk=pk)
    except (ValueError, TypeError, ObjectDoesNotExist):
        raise Http404 from None


def _issuer(item) -> Issuer | None:
    return Issuer.objects.filter(body_id=item.body_id).first() if item.body_id else None


def _who(item) -> str:
    """Who raised the item: the person or organisation recorded, else the team, else the unit as it was named."""
    if item.raised_by:
        return item.raised_by
    if item.team_id:
        return str(item.team.name)
    named = names_as_of([item.unit_id], item.raised_on, parents=False).get(item.unit_id)
    return named.full_name if named else item.unit.full_name


def _body_name(item) -> str:
    """The answering body in running text: "Ủy ban nhân dân huyện Can Lộc" rather than "UBND huyện Can Lộc"."""
    name = item.body.name if item.body_id else ""
    return f"Ủy ban nhân dân {name[5:]}" if name.startswith("UBND ") else name


def _defaults(item, issuer: Issuer) -> dict:
    who = _who(item)
    state = issuer.system == System.STATE
    collective = issuer.collective
    if state:
        authority, deputy, title = (f"TM. {collective}" if collective else ""), "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"
    elif collective:
        authority, deputy, title = f"T/M {collective}", "", "PHÓ BÍ THƯ"
    else:
        authority, deputy, title = "K/T TRƯỞNG BAN", "", "PHÓ TRƯỞNG BAN"
    return {
        "dated": item.answered_on or dates.today(),
        "subject": f"trả lời kiến nghị của {who}",
        "addressee": who,
        "authority": authority,
        "deputy": deputy,
        "signer_title": title,
        "signer_name": "",
        "recipients": "Như trên;",
    }


def _subject(item, options: dict) -> str:
    if not (item.answer or "").strip():
        raise ValidationError({"__all__": _("Kiến nghị này chưa có nội dung trả lời: hãy trả lời trước khi soạn.")})
    subject = (options.get("subject") or "").strip() or f"trả lời kiến nghị của {_who(item)}"
    return subject[4:].strip() if subject.lower().startswith("v/v ") else subject


def _build(document, item, issuer: Issuer, options: dict) -> Doc:
    who = options.get("addressee") or _who(item)
    body_name = _body_name(item) or issuer.name
    unit = names_as_of([item.unit_id], item.raised_on, parents=False).get(item.unit_id)
    where = unit.full_name if unit else item.unit.full_name
    source = str(item.get_source_display())
    source = source[:1].lower() + source[1:]  # "cử tri, Nhân dân"
    intro = (
        f"{body_name} nhận được kiến nghị số {item.code} của {who} ({where}), "
        f"tiếp nhận ngày {date_format(item.received_on, 'd/m/Y')}, nguồn: {source}, với nội dung:"
    )
    body = [
        Para([("Kính gửi: ", False, False), (engine.clean(who), False, False)], align="center", indent=False),
        Para.text(intro),
        Para.text(f"“{item.content.strip()}”", italic=True),
        Para.text(f"Sau khi xem xét, {body_name} trả lời như sau:"),
        *[Para.text(line.strip()) for line in item.answer.splitlines() if line.strip()],
        Para.text(f"Trên đây là trả lời của {body_name} đối với kiến nghị của {who}./."),
    ]
    authority = "\n".join(filter(None, [options.get("authority", ""), options.get("deputy", "")]))
    return Doc(
        system=issuer.system,
        upper_name=issuer.upper_name,
        issuer_name=issuer.name,
        number_line=f"Số {document.reference}" if issuer.system == System.PARTY else f"Số: {document.reference}",
        date_line=engine.date_line(issuer.place, document.dated),
        type_name="",  # a letter: "V/v …" sits under the number
        subject=engine.clean(f"V/v {document.subject}"),
        body=body,
        signature=Signature(
            engine.clean(authority),
            engine.clean(options.get("signer_title", "")),
            engine.clean(options.get("signer_name", "")),
        ),
        recipients=[engine.clean(r) for r in recipients(options.get("recipients", ""), issuer)],
    )


def _answered(user):
    """The user's answered items (newest answer first) whose body numbers its letters."""
    rows = petitions.listing(user=user, filters={}).exclude(answer="").filter(duplicate_of__isnull=True)
    rows = rows.filter(body__in=Issuer.objects.filter(is_active=True, body__isnull=False).values("body_id"))
    return access.permitted(user, "answer", rows.model, rows).order_by("-answered_on", "-id")


def _candidates(user):
    for item in _answered(user)[:CANDIDATES]:
        note = (
            f"{item.body.name} · {_('trả lời ngày')} {date_format(item.answered_on, 'd/m/Y')}"
            if item.answered_on
            else ""
        )
        yield item.pk, f"{_('Kiến nghị')} {item.code}: {item.content[:80]}", note


def offer(user, item) -> str:
    """The draft page's address when the item has an answer, the user may answer it and take its body's numbers;
    "" otherwise (the item's page then offers nothing)."""
    if not (item.answer or "").strip() or not item.body_id or not access.can(user, "answer", item):
        return ""
    issuer = _issuer(item)
    if issuer is None or not issuer.is_active or not access.can_on(user, Cap.MANAGE_GROUPS, issuer.unit):
        return ""
    return reverse("documents:generate", args=[CODE, item.pk])


PETITION_ANSWER = register(
    Template(
        code=CODE,
        label=gettext_lazy("Công văn trả lời kiến nghị"),
        doc_type="cong-van",
        action="answer",
        load=_load,
        issuer=_issuer,
        defaults=_defaults,
        build=_build,
        subject=_subject,
        form=PetitionAnswerForm,
        description=gettext_lazy(
            "Thể thức văn bản hành chính (Nghị định 30/2020/NĐ-CP) của cơ quan đã trả lời; nội dung lấy từ phần "
            "trả lời của kiến nghị."
        ),
        candidates=_candidates,
        label_of=lambda item: f"Kiến nghị {item.code}",
        url_of=lambda pk: reverse("petitions:detail", args=[pk]),
    )
)
