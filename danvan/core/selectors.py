"""Reads of protected data. Each takes the acting user and applies the scope (core.permissions).

The unit-through-time questions (successors, absorbed units, the tree on a date, roll-up) are answered
here for every module; statistics roll records up with `rollup_filter`.
"""

import datetime

from django.db.models import Q, QuerySet

from . import dates, permissions
from .lineage import Lineage
from .models import (
    AuditEntry,
    Body,
    Membership,
    PartyOrg,
    Person,
    Reorganization,
    Succession,
    Unit,
    UnitRollup,
    UnitVersion,
)
from .search import search

# --- Units through time ----------------------------------------------------------------------------------


def unit_successors(unit: Unit, *, as_of: datetime.date, primary_only: bool = False, user=None) -> list[Unit]:
    """The units that carry `unit` on as of `as_of`: itself while it exists, else its successors (through
    any number of reorganizations), e.g. xã Kim Lộc -> xã Kim Song Trường from 01/01/2020.
    With `user`, only those in the user's scope."""
    lineage = Lineage.load([unit.pk])
    ids = lineage.successors_on(unit.pk, as_of, primary_only=primary_only)
    units = Unit.objects.select_related("type", "level")
    if user is not None:
        units = permissions.restrict(units, user, "pk")
    found = units.in_bulk(ids)
    return [found[i] for i in ids if i in found]


def unit_predecessors(unit: Unit) -> list[Unit]:
    """Every unit that `unit` absorbed or came from, directly or through earlier reorganizations."""
    result, frontier = [], [unit.pk]
    seen = {unit.pk}
    while frontier:
        rows = Succession.objects.filter(successor_id__in=frontier).values_list("predecessor_id", flat=True)
        frontier = [pk for pk in rows if pk not in seen]
        seen.update(frontier)
        result.extend(frontier)
    found = Unit.objects.select_related("type").in_bulk(result)
    return sorted(found.values(), key=lambda u: (u.valid_to or datetime.date.max, u.sort_key))


def unit_rollup_target(unit: Unit, *, as_of: datetime.date, level_code: str | None = None) -> Unit | None:
    """The one unit that records of `unit` count toward as of `as_of`, at `level_code` (or the unit's own
    successor when None). Records made in a commune before a merger count toward the merged commune
    when asked as of a later date, and toward the old commune when asked as of an earlier date."""
    rows = rollups_on(as_of).filter(unit=unit, is_primary=True).select_related("target__type")
    rows = rows.filter(target_level__code=level_code) if level_code else rows.filter(target_level=unit.level_id)
    row = rows.first()
    return row.target if row else None


