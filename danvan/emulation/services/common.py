"""What the writes of the registry share: the tracked fields, the day, permission checks, versioned saves."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from danvan.core import access, audit
from danvan.core.models import Unit
from danvan.core.permissions import Cap
from danvan.core.services.common import save_versioned
from danvan.core.text import fold, sort_key

from ..models import REGISTRATION_ITEMS, Initiative

MAX_NAME = 300
MAX_TEXT = 5000
EARLIEST_YEAR = 2008  # Hà Tĩnh launched the movement in 2008
ITEM_FIELDS = [name for name, _label in REGISTRATION_ITEMS]
EDITABLE = [
    "year",
    "name",
    "kind",
    "field",
    "unit",
    "body",
    "party_org",
    "subject_type",
    "level",
    *ITEM_FIELDS,
    "leader",
    "leader_phone",
    "registered_on",
    "launched_on",
    "replicates",
    "continues",
]
TRACKED = [
    *EDITABLE,
    "state",
    "result",
    "returned_reason",
    "approved_on",
    "reviewed_on",
    "review_note",
    "evaluated_on",
    "evaluation_note",
]


def search_text(initiative: Initiative) -> str:
    return fold(" ".join([initiative.name, initiative.leader, initiative.method, initiative.area]))


def _require_register(actor, unit: Unit) -> None:
    access.require_on(actor, Cap.REGISTER_INITIATIVES, unit)


def _expect_state(initiative: Initiative, allowed, message: str) -> None:
    if initiative.state not in allowed:
        raise ValidationError(
            {"__all__": f"{message} " + _("Trạng thái hiện tại: %(s)s.") % {"s": initiative.get_state_display()}}
        )


def _save(initiative: Initiative, expected_version, fields: list[str], *, actor, before: dict, verb: str, reason=""):
    initiative.search_text = search_text(initiative)
    initiative.sort_key = sort_key(initiative.name)
    save_versioned(initiative, expected_version, [*fields, "search_text", "sort_key"])
    audit.record_update(
        actor=actor, obj=initiative, before=before, fields=TRACKED, unit=initiative.unit, verb=verb, reason=reason
    )
