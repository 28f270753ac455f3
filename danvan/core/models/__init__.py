from .access import FailedLogin, Membership
from .audit import AppendOnlyError, AuditEntry
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
