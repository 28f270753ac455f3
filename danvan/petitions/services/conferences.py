"""Review conferences (Hội nghị sơ kết, đánh giá công tác chỉ đạo cơ sở): their record, the conclusion's tasks
and their follow-up at the next conference, and the carry-over of unresolved kiến nghị."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core import audit
from danvan.core.models import Unit
from danvan.core.permissions import Cap, require
from danvan.core.services.common import check_day, fmt, optional_text, required_text, save_versioned
from danvan.core.text import roman

from .. import selectors
from ..models import ConclusionFollowUp, ConclusionTask, ReviewConference
from .common import TRACKED, Action, _event, _save

# --- review conferences and carry-over ----------------------------------------------------------------------


LATEST_AFTER_QUARTER = 92  # a quarter's review may be held up to about a quarter after it ends
RECORD_FIELDS = {  # field -> (max length, multiline)
    "place": (300, False),
    "chair": (300, False),
    "agenda": (5000, True),
    "participants": (2000, True),
    "absentees": (2000, True),
    "opinions": (20000, True),
    "conclusion": (10000, True),
}


def _check_quarter(year, quarter, held_on) -> None:
    check_day(held_on, "held_on")
    if held_on is None:
        raise ValidationError({"held_on": _("Vui lòng nhập ngày họp.")})
    if quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": _("Quý phải từ 1 đến 4.")})
    if year is None or not 1900 <= year <= 2199:
        raise ValidationError({"year": _("Năm không hợp lệ.")})
    start = datetime.date(year, 3 * quarter - 2, 1)
    if held_on < start:
        raise ValidationError(
            {
                "held_on": _("Hội nghị đánh giá quý %(q)s/%(y)s không thể họp trước ngày %(d)s.")
                % {"q": roman(quarter), "y": year, "d": fmt(start)}
            }
        )
    end = datetime.date(year + quarter // 4, (3 * quarter) % 12 + 1, 1) - datetime.timedelta(days=1)
    if held_on > end + datetime.timedelta(days=LATEST_AFTER_QUARTER):
        raise ValidationError(
            {
                "held_on": _("Hội nghị đánh giá quý %(q)s/%(y)s phải họp trước ngày %(d)s.")
                % {"q": roman(quarter), "y": year, "d": fmt(end + datetime.timedelta(days=LATEST_AFTER_QUARTER + 1))}
            }
        )


def _record_values(values: dict) -> dict:
    return {
        name: optional_text(values.get(name, ""), name, length, multiline=multiline)
        for name, (length, multiline) in RECORD_FIELDS.items()
    }


@transaction.atomic
def conference_create(*, actor, unit: Unit | None, title: str, year, quarter, held_on, **record) -> ReviewConference:
    """Convene a review conference of a committee for a quarter (its record may be filled in later)."""
    if unit is None:
        raise ValidationError({"unit": _("Vui lòng chọn cấp ủy.")})
    require(actor, Cap.ROUTE_PETITIONS, unit)
    unknown = set(record) - set(RECORD_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _check_quarter(year, quarter, held_on)
    conference = ReviewConference.objects.create(
        unit=unit,
        title=required_text(title, "title", 300),
        year=year,
        quarter=quarter,
        held_on=held_on,
        **_record_values(record),
    )
    audit.record_create(actor=actor, obj=conference, fields=["title", "year", "quarter", "held_on"], unit=unit)
    return conference


@transaction.atomic
def conference_update(
    *, actor, conference: ReviewConference, expected_version, title: str, held_on, **record
) -> ReviewConference:
    """The conference's record: title, day, place, chair, agenda, who came and who did not, the opinions and the
    conclusion. A stale form is refused (the version)."""
    require(actor, Cap.ROUTE_PETITIONS, conference.unit)
    unknown = set(record) - set(RECORD_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _check_quarter(conference.year, conference.quarter, held_on)
    if held_on != conference.held_on:
        if conference.tasks.exists() or conference.follow_up_log.exists():
            raise ValidationError(
                {"held_on": _("Hội nghị đã giao hoặc đã kiểm điểm nhiệm vụ: không đổi được ngày họp.")}
            )
        others = ReviewConference.objects.filter(unit=conference.unit).exclude(pk=conference.pk)
        before = others.filter(held_on__lte=conference.held_on).filter(held_on__gt=held_on)
        after = others.filter(held_on__gte=conference.held_on).filter(held_on__lt=held_on)
        if before.exists() or after.exists():
            raise ValidationError(
                {"held_on": _("Ngày họp mới làm đảo thứ tự với hội nghị khác của cấp ủy: hãy chọn ngày khác.")}
            )
    fields = ["title", "held_on", *RECORD_FIELDS]
    before = audit.snapshot(conference, fields)
    conference.title = required_text(title, "title", 300)
    conference.held_on = held_on
    for name, value in _record_values(record).items():
        setattr(conference, name, value)
    save_versioned(conference, expected_version, fields)
    audit.record_update(actor=actor, obj=conference, before=before, fields=fields, unit=conference.unit)
    return conference


def _owner_checks(conference, owner_body, owner_person) -> None:
    if owner_body is None and owner_person is None:
        raise ValidationError({"owner_body": _("Nhiệm vụ phải có cơ quan chủ trì hoặc người phụ trách.")})
    day = conference.held_on
    if owner_body is not None and not (
        owner_body.valid_from <= day and (owner_body.valid_to is None or owner_body.valid_to >= day)
    ):
        raise ValidationError(
            {
                "owner_body": _("Cơ quan %(b)s không còn hoạt động vào ngày họp %(d)s.")
                % {"b": owner_body, "d": fmt(day)}
            }
        )


@transaction.atomic
def conclusion_task_add(
    *, actor, conference: ReviewConference, content: str, due_on, owner_body=None, owner_person=None
) -> ConclusionTask:
    """A line of the conclusion becomes a task with an owner and a due date, followed up at a later conference."""
    require(actor, Cap.ROUTE_PETITIONS, conference.unit)
    content = required_text(content, "content", 2000)
    check_day(due_on, "due_on")
    if due_on is None:
        raise ValidationError({"due_on": _("Vui lòng nhập thời hạn.")})
    if due_on < conference.held_on:
        raise ValidationError(
            {"due_on": _("Thời hạn không thể trước ngày họp %(d)s.") % {"d": fmt(conference.held_on)}}
        )
    _owner_checks(conference, owner_body, owner_person)
    position = (conference.tasks.aggregate(top=Max("position"))["top"] or 0) + 1
    task = ConclusionTask.objects.create(
        conference=conference,
        position=position,
        content=content,
        due_on=due_on,
        owner_body=owner_body,
        owner_person=owner_person,
    )
    audit.record_create(
        actor=actor, obj=task, fields=["content", "owner_body", "owner_person", "due_on"], unit=conference.unit
    )
    return task


FOLLOW_UP_CHOICES = (ConclusionTask.Status.DONE, ConclusionTask.Status.NOT_DONE)


@transaction.atomic
def conclusion_task_follow_up(
    *, actor, task: ConclusionTask, at: ReviewConference, status: str, done_on=None, note: str = "", expected_version
) -> ConclusionTask:
    """What became of a task, recorded at a later conference of the same committee: done (on a day; after the due
    date it counts as done late) or not done (it stays open for the next conference). Each conference keeps what
    it recorded; the task shows what the latest one found."""
    require(actor, Cap.ROUTE_PETITIONS, at.unit)
    source = task.conference
    if at.unit_id != source.unit_id or (at.held_on, at.pk) <= (source.held_on, source.pk):
        raise ValidationError({"__all__": _("Nhiệm vụ chỉ được kiểm điểm tại một hội nghị sau của cùng cấp ủy.")})
    done = (ConclusionTask.Status.DONE, ConclusionTask.Status.DONE_LATE)
    log = task.follow_up_log.exclude(conference=at)
    before_at = Q(conference__held_on__lt=at.held_on) | Q(conference__held_on=at.held_on, conference_id__lt=at.pk)
    if log.filter(before_at, status__in=done).exists():
        raise ValidationError({"__all__": _("Nhiệm vụ này đã được kiểm điểm là hoàn thành tại một hội nghị trước.")})
    if log.exclude(before_at).exists():
        raise ValidationError(
            {"__all__": _("Nhiệm vụ này đã được kiểm điểm tại một hội nghị sau: sửa kết quả tại hội nghị đó.")}
        )
    found_open = log.filter(before_at).order_by("-conference__held_on", "-conference_id").first()
    if status not in FOLLOW_UP_CHOICES:
        raise ValidationError({"status": _("Vui lòng chọn kết quả thực hiện.")})
    if status == ConclusionTask.Status.DONE:
        check_day(done_on, "done_on")
        if done_on is None:
            raise ValidationError({"done_on": _("Vui lòng nhập ngày hoàn thành.")})
        earliest = found_open.conference.held_on + datetime.timedelta(days=1) if found_open else source.held_on
        if done_on < earliest or done_on > at.held_on:
            raise ValidationError(
                {
                    "done_on": _("Ngày hoàn thành phải từ %(a)s đến ngày họp %(b)s.")
                    % {"a": fmt(earliest), "b": fmt(at.held_on)}
                }
            )
        status = ConclusionTask.Status.DONE if done_on <= task.due_on else ConclusionTask.Status.DONE_LATE
    else:
        status, done_on = ConclusionTask.Status.NOT_DONE, None
    ConclusionFollowUp.objects.update_or_create(
        task=task,
        conference=at,
        defaults={"status": status, "done_on": done_on, "note": optional_text(note, "note", 2000, multiline=True)},
    )
    latest = task.follow_up_log.select_related("conference").order_by("-conference__held_on", "-conference_id")[0]
    fields = ["status", "done_on", "followed_up_at", "follow_up_note"]
    before = audit.snapshot(task, fields)
    task.status, task.done_on = latest.status, latest.done_on
    task.followed_up_at, task.follow_up_note = latest.conference, latest.note
    save_versioned(task, expected_version, fields)
    audit.record_update(
        actor=actor,
        obj=task,
        before=before,
        fields=fields,
        unit=at.unit,
        verb=_("Kiểm điểm nhiệm vụ tại %(c)s") % {"c": at.title},
    )
    return task


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
