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


def _routing_rule_values(
    actor, *, scope: Unit | None, body: Body | None, field, kind: str, origin_level, valid_from, valid_to, note: str
) -> dict:
    from danvan.core.services.common import check_period

    if scope is None:
        raise ValidationError({"scope": _("Vui lòng chọn địa bàn áp dụng.")})
    require(actor, Cap.MANAGE_ROUTING, scope)
    check_period(valid_from, valid_to)
    _check_body(body, valid_from)
    if kind and kind not in Petition.Kind.values:
        raise ValidationError({"kind": _("Phân loại không hợp lệ.")})
    return {
        "scope": scope,
        "body": body,
        "field": field,
        "kind": kind or "",
        "origin_level": origin_level,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "note": optional_text(note, "note", 500),
    }


@transaction.atomic
def routing_rule_create(
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
) -> RoutingRule:
    """A routing rule for an area the actor manages routing in, sending to a body valid when it begins."""
    values = _routing_rule_values(
        actor,
        scope=scope,
        body=body,
        field=field,
        kind=kind,
        origin_level=origin_level,
        valid_from=valid_from,
        valid_to=valid_to,
        note=note,
    )
    rule = RoutingRule.objects.create(**values)
    audit.record_create(actor=actor, obj=rule, fields=list(values), unit=scope)
    return rule


@transaction.atomic
def routing_rule_update(
    *,
    actor,
    routing_rule: RoutingRule,
    expected_version: int | None,
    scope: Unit | None,
    body: Body | None,
    field=None,
    kind: str = "",
    origin_level=None,
    valid_from=None,
    valid_to=None,
    note: str = "",
) -> RoutingRule:
    """Correct a routing rule; the actor manages routing both where it applied and where it will apply."""
    values = _routing_rule_values(
        actor,
        scope=scope,
        body=body,
        field=field,
        kind=kind,
        origin_level=origin_level,
        valid_from=valid_from,
        valid_to=valid_to,
        note=note,
    )
    require(actor, Cap.MANAGE_ROUTING, routing_rule.scope)
    fields = list(values)
    before = audit.snapshot(routing_rule, fields)
    for name, value in values.items():
        setattr(routing_rule, name, value)
    save_versioned(routing_rule, expected_version, fields)
    audit.record_update(actor=actor, obj=routing_rule, before=before, fields=fields, unit=scope)
    return routing_rule
