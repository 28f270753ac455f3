"""Deadlines: warnings before the due day, escalation on breach, and due dates that follow the calendar."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from danvan.core import dates, names
from danvan.core.models import Unit
from danvan.core.services.common import fmt
from danvan.core.workdays import WorkCalendar

from .. import selectors
from ..models import CLOCK_RUNNING, Petition, State
from .common import Action, _event, warn_days

# --- deadlines: warnings and escalation --------------------------------------------------------------------


def _url(petition: Petition) -> str:
    from django.urls import reverse

    return reverse("petitions:detail", args=[petition.pk])


def _notify_body(petition: Petition, title: str) -> None:
    from danvan.core.notifications import notify

    notify(
        selectors.officers_of(petition.body),
        title=title,
        body=petition.content[:300],
        url=_url(petition),
        key=f"petition-{petition.pk}-{petition.version}-body",
    )


def _notify_originators(petition: Petition, title: str) -> None:
    from danvan.core.notifications import notify

    users = []
    if petition.received_by_id:
        users.append(petition.received_by)
    notify(
        users,
        title=title,
        body=petition.answer[:300],
        url=_url(petition),
        key=f"petition-{petition.pk}-{petition.version}-answered",
    )


def _about(petition: Petition) -> str:
    """A deadline notification's text: the item's unit named as of the day it was raised (its versions
    prefetched once per chunk), then its content."""
    unit = names.name_on(petition.unit, petition.raised_on)
    return f"{_('Đơn vị phát sinh')}: {unit}\n{petition.content[:300]}"


def petitions_check_deadlines(*, day: datetime.date | None = None) -> dict:
    """Warn the body before the due day; on breach, escalate to the superior body's officers and the standing
    committee, naming the item's unit as of the day it was raised. Each item is warned and escalated once per due
    date. For cron (`danvan check_petition_deadlines`).

    Nobody who no longer exists is told: items at a body that ended before `day` are neither warned nor
    escalated (the standing committee is told once per such body to hand them over, petitions:handover), an
    ended superior body is skipped, and officers are those whose membership holds today."""
    from danvan.core.notifications import notify

    day = day or dates.record_day()
    _stuck_at_ended_bodies(day)
    alive = Q(body__valid_to__isnull=True) | Q(body__valid_to__gte=day)
    calendar = WorkCalendar.load(day - datetime.timedelta(days=10))
    horizon = calendar.add(day, warn_days())
    warned = escalated = 0
    soon = (
        Petition.objects.filter(
            state__in=CLOCK_RUNNING,
            due_on__gte=day,
            due_on__lte=horizon,
            warned_on__isnull=True,
            body__isnull=False,
            duplicate_of__isnull=True,
        )
        .filter(alive)
        .select_related("body", "unit__type")
    )
    for petition in names.with_versions(soon).iterator(chunk_size=500):
        with transaction.atomic():
            Petition.objects.filter(pk=petition.pk).update(warned_on=day)
            _event(petition, Action.WARNED, None, before=petition.state, body=petition.body)
            notify(
                selectors.officers_of(petition.body),
                title=_("Kiến nghị %(c)s sắp đến hạn (%(d)s)") % {"c": petition.code, "d": fmt(petition.due_on)},
                body=_about(petition),
                url=_url(petition),
                key=f"petition-{petition.pk}-warn-{petition.due_on:%Y%m%d}",
            )
        warned += 1
    late = (
        Petition.objects.filter(
            state__in=CLOCK_RUNNING,
            due_on__lt=day,
            escalated_on__isnull=True,
            body__isnull=False,
            duplicate_of__isnull=True,
        )
        .filter(alive)
        .select_related("body__parent", "body__unit", "unit__type")
    )
    for petition in names.with_versions(late).iterator(chunk_size=500):
        with transaction.atomic():
            Petition.objects.filter(pk=petition.pk).update(escalated_on=day)
            parent = petition.body.parent
            if parent is not None and not parent.is_valid_on(day):
                parent = None  # an ended superior body is told nothing
            _event(petition, Action.ESCALATED, None, before=petition.state, body=parent)
            users = list(selectors.officers_of(parent)) + list(selectors.standing_committee_of(petition.body.unit))
            notify(
                users,
                title=_("Kiến nghị %(c)s quá hạn: %(b)s chưa trả lời (hạn %(d)s)")
                % {"c": petition.code, "b": petition.body, "d": fmt(petition.due_on)},
                body=_about(petition),
                url=_url(petition),
                key=f"petition-{petition.pk}-late-{petition.due_on:%Y%m%d}",
            )
        escalated += 1
    return {"warned": warned, "escalated": escalated}


def _stuck_at_ended_bodies(day: datetime.date) -> int:
    """Tell the standing committee over each ended body that holds open items, once per body, to hand them
    over to a successor (petitions:handover). Returns how many such bodies there are."""
    from django.db.models import Count
    from django.urls import reverse

    from danvan.core.notifications import notify

    groups = (
        Petition.objects.exclude(state__in=(State.RESOLVED, State.CLOSED))
        .filter(body__valid_to__lt=day)
        .values("body_id", "body__unit_id", "body__name")
        .annotate(n=Count("pk"))
        .order_by("body_id")
    )
    url = reverse("petitions:handover")
    units = {}
    for group in groups:
        unit_id = group["body__unit_id"]
        if unit_id not in units:
            units[unit_id] = list(selectors.standing_committee_of(Unit(pk=unit_id)))
        notify(
            units[unit_id],
            title=_("%(n)s kiến nghị còn ở %(b)s, cơ quan đã kết thúc hoạt động: cần chuyển giao")
            % {"n": group["n"], "b": group["body__name"]},
            url=url,
            key=f"petition-stuck-body-{group['body_id']}",
        )
    return len(groups)


# --- due dates follow the working-day calendar --------------------------------------------------------------


def due_dates_follow_calendar(day: datetime.date) -> None:
    """Registered with core.workdays.on_calendar_change (apps.py): after a calendar edit commits, the worker
    moves the stored due dates of open items whose period spans the edited day."""
    from ..tasks import recompute_due_dates as task

    transaction.on_commit(lambda: task.enqueue(day.isoformat()))


def recompute_due_dates(day: datetime.date) -> int:
    rows = Petition.objects.filter(
        state__in=(*CLOCK_RUNNING, State.AWAITING_INFO),
        due_manual=False,
        clock_start__lte=day,
        due_on__gte=day,
        allowed_days__isnull=False,
    ).only("pk", "clock_start", "allowed_days", "paused_days", "due_on")
    changed, batch = 0, []
    first = rows.order_by("clock_start").values_list("clock_start", flat=True).first()
    if first is None:
        return 0
    calendar = WorkCalendar.load(first, max(day, first) + datetime.timedelta(days=4 * 366))
    for petition in rows.order_by("clock_start").iterator(chunk_size=2000):
        due = calendar.add(petition.clock_start, petition.allowed_days + petition.paused_days)
        if due != petition.due_on:
            petition.due_on = due
            batch.append(petition)
        if len(batch) >= 1000:
            Petition.objects.bulk_update(batch, ["due_on"])
            changed += len(batch)
            batch = []
    if batch:
        Petition.objects.bulk_update(batch, ["due_on"])
        changed += len(batch)
    return changed
