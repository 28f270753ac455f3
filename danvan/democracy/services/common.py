"""What the writes of every record share: the rule set in force, units as of a date, field checks, and the
one create and one update path of disclosures, consultations and dialogues."""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from danvan.core import access, audit, dates
from danvan.core.models import Unit
from danvan.core.permissions import Cap
from danvan.core.services.attachments import attachments_store
from danvan.core.services.common import Errors, check_day, fmt, optional_text, required_text, save_versioned
from danvan.core.text import clean_text, fold, sort_key

from ..models import RuleSet

MAX_TITLE = 300
MAX_TEXT = 5000
MAX_NAME = 200


# --- shared --------------------------------------------------------------------------------------------------


def rule_set_on(day: datetime.date, field: str = "held_on") -> RuleSet:
    rule_set = RuleSet.objects.valid_on(day).order_by("-valid_from").first()
    if rule_set is None:
        raise ValidationError(
            {field: _("Chưa có văn bản quy định dân chủ ở cơ sở áp dụng cho ngày %(d)s.") % {"d": fmt(day)}}
        )
    return rule_set


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _require(actor, cap: Cap, unit: Unit) -> None:
    """Records are history: they may be written on units that no longer exist (a 2016 commune)."""
    access.require_on(actor, cap, unit, past=True)


def _check_commune(unit, errors: Errors, field: str = "unit") -> None:
    if unit is None:
        errors.add(field, _("Vui lòng chọn xã (phường, thị trấn)."))
    elif unit.level.code != "commune":
        errors.add(field, _("Phải chọn một xã (phường, thị trấn)."))


def _exists_on(unit: Unit, day: datetime.date | None, errors: Errors, field: str) -> None:
    if unit is not None and day is not None and not unit.is_valid_on(day):
        errors.add(
            field,
            _("%(u)s không tồn tại vào ngày %(d)s (hiệu lực %(a)s – %(b)s).")
            % {"u": unit.full_name, "d": fmt(day), "a": fmt(unit.valid_from), "b": fmt(unit.valid_to) or "…"},
        )


def _not_future(day, field: str, errors: Errors) -> None:
    if day is not None and day > dates.today():
        errors.add(field, _("Ngày %(d)s chưa tới.") % {"d": fmt(day)})


def _text(errors: Errors, value, field: str, max_length: int, *, required: bool = False, multiline: bool = False):
    try:
        if required:
            return required_text(value, field, max_length) if multiline else _required_line(value, field, max_length)
        return optional_text(value, field, max_length, multiline=multiline)
    except ValidationError as error:
        errors.take(error)
        return ""


def _required_line(value, field: str, max_length: int) -> str:
    text = clean_text(value)
    if not text:
        raise ValidationError({field: _("Vui lòng nhập nội dung.")})
    return optional_text(text, field, max_length)


def _count(errors: Errors, value, field: str) -> int:
    if value is None or value == "":
        errors.add(field, _("Vui lòng nhập số."))
        return 0
    if not isinstance(value, int) or value < 0:
        errors.add(field, _("Phải là số nguyên không âm."))
        return 0
    if value > 10_000_000:
        errors.add(field, _("Số quá lớn."))
        return 0
    return value


def _days(errors: Errors, **days) -> None:
    for field, day in days.items():
        try:
            check_day(day, field)
        except ValidationError as error:
            errors.take(error)


def _searchable(obj, *texts) -> None:
    obj.search_text = fold(" ".join(t for t in texts if t))
    obj.sort_key = sort_key(texts[0] if texts else "")


def _same_rule_set(errors: Errors, rule_set: RuleSet, field: str, *refs) -> None:
    for ref in refs:
        if ref is not None and ref.rule_set_id != rule_set.pk:
            errors.add(
                field,
                _("“%(x)s” thuộc %(other)s, không áp dụng vào ngày này; theo %(rs)s, vui lòng chọn lại.")
                % {"x": str(ref)[:80], "other": ref.rule_set.short_name, "rs": rule_set.short_name},
            )
            return


def _user(actor):
    return actor


def _record_create(model, check, fields, search, *, actor, attachments, data):
    """Create a disclosure, consultation or dialogue: every problem at once, then one row, its channels, files
    and audit entry."""
    errors = Errors()
    values = check(errors, data)
    errors.raise_if_any()
    _require(actor, Cap.RECORD_DEMOCRACY, values["unit"])
    channels = values.pop("channels", None)
    obj = model(**values, created_by=_user(actor))
    _searchable(obj, *search(values))
    obj.save()
    if channels is not None:
        obj.channels.set(channels)
    attachments_store(actor=actor, record=obj, uploads=attachments)
    audit.record_create(actor=actor, obj=obj, fields=fields, unit=values["unit"])
    return obj


def _record_update(obj, check, fields, search, *, actor, expected_version, data, movable=False):
    """Correct one record; `movable` lets a disclosure move to another commune of the actor's scope."""
    access.require(actor, "change", obj)
    errors = Errors()
    values = check(errors, {**data, "unit": data.get("unit", obj.unit) if movable else obj.unit})
    errors.raise_if_any()
    _require(actor, Cap.RECORD_DEMOCRACY, values["unit"])
    before = audit.snapshot(obj, fields)
    channels = values.pop("channels", None)
    for key, value in values.items():
        setattr(obj, key, value)
    _searchable(obj, *search(values))
    save_versioned(obj, expected_version, [*fields, "rule_set", "search_text", "sort_key"])
    if channels is not None:
        obj.channels.set(channels)
    audit.record_update(actor=actor, obj=obj, before=before, fields=fields, unit=obj.unit)
    return obj
