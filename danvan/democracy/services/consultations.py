"""Consultations and dialogues."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.services.common import Errors, fmt

from ..models import Consultation, Dialogue
from .common import (
    MAX_NAME,
    MAX_TEXT,
    MAX_TITLE,
    _check_commune,
    _count,
    _days,
    _exists_on,
    _not_future,
    _record_create,
    _record_update,
    _same_rule_set,
    _text,
    rule_set_on,
)

# --- Consultations and dialogues ----------------------------------------------------------------------------

CONSULTATION_FIELDS = [
    "unit",
    "matter",
    "title",
    "opened_on",
    "closed_on",
    "asked",
    "answered",
    "agree",
    "disagree",
    "other",
    "response_on",
    "response",
]


def _consultation_values(errors: Errors, data: dict) -> dict:
    unit, matter = data.get("unit"), data.get("matter")
    opened, closed, response_on = data.get("opened_on"), data.get("closed_on"), data.get("response_on")
    channels = list(data.get("channels") or [])
    _check_commune(unit, errors)
    _days(errors, opened_on=opened, closed_on=closed, response_on=response_on)
    if opened is None:
        errors.add("opened_on", _("Vui lòng nhập ngày bắt đầu lấy ý kiến."))
    if closed is None:
        errors.add("closed_on", _("Vui lòng nhập ngày kết thúc lấy ý kiến."))
    if opened and closed and closed < opened:
        errors.add("closed_on", _("Ngày kết thúc không được trước ngày bắt đầu (%(d)s).") % {"d": fmt(opened)})
    if response_on and closed and response_on < closed:
        errors.add(
            "response_on", _("Báo cáo tiếp thu phải công bố sau khi kết thúc lấy ý kiến (%(d)s).") % {"d": fmt(closed)}
        )
    _not_future(opened, "opened_on", errors)
    _not_future(response_on, "response_on", errors)
    rule_set = None
    if opened:
        try:
            rule_set = rule_set_on(opened, "opened_on")
        except ValidationError as error:
            errors.take(error)
    if matter is None:
        errors.add("matter", _("Vui lòng chọn nội dung lấy ý kiến."))
    if not channels:
        errors.add("channels", _("Vui lòng chọn ít nhất một hình thức."))
    if rule_set is not None:
        _same_rule_set(errors, rule_set, "matter", matter)
        _same_rule_set(errors, rule_set, "channels", *channels)
    counts = {
        key: _count(errors, data.get(key) or 0, key) for key in ("asked", "answered", "agree", "disagree", "other")
    }
    if counts["answered"] > counts["asked"]:
        errors.add("answered", _("Số ý kiến nhận được không được lớn hơn số được hỏi."))
    if counts["agree"] + counts["disagree"] > counts["answered"]:
        errors.add("disagree", _("Tán thành và không tán thành vượt quá số ý kiến nhận được."))
    _exists_on(unit, opened, errors, "unit")
    response = _text(errors, data.get("response"), "response", MAX_TEXT, multiline=True)
    if response_on and not response:
        errors.add("response", _("Vui lòng tóm tắt nội dung tiếp thu, giải trình."))
    return {
        "unit": unit,
        "rule_set": rule_set,
        "matter": matter,
        "title": _text(errors, data.get("title"), "title", MAX_TITLE, required=True),
        "opened_on": opened,
        "closed_on": closed,
        **counts,
        "response_on": response_on,
        "response": response,
        "channels": channels,
    }


DIALOGUE_FIELDS = [
    "unit",
    "title",
    "notice_on",
    "held_on",
    "place",
    "chair",
    "participants",
    "requested",
    "results_on",
    "results",
]


def _dialogue_values(errors: Errors, data: dict) -> dict:
    unit, notice, held, results_on = (
        data.get("unit"),
        data.get("notice_on"),
        data.get("held_on"),
        data.get("results_on"),
    )
    _check_commune(unit, errors)
    _days(errors, notice_on=notice, held_on=held, results_on=results_on)
    if notice is None:
        errors.add("notice_on", _("Vui lòng nhập ngày thông báo."))
    if held is None:
        errors.add("held_on", _("Vui lòng nhập ngày đối thoại."))
    if notice and held and held < notice:
        errors.add(
            "held_on",
            _("Ngày đối thoại (%(h)s) không được trước ngày thông báo (%(n)s).") % {"h": fmt(held), "n": fmt(notice)},
        )
    if results_on and held and results_on < held:
        errors.add("results_on", _("Ngày công bố kết quả không được trước ngày đối thoại."))
    _not_future(held, "held_on", errors)
    _not_future(results_on, "results_on", errors)
    rule_set = None
    if held:
        try:
            rule_set = rule_set_on(held)
        except ValidationError as error:
            errors.take(error)
    _exists_on(unit, held, errors, "unit")
    results = _text(errors, data.get("results"), "results", MAX_TEXT, multiline=True)
    if results_on and not results:
        errors.add("results", _("Vui lòng tóm tắt kết quả đối thoại đã công bố."))
    return {
        "unit": unit,
        "rule_set": rule_set,
        "title": _text(errors, data.get("title"), "title", MAX_TITLE, required=True),
        "notice_on": notice,
        "held_on": held,
        "place": _text(errors, data.get("place"), "place", 300),
        "chair": _text(errors, data.get("chair"), "chair", MAX_NAME),
        "participants": _count(errors, data.get("participants") or 0, "participants"),
        "requested": bool(data.get("requested")),
        "results_on": results_on,
        "results": results,
    }


@transaction.atomic
def consultation_create(*, actor, attachments=None, **data) -> Consultation:
    return _record_create(
        Consultation,
        _consultation_values,
        CONSULTATION_FIELDS,
        lambda v: (v["title"], v["response"]),
        actor=actor,
        attachments=attachments,
        data=data,
    )


@transaction.atomic
def consultation_update(*, actor, consultation: Consultation, expected_version: int, **data) -> Consultation:
    return _record_update(
        consultation,
        _consultation_values,
        CONSULTATION_FIELDS,
        lambda v: (v["title"], v["response"]),
        actor=actor,
        expected_version=expected_version,
        data=data,
    )


@transaction.atomic
def dialogue_create(*, actor, attachments=None, **data) -> Dialogue:
    return _record_create(
        Dialogue,
        _dialogue_values,
        DIALOGUE_FIELDS,
        lambda v: (v["title"], v["results"]),
        actor=actor,
        attachments=attachments,
        data=data,
    )


@transaction.atomic
def dialogue_update(*, actor, dialogue: Dialogue, expected_version: int, **data) -> Dialogue:
    return _record_update(
        dialogue,
        _dialogue_values,
        DIALOGUE_FIELDS,
        lambda v: (v["title"], v["results"]),
        actor=actor,
        expected_version=expected_version,
        data=data,
    )
