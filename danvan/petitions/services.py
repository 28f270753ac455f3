"""Writes of the kiến nghị registry. Each function is one transaction, checks who may do it, refuses bad input
with a Vietnamese message tied to a form field, records a timeline event and an audit entry.

The clock: an item routed to a body gets `allowed_days` working days (reference data by kind and the body's
level) from `clock_start` (the intake day, or the day of a transfer that restarts the clock). The due date is
stored: `due_on = clock_start + (allowed_days + paused_days)` working days, recomputed only when one of those
changes or when the calendar is edited.
"""

import contextlib
import contextvars
import datetime
import os

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core import audit, permissions
from danvan.core.models import Body, Unit
from danvan.core.permissions import Cap, require
from danvan.core.services.common import check_day, fmt, optional_text, required_text, save_versioned
from danvan.core.text import fold, sort_key
from danvan.core.uploads import MAX_UPLOAD_BYTES, check_upload  # noqa: F401 - MAX_UPLOAD_BYTES for the tests
from danvan.supervision.models import MonitoringField, Team

from . import selectors
from .models import (
    CLOCK_RUNNING,
    OPEN_STATES,
    AnswerTemplate,
    CalendarDay,
    Petition,
    PetitionAttachment,
    PetitionEvent,
    ResolutionTime,
    ReviewConference,
    RoutingRule,
    State,
)
from .workdays import WorkCalendar

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


_replay_day: contextvars.ContextVar[datetime.date | None] = contextvars.ContextVar("petitions_replay", default=None)


def today() -> datetime.date:
    """Today, or the day being replayed by a loader of historical records (`replaying`)."""
    return _replay_day.get() or permissions.today()


@contextlib.contextmanager
def replaying(day: datetime.date):
    """Record what happened on `day` (demo data, imports of past registers): events and dates take that day.
    Only for the system (actor None): permission checks still use the real date."""
    token = _replay_day.set(day)
    try:
        yield
    finally:
        _replay_day.reset(token)


def warn_days() -> int:
    return int(getattr(settings, "PETITION_WARN_DAYS", 3))


# --- helpers ------------------------------------------------------------------------------------------------


def _search_text(p: Petition) -> str:
    return fold(" ".join([p.code, p.content, p.raised_by, p.answer]))


