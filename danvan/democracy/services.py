"""Writes of grassroots democracy. Each function is one transaction, checks who may do it and the rules in
force on the record's date, refuses bad input with Vietnamese messages tied to form fields (all problems at
once where they are independent), and writes the audit trail.
"""

import calendar
import datetime
import os

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from danvan.core import audit, permissions
from danvan.core.models import Body, Position, Unit, UnitVersion
from danvan.core.permissions import Cap, today
from danvan.core.services.common import Errors, check_day, fmt, optional_text, required_text, save_versioned
from danvan.core.text import clean_text, fold, sort_key
from danvan.core.uploads import check_upload

from .models import (
    RECOGNISER_BODY,
    Attachment,
    BoardMember,
    CommunityDecision,
    Consultation,
    DecisionMatter,
    Dialogue,
    Disclosure,
    Inspection,
    InspectionBoard,
    RuleSet,
    Scope,
    VoteRule,
)

MAX_TITLE = 300
MAX_TEXT = 5000
MAX_NAME = 200


# --- shared --------------------------------------------------------------------------------------------------


def rule_set_on(day: datetime.date, field: str = "held_on") -> RuleSet:
    rule_set = RuleSet.objects.valid_on(day).order_by("-valid_from").first()
    if rule_set is None:
        raise ValidationError(
            {field: _("Chưa có văn bản quy định dân chủ ở cơ sở áp dụng cho ngày %(d)s.") % {"d": fmt(day)}}
        )
    return rule_set


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def parent_on(unit: Unit, day: datetime.date | None) -> Unit | None:
    """The unit's parent as of `day` (its version valid then), e.g. a village of a commune merged since."""
    if day is not None:
        version = unit.versions.valid_on(day).select_related("parent__type", "parent__level").first()
        if version is not None:
            return version.parent
    return unit.parent


def commune_of(unit: Unit, day: datetime.date | None = None) -> Unit:
    """The commune a village belonged to on `day` (itself for a commune)."""
    if unit.level.code == "village":
        return parent_on(unit, day) or unit
    return unit


def _require(actor, cap: Cap, unit: Unit) -> None:
    """Records are history: they may be written on units that no longer exist (a 2016 commune)."""
    if actor is not None and not permissions.can(actor, cap, unit, allow_past=True):
        raise PermissionDenied


def _check_commune(unit, errors: Errors, field: str = "unit") -> None:
    if unit is None:
        errors.add(field, _("Vui lòng chọn xã (phường, thị trấn)."))
    elif unit.level.code != "commune":
        errors.add(field, _("Phải chọn một xã (phường, thị trấn)."))


def _exists_on(unit: Unit, day: datetime.date | None, errors: Errors, field: str) -> None:
    if unit is not None and day is not None and not unit.is_valid_on(day):
        errors.add(
            field,
            _("%(u)s không tồn tại vào ngày %(d)s (hiệu lực %(a)s – %(b)s).")
            % {"u": unit.full_name, "d": fmt(day), "a": fmt(unit.valid_from), "b": fmt(unit.valid_to) or "…"},
        )


def _not_future(day, field: str, errors: Errors) -> None:
    if day is not None and day > today():
        errors.add(field, _("Ngày %(d)s chưa tới.") % {"d": fmt(day)})


def _text(errors: Errors, value, field: str, max_length: int, *, required: bool = False, multiline: bool = False):
    try:
        if required:
            return required_text(value, field, max_length) if multiline else _required_line(value, field, max_length)
        return optional_text(value, field, max_length, multiline=multiline)
    except ValidationError as error:
        errors.take(error)
        return ""


def _required_line(value, field: str, max_length: int) -> str:
    text = clean_text(value)
    if not text:
        raise ValidationError({field: _("Vui lòng nhập nội dung.")})
    return optional_text(text, field, max_length)


def _count(errors: Errors, value, field: str) -> int:
    if value is None or value == "":
        errors.add(field, _("Vui lòng nhập số."))
        return 0
    if not isinstance(value, int) or value < 0:
        errors.add(field, _("Phải là số nguyên không âm."))
        return 0
    if value > 10_000_000:
        errors.add(field, _("Số quá lớn."))
        return 0
    return value


