"""Registration and the yearly cycle of one initiative."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import access, audit, dates
from danvan.core.permissions import Cap, require
from danvan.core.services.attachments import attachments_store
from danvan.core.services.common import check_day, fmt, optional_text, required_text
from danvan.core.text import sort_key

from ..models import Initiative, Result, State
from ..workflow import WORKFLOW, conclusion_sources
from .common import EDITABLE, ITEM_FIELDS, MAX_TEXT, TRACKED, _expect_state, _require_register, _save, search_text
from .validation import check_relations, check_values

# --- registration -------------------------------------------------------------------------------------------


@transaction.atomic
def initiative_create(*, actor, attachments=None, **data) -> Initiative:
    """Đăng ký a model or exemplar. The registering unit must be in the actor's writable scope."""
    cleaned = check_values(data)
    _require_register(actor, cleaned["unit"])
    check_relations(cleaned)
    initiative = Initiative(**{k: cleaned.get(k) for k in EDITABLE})
    for key in ITEM_FIELDS + ["leader", "leader_phone"]:
        setattr(initiative, key, cleaned.get(key) or "")
    initiative.created_by = actor
    initiative.search_text = search_text(initiative)
    initiative.sort_key = sort_key(initiative.name)
    initiative.save()
    attachments_store(actor=actor, record=initiative, uploads=attachments)
    audit.record_create(actor=actor, obj=initiative, fields=TRACKED, unit=initiative.unit, verb=_("Đăng ký mô hình"))
    return initiative


@transaction.atomic
def initiative_update(*, actor, initiative: Initiative, expected_version, **data) -> Initiative:
    """Correct a registration. The registering unit edits while it is registered or returned (a returned one
    goes back to "đăng ký" for approval); the committee may correct it at any stage."""
    manager = access.can(actor, "manage", initiative)
    if not manager:
        _require_register(actor, initiative.unit)
        _expect_state(
            initiative,
            (State.REGISTERED, State.RETURNED),
            _("Mô hình đã được duyệt: chỉ Ban Dân vận sửa được."),
        )
    cleaned = check_values(data, day=dates.today())
    if cleaned["unit"].pk != initiative.unit_id:
        require(actor, Cap.MANAGE_EMULATION if manager else Cap.REGISTER_INITIATIVES, cleaned["unit"])
    check_relations(cleaned, instance=initiative)
    before = audit.snapshot(initiative, TRACKED)
    for key in EDITABLE:
        value = cleaned.get(key)
        setattr(initiative, key, "" if value is None and key in ITEM_FIELDS + ["leader", "leader_phone"] else value)
    fields = list(EDITABLE)
    verb = _("Sửa đăng ký")
    if initiative.state == State.RETURNED:
        initiative.state = State.REGISTERED
        fields.append("state")
        verb = _("Bổ sung, gửi lại đăng ký")
    _save(initiative, expected_version, fields, actor=actor, before=before, verb=verb)
    return initiative


def _transition(*, actor, initiative: Initiative, expected_version, to: str, fields: dict, verb: str) -> Initiative:
    before = audit.snapshot(initiative, TRACKED)
    initiative.state = to
    for key, value in fields.items():
        setattr(initiative, key, value)
    _save(initiative, expected_version, ["state", *fields], actor=actor, before=before, verb=verb)
    return initiative


def _action_day(day, field: str, label: str, *, not_before: datetime.date | None = None, after_label: str = ""):
    if day is None:
        raise ValidationError({field: _("Vui lòng nhập %(l)s.") % {"l": label}})
    check_day(day, field)
    if day > dates.today():
        raise ValidationError({field: _("%(l)s không được sau hôm nay.") % {"l": label.capitalize()}})
    if not_before is not None and day < not_before:
        raise ValidationError(
            {
                field: _("%(l)s không được trước %(a)s (%(d)s).")
                % {"l": label.capitalize(), "a": after_label, "d": fmt(not_before)}
            }
        )
    return day


