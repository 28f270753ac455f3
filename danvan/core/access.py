"""The one access registry: who reaches which rows of every protected model, and who may act on them.

Each app declares, in its `access.py` (imported by its AppConfig.ready), for each protected model:
- `read`: the rule that makes a row visible (by unit through time, by body, by team, by owner, or several),
- `actions`: named rules for what may be done with a row ("change", "answer", "route", ...).
Core decides: `visible(user, Model)`, `get_for_user(user, Model, pk, action=...)` (404 outside the read
rule, 403 without the action), `can(user, action, obj)` and `require(user, action, obj)` are the only ways
views, forms, services, exports, tasks, imports and the API ask. A rule is a Q over the model's rows, so an
object check and a list filter can never disagree: `can(user, "answer", item)` is "item is among the rows
the answer rule selects for this user".

`docs/permissions.md` prints the registry (`danvan permissions_doc`); a test fails when it drifts.

The system acting on its own (worker, cron, the consequence of a record such as a board result raising a
kiến nghị) is `system_actor()`: an audited account that cannot sign in, with the capabilities of
`permissions.SYSTEM_CAPS` everywhere and nothing else. Data loaded from the command line by the server's
operator (the demo, benchmarks, imports run at the shell) is `loader_actor()`: an audited superuser that
cannot sign in. No service accepts `actor=None`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404

from . import dates, permissions
from .permissions import LOADER_USERNAME, SYSTEM_USERNAME, Cap, is_system
from .selectors import rollups_on

MAX_LISTED_IDS = 5000  # beyond this many scope units, filter by subquery instead of a list of ids

# --- Rules ---------------------------------------------------------------------------------------------------


class Rule:
    """A set of rows of a model that a user reaches. `q(user, model, write)` returns the filter, `None` for
    every row, or `NOTHING`. `write` asks for the writable part (units that exist today, unless the rule
    allows recording history on past units)."""

    def q(self, user, model, write: bool) -> Q | None:  # pragma: no cover - abstract
        raise NotImplementedError

    def describe(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def __or__(self, other: Rule) -> Rule:
        return AnyOf(self, other)

    def __and__(self, other: Rule) -> Rule:
        return AllOf(self, other)


NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class InScope(Rule):
    """Rows whose unit (at `path`) is in the user's scope for `cap`: the units of the user's memberships and
    everything below them today, plus their predecessors (read-only unless `past_writable`).
    `without_body` leaves out memberships held on behalf of a body (their reach is the body's work).
    `listed` fetches the scope's unit ids first so that the database uses the unit index (large tables)."""

    path: str = "unit"
    cap: Cap = Cap.VIEW
    without_body: bool = False
    past_writable: bool = False
    listed: bool = False
    semi: bool = False  # the unit is reached through a to-many relation: a semi-join, rows never repeat
    above: bool = False  # also rows of the units above the scope (a commune reads the district's sheets)

    def q(self, user, model, write):
        if is_system(user):
            return None if self.cap in permissions.SYSTEM_CAPS else NOTHING
        writable = write and not self.past_writable
        ids = permissions.scope_unit_ids(user, self.cap, writable=writable, without_body=self.without_body)
        if ids is None:
            return None
        if self.listed:
            unit_ids = list(ids.values_list("unit_id", flat=True)[: MAX_LISTED_IDS + 1])
            if len(unit_ids) <= MAX_LISTED_IDS:
                ids = unit_ids
                if not ids:
                    return NOTHING
        if self.semi:
            return Q(pk__in=model._default_manager.filter(**{f"{self.path}__in": ids}).values("pk"))
        reach = Q(**{f"{self.path}__in": ids})
        if self.above:
            reach |= Q(**{f"{self.path}__in": rollups_on(dates.today()).filter(unit__in=ids).values("target_id")})
        return reach

    def describe(self):
        text = f"`{self.cap}` on the unit `{self.path}` (scope through time)"
        if self.without_body:
            text += ", memberships without a body"
        if self.past_writable:
            text += ", past units writable"
        if self.above:
            text += ", and the units above it"
        return text


@dataclass(frozen=True)
class BodyOfficer(Rule):
    """Rows whose body (at `path`) the user serves: a membership with `cap` held on behalf of that body.
    `unit_officers`: also memberships without a body over a unit that contains the body's unit.
    `history`: a path through a reverse relation that records every body the row had (e.g. its events),
    so that a body keeps reading what passed through it."""

    path: str = "body"
    cap: Cap = Cap.VIEW
    unit_officers: bool = False
    history: str = ""

    def q(self, user, model, write):
        if is_system(user):
            return None if self.cap in permissions.SYSTEM_CAPS else NOTHING
        if user.is_superuser:
            return Q(**{f"{self.path}__isnull": False})
        held = permissions.memberships(user, self.cap)
        body_ids = list(held.filter(body__isnull=False).values_list("body_id", flat=True))
        result = Q()
        if body_ids:
            result |= _semi_join(model, self.history, body_ids) if self.history else Q(**{f"{self.path}__in": body_ids})
        if self.unit_officers:
            units = rollups_on(dates.today()).filter(target_id__in=held.filter(body__isnull=True).values("unit_id"))
            result |= Q(**{f"{self.path}__unit__in": units.values("unit_id")})
        return result or NOTHING

    def describe(self):
        text = f"`{self.cap}` held for the body `{self.path}`"
        if self.history:
            text += f" (or any earlier body in `{self.history}`)"
        if self.unit_officers:
            text += ", or without a body over the body's unit"
        return text


@dataclass(frozen=True)
class Member(Rule):
    """Rows whose group (at `path`, e.g. a working-group team; "" for the row itself) has the user among
    `people` (paths to a user from the group, e.g. its leader's and its members' accounts)."""

    path: str
    people: tuple[str, ...]

    def q(self, user, model, write):
        if is_system(user):
            return NOTHING
        if user.is_superuser:
            return None
        group_model = _related_model(model, self.path) if self.path else model
        reach = Q()
        for person in self.people:
            reach |= Q(**{person: user})
        ids = list(group_model.objects.filter(reach).values_list("pk", flat=True).distinct())
        return Q(**{f"{self.path or 'pk'}__in": ids}) if ids else NOTHING

    def describe(self):
        return f"a person of `{self.path}` ({', '.join(self.people)})"


@dataclass(frozen=True)
class Owner(Rule):
    """Rows the user made (the account at `path`); with `cap`, only while they hold it somewhere."""

    path: str = "created_by"
    cap: Cap | None = None

    def q(self, user, model, write):
        if user.is_superuser:
            return None
        if self.cap is not None and not permissions.can(user, self.cap):
            return NOTHING
        return Q(**{self.path: user})

    def describe(self):
        return f"its owner `{self.path}`" + (f" (with `{self.cap}`)" if self.cap else "")


@dataclass(frozen=True)
class Where(Rule):
    """`rule`, but only for rows that match `condition` (a Q on the model), e.g. sent reports only."""

    condition: Q
    rule: Rule
    label: str = ""

    def q(self, user, model, write):
        inner = self.rule.q(user, model, write)
        if inner is None:
            return self.condition
        if inner is NOTHING:
            return NOTHING
        return self.condition & inner

    def describe(self):
        return f"{self.rule.describe()}, when {self.label or self.condition}"


@dataclass(frozen=True)
class Signed(Rule):
    """Every signed-in user (reference data everyone reads)."""

    def q(self, user, model, write):
        return None

    def describe(self):
        return "every signed-in user"


@dataclass(frozen=True)
class Anywhere(Rule):
    """Users holding `cap` on some unit (national lists such as routing rules' administration)."""

    cap: Cap

    def q(self, user, model, write):
        return None if permissions.can(user, self.cap) else NOTHING

    def describe(self):
        return f"`{self.cap}` anywhere"


@dataclass(frozen=True)
class Via(Rule):
    """Rows whose parent (at `path`, e.g. an attachment's record) the user reaches by the parent model's
    declaration: its read rule, or its `action` for writes."""

    path: str
    action: str = ""

    def q(self, user, model, write):
        parent = _related_model(model, self.path)
        rule = _action(parent, self.action) if (write and self.action) else declaration(parent).read
        inner = rule.q(user, parent, write)
        if inner is None or inner is NOTHING:
            return inner
        return Q(**{f"{self.path}__in": parent._default_manager.filter(inner).values("pk")})

    def describe(self):
        return f"whoever reaches its `{self.path}`" + (f" (to {self.action})" if self.action else "")


@dataclass(frozen=True)
class Attached(Rule):
    """Files (core.Attachment) of every attachable record (core.attachments): a file is reached by whoever
    reaches its record by the record model's declaration (its read rule, or its attach action for writes)."""

    def q(self, user, model, write):
        from django.contrib.contenttypes.models import ContentType

        from .attachments import attachables

        result = Q()
        for entry in attachables():
            parent = entry.model
            rule = _action(parent, entry.action) if write else declaration(parent).read
            inner = rule.q(user, parent, write)
            if inner is NOTHING:
                continue
            kind = Q(content_type_id=ContentType.objects.get_for_model(parent).pk)
            if inner is not None:
                kind &= Q(object_id__in=parent._default_manager.filter(inner).values("pk"))
            result |= kind
        return result or NOTHING

    def describe(self):
        return "whoever reaches its record (the record's read rule; its attach action to add files)"


class AllOf(Rule):
    def __init__(self, *rules: Rule):
        self.rules = rules

    def q(self, user, model, write):
        result = Q()
        for rule in self.rules:
            part = rule.q(user, model, write)
            if part is NOTHING:
                return NOTHING
            if part is not None:
                result &= part
        return result or None

    def describe(self):
        return " and ".join(f"({rule.describe()})" for rule in self.rules)

    def __repr__(self) -> str:
        return f"AllOf{self.rules!r}"


class AnyOf(Rule):
    def __init__(self, *rules: Rule):
        self.rules = rules

    def q(self, user, model, write):
        result = Q()
        for rule in self.rules:
            part = rule.q(user, model, write)
            if part is None:
                return None
            if part is not NOTHING:
                result |= part
        return result or NOTHING

    def describe(self):
        return " or ".join(rule.describe() for rule in self.rules)

    def __repr__(self) -> str:
        return f"AnyOf{self.rules!r}"


def _related_model(model, path: str):
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model


def _semi_join(model, path: str, ids: list) -> Q:
    """Rows reached through a reverse relation at `path` ("events__body"): one semi-join on the related
    table's index instead of a join that repeats rows."""
    first, rest = path.split("__", 1)
    relation = model._meta.get_field(first)
    related = relation.related_model
    back = relation.field.attname
    return Q(pk__in=related.objects.filter(**{f"{rest}__in": ids}).values(back))


# --- The registry ---------------------------------------------------------------------------------------------


@dataclass
class Declaration:
    model: type[models.Model]
    read: Rule
    actions: dict[str, Rule] = field(default_factory=dict)
    related: tuple[str, ...] = ()
    note: str = ""


_REGISTRY: dict[type[models.Model], Declaration] = {}


def register(
    model: type[models.Model],
    *,
    read: Rule,
    actions: dict[str, Rule] | None = None,
    related: Iterable[str] = (),
    note: str = "",
) -> None:
    """Declare who reaches `model`'s rows (`read`) and what each named action needs."""
    _REGISTRY[model] = Declaration(model, read, dict(actions or {}), tuple(related), note)


def declaration(model: type[models.Model]) -> Declaration:
    try:
        return _REGISTRY[model]
    except KeyError:
        raise LookupError(f"{model.__name__} has no access declaration (core.access.register)") from None


def declarations() -> list[Declaration]:
    return sorted(_REGISTRY.values(), key=lambda d: (d.model._meta.app_label, d.model.__name__))


def _active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def visible(user, model: type[models.Model], queryset: QuerySet | None = None) -> QuerySet:
    """The rows of `model` (or of `queryset`) that `user` may see."""
    rows = model._default_manager.all() if queryset is None else queryset
    if not _active(user):
        return rows.none()
    reach = declaration(model).read.q(user, model, False)
    if reach is None:
        return rows
    if reach is NOTHING:
        return rows.none()
    return rows.filter(reach)


def permitted(user, action: str, model: type[models.Model], queryset: QuerySet | None = None) -> QuerySet:
    """The rows of `model` (or of `queryset`) on which `user` may take `action` (e.g. "my desk")."""
    rows = model._default_manager.all() if queryset is None else queryset
    if not _active(user):
        return rows.none()
    reach = _action(model, action).q(user, model, True)
    if reach is None:
        return rows
    if reach is NOTHING:
        return rows.none()
    return rows.filter(reach)


def _action(model, action: str) -> Rule:
    decl = declaration(model)
    try:
        return decl.actions[action]
    except KeyError:
        raise LookupError(f"{model.__name__} declares no action {action!r}") from None


def can(user, action: str, obj: models.Model) -> bool:
    """May `user` take `action` on `obj`? One query (the action's rule on this row)."""
    if not _active(user):
        return False
    model = type(obj)
    reach = _action(model, action).q(user, model, True)
    if reach is None:
        return True
    if reach is NOTHING:
        return False
    return model._default_manager.filter(reach, pk=obj.pk).exists()


def require(user, action: str, obj: models.Model) -> None:
    """403 unless `can`."""
    if user is None:
        raise TypeError("An actor is required: a person, system_actor() or loader_actor().")
    if not can(user, action, obj):
        raise PermissionDenied


def allowed(user, obj: models.Model, actions: Iterable[str] | None = None) -> frozenset[str]:
    """The actions `user` may take on `obj` (for a page's buttons), one query per declared action."""
    names = declaration(type(obj)).actions if actions is None else actions
    return frozenset(name for name in names if can(user, name, obj))


def get_for_user(
    user,
    model: type[models.Model],
    pk,
    *,
    action: str | None = None,
    write: bool = False,
    queryset: QuerySet | None = None,
    related: Iterable[str] = (),
) -> models.Model:
    """One row through the registry: 404 when the user may not see it (indistinguishable from missing),
    403 when they see it but may not take `action` (`write=True` is the "change" action). The row comes with
    the declaration's related rows and `related` (or from `queryset`)."""
    rows = queryset
    if rows is None:
        joined = (*declaration(model).related, *related)
        rows = model._default_manager.select_related(*joined) if joined else model._default_manager.all()
    try:
        obj = visible(user, model, rows).get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and action is None:
        action = "change"
    if action is not None:
        require(user, action, obj)
    return obj


# --- Capabilities that are not about one row ----------------------------------------------------------------


def can_somewhere(user, cap: Cap) -> bool:
    """The user holds `cap` on some unit today (list pages' "new" buttons, menus)."""
    return permissions.can(user, cap)


def can_on(user, cap: Cap, unit, *, past: bool = False) -> bool:
    """The user holds `cap` over `unit` (a record about to be created there). `past`: history may be
    recorded on a unit that no longer exists (within the scope)."""
    return permissions.can(user, cap, unit, allow_past=past)


def require_on(user, cap: Cap, unit=None, *, past: bool = False) -> None:
    if user is None:
        raise TypeError("An actor is required: a person, system_actor() or loader_actor().")
    if not permissions.can(user, cap, unit, allow_past=past):
        raise PermissionDenied


# --- Who acts when no person does ---------------------------------------------------------------------------


def _service_account(username: str, label: str, *, superuser: bool):
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=username,
        defaults={"first_name": label, "is_active": True, "is_superuser": superuser, "is_staff": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def system_actor():
    """The system on its own (worker, cron, a record's consequence). It holds `permissions.SYSTEM_CAPS`
    everywhere and nothing else (no memberships, no accounts, no audit log); it cannot sign in."""
    return _service_account(SYSTEM_USERNAME, "Hệ thống", superuser=False)


def loader_actor():
    """Data loaded at the shell by the server's operator (the demo, benchmarks, command-line imports): every
    capability, audited under its own name; it cannot sign in."""
    return _service_account(LOADER_USERNAME, "Nạp dữ liệu (dòng lệnh)", superuser=True)


__all__ = [
    "NOTHING",
    "AllOf",
    "AnyOf",
    "Anywhere",
    "Attached",
    "BodyOfficer",
    "Cap",
    "InScope",
    "Member",
    "Owner",
    "Rule",
    "Signed",
    "Via",
    "Where",
    "allowed",
    "can",
    "can_on",
    "can_somewhere",
    "declaration",
    "declarations",
    "get_for_user",
    "loader_actor",
    "permitted",
    "register",
    "require",
    "require_on",
    "system_actor",
    "visible",
]
