"""Intake and the flow of one item: receive, classify, route, transfer, answer, verdict, close."""

import datetime
from collections.abc import Sequence
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import access, attachments, audit, dates
from danvan.core.models import Body, MonitoringField, Unit
from danvan.core.permissions import Cap
from danvan.core.services.attachments import attachments_store
from danvan.core.services.common import check_day, fmt, optional_text, required_text
from danvan.core.text import fold
from danvan.core.workdays import WorkCalendar
from danvan.supervision.models import Team

from ..models import OPEN_STATES, Petition, ReviewConference, State
from ..workflow import WORKFLOW
from .common import (
    MAX_ANSWER,
    MAX_CONTENT,
    TRACKED,
    Action,
    _check_body,
    _compute_due,
    _event,
    _finish_clock,
    _group,
    _insert,
    _not_future,
    _save,
    _set_clock,
    _sync_duplicates,
)
from .deadlines import _notify_body, _notify_originators
from .duplicates import petition_link


def _step(actor, petition: Petition, name: str) -> None:
    """Who may take the step and from which states: declared once in petitions/workflow.py."""
    WORKFLOW.require(actor, petition, name)
    WORKFLOW.expect(petition, name)


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
) -> Petition:
    """Take in one item at the desk. With `body` it is routed at once (the officer confirmed the proposed
    body). Items that another module's record raises come through `petitions_raise`.

    `historical` (the loader replaying past years) accepts past units and dates without "today" rules."""
    if unit is None:
        raise ValidationError({"unit": _("Vui lòng chọn đơn vị phát sinh (xã hoặc thôn).")})
    access.require_on(actor, Cap.RECORD_PETITIONS, unit)
    if unit.level.code not in ("commune", "village"):
        raise ValidationError({"unit": _("Đơn vị phát sinh phải là xã (phường, thị trấn) hoặc thôn (tổ dân phố).")})
    if source not in Petition.Source.values:
        raise ValidationError({"source": _("Nguồn không hợp lệ.")})
    if kind not in Petition.Kind.values:
        raise ValidationError({"kind": _("Phân loại không hợp lệ.")})
    text = required_text(content, "content", MAX_CONTENT)
    received_on = received_on or dates.record_day()
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
        received_by=actor,
        team=team,
        conference=conference,
    )
    _insert(petition)
    _event(petition, Action.RECEIVED, actor, text=petition.get_source_display())
    audit.record_create(actor=actor, obj=petition, fields=["source", "kind", "field", "unit", "content"], unit=unit)
    attachments_store(actor=actor, record=petition, uploads=attachments)
    if duplicate_of is not None:
        petition_link(actor=actor, petition=petition, expected_version=petition.version, primary=duplicate_of)
    elif body is not None:
        if not access.can(actor, "route", petition):
            raise ValidationError({"body": _("Bạn không có quyền chuyển xử lý; để trống để bộ phận tổng hợp chuyển.")})
        petition_route(actor=actor, petition=petition, expected_version=petition.version, body=body, due_on=due_on)
    return petition


class Raised(NamedTuple):
    """One difficulty, obstacle, recommendation or proposal that another module's record raises."""

    kind: str
    content: str
    unit: Unit
    raised_on: datetime.date
    field: MonitoringField | None = None


