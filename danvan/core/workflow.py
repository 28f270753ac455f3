"""State machines declared once: the states a step starts from, who may take it (an action of the access
registry) and the message when the record is in another state. Services ask `expect`/`require` before they
write; pages ask `available` for their buttons, so a button is offered exactly when the service would accept
the step (plus page-only conditions such as "not a linked duplicate").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from . import access


@dataclass(frozen=True)
class Step:
    name: str  # the service's verb and the key of the page's buttons
    slug: str  # the step's address on the page (Vietnamese, e.g. "chuyen")
    sources: tuple[str, ...]  # the states it may start from
    action: str | tuple[str, ...]  # the access registry action(s) it needs (any of them)
    refusal: str = ""  # why the record cannot take it in another state (gettext_lazy)
    offered: Callable[[models.Model], bool] | None = None  # page-only condition for the button

    @property
    def actions(self) -> tuple[str, ...]:
        return (self.action,) if isinstance(self.action, str) else self.action


class Workflow:
    def __init__(self, field: str, steps: Iterable[Step], *, state_label: Callable[[models.Model], str]):
        self.field = field
        self.steps = {step.name: step for step in steps}
        self.by_slug = {step.slug: step for step in self.steps.values()}
        self.state_label = state_label

    def __iter__(self):
        return iter(self.steps.values())

    def step(self, name: str) -> Step:
        return self.steps[name]

    def expect(self, obj: models.Model, name: str) -> None:
        """A clear message (with the current state) when `obj` is not in a state the step starts from."""
        step = self.steps[name]
        if getattr(obj, self.field) not in step.sources:
            raise ValidationError(
                {"__all__": f"{step.refusal} " + _("Trạng thái hiện tại: %(s)s.") % {"s": self.state_label(obj)}}
            )

    def may(self, user, obj: models.Model, name: str) -> bool:
        return any(access.can(user, action, obj) for action in self.steps[name].actions)

    def require(self, user, obj: models.Model, name: str) -> None:
        """403 unless the user may take the step (any of its actions), whatever the state."""
        if user is None:
            raise TypeError("An actor is required: a person, system_actor() or loader_actor().")
        if not self.may(user, obj, name):
            raise PermissionDenied

    def available(self, user, obj: models.Model, extra: Iterable[str] = ()) -> dict[str, bool]:
        """name -> may the user take the step now (state, access, page condition). Each access action is asked
        once; `extra` names further actions whose answer the page needs (returned under their own name)."""
        names = {a for step in self.steps.values() for a in step.actions} | set(extra)
        allowed = access.allowed(user, obj, sorted(names))
        state = getattr(obj, self.field)
        result = {name: name in allowed for name in extra}
        for step in self.steps.values():
            result[step.name] = (
                state in step.sources
                and any(a in allowed for a in step.actions)
                and (step.offered is None or step.offered(obj))
            )
        return result
