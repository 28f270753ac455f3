"""Writes to reference data: the administrators' screens and data migrations use the same rules."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from .. import audit
from ..permissions import Cap, require
from .common import check_period, optional_text, required_name, save_versioned


def _fields(extra: dict | None) -> list[str]:
    return ["code", "name", "position", "valid_from", "valid_to", "note", "needs_verification", *(extra or {})]


def _fill(
    obj: models.Model,
    *,
    code: str,
    name: str,
    position: int,
    valid_from: datetime.date,
    valid_to: datetime.date | None,
    note: str,
    needs_verification: bool,
    extra: dict | None,
) -> None:
    obj.code, obj.name, obj.position = code, required_name(name), position
    check_period(valid_from, valid_to)
    obj.valid_from, obj.valid_to = valid_from, valid_to
    obj.note = optional_text(note, "note", 2000, multiline=True)
    obj.needs_verification = needs_verification
    for key, value in (extra or {}).items():
        setattr(obj, key, value)


@transaction.atomic
def reference_item_create(
    *,
    actor,
    model: type[models.Model],
    code: str,
    name: str,
    position: int = 0,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    note: str = "",
    needs_verification: bool = False,
    extra: dict | None = None,
) -> models.Model:
    """Create one reference item (a level, a type, a role...). Codes are unique: code elsewhere refers to them."""
    require(actor, Cap.MANAGE_REFERENCE)
    obj = model()
    code = required_name(code, "code", 50)
    if model.objects.filter(code=code).exists():
        raise ValidationError({"code": _("Mã này đã có.")})
    _fill(
        obj,
        code=code,
        name=name,
        position=position,
        valid_from=valid_from,
        valid_to=valid_to,
        note=note,
        needs_verification=needs_verification,
        extra=extra,
    )
    obj.save()
    audit.record_create(actor=actor, obj=obj, fields=_fields(extra))
    return obj


@transaction.atomic
def reference_item_update(
    *,
    actor,
    item: models.Model,
    expected_version: int | None,
    code: str,
    name: str,
    position: int = 0,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    note: str = "",
    needs_verification: bool = False,
    extra: dict | None = None,
) -> models.Model:
    """Correct one reference item. Codes are stable: code elsewhere refers to them, so an item's code cannot
    change."""
    require(actor, Cap.MANAGE_REFERENCE)
    fields = _fields(extra)
    before = audit.snapshot(item, fields)
    code = required_name(code, "code", 50)
    if code != item.code:
        raise ValidationError({"code": _("Không được đổi mã của một mục đã có.")})
    _fill(
        item,
        code=code,
        name=name,
        position=position,
        valid_from=valid_from,
        valid_to=valid_to,
        note=note,
        needs_verification=needs_verification,
        extra=extra,
    )
    save_versioned(item, expected_version, [f for f in fields if f != "code"])
    audit.record_update(actor=actor, obj=item, before=before, fields=fields)
    return item