@transaction.atomic
def petitions_raise(
    *,
    actor,
    origin,
    label: str,
    source: str,
    items: Sequence[Raised],
    team: Team | None = None,
    raised_by: str = "",
    replace: bool = False,
) -> list[Petition]:
    """The one way a module raises kiến nghị (a team's monthly report, a cell meeting, a field activity, an
    inspection board's result, later the voters' conferences): in the caller's transaction, each item linked
    to the record that raised it (`origin`, any model) and named by `label` on the item's page.

    The caller's service has already authorised the record; the items are received by `actor` when they may
    take in kiến nghị for the unit, otherwise by the system actor (both named in the audit trail).
    With `replace` (a report sent again after a return), the origin's earlier items stay when their text is
    still there (matched accents and case ignored) or when they are already being processed; the others go."""
    if origin.pk is None:
        raise ValueError("The origin must be saved before it raises kiến nghị.")
    if source not in Petition.Source.values:
        raise ValidationError({"source": _("Nguồn không hợp lệ.")})
    origin_type = ContentType.objects.get_for_model(origin)
    earlier = list(Petition.objects.filter(origin_type=origin_type, origin_id=origin.pk)) if replace else []
    kept: set[int] = set()
    created = []
    system = None
    receivers: dict[int, object] = {}
    for item in items:
        if item.kind not in Petition.Kind.values:
            raise ValidationError({"kind": _("Phân loại không hợp lệ.")})
        folded = fold(item.content)
        match = next((p for p in earlier if p.pk not in kept and fold(p.content) == folded), None)
        if match is not None:
            kept.add(match.pk)
            continue
        if item.unit.pk not in receivers:  # a report's items share a unit or two: ask once per unit
            may = access.can_on(actor, Cap.RECORD_PETITIONS, item.unit, past=True)
            receivers[item.unit.pk] = actor if may else (system := system or access.system_actor())
        receiver = receivers[item.unit.pk]
        petition = Petition(
            year=item.raised_on.year,
            source=source,
            kind=item.kind,
            field=item.field,
            unit=item.unit,
            content=required_text(item.content, "content", MAX_CONTENT),
            raised_by=raised_by[:300],
            raised_on=item.raised_on,
            received_on=item.raised_on,
            received_by=receiver,
            team=team,
            origin_type=origin_type,
            origin_id=origin.pk,
            origin_label=label[:300],
        )
        _insert(petition)
        _event(petition, Action.RECEIVED, receiver, text=petition.get_source_display())
        audit.record_create(
            actor=receiver, obj=petition, fields=["source", "kind", "unit", "content", "origin_label"], unit=item.unit
        )
        created.append(petition)
    for petition in earlier:
        if petition.pk not in kept and petition.state == State.RECEIVED:
            audit.record(
                actor=actor, obj=petition, action="delete", unit=petition.unit, verb=_("Bỏ khỏi sổ (báo cáo sửa lại)")
            )
            attachments.of(petition).delete()  # generic rows: no cascade from the item
            petition.delete()
    return created


@transaction.atomic
def petition_classify(*, actor, petition: Petition, expected_version, kind: str, field: MonitoringField | None):
    _step(actor, petition, "classify")
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
    _step(actor, petition, "route")
    day = dates.record_day()
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
    _step(actor, petition, "transfer")
    if mode not in TRANSFER_MODES:
        raise ValidationError({"mode": _("Hình thức chuyển không hợp lệ.")})
    day = dates.record_day()
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
    _step(actor, petition, "start")
    before, old = audit.snapshot(petition, TRACKED), petition.state
    petition.state = State.IN_PROGRESS
    _save(petition, expected_version, ["state"], actor=actor, before=before, verb=_("Nhận xử lý"))
    _event(petition, Action.STARTED, actor, before=old, body=petition.body)
    _sync_duplicates(petition)
    return petition


@transaction.atomic
def petition_request_info(*, actor, petition: Petition, expected_version, text: str) -> Petition:
    """The body waits for the originator: the clock pauses from today."""
    _step(actor, petition, "request_info")
    body = required_text(text, "text", MAX_ANSWER)
    before, old = audit.snapshot(petition, TRACKED), petition.state
    petition.state, petition.paused_since = State.AWAITING_INFO, dates.record_day()
    _save(
        petition, expected_version, ["state", "paused_since"], actor=actor, before=before, verb=_("Tạm dừng tính hạn")
    )
    _event(petition, Action.INFO_REQUESTED, actor, before=old, text=body, body=petition.body)
    _sync_duplicates(petition)
    return petition


@transaction.atomic
def petition_info_received(*, actor, petition: Petition, expected_version, text: str) -> Petition:
    """The originator replied: the clock resumes and the due date moves by the paused working days."""
    _step(actor, petition, "info_received")
    body = required_text(text, "text", MAX_ANSWER)
    day = dates.record_day()
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
    _step(actor, petition, "answer")
    answer = required_text(text, "text", MAX_ANSWER)
    day = dates.record_day()
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
    _step(actor, petition, "verdict")
    remark = optional_text(note, "note", 2000, multiline=True)
    if not agree and not remark:
        raise ValidationError({"note": _("Vui lòng nêu lý do chưa đồng ý.")})
    day = dates.record_day()
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
    _step(actor, petition, "resolve")
    day = dates.record_day()
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
    if petition.state in OPEN_STATES:
        raise ValidationError(
            {
                "__all__": _(
                    "Không thể đóng kiến nghị chưa được trả lời và giải quyết xong (trạng thái hiện tại: %(s)s)."
                )
                % {"s": petition.get_state_display()}
            }
        )
    _step(actor, petition, "close")
    day = dates.record_day()
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
    _step(actor, petition, "set_due")
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
