"""Core's own protected models in the access registry (core.access): units, reorganizations, Party
organisations, bodies, people, memberships, the audit trail and notifications."""

from .access import Attached, InScope, Owner, register
from .models import (
    Attachment,
    AuditEntry,
    Body,
    ExportJob,
    Membership,
    Notification,
    OrgImportJob,
    PartyOrg,
    Person,
    Reorganization,
    Unit,
)
from .permissions import Cap

register(Unit, read=InScope("pk"), actions={"change": InScope("pk", Cap.MANAGE_UNITS)}, related=("type", "level"))
# A reorganization is seen by whoever sees one of its units (a rename of commune A is not B's business).
register(
    Reorganization,
    read=InScope("units", semi=True),
    actions={"change": InScope("units", Cap.MANAGE_UNITS, semi=True)},
)
register(PartyOrg, read=InScope("unit"), actions={"change": InScope("unit", Cap.MANAGE_ORGS)})
register(Body, read=InScope("unit"), actions={"change": InScope("unit", Cap.MANAGE_ORGS)})
# People: a position held in a district body before 2025 is history, recorded on a unit the user's unit
# succeeded (core.services.orgs allows the past there).
register(Person, read=InScope("unit"), actions={"change": InScope("unit", Cap.MANAGE_PEOPLE)})
register(
    Membership,
    read=InScope("unit", Cap.MANAGE_MEMBERSHIPS),
    actions={"change": InScope("unit", Cap.MANAGE_MEMBERSHIPS)},
    related=("user", "role", "unit__type"),
)
register(AuditEntry, read=InScope("unit", Cap.VIEW_AUDIT))
register(Notification, read=Owner("user"), actions={"change": Owner("user")})
# A file follows its record, whatever module the record belongs to (core.attachments).
register(Attachment, read=Attached(), actions={"change": Attached()}, related=("content_type",))
register(ExportJob, read=Owner("user"))
# An import of Party organisations, bodies or people: its owner (and administrators).
register(OrgImportJob, read=Owner("user"))
