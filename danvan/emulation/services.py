"""Writes of the "Dân vận khéo" registry. Each function is one transaction, checks who may do it, refuses bad
input with a Vietnamese message tied to a form field (all the problems at once), and writes the audit trail
(which is also the initiative's history on its page).

The yearly cycle: đăng ký → đã duyệt | trả lại bổ sung (→ sửa, gửi lại → đăng ký) → đang triển khai (ra mắt)
→ đã sơ kết → đã đánh giá (hiệu quả / chưa hiệu quả / dừng thực hiện) → được biểu dương / được khen thưởng.
"""

import datetime
import os
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import audit, permissions
from danvan.core.models import Body, PartyOrg, Unit, UnitLevel
from danvan.core.permissions import Cap, require
from danvan.core.services.common import Errors, check_day, fmt, optional_text, required_text, save_versioned
from danvan.core.text import clean_text, fold, sort_key
from danvan.core.uploads import check_upload

from . import selectors
from .models import (
    REGISTRATION_ITEMS,
    Award,
    AwardForm,
    CriteriaSheet,
    Criterion,
    Evaluation,
    Field,
    Grade,
    Initiative,
    InitiativeAttachment,
    Kind,
    PraiseConference,
    Result,
    Score,
    State,
)

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


def today() -> datetime.date:
    return permissions.today()


def search_text(initiative: Initiative) -> str:
    return fold(" ".join([initiative.name, initiative.leader, initiative.method, initiative.area]))


# --- validation shared by the form and the Excel import ----------------------------------------------------


def check_values(data: dict, *, day: datetime.date | None = None) -> dict:
    """The registration values on their own (no database): lengths, year, dates, kind, links present.
    Returns the cleaned values; raises one ValidationError with every problem."""
    day = day or today()
    errors = Errors()
    cleaned = dict(data)
    year = data.get("year")
    if year in (None, ""):
        errors.add("year", _("Vui lòng nhập năm đăng ký."))
    else:
        try:
            year = int(year)
        except (TypeError, ValueError):
            errors.add("year", _("Năm đăng ký phải là số, ví dụ 2016."))
            year = None
        if year is not None and year > day.year:
            errors.add("year", _("Năm %(y)s chưa đến: chỉ đăng ký cho năm nay hoặc các năm trước.") % {"y": year})
        elif year is not None and year < EARLIEST_YEAR:
            errors.add("year", _("Phong trào bắt đầu từ năm %(y)s.") % {"y": EARLIEST_YEAR})
    cleaned["year"] = year
    try:
        name = clean_text(data.get("name"))
        if not name:
            raise ValidationError({"name": _("Vui lòng nhập tên mô hình, điển hình.")})
        cleaned["name"] = optional_text(name, "name", MAX_NAME)
    except ValidationError as error:
        errors.take(error)
    if data.get("kind") not in Kind.values:
        errors.add("kind", _("Vui lòng chọn loại: mô hình, điển hình tập thể hoặc điển hình cá nhân."))
    for key, message in (
        ("field", _("Vui lòng chọn lĩnh vực.")),
        ("unit", _("Vui lòng chọn địa bàn đăng ký.")),
        ("subject_type", _("Vui lòng chọn loại chủ thể.")),
        ("level", _("Vui lòng chọn cấp quản lý.")),
    ):
        if data.get(key) is None:
            errors.add(key, message)
    for key in ITEM_FIELDS:
        try:
            cleaned[key] = optional_text(data.get(key), key, MAX_TEXT, multiline=True)
        except ValidationError as error:
            errors.take(error)
    for key, limit in (("leader", 200), ("leader_phone", 30)):
        try:
            cleaned[key] = optional_text(data.get(key), key, limit)
        except ValidationError as error:
            errors.take(error)
    registered_on = data.get("registered_on")
    if registered_on is None:  # today for this year's registrations; records of past years: their 1 January
        registered_on = day if not year or year >= day.year else datetime.date(year, 1, 1)
    try:
        check_day(registered_on, "registered_on")
        if registered_on > day:
            errors.add("registered_on", _("Ngày đăng ký không được sau hôm nay."))
        elif year and registered_on.year > year:
            errors.add("registered_on", _("Ngày đăng ký phải trong năm %(y)s hoặc trước đó.") % {"y": year})
    except ValidationError as error:
        errors.take(error)
    cleaned["registered_on"] = registered_on
    launched_on = data.get("launched_on")
    try:
        check_day(launched_on, "launched_on")
        if launched_on and launched_on > day:
            errors.add("launched_on", _("Ngày ra mắt không được sau hôm nay."))
        elif launched_on and launched_on < registered_on:
            errors.add(
                "launched_on",
                _("Ngày ra mắt (%(l)s) không được trước ngày đăng ký (%(r)s).")
                % {"l": fmt(launched_on), "r": fmt(registered_on)},
            )
    except ValidationError as error:
        errors.take(error)
    cleaned["launched_on"] = launched_on
    errors.raise_if_any()
    return cleaned


