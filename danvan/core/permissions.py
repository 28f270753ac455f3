"""Roles, their capabilities and a user's scope through time: the ground of the access registry
(core/access.py), where each protected model's rules are declared and every view and service asks.

A user's scope is the units of their memberships valid today and everything below them as of today, plus
(read-only) every unit that those units succeeded. Objects outside the scope answer 404; a write without
the role's capability answers 403. A superuser sees and changes everything.
"""

import datetime
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from . import dates
from .models import Membership, Unit, UnitRollup


class Cap(StrEnum):
    VIEW = "view"
    MANAGE_UNITS = "manage_units"  # units and reorganizations
    MANAGE_ORGS = "manage_orgs"  # party organisations and bodies
    MANAGE_PEOPLE = "manage_people"  # people and their positions
    MANAGE_MEMBERSHIPS = "manage_memberships"
    VIEW_AUDIT = "view_audit"  # the administrators' log
    MANAGE_REFERENCE = "manage_reference"
    MANAGE_GROUPS = "manage_groups"  # working groups, their decisions, teams and assignments
    RECORD_ATTENDANCE = "record_attendance"  # party-cell meeting attendance by working-group members
    RECORD_PETITIONS = "record_petitions"  # take in kiến nghị, record the originator's verdict, link duplicates
    ROUTE_PETITIONS = "route_petitions"  # classify, route and transfer kiến nghị; review conferences
    HANDLE_PETITIONS = "handle_petitions"  # answer kiến nghị for a body (own body, or bodies of own unit)
    MANAGE_ROUTING = "manage_routing"  # routing rules and the working-day calendar
    REGISTER_INITIATIVES = "register_initiatives"  # register Dân vận khéo models and exemplars, import Excel
    EVALUATE_INITIATIVES = "evaluate_initiatives"  # fill evaluation sheets, see evaluators' internal notes
    MANAGE_EMULATION = "manage_emulation"  # approve/return, conclude evaluations, awards, conferences, criteria
    RECORD_DEMOCRACY = "record_democracy"  # disclosures, community votes, consultations, dialogues of a commune
    RECOGNISE_DECISIONS = "recognise_decisions"  # record the recognition of a community vote's result
    MANAGE_INSPECTION = "manage_inspection"  # people's inspection boards, their plans and results


class RoleCode(StrEnum):
    ADMINISTRATOR = "administrator"
    STANDING_COMMITTEE = "standing_committee"
    WORKING_GROUP_MEMBER = "working_group_member"
    MASS_MOBILIZATION = "mass_mobilization"
    COMMITTEE_OFFICE = "committee_office"
    COMMUNE_OFFICER = "commune_officer"
    COMMUNE_FRONT = "commune_front"
    VILLAGE_HEAD = "village_head"
    INSPECTION_BOARD = "inspection_board"
    BODY_OFFICER = "body_officer"
    VIEWER = "viewer"


