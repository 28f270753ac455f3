"""Reads of the kiến nghị registry. Who sees an item and who may act on it is declared in `access.py` and
decided by core.access: `access.access.visible(user, Petition, Petition)`, `access.get_for_user(user, Petition, pk)`,
`access.can(user, "answer", item)`."""

import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from danvan.core import access, dates, permissions
from danvan.core.models import Body, Membership, Person, Position, Unit
from danvan.core.permissions import Cap
from danvan.core.selectors import rollups_on
from danvan.core.text import fold

from .models import (
    CLOCK_RUNNING,
    OPEN_STATES,
    ConclusionFollowUp,
    ConclusionTask,
    Petition,
    ResolutionTime,
    ReviewConference,
    RoutingRule,
    State,
)

# --- Routing, time limits ---------------------------------------------------------------------------------


def propose_body(*, unit: Unit, field_id: int | None, kind: str, on: datetime.date | None = None) -> Body | None:
    """The body the most specific routing rule names for an item from `unit` (None when no rule applies)."""
    on = on or dates.today()
    scopes = rollups_on(on).filter(unit=unit).values("target_id")
    rules = (
        RoutingRule.objects.valid_on(on)
        .filter(scope__in=scopes, body__in=Body.objects.valid_on(on))
        .filter(Q(field__isnull=True) | Q(field_id=field_id))
        .filter(Q(kind="") | Q(kind=kind))
        .filter(Q(origin_level__isnull=True) | Q(origin_level_id=unit.level_id))
        .select_related("body", "scope__level")
    )
    best = sorted(rules, key=lambda r: (-r.specificity, -r.scope.level.rank, r.pk))
    return best[0].body if best else None


def allowed_days(*, kind: str, body: Body, on: datetime.date) -> int | None:
    row = (
        ResolutionTime.objects.valid_on(on)
        .filter(kind=kind, level_id=body.unit.level_id)
        .order_by("-valid_from")
        .values_list("working_days", flat=True)
        .first()
    )
    return row


def bodies_for(user, *, ended: bool = False) -> QuerySet:
    """Bodies existing today that `user` may route or transfer to: in their scope, or above their units.
    `ended`: also the bodies that no longer exist (a list filtered by the body that handled past items)."""
    rows = Body.objects.select_related("unit__type", "unit__level")
    if not ended:
        rows = rows.valid_on(dates.today())
    rows = rows.order_by("unit__level__rank", "sort_key")
    if user.is_superuser:
        return rows
    scope = permissions.scope_unit_ids(user)
    above = (
        rollups_on(dates.today())
        .filter(unit_id__in=permissions.memberships(user).values("unit_id"))
        .values("target_id")
    )
    return rows.filter(Q(unit__in=scope) | Q(unit__in=above))


# --- Duplicates ---------------------------------------------------------------------------------------------

STOPWORDS = frozenset(
    [
        "va",
        "cua",
        "cho",
        "cac",
        "nhung",
        "la",
        "de",
        "duoc",
        "trong",
        "voi",
        "tai",
        "ve",
        "khong",
        "co",
        "mot",
        "nay",
        "den",
        "tu",
        "nhan",
        "dan",
        "xa",
        "thon",
        "de",
        "nghi",
        "kien",
        "nghi",
        "xem",
        "xet",
        "giai",
        "quyet",
    ]
)
SIMILAR_CANDIDATES = 400
SIMILAR_THRESHOLD = 0.34


