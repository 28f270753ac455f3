"""Writing the audit trail. Services call these inside their transaction; nothing else writes entries."""

import datetime
import decimal
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry
from .permissions import SERVICE_USERNAMES


def _plain(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return value


def _value(obj: models.Model, name: str):
    try:
        field = obj._meta.get_field(name)
    except Exception:  # noqa: BLE001 - not a model field (e.g. a list of names): take it as it is
        return _plain(getattr(obj, name))
    if getattr(field, "choices", None) and not field.is_relation:
        return str(getattr(obj, f"get_{name}_display")())  # "Đã gửi", not "submitted"
    return _plain(getattr(obj, name))


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict:
    """Human-readable values of `fields` (foreign keys by their name, choices by their label, dates in ISO)."""
    return {name: _value(obj, name) for name in fields}


def diff(before: dict, after: dict) -> dict:
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def record(
    *,
    actor,
    obj: models.Model,
    action: str,
    changes: dict | None = None,
    unit=None,
    verb: str = "",
    reason: str = "",
) -> AuditEntry:
    """Append one entry. Every entry names who acted: a person, the system or the loader (core.access); the
    service accounts are shown by their label ("Hệ thống"), people by their account name."""
    if actor is None or not actor.is_authenticated:
        raise TypeError("An actor is required: a person, system_actor() or loader_actor().")
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=actor.first_name if actor.username in SERVICE_USERNAMES else actor.get_username(),
        action=action,
        verb=verb[:200],
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes=changes or {},
        unit=unit,
        reason=reason,
    )


def record_create(*, actor, obj, fields, unit=None, verb: str = "") -> AuditEntry:
    return record(
        actor=actor,
        obj=obj,
        action=AuditEntry.Action.CREATE,
        changes=diff({}, {k: v for k, v in snapshot(obj, fields).items() if v not in (None, "")}),
        unit=unit,
        verb=verb,
    )


def record_update(*, actor, obj, before: dict, fields, unit=None, verb: str = "", reason: str = ""):
    changes = diff(before, snapshot(obj, fields))
    if not changes and not verb:
        return None
    return record(
        actor=actor, obj=obj, action=AuditEntry.Action.UPDATE, changes=changes, unit=unit, verb=verb, reason=reason
    )