def check_relations(cleaned: dict, *, instance: Initiative | None = None) -> None:
    """What needs the database: the field belongs to the unit's set for the year, the body or Party
    organisation belongs to the unit, the links point to the right years, no duplicate registration."""
    errors = Errors()
    unit: Unit = cleaned["unit"]
    year = cleaned["year"]
    field: Field = cleaned["field"]
    if unit.level.rank < 1:
        errors.add("unit", _("Chọn tỉnh, xã, thôn hoặc đơn vị cụ thể, không chọn cấp Trung ương."))
    if not selectors.fields_for(unit, year).filter(pk=field.pk).exists():
        errors.add(
            "field",
            _("Lĩnh vực “%(f)s” không thuộc bộ lĩnh vực áp dụng cho %(u)s năm %(y)s.")
            % {"f": field.name, "u": unit.full_name, "y": year},
        )
    body: Body | None = cleaned.get("body")
    if body is not None and body.unit_id != unit.pk:
        errors.add("body", _("Cơ quan, đoàn thể phải thuộc %(u)s.") % {"u": unit.full_name})
    org: PartyOrg | None = cleaned.get("party_org")
    if org is not None and org.unit_id != unit.pk:
        errors.add("party_org", _("Tổ chức đảng phải thuộc %(u)s.") % {"u": unit.full_name})
    if body is not None and org is not None:
        errors.add("party_org", _("Chọn cơ quan, đoàn thể hoặc tổ chức đảng, không chọn cả hai."))
    level: UnitLevel = cleaned["level"]
    if level.rank < 1:
        errors.add("level", _("Cấp quản lý là tỉnh, huyện, xã hoặc thôn."))
    origin: Initiative | None = cleaned.get("replicates")
    if origin is not None:
        if instance is not None and origin.pk == instance.pk:
            errors.add("replicates", _("Mô hình không thể nhân rộng từ chính nó."))
        elif origin.year > year:
            errors.add("replicates", _("Mô hình gốc phải đăng ký từ năm %(y)s trở về trước.") % {"y": year})
    previous: Initiative | None = cleaned.get("continues")
    if previous is not None:
        if previous.year >= year:
            errors.add("continues", _("Mô hình tiếp tục phải là mô hình của năm trước."))
        else:
            others = Initiative.objects.filter(continues=previous, year=year)
            if instance is not None:
                others = others.exclude(pk=instance.pk)
            if others.exists():
                errors.add(
                    "continues",
                    _("Mô hình “%(n)s” đã được đăng ký tiếp tục trong năm %(y)s.") % {"n": previous.name, "y": year},
                )
    if is_duplicate(unit=unit, year=year, name=cleaned["name"], body=body, party_org=org, exclude=instance):
        errors.add(
            "name",
            _("%(u)s đã đăng ký mô hình “%(n)s” năm %(y)s.")
            % {"u": body.name if body else unit.full_name, "n": cleaned["name"], "y": year},
        )
    errors.raise_if_any()


def is_duplicate(*, unit, year, name, body=None, party_org=None, exclude=None) -> bool:
    """Same registrant, year and name (accents, case and spaces aside)."""
    rows = Initiative.objects.filter(unit=unit, year=year, body=body, party_org=party_org)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    key = fold(name)
    return any(fold(other) == key for other in rows.values_list("name", flat=True))


