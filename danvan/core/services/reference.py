"""Writes to reference data: the administrators' screens and data migrations use the same rules."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from .. import audit
from ..permissions import Cap, require
from .common import check_period, optional_text, required_name, save_versioned


@transaction.atomic
def reference_item_save(
    *,
    actor,
    model: type[models.Model],
    item: models.Model | None = None,
    expected_version: int | None = None,
    code: str,
    name: str,
    position: int = 0,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    note: str = "",
    needs_verification: bool = False,
    extra: dict | None = None,
) -> models.Model:
    """Create or correct one reference item (a level, a type, a role...). Codes are unique and stable:
    code elsewhere refers to them, so an existing item's code cannot change."""
    require(actor, Cap.MANAGE_REFERENCE)
    creating = item is None
    obj = item or model()
    fields = ["code", "name", "position", "valid_from", "valid_to", "note", "needs_verification", *(extra or {})]
    before = None if creating else audit.snapshot(obj, fields)
    code = required_name(code, "code", 50)
    if not creating and code != obj.code:
        raise ValidationError({"code": _("Không được đổi mã của một mục đã có.")})
    if creating and model.objects.filter(code=code).exists():
        raise ValidationError({"code": _("Mã này đã có.")})
    obj.code, obj.name, obj.position = code, required_name(name), position
    check_period(valid_from, valid_to)
    obj.valid_from, obj.valid_to = valid_from, valid_to
    obj.note = optional_text(note, "note", 2000, multiline=True)
    obj.needs_verification = needs_verification
    for key, value in (extra or {}).items():
        setattr(obj, key, value)
    if creating:
        obj.save()
        audit.record_create(actor=actor, obj=obj, fields=fields)
    else:
        save_versioned(obj, expected_version, [f for f in fields if f != "code"])
        audit.record_update(actor=actor, obj=obj, before=before, fields=fields)
    return obj
