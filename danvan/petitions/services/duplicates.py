"""Duplicates: an item linked to a primary follows it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import access, audit

from ..models import OPEN_STATES, Petition
from .common import FOLLOWED, TRACKED, Action, _event, _save

# --- duplicates ---------------------------------------------------------------------------------------------


@transaction.atomic
def petition_link(*, actor, petition: Petition, expected_version, primary: Petition) -> Petition:
    """Link `petition` to `primary`: it follows the primary's answer and closing, and counts once."""
    access.require(actor, "link", petition)
    if not access.visible(actor, Petition).filter(pk=primary.pk).exists():
        raise ValidationError({"duplicate_of": _("Không tìm thấy kiến nghị được chọn.")})
    primary = Petition.objects.select_related("body").get(pk=primary.pk)
    if primary.pk == petition.pk:
        raise ValidationError({"duplicate_of": _("Không thể gộp kiến nghị với chính nó.")})
    if primary.duplicate_of_id:
        primary = primary.duplicate_of
    if petition.duplicates.exists():
        raise ValidationError({"duplicate_of": _("Kiến nghị này đang là kiến nghị chính của một nhóm trùng.")})
    if primary.state not in OPEN_STATES or petition.state not in OPEN_STATES:
        raise ValidationError({"duplicate_of": _("Chỉ gộp các kiến nghị chưa giải quyết xong.")})
    before, old = audit.snapshot(petition, TRACKED), petition.state
    petition.duplicate_of = primary
    # The duplicate takes the primary's place in the flow.
    for name in FOLLOWED:
        setattr(petition, name, getattr(primary, name))
    fields = [
        "duplicate_of",
        "state",
        "body",
        "routed_on",
        "clock_start",
        "allowed_days",
        "due_on",
        "due_manual",
        "paused_since",
    ]
    _save(petition, expected_version, fields, actor=actor, before=before, verb=_("Gộp kiến nghị trùng"))
    _event(petition, Action.LINKED, actor, before=old, text=primary.code, body=primary.body)
    return petition


@transaction.atomic
def petition_unlink(*, actor, petition: Petition, expected_version) -> Petition:
    access.require(actor, "link", petition)
    if petition.duplicate_of_id is None:
        raise ValidationError({"__all__": _("Kiến nghị này không thuộc nhóm trùng nào.")})
    before = audit.snapshot(petition, TRACKED)
    primary_code = petition.duplicate_of.code
    petition.duplicate_of = None
    _save(petition, expected_version, ["duplicate_of"], actor=actor, before=before, verb=_("Tách khỏi nhóm trùng"))
    _event(petition, Action.UNLINKED, actor, before=petition.state, text=primary_code)
    return petition
