"""Who reaches the document register (declared here, decided by core.access): the unit of the issuing body. Its
officers who manage working groups (committee office, standing committee) take numbers, generate, issue and
release; everyone in scope reads; a version's files follow their document."""

from danvan.core.access import InScope, Owner, Signed, Via, register
from danvan.core.permissions import Cap

from .models import Document, DocumentType, DocumentVersion, GenerationJob, Issuer

register(DocumentType, read=Signed(), note="reference data")
register(
    Issuer,
    read=InScope("unit"),
    actions={"manage": InScope("unit", Cap.MANAGE_ORGS)},
    related=("unit__type", "body", "party_org"),
)
register(
    Document,
    read=InScope("unit"),
    actions={"manage": InScope("unit", Cap.MANAGE_GROUPS)},
    related=("issuer", "doc_type", "unit__type", "reserved_by"),
)
register(DocumentVersion, read=Via("document"), related=("document", "created_by"))
# A document generated in the background: its job is its requester's (the document itself follows its unit).
register(GenerationJob, read=Owner("user"))