ROLE_CAPS: dict[str, frozenset[Cap]] = {
    RoleCode.ADMINISTRATOR: frozenset(Cap),
    RoleCode.STANDING_COMMITTEE: frozenset(
        {
            Cap.VIEW,
            Cap.MANAGE_GROUPS,
            Cap.RECORD_ATTENDANCE,
            Cap.RECORD_PETITIONS,
            Cap.ROUTE_PETITIONS,
            Cap.EVALUATE_INITIATIVES,
            Cap.MANAGE_EMULATION,
            Cap.RECOGNISE_DECISIONS,
        }
    ),
    RoleCode.WORKING_GROUP_MEMBER: frozenset({Cap.VIEW, Cap.RECORD_ATTENDANCE, Cap.RECORD_PETITIONS}),
    RoleCode.MASS_MOBILIZATION: frozenset(
        {
            Cap.VIEW,
            Cap.MANAGE_PEOPLE,
            Cap.RECORD_ATTENDANCE,
            Cap.RECORD_PETITIONS,
            Cap.ROUTE_PETITIONS,
            Cap.HANDLE_PETITIONS,
            Cap.REGISTER_INITIATIVES,
            Cap.EVALUATE_INITIATIVES,
            Cap.MANAGE_EMULATION,
            Cap.RECORD_DEMOCRACY,
            Cap.RECOGNISE_DECISIONS,
            Cap.MANAGE_INSPECTION,
        }
    ),
    RoleCode.COMMITTEE_OFFICE: frozenset(
        {
            Cap.VIEW,
            Cap.MANAGE_UNITS,
            Cap.MANAGE_ORGS,
            Cap.MANAGE_PEOPLE,
            Cap.MANAGE_GROUPS,
            Cap.RECORD_ATTENDANCE,
            Cap.RECORD_PETITIONS,
            Cap.ROUTE_PETITIONS,
            Cap.HANDLE_PETITIONS,
            Cap.REGISTER_INITIATIVES,
            Cap.EVALUATE_INITIATIVES,
            Cap.MANAGE_EMULATION,
            Cap.RECORD_DEMOCRACY,
            Cap.RECOGNISE_DECISIONS,
            Cap.MANAGE_INSPECTION,
        }
    ),
    RoleCode.COMMUNE_OFFICER: frozenset(
        {
            Cap.VIEW,
            Cap.MANAGE_PEOPLE,
            Cap.RECORD_PETITIONS,
            Cap.HANDLE_PETITIONS,
            Cap.REGISTER_INITIATIVES,
            Cap.RECORD_DEMOCRACY,
            Cap.RECOGNISE_DECISIONS,
        }
    ),
    RoleCode.COMMUNE_FRONT: frozenset(
        {
            Cap.VIEW,
            Cap.RECORD_PETITIONS,
            Cap.REGISTER_INITIATIVES,
            Cap.EVALUATE_INITIATIVES,
            Cap.RECORD_DEMOCRACY,
            Cap.MANAGE_INSPECTION,
        }
    ),
    RoleCode.VILLAGE_HEAD: frozenset({Cap.VIEW, Cap.RECORD_DEMOCRACY}),
    RoleCode.INSPECTION_BOARD: frozenset({Cap.VIEW, Cap.RECORD_PETITIONS, Cap.MANAGE_INSPECTION}),
    RoleCode.BODY_OFFICER: frozenset({Cap.VIEW, Cap.HANDLE_PETITIONS}),
    RoleCode.VIEWER: frozenset({Cap.VIEW}),
}

# Capabilities that are not tied to a unit (reference data is national): they need a membership whose role
# has them on a province or a higher unit.
GLOBAL_CAPS = frozenset({Cap.MANAGE_REFERENCE})
GLOBAL_CAPS_MAX_RANK = 1


# The system acting on its own (worker, cron, the consequence of a record): these capabilities everywhere,
# nothing else. It never manages accounts or memberships, never reads the audit log, never answers for a body.
SYSTEM_USERNAME = "he-thong"
SYSTEM_CAPS = frozenset(
    {
        Cap.VIEW,
        Cap.MANAGE_UNITS,  # reorganizations recorded ahead take effect on their date (refresh_units)
        Cap.RECORD_PETITIONS,  # a team's report, a cell meeting or a board result raises a kiến nghị
        Cap.ROUTE_PETITIONS,  # escalation on breach, carry-over, due dates recomputed after calendar edits
        Cap.MANAGE_REFERENCE,  # the statutory holidays of a year (import_holidays)
    }
)
# Data loaded at the shell by the server's operator (the demo, benchmarks, command-line imports): a superuser
# that cannot sign in, audited under its own name.
LOADER_USERNAME = "nap-du-lieu"
SERVICE_USERNAMES = frozenset({SYSTEM_USERNAME, LOADER_USERNAME})


def is_system(user) -> bool:
    """The system actor (core.access.system_actor): identified by its reserved name and an unusable password."""
    return (
        user is not None
        and getattr(user, "username", None) == SYSTEM_USERNAME
        and user.is_authenticated
        and not user.has_usable_password()
    )