def _require_register(actor, unit: Unit) -> None:
    if actor is not None and not permissions.can(actor, Cap.REGISTER_INITIATIVES, unit):
        raise PermissionDenied


def _require_manage(actor, initiative: Initiative) -> None:
    if actor is not None and not selectors.can_manage(actor, initiative):
        raise PermissionDenied


def _require_registrant_or_manager(actor, initiative: Initiative) -> None:
    if actor is None:
        return
    if not (
        permissions.can(actor, Cap.REGISTER_INITIATIVES, initiative.unit) or selectors.can_manage(actor, initiative)
    ):
        raise PermissionDenied


def _expect_state(initiative: Initiative, allowed, message: str) -> None:
    if initiative.state not in allowed:
        raise ValidationError(
            {"__all__": message + " " + _("Trạng thái hiện tại: %(s)s.") % {"s": initiative.get_state_display()}}
        )


def _save(initiative: Initiative, expected_version, fields: list[str], *, actor, before: dict, verb: str, reason=""):
    initiative.search_text = search_text(initiative)
    initiative.sort_key = sort_key(initiative.name)
    save_versioned(initiative, expected_version, [*fields, "search_text", "sort_key"])
    audit.record_update(
        actor=actor, obj=initiative, before=before, fields=TRACKED, unit=initiative.unit, verb=verb, reason=reason
    )


def _attach(initiative: Initiative, uploads, actor) -> None:
    for upload in uploads or ():
        check_upload(upload)
    for upload in uploads or ():
        InitiativeAttachment.objects.create(
            initiative=initiative,
            file=upload,
            name=os.path.basename(upload.name)[:255],
            size=upload.size,
            uploaded_by=actor if actor is not None and actor.is_authenticated else None,
        )


# --- registration -------------------------------------------------------------------------------------------


@transaction.atomic
def initiative_create(*, actor, attachments=None, **data) -> Initiative:
    """Đăng ký a model or exemplar. The registering unit must be in the actor's writable scope."""
    cleaned = check_values(data)
    _require_register(actor, cleaned["unit"])
    check_relations(cleaned)
    initiative = Initiative(**{k: cleaned.get(k) for k in EDITABLE})
    for key in ITEM_FIELDS + ["leader", "leader_phone"]:
        setattr(initiative, key, cleaned.get(key) or "")
    initiative.created_by = actor if actor is not None and actor.is_authenticated else None
    initiative.search_text = search_text(initiative)
    initiative.sort_key = sort_key(initiative.name)
    initiative.save()
    _attach(initiative, attachments, actor)
    audit.record_create(actor=actor, obj=initiative, fields=TRACKED, unit=initiative.unit, verb=_("Đăng ký mô hình"))
    return initiative


@transaction.atomic
def initiative_update(*, actor, initiative: Initiative, expected_version, **data) -> Initiative:
    """Correct a registration. The registering unit edits while it is registered or returned (a returned one
    goes back to "đăng ký" for approval); the committee may correct it at any stage."""
    manager = actor is None or selectors.can_manage(actor, initiative)
    if not manager:
        _require_register(actor, initiative.unit)
        _expect_state(
            initiative,
            (State.REGISTERED, State.RETURNED),
            _("Mô hình đã được duyệt: chỉ Ban Dân vận sửa được."),
        )
    cleaned = check_values(data, day=today())
    if cleaned["unit"].pk != initiative.unit_id and actor is not None:
        require(actor, Cap.MANAGE_EMULATION if manager else Cap.REGISTER_INITIATIVES, cleaned["unit"])
    check_relations(cleaned, instance=initiative)
    before = audit.snapshot(initiative, TRACKED)
    for key in EDITABLE:
        value = cleaned.get(key)
        setattr(initiative, key, "" if value is None and key in ITEM_FIELDS + ["leader", "leader_phone"] else value)
    fields = list(EDITABLE)
    verb = _("Sửa đăng ký")
    if initiative.state == State.RETURNED:
        initiative.state = State.REGISTERED
        fields.append("state")
        verb = _("Bổ sung, gửi lại đăng ký")
    _save(initiative, expected_version, fields, actor=actor, before=before, verb=verb)
    return initiative


