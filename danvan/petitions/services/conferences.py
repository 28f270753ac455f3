"""Review conferences and carry-over."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core import audit
from danvan.core.models import Unit
from danvan.core.permissions import Cap, require
from danvan.core.services.common import check_day, optional_text, required_text, save_versioned

from .. import selectors
from ..models import ReviewConference
from .common import TRACKED, Action, _event, _save

# --- review conferences and carry-over ----------------------------------------------------------------------


@transaction.atomic
def conference_create(
    *, actor, unit: Unit | None, title: str, year, quarter, held_on, participants: str = "", conclusion: str = ""
) -> ReviewConference:
    if unit is None:
        raise ValidationError({"unit": _("Vui lòng chọn cấp ủy.")})
    require(actor, Cap.ROUTE_PETITIONS, unit)
    check_day(held_on, "held_on")
    if held_on is None:
        raise ValidationError({"held_on": _("Vui lòng nhập ngày họp.")})
    if quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": _("Quý phải từ 1 đến 4.")})
    if year is None or not 1900 <= year <= 2199:
        raise ValidationError({"year": _("Năm không hợp lệ.")})
    conference = ReviewConference.objects.create(
        unit=unit,
        title=required_text(title, "title", 300),
        year=year,
        quarter=quarter,
        held_on=held_on,
        participants=optional_text(participants, "participants", 2000, multiline=True),
        conclusion=optional_text(conclusion, "conclusion", 10000, multiline=True),
    )
    audit.record_create(actor=actor, obj=conference, fields=["title", "year", "quarter", "held_on"], unit=unit)
    return conference


@transaction.atomic
def conference_carry_over(*, actor, conference: ReviewConference, expected_version) -> int:
    """Mark the unresolved items as carried over to the next period (tồn đọng chuyển kỳ sau)."""
    require(actor, Cap.ROUTE_PETITIONS, conference.unit)
    rows = list(selectors.carry_over_candidates(conference).order_by("pk"))
    for item in rows:
        item.carried_at.add(conference)
        if not item.carried_over:
            before = audit.snapshot(item, TRACKED)
            item.carried_over = True
            _save(item, None, ["carried_over"], actor=actor, before=before, verb=_("Tồn đọng chuyển kỳ sau"))
        _event(item, Action.CARRIED_OVER, actor, before=item.state, text=conference.title)
    conference.carried_over_at = timezone.now()
    save_versioned(conference, expected_version, ["carried_over_at"])
    audit.record(
        actor=actor,
        obj=conference,
        action="update",
        unit=conference.unit,
        verb=_("Chuyển kỳ sau"),
        changes={"carried_over": [None, len(rows)]},
    )
    return len(rows)