def _days(errors: Errors, **days) -> None:
    for field, day in days.items():
        try:
            check_day(day, field)
        except ValidationError as error:
            errors.take(error)


def _searchable(obj, *texts) -> None:
    obj.search_text = fold(" ".join(t for t in texts if t))
    obj.sort_key = sort_key(texts[0] if texts else "")


def _attach(obj, uploads, actor, field: str = "attachments") -> None:
    for upload in uploads or ():
        check_upload(upload, field)
    kind = ContentType.objects.get_for_model(type(obj))
    for upload in uploads or ():
        Attachment.objects.create(
            content_type=kind,
            object_id=obj.pk,
            file=upload,
            name=os.path.basename(upload.name)[:255],
            size=upload.size,
            uploaded_by=actor if actor is not None and actor.is_authenticated else None,
        )


def _same_rule_set(errors: Errors, rule_set: RuleSet, field: str, *refs) -> None:
    for ref in refs:
        if ref is not None and ref.rule_set_id != rule_set.pk:
            errors.add(
                field,
                _("“%(x)s” thuộc %(other)s, không áp dụng vào ngày này; theo %(rs)s, vui lòng chọn lại.")
                % {"x": str(ref)[:80], "other": ref.rule_set.short_name, "rs": rule_set.short_name},
            )
            return


@transaction.atomic
def attachment_add(*, actor, obj, cap: Cap, uploads) -> None:
    _require(actor, cap, obj.unit)
    if not uploads:
        raise ValidationError({"attachments": _("Vui lòng chọn tệp.")})
    _attach(obj, uploads, actor)
    audit.record_update(
        actor=actor,
        obj=obj,
        before={},
        fields=[],
        unit=obj.unit,
        verb=_("Thêm tệp: %(n)s") % {"n": ", ".join(os.path.basename(u.name) for u in uploads)[:200]},
    )


# --- Disclosures --------------------------------------------------------------------------------------------

DISCLOSURE_FIELDS = ["unit", "item", "title", "started_on", "ended_on", "loudspeaker_days", "place", "done_by", "note"]


def _disclosure_values(errors: Errors, data: dict) -> dict:
    unit, item = data.get("unit"), data.get("item")
    started, ended = data.get("started_on"), data.get("ended_on")
    forms = list(data.get("forms") or [])
    _check_commune(unit, errors)
    _days(errors, started_on=started, ended_on=ended)
    if started is None:
        errors.add("started_on", _("Vui lòng nhập ngày bắt đầu công khai."))
    if ended is None:
        errors.add("ended_on", _("Vui lòng nhập ngày kết thúc công khai."))
    if started and ended and ended < started:
        errors.add(
            "ended_on",
            _("Ngày kết thúc (%(e)s) không được trước ngày bắt đầu (%(s)s).") % {"e": fmt(ended), "s": fmt(started)},
        )
    _not_future(started, "started_on", errors)
    rule_set = None
    if started:
        try:
            rule_set = rule_set_on(started, "started_on")
        except ValidationError as error:
            errors.take(error)
    if item is None:
        errors.add("item", _("Vui lòng chọn nội dung công khai."))
    elif rule_set is not None:
        _same_rule_set(errors, rule_set, "item", item)
    if not forms:
        errors.add("forms", _("Vui lòng chọn ít nhất một hình thức công khai."))
    elif item is not None:
        allowed = set(item.forms.values_list("pk", flat=True))
        wrong = [f.name for f in forms if f.pk not in allowed]
        if wrong:
            errors.add("forms", _("Hình thức không áp dụng cho nội dung này: %(f)s.") % {"f": "; ".join(wrong)})
    loudspeaker = any(f.is_loudspeaker for f in forms)
    days = data.get("loudspeaker_days")
    if loudspeaker and not days:
        errors.add("loudspeaker_days", _("Vui lòng nhập số ngày liên tục phát trên loa truyền thanh."))
    if not loudspeaker and days:
        errors.add("loudspeaker_days", _("Chưa chọn hình thức loa truyền thanh."))
    if days and started and ended and days > (ended - started).days + 1:
        errors.add("loudspeaker_days", _("Số ngày trên loa vượt quá thời gian công khai."))
    _exists_on(unit, started, errors, "unit")
    return {
        "unit": unit,
        "item": item,
        "rule_set": rule_set,
        "title": _text(errors, data.get("title"), "title", MAX_TITLE, required=True),
        "started_on": started,
        "ended_on": ended,
        "loudspeaker_days": days if loudspeaker else None,
        "place": _text(errors, data.get("place"), "place", 300),
        "done_by": _text(errors, data.get("done_by"), "done_by", MAX_NAME),
        "note": _text(errors, data.get("note"), "note", 2000, multiline=True),
        "forms": forms,
    }