def _transition(
    *, actor, initiative: Initiative, expected_version, allowed, to: str, fields: dict, verb: str, message: str
) -> Initiative:
    _expect_state(initiative, allowed, message)
    before = audit.snapshot(initiative, TRACKED)
    initiative.state = to
    for key, value in fields.items():
        setattr(initiative, key, value)
    _save(initiative, expected_version, ["state", *fields], actor=actor, before=before, verb=verb)
    return initiative


def _action_day(day, field: str, label: str, *, not_before: datetime.date | None = None, after_label: str = ""):
    if day is None:
        raise ValidationError({field: _("Vui lòng nhập %(l)s.") % {"l": label}})
    check_day(day, field)
    if day > today():
        raise ValidationError({field: _("%(l)s không được sau hôm nay.") % {"l": label.capitalize()}})
    if not_before is not None and day < not_before:
        raise ValidationError(
            {
                field: _("%(l)s không được trước %(a)s (%(d)s).")
                % {"l": label.capitalize(), "a": after_label, "d": fmt(not_before)}
            }
        )
    return day


@transaction.atomic
def initiative_approve(*, actor, initiative: Initiative, expected_version, on: datetime.date | None = None):
    _require_manage(actor, initiative)
    on = _action_day(
        on or today(), "on", _("ngày duyệt"), not_before=initiative.registered_on, after_label=_("ngày đăng ký")
    )
    return _transition(
        actor=actor,
        initiative=initiative,
        expected_version=expected_version,
        allowed=(State.REGISTERED,),
        to=State.APPROVED,
        fields={"approved_on": on, "returned_reason": ""},
        verb=_("Duyệt đăng ký"),
        message=_("Chỉ duyệt được mô hình đang chờ duyệt."),
    )


@transaction.atomic
def initiative_return(*, actor, initiative: Initiative, expected_version, reason: str):
    _require_manage(actor, initiative)
    reason = required_text(reason, "reason", MAX_TEXT)
    return _transition(
        actor=actor,
        initiative=initiative,
        expected_version=expected_version,
        allowed=(State.REGISTERED,),
        to=State.RETURNED,
        fields={"returned_reason": reason},
        verb=_("Trả lại bổ sung"),
        message=_("Chỉ trả lại được mô hình đang chờ duyệt."),
    )


@transaction.atomic
def initiative_launch(*, actor, initiative: Initiative, expected_version, launched_on: datetime.date | None):
    """Ra mắt: the model starts; from now on it is implementing."""
    _require_registrant_or_manager(actor, initiative)
    launched_on = _action_day(
        launched_on, "launched_on", _("ngày ra mắt"), not_before=initiative.registered_on, after_label=_("ngày đăng ký")
    )
    return _transition(
        actor=actor,
        initiative=initiative,
        expected_version=expected_version,
        allowed=(State.APPROVED,),
        to=State.IMPLEMENTING,
        fields={"launched_on": launched_on},
        verb=_("Ra mắt, triển khai"),
        message=_("Chỉ ra mắt được mô hình đã duyệt."),
    )


@transaction.atomic
def initiative_review(*, actor, initiative: Initiative, expected_version, reviewed_on, note: str):
    """Sơ kết (mid-year): what has been done so far."""
    _require_registrant_or_manager(actor, initiative)
    reviewed_on = _action_day(
        reviewed_on, "reviewed_on", _("ngày sơ kết"), not_before=initiative.launched_on, after_label=_("ngày ra mắt")
    )
    note = required_text(note, "note", MAX_TEXT)
    return _transition(
        actor=actor,
        initiative=initiative,
        expected_version=expected_version,
        allowed=(State.IMPLEMENTING,),
        to=State.REVIEWED,
        fields={"reviewed_on": reviewed_on, "review_note": note},
        verb=_("Sơ kết"),
        message=_("Chỉ sơ kết được mô hình đang triển khai."),
    )


