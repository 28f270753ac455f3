from .access import FailedLogin, Membership
from .audit import AppendOnlyError, AuditEntry
from .notifications import Notification
from .orgs import Body, PartyOrg, Person, Position
from .reference import BodyType, PartyOrgType, Role, UnitLevel, UnitType
from .units import Reorganization, Succession, Unit, UnitRollup, UnitVersion

__all__ = [
    "AppendOnlyError",
    "AuditEntry",
    "Body",
    "BodyType",
    "FailedLogin",
    "Membership",
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