# --- Community decisions ------------------------------------------------------------------------------------

DECISION_FIELDS = [
    "place",
    "matter",
    "title",
    "form",
    "held_on",
    "basis",
    "total",
    "present",
    "votes_for",
    "votes_against",
    "method",
    "counting_team",
    "chair",
    "secretary",
    "minutes",
    "passed",
    "dismissal",
    "plan_on",
    "team_on",
    "notice_on",
    "dismissal_on",
    "candidates",
    "elected",
]


def vote_rule_for(matter: DecisionMatter, scope: str, day: datetime.date) -> VoteRule | None:
    rules = VoteRule.objects.valid_on(day).filter(matter=matter)
    return rules.filter(scope=scope).first() or rules.filter(scope=Scope.VILLAGE).first()


def _team(value) -> list[str]:
    if isinstance(value, str):
        value = value.replace(";", "\n").splitlines()
    return [clean_text(name) for name in (value or []) if clean_text(name)]


def _decision_values(errors: Errors, data: dict) -> dict:
    place, matter, held = data.get("place"), data.get("matter"), data.get("held_on")
    form = data.get("form") or CommunityDecision.Form.MEETING
    method = data.get("method") or CommunityDecision.Method.HANDS
    basis = data.get("basis") or "households"
    if place is None:
        errors.add("place", _("Vui lòng chọn thôn (tổ dân phố) hoặc xã."))
    elif place.level.code not in ("village", "commune"):
        errors.add("place", _("Phải chọn một thôn (tổ dân phố) hoặc một xã."))
    _days(errors, held_on=held)
    if held is None:
        errors.add("held_on", _("Vui lòng nhập ngày biểu quyết."))
    _not_future(held, "held_on", errors)
    rule_set = rule = None
    if held is not None:
        try:
            rule_set = rule_set_on(held)
        except ValidationError as error:
            errors.take(error)
    if matter is None:
        errors.add("matter", _("Vui lòng chọn nội dung biểu quyết."))
    elif rule_set is not None:
        _same_rule_set(errors, rule_set, "matter", matter)
    if form not in CommunityDecision.Form.values:
        errors.add("form", _("Hình thức không hợp lệ."))
    elif matter is not None:
        allowed = {
            CommunityDecision.Form.MEETING: matter.allows_meeting,
            CommunityDecision.Form.FORMS: matter.allows_forms,
            CommunityDecision.Form.ONLINE: matter.allows_online,
        }
        if not allowed[form]:
            if form == CommunityDecision.Form.ONLINE:
                errors.add(
                    "form",
                    _(
                        "Biểu quyết trực tuyến chỉ áp dụng cho “các công việc tự quản khác”; nội dung này phải "
                        "họp hoặc phát phiếu lấy ý kiến hộ gia đình."
                    ),
                )
            else:
                errors.add("form", _("Hình thức này không áp dụng cho nội dung đã chọn."))
    if basis not in ("households", "voters"):
        errors.add("basis", _("Cơ sở tính không hợp lệ."))
    elif rule_set is not None and not rule_set.allows_basis(basis):
        errors.add(
            "basis",
            _("Theo %(rs)s, biểu quyết tính theo đại diện hộ gia đình.") % {"rs": rule_set.short_name},
        )
    total = _count(errors, data.get("total"), "total")
    present = _count(errors, data.get("present"), "present")
    votes_for = _count(errors, data.get("votes_for"), "votes_for")
    votes_against = _count(errors, data.get("votes_against") or 0, "votes_against")
    if total == 0 and "total" not in errors.messages:
        errors.add("total", _("Tổng số hộ (cử tri) phải lớn hơn 0."))
    if present > total:
        errors.add("present", _("Số tham gia (%(p)s) không được lớn hơn tổng số (%(t)s).") % {"p": present, "t": total})
    if votes_for > present:
        errors.add(
            "votes_for",
            _("Số tán thành (%(f)s) không được lớn hơn số tham gia (%(p)s).") % {"f": votes_for, "p": present},
        )
    if votes_for + votes_against > present:
        errors.add(
            "votes_against",
            _("Tán thành và không tán thành (%(s)s) vượt quá số tham gia (%(p)s).")
            % {"s": votes_for + votes_against, "p": present},
        )
    team = _team(data.get("counting_team"))
    if method not in CommunityDecision.Method.values:
        errors.add("method", _("Cách biểu quyết không hợp lệ."))
    elif method == CommunityDecision.Method.SECRET and rule_set is not None:
        low, high = rule_set.counting_team_min, rule_set.counting_team_max
        if not team:
            errors.add(
                "counting_team", _("Bỏ phiếu kín phải có Ban kiểm phiếu (%(a)s–%(b)s người).") % {"a": low, "b": high}
            )
        elif not low <= len(team) <= high:
            errors.add(
                "counting_team",
                _("Ban kiểm phiếu phải có từ %(a)s đến %(b)s người (đang có %(n)s).")
                % {"a": low, "b": high, "n": len(team)},
            )
    elif method == CommunityDecision.Method.HANDS:
        team = []
    commune = commune_of(place, held) if place is not None else None
    if matter is not None and held is not None and place is not None:
        scope = Scope.COMMUNE if place.level.code == "commune" else Scope.VILLAGE
        rule = vote_rule_for(matter, scope, held)
        if rule is None:
            errors.add("matter", _("Chưa có quy tắc biểu quyết cho nội dung này vào ngày %(d)s.") % {"d": fmt(held)})
        _exists_on(place, held, errors, "place")
    dismissal = bool(data.get("dismissal"))
    election = matter is not None and matter.kind == DecisionMatter.Kind.HEAD_ELECTION and not dismissal
    dates = {k: data.get(k) for k in ("plan_on", "team_on", "notice_on", "dismissal_on")}
    _days(errors, **dates)
    if election:
        for key, label in (
            ("plan_on", _("ngày có kế hoạch")),
            ("team_on", _("ngày quyết định tổ bầu cử")),
            ("notice_on", _("ngày thông báo")),
        ):
            if dates[key] is None:
                errors.add(key, _("Bầu trưởng thôn: vui lòng nhập %(x)s.") % {"x": label})
            elif held is not None and dates[key] > held:
                errors.add(key, _("Phải trước ngày bầu (%(d)s).") % {"d": fmt(held)})
        if dates["dismissal_on"] and held and dates["dismissal_on"] > held:
            errors.add("dismissal_on", _("Ngày miễn nhiệm phải trước ngày bầu lại."))
        if place is not None and place.level.code != "village":
            errors.add("place", _("Bầu trưởng thôn (tổ trưởng tổ dân phố) phải chọn một thôn (tổ dân phố)."))
    else:
        dates = dict.fromkeys(dates)
    passed = rule.passes(votes_for, total) if rule is not None else False
    declared = data.get("declared")
    if rule is not None and declared in ("passed", "rejected") and not errors.messages:
        needed = needed_votes(rule, total)
        if declared == "passed" and not passed:
            errors.add(
                "votes_for",
                _(
                    "Theo %(rs)s, nội dung được thông qua khi %(t)s tổng số %(b)s (cần ít nhất %(n)s/%(total)s); "
                    "%(f)s tán thành là chưa đủ. Không thể ghi nhận là được thông qua."
                )
                % {
                    "rs": rule.matter.rule_set.short_name,
                    "t": rule.threshold_label,
                    "b": _basis_label(basis),
                    "n": needed,
                    "total": total,
                    "f": votes_for,
                },
            )
        if declared == "rejected" and passed:
            errors.add(
                "votes_for",
                _(
                    "%(f)s/%(total)s tán thành đã đạt %(t)s theo %(rs)s: kết quả là được thông qua, không thể ghi "
                    "nhận là không thông qua."
                )
                % {"f": votes_for, "total": total, "t": rule.threshold_label, "rs": rule.matter.rule_set.short_name},
            )
    return {
        "unit": commune,
        "place": place,
        "matter": matter,
        "rule": rule,
        "rule_set": rule_set,
        "title": _text(errors, data.get("title"), "title", MAX_TITLE, required=True),
        "form": form,
        "held_on": held,
        "basis": basis,
        "total": total,
        "present": present,
        "votes_for": votes_for,
        "votes_against": votes_against,
        "method": method,
        "counting_team": team,
        "chair": _text(errors, data.get("chair"), "chair", MAX_NAME, required=True),
        "secretary": _text(errors, data.get("secretary"), "secretary", MAX_NAME),
        "minutes": _text(errors, data.get("minutes"), "minutes", MAX_TEXT, multiline=True),
        "passed": passed,
        "dismissal": dismissal,
        **dates,
        "candidates": _text(errors, data.get("candidates"), "candidates", 2000, multiline=True) if election else "",
        "elected": _text(errors, data.get("elected"), "elected", MAX_NAME) if election else "",
    }


