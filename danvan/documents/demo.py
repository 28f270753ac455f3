"""Demo register of Can Lộc: the issuers (Huyện ủy Can Lộc and its Ban Dân vận, UBND huyện and each 2016 commune's
UBND; since 01/07/2025 the provincial committee's bodies and the six new communes' UBND), the Huyện ủy's 2016 QĐ
register started after the paper book's 44, the four 2016 founding decisions 45–48-QĐ/HU generated from the
working groups and issued, one answer letter to a 2016 kiến nghị (issued) and one 2026 letter drafted by
`thuongtruc`; the Q1/2016 review conference's quarterly report and conclusion notice. Everything goes through the
services; records of other modules are read through their selectors."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model

from danvan.core import demo_data
from danvan.core.access import loader_actor
from danvan.core.models import Body
from danvan.petitions import selectors as petitions
from danvan.supervision import selectors as supervision

from . import services
from .builders.conclusion_notice import CONCLUSION_NOTICE
from .builders.founding_decision import FOUNDING_DECISION
from .builders.petition_answer import PETITION_ANSWER
from .builders.quarterly_report import QUARTERLY_REPORT
from .models import DocumentType, Issuer

D = datetime.date
UPPER_DISTRICT = "ĐẢNG BỘ TỈNH HÀ TĨNH"
START_REASON = "Năm 2016 Huyện ủy dùng sổ văn bản giấy đến số 44-QĐ/HU; từ số 45 cấp trên danvan."


def _party(body: Body, abbreviation: str, name: str, *, upper: str = "", collective: str = "", place: str) -> Issuer:
    return services.issuer_create(
        actor=loader_actor(),
        system="party",
        body=body,
        abbreviation=abbreviation,
        name=name,
        upper_name=upper,
        collective=collective,
        place=place,
    )


def _state(body: Body, name: str, place: str) -> Issuer:
    return services.issuer_create(
        actor=loader_actor(),
        system="state",
        body=body,
        abbreviation="UBND",
        name=name,
        collective="Ủy ban nhân dân",
        place=place,
    )


def _commune_ubnd(ctx, key: str, day: datetime.date) -> Issuer:
    body = ctx.body(f"commune:{key}:people_committee", day)
    version = body.unit.versions.valid_on(day).select_related("type").get()
    return _state(body, f"Ủy ban nhân dân {version.type.prefix} {version.name}", version.name)


def _issuers(ctx) -> dict[str, Issuer]:
    bodies = {b.name: b for b in Body.objects.filter(unit__in=[ctx.units["province"], ctx.units["district"]])}
    made = {
        "hu": _party(
            bodies["Ban Thường vụ Huyện ủy Can Lộc"],
            "HU",
            "Huyện ủy Can Lộc",
            upper=UPPER_DISTRICT,
            collective="Ban Thường vụ",
            place="Can Lộc",
        ),
        "bdvhu": _party(
            bodies["Ban Dân vận Huyện ủy Can Lộc"], "BDVHU", "Ban Dân vận", upper="Huyện ủy Can Lộc", place="Can Lộc"
        ),
        "ubnd-huyen": _state(bodies["UBND huyện Can Lộc"], "Ủy ban nhân dân huyện Can Lộc", "Can Lộc"),
        "tu": _party(
            bodies["Ban Thường vụ Tỉnh ủy Hà Tĩnh"],
            "TU",
            "Tỉnh ủy Hà Tĩnh",
            collective="Ban Thường vụ",
            place="Hà Tĩnh",
        ),
        "btgdvtu": _party(
            bodies["Ban Tuyên giáo và Dân vận Tỉnh ủy Hà Tĩnh"],
            "BTGDVTU",
            "Ban Tuyên giáo và Dân vận",
            upper="Tỉnh ủy Hà Tĩnh",
            place="Hà Tĩnh",
        ),
        "ubnd-tinh": _state(bodies["UBND tỉnh Hà Tĩnh"], "Ủy ban nhân dân tỉnh Hà Tĩnh", "Hà Tĩnh"),
    }
    for commune in demo_data.COMMUNES:
        made[f"ubnd:{commune['key']}"] = _commune_ubnd(ctx, commune["key"], D(2016, 1, 10))
    for commune in demo_data.NEW_COMMUNES:
        made[f"ubnd:{commune['key']}"] = _commune_ubnd(ctx, commune["key"], D(2025, 7, 1))
    return made


def _founding_decisions(ctx, issuer: Issuer) -> None:
    """The four 2016 groups' decisions, numbered after the paper book's 44 in their groups' order (45–48)."""
    services.number_sequence_start(
        actor=loader_actor(),
        issuer=issuer,
        doc_type=DocumentType.objects.get(code=FOUNDING_DECISION.doc_type),
        year=2016,
        last_number=44,
        reason=START_REASON,
    )
    groups = supervision.group_list(user=loader_actor()).filter(valid_from__year=2016, decision__issuer=issuer.body)
    signer = ctx.people["le-quang-truong"].full_name  # Bí thư Huyện ủy 2015–2020
    # The standing committee's users cannot write on the district since it ended (01/07/2025): the loader
    # generates and issues what thuongtruc's office did in January 2016.
    for group in sorted(groups, key=lambda g: (g.decision.issued_on, g.pk)):
        options = {**FOUNDING_DECISION.defaults(group, issuer), "signer_name": signer}
        document = services.document_generate(
            actor=loader_actor(), template_code=FOUNDING_DECISION.code, record=group, options=options
        )
        services.document_issue(actor=loader_actor(), document=document)


