"""Hand-over when a body ends (issue 13, point 4): the open kiến nghị of a body that no longer exists move to its
successor, each with a timeline event, an audit entry and the legal basis of the arrangement.

The clock keeps running: the due date, the allowed days and the clock's start stay as they were, even when the
successor is at another level (the time limit was set when the item was routed; a new one would need a new
routing). Warnings and escalation start again for the successor (its superior has not been told yet)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import audit, dates, permissions
from danvan.core.models import Body
from danvan.core.permissions import Cap
from danvan.core.services.common import check_day, fmt, required_text, save_versioned

from ..models import Petition, PetitionEvent, State
from .common import TRACKED, Action, _search_text

MAX_LEGAL_BASIS = 500
# Items that still need work: everything but the resolved and closed ones.
DONE = (State.RESOLVED, State.CLOSED)


def open_at(body: Body):
    return Petition.objects.filter(body=body).exclude(state__in=DONE)


@transaction.atomic
def petitions_hand_over(*, actor, from_body: Body, to_body: Body, legal_basis: str, on: datetime.date) -> int:
    """Move every open item of `from_body` (ended before `on`) to `to_body` (existing on `on`); returns how many
    moved. Nothing changes when anything is refused."""
    if actor is None:
        raise TypeError("An actor is required: a person, system_actor() or loader_actor().")
    if on is None:
        raise ValidationError({"on": _("Vui lòng nhập ngày chuyển giao.")})
    check_day(on, "on")
    if on > dates.record_day():
        raise ValidationError({"on": _("Ngày chuyển giao không được sau hôm nay.")})
    basis = required_text(legal_basis, "legal_basis", MAX_LEGAL_BASIS)
    if from_body is None:
        raise ValidationError({"from_body": _("Vui lòng chọn cơ quan đã kết thúc hoạt động.")})
    if to_body is None:
        raise ValidationError({"to_body": _("Vui lòng chọn cơ quan tiếp nhận.")})
    if from_body.valid_to is None or from_body.valid_to >= on:
        raise ValidationError(
            {
                "from_body": _(
                    "Cơ quan %(b)s vẫn còn hoạt động vào ngày %(d)s: chỉ chuyển giao kiến nghị của cơ quan đã "
                    "kết thúc hoạt động trước ngày chuyển giao."
                )
                % {"b": from_body, "d": fmt(on)}
            }
        )
    if not to_body.is_valid_on(on):
        raise ValidationError(
            {"to_body": _("Cơ quan tiếp nhận %(b)s không hoạt động vào ngày %(d)s.") % {"b": to_body, "d": fmt(on)}}
        )
    if not to_body.is_valid_on(dates.today()):
        raise ValidationError({"to_body": _("Cơ quan tiếp nhận %(b)s không còn hoạt động.") % {"b": to_body}})
    permissions.require(actor, Cap.ROUTE_PETITIONS, from_body.unit, allow_past=True)
    permissions.require(actor, Cap.ROUTE_PETITIONS, to_body.unit)
    text = _("Chuyển giao từ %(a)s sang %(b)s. Căn cứ: %(basis)s") % {"a": from_body, "b": to_body, "basis": basis}
    moved = 0
    for petition in open_at(from_body).select_related("unit").order_by("pk").select_for_update(of=("self",)):
        before = audit.snapshot(petition, TRACKED)
        petition.body = to_body
        petition.warned_on = petition.escalated_on = None
        petition.search_text = _search_text(petition)
        save_versioned(petition, petition.version, ["body", "warned_on", "escalated_on", "search_text"])
        audit.record_update(
            actor=actor,
            obj=petition,
            before=before,
            fields=TRACKED,
            unit=petition.unit,
            verb=_("Chuyển giao do sắp xếp"),
            reason=basis,
        )
        PetitionEvent.objects.create(
            petition=petition,
            action=Action.HANDED_OVER,
            on=on,
            actor=actor,
            from_state=petition.state,
            to_state=petition.state,
            body=to_body,
            text=text,
            due_on=petition.due_on,
        )
        moved += 1
    if moved:
        _tell_successor(from_body, to_body, on, moved)
    return moved


def _tell_successor(from_body: Body, to_body: Body, on: datetime.date, moved: int) -> None:
    from django.urls import reverse

    from danvan.core.notifications import notify

    from .. import selectors

    notify(
        selectors.officers_of(to_body),
        title=_("%(n)s kiến nghị chuyển giao từ %(b)s") % {"n": moved, "b": from_body},
        url=reverse("petitions:list"),
        key=f"petition-handover-{from_body.pk}-{to_body.pk}-{on:%Y%m%d}",
    )