def _event(petition: Petition, action: str, actor, *, before: str = "", text: str = "", body=None) -> None:
    authenticated = actor is not None and actor.is_authenticated
    PetitionEvent.objects.create(
        petition=petition,
        action=action,
        on=today(),
        actor=actor if authenticated else None,
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


def _expect_state(petition: Petition, allowed, message: str) -> None:
    if petition.state not in allowed:
        raise ValidationError(
            {"__all__": message + " " + _("Trạng thái hiện tại: %(s)s.") % {"s": petition.get_state_display()}}
        )


def _require_route(actor, petition: Petition) -> None:
    if actor is not None and not selectors.can_route(actor, petition):
        raise PermissionDenied


def _require_handle(actor, petition: Petition) -> None:
    if actor is not None and not (selectors.can_handle(actor, petition) or selectors.can_route(actor, petition)):
        raise PermissionDenied


def _not_future(day: datetime.date | None, field: str, label: str) -> None:
    if day is None:
        raise ValidationError({field: _("Vui lòng nhập %(label)s.") % {"label": label}})
    check_day(day, field)
    if day > today():
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
            on=today(),
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


def _attach(petition: Petition, uploads, actor) -> None:
    for upload in uploads or ():
        check_upload(upload)
        PetitionAttachment.objects.create(
            petition=petition,
            file=upload,
            name=os.path.basename(upload.name)[:255],
            size=upload.size,
            uploaded_by=actor if actor is not None and actor.is_authenticated else None,
        )


# --- intake -------------------------------------------------------------------------------------------------


@transaction.atomic
def petition_create(
    *,
    actor,
    source: str,
    kind: str,
    unit: Unit | None,
    content: str,
    raised_on: datetime.date | None,
    field: MonitoringField | None = None,
    raised_by: str = "",
    received_on: datetime.date | None = None,
    team: Team | None = None,
    conference: ReviewConference | None = None,
    body: Body | None = None,
    due_on: datetime.date | None = None,
    duplicate_of: Petition | None = None,
    attachments=(),
    historical: bool = False,
    **origin,
) -> Petition:
    """Take in one item. With `body` it is routed at once (the officer confirmed the proposed body).

    `historical` (loaders, imports: actor None) accepts past units and dates without "today" rules."""
    if unit is None:
        raise ValidationError({"unit": _("Vui lòng chọn đơn vị phát sinh (xã hoặc thôn).")})
    if actor is not None and not permissions.can(actor, Cap.RECORD_PETITIONS, unit):
        raise PermissionDenied
    if unit.level.code not in ("commune", "village"):
        raise ValidationError({"unit": _("Đơn vị phát sinh phải là xã (phường, thị trấn) hoặc thôn (tổ dân phố).")})
    if source not in Petition.Source.values:
        raise ValidationError({"source": _("Nguồn không hợp lệ.")})
    if kind not in Petition.Kind.values:
        raise ValidationError({"kind": _("Phân loại không hợp lệ.")})
    text = required_text(content, "content", MAX_CONTENT)
    received_on = received_on or today()
    if historical:
        check_day(raised_on, "raised_on")
        check_day(received_on, "received_on")
    else:
        _not_future(raised_on, "raised_on", _("ngày nêu"))
        _not_future(received_on, "received_on", _("ngày tiếp nhận"))
    if raised_on is None:
        raise ValidationError({"raised_on": _("Vui lòng nhập ngày nêu.")})
    if received_on < raised_on:
        raise ValidationError(
            {
                "received_on": _("Ngày tiếp nhận (%(r)s) không được trước ngày nêu (%(s)s).")
                % {"r": fmt(received_on), "s": fmt(raised_on)}
            }
        )
    petition = Petition(
        year=received_on.year,
        source=source,
        kind=kind,
        field=field,
        unit=unit,
        content=text,
        raised_by=optional_text(raised_by, "raised_by", 300),
        raised_on=raised_on,
        received_on=received_on,
        received_by=actor if actor is not None and actor.is_authenticated else None,
        team=team,
        conference=conference,
        **origin,
    )
    _insert(petition)
    _event(petition, Action.RECEIVED, actor, text=petition.get_source_display())
    audit.record_create(actor=actor, obj=petition, fields=["source", "kind", "field", "unit", "content"], unit=unit)
    _attach(petition, attachments, actor)
    if duplicate_of is not None:
        petition_link(actor=actor, petition=petition, expected_version=petition.version, primary=duplicate_of)
    elif body is not None:
        if actor is not None and not selectors.can_route(actor, petition):
            raise ValidationError({"body": _("Bạn không có quyền chuyển xử lý; để trống để bộ phận tổng hợp chuyển.")})
        petition_route(actor=actor, petition=petition, expected_version=petition.version, body=body, due_on=due_on)
    return petition


@transaction.atomic
def petitions_adopt_raised(*, actor, items) -> list[Petition]:
    """Kiến nghị that a team wrote into a monthly report, a cell-meeting record or a field activity enter the
    registry. A report sent again after a return keeps the items already processed and drops the others."""
    created = []
    for item in items:
        source = (
            Petition.Source.MONTHLY_REPORT
            if item.report_id
            else Petition.Source.CELL_MEETING
            if item.attendance_id
            else Petition.Source.ACTIVITY
        )
        if item.report_id:
            same = Petition.objects.filter(report_id=item.report_id, raised_item__isnull=True)
            match = next((p for p in same if fold(p.content) == fold(item.content)), None)
            if match is not None:
                match.raised_item = item
                match.save(update_fields=["raised_item"])
                continue
        petition = Petition(
            year=item.raised_on.year,
            source=source,
            kind=item.kind,
            field=item.field,
            unit=item.unit,
            content=item.content,
            raised_by=str(item.team) if item.team_id else "",
            raised_on=item.raised_on,
            received_on=item.raised_on,
            received_by=actor if actor is not None and actor.is_authenticated else None,
            team=item.team,
            report_id=item.report_id,
            attendance_id=item.attendance_id,
            activity_id=item.activity_id,
            raised_item=item,
        )
        _insert(petition)
        _event(petition, Action.RECEIVED, actor, text=petition.get_source_display())
        audit.record_create(actor=actor, obj=petition, fields=["source", "kind", "unit", "content"], unit=item.unit)
        created.append(petition)
    # Items of a re-sent report that were not processed yet and whose text is gone.
    report_ids = {i.report_id for i in items if i.report_id}
    if report_ids:
        stale = Petition.objects.filter(report_id__in=report_ids, raised_item__isnull=True, state=State.RECEIVED)
        for petition in stale:
            audit.record(
                actor=actor, obj=petition, action="delete", unit=petition.unit, verb=_("Bỏ khỏi sổ (báo cáo sửa lại)")
            )
        stale.delete()
    return created


@transaction.atomic
def petition_classify(*, actor, petition: Petition, expected_version, kind: str, field: MonitoringField | None):
    _require_route(actor, petition)
    _expect_state(petition, (State.RECEIVED, State.CLASSIFIED), _("Chỉ phân loại kiến nghị chưa chuyển xử lý."))
    if kind not in Petition.Kind.values:
        raise ValidationError({"kind": _("Phân loại không hợp lệ.")})
    before, old = audit.snapshot(petition, TRACKED), petition.state
    petition.kind, petition.field, petition.state = kind, field, State.CLASSIFIED
    _save(petition, expected_version, ["kind", "field", "state"], actor=actor, before=before, verb=_("Phân loại"))
    _event(petition, Action.CLASSIFIED, actor, before=old)
    return petition


@transaction.atomic
def petition_route(
    *, actor, petition: Petition, expected_version, body: Body | None, due_on=None, note: str = ""
) -> Petition:
    _require_route(actor, petition)
    _expect_state(petition, (State.RECEIVED, State.CLASSIFIED), _("Kiến nghị này đã được chuyển xử lý."))
    day = today()
    _check_body(body, day)
    before, old = audit.snapshot(petition, TRACKED), petition.state
    petition.body, petition.routed_on, petition.state = body, day, State.TRANSFERRED
    _set_clock(petition, start=petition.received_on, body=body, due_on=due_on)
    fields = ["body", "routed_on", "state", "clock_start", "paused_days", "allowed_days", "due_on", "due_manual"]
    _save(
        petition,
        expected_version,
        [*fields, "warned_on", "escalated_on"],
        actor=actor,
        before=before,
        verb=_("Chuyển xử lý"),
    )
    _event(
        petition, Action.ROUTED, actor, before=old, body=body, text=optional_text(note, "note", 2000, multiline=True)
    )
    _notify_body(petition, _("Kiến nghị mới chuyển đến: %(c)s") % {"c": petition.code})
    _sync_duplicates(petition)
    return petition


TRANSFER_MODES = {"transfer": Action.TRANSFERRED, "down": Action.HANDED_DOWN, "up": Action.HANDED_UP}


@transaction.atomic
def petition_transfer(
    *,
    actor,
    petition: Petition,
    expected_version,
    body: Body | None,
    mode: str = "transfer",
    restart_clock: bool = False,
    note: str = "",
) -> Petition:
    """Move the item to another body: sideways, down to the commune ("cơ sở tự giải quyết") or up to the
    province. The history keeps the bodies and who decided; the clock continues unless restarted."""
    _require_handle(actor, petition)
    _expect_state(
        petition,
        (State.TRANSFERRED, State.IN_PROGRESS),
        _("Chỉ chuyển tiếp kiến nghị đang ở cơ quan giải quyết."),
    )
    if mode not in TRANSFER_MODES:
        raise ValidationError({"mode": _("Hình thức chuyển không hợp lệ.")})
    day = today()
    _check_body(body, day)
    if body.pk == petition.body_id:
        raise ValidationError({"body": _("Kiến nghị đang ở cơ quan này.")})
    reason = required_text(note, "note", 2000)
    current_rank = petition.body.unit.level.rank
    rank = body.unit.level.rank
    if mode == "down" and body.unit.level.code != "commune":
        raise ValidationError({"body": _("Giao cơ sở tự giải quyết: chọn một cơ quan cấp xã.")})
    if mode == "up" and rank >= current_rank:
        raise ValidationError(
            {"body": _("Chuyển cấp trên: chọn một cơ quan cấp trên của %(b)s.") % {"b": petition.body}}
        )
    before, old = audit.snapshot(petition, TRACKED), petition.state
    petition.body, petition.routed_on, petition.state = body, day, State.TRANSFERRED
    fields = ["body", "routed_on", "state"]
    if restart_clock:
        _set_clock(petition, start=day, body=body, due_on=None)
        fields += ["clock_start", "paused_days", "allowed_days", "due_on", "due_manual", "warned_on", "escalated_on"]
    _save(petition, expected_version, fields, actor=actor, before=before, verb=_("Chuyển cơ quan"), reason=reason)
    _event(petition, TRANSFER_MODES[mode], actor, before=old, body=body, text=reason)
    _notify_body(petition, _("Kiến nghị chuyển đến: %(c)s") % {"c": petition.code})
    _sync_duplicates(petition)
    return petition


@transaction.atomic
def petition_start(*, actor, petition: Petition, expected_version) -> Petition:
    _require_handle(actor, petition)
    _expect_state(petition, (State.TRANSFERRED,), _("Chỉ nhận xử lý kiến nghị vừa được chuyển đến."))
    before, old = audit.snapshot(petition, TRACKED), petition.state
    petition.state = State.IN_PROGRESS
    _save(petition, expected_version, ["state"], actor=actor, before=before, verb=_("Nhận xử lý"))
    _event(petition, Action.STARTED, actor, before=old, body=petition.body)
    _sync_duplicates(petition)
    return petition


@transaction.atomic
def petition_request_info(*, actor, petition: Petition, expected_version, text: str) -> Petition:
    """The body waits for the originator: the clock pauses from today."""
    _require_handle(actor, petition)
    _expect_state(petition, (State.TRANSFERRED, State.IN_PROGRESS), _("Chỉ đề nghị bổ sung khi đang xử lý."))
    body = required_text(text, "text", MAX_ANSWER)
    before, old = audit.snapshot(petition, TRACKED), petition.state
    petition.state, petition.paused_since = State.AWAITING_INFO, today()
    _save(
        petition, expected_version, ["state", "paused_since"], actor=actor, before=before, verb=_("Tạm dừng tính hạn")
    )
    _event(petition, Action.INFO_REQUESTED, actor, before=old, text=body, body=petition.body)
    _sync_duplicates(petition)
    return petition


@transaction.atomic
def petition_info_received(*, actor, petition: Petition, expected_version, text: str) -> Petition:
    """The originator replied: the clock resumes and the due date moves by the paused working days."""
    if actor is not None and not (selectors.can_handle(actor, petition) or selectors.can_give_verdict(actor, petition)):
        raise PermissionDenied
    _expect_state(petition, (State.AWAITING_INFO,), _("Kiến nghị không ở trạng thái chờ bổ sung."))
    body = required_text(text, "text", MAX_ANSWER)
    day = today()
    paused = WorkCalendar.load(petition.paused_since, day).between(petition.paused_since, day)
    before, old = audit.snapshot(petition, TRACKED), petition.state
    petition.state, petition.paused_since = State.IN_PROGRESS, None
    petition.paused_days += paused
    if petition.due_manual:
        petition.due_on = WorkCalendar.load(petition.due_on).add(petition.due_on, paused) if petition.due_on else None
    else:
        petition.due_on = _compute_due(petition)
    fields = ["state", "paused_since", "paused_days", "due_on"]
    _save(petition, expected_version, fields, actor=actor, before=before, verb=_("Tiếp tục tính hạn"))
    _event(petition, Action.INFO_RECEIVED, actor, before=old, text=body)
    _sync_duplicates(petition)
    return petition


@transaction.atomic
def petition_answer(*, actor, petition: Petition, expected_version, text: str, not_competent: bool = False) -> Petition:
    """The body's answer, for the item and every duplicate linked to it. "Không thuộc thẩm quyền, đã hướng
    dẫn" ends the body's work as well."""
    _require_handle(actor, petition)
    _expect_state(
        petition, (State.TRANSFERRED, State.IN_PROGRESS), _("Chỉ trả lời kiến nghị đang ở cơ quan giải quyết.")
    )
    answer = required_text(text, "text", MAX_ANSWER)
    day = today()
    for index, item in enumerate(_group(petition)):
        before, old = audit.snapshot(item, TRACKED), item.state
        item.answer, item.answered_on, item.verdict, item.verdict_on = answer, day, "", None
        item.state = State.NOT_COMPETENT if not_competent else State.ANSWERED
        if item.body_id is None:
            item.body = petition.body
        fields = ["answer", "answered_on", "verdict", "verdict_on", "state", "body"]
        _finish_clock(item, day)
        fields += ["working_days_taken", "on_time"]
        if not_competent:
            item.resolved_on = day
            fields.append("resolved_on")
        verb = _("Không thuộc thẩm quyền") if not_competent else _("Trả lời")
        _save(item, expected_version if index == 0 else None, fields, actor=actor, before=before, verb=verb)
        _event(
            item,
            Action.NOT_COMPETENT if not_competent else Action.ANSWERED,
            actor,
            before=old,
            text=answer,
            body=petition.body,
        )
    _notify_originators(petition, _("Kiến nghị %(c)s đã được trả lời") % {"c": petition.code})
    return petition


@transaction.atomic
def petition_verdict(*, actor, petition: Petition, expected_version, agree: bool, note: str = "") -> Petition:
    """The originator agrees (the item is resolved) or disagrees (it is reopened with a new period)."""
    if actor is not None and not selectors.can_give_verdict(actor, petition):
        raise PermissionDenied
    _expect_state(petition, (State.ANSWERED,), _("Chỉ cho ý kiến về kiến nghị đã được trả lời."))
    remark = optional_text(note, "note", 2000, multiline=True)
    if not agree and not remark:
        raise ValidationError({"note": _("Vui lòng nêu lý do chưa đồng ý.")})
    day = today()
    for index, item in enumerate(_group(petition)):
        before, old = audit.snapshot(item, TRACKED), item.state
        item.verdict, item.verdict_on = (Petition.Verdict.AGREE if agree else Petition.Verdict.DISAGREE), day
        fields = ["verdict", "verdict_on", "state"]
        if agree:
            item.state, item.resolved_on = State.RESOLVED, day
            fields.append("resolved_on")
            action = Action.AGREED
        else:
            item.state = State.IN_PROGRESS
            item.reopen_count += 1
            item.working_days_taken = item.on_time = None
            fields += ["reopen_count", "working_days_taken", "on_time"]
            if item.body_id:
                _set_clock(item, start=day, body=item.body, due_on=None)
                fields += [
                    "clock_start",
                    "paused_days",
                    "allowed_days",
                    "due_on",
                    "due_manual",
                    "warned_on",
                    "escalated_on",
                ]
            action = Action.DISAGREED
        verb = _("Cơ sở đồng ý") if agree else _("Cơ sở chưa đồng ý, mở lại")
        _save(
            item, expected_version if index == 0 else None, fields, actor=actor, before=before, verb=verb, reason=remark
        )
        _event(item, action, actor, before=old, text=remark)
    if not agree:
        _notify_body(petition, _("Kiến nghị %(c)s được mở lại: cơ sở chưa đồng ý") % {"c": petition.code})
    return petition


@transaction.atomic
def petition_resolve(*, actor, petition: Petition, expected_version, note: str = "") -> Petition:
    """The intake desk confirms an answered item as resolved without the originator's verdict."""
    _require_route(actor, petition)
    _expect_state(petition, (State.ANSWERED,), _("Chỉ xác nhận giải quyết xong kiến nghị đã được trả lời."))
    day = today()
    remark = optional_text(note, "note", 2000, multiline=True)
    for index, item in enumerate(_group(petition)):
        before, old = audit.snapshot(item, TRACKED), item.state
        item.state, item.resolved_on = State.RESOLVED, day
        _save(
            item,
            expected_version if index == 0 else None,
            ["state", "resolved_on"],
            actor=actor,
            before=before,
            verb=_("Giải quyết xong"),
        )
        _event(item, Action.RESOLVED, actor, before=old, text=remark)
    return petition


@transaction.atomic
def petition_close(*, actor, petition: Petition, expected_version) -> Petition:
    _require_route(actor, petition)
    if petition.state in OPEN_STATES:
        raise ValidationError(
            {
                "__all__": _(
                    "Không thể đóng kiến nghị chưa được trả lời và giải quyết xong (trạng thái hiện tại: %(s)s)."
                )
                % {"s": petition.get_state_display()}
            }
        )
    _expect_state(petition, (State.RESOLVED, State.NOT_COMPETENT), _("Kiến nghị đã đóng."))
    day = today()
    for index, item in enumerate(_group(petition)):
        if item.state not in (State.RESOLVED, State.NOT_COMPETENT):
            continue
        before, old = audit.snapshot(item, TRACKED), item.state
        item.state, item.closed_on = State.CLOSED, day
        _save(
            item,
            expected_version if index == 0 else None,
            ["state", "closed_on"],
            actor=actor,
            before=before,
            verb=_("Đóng"),
        )
        _event(item, Action.CLOSED, actor, before=old)
    return petition


@transaction.atomic
def petition_set_due(*, actor, petition: Petition, expected_version, due_on: datetime.date | None, reason: str):
    _require_route(actor, petition)
    _expect_state(petition, CLOCK_RUNNING + (State.AWAITING_INFO,), _("Chỉ đổi hạn kiến nghị đang xử lý."))
    if petition.body_id is None:
        raise ValidationError({"due_on": _("Chuyển xử lý trước khi đặt hạn.")})
    if due_on is None:
        raise ValidationError({"due_on": _("Vui lòng nhập hạn xử lý.")})
    text = required_text(reason, "reason", 2000)
    before = audit.snapshot(petition, TRACKED)
    check_day(due_on, "due_on")
    if due_on < petition.received_on:
        raise ValidationError(
            {
                "due_on": _("Hạn xử lý (%(d)s) không được trước ngày tiếp nhận (%(r)s).")
                % {"d": fmt(due_on), "r": fmt(petition.received_on)}
            }
        )
    petition.due_on, petition.due_manual = due_on, True
    petition.warned_on = petition.escalated_on = None
    fields = ["due_on", "due_manual", "warned_on", "escalated_on"]
    _save(petition, expected_version, fields, actor=actor, before=before, verb=_("Đổi hạn xử lý"), reason=text)
    _event(petition, Action.DUE_CHANGED, actor, before=petition.state, text=text)
    _sync_duplicates(petition)
    return petition


# --- duplicates ---------------------------------------------------------------------------------------------


@transaction.atomic
def petition_link(*, actor, petition: Petition, expected_version, primary: Petition) -> Petition:
    """Link `petition` to `primary`: it follows the primary's answer and closing, and counts once."""
    if actor is not None and not (selectors.can_record(actor, petition.unit) or selectors.can_route(actor, petition)):
        raise PermissionDenied
    if actor is not None and not selectors.visible(actor).filter(pk=primary.pk).exists():
        raise ValidationError({"duplicate_of": _("Không tìm thấy kiến nghị được chọn.")})
    primary = Petition.objects.select_related("body").get(pk=primary.pk)
    if primary.pk == petition.pk:
        raise ValidationError({"duplicate_of": _("Không thể gộp kiến nghị với chính nó.")})
    if primary.duplicate_of_id:
        primary = primary.duplicate_of
    if petition.duplicates.exists():
        raise ValidationError({"duplicate_of": _("Kiến nghị này đang là kiến nghị chính của một nhóm trùng.")})
    if primary.state not in OPEN_STATES or petition.state not in OPEN_STATES:
        raise ValidationError({"duplicate_of": _("Chỉ gộp các kiến nghị chưa giải quyết xong.")})
    before, old = audit.snapshot(petition, TRACKED), petition.state
    petition.duplicate_of = primary
    # The duplicate takes the primary's place in the flow.
    for name in FOLLOWED:
        setattr(petition, name, getattr(primary, name))
    fields = [
        "duplicate_of",
        "state",
        "body",
        "routed_on",
        "clock_start",
        "allowed_days",
        "due_on",
        "due_manual",
        "paused_since",
    ]
    _save(petition, expected_version, fields, actor=actor, before=before, verb=_("Gộp kiến nghị trùng"))
    _event(petition, Action.LINKED, actor, before=old, text=primary.code, body=primary.body)
    return petition


@transaction.atomic
def petition_unlink(*, actor, petition: Petition, expected_version) -> Petition:
    if actor is not None and not (selectors.can_record(actor, petition.unit) or selectors.can_route(actor, petition)):
        raise PermissionDenied
    if petition.duplicate_of_id is None:
        raise ValidationError({"__all__": _("Kiến nghị này không thuộc nhóm trùng nào.")})
    before = audit.snapshot(petition, TRACKED)
    primary_code = petition.duplicate_of.code
    petition.duplicate_of = None
    _save(petition, expected_version, ["duplicate_of"], actor=actor, before=before, verb=_("Tách khỏi nhóm trùng"))
    _event(petition, Action.UNLINKED, actor, before=petition.state, text=primary_code)
    return petition


@transaction.atomic
def attachment_add(*, actor, petition: Petition, uploads) -> int:
    if actor is not None and not (
        selectors.can_record(actor, petition.unit)
        or selectors.can_handle(actor, petition)
        or selectors.can_route(actor, petition)
    ):
        raise PermissionDenied
    if not uploads:
        raise ValidationError({"attachments": _("Vui lòng chọn tệp.")})
    for upload in uploads:
        check_upload(upload)
    _attach(petition, uploads, actor)
    audit.record(
        actor=actor,
        obj=petition,
        action="update",
        unit=petition.unit,
        verb=_("Thêm tệp đính kèm"),
        changes={"attachments": [None, ", ".join(u.name for u in uploads)]},
    )
    return len(uploads)


# --- review conferences and carry-over ----------------------------------------------------------------------


@transaction.atomic
def conference_create(
    *, actor, unit: Unit | None, title: str, year, quarter, held_on, participants: str = "", conclusion: str = ""
) -> ReviewConference:
    if unit is None:
        raise ValidationError({"unit": _("Vui lòng chọn cấp ủy.")})
    require(actor, Cap.ROUTE_PETITIONS, unit)
    check_day(held_on, "held_on")
    if held_on is None:
        raise ValidationError({"held_on": _("Vui lòng nhập ngày họp.")})
    if quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": _("Quý phải từ 1 đến 4.")})
    if year is None or not 1900 <= year <= 2199:
        raise ValidationError({"year": _("Năm không hợp lệ.")})
    conference = ReviewConference.objects.create(
        unit=unit,
        title=required_text(title, "title", 300),
        year=year,
        quarter=quarter,
        held_on=held_on,
        participants=optional_text(participants, "participants", 2000, multiline=True),
        conclusion=optional_text(conclusion, "conclusion", 10000, multiline=True),
    )
    audit.record_create(actor=actor, obj=conference, fields=["title", "year", "quarter", "held_on"], unit=unit)
    return conference


def carry_over_candidates(conference: ReviewConference):
    """Items from the conference's area, received by the meeting day, still unresolved."""
    from danvan.core.selectors import rollups_on

    area = rollups_on(conference.held_on).filter(target=conference.unit).values("unit_id")
    return Petition.objects.filter(
        unit__in=area, received_on__lte=conference.held_on, state__in=OPEN_STATES, duplicate_of__isnull=True
    )


@transaction.atomic
def conference_carry_over(*, actor, conference: ReviewConference, expected_version) -> int:
    """Mark the unresolved items as carried over to the next period (tồn đọng chuyển kỳ sau)."""
    require(actor, Cap.ROUTE_PETITIONS, conference.unit)
    rows = list(carry_over_candidates(conference).order_by("pk"))
    for item in rows:
        item.carried_at.add(conference)
        if not item.carried_over:
            before = audit.snapshot(item, TRACKED)
            item.carried_over = True
            _save(item, None, ["carried_over"], actor=actor, before=before, verb=_("Tồn đọng chuyển kỳ sau"))
        _event(item, Action.CARRIED_OVER, actor, before=item.state, text=conference.title)
    conference.carried_over_at = timezone.now()
    save_versioned(conference, expected_version, ["carried_over_at"])
    audit.record(
        actor=actor,
        obj=conference,
        action="update",
        unit=conference.unit,
        verb=_("Chuyển kỳ sau"),
        changes={"carried_over": [None, len(rows)]},
    )
    return len(rows)


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


def petitions_check_deadlines(*, day: datetime.date | None = None) -> dict:
    """Warn the body before the due day; on breach, escalate to the superior body's officers and the standing
    committee. Each item is warned and escalated once per due date. For cron (`danvan check_petition_deadlines`)."""
    from danvan.core.notifications import notify

    day = day or today()
    calendar = WorkCalendar.load(day - datetime.timedelta(days=10))
    horizon = calendar.add(day, warn_days())
    warned = escalated = 0
    soon = Petition.objects.filter(
        state__in=CLOCK_RUNNING,
        due_on__gte=day,
        due_on__lte=horizon,
        warned_on__isnull=True,
        body__isnull=False,
        duplicate_of__isnull=True,
    ).select_related("body")
    for petition in soon.iterator(chunk_size=500):
        with transaction.atomic():
            Petition.objects.filter(pk=petition.pk).update(warned_on=day)
            _event(petition, Action.WARNED, None, before=petition.state, body=petition.body)
            notify(
                selectors.officers_of(petition.body),
                title=_("Kiến nghị %(c)s sắp đến hạn (%(d)s)") % {"c": petition.code, "d": fmt(petition.due_on)},
                body=petition.content[:300],
                url=_url(petition),
                key=f"petition-{petition.pk}-warn-{petition.due_on:%Y%m%d}",
            )
        warned += 1
    late = Petition.objects.filter(
        state__in=CLOCK_RUNNING,
        due_on__lt=day,
        escalated_on__isnull=True,
        body__isnull=False,
        duplicate_of__isnull=True,
    ).select_related("body__parent", "body__unit", "unit")
    for petition in late.iterator(chunk_size=500):
        with transaction.atomic():
            Petition.objects.filter(pk=petition.pk).update(escalated_on=day)
            _event(petition, Action.ESCALATED, None, before=petition.state, body=petition.body.parent)
            users = list(selectors.officers_of(petition.body.parent)) + list(
                selectors.standing_committee_of(petition.body.unit)
            )
            notify(
                users,
                title=_("Kiến nghị %(c)s quá hạn: %(b)s chưa trả lời (hạn %(d)s)")
                % {"c": petition.code, "b": petition.body, "d": fmt(petition.due_on)},
                body=petition.content[:300],
                url=_url(petition),
                key=f"petition-{petition.pk}-late-{petition.due_on:%Y%m%d}",
            )
        escalated += 1
    return {"warned": warned, "escalated": escalated}


# --- the calendar -------------------------------------------------------------------------------------------


def _require_calendar(actor) -> None:
    if actor is not None and not permissions.can(actor, Cap.MANAGE_REFERENCE):  # one national calendar
        raise PermissionDenied


@transaction.atomic
def calendar_day_save(
    *,
    actor,
    day: datetime.date | None,
    kind: str,
    name: str,
    legal_basis: str = "",
    existing: CalendarDay | None = None,
    expected_version=None,
) -> CalendarDay:
    _require_calendar(actor)
    if day is None:
        raise ValidationError({"day": _("Vui lòng nhập ngày.")})
    check_day(day, "day")
    if kind not in CalendarDay.Kind.values:
        raise ValidationError({"kind": _("Loại ngày không hợp lệ.")})
    if kind == CalendarDay.Kind.WORKING and day.weekday() < 5:
        raise ValidationError(
            {
                "kind": _("Ngày %(d)s là ngày làm việc bình thường; làm việc bù chỉ đặt vào thứ Bảy, Chủ nhật.")
                % {"d": fmt(day)}
            }
        )
    title = required_text(name, "name", 200)
    clash = CalendarDay.objects.filter(day=day)
    if existing is not None:
        clash = clash.exclude(pk=existing.pk)
    if clash.exists():
        raise ValidationError({"day": _("Ngày %(d)s đã có trong lịch.") % {"d": fmt(day)}})
    changed = {day}
    if existing is None:
        row = CalendarDay.objects.create(day=day, kind=kind, name=title, legal_basis=legal_basis[:300])
        audit.record_create(actor=actor, obj=row, fields=["day", "kind", "name"])
    else:
        before = audit.snapshot(existing, ["day", "kind", "name", "legal_basis"])
        changed.add(existing.day)
        existing.day, existing.kind, existing.name, existing.legal_basis = day, kind, title, legal_basis[:300]
        existing.source = CalendarDay.Source.MANUAL
        save_versioned(existing, expected_version, ["day", "kind", "name", "legal_basis", "source"])
        audit.record_update(actor=actor, obj=existing, before=before, fields=["day", "kind", "name", "legal_basis"])
        row = existing
    _recompute_after(min(changed))
    return row


@transaction.atomic
def calendar_day_delete(*, actor, row: CalendarDay) -> None:
    _require_calendar(actor)
    audit.record(actor=actor, obj=row, action="delete", verb=_("Xóa ngày khỏi lịch"))
    day = row.day
    row.delete()
    _recompute_after(day)


@transaction.atomic
def calendar_import_year(*, actor, year: int) -> int:
    from .workdays import import_library_days

    _require_calendar(actor)
    if not 1900 <= year <= 2199:
        raise ValidationError({"year": _("Năm không hợp lệ.")})
    count = import_library_days([year])
    _recompute_after(datetime.date(year, 1, 1))
    return count


def _recompute_after(day: datetime.date) -> None:
    """A calendar edit moves the stored due dates of open items whose period spans the edited day."""
    from .tasks import recompute_due_dates

    transaction.on_commit(lambda: recompute_due_dates.enqueue(day.isoformat()))


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


# --- routing rules ------------------------------------------------------------------------------------------


@transaction.atomic
def routing_rule_save(
    *,
    actor,
    scope: Unit | None,
    body: Body | None,
    field=None,
    kind: str = "",
    origin_level=None,
    valid_from=None,
    valid_to=None,
    note: str = "",
    existing: RoutingRule | None = None,
    expected_version=None,
) -> RoutingRule:
    from danvan.core.services.common import check_period

    if scope is None:
        raise ValidationError({"scope": _("Vui lòng chọn địa bàn áp dụng.")})
    require(actor, Cap.MANAGE_ROUTING, scope)
    check_period(valid_from, valid_to)
    _check_body(body, valid_from)
    if kind and kind not in Petition.Kind.values:
        raise ValidationError({"kind": _("Phân loại không hợp lệ.")})
    values = {
        "scope": scope,
        "body": body,
        "field": field,
        "kind": kind or "",
        "origin_level": origin_level,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "note": optional_text(note, "note", 500),
    }
    fields = list(values)
    if existing is None:
        rule = RoutingRule.objects.create(**values)
        audit.record_create(actor=actor, obj=rule, fields=fields, unit=scope)
        return rule
    require(actor, Cap.MANAGE_ROUTING, existing.scope)
    before = audit.snapshot(existing, fields)
    for name, value in values.items():
        setattr(existing, name, value)
    save_versioned(existing, expected_version, fields)
    audit.record_update(actor=actor, obj=existing, before=before, fields=fields, unit=scope)
    return existing


# --- time limits and answer templates (reference data) ----------------------------------------------------


def _require_reference(actor) -> None:
    if actor is not None and not permissions.can(actor, Cap.MANAGE_REFERENCE):
        raise PermissionDenied


@transaction.atomic
def resolution_time_set(
    *, actor, kind: str, level, working_days: int | None, valid_from: datetime.date | None, legal_basis: str = ""
) -> ResolutionTime:
    """A new time limit from `valid_from`: the limit in force then ends the day before (items already routed
    keep the limit they were given)."""
    _require_reference(actor)
    if kind not in Petition.Kind.values:
        raise ValidationError({"kind": _("Phân loại không hợp lệ.")})
    if level is None:
        raise ValidationError({"level": _("Vui lòng chọn cấp giải quyết.")})
    if working_days is None or not 1 <= working_days <= 365:
        raise ValidationError({"working_days": _("Số ngày làm việc phải từ 1 đến 365.")})
    if valid_from is None:
        raise ValidationError({"valid_from": _("Vui lòng nhập ngày bắt đầu hiệu lực.")})
    check_day(valid_from, "valid_from")
    basis = optional_text(legal_basis, "legal_basis", 300)
    later = ResolutionTime.objects.filter(kind=kind, level=level, valid_from__gt=valid_from)
    if later.exists():
        raise ValidationError({"valid_from": _("Đã có thời hạn bắt đầu sau ngày này; sửa thời hạn đó trước.")})
    current = ResolutionTime.objects.valid_on(valid_from).filter(kind=kind, level=level).first()
    if current is not None and current.valid_from == valid_from:
        before = audit.snapshot(current, ["working_days", "legal_basis"])
        current.working_days, current.legal_basis = working_days, basis
        save_versioned(current, None, ["working_days", "legal_basis"])
        audit.record_update(actor=actor, obj=current, before=before, fields=["working_days", "legal_basis"])
        return current
    if current is not None:
        before = audit.snapshot(current, ["valid_to"])
        current.valid_to = valid_from - datetime.timedelta(days=1)
        save_versioned(current, None, ["valid_to"])
        audit.record_update(actor=actor, obj=current, before=before, fields=["valid_to"])
    row = ResolutionTime.objects.create(
        kind=kind, level=level, working_days=working_days, valid_from=valid_from, legal_basis=basis
    )
    audit.record_create(actor=actor, obj=row, fields=["kind", "level", "working_days", "valid_from", "legal_basis"])
    return row


TEMPLATE_ACTIONS = {
    "answered": gettext_lazy("Trả lời"),
    "not_competent": gettext_lazy("Không thuộc thẩm quyền"),
    "info_requested": gettext_lazy("Đề nghị bổ sung thông tin"),
    "handed_down": gettext_lazy("Giao cơ sở tự giải quyết"),
}


@transaction.atomic
def answer_template_save(
    *, actor, name: str, action: str, text: str, existing: AnswerTemplate | None = None, expected_version=None
) -> AnswerTemplate:
    from django.utils.text import slugify

    _require_reference(actor)
    title = required_text(name, "name", 200)
    if action not in TEMPLATE_ACTIONS:
        raise ValidationError({"action": _("Vui lòng chọn khi nào dùng mẫu.")})
    body = required_text(text, "text", 5000)
    if existing is None:
        code = slugify(fold(title))[:40] or "mau"
        while AnswerTemplate.objects.filter(code=code).exists():
            code = f"{code[:36]}-{AnswerTemplate.objects.count() + 1}"
        row = AnswerTemplate.objects.create(
            code=code,
            name=title,
            action=action,
            text=body,
            valid_from=datetime.date(1945, 9, 2),
            position=AnswerTemplate.objects.count(),
        )
        audit.record_create(actor=actor, obj=row, fields=["name", "action", "text"])
        return row
    before = audit.snapshot(existing, ["name", "action", "text"])
    existing.name, existing.action, existing.text = title, action, body
    save_versioned(existing, expected_version, ["name", "action", "text"])
    audit.record_update(actor=actor, obj=existing, before=before, fields=["name", "action", "text"])
    return existing
