"""People's inspection boards and their inspections."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from danvan.core import access, audit
from danvan.core.models import Position, Unit, UnitVersion
from danvan.core.permissions import Cap
from danvan.core.services.common import Errors, fmt, save_versioned
from danvan.core.text import clean_text, fold

from ..models import BoardMember, Inspection, InspectionBoard
from ..selectors import parent_on
from .common import (
    MAX_NAME,
    MAX_TEXT,
    MAX_TITLE,
    _check_commune,
    _days,
    _exists_on,
    _not_future,
    _require,
    _searchable,
    _text,
    _user,
    add_months,
    rule_set_on,
)

# --- People's inspection boards -----------------------------------------------------------------------------


BOARD_TITLES = ("thanh tra nhan dan", "giam sat dau tu cua cong dong")


def commune_officials(commune: Unit, day: datetime.date) -> dict[str, str]:
    """Folded name -> position title of everyone holding a position in the commune or one of its villages (as
    of `day`) on `day`: commune officials and part-time officers at commune and village level. Seats on the
    people's boards themselves are not such positions."""
    villages = UnitVersion.objects.valid_on(day).filter(parent=commune).values("unit_id")
    positions = Position.objects.valid_on(day).filter(Q(unit=commune) | Q(unit__in=villages))
    return {
        fold(p.person.full_name): f"{p.title} ({p.unit.name})"
        for p in positions.select_related("person", "unit")
        if not any(title in fold(p.title) for title in BOARD_TITLES)
    }


def _member_rows(errors: Errors, members, commune: Unit | None, day) -> list[dict]:
    rows = []
    for row in members or []:
        name = clean_text(row.get("full_name"))
        if not name:
            continue
        if len(name) > MAX_NAME:
            errors.add("members", _("Tên thành viên tối đa %(n)s ký tự.") % {"n": MAX_NAME})
            continue
        role = row.get("role") or BoardMember.Role.MEMBER
        if role not in BoardMember.Role.values:
            errors.add("members", _("Chức danh không hợp lệ."))
            continue
        village = row.get("village")
        if village is not None and commune is not None and parent_on(village, day) != commune:
            errors.add("members", _("%(v)s không thuộc %(c)s.") % {"v": village.full_name, "c": commune.full_name})
        rows.append({"full_name": name, "role": role, "village": village, "person": row.get("person")})
    if commune is not None and day is not None:
        officials = commune_officials(commune, day)
        for row in rows:
            person = row["person"]
            key = fold(row["full_name"])
            title = officials.get(key)
            if person is not None and title is None:
                title = officials.get(fold(person.full_name))
            if title:
                errors.add(
                    "members",
                    _(
                        "%(n)s đang giữ chức vụ %(t)s: cán bộ, công chức, người hoạt động không chuyên trách ở xã, "
                        "thôn không được là thành viên Ban Thanh tra nhân dân."
                    )
                    % {"n": row["full_name"], "t": title},
                )
    heads = sum(1 for row in rows if row["role"] == BoardMember.Role.HEAD)
    if heads > 1:
        errors.add("members", _("Ban chỉ có một Trưởng ban."))
    return rows


@transaction.atomic
def board_create(
    *, actor, unit: Unit, elected_on, term_from=None, recognised_on=None, note: str = "", members=()
) -> InspectionBoard:
    """Ban Thanh tra nhân dân for one term: at least the rule set's minimum of members (5), none of them a
    commune or village official; the term runs for the village heads' term from its start."""
    errors = Errors()
    _check_commune(unit, errors)
    term_from = term_from or elected_on
    _days(errors, elected_on=elected_on, term_from=term_from, recognised_on=recognised_on)
    if elected_on is None:
        errors.add("elected_on", _("Vui lòng nhập ngày bầu."))
    _not_future(elected_on, "elected_on", errors)
    if recognised_on and elected_on and recognised_on < elected_on:
        errors.add("recognised_on", _("Ngày công nhận không được trước ngày bầu."))
    rule_set = None
    if term_from:
        try:
            rule_set = rule_set_on(term_from, "elected_on")
        except ValidationError as error:
            errors.take(error)
    rows = _member_rows(errors, members, unit if unit is not None and unit.level.code == "commune" else None, term_from)
    if rule_set is not None and len(rows) < rule_set.board_min_members:
        errors.add(
            "members",
            _("Ban Thanh tra nhân dân phải có ít nhất %(n)s thành viên (đang có %(m)s).")
            % {"n": rule_set.board_min_members, "m": len(rows)},
        )
    _exists_on(unit, term_from, errors, "unit")
    note = _text(errors, note, "note", 2000, multiline=True)
    if unit is not None and term_from and not errors.messages:
        overlapping = InspectionBoard.objects.filter(unit=unit, term_from__lte=term_from, term_to__gte=term_from)
        if overlapping.exists():
            errors.add("elected_on", _("Xã đã có Ban Thanh tra nhân dân trong nhiệm kỳ này."))
    errors.raise_if_any()
    _require(actor, Cap.MANAGE_INSPECTION, unit)
    term_to = add_months(term_from, rule_set.board_term_months) - datetime.timedelta(days=1)
    board = InspectionBoard(
        unit=unit,
        rule_set=rule_set,
        elected_on=elected_on,
        term_from=term_from,
        term_to=term_to,
        recognised_on=recognised_on,
        note=note,
        created_by=_user(actor),
    )
    _searchable(board, unit.name)
    board.save()
    BoardMember.objects.bulk_create([BoardMember(board=board, position=i, **row) for i, row in enumerate(rows)])
    audit.record_create(
        actor=actor,
        obj=board,
        fields=["unit", "elected_on", "term_from", "term_to", "recognised_on"],
        unit=unit,
    )
    return board