@transaction.atomic
def initiative_conclude(*, actor, initiative: Initiative, expected_version, result: str, evaluated_on, note: str = ""):
    """Đánh giá (the committee's conclusion): hiệu quả, chưa hiệu quả or dừng thực hiện. A model may be stopped
    before its mid-year review; the others are judged after it."""
    _require_manage(actor, initiative)
    if result not in Result.values:
        raise ValidationError({"result": _("Vui lòng chọn kết quả đánh giá.")})
    allowed = (State.IMPLEMENTING, State.REVIEWED) if result == Result.STOPPED else (State.REVIEWED,)
    evaluated_on = _action_day(
        evaluated_on,
        "evaluated_on",
        _("ngày đánh giá"),
        not_before=initiative.reviewed_on or initiative.launched_on,
        after_label=_("ngày sơ kết") if initiative.reviewed_on else _("ngày ra mắt"),
    )
    note = optional_text(note, "note", MAX_TEXT, multiline=True)
    return _transition(
        actor=actor,
        initiative=initiative,
        expected_version=expected_version,
        allowed=allowed,
        to=State.EVALUATED,
        fields={"result": result, "evaluated_on": evaluated_on, "evaluation_note": note},
        verb=_("Đánh giá kết quả"),
        message=_("Chỉ đánh giá được mô hình đã sơ kết (hoặc dừng mô hình đang triển khai)."),
    )


@transaction.atomic
def initiative_attach(*, actor, initiative: Initiative, uploads) -> int:
    _require_registrant_or_manager(actor, initiative)
    if not uploads:
        raise ValidationError({"attachments": _("Vui lòng chọn tệp.")})
    _attach(initiative, uploads, actor)
    audit.record(
        actor=actor,
        obj=initiative,
        action="update",
        unit=initiative.unit,
        verb=_("Thêm tệp đính kèm"),
        changes={"attachments": [None, ", ".join(u.name for u in uploads)]},
    )
    return len(uploads)


# --- evaluation sheets --------------------------------------------------------------------------------------


def _decimal(value, field: str, label: str) -> Decimal:
    try:
        number = Decimal(str(value).replace(",", ".")) if value not in (None, "") else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise ValidationError({field: _("%(l)s phải là số.") % {"l": label}})
    return number


