"""Criteria sheets and evaluations."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import audit
from danvan.core.models import Body, Unit
from danvan.core.permissions import Cap, require
from danvan.core.services.common import Errors, optional_text, save_versioned
from danvan.core.text import clean_text

from .. import selectors
from ..models import CriteriaSheet, Criterion, Evaluation, Grade, Initiative, Kind, Result, Score
from ..workflow import WORKFLOW
from .common import MAX_TEXT
from .registration import _action_day

# --- evaluation sheets --------------------------------------------------------------------------------------


def _decimal(value, field: str, label: str) -> Decimal:
    try:
        number = Decimal(str(value).replace(",", ".")) if value not in (None, "") else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise ValidationError({field: _("%(l)s phải là số.") % {"l": label}})
    return number


def _sheet_values(
    actor,
    *,
    name: str,
    unit: Unit | None,
    mode: str,
    kinds: list[str] | str,
    year_from,
    year_to,
    note: str,
    criteria: list[dict],
    grades: list[dict],
) -> tuple[dict, list[Criterion], list[Grade]]:
    """The sheet's values, criteria and grades, every problem at once. `criteria`: [{text, max_score, weight,
    required}]; `grades`: [{min_total, label, result}] (scored sheets need at least one)."""
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
    return values, rows, grade_rows


def _sheet_rows(sheet: CriteriaSheet, rows: list[Criterion], grade_rows: list[Grade]) -> None:
    """Criteria go in unless the sheet kept its own (already used); grades always go in."""
    if not sheet.criteria.exists():
        for position, criterion in enumerate(rows, start=1):
            criterion.sheet, criterion.position = sheet, position
        Criterion.objects.bulk_create(rows)
    for grade in grade_rows:
        grade.sheet = sheet
    Grade.objects.bulk_create(grade_rows)


@transaction.atomic
def sheet_create(
    *,
    actor,
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
    """Issue a criteria sheet (its criteria, and the grades of a scored sheet) at a unit the actor manages."""
    values, rows, grade_rows = _sheet_values(
        actor,
        name=name,
        unit=unit,
        mode=mode,
        kinds=kinds,
        year_from=year_from,
        year_to=year_to,
        note=note,
        criteria=criteria,
        grades=grades,
    )
    sheet = CriteriaSheet.objects.create(**values)
    audit.record_create(actor=actor, obj=sheet, fields=list(values), unit=unit, verb=_("Ban hành bộ tiêu chí"))
    _sheet_rows(sheet, rows, grade_rows)
    return sheet


@transaction.atomic
def sheet_update(
    *,
    actor,
    sheet: CriteriaSheet,
    expected_version: int | None,
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
    """Change a criteria sheet. A sheet already used by an evaluation keeps its criteria and its mode."""
    values, rows, grade_rows = _sheet_values(
        actor,
        name=name,
        unit=unit,
        mode=mode,
        kinds=kinds,
        year_from=year_from,
        year_to=year_to,
        note=note,
        criteria=criteria,
        grades=grades,
    )
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
    _sheet_rows(sheet, rows, grade_rows)
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
    WORKFLOW.require(actor, initiative, "evaluate")
    WORKFLOW.expect(initiative, "evaluate")
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
        evaluator=actor,
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