def _basis_label(basis: str) -> str:
    return _("hộ gia đình") if basis == "households" else _("cử tri")


def needed_votes(rule: VoteRule, total: int) -> int:
    """The smallest number of votes for that passes."""
    low = total * rule.numerator // rule.denominator
    for n in (low, low + 1, low + 2):
        if rule.passes(n, total):
            return n
    return total


@transaction.atomic
def decision_create(*, actor, attachments=None, **data) -> CommunityDecision:
    """Record a community vote. `declared` ("passed"/"rejected"/None) is the result the minutes state: it
    must agree with what the rules compute, else nothing is saved."""
    errors = Errors()
    values = _decision_values(errors, data)
    errors.raise_if_any()
    _require(actor, Cap.RECORD_DEMOCRACY, values["place"])
    decision = CommunityDecision(**values, created_by=_user(actor))
    decision.state = CommunityDecision.State.RECORDED if decision.passed else CommunityDecision.State.REJECTED
    _searchable(decision, values["title"], values["place"].name, values["chair"], values["elected"])
    decision.save()
    _attach(decision, attachments, actor)
    audit.record_create(actor=actor, obj=decision, fields=DECISION_FIELDS, unit=values["unit"])
    return decision


def recogniser_bodies(decision: CommunityDecision):
    """The bodies that may recognise this result under its rule, as of the vote's date."""
    type_code, level = RECOGNISER_BODY[decision.rule.recogniser]
    commune = decision.unit
    unit = commune if level == "commune" else parent_on(commune, decision.held_on)
    if unit is None or unit.level.code != level:
        return Body.objects.none()
    return Body.objects.valid_on(decision.held_on).filter(type__code=type_code, unit=unit).order_by("name")


