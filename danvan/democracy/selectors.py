"""Reads of grassroots democracy, always through the user's scope (the commune of each record; the village
for community votes, so that a village head sees the votes of the village)."""

import datetime

from django.db.models import QuerySet
from django.http import Http404

from danvan.core import permissions
from danvan.core.models import Body, Unit
from danvan.core.permissions import Cap, today
from danvan.core.search import search
from danvan.core.selectors import rollups_on

from .models import RECOGNISER_BODY, CommunityDecision, Inspection, InspectionBoard

SCOPE_FIELD = {CommunityDecision: "place"}


def visible(model, user, queryset: QuerySet | None = None) -> QuerySet:
    rows = model.objects.all() if queryset is None else queryset
    field = SCOPE_FIELD.get(model, "unit")
    if not user.is_authenticated or not user.is_active:
        return rows.none()
    return permissions.restrict(rows, user, field)


def get(model, *, user, pk, related=()):
    try:
        return visible(model, user, model.objects.select_related("unit__type", "rule_set", *related)).get(pk=pk)
    except (model.DoesNotExist, ValueError):
        raise Http404 from None


def inspection_get(*, user, pk) -> Inspection:
    rows = Inspection.objects.select_related("board__unit__type", "board__rule_set", "petition")
    try:
        return permissions.restrict(rows, user, "board__unit").get(pk=pk)
    except (Inspection.DoesNotExist, ValueError):
        raise Http404 from None


def subtree_ids(unit: Unit, day: datetime.date | None = None):
    """The unit and everything that rolls up into it (as of `day`, default today), as a subquery."""
    return rollups_on(day or today()).filter(target=unit).values("unit_id")


def listing(
    model, *, user, q: str = "", unit: Unit | None = None, year: int | None = None, date_field: str, extra=None
):
    rows = visible(model, user, model.objects.select_related("unit__type", "rule_set", *(extra or ())))
    if unit is not None:
        rows = rows.filter(**{f"{SCOPE_FIELD.get(model, 'unit')}__in": subtree_ids(unit)})
    if year:
        rows = rows.filter(**{f"{date_field}__year": year})
    if q:
        rows = search(rows, q)
    return rows.order_by(f"-{date_field}", "-id")


def can(user, cap: Cap, unit: Unit | None = None) -> bool:
    return permissions.can(user, cap, unit, allow_past=True) if unit is not None else permissions.can(user, cap)


def communes_under(unit: Unit, day: datetime.date, user) -> list[Unit]:
    """Communes that existed on `day` and roll up into `unit` as of that day, within the user's scope."""
    if unit.level.code == "commune":
        return [unit]
    ids = rollups_on(day).filter(target=unit, unit__level__code="commune").values("unit_id")
    communes = Unit.objects.valid_on(day).filter(pk__in=ids).select_related("type", "parent__type")
    return list(permissions.restrict(communes, user, "pk").order_by("sort_key"))


def boards(user) -> QuerySet:
    return visible(InspectionBoard, user, InspectionBoard.objects.select_related("unit__type", "rule_set"))


def parent_on(unit: Unit, day: datetime.date | None) -> Unit | None:
    """The unit's parent as of `day` (its version valid then), e.g. a village of a commune merged since."""
    if day is not None:
        version = unit.versions.valid_on(day).select_related("parent__type", "parent__level").first()
        if version is not None:
            return version.parent
    return unit.parent


def commune_of(unit: Unit, day: datetime.date | None = None) -> Unit:
    """The commune a village belonged to on `day` (itself for a commune)."""
    if unit.level.code == "village":
        return parent_on(unit, day) or unit
    return unit


def recogniser_bodies(decision: CommunityDecision):
    """The bodies that may recognise this result under its rule, as of the vote's date."""
    type_code, level = RECOGNISER_BODY[decision.rule.recogniser]
    commune = decision.unit
    unit = commune if level == "commune" else parent_on(commune, decision.held_on)
    if unit is None or unit.level.code != level:
        return Body.objects.none()
    return Body.objects.valid_on(decision.held_on).filter(type__code=type_code, unit=unit).order_by("name")
