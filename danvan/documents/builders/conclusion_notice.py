"""Thông báo kết luận of a review conference (Hội nghị đánh giá công tác chỉ đạo cơ sở), in the Party layout:
when and who, the conclusion, and the tasks it gave with their owners and due dates (petitions' conclusion
tasks, read through danvan.petitions.selectors), signed "T/L BAN THƯỜNG VỤ / CHÁNH VĂN PHÒNG" by default."""

from __future__ import annotations

import re

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from danvan.core.text import roman
from danvan.petitions import selectors as petitions

from .. import engine
from ..engine import Doc, Para, Table
from ..forms import DocumentForm
from ..models import Issuer
from . import Template, assemble, register
from .quarterly_report import (
    committee_issuer,
    conference_candidates,
    conference_label,
    conference_url,
    display_name,
    load_conference,
)

COLLECTIVES = {"BAN THƯỜNG VỤ": "Ban Thường vụ", "THƯỜNG TRỰC": "Thường trực", "BAN CHẤP HÀNH": "Ban Chấp hành"}


class ConclusionNoticeForm(DocumentForm):
    opening = forms.CharField(
        label=_("Mở đầu (thời gian, thành phần, nội dung hội nghị)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    conclusion = forms.CharField(
        label=_("Nội dung kết luận"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Mỗi dòng một đoạn. Các nhiệm vụ đã giao ở trang hội nghị được liệt kê thành bảng."),
    )

    field_order = ["dated", "subject", "opening", "conclusion"]


def _issuer(conference) -> Issuer | None:
    return committee_issuer(conference.unit, conference.held_on)


def _label(conference) -> str:
    return f"quý {roman(conference.quarter)}/{conference.year}"


def _opening(conference, issuer: Issuer) -> str:
    collective = COLLECTIVES.get(issuer.collective.upper(), issuer.collective.capitalize()) or "Thường trực"
    name = display_name(issuer)
    who_held = name if name.lower().startswith(collective.lower()) else f"{collective} {name}"
    chair_name = re.sub(r"^\s*đồng chí\s+", "", conference.chair or "", flags=re.IGNORECASE).strip()
    chair = f", đồng chí {chair_name} chủ trì" if chair_name else ""
    who = f" Dự hội nghị có {conference.participants.strip().rstrip('.')}." if conference.participants.strip() else ""
    return (
        f"Ngày {date_format(conference.held_on, 'd/m/Y')}, {who_held} tổ chức Hội nghị đánh giá công tác chỉ đạo "
        f"cơ sở {_label(conference)}{chair}.{who} Sau khi nghe báo cáo kết quả công tác chỉ đạo cơ sở "
        f"{_label(conference)}, ý kiến phát biểu của các đại biểu, hội nghị kết luận như sau:"
    )


def _defaults(conference, issuer: Issuer) -> dict:
    return {
        "dated": conference.held_on,
        "subject": f"kết luận Hội nghị đánh giá công tác chỉ đạo cơ sở {_label(conference)}",
        "opening": _opening(conference, issuer),
        "conclusion": conference.conclusion,
        "authority": f"T/L {issuer.collective}" if issuer.collective else "",
        "signer_title": "CHÁNH VĂN PHÒNG",
        "signer_name": "",
        "recipients": "Ban Thường vụ Tỉnh ủy (để báo cáo),\nCác đồng chí Huyện ủy viên,\nCác đoàn công tác,\n"
        "Các cơ quan được giao nhiệm vụ,",
    }


def _subject(conference, options: dict) -> str:
    return options.get("subject") or f"kết luận Hội nghị đánh giá công tác chỉ đạo cơ sở {_label(conference)}"


def _tasks_table(tasks) -> Table:
    rows = [
        [str(i), engine.clean(t.content), engine.clean(t.owner_label), date_format(t.due_on, "d/m/Y")]
        for i, t in enumerate(tasks, 1)
    ]
    return Table(["TT", "Nhiệm vụ", "Cơ quan, người chủ trì", "Thời hạn"], rows, [0.07, 0.53, 0.25, 0.15])


def _build(document, conference, issuer: Issuer, options: dict) -> Doc:
    body = [Para.text(options.get("opening", ""))]
    body += [Para.text(line.strip()) for line in options.get("conclusion", "").splitlines() if line.strip()]
    tasks = list(petitions.conference_tasks(conference))
    if tasks:
        body.append(Para.text("Giao nhiệm vụ cụ thể như sau:", bold=True))
        body.append(_tasks_table(tasks))
        body.append(
            Para.text(
                "Các cơ quan, đồng chí được giao nhiệm vụ tổ chức thực hiện và báo cáo kết quả tại hội nghị quý sau."
            )
        )
    body.append(Para.text(f"{_authority_line(issuer)} thông báo để các cơ quan, đơn vị liên quan biết, thực hiện."))
    return assemble(document, issuer, options, body)


def _authority_line(issuer: Issuer) -> str:
    """ "Văn phòng Huyện ủy Can Lộc": the committee's office, not "Văn phòng Ban Thường vụ ..."."""
    name = display_name(issuer)
    collective = COLLECTIVES.get(issuer.collective.upper(), issuer.collective)
    if collective and name.lower().startswith(collective.lower() + " "):
        name = name[len(collective) + 1 :]
    return f"Văn phòng {name}"


CONCLUSION_NOTICE = register(
    Template(
        code="thong-bao-ket-luan-hoi-nghi",
        label=_("Thông báo kết luận hội nghị đánh giá công tác chỉ đạo cơ sở"),
        doc_type="thong-bao",
        action="manage",
        load=load_conference,
        issuer=_issuer,
        defaults=_defaults,
        build=_build,
        subject=_subject,
        form=ConclusionNoticeForm,
        description=_("Thể thức văn bản của Đảng; kết luận của hội nghị và bảng nhiệm vụ được giao, thời hạn."),
        candidates=conference_candidates,
        text_limit=10000,
        label_of=conference_label,
        url_of=conference_url,
    )
)