@transaction.atomic
def decision_recognise(
    *, actor, decision: CommunityDecision, expected_version: int, body: Body | None, number: str, day
) -> CommunityDecision:
    if actor is not None and not permissions.can(actor, Cap.RECOGNISE_DECISIONS, decision.unit, allow_past=True):
        raise PermissionDenied
    errors = Errors()
    if decision.state != CommunityDecision.State.RECORDED:
        errors.add("__all__", _("Chỉ công nhận kết quả đã được thông qua và chưa công nhận."))
    if body is None:
        errors.add("body", _("Vui lòng chọn cơ quan công nhận."))
    elif not recogniser_bodies(decision).filter(pk=body.pk).exists():
        errors.add(
            "body",
            _("Theo quy định, kết quả này do %(r)s công nhận.") % {"r": decision.rule.get_recogniser_display()},
        )
    _days(errors, day=day)
    if day is None:
        errors.add("day", _("Vui lòng nhập ngày công nhận."))
    elif day < decision.held_on:
        errors.add("day", _("Ngày công nhận không được trước ngày biểu quyết (%(d)s).") % {"d": fmt(decision.held_on)})
    else:
        _not_future(day, "day", errors)
    number = _text(errors, number, "number", 100)
    errors.raise_if_any()
    before = audit.snapshot(decision, ["state", "recognised_by", "recognition_number", "recognised_on"])
    decision.state = CommunityDecision.State.RECOGNISED
    decision.recognised_by, decision.recognition_number, decision.recognised_on = body, number, day
    save_versioned(decision, expected_version, ["state", "recognised_by", "recognition_number", "recognised_on"])
    audit.record_update(
        actor=actor, obj=decision, before=before, fields=list(before), unit=decision.unit, verb=_("Công nhận kết quả")
    )
    return decision


