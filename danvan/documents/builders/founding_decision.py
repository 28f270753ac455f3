"""Quyết định thành lập đoàn công tác, with its annex (the group's leaders, its teams, their members and
communes), in the Party layout. The group is read through danvan.supervision.selectors only."""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from danvan.core import access
from danvan.core.text import roman
from danvan.supervision import selectors as supervision

from .. import engine
from ..engine import Doc, Para, Table
from ..forms import FoundingDecisionForm
from ..models import Issuer
from . import Template, assemble, register

BASES = "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;\nCăn cứ Quy chế làm việc của cấp ủy;\nXét đề nghị của Văn phòng,"
DUTIES = (
    "giúp Ban Thường vụ chỉ đạo, kiểm tra, giám sát và nắm tình hình cơ sở; dự sinh hoạt chi bộ; "
    "tổng hợp kiến nghị của cơ sở; báo cáo kết quả hằng tháng, quý."
)


def _load(user, pk):
    return supervision.group_get(user=user, pk=pk)


def _issuer(group) -> Issuer | None:
    return Issuer.objects.filter(body_id=group.decision.issuer_id).first()


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _defaults(group, issuer: Issuer) -> dict:
    decision = group.decision
    return {
        "dated": decision.issued_on,
        "subject": f"về việc thành lập {_lower_first(group.name)}",
        "bases": BASES,
        "decider": f"{issuer.collective} {issuer.name}".strip(),
        "duties": DUTIES,
        "authority": f"T/M {issuer.collective}" if issuer.collective else "",
        "signer_title": "BÍ THƯ",
        "signer_name": decision.signer if decision.signer and decision.signer.upper() != decision.signer else "",
        "recipients": "Thường trực cấp ủy,\nNhư Điều 3,",
    }


def _subject(group, options: dict) -> str:
    return options.get("subject") or f"về việc thành lập {_lower_first(group.name)}"


def _person_rows(rows: list[tuple[object, str]]) -> list[list[str]]:
    return [[str(i), person.full_name, person.committee_title or "", role] for i, (person, role) in enumerate(rows, 1)]


def _build(document, group, issuer: Issuer, options: dict) -> Doc:
    communes = supervision.group_team_communes(group, as_of=group.valid_from)  # as founded
    teams = list(group.teams.select_related("leader").prefetch_related("members").order_by("name"))
    covered = [(team, communes.get(team.pk, [])) for team in teams]
    period = f"từ ngày {date_format(group.valid_from, 'd/m/Y')}"
    if group.valid_to:
        period += f" đến hết ngày {date_format(group.valid_to, 'd/m/Y')}"
    body = [Para.text(line.strip(), italic=True) for line in options.get("bases", "").splitlines() if line.strip()]
    body.append(Para.text(f"{options.get('decider') or issuer.name} QUYẾT ĐỊNH", bold=True, align="center"))
    body.append(
        Para(
            [
                ("Điều 1. ", True, False),
                (engine.clean(f"Thành lập {group.name}, gồm các đồng chí có tên tại Phụ lục kèm theo."), False, False),
            ]
        )
    )
    areas = "; ".join(
        f"{team.name}: {', '.join(unit.full_name for unit in units) or 'chưa phân công'}" for team, units in covered
    )
    body.append(
        Para(
            [
                ("Điều 2. ", True, False),
                (engine.clean(f"{group.name} có nhiệm vụ {options.get('duties') or DUTIES} "), False, False),
                (engine.clean(f"Địa bàn phụ trách: {areas or 'theo phân công của Trưởng đoàn'}. "), False, False),
                (engine.clean(f"Thời gian hoạt động {period}."), False, False),
            ]
        )
    )
    body.append(
        Para(
            [
                ("Điều 3. ", True, False),
                (
                    "Văn phòng, các cơ quan liên quan và các đồng chí có tên tại Điều 1 căn cứ Quyết định thi hành. "
                    "Quyết định có hiệu lực kể từ ngày ký.",
                    False,
                    False,
                ),
            ]
        )
    )
    widths = [0.08, 0.32, 0.35, 0.25]
    headers = ["STT", "Họ và tên", "Chức vụ, đơn vị công tác", "Nhiệm vụ"]
    leaders = [(group.head, "Trưởng đoàn"), *[(p, "Phó trưởng đoàn") for p in group.deputies.order_by("sort_key")]]
    annex = [
        Para.text("PHỤ LỤC", bold=True, align="center"),
        Para.text(f"DANH SÁCH THÀNH VIÊN {group.name.upper()}", bold=True, align="center"),
        Para.text(
            f"(Kèm theo Quyết định số {document.reference}, ngày {date_format(document.dated, 'd/m/Y')} "
            f"của {options.get('decider') or issuer.name})",
            italic=True,
            align="center",
        ),
        Para.text("I. Lãnh đạo đoàn", bold=True, indent=False),
        Table(headers, _person_rows(leaders), widths),
    ]
    for n, (team, units) in enumerate(covered, 2):
        members = [(team.leader, "Tổ trưởng")] + [
            (p, "Thành viên") for p in sorted(team.members.all(), key=lambda p: p.sort_key) if p.pk != team.leader_id
        ]
        where = ", ".join(unit.full_name for unit in units) or "chưa phân công"
        annex.append(Para.text(f"{roman(n)}. {team.name}: phụ trách {where}", bold=True, indent=False))
        annex.append(Table(headers, _person_rows(members), widths))
    return assemble(document, issuer, options, body, annex=annex)


def _candidates(user):
    for group in supervision.group_list(user=user)[:100]:
        if access.can(user, "manage", group):
            yield group.pk, group.name, f"{group.unit.full_name} · {date_format(group.valid_from, 'd/m/Y')}"


FOUNDING_DECISION = register(
    Template(
        code="quyet-dinh-thanh-lap-doan",
        label=_("Quyết định thành lập đoàn công tác"),
        doc_type="quyet-dinh",
        action="manage",
        load=_load,
        issuer=_issuer,
        defaults=_defaults,
        build=_build,
        subject=_subject,
        form=FoundingDecisionForm,
        description=_(
            "Thể thức văn bản của Đảng, kèm phụ lục: lãnh đạo đoàn, các tổ, thành viên và địa bàn phụ trách."
        ),
        candidates=_candidates,
        label_of=lambda group: f"Đoàn công tác: {group.name}",
        url_of=lambda pk: reverse("supervision:group_detail", args=[pk]),
    )
)