@transaction.atomic
def sheet_save(
    *,
    actor,
    sheet: CriteriaSheet | None = None,
    expected_version=None,
    name: str,
    unit: Unit | None,
    mode: str,
    kinds: list[str] | str = "",
    year_from,
    year_to=None,
    note: str = "",
    criteria: list[dict],
    grades: list[dict],
) -> CriteriaSheet:
    """Create or change a criteria sheet. `criteria`: [{text, max_score, weight, required}]; `grades`:
    [{min_total, label, result}] (scored sheets). A sheet already used by an evaluation keeps its criteria."""
    errors = Errors()
    if unit is None:
        raise ValidationError({"unit": _("Vui lòng chọn cấp ban hành.")})
    require(actor, Cap.MANAGE_EMULATION, unit)
    try:
        name = clean_text(name)
        if not name:
            raise ValidationError({"name": _("Vui lòng nhập tên bộ tiêu chí.")})
        name = optional_text(name, "name", 300)
    except ValidationError as error:
        errors.take(error)
    if mode not in CriteriaSheet.Mode.values:
        errors.add("mode", _("Vui lòng chọn cách đánh giá."))
    kinds = kinds if isinstance(kinds, str) else ",".join(kinds)
    if any(k.strip() not in Kind.values for k in kinds.split(",") if k.strip()):
        errors.add("kinds", _("Loại không hợp lệ."))
    if not year_from:
        errors.add("year_from", _("Vui lòng nhập năm bắt đầu áp dụng."))
    elif year_to and int(year_to) < int(year_from):
        errors.add("year_to", _("Năm kết thúc không được trước năm bắt đầu."))
    rows = []
    for index, row in enumerate(criteria, start=1):
        text = clean_text(row.get("text"))
        if not text:
            continue
        try:
            max_score = _decimal(
                row.get("max_score") or 1, "criteria", _("Điểm tối đa của tiêu chí %(i)s") % {"i": index}
            )
            weight = _decimal(row.get("weight") or 1, "criteria", _("Trọng số của tiêu chí %(i)s") % {"i": index})
            if max_score <= 0 or weight <= 0:
                raise ValidationError(
                    {"criteria": _("Tiêu chí %(i)s: điểm tối đa và trọng số phải lớn hơn 0.") % {"i": index}}
                )
        except ValidationError as error:
            errors.take(error)
            continue
        rows.append(
            Criterion(text=text[:500], max_score=max_score, weight=weight, required=bool(row.get("required", True)))
        )
    if not rows:
        errors.add("criteria", _("Bộ tiêu chí cần ít nhất một tiêu chí."))
    grade_rows = []
    for row in grades:
        label = clean_text(row.get("label"))
        if not label:
            continue
        try:
            minimum = _decimal(row.get("min_total"), "grades", _("Điểm sàn của xếp loại “%(l)s”") % {"l": label})
        except ValidationError as error:
            errors.take(error)
            continue
        if row.get("result") not in Result.values:
            errors.add("grades", _("Xếp loại “%(l)s”: chọn kết quả tương ứng.") % {"l": label})
            continue
        grade_rows.append(Grade(min_total=minimum, label=label[:100], result=row["result"]))
    if mode == CriteriaSheet.Mode.SCORED and not grade_rows:
        errors.add("grades", _("Bộ tiêu chí chấm điểm cần ít nhất một mức xếp loại."))
    if len({g.min_total for g in grade_rows}) != len(grade_rows):
        errors.add("grades", _("Hai mức xếp loại không được có cùng điểm sàn."))
    errors.raise_if_any()
    values = {
        "name": name,
        "unit": unit,
        "mode": mode,
        "kinds": kinds,
        "year_from": int(year_from),
        "year_to": int(year_to) if year_to else None,
        "note": optional_text(note, "note", 2000, multiline=True),
    }
    if sheet is None:
        sheet = CriteriaSheet.objects.create(**values)
        audit.record_create(actor=actor, obj=sheet, fields=list(values), unit=unit, verb=_("Ban hành bộ tiêu chí"))
    else:
        require(actor, Cap.MANAGE_EMULATION, sheet.unit)
        used = Evaluation.objects.filter(sheet=sheet).exists()
        before = audit.snapshot(sheet, list(values))
        old = [(c.text, c.max_score, c.weight, c.required) for c in sheet.criteria.all()]
        new = [(c.text, c.max_score, c.weight, c.required) for c in rows]
        if used and (old != new or mode != sheet.mode):
            raise ValidationError(
                {"criteria": _("Bộ tiêu chí đã được dùng để đánh giá: không sửa được tiêu chí, hãy tạo bộ mới.")}
            )
        for key, value in values.items():
            setattr(sheet, key, value)
        save_versioned(sheet, expected_version, list(values))
        audit.record_update(
            actor=actor, obj=sheet, before=before, fields=list(values), unit=unit, verb=_("Sửa bộ tiêu chí")
        )
        if not used:
            sheet.criteria.all().delete()
        sheet.grades.all().delete()
    if not sheet.criteria.exists():
        for position, criterion in enumerate(rows, start=1):
            criterion.sheet, criterion.position = sheet, position
        Criterion.objects.bulk_create(rows)
    for grade in grade_rows:
        grade.sheet = sheet
    Grade.objects.bulk_create(grade_rows)
    return sheet


def grade_for(sheet: CriteriaSheet, total: Decimal, all_required_passed: bool) -> tuple[str, str]:
    """(xếp loại, kết quả) for a total. Pass/fail sheets: Đạt when every required item passed."""
    if sheet.mode == CriteriaSheet.Mode.PASS_FAIL:
        if all_required_passed:
            return _("Đạt"), Result.EFFECTIVE
        return _("Không đạt"), Result.NOT_EFFECTIVE
    for grade in sorted(sheet.grades.all(), key=lambda g: g.min_total, reverse=True):
        if total >= grade.min_total:
            return grade.label, grade.result
    return _("Không xếp loại"), Result.NOT_EFFECTIVE


