"""Disclosures (công khai thông tin)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.services.common import Errors, fmt

from ..models import Disclosure
from .common import (
    MAX_NAME,
    MAX_TITLE,
    _check_commune,
    _days,
    _exists_on,
    _not_future,
    _record_create,
    _record_update,
    _same_rule_set,
    _text,
    rule_set_on,
)

# --- Disclosures --------------------------------------------------------------------------------------------

DISCLOSURE_FIELDS = ["unit", "item", "title", "started_on", "ended_on", "loudspeaker_days", "place", "done_by", "note"]


def _disclosure_values(errors: Errors, data: dict) -> dict:
    unit, item = data.get("unit"), data.get("item")
    started, ended = data.get("started_on"), data.get("ended_on")
    channels = list(data.get("channels") or [])
    _check_commune(unit, errors)
    _days(errors, started_on=started, ended_on=ended)
    if started is None:
        errors.add("started_on", _("Vui lòng nhập ngày bắt đầu công khai."))
    if ended is None:
        errors.add("ended_on", _("Vui lòng nhập ngày kết thúc công khai."))
    if started and ended and ended < started:
        errors.add(
            "ended_on",
            _("Ngày kết thúc (%(e)s) không được trước ngày bắt đầu (%(s)s).") % {"e": fmt(ended), "s": fmt(started)},
        )
    _not_future(started, "started_on", errors)
    rule_set = None
    if started:
        try:
            rule_set = rule_set_on(started, "started_on")
        except ValidationError as error:
            errors.take(error)
    if item is None:
        errors.add("item", _("Vui lòng chọn nội dung công khai."))
    elif rule_set is not None:
        _same_rule_set(errors, rule_set, "item", item)
    if not channels:
        errors.add("channels", _("Vui lòng chọn ít nhất một hình thức công khai."))
    elif item is not None:
        allowed = set(item.channels.values_list("pk", flat=True))
        wrong = [f.name for f in channels if f.pk not in allowed]
        if wrong:
            errors.add("channels", _("Hình thức không áp dụng cho nội dung này: %(f)s.") % {"f": "; ".join(wrong)})
    loudspeaker = any(f.is_loudspeaker for f in channels)
    days = data.get("loudspeaker_days")
    if loudspeaker and not days:
        errors.add("loudspeaker_days", _("Vui lòng nhập số ngày liên tục phát trên loa truyền thanh."))
    if not loudspeaker and days:
        errors.add("loudspeaker_days", _("Chưa chọn hình thức loa truyền thanh."))
    if days and started and ended and days > (ended - started).days + 1:
        errors.add("loudspeaker_days", _("Số ngày trên loa vượt quá thời gian công khai."))
    _exists_on(unit, started, errors, "unit")
    return {
        "unit": unit,
        "item": item,
        "rule_set": rule_set,
        "title": _text(errors, data.get("title"), "title", MAX_TITLE, required=True),
        "started_on": started,
        "ended_on": ended,
        "loudspeaker_days": days if loudspeaker else None,
        "place": _text(errors, data.get("place"), "place", 300),
        "done_by": _text(errors, data.get("done_by"), "done_by", MAX_NAME),
        "note": _text(errors, data.get("note"), "note", 2000, multiline=True),
        "channels": channels,
    }


def _disclosure_search(v):
    return v["title"], v["item"].name, v["place"], v["done_by"]


@transaction.atomic
def disclosure_create(*, actor, attachments=None, **data) -> Disclosure:
    return _record_create(
        Disclosure,
        _disclosure_values,
        DISCLOSURE_FIELDS,
        _disclosure_search,
        actor=actor,
        attachments=attachments,
        data=data,
    )


@transaction.atomic
def disclosure_update(*, actor, disclosure: Disclosure, expected_version: int, **data) -> Disclosure:
    return _record_update(
        disclosure,
        _disclosure_values,
        DISCLOSURE_FIELDS,
        _disclosure_search,
        actor=actor,
        expected_version=expected_version,
        data=data,
        movable=True,
    )
