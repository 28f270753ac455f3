"""Reads of grassroots democracy. Who reaches a record is declared in `access.py` (the commune of each
record; the village for community votes, so that a village head sees the votes of the village)."""

import datetime

from django.db.models import QuerySet

from danvan.core import access, permissions
from danvan.core.models import Body, Unit
from danvan.core.search import search
from danvan.core.selectors import rollups_on, subtree_ids

from .models import RECOGNISER_BODY, CommunityDecision, InspectionBoard

SCOPE_FIELD = {CommunityDecision: "place"}


def listing(
    model, *, user, q: str = "", unit: Unit | None = None, year: int | None = None, date_field: str, extra=None
):
    rows = access.visible(user, model, model.objects.select_related("unit__type", "rule_set", *(extra or ())))
    if unit is not None:
        rows = rows.filter(**{f"{SCOPE_FIELD.get(model, 'unit')}__in": subtree_ids(unit)})
    if year:
        rows = rows.filter(**{f"{date_field}__year": year})
    if q:
        rows = search(rows, q)
    return rows.order_by(f"-{date_field}", "-id")


def communes_under(unit: Unit, day: datetime.date, user) -> list[Unit]:
    """Communes that existed on `day` and roll up into `unit` as of that day, within the user's scope."""
    if unit.level.code == "commune":
        return [unit]
    ids = rollups_on(day).filter(target=unit, unit__level__code="commune").values("unit_id")
    communes = Unit.objects.valid_on(day).filter(pk__in=ids).select_related("type", "parent__type")
    return list(permissions.restrict(communes, user, "pk").order_by("sort_key"))


def boards(user) -> QuerySet:
    return access.visible(user, InspectionBoard, InspectionBoard.objects.select_related("unit__type", "rule_set"))


def board_list(*, user, q: str = "", unit: Unit | None = None) -> QuerySet:
    """The boards the user sees, of `unit` and what is below it, found by their commune's name."""
    rows = boards(user).prefetch_related("members")
    if unit is not None:
        rows = rows.filter(unit__in=subtree_ids(unit))
    if q:
        rows = search(rows, q)
    return rows.order_by("-term_from", "unit__sort_key", "-id")


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