def rollups_on(day: datetime.date) -> QuerySet:
    return UnitRollup.objects.filter(
        (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    )


def rollup_filter(queryset: QuerySet, unit_field: str, *, as_of: datetime.date, level_code: str) -> QuerySet:
    """`queryset` joined to the unit its records count toward at `level_code` as of `as_of`.

    Adds `rollup_unit_id` to each row, for `.values("rollup_unit_id").annotate(...)` in the database.
    Each record joins exactly one roll-up row (primary successions only), so nothing counts twice.
    """
    from django.db.models import F

    prefix = f"{unit_field}__rollups__"
    return queryset.filter(
        (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": as_of}))
        & (Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": as_of})),
        **{f"{prefix}is_primary": True, f"{prefix}target_level__code": level_code},
    ).annotate(rollup_unit_id=F(f"{prefix}target_id"))


def unit_tree_children(*, user, parent: Unit | None, as_of: datetime.date) -> QuerySet:
    """Versions of the units directly below `parent` on `as_of` (top-level units when None), in scope."""
    versions = UnitVersion.objects.valid_on(as_of).select_related("unit", "type", "unit__level")
    versions = versions.filter(parent=parent) if parent else versions.filter(parent__isnull=True)
    return permissions.restrict(versions, user, "unit").order_by("unit__sort_key")


def unit_tree_roots(*, user, as_of: datetime.date) -> list[UnitVersion]:
    """The highest units of the user's scope on `as_of` (versions, so names are as of then): units in the
    scope whose parent is not. One query, whatever the size of the scope."""
    versions = UnitVersion.objects.valid_on(as_of).select_related("unit", "type", "unit__level")
    ids = permissions.scope_unit_ids(user)
    if ids is None:
        roots = versions.filter(parent__isnull=True)
    else:
        roots = versions.filter(unit__in=ids).filter(Q(parent__isnull=True) | ~Q(parent__in=ids))
    return list(roots.order_by("unit__level__rank", "unit__sort_key"))


def unit_children_counts(parent_ids, as_of: datetime.date, *, user) -> dict[int, int]:
    """Children in the user's scope on `as_of`, per parent, counted by the database."""
    from django.db.models import Count

    versions = permissions.restrict(UnitVersion.objects.valid_on(as_of), user, "unit")
    rows = versions.filter(parent_id__in=parent_ids).values("parent_id").annotate(n=Count("id")).order_by()
    return {row["parent_id"]: row["n"] for row in rows}


def unit_ancestors(unit: Unit, *, as_of: datetime.date) -> list[Unit]:
    lineage = Lineage.load([unit.pk])
    ids = list(reversed(lineage.ancestors_on(unit.pk, as_of)))
    found = Unit.objects.select_related("type").in_bulk(ids)
    return [found[i] for i in ids]


# --- Lists -------------------------------------------------------------------------------------------------


def unit_list(
    *, user, query: str = "", level: str = "", as_of: datetime.date | None = None, include_ended: bool = False
) -> QuerySet:
    units = Unit.objects.select_related("type", "level", "parent__type")
    if as_of is not None:
        units = units.valid_on(as_of)
    elif not include_ended:
        units = units.valid_on(dates.today())
    if level:
        units = units.filter(level__code=level)
    return search(permissions.restrict(units, user, "pk"), query).order_by("level__rank", "sort_key")


def subtree_ids(unit: Unit, day: datetime.date | None = None) -> QuerySet:
    """The unit and everything that rolls up into it as of `day` (default today), as a subquery of unit ids:
    the "unit (with what is below it)" filter of every list."""
    return rollups_on(day or dates.today()).filter(target=unit).values("unit_id")


def party_org_list(
    *, user, query: str = "", unit: Unit | None = None, current_only: bool = True, include_below: bool = False
) -> QuerySet:
    orgs = PartyOrg.objects.select_related("type", "unit__type", "parent")
    if current_only:
        orgs = orgs.valid_on(dates.today())
    if unit is not None:
        orgs = orgs.filter(unit__in=subtree_ids(unit)) if include_below else orgs.filter(unit=unit)
    return search(permissions.restrict(orgs, user), query).order_by("sort_key")


def party_org_children(*, user, org: PartyOrg, as_of: datetime.date) -> list:
    """The organisations directly under `org` on `as_of`, in the user's scope, each as its version of that day
    (name, type, unit of that day), ordered by name. Two queries."""
    from .names import party_org_children_as_of

    versions = party_org_children_as_of([org.pk], as_of).select_related("type", "party_org")
    versions = permissions.restrict(versions, user, "party_org__unit")
    return sorted(versions, key=lambda v: v.party_org.sort_key if v.name == v.party_org.name else v.name)


def party_org_versions(org: PartyOrg) -> QuerySet:
    """Its periods, oldest first, with their superior, unit and the reorganization that opened them."""
    return org.versions.select_related("type", "parent", "unit__type", "reorganization").order_by("valid_from")


def party_orgs_without_superior(*, user, unit: Unit, as_of: datetime.date | None = None) -> QuerySet:
    """Organisations of `unit` and of the villages below it that go on under a superior already ended on `as_of`
    (today): cells whose commune merged before its new Đảng ủy was recorded. For the administrators who may
    manage organisations there; empty for everyone else."""
    from .names import orphaned_on

    day = as_of or dates.today()
    if not permissions.can(user, permissions.Cap.MANAGE_ORGS, unit):
        return PartyOrg.objects.none()
    ids = orphaned_on([unit.pk], day).values("party_org_id")
    return permissions.restrict(PartyOrg.objects.filter(pk__in=ids), user).order_by("sort_key")


def body_list(
    *, user, query: str = "", unit: Unit | None = None, current_only: bool = True, include_below: bool = False
) -> QuerySet:
    bodies = Body.objects.select_related("type", "unit__type", "parent")
    if current_only:
        bodies = bodies.valid_on(dates.today())
    if unit is not None:
        bodies = bodies.filter(unit__in=subtree_ids(unit)) if include_below else bodies.filter(unit=unit)
    return search(permissions.restrict(bodies, user), query).order_by("sort_key")


def person_list(
    *, user, query: str = "", unit: Unit | None = None, active_only: bool = True, include_below: bool = False
) -> QuerySet:
    people = Person.objects.select_related("unit__type")
    if active_only:
        people = people.filter(is_active=True)
    if unit is not None:
        people = people.filter(unit__in=subtree_ids(unit)) if include_below else people.filter(unit=unit)
    return search(permissions.restrict(people, user), query).order_by("sort_key")


def membership_list(
    *, user, query: str = "", current_only: bool = True, unit: Unit | None = None, role: str = ""
) -> QuerySet:
    rows = Membership.objects.select_related("user", "role", "unit__type", "body")
    if current_only:
        rows = rows.valid_on(dates.today())
    if unit is not None:
        rows = rows.filter(unit__in=subtree_ids(unit))
    if role:
        rows = rows.filter(role__code=role)
    if query:
        rows = rows.filter(Q(user__username__icontains=query) | Q(user__first_name__icontains=query))
    return permissions.restrict(rows, user, cap=permissions.Cap.MANAGE_MEMBERSHIPS).order_by(
        "user__username", "-valid_from"
    )


def reorganization_list(
    *, user, query: str = "", kind: str = "", year: int | None = None, unit: Unit | None = None
) -> QuerySet:
    """Reorganizations that touched a unit in scope; each lists only the units the user may see. `query` finds
    the legal basis or a unit's name (accent-insensitive), `unit` the events of a unit and what is below it."""
    from django.db.models import Prefetch

    visible = permissions.restrict(Unit.objects.select_related("type"), user, "pk")
    touched = visible
    if query:
        touched = search(touched, query)
    if unit is not None:
        touched = touched.filter(pk__in=subtree_ids(unit))
    rows = Reorganization.objects.filter(units__in=touched)
    if query:
        rows = Reorganization.objects.filter(Q(units__in=touched) | Q(legal_basis__icontains=query), units__in=visible)
        if unit is not None:
            rows = rows.filter(units__in=subtree_ids(unit))
    if kind:
        rows = rows.filter(kind=kind)
    if year:
        rows = rows.filter(effective_date__year=year)
    return (
        rows.distinct()
        .prefetch_related(Prefetch("units", queryset=visible.order_by("sort_key"), to_attr="visible_units"))
        .order_by("-effective_date", "-id")
    )


def audit_for(obj, *, limit: int = 50) -> QuerySet:
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return AuditEntry.objects.filter(content_type=content_type, object_id=str(obj.pk)).select_related(
        "actor", "content_type"
    )[:limit]


def audit_log(
    *,
    user,
    actor: str = "",
    model: str = "",
    action: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet:
    """The administrators' log: entries about units in their scope (all for a superuser)."""
    entries = AuditEntry.objects.select_related("content_type", "unit__type")
    if not user.is_superuser:
        entries = entries.filter(unit__in=permissions.scope_unit_ids(user, permissions.Cap.VIEW_AUDIT))
    if actor:
        entries = entries.filter(actor_name__icontains=actor)
    if model:
        entries = entries.filter(content_type__model=model)
    if action:
        entries = entries.filter(action=action)
    if date_from:
        entries = entries.filter(at__date__gte=date_from)
    if date_to:
        entries = entries.filter(at__date__lte=date_to)
    return entries.order_by("-at", "-id")
