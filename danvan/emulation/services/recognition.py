"""Recognition: awards and praise conferences."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import audit
from danvan.core.models import Body, Unit
from danvan.core.permissions import Cap, require
from danvan.core.services.common import Errors, fmt, optional_text
from danvan.core.text import clean_text

from .. import selectors
from ..models import Award, AwardForm, Initiative, Kind, PraiseConference, Result, State
from ..workflow import WORKFLOW
from .common import MAX_TEXT, TRACKED, _save
from .registration import _action_day

# --- recognition --------------------------------------------------------------------------------------------


def _recognize(initiative: Initiative, *, actor, praise: bool) -> None:
    """Move an effective, evaluated model to "được biểu dương" or "được khen thưởng" (an award outranks
    praise)."""
    to = State.PRAISED if praise else State.AWARDED
    if initiative.state == State.AWARDED or initiative.state == to:
        return
    before = audit.snapshot(initiative, TRACKED)
    initiative.state = to
    _save(initiative, None, ["state"], actor=actor, before=before, verb=_("Ghi nhận biểu dương, khen thưởng"))


def _check_recognizable(initiative: Initiative, field: str = "initiative") -> None:
    """The award step's states (emulation/workflow.py), and an effective result."""
    if initiative.state not in WORKFLOW.step("award").sources or initiative.result != Result.EFFECTIVE:
        raise ValidationError(
            {
                field: _("“%(n)s” chưa được đánh giá hiệu quả: chưa thể biểu dương, khen thưởng.")
                % {"n": initiative.name}
            }
        )


@transaction.atomic
def award_create(
    *,
    actor,
    initiative: Initiative,
    form: AwardForm | None,
    recipient_kind: str,
    recipient: str,
    decision_number: str = "",
    decided_on,
    awarding_body: Body | None = None,
    awarding_name: str = "",
    conference: PraiseConference | None = None,
) -> Award:
    WORKFLOW.require(actor, initiative, "award")
    _check_recognizable(initiative, "__all__")
    errors = Errors()
    if form is None:
        errors.add("form", _("Vui lòng chọn hình thức khen thưởng."))
    if recipient_kind not in Award.Recipient.values:
        errors.add("recipient_kind", _("Vui lòng chọn tập thể, cá nhân hoặc hộ gia đình."))
    recipient = clean_text(recipient)
    if not recipient:
        errors.add("recipient", _("Vui lòng nhập tên tập thể, cá nhân được khen thưởng."))
    elif len(recipient) > 300:
        errors.add("recipient", _("Tối đa %(n)s ký tự (đang có %(m)s).") % {"n": 300, "m": len(recipient)})
    try:
        decided_on = _action_day(
            decided_on,
            "decided_on",
            _("ngày quyết định"),
            not_before=initiative.evaluated_on,
            after_label=_("ngày đánh giá"),
        )
    except ValidationError as error:
        errors.take(error)
    if form is not None and isinstance(decided_on, datetime.date) and not form.is_valid_on(decided_on):
        errors.add("form", _("Hình thức “%(f)s” không còn áp dụng vào ngày %(d)s.") % {"f": form, "d": fmt(decided_on)})
    if initiative.kind == Kind.INDIVIDUAL and recipient_kind == Award.Recipient.COLLECTIVE:
        errors.add("recipient_kind", _("Điển hình cá nhân được khen thưởng là cá nhân."))
    errors.raise_if_any()
    award = Award.objects.create(
        initiative=initiative,
        form=form,
        recipient_kind=recipient_kind,
        recipient=recipient,
        decision_number=optional_text(decision_number, "decision_number", 100),
        decided_on=decided_on,
        awarding_body=awarding_body,
        awarding_name=optional_text(awarding_name, "awarding_name", 300),
        conference=conference,
    )
    audit.record_create(
        actor=actor,
        obj=award,
        fields=["form", "recipient_kind", "recipient", "decision_number", "decided_on", "awarding_body"],
        unit=initiative.unit,
        verb=_("Khen thưởng"),
    )
    _recognize(initiative, actor=actor, praise=form.is_praise)
    return award


@transaction.atomic
def conference_create(
    *, actor, unit: Unit | None, title: str, held_on, year_from, year_to, note: str = "", honoured=()
) -> PraiseConference:
    """Hội nghị biểu dương for a period, with the models and exemplars honoured (each becomes "được biểu
    dương" unless already awarded)."""
    errors = Errors()
    if unit is None:
        raise ValidationError({"unit": _("Vui lòng chọn cấp tổ chức.")})
    require(actor, Cap.MANAGE_EMULATION, unit)
    title = clean_text(title)
    if not title:
        errors.add("title", _("Vui lòng nhập tên hội nghị."))
    try:
        held_on = _action_day(held_on, "held_on", _("ngày tổ chức"))
    except ValidationError as error:
        errors.take(error)
    if not year_from or not year_to:
        errors.add("year_from", _("Vui lòng nhập giai đoạn (từ năm, đến năm)."))
    elif int(year_to) < int(year_from):
        errors.add("year_to", _("Năm kết thúc không được trước năm bắt đầu."))
    elif isinstance(held_on, datetime.date) and int(year_from) > held_on.year:
        errors.add("year_from", _("Giai đoạn biểu dương phải bắt đầu trước ngày tổ chức."))
    errors.raise_if_any()
    conference = PraiseConference.objects.create(
        unit=unit,
        title=title[:300],
        held_on=held_on,
        year_from=int(year_from),
        year_to=int(year_to),
        note=optional_text(note, "note", MAX_TEXT, multiline=True),
    )
    audit.record_create(
        actor=actor,
        obj=conference,
        fields=["title", "held_on", "year_from", "year_to"],
        unit=unit,
        verb=_("Hội nghị biểu dương"),
    )
    conference_honour(actor=actor, conference=conference, initiatives=honoured)
    return conference


@transaction.atomic
def conference_honour(*, actor, conference: PraiseConference, initiatives) -> int:
    """Add honoured models: effective, of the conference's period, in the actor's scope and the conference's
    area."""
    area = set(selectors.conference_area(conference).values_list("unit_id", flat=True))
    added = 0
    for initiative in initiatives:
        WORKFLOW.require(actor, initiative, "award")
        _check_recognizable(initiative, "honoured")
        if initiative.unit_id not in area:
            raise ValidationError({"honoured": _("“%(n)s” không thuộc địa bàn của hội nghị.") % {"n": initiative.name}})
        if not conference.year_from <= initiative.year <= conference.year_to:
            raise ValidationError(
                {
                    "honoured": _("“%(n)s” (năm %(y)s) nằm ngoài giai đoạn %(a)s–%(b)s.")
                    % {"n": initiative.name, "y": initiative.year, "a": conference.year_from, "b": conference.year_to}
                }
            )
        if conference.honoured.filter(pk=initiative.pk).exists():
            continue
        conference.honoured.add(initiative)
        _recognize(initiative, actor=actor, praise=True)
        added += 1
    if added:
        audit.record(
            actor=actor,
            obj=conference,
            action="update",
            unit=conference.unit,
            verb=_("Thêm mô hình được biểu dương"),
            changes={"honoured": [None, added]},
        )
    return added