def tokens(text: str) -> frozenset[str]:
    """Accent-insensitive words: "hoà" and "hòa" (old and new tone placement) and "hoa" are the same."""
    return frozenset(w for w in fold(text).split() if len(w) > 1 and w not in STOPWORDS)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def similar_open(
    *, user, content: str, unit: Unit | None, field_id: int | None, exclude: int | None = None, limit: int = 5
) -> list[tuple[Petition, float]]:
    """Open items from the same commune or in the same field that say much the same thing.

    Bounded work: the most recent candidates only, compared word by word on folded text."""
    words = tokens(content)
    if len(words) < 2:
        return []
    if unit is None:
        return []
    # The same commune (with its villages), or the same field within the commune's district or province.
    day = dates.today()
    commune = unit.parent if unit.parent_id and unit.level.code == "village" else unit
    near = Q(unit__in=rollups_on(day).filter(target=commune).values("unit_id"))
    if field_id and commune.parent_id:
        near |= Q(field_id=field_id, unit__in=rollups_on(day).filter(target_id=commune.parent_id).values("unit_id"))
    rows = access.visible(user, Petition).filter(near, state__in=OPEN_STATES, duplicate_of__isnull=True)
    if exclude:
        rows = rows.exclude(pk=exclude)
    rows = rows.select_related("unit__type", "body").order_by("-received_on", "-id")[:SIMILAR_CANDIDATES]
    scored = [(p, similarity(words, tokens(p.content))) for p in rows]
    scored = [(p, s) for p, s in scored if s >= SIMILAR_THRESHOLD]
    scored.sort(key=lambda pair: (-pair[1], -pair[0].pk))
    return scored[:limit]


# --- Review conferences -------------------------------------------------------------------------------------


def carry_over_candidates(conference: ReviewConference):
    """Items from the conference's area, received by the meeting day, still unresolved."""
    area = rollups_on(conference.held_on).filter(target=conference.unit).values("unit_id")
    return Petition.objects.filter(
        unit__in=area, received_on__lte=conference.held_on, state__in=OPEN_STATES, duplicate_of__isnull=True
    )


def conference_get(*, user, pk) -> ReviewConference:
    """A conference through the access registry (for other modules: the documents drafted from it)."""
    return access.get_for_user(user, ReviewConference, pk)


def previous_conference(conference: ReviewConference) -> ReviewConference | None:
    """The committee's conference before this one."""
    return (
        ReviewConference.objects.filter(unit=conference.unit)
        .filter(Q(held_on__lt=conference.held_on) | Q(held_on=conference.held_on, pk__lt=conference.pk))
        .order_by("-held_on", "-pk")
        .first()
    )


def conference_tasks(conference: ReviewConference) -> QuerySet:
    """The tasks of the conference's own conclusion."""
    return conference.tasks.select_related("owner_body", "owner_person", "followed_up_at").order_by("position", "pk")


def tasks_to_follow_up(conference: ReviewConference) -> list[ConclusionTask]:
    """Earlier conclusions' tasks this conference reviews: those it recorded and those still open on its day (not
    found done at an earlier conference), oldest conference first; each with `here`, what this conference recorded
    of it (None when not yet)."""
    earlier = ReviewConference.objects.filter(unit=conference.unit).filter(
        Q(held_on__lt=conference.held_on) | Q(held_on=conference.held_on, pk__lt=conference.pk)
    )
    done_before = ConclusionFollowUp.objects.filter(
        Q(conference__held_on__lt=conference.held_on)
        | Q(conference__held_on=conference.held_on, conference_id__lt=conference.pk),
        task=OuterRef("pk"),
        status__in=(ConclusionTask.Status.DONE, ConclusionTask.Status.DONE_LATE),
    )
    here = ConclusionFollowUp.objects.filter(conference=conference)
    tasks = list(
        ConclusionTask.objects.filter(conference__in=earlier)
        .exclude(Exists(done_before))
        .select_related("conference", "owner_body", "owner_person", "followed_up_at")
        .prefetch_related(Prefetch("follow_up_log", queryset=here, to_attr="here_log"))
        .order_by("conference__held_on", "conference_id", "position", "pk")
    )
    for task in tasks:
        task.here = task.here_log[0] if task.here_log else None
    return tasks


def task_owner_choices(conference: ReviewConference) -> tuple[QuerySet, QuerySet]:
    """Who can own a task of the conclusion: bodies of the committee's area working on the day it met, and the
    people holding a position then in the committee's own bodies."""
    day = conference.held_on
    area = rollups_on(day).filter(target=conference.unit).values("unit_id")
    bodies = Body.objects.valid_on(day).filter(unit__in=area).select_related("unit__type").order_by("sort_key")
    people = (
        Person.objects.filter(
            positions__in=Position.objects.valid_on(day).filter(Q(unit=conference.unit) | Q(body__unit=conference.unit))
        )
        .distinct()
        .order_by("sort_key")
    )
    return bodies, people


