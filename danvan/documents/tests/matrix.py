"""This module's URLs in the access matrix (danvan/core/tests/test_access_matrix.py)."""

from danvan.core.access import loader_actor
from danvan.core.models import BodyType
from danvan.core.services import orgs
from danvan.core.tests.test_access_matrix_shapes import ADMIN, ALL, CREATE, GROUP_MANAGE, GROUP_READ
from danvan.documents import services
from danvan.documents.models import DocumentType, GenerationJob, Issuer
from danvan.supervision.tests.factories import build_group

from .factories import D, build_documents


def prepare(world):
    if "group" not in world.extra:  # supervision's prepare builds it first
        build_group(world)
    build_documents(world)
    world.extra["generation_job"] = GenerationJob.objects.create(  # a background generation of district_user's
        user=world.users["district_user"],
        template="quyet-dinh-thanh-lap-doan",
        record_id=world.extra["group"].pk,
        title="Quyết định thành lập đoàn công tác",
    )


def grow(world):
    """One more issuer (a body of the district) with two numbers taken, one of them released, and one more number
    of the matrix's issuer: the register and the issuers' list get more rows (test_query_counts.py)."""
    actor = loader_actor()
    n = Issuer.objects.count() + 1
    body = orgs.body_create(
        actor=actor,
        name=f"Ban Dân vận Huyện ủy số {n}",
        body_type=BodyType.objects.get(code="mass_mobilization"),
        unit=world.district,
        valid_from=D(2016, 1, 1),
    )
    issuer = services.issuer_create(
        actor=actor, system="party", body=body, abbreviation=f"BDV{n}", name=f"Ban Dân vận số {n}", place="Đông Sơn"
    )
    report = DocumentType.objects.get(code="bao-cao")
    for who in (issuer, Issuer.objects.get(body=world.extra["committee"])):
        document = services.number_reserve(
            actor=actor, issuer=who, doc_type=report, dated=D(2016, 3, 1), subject=f"Báo cáo số {n}", template="tay"
        )
    services.number_release(actor=actor, document=document, reason="Dự thảo không dùng")


def _doc(w):
    return {"pk": w.extra["document"].pk}


MATRIX = {
    "documents:register_list": (lambda w: {}, ALL),
    "documents:compose": (lambda w: {}, ALL),
    "documents:generate": (
        lambda w: {"template": "quyet-dinh-thanh-lap-doan", "pk": w.extra["group"].pk},
        GROUP_MANAGE,
    ),
    "documents:detail": (_doc, GROUP_READ),
    "documents:issue": (None, "POST only: test_register.py"),
    "documents:release": (None, "POST only: test_register.py"),
    "documents:download": (lambda w: {"pk": w.extra["version"].pk, "fmt": "pdf"}, GROUP_READ),
    "documents:job": (lambda w: {"pk": w.extra["generation_job"].pk}, GROUP_READ),  # its requester's only
    "documents:issuer_list": (lambda w: {}, ALL),
    "documents:issuer_create": (lambda w: {}, CREATE),
    "documents:sequence_start": (None, "POST only: test_sequence_start.py"),
}

POSTS = {
    "documents:issue": (_doc, GROUP_MANAGE),
    "documents:release": (_doc, GROUP_MANAGE),
    # Who keeps an issuer's register (manage_orgs over its unit): no one of the cast but the administrator here.
    "documents:sequence_start": (lambda w: {}, ADMIN),
}
