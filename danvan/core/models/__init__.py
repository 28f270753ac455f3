from .access import FailedLogin, Membership
from .audit import AppendOnlyError, AuditEntry
from .calendar import CalendarDay
from .notifications import Notification
from .orgs import Body, PartyOrg, Person, Position
from .reference import BodyType, MonitoringField, PartyOrgType, Role, UnitLevel, UnitType
from .units import Reorganization, Succession, Unit, UnitRollup, UnitVersion

__all__ = [
    "AppendOnlyError",
    "AuditEntry",
    "Body",
    "BodyType",
    "CalendarDay",
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
