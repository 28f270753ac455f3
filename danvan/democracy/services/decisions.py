"""Community decisions: votes, their recognition and implementation, village-head elections."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import audit
from danvan.core.models import Body
from danvan.core.permissions import Cap
from danvan.core.services.attachments import attachments_store
from danvan.core.services.common import Errors, fmt, save_versioned
from danvan.core.text import clean_text

from ..models import CommunityDecision, DecisionMatter, Scope, VoteRule
from ..selectors import commune_of, recogniser_bodies
from ..workflow import WORKFLOW
from .common import (
    MAX_NAME,
    MAX_TEXT,
    MAX_TITLE,
    _count,
    _days,
    _exists_on,
    _not_future,
    _require,
    _same_rule_set,
    _searchable,
    _text,
    _user,
    rule_set_on,
)

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
    attachments_store(actor=actor, record=decision, uploads=attachments)
    audit.record_create(actor=actor, obj=decision, fields=DECISION_FIELDS, unit=values["unit"])
    return decision


@transaction.atomic
def decision_recognise(
    *, actor, decision: CommunityDecision, expected_version: int, body: Body | None, number: str, day
) -> CommunityDecision:
    """The body the vote rule names recognises a passed result, on or after the vote's day (step "recognise" of
    democracy/workflow.py)."""
    WORKFLOW.require(actor, decision, "recognise")
    WORKFLOW.expect(decision, "recognise")
    errors = Errors()
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
    """What was done to carry out a recognised result; a day of completion makes it done (step "implement" of
    democracy/workflow.py)."""
    WORKFLOW.require(actor, decision, "implement")
    WORKFLOW.expect(decision, "implement")
    errors = Errors()
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