@transaction.atomic
def initiative_approve(*, actor, initiative: Initiative, expected_version, on: datetime.date | None = None):
    WORKFLOW.require(actor, initiative, "approve")
    WORKFLOW.expect(initiative, "approve")
    on = _action_day(
        on or dates.today(), "on", _("ngày duyệt"), not_before=initiative.registered_on, after_label=_("ngày đăng ký")
    )
    return _transition(
        actor=actor,
        initiative=initiative,
        expected_version=expected_version,
        to=State.APPROVED,
        fields={"approved_on": on, "returned_reason": ""},
        verb=_("Duyệt đăng ký"),
    )


@transaction.atomic
def initiative_return(*, actor, initiative: Initiative, expected_version, reason: str):
    WORKFLOW.require(actor, initiative, "return")
    WORKFLOW.expect(initiative, "return")
    reason = required_text(reason, "reason", MAX_TEXT)
    return _transition(
        actor=actor,
        initiative=initiative,
        expected_version=expected_version,
        to=State.RETURNED,
        fields={"returned_reason": reason},
        verb=_("Trả lại bổ sung"),
    )


@transaction.atomic
def initiative_launch(*, actor, initiative: Initiative, expected_version, launched_on: datetime.date | None):
    """Ra mắt: the model starts; from now on it is implementing."""
    WORKFLOW.require(actor, initiative, "launch")
    WORKFLOW.expect(initiative, "launch")
    launched_on = _action_day(
        launched_on, "launched_on", _("ngày ra mắt"), not_before=initiative.registered_on, after_label=_("ngày đăng ký")
    )
    return _transition(
        actor=actor,
        initiative=initiative,
        expected_version=expected_version,
        to=State.IMPLEMENTING,
        fields={"launched_on": launched_on},
        verb=_("Ra mắt, triển khai"),
    )


@transaction.atomic
def initiative_review(*, actor, initiative: Initiative, expected_version, reviewed_on, note: str):
    """Sơ kết (mid-year): what has been done so far."""
    WORKFLOW.require(actor, initiative, "review")
    WORKFLOW.expect(initiative, "review")
    reviewed_on = _action_day(
        reviewed_on, "reviewed_on", _("ngày sơ kết"), not_before=initiative.launched_on, after_label=_("ngày ra mắt")
    )
    note = required_text(note, "note", MAX_TEXT)
    return _transition(
        actor=actor,
        initiative=initiative,
        expected_version=expected_version,
        to=State.REVIEWED,
        fields={"reviewed_on": reviewed_on, "review_note": note},
        verb=_("Sơ kết"),
    )


@transaction.atomic
def initiative_conclude(*, actor, initiative: Initiative, expected_version, result: str, evaluated_on, note: str = ""):
    """Đánh giá (the committee's conclusion): hiệu quả, chưa hiệu quả or dừng thực hiện. A model may be stopped
    before its mid-year review; the others are judged after it."""
    WORKFLOW.require(actor, initiative, "conclude")
    WORKFLOW.expect(initiative, "conclude")
    if result not in Result.values:
        raise ValidationError({"result": _("Vui lòng chọn kết quả đánh giá.")})
    _expect_state(initiative, conclusion_sources(result), WORKFLOW.step("conclude").refusal)
    evaluated_on = _action_day(
        evaluated_on,
        "evaluated_on",
        _("ngày đánh giá"),
        not_before=initiative.reviewed_on or initiative.launched_on,
        after_label=_("ngày sơ kết") if initiative.reviewed_on else _("ngày ra mắt"),
    )
    note = optional_text(note, "note", MAX_TEXT, multiline=True)
    return _transition(
        actor=actor,
        initiative=initiative,
        expected_version=expected_version,
        to=State.EVALUATED,
        fields={"result": result, "evaluated_on": evaluated_on, "evaluation_note": note},
        verb=_("Đánh giá kết quả"),
    )
