from .access import FailedLogin, Membership
from .attachments import Attachment
from .audit import AppendOnlyError, AuditEntry
from .calendar import CalendarDay
from .exports import ExportJob
from .notifications import Notification
from .orgs import Body, PartyOrg, Person, Position
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
    "Membership",
    "MonitoringField",
    "Notification",
    "PartyOrg",
    "PartyOrgType",
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