@transaction.atomic
def decision_implement(
    *, actor, decision: CommunityDecision, expected_version: int, text: str, done_on=None
) -> CommunityDecision:
    _require(actor, Cap.RECORD_DEMOCRACY, decision.place)
    errors = Errors()
    if decision.state not in (CommunityDecision.State.RECOGNISED, CommunityDecision.State.IMPLEMENTING):
        errors.add("__all__", _("Chỉ tổ chức thực hiện sau khi kết quả đã được công nhận."))
    text = _text(errors, text, "text", MAX_TEXT, required=True, multiline=True)
    _days(errors, done_on=done_on)
    if done_on is not None and decision.recognised_on and done_on < decision.recognised_on:
        errors.add("done_on", _("Ngày hoàn thành không được trước ngày công nhận."))
    _not_future(done_on, "done_on", errors)
    errors.raise_if_any()
    fields = ["state", "implementation", "implemented_on"]
    before = audit.snapshot(decision, fields)
    decision.implementation, decision.implemented_on = text, done_on
    decision.state = CommunityDecision.State.DONE if done_on else CommunityDecision.State.IMPLEMENTING
    save_versioned(decision, expected_version, fields)
    audit.record_update(actor=actor, obj=decision, before=before, fields=fields, unit=decision.unit)
    return decision


# --- Consultations and dialogues ----------------------------------------------------------------------------

CONSULTATION_FIELDS = [
    "unit",
    "matter",
    "title",
    "opened_on",
    "closed_on",
    "asked",
    "answered",
    "agree",
    "disagree",
    "other",
    "response_on",
    "response",
]


def _consultation_values(errors: Errors, data: dict) -> dict:
    unit, matter = data.get("unit"), data.get("matter")
    opened, closed, response_on = data.get("opened_on"), data.get("closed_on"), data.get("response_on")
    forms = list(data.get("forms") or [])
    _check_commune(unit, errors)
    _days(errors, opened_on=opened, closed_on=closed, response_on=response_on)
    if opened is None:
        errors.add("opened_on", _("Vui lòng nhập ngày bắt đầu lấy ý kiến."))
    if closed is None:
        errors.add("closed_on", _("Vui lòng nhập ngày kết thúc lấy ý kiến."))
    if opened and closed and closed < opened:
        errors.add("closed_on", _("Ngày kết thúc không được trước ngày bắt đầu (%(d)s).") % {"d": fmt(opened)})
    if response_on and closed and response_on < closed:
        errors.add(
            "response_on", _("Báo cáo tiếp thu phải công bố sau khi kết thúc lấy ý kiến (%(d)s).") % {"d": fmt(closed)}
        )
    _not_future(opened, "opened_on", errors)
    _not_future(response_on, "response_on", errors)
    rule_set = None
    if opened:
        try:
            rule_set = rule_set_on(opened, "opened_on")
        except ValidationError as error:
            errors.take(error)
    if matter is None:
        errors.add("matter", _("Vui lòng chọn nội dung lấy ý kiến."))
    if not forms:
        errors.add("forms", _("Vui lòng chọn ít nhất một hình thức."))
    if rule_set is not None:
        _same_rule_set(errors, rule_set, "matter", matter)
        _same_rule_set(errors, rule_set, "forms", *forms)
    counts = {
        key: _count(errors, data.get(key) or 0, key) for key in ("asked", "answered", "agree", "disagree", "other")
    }
    if counts["answered"] > counts["asked"]:
        errors.add("answered", _("Số ý kiến nhận được không được lớn hơn số được hỏi."))
    if counts["agree"] + counts["disagree"] > counts["answered"]:
        errors.add("disagree", _("Tán thành và không tán thành vượt quá số ý kiến nhận được."))
    _exists_on(unit, opened, errors, "unit")
    response = _text(errors, data.get("response"), "response", MAX_TEXT, multiline=True)
    if response_on and not response:
        errors.add("response", _("Vui lòng tóm tắt nội dung tiếp thu, giải trình."))
    return {
        "unit": unit,
        "rule_set": rule_set,
        "matter": matter,
        "title": _text(errors, data.get("title"), "title", MAX_TITLE, required=True),
        "opened_on": opened,
        "closed_on": closed,
        **counts,
        "response_on": response_on,
        "response": response,
        "forms": forms,
    }


