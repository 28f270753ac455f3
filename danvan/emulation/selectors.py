"""Reads of the "Dân vận khéo" registry, always through the user's scope (the registering unit)."""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet

from danvan.core import access, dates
from danvan.core.models import Unit
from danvan.core.search import search
from danvan.core.selectors import rollups_on

from .models import Award, CriteriaSheet, Field, Initiative, PraiseConference, Result

# --- Reference data for a unit and a year -------------------------------------------------------------------


def conference_area(conference: PraiseConference) -> QuerySet:
    """Units whose records the conference may honour: below its unit on the day it was held."""
    return rollups_on(conference.held_on).filter(target=conference.unit).values("unit_id")


def _overlapping(queryset: QuerySet, year: int) -> QuerySet:
    start, end = dates.year_span(year)
    return queryset.filter(Q(valid_from__lte=end) & (Q(valid_to__isnull=True) | Q(valid_to__gte=start)))


def fields_for(unit: Unit | None, year: int) -> QuerySet:
    """The local fields a unit reports in for `year`: its province's own set when it has one, else the default
    set. Without a unit: every field in use that year (national users' filters)."""
    fields = _overlapping(Field.objects.select_related("group"), year)
    if unit is None:
        return fields.order_by("position", "name")
    ancestors = rollups_on(datetime.date(year, 12, 31)).filter(unit=unit).values("target_id")
    own = fields.filter(scope__in=ancestors)
    if own.exists():
        return own.order_by("position", "name")
    return fields.filter(scope__isnull=True).order_by("position", "name")


def sheets_for(initiative: Initiative) -> list[CriteriaSheet]:
    """Criteria sheets of a campaign covering the initiative's year and kind, issued at or above its unit."""
    above = rollups_on(dates.year_as_of(initiative.year)).filter(unit=initiative.unit).values("target_id")
    rows = CriteriaSheet.objects.filter(unit__in=above, year_from__lte=initiative.year).filter(
        Q(year_to__isnull=True) | Q(year_to__gte=initiative.year)
    )
    return [s for s in rows.prefetch_related("criteria", "grades") if s.applies_to(initiative.kind)]


def sheets_visible(user) -> QuerySet:
    """Sheets issued by a unit in the user's scope or above it (a commune sees the district's sheets)."""
    return access.visible(user, CriteriaSheet, CriteriaSheet.objects.select_related("unit__type"))


def conferences_visible(user) -> QuerySet:
    return access.visible(user, PraiseConference, PraiseConference.objects.select_related("unit__type"))


def sheet_list(*, user, year: int | None = None) -> QuerySet:
    """The sheets the user sees (sheets_visible), those applying in `year` when given."""
    rows = sheets_visible(user)
    if year:
        rows = rows.filter(Q(year_from__lte=year) & (Q(year_to__isnull=True) | Q(year_to__gte=year)))
    return rows


def conference_list(*, user, unit: Unit | None = None, year: int | None = None) -> QuerySet:
    """The praise conferences the user sees, held by `unit` or a unit below it (as of today), whose period
    includes `year`."""
    rows = conferences_visible(user)
    if unit is not None:
        rows = rows.filter(unit__in=rollups_on(dates.today()).filter(target=unit).values("unit_id"))
    if year:
        rows = rows.filter(year_from__lte=year, year_to__gte=year)
    return rows


def awards_of(initiative: Initiative) -> QuerySet:
    return Award.objects.filter(initiative=initiative).select_related("form", "awarding_body", "conference")


# --- Evaluations --------------------------------------------------------------------------------------------


def proposed_result(initiative: Initiative) -> str:
    """The result most evaluators proposed (ties: the less favourable), to preselect in the conclusion."""
    counts: dict[str, int] = {}
    for result in initiative.evaluations.values_list("result", flat=True):
        counts[result] = counts.get(result, 0) + 1
    if not counts:
        return ""
    order = [Result.STOPPED, Result.NOT_EFFECTIVE, Result.EFFECTIVE]
    return max(order, key=lambda r: (counts.get(r, 0), -order.index(r)))


# --- The list -----------------------------------------------------------------------------------------------

SORTS = {
    "name": ("sort_key", "id"),
    "year": ("-year", "sort_key", "id"),
    "unit": ("unit__sort_key", "sort_key", "id"),
    "field": ("field__position", "sort_key", "id"),
    "state": ("state", "sort_key", "id"),
}


def listing(*, user, filters: dict, sort: str = "year") -> QuerySet:
    """The registry filtered as the list page and its Excel export ask: year, field or national group, kind,
    state, result, unit (and everything below it, through succession), new or continued, replicated, text."""
    rows = access.visible(user, Initiative).select_related(
        "unit__type", "field__group", "body", "party_org", "subject_type", "level"
    )
    if filters.get("year"):
        rows = rows.filter(year=filters["year"])
    if filters.get("field"):
        rows = rows.filter(field_id=filters["field"])
    if filters.get("group"):
        rows = rows.filter(field__group_id=filters["group"])
    if filters.get("kind"):
        rows = rows.filter(kind=filters["kind"])
    if filters.get("state"):
        rows = rows.filter(state=filters["state"])
    if filters.get("result"):
        rows = rows.filter(result=filters["result"])
    if filters.get("unit") is not None:
        area = rollups_on(dates.today()).filter(target=filters["unit"]).values("unit_id")
        rows = rows.filter(unit__in=area)
    if filters.get("origin") == "new":
        rows = rows.filter(continues__isnull=True)
    elif filters.get("origin") == "continued":
        rows = rows.filter(continues__isnull=False)
    elif filters.get("origin") == "replication":
        rows = rows.filter(replicates__isnull=False)
    if filters.get("replicated"):
        rows = rows.filter(Exists(Initiative.objects.filter(replicates=OuterRef("pk"))))
    if filters.get("q"):
        rows = search(rows, filters["q"])
    return rows.order_by(*SORTS.get(sort, SORTS["year"]))
