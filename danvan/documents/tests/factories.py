"""The matrix's working group (supervision's factory) with its committee registered as a Party issuer."""

import datetime

from danvan.core.access import loader_actor
from danvan.documents import services
from danvan.documents.models import Issuer

D = datetime.date

OPTIONS = {
    "dated": D(2016, 1, 12),
    "subject": "về việc thành lập đoàn công tác số 1",
    "bases": "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;\nXét đề nghị của Văn phòng Huyện ủy,",
    "decider": "BAN THƯỜNG VỤ HUYỆN ỦY",
    "duties": "giúp Ban Thường vụ chỉ đạo, kiểm tra, giám sát cơ sở.",
    "authority": "T/M BAN THƯỜNG VỤ",
    "signer_title": "BÍ THƯ",
    "signer_name": "Nguyễn Văn Hoàng",
    "recipients": "Thường trực Huyện ủy,\nNhư Điều 3,",
}


def party_issuer(world) -> Issuer:
    existing = Issuer.objects.filter(body=world.extra["committee"]).first()
    return existing or services.issuer_create(
        actor=loader_actor(),
        system="party",
        body=world.extra["committee"],
        abbreviation="HU",
        name="Huyện ủy Đông Sơn",
        upper_name="Đảng bộ tỉnh Phú Thịnh",
        collective="Ban Thường vụ",
        place="Đông Sơn",
    )


def state_issuer(world) -> Issuer:
    existing = Issuer.objects.filter(body=world.body_a).first()
    return existing or services.issuer_create(
        actor=loader_actor(),
        system="state",
        body=world.body_a,
        abbreviation="UBND",
        name="Ủy ban nhân dân xã An Lộc",
        upper_name="UBND huyện Đông Sơn",
        collective="Ủy ban nhân dân",
        place="An Lộc",
    )


def build_documents(world):
    """The issuer of the world's working group (supervision's `build_group`, already built) and its founding
    decision."""
    issuer = party_issuer(world)
    document = services.document_generate(
        actor=loader_actor(), template_code="quyet-dinh-thanh-lap-doan", record=world.extra["group"], options=OPTIONS
    )
    world.extra.update(issuer=issuer, document=document, version=document.versions.get())
    return document