DIALOGUE_FIELDS = [
    "unit",
    "title",
    "notice_on",
    "held_on",
    "place",
    "chair",
    "participants",
    "requested",
    "results_on",
    "results",
]


def _dialogue_values(errors: Errors, data: dict) -> dict:
    unit, notice, held, results_on = (
        data.get("unit"),
        data.get("notice_on"),
        data.get("held_on"),
        data.get("results_on"),
    )
    _check_commune(unit, errors)
    _days(errors, notice_on=notice, held_on=held, results_on=results_on)
    if notice is None:
        errors.add("notice_on", _("Vui lòng nhập ngày thông báo."))
    if held is None:
        errors.add("held_on", _("Vui lòng nhập ngày đối thoại."))
    if notice and held and held < notice:
        errors.add(
            "held_on",
            _("Ngày đối thoại (%(h)s) không được trước ngày thông báo (%(n)s).") % {"h": fmt(held), "n": fmt(notice)},
        )
    if results_on and held and results_on < held:
        errors.add("results_on", _("Ngày công bố kết quả không được trước ngày đối thoại."))
    _not_future(held, "held_on", errors)
    _not_future(results_on, "results_on", errors)
    rule_set = None
    if held:
        try:
            rule_set = rule_set_on(held)
        except ValidationError as error:
            errors.take(error)
    _exists_on(unit, held, errors, "unit")
    results = _text(errors, data.get("results"), "results", MAX_TEXT, multiline=True)
    if results_on and not results:
        errors.add("results", _("Vui lòng tóm tắt kết quả đối thoại đã công bố."))
    return {
        "unit": unit,
        "rule_set": rule_set,
        "title": _text(errors, data.get("title"), "title", MAX_TITLE, required=True),
        "notice_on": notice,
        "held_on": held,
        "place": _text(errors, data.get("place"), "place", 300),
        "chair": _text(errors, data.get("chair"), "chair", MAX_NAME),
        "participants": _count(errors, data.get("participants") or 0, "participants"),
        "requested": bool(data.get("requested")),
        "results_on": results_on,
        "results": results,
    }


def _user(actor):
    return actor if actor is not None and actor.is_authenticated else None


def _record_create(model, check, fields, search, *, actor, attachments, data):
    """Create a disclosure, consultation or dialogue: every problem at once, then one row, its forms, files
    and audit entry."""
    errors = Errors()
    values = check(errors, data)
    errors.raise_if_any()
    _require(actor, Cap.RECORD_DEMOCRACY, values["unit"])
    forms = values.pop("forms", None)
    obj = model(**values, created_by=_user(actor))
    _searchable(obj, *search(values))
    obj.save()
    if forms is not None:
        obj.forms.set(forms)
    _attach(obj, attachments, actor)
    audit.record_create(actor=actor, obj=obj, fields=fields, unit=values["unit"])
    return obj