# --- Lists --------------------------------------------------------------------------------------------------

SORTS = {
    "received": ("-received_on", "-id"),
    "received_asc": ("received_on", "id"),
    "due": ("due_on", "id"),
    "unit": ("unit__sort_key", "-received_on", "-id"),
    "state": ("state", "-received_on", "-id"),
}


def listing(*, user, filters: dict, sort: str = "received") -> QuerySet:
    """Visible items, filtered (every key optional) and sorted; the list page and its Excel export."""
    from danvan.core.search import search

    rows = access.visible(user, Petition)
    day = dates.today()
    if filters.get("state"):
        rows = rows.filter(state=filters["state"])
    if filters.get("open"):
        rows = rows.filter(state__in=OPEN_STATES)
    if filters.get("body"):
        rows = rows.filter(body=filters["body"])
    if filters.get("field"):
        rows = rows.filter(field=filters["field"])
    if filters.get("kind"):
        rows = rows.filter(kind=filters["kind"])
    if filters.get("source"):
        rows = rows.filter(source=filters["source"])
    if filters.get("unit"):
        # The unit with its subtree, and its predecessors' items (rolled up as of today).
        rows = rows.filter(unit__in=rollups_on(day).filter(target=filters["unit"]).values("unit_id"))
    if filters.get("start"):
        rows = rows.filter(received_on__gte=filters["start"])
    if filters.get("end"):
        rows = rows.filter(received_on__lte=filters["end"])
    if filters.get("overdue"):
        rows = rows.filter(state__in=CLOCK_RUNNING, due_on__lt=day)
    if filters.get("carried_over"):
        rows = rows.filter(carried_over=True)
    if filters.get("mine"):
        rows = access.permitted(user, "handle", Petition, rows).filter(state__in=OPEN_STATES)
    if filters.get("team"):
        rows = rows.filter(team=filters["team"])
    rows = search(rows, filters.get("q"))
    return rows.select_related("unit__type", "field", "body").order_by(*SORTS.get(sort, SORTS["received"]))


MAX_BODY_OPTIONS = 300


def bodies_offered(user, unit: Unit | None) -> QuerySet | None:
    """The bodies the list offers as a filter: those of the chosen unit's area (and above it) when a unit is
    chosen, else all in reach. None when there are too many to list without choosing a unit first."""
    bodies = bodies_for(user)
    if unit is not None:
        area = rollups_on(dates.today()).filter(target=unit).values("unit_id")
        above = rollups_on(dates.today()).filter(unit=unit).values("target_id")
        bodies = bodies.filter(Q(unit__in=area) | Q(unit__in=above))
    if bodies[: MAX_BODY_OPTIONS + 1].count() > MAX_BODY_OPTIONS:
        return None
    return bodies


def conference_list(*, user, unit: Unit | None = None, year: int | None = None) -> QuerySet:
    """Review conferences the user reaches, of the unit's area (as of today) and year when given."""
    rows = access.visible(user, ReviewConference).select_related("unit__type")
    if unit is not None:
        rows = rows.filter(unit__in=rollups_on(dates.today()).filter(target=unit).values("unit_id"))
    if year:
        rows = rows.filter(year=year)
    return rows.order_by("-held_on", "-id")


def routing_rule_list(*, user, unit: Unit | None = None, ended: bool = False) -> QuerySet:
    """Routing rules set for the units of the user's scope; with `unit`, those set at it, below it or above it
    (the rules that can apply to its items); without `ended`, those in force today or later."""
    rows = permissions.restrict(
        RoutingRule.objects.select_related("scope__type", "field", "origin_level", "body__unit"), user, "scope"
    )
    day = dates.today()
    if unit is not None:
        below = rollups_on(day).filter(target=unit).values("unit_id")
        above = rollups_on(day).filter(unit=unit).values("target_id")
        rows = rows.filter(Q(scope__in=below) | Q(scope__in=above))
    if not ended:
        rows = rows.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    return rows.order_by("scope__sort_key", "field__position", "kind", "pk")