def is_loader(user) -> bool:
    """The loader (core.access.loader_actor): replays history, so rules about "today" (a report's lock) do not
    bind it."""
    return (
        user is not None
        and getattr(user, "username", None) == LOADER_USERNAME
        and user.is_authenticated
        and not user.has_usable_password()
    )


def roles_with(cap: Cap) -> list[str]:
    return [str(role) for role, caps in ROLE_CAPS.items() if cap in caps]


def _rollups_on(day: datetime.date) -> QuerySet:
    return UnitRollup.objects.filter(
        (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    )


def memberships(user, cap: Cap = Cap.VIEW) -> QuerySet:
    return Membership.objects.valid_on(dates.today()).filter(user=user, role__code__in=roles_with(cap))


def scope_unit_ids(user, cap: Cap = Cap.VIEW, *, writable: bool = False, without_body: bool = False) -> QuerySet | None:
    """Ids of the units `user` may see (or change, with `writable`) under `cap`, as a subquery.

    None means no restriction (superuser). Writable units must exist today: predecessors are read-only.
    `without_body` leaves out memberships held on behalf of a body (their scope is the body's work).
    """
    if not user.is_authenticated or not user.is_active:
        return Unit.objects.none().values("pk")
    if user.is_superuser:
        return None
    if is_system(user):
        return None if cap in SYSTEM_CAPS else Unit.objects.none().values("pk")
    held = memberships(user, cap)
    if without_body:
        held = held.filter(body__isnull=True)
    rollups = _rollups_on(dates.today()).filter(target_id__in=held.values("unit_id"))
    if writable:
        rollups = rollups.filter(unit__in=Unit.objects.valid_on(dates.today()))
    return rollups.values("unit_id")


def restrict(queryset: QuerySet, user, field: str = "unit", cap: Cap = Cap.VIEW) -> QuerySet:
    """`queryset` limited to rows whose `field` (a Unit foreign key, or "pk" for units) is in scope."""
    ids = scope_unit_ids(user, cap)
    if ids is None:
        return queryset
    return queryset.filter(**{f"{field}__in": ids})


def caps_anywhere(user) -> frozenset[Cap]:
    """Every capability the user has somewhere today, in one query (menus and dashboards)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return frozenset(Cap)
    if is_system(user):
        return SYSTEM_CAPS
    caps: set[Cap] = set()
    rows = Membership.objects.valid_on(dates.today()).filter(user=user).values_list("role__code", "unit__level__rank")
    for role, rank in rows:
        caps |= {cap for cap in ROLE_CAPS.get(role, ()) if cap not in GLOBAL_CAPS or rank <= GLOBAL_CAPS_MAX_RANK}
    return frozenset(caps)


def can(user, cap: Cap, unit: Unit | None = None, *, allow_past: bool = False) -> bool:
    """May `user` use `cap` on `unit` (None: anywhere, for global capabilities and listing pages)?

    Writes need a unit that exists today, unless `allow_past` (recording history, e.g. a position held
    in a district body before 2025, on a unit the user's unit succeeded)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if is_system(user):
        return cap in SYSTEM_CAPS
    if cap in GLOBAL_CAPS:
        return memberships(user, cap).filter(unit__level__rank__lte=GLOBAL_CAPS_MAX_RANK).exists()
    if unit is None:
        return memberships(user, cap).exists()
    if cap != Cap.VIEW and not allow_past and not unit.is_valid_on(dates.today()):
        return False
    return _rollups_on(dates.today()).filter(unit=unit, target_id__in=memberships(user, cap).values("unit_id")).exists()


def require(user, cap: Cap, unit: Unit | None = None, *, allow_past: bool = False) -> None:
    """Raise PermissionDenied (403) unless `can`. There is no anonymous system: commands, workers and loaders
    act as `core.access.system_actor()` or `loader_actor()`."""
    if user is None:
        raise TypeError("An actor is required: a person, system_actor() or loader_actor().")
    if not can(user, cap, unit, allow_past=allow_past):
        raise PermissionDenied
