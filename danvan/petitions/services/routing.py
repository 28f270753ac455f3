"""Routing rules."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import audit
from danvan.core.models import Body, Unit
from danvan.core.permissions import Cap, require
from danvan.core.services.common import optional_text, save_versioned

from ..models import Petition, RoutingRule
from .common import _check_body

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