def plan_deadline(starts_on: datetime.date, working_days: int, calendar_=None) -> datetime.date:
    """The last day a plan may be sent: `working_days` full working days before the inspection starts.
    `calendar_` (a loaded `WorkCalendar` covering those days) saves the query when many are evaluated."""
    from danvan.core.workdays import WorkCalendar

    if calendar_ is None:
        calendar_ = WorkCalendar.load(starts_on - datetime.timedelta(days=working_days * 3 + 20), starts_on)
    day, left = starts_on, working_days
    while left > 0:
        day -= datetime.timedelta(days=1)
        if calendar_.is_working_day(day):
            left -= 1
    return day


@transaction.atomic
def inspection_create(*, actor, board: InspectionBoard, subject: str, inspected: str, sent_on, starts_on) -> Inspection:
    access.require(actor, "change", board)
    errors = Errors()
    subject = _text(errors, subject, "subject", MAX_TITLE, required=True)
    inspected = _text(errors, inspected, "inspected", MAX_TITLE, required=True)
    _days(errors, sent_on=sent_on, starts_on=starts_on)
    if sent_on is None:
        errors.add("sent_on", _("Vui lòng nhập ngày gửi kế hoạch."))
    if starts_on is None:
        errors.add("starts_on", _("Vui lòng nhập ngày bắt đầu kiểm tra."))
    if sent_on and starts_on and starts_on < sent_on:
        errors.add("starts_on", _("Ngày kiểm tra không được trước ngày gửi kế hoạch."))
    _not_future(sent_on, "sent_on", errors)
    if starts_on and not board.term_from <= starts_on <= board.term_to:
        errors.add(
            "starts_on",
            _("Ngoài nhiệm kỳ của Ban (%(a)s – %(b)s).") % {"a": fmt(board.term_from), "b": fmt(board.term_to)},
        )
    errors.raise_if_any()
    inspection = Inspection.objects.create(
        board=board,
        subject=subject,
        inspected=inspected,
        sent_on=sent_on,
        starts_on=starts_on,
        created_by=_user(actor),
    )
    audit.record_create(
        actor=actor, obj=inspection, fields=["subject", "inspected", "sent_on", "starts_on"], unit=board.unit
    )
    return inspection


@transaction.atomic
def inspection_result(
    *, actor, inspection: Inspection, expected_version: int, result_on, findings: str, raise_petition: bool = False
) -> Inspection:
    """Record what the inspection found; with `raise_petition` the findings become a kiến nghị of the commune
    (source: Ban Thanh tra nhân dân) in the same transaction."""
    board = inspection.board
    access.require(actor, "change", board)
    errors = Errors()
    findings = _text(errors, findings, "findings", MAX_TEXT, required=True, multiline=True)
    _days(errors, result_on=result_on)
    if result_on is None:
        errors.add("result_on", _("Vui lòng nhập ngày có kết quả."))
    elif result_on < inspection.starts_on:
        errors.add("result_on", _("Không được trước ngày bắt đầu kiểm tra (%(d)s).") % {"d": fmt(inspection.starts_on)})
    _not_future(result_on, "result_on", errors)
    if raise_petition and inspection.petition_id:
        errors.add("raise_petition", _("Kết quả này đã được chuyển thành kiến nghị."))
    errors.raise_if_any()
    fields = ["result_on", "findings", "petition"]
    before = audit.snapshot(inspection, fields)
    inspection.result_on, inspection.findings = result_on, findings
    if raise_petition:
        from danvan.petitions import services as petitions

        content = _("Ban Thanh tra nhân dân %(u)s kiến nghị sau kiểm tra “%(s)s”: %(f)s") % {
            "u": board.unit.name,
            "s": inspection.subject,
            "f": findings,
        }
        (inspection.petition,) = petitions.petitions_raise(
            actor=actor,
            origin=inspection,
            label=_("Kết quả kiểm tra “%(s)s”") % {"s": inspection.subject},
            source="inspection_board",
            items=[petitions.Raised("recommendation", content, board.unit, result_on)],
            raised_by=_("Ban Thanh tra nhân dân %(u)s") % {"u": board.unit.name},
        )
    save_versioned(inspection, expected_version, fields)
    audit.record_update(actor=actor, obj=inspection, before=before, fields=fields, unit=board.unit)
    return inspection
