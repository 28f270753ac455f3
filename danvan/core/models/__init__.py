from .access import FailedLogin, Membership
from .attachments import Attachment
from .audit import AppendOnlyError, AuditEntry
from .calendar import CalendarDay
from .exports import ExportJob
from .imports import ImportKey, OrgImportJob
from .notifications import Notification
from .orgs import Body, PartyOrg, PartyOrgVersion, Person, Position
from .reference import BodyType, MonitoringField, PartyOrgType, Role, UnitLevel, UnitType
from .units import Reorganization, Succession, Unit, UnitRollup, UnitVersion

__all__ = [
    "AppendOnlyError",
    "Attachment",
    "AuditEntry",
    "Body",
    "BodyType",
    "CalendarDay",
    "ExportJob",
    "FailedLogin",
    "ImportKey",
    "Membership",
    "MonitoringField",
    "Notification",
    "OrgImportJob",
    "PartyOrg",
    "PartyOrgType",
    "PartyOrgVersion",
    "Person",
    "Position",
    "Reorganization",
    "Role",
    "Succession",
    "Unit",
    "UnitLevel",
    "UnitRollup",
    "UnitType",
    "UnitVersion",
]