@transaction.atomic
def evaluation_create(
    *,
    actor,
    initiative: Initiative,
    sheet: CriteriaSheet,
    answers: dict,
    evaluated_on,
    evaluator_name: str = "",
    body: Body | None = None,
    comment: str = "",
    internal_note: str = "",
) -> Evaluation:
    """One evaluator fills a sheet for a model being implemented or reviewed. `answers` maps criterion ids to a
    score (scored sheets) or True/False (pass/fail). The weighted total and the grade are computed here."""
    if actor is not None and not selectors.can_evaluate(actor, initiative):
        raise PermissionDenied
    _expect_state(
        initiative,
        (State.IMPLEMENTING, State.REVIEWED, State.EVALUATED),
        _("Chỉ đánh giá được mô hình đang triển khai hoặc đã sơ kết."),
    )
    if sheet.pk not in {s.pk for s in selectors.sheets_for(initiative)}:
        raise ValidationError({"sheet": _("Bộ tiêu chí này không áp dụng cho mô hình (năm, loại hoặc cấp ban hành).")})
    evaluated_on = _action_day(
        evaluated_on,
        "evaluated_on",
        _("ngày đánh giá"),
        not_before=initiative.launched_on,
        after_label=_("ngày ra mắt"),
    )
    errors = Errors()
    scores, total, maximum, passed_required = [], Decimal(0), Decimal(0), True
    for criterion in sheet.criteria.all():
        value = answers.get(criterion.pk)
        field = f"c{criterion.pk}"
        if sheet.mode == CriteriaSheet.Mode.PASS_FAIL:
            if value is None or value == "":
                errors.add(field, _("Chọn đạt hoặc không đạt."))
                continue
            passed = value in (True, "1", "true", "dat", 1)
            total += 1 if passed else 0
            maximum += 1
            passed_required &= passed or not criterion.required
            scores.append(Score(criterion=criterion, passed=passed))
        else:
            try:
                score = _decimal(value, field, _("Điểm"))
            except ValidationError as error:
                errors.take(error)
                continue
            if not 0 <= score <= criterion.max_score:
                errors.add(field, _("Điểm từ 0 đến %(m)s.") % {"m": f"{criterion.max_score.normalize():f}"})
                continue
            total += score * criterion.weight
            maximum += criterion.max_score * criterion.weight
            scores.append(Score(criterion=criterion, score=score))
    try:
        comment = optional_text(comment, "comment", MAX_TEXT, multiline=True)
        internal_note = optional_text(internal_note, "internal_note", MAX_TEXT, multiline=True)
    except ValidationError as error:
        errors.take(error)
    errors.raise_if_any()
    grade, result = grade_for(sheet, total, passed_required)
    name = clean_text(evaluator_name) or (actor.get_full_name() or actor.get_username() if actor else _("Hệ thống"))
    evaluation = Evaluation.objects.create(
        initiative=initiative,
        sheet=sheet,
        evaluator=actor if actor is not None and actor.is_authenticated else None,
        evaluator_name=name[:200],
        body=body,
        evaluated_on=evaluated_on,
        total=total,
        maximum=maximum,
        grade=grade,
        result=result,
        comment=comment,
        internal_note=internal_note,
    )
    for score in scores:
        score.evaluation = evaluation
    Score.objects.bulk_create(scores)
    audit.record_create(
        actor=actor,
        obj=evaluation,
        fields=["sheet", "evaluator_name", "evaluated_on", "total", "grade", "result"],
        unit=initiative.unit,
        verb=_("Phiếu đánh giá"),
    )
    return evaluation


def proposed_result(initiative: Initiative) -> str:
    """The result most evaluators proposed (ties: the less favourable), to preselect in the conclusion."""
    counts: dict[str, int] = {}
    for result in initiative.evaluations.values_list("result", flat=True):
        counts[result] = counts.get(result, 0) + 1
    if not counts:
        return ""
    order = [Result.STOPPED, Result.NOT_EFFECTIVE, Result.EFFECTIVE]
    return max(order, key=lambda r: (counts.get(r, 0), -order.index(r)))


# --- recognition --------------------------------------------------------------------------------------------

RECOGNIZABLE = (State.EVALUATED, State.PRAISED, State.AWARDED)


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
    if initiative.state not in RECOGNIZABLE or initiative.result != Result.EFFECTIVE:
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
    _require_manage(actor, initiative)
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
        _require_manage(actor, initiative)
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