def _record_update(obj, check, fields, search, *, actor, expected_version, data, movable=False):
    """Correct one record; `movable` lets a disclosure move to another commune of the actor's scope."""
    _require(actor, Cap.RECORD_DEMOCRACY, obj.unit)
    errors = Errors()
    values = check(errors, {**data, "unit": data.get("unit", obj.unit) if movable else obj.unit})
    errors.raise_if_any()
    _require(actor, Cap.RECORD_DEMOCRACY, values["unit"])
    before = audit.snapshot(obj, fields)
    forms = values.pop("forms", None)
    for key, value in values.items():
        setattr(obj, key, value)
    _searchable(obj, *search(values))
    save_versioned(obj, expected_version, [*fields, "rule_set", "search_text", "sort_key"])
    if forms is not None:
        obj.forms.set(forms)
    audit.record_update(actor=actor, obj=obj, before=before, fields=fields, unit=obj.unit)
    return obj


def _disclosure_search(v):
    return v["title"], v["item"].name, v["place"], v["done_by"]


@transaction.atomic
def disclosure_create(*, actor, attachments=None, **data) -> Disclosure:
    return _record_create(
        Disclosure,
        _disclosure_values,
        DISCLOSURE_FIELDS,
        _disclosure_search,
        actor=actor,
        attachments=attachments,
        data=data,
    )


@transaction.atomic
def disclosure_update(*, actor, disclosure: Disclosure, expected_version: int, **data) -> Disclosure:
    return _record_update(
        disclosure,
        _disclosure_values,
        DISCLOSURE_FIELDS,
        _disclosure_search,
        actor=actor,
        expected_version=expected_version,
        data=data,
        movable=True,
    )


@transaction.atomic
def consultation_create(*, actor, attachments=None, **data) -> Consultation:
    return _record_create(
        Consultation,
        _consultation_values,
        CONSULTATION_FIELDS,
        lambda v: (v["title"], v["response"]),
        actor=actor,
        attachments=attachments,
        data=data,
    )


@transaction.atomic
def consultation_update(*, actor, consultation: Consultation, expected_version: int, **data) -> Consultation:
    return _record_update(
        consultation,
        _consultation_values,
        CONSULTATION_FIELDS,
        lambda v: (v["title"], v["response"]),
        actor=actor,
        expected_version=expected_version,
        data=data,
    )


@transaction.atomic
def dialogue_create(*, actor, attachments=None, **data) -> Dialogue:
    return _record_create(
        Dialogue,
        _dialogue_values,
        DIALOGUE_FIELDS,
        lambda v: (v["title"], v["results"]),
        actor=actor,
        attachments=attachments,
        data=data,
    )


@transaction.atomic
def dialogue_update(*, actor, dialogue: Dialogue, expected_version: int, **data) -> Dialogue:
    return _record_update(
        dialogue,
        _dialogue_values,
        DIALOGUE_FIELDS,
        lambda v: (v["title"], v["results"]),
        actor=actor,
        expected_version=expected_version,
        data=data,
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
    from danvan.petitions.workdays import WorkCalendar

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
    _require(actor, Cap.MANAGE_INSPECTION, board.unit)
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
    _require(actor, Cap.MANAGE_INSPECTION, board.unit)
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
        from danvan.petitions.services import petition_create

        inspection.petition = petition_create(
            actor=actor if actor is not None and permissions.can(actor, Cap.RECORD_PETITIONS, board.unit) else None,
            source="inspection_board",
            kind="recommendation",
            unit=board.unit,
            content=_("Ban Thanh tra nhân dân %(u)s kiến nghị sau kiểm tra “%(s)s”: %(f)s")
            % {"u": board.unit.name, "s": inspection.subject, "f": findings},
            raised_on=result_on,
            raised_by=_("Ban Thanh tra nhân dân %(u)s") % {"u": board.unit.name},
            received_on=result_on,
            historical=not board.unit.is_valid_on(today()),
        )
    save_versioned(inspection, expected_version, fields)
    audit.record_update(actor=actor, obj=inspection, before=before, fields=fields, unit=board.unit)
    return inspection
