"""What every write of the registry shares: the day (and the replayed day of historical loaders), the
tracked fields, events, versioned saves, the clock and the numbering."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from danvan.core import audit, dates
from danvan.core.models import Body
from danvan.core.services.common import check_day, fmt, save_versioned
from danvan.core.text import fold, sort_key
from danvan.core.workdays import WorkCalendar

from .. import selectors
from ..models import Petition, PetitionEvent

Action = PetitionEvent.Action
MAX_CONTENT = 5000
MAX_ANSWER = 10000
TRACKED = [
    "state",
    "kind",
    "field",
    "body",
    "due_on",
    "answer",
    "answered_on",
    "verdict",
    "resolved_on",
    "closed_on",
    "carried_over",
    "duplicate_of",
]


def warn_days() -> int:
    return int(getattr(settings, "PETITION_WARN_DAYS", 3))


# --- helpers ------------------------------------------------------------------------------------------------


def _search_text(p: Petition) -> str:
    return fold(" ".join([p.code, p.content, p.raised_by, p.answer]))


def _event(petition: Petition, action: str, actor, *, before: str = "", text: str = "", body=None) -> None:
    PetitionEvent.objects.create(
        petition=petition,
        action=action,
        on=dates.record_day(),
        actor=actor,
        from_state=before,
        to_state=petition.state,
        body=body,
        text=text,
        due_on=petition.due_on,
    )


def _save(petition: Petition, expected_version, fields: list[str], *, actor, before: dict, verb: str, reason=""):
    petition.search_text = _search_text(petition)
    save_versioned(petition, expected_version, [*fields, "search_text"])
    audit.record_update(
        actor=actor, obj=petition, before=before, fields=TRACKED, unit=petition.unit, verb=verb, reason=reason
    )


def _not_future(day: datetime.date | None, field: str, label: str) -> None:
    if day is None:
        raise ValidationError({field: _("Vui lòng nhập %(label)s.") % {"label": label}})
    check_day(day, field)
    if day > dates.record_day():
        raise ValidationError({field: _("%(label)s không được sau hôm nay.") % {"label": label.capitalize()}})


def _check_body(body: Body | None, on: datetime.date, field: str = "body") -> Body:
    if body is None:
        raise ValidationError({field: _("Vui lòng chọn cơ quan giải quyết.")})
    if not body.is_valid_on(on):
        raise ValidationError(
            {field: _("Cơ quan %(b)s không còn hoạt động vào ngày %(d)s.") % {"b": body, "d": fmt(on)}}
        )
    return body


def _compute_due(petition: Petition, calendar: WorkCalendar | None = None) -> datetime.date | None:
    if petition.clock_start is None or petition.allowed_days is None:
        return petition.due_on
    calendar = calendar or WorkCalendar.load(petition.clock_start)
    return calendar.add(petition.clock_start, petition.allowed_days + petition.paused_days)


def _set_clock(petition: Petition, *, start: datetime.date, body: Body, due_on: datetime.date | None) -> None:
    """Start (or restart) the clock for `body`; a due date typed by hand wins over the time limit."""
    petition.clock_start = start
    petition.paused_days = 0
    petition.warned_on = petition.escalated_on = None
    if due_on is not None:
        check_day(due_on, "due_on")
        if due_on < petition.received_on:
            raise ValidationError(
                {
                    "due_on": _("Hạn xử lý (%(d)s) không được trước ngày tiếp nhận (%(r)s).")
                    % {"d": fmt(due_on), "r": fmt(petition.received_on)}
                }
            )
        petition.due_on, petition.due_manual = due_on, True
        petition.allowed_days = selectors.allowed_days(kind=petition.kind, body=body, on=start)
        return
    days = selectors.allowed_days(kind=petition.kind, body=body, on=start)
    if days is None:
        raise ValidationError(
            {
                "due_on": _(
                    "Chưa có thời hạn giải quyết cho loại “%(k)s” ở cấp của %(b)s: nhập hạn xử lý, hoặc bổ sung "
                    "thời hạn trong danh mục."
                )
                % {"k": petition.get_kind_display(), "b": body}
            }
        )
    petition.allowed_days, petition.due_manual = days, False
    petition.due_on = _compute_due(petition)


def _finish_clock(petition: Petition, on: datetime.date) -> None:
    """The answer that ends the body's work: how many working days it took and whether it was on time."""
    taken = (
        WorkCalendar.load(petition.received_on, on).between(petition.received_on, on)
        if on > petition.received_on
        else 0
    )
    petition.working_days_taken = max(0, taken - petition.paused_days)
    petition.on_time = petition.due_on is None or on <= petition.due_on


FOLLOWED = ["state", "body", "routed_on", "clock_start", "allowed_days", "due_on", "due_manual", "paused_since"]


def _sync_duplicates(primary: Petition) -> None:
    """Linked duplicates follow their primary's place in the flow (its answer and closing are applied to
    each of them, with their own events, by the services that give them)."""
    moved = list(primary.duplicates.exclude(body_id=primary.body_id).values_list("pk", "state"))
    primary.duplicates.update(**{name: getattr(primary, name) for name in FOLLOWED})
    # The body's officers find the duplicates through the events that name their body.
    PetitionEvent.objects.bulk_create(
        PetitionEvent(
            petition_id=pk,
            action=Action.TRANSFERRED,
            on=dates.record_day(),
            from_state=state,
            to_state=primary.state,
            body=primary.body,
            text=_("Theo kiến nghị chính %(c)s") % {"c": primary.code},
            due_on=primary.due_on,
        )
        for pk, state in moved
        if primary.body_id is not None
    )


def _group(petition: Petition) -> list[Petition]:
    """The item and the duplicates linked to it: they are answered and closed together."""
    return [petition, *petition.duplicates.select_related("unit").order_by("pk")]


def _next_number(year: int) -> int:
    last = Petition.objects.filter(year=year).aggregate(m=Max("number"))["m"]
    return (last or 0) + 1


def _insert(petition: Petition) -> None:
    """Save a new item with the next number of its year (another intake may take a number first)."""
    petition.sort_key = sort_key(petition.content[:200])
    for attempt in range(5):
        petition.number = _next_number(petition.year)
        petition.search_text = _search_text(petition)
        try:
            with transaction.atomic():
                petition.save()
            return
        except IntegrityError:
            if attempt == 4:
                raise