def counts_for_panel(user) -> dict:
    from django.db.models import Count

    day = dates.today()
    rows = access.visible(user, Petition).filter(duplicate_of__isnull=True)
    return rows.aggregate(
        open=Count("pk", filter=Q(state__in=OPEN_STATES)),
        unrouted=Count("pk", filter=Q(state__in=["received", "classified"])),
        overdue=Count("pk", filter=Q(state__in=CLOCK_RUNNING, due_on__lt=day)),
        escalated=Count("pk", filter=Q(state__in=CLOCK_RUNNING, escalated_on__isnull=False)),
        mine=Count(
            "pk",
            filter=Q(
                pk__in=access.permitted(
                    user, "handle", Petition, Petition.objects.filter(state__in=OPEN_STATES)
                ).values("pk")
            ),
        ),
    )


def officers_of(body: Body | None) -> QuerySet:
    """Users who answer for `body` today (members on its behalf)."""
    from django.contrib.auth import get_user_model

    if body is None:
        return get_user_model().objects.none()
    held = Membership.objects.valid_on(dates.today()).filter(
        body=body, role__code__in=permissions.roles_with(Cap.HANDLE_PETITIONS)
    )
    return get_user_model().objects.filter(pk__in=held.values("user_id"), is_active=True)


def standing_committee_of(unit: Unit) -> QuerySet:
    """Standing-committee users whose unit is `unit` or above it (they see the dashboard's overdue panel)."""
    from django.contrib.auth import get_user_model

    above = rollups_on(dates.today()).filter(unit=unit).values("target_id")
    held = Membership.objects.valid_on(dates.today()).filter(role__code="standing_committee", unit__in=above)
    return get_user_model().objects.filter(pk__in=held.values("user_id"), is_active=True)


# --- Hand-over: work left at bodies that ended --------------------------------------------------------------


def stuck_at_ended_bodies(user, *, day: datetime.date | None = None) -> list[dict]:
    """Open items (neither resolved nor closed) whose body ended before `day` (today), grouped by body: the
    bodies the user may hand over (routing in the body's unit or its successors), each with its count, its
    oldest due date and how many are overdue. One query for the groups, one for the bodies."""
    from django.db.models import Count, Min

    day = day or dates.today()
    rows = Petition.objects.exclude(state__in=(State.RESOLVED, State.CLOSED)).filter(body__valid_to__lt=day)
    scope = permissions.scope_unit_ids(user, Cap.ROUTE_PETITIONS)
    if scope is not None:
        rows = rows.filter(body__unit__in=scope)
    groups = list(
        rows.values("body_id")
        .annotate(n=Count("pk"), oldest=Min("due_on"), overdue=Count("pk", filter=Q(due_on__lt=day)))
        .order_by()
    )
    bodies = Body.objects.select_related("unit__type").in_bulk([g["body_id"] for g in groups])
    out = [{**g, "body": bodies[g["body_id"]]} for g in groups]
    out.sort(key=lambda g: (g["body"].valid_to, g["body"].sort_key))
    return out


def successor_bodies(user, *, day: datetime.date | None = None) -> QuerySet:
    """Bodies existing today in the units where the user may route kiến nghị: the successors offered."""
    day = day or dates.today()
    rows = Body.objects.valid_on(day).select_related("unit__type", "unit__level")
    scope = permissions.scope_unit_ids(user, Cap.ROUTE_PETITIONS, writable=True)
    if scope is not None:
        rows = rows.filter(unit__in=scope)
    return rows.order_by("unit__level__rank", "sort_key")


def ended_body_for(user, pk: int) -> Body | None:
    """An ended body with open items that the user may see (None otherwise: the page answers 404)."""
    rows = Body.objects.filter(pk=pk, valid_to__lt=dates.today()).select_related("unit")
    scope = permissions.scope_unit_ids(user)
    if scope is not None:
        rows = rows.filter(unit__in=scope)
    return rows.first()