def _answer_letters(ctx, issuers: dict[str, Issuer]) -> None:
    """A 2016 kiến nghị answered by UBND huyện Can Lộc, its letter issued; and the newest 2026 item answered by
    UBND tỉnh, drafted by thuongtruc (who may answer it and take the province's numbers today)."""
    answered = petitions.listing(user=loader_actor(), filters={}).exclude(answer="").filter(duplicate_of__isnull=True)
    item = (
        answered.filter(year=2016, body=issuers["ubnd-huyen"].body, answered_on__isnull=False)
        .order_by("answered_on", "pk")
        .first()
    )
    if item is not None:
        options = {
            **PETITION_ANSWER.defaults(item, issuers["ubnd-huyen"]),
            "deputy": "",
            "signer_title": "CHỦ TỊCH",
            "signer_name": ctx.people["phan-dinh-son"].full_name,  # Chủ tịch UBND huyện 2015–2020
            "recipients": "Như trên;\nThường trực Huyện ủy (để b/c);",
        }
        document = services.document_generate(
            actor=loader_actor(), template_code=PETITION_ANSWER.code, record=item, options=options
        )
        services.document_issue(actor=loader_actor(), document=document)
    thuongtruc = get_user_model().objects.get(username="thuongtruc")
    recent = answered.filter(body=issuers["ubnd-tinh"].body, answered_on__isnull=False).order_by("-answered_on", "-pk")
    item = recent.first()
    if item is not None:
        options = PETITION_ANSWER.defaults(item, issuers["ubnd-tinh"])
        services.document_generate(actor=thuongtruc, template_code=PETITION_ANSWER.code, record=item, options=options)


def _conference_documents(ctx) -> None:
    """The Q1/2016 review conference's quarterly report (its Dân vận khéo section states 2015's 441 models) and
    its conclusion notice, both issued on the day it was held, as the committee's office drafted them then."""
    conference = (
        petitions.conference_list(user=loader_actor(), unit=None, year=2016)
        .filter(unit=ctx.units["district"], quarter=1)
        .first()
    )
    if conference is None:
        return
    signer = ctx.people["le-quang-truong"].full_name  # Bí thư Huyện ủy 2015–2020
    for template in (QUARTERLY_REPORT, CONCLUSION_NOTICE):
        record = template.load(loader_actor(), conference.pk)
        options = {**template.defaults(record, template.issuer(record)), "signer_name": signer}
        if template is QUARTERLY_REPORT:
            options.update(
                signer_title="BÍ THƯ",
                shortcomings="Một số tổ công tác gửi báo cáo tháng chậm; một số kiến nghị về đất đai, thủy lợi "
                "chưa được giải quyết dứt điểm.",
            )
        document = services.document_generate(
            actor=loader_actor(), template_code=template.code, record=record, options=options
        )
        services.document_issue(actor=loader_actor(), document=document)


def load(ctx) -> None:
    issuers = _issuers(ctx)
    _founding_decisions(ctx, issuers["hu"])
    _answer_letters(ctx, issuers)
    _conference_documents(ctx)
