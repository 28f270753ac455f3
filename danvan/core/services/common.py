"""Shared pieces of the services: validation messages, text fields, optimistic locking."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..errors import ConflictError
from ..text import clean_text

MAX_NAME = 200


def fmt(day: datetime.date | None) -> str:
    return date_format(day, "d/m/Y") if day else ""


def required_name(value: str | None, field: str = "name", max_length: int = MAX_NAME) -> str:
    """A trimmed name; only spaces is no name."""
    text = clean_text(value)
    if not text:
        raise ValidationError({field: _("Vui lòng nhập tên (không chỉ gồm khoảng trắng).")})
    if len(text) > max_length:
        raise ValidationError({field: _("Tối đa %(n)s ký tự (đang có %(m)s).") % {"n": max_length, "m": len(text)}})
    return text


def required_text(value: str | None, field: str, max_length: int) -> str:
    """Multi-line text that must say something (line breaks kept)."""
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: _("Vui lòng nhập nội dung.")})
    return optional_text(text, field, max_length, multiline=True)


def optional_text(value: str | None, field: str, max_length: int, *, multiline: bool = False) -> str:
    text = (value or "").strip() if multiline else clean_text(value)
    if len(text) > max_length:
        raise ValidationError({field: _("Tối đa %(n)s ký tự (đang có %(m)s).") % {"n": max_length, "m": len(text)}})
    return text


EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2199, 12, 31)


def check_day(day: datetime.date | None, field: str) -> None:
    """Dates outside 1900–2199 are typing mistakes (and would overflow date arithmetic)."""
    if day is not None and not EARLIEST <= day <= LATEST:
        raise ValidationError({field: _("Ngày %(day)s nằm ngoài khoảng 01/01/1900 – 31/12/2199.") % {"day": fmt(day)}})


def check_period(valid_from: datetime.date | None, valid_to: datetime.date | None) -> None:
    if valid_from is None:
        raise ValidationError({"valid_from": _("Vui lòng nhập ngày bắt đầu hiệu lực.")})
    check_day(valid_from, "valid_from")
    check_day(valid_to, "valid_to")
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError(
            {
                "valid_to": _("Ngày hết hiệu lực (%(to)s) không được trước ngày bắt đầu (%(from)s).")
                % {"to": fmt(valid_to), "from": fmt(valid_from)}
            }
        )


def save_versioned(obj: models.Model, expected_version: int | None, fields: list[str]) -> None:
    """Write `fields` only if nobody saved the row since `expected_version` was read.

    `expected_version=None` is for the system's own follow-up writes inside a service (never for a form:
    edit forms require the version they were opened with)."""
    model = type(obj)
    values = {name: getattr(obj, model._meta.get_field(name).attname) for name in fields}
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        values["updated_at"] = timezone.now()
    filters = {"pk": obj.pk}
    if expected_version is not None:
        filters["version"] = expected_version
    updated = model.objects.filter(**filters).update(version=F("version") + 1, **values)
    if not updated:
        raise ConflictError()
    obj.version = (expected_version or obj.version) + 1


class Errors:
    """Collects every problem of a form or an import row, then raises them together."""

    def __init__(self):
        self.messages: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.messages.setdefault(field, []).append(message)

    def take(self, error: ValidationError) -> None:
        for field, messages in error.message_dict.items():
            for message in messages:
                self.add(field, message)

    def raise_if_any(self) -> None:
        if self.messages:
            raise ValidationError(self.messages)
