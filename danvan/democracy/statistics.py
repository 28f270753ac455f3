"""What each commune owed under the grassroots-democracy rules in a period, and what it did.

A duty is one thing the rules in force required by the end of the period (or today, if earlier): each
content to publicise (with its re-publication cycle, minimum duration and loudspeaker days), recognition of
each passed vote, the lead times of each village-head election, a new election after a dismissal, the
response report of each consultation, the yearly dialogue with its notice and results, and the people's
inspection board with its plans sent in time. Compliance = duties met ÷ duties due.

Everything is loaded in a fixed number of queries for any number of communes, then evaluated in Python
(the rules are per record and per date; the volumes are a period's records of the communes asked for).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danvan.core import names
from danvan.core.models import Unit
from danvan.core.services.common import fmt

from .models import (
    CommunityDecision,
    Consultation,
    DecisionMatter,
    Dialogue,
    Disclosure,
    DisclosureItem,
    Inspection,
    InspectionBoard,
    RuleSet,
)
from .services import add_months, plan_deadline

# The brief names no deadline for the response report of a consultation; danvan expects it within 30 days.
RESPONSE_DAYS = 30


class Status:
    NOT_YET = "not_yet"
    BEING = "being"
    DONE = "done"
    DUE_AGAIN = "due_again"
    TOO_SHORT = "too_short"
    NOT_ARISEN = "not_arisen"


STATUS_LABELS = {
    Status.NOT_YET: gettext_noop("Chưa công khai"),
    Status.BEING: gettext_noop("Đang công khai"),
    Status.DONE: gettext_noop("Đã công khai"),
    Status.DUE_AGAIN: gettext_noop("Đến hạn công khai lại"),
    Status.TOO_SHORT: gettext_noop("Chưa đủ thời gian"),
    Status.NOT_ARISEN: gettext_noop("Chưa phát sinh"),
}


def status_label(status: str) -> str:
    return _(STATUS_LABELS[status])


@dataclass
class ChecklistRow:
    item: DisclosureItem
    status: str
    disclosure: Disclosure | None = None
    reason: str = ""

    @property
    def met(self) -> bool:
        return self.status in (Status.BEING, Status.DONE)

    @property
    def counted(self) -> bool:
        return self.status != Status.NOT_ARISEN

    @property
    def label(self) -> str:
        return status_label(self.status)


@dataclass
class Duty:
    kind: str  # disclosure, recognition, election, reelection, consultation, dialogue, board, inspection
    label: str
    met: bool
    detail: str = ""
    url: str = ""


@dataclass
class CommuneResult:
    unit: Unit
    duties: list[Duty] = field(default_factory=list)
    checklist: list[ChecklistRow] = field(default_factory=list)
    rule_set: RuleSet | None = None

    @property
    def due(self) -> int:
        return len(self.duties)

    @property
    def met(self) -> int:
        return sum(1 for d in self.duties if d.met)

    @property
    def percent(self) -> float | None:
        return 100 * self.met / self.due if self.due else None

    @property
    def unmet_first(self) -> list[Duty]:
        return sorted(self.duties, key=lambda d: d.met)


def reference_day(end: datetime.date, today: datetime.date) -> datetime.date:
    return min(end, today)


# --- disclosures --------------------------------------------------------------------------------------------


def shortfall(item: DisclosureItem, disclosure: Disclosure) -> str:
    """Why a disclosure is too short for its content's rules, or "" when it is long enough."""
    if item.min_days and disclosure.days < item.min_days:
        return _("công khai %(n)s ngày, quy định tối thiểu %(m)s ngày") % {"n": disclosure.days, "m": item.min_days}
    if item.loudspeaker_required and (disclosure.loudspeaker_days or 0) < item.loudspeaker_min_days:
        return _("phát trên loa %(n)s ngày liên tục, quy định ít nhất %(m)s ngày") % {
            "n": disclosure.loudspeaker_days or 0,
            "m": item.loudspeaker_min_days,
        }
    return ""


def checklist_row(item: DisclosureItem, disclosures: list[Disclosure], start: datetime.date, day: datetime.date):
    """The state of one content on `day`, from the commune's disclosures of it (any order)."""
    started = sorted((d for d in disclosures if d.started_on <= day), key=lambda d: (d.started_on, d.pk))
    if item.recurrence_months:
        window = add_months(day, -item.recurrence_months) + datetime.timedelta(days=1)
        current = [d for d in started if d.started_on >= window]
        if not current:
            if started:
                return ChecklistRow(
                    item,
                    Status.DUE_AGAIN,
                    started[-1],
                    _("lần gần nhất %(d)s; công khai lại mỗi %(m)s tháng")
                    % {"d": fmt(started[-1].started_on), "m": item.recurrence_months},
                )
            return ChecklistRow(item, Status.NOT_YET)
    else:
        current = [d for d in started if d.started_on >= start or d.ended_on >= start]
        if not current:
            return ChecklistRow(item, Status.NOT_ARISEN)
    good = [d for d in current if not shortfall(item, d)]
    if not good:
        return ChecklistRow(item, Status.TOO_SHORT, current[-1], shortfall(item, current[-1]))
    latest = good[-1]
    return ChecklistRow(item, Status.BEING if latest.ended_on >= day else Status.DONE, latest)


# --- the ledger ---------------------------------------------------------------------------------------------


class Ledger:
    """Loads a period's records of a set of communes and evaluates their duties. Communes and villages are
    named as of the reference day (the period's end, or today)."""

    def __init__(self, communes: list[Unit], start: datetime.date, end: datetime.date, today: datetime.date):
        self.communes, self.start, self.today = communes, start, today
        self.day = reference_day(end, today)
        names.relabel(communes, self.day)
        ids = [c.pk for c in communes]
        self.rule_set = RuleSet.objects.valid_on(self.day).order_by("-valid_from").first()
        rule_sets = {r.pk: r for r in RuleSet.objects.all()}
        self.rule_sets = rule_sets
        self.items = []
        if self.rule_set is not None:
            self.items = list(DisclosureItem.objects.filter(rule_set=self.rule_set).order_by("position", "pk"))
        longest = max([i.recurrence_months or 0 for i in self.items] + [0])
        since = min(start, add_months(self.day, -longest))
        self.disclosures = defaultdict(list)
        rows = Disclosure.objects.filter(
            unit_id__in=ids, item__in=self.items, started_on__lte=self.day, ended_on__gte=since
        ).only("pk", "unit_id", "item_id", "title", "started_on", "ended_on", "loudspeaker_days")
        for d in rows:
            self.disclosures[(d.unit_id, d.item_id)].append(d)
        # A dismissal up to 60 days before the period still owes its new election inside it.
        window_start = start - datetime.timedelta(days=120)
        self.decisions = defaultdict(list)
        for d in CommunityDecision.objects.filter(
            unit_id__in=ids, held_on__gte=window_start, held_on__lte=self.day
        ).select_related("matter", "rule", "place__type"):
            self.decisions[d.unit_id].append(d)
        names.relabel([d.place for ds in self.decisions.values() for d in ds], self.day)
        self.consultations = defaultdict(list)
        for c in Consultation.objects.filter(unit_id__in=ids, closed_on__gte=start, closed_on__lte=self.day):
            self.consultations[c.unit_id].append(c)
        year_start = datetime.date(min(start.year, self.day.year), 1, 1)
        self.dialogues = defaultdict(list)
        for d in Dialogue.objects.filter(unit_id__in=ids, held_on__gte=year_start, held_on__lte=self.day):
            self.dialogues[d.unit_id].append(d)
        self.boards = defaultdict(list)
        boards = (
            InspectionBoard.objects.filter(unit_id__in=ids, term_from__lte=self.day, term_to__gte=start)
            .annotate(member_count=Count("members"))
            .prefetch_related(
                Prefetch(
                    "inspections",
                    queryset=Inspection.objects.filter(starts_on__gte=start, starts_on__lte=self.day),
                    to_attr="period_inspections",
                )
            )
        )
        for b in boards:
            self.boards[b.unit_id].append(b)
        self._calendar = None

    def calendar(self):
        if self._calendar is None:
            from danvan.core.workdays import WorkCalendar

            self._calendar = WorkCalendar.load(
                self.start - datetime.timedelta(days=200), self.day + datetime.timedelta(days=30)
            )
        return self._calendar

    def working_days_after(self, day: datetime.date, n: int) -> datetime.date:
        return self.calendar().add(day, n)

    def result(self, commune: Unit) -> CommuneResult:
        result = CommuneResult(commune, rule_set=self.rule_set)
        self._disclosures(commune, result)
        self._decisions(commune, result)
        self._consultations(commune, result)
        self._dialogues(commune, result)
        self._board(commune, result)
        return result

    def results(self) -> list[CommuneResult]:
        return [self.result(c) for c in self.communes]

    # -- each kind of duty --

    def _disclosures(self, commune, result):
        for item in self.items:
            row = checklist_row(item, self.disclosures.get((commune.pk, item.pk), []), self.start, self.day)
            result.checklist.append(row)
            if not row.counted:
                continue
            url = (
                reverse("democracy:disclosure_detail", args=[row.disclosure.pk])
                if row.disclosure is not None and row.met
                else reverse("democracy:disclosure_create") + f"?unit={commune.pk}&item={item.pk}"
            )
            detail = row.label + (f": {row.reason}" if row.reason else "")
            result.duties.append(Duty("disclosure", _("Công khai: %(i)s") % {"i": item.name}, row.met, detail, url))

    def _decisions(self, commune, result):
        decisions = self.decisions.get(commune.pk, [])
        for d in decisions:
            url = reverse("democracy:decision_detail", args=[d.pk])
            in_period = d.held_on >= self.start
            rule_set = self.rule_sets[d.rule_set_id]
            if in_period and d.passed:
                deadline = self.working_days_after(d.held_on, rule_set.recognition_working_days)
                if d.recognised_on or deadline < self.day:
                    late = d.recognised_on is not None and d.recognised_on > deadline
                    met = d.recognised_on is not None
                    detail = (
                        _("công nhận ngày %(d)s") % {"d": fmt(d.recognised_on)}
                        if met
                        else _("chưa được %(r)s công nhận (hạn %(d)s)")
                        % {"r": d.rule.get_recogniser_display(), "d": fmt(deadline)}
                    )
                    if late:
                        detail += " · " + _("trễ hạn %(d)s") % {"d": fmt(deadline)}
                    result.duties.append(
                        Duty("recognition", _("Công nhận kết quả: %(t)s") % {"t": d.title}, met, detail, url)
                    )
            if in_period and d.is_election:
                for flag in election_flags(d, rule_set):
                    result.duties.append(Duty("election", flag.label + ": " + d.place.name, flag.met, flag.detail, url))
            if d.matter.kind == DecisionMatter.Kind.HEAD_ELECTION and d.dismissal and d.passed:
                deadline = self.calendar().add_days(d.held_on, rule_set.reelection_days)
                successor = [
                    e
                    for e in decisions
                    if e.place_id == d.place_id and e.is_election and d.held_on < e.held_on <= deadline
                ]
                owed_in_period = self.start <= deadline <= self.day or (
                    successor and self.start <= successor[0].held_on <= self.day
                )
                if owed_in_period:
                    result.duties.append(
                        Duty(
                            "reelection",
                            _("Bầu lại trưởng thôn %(p)s trong %(n)s ngày sau miễn nhiệm")
                            % {"p": d.place.name, "n": rule_set.reelection_days},
                            bool(successor),
                            _("bầu ngày %(d)s") % {"d": fmt(successor[0].held_on)}
                            if successor
                            else _("hạn %(d)s, chưa bầu") % {"d": fmt(deadline)},
                            url,
                        )
                    )

    def _consultations(self, commune, result):
        for c in self.consultations.get(commune.pk, []):
            deadline = self.calendar().add_days(c.closed_on, RESPONSE_DAYS)
            if c.response_on is None and deadline >= self.day:
                continue
            met = c.response_on is not None and c.response_on <= self.day
            result.duties.append(
                Duty(
                    "consultation",
                    _("Báo cáo tiếp thu ý kiến: %(t)s") % {"t": c.title},
                    met,
                    _("công bố ngày %(d)s") % {"d": fmt(c.response_on)} if met else _("chưa công bố báo cáo tiếp thu"),
                    reverse("democracy:consultation_detail", args=[c.pk]),
                )
            )

    def _dialogues(self, commune, result):
        dialogues = self.dialogues.get(commune.pk, [])
        for year in range(self.start.year, self.day.year + 1):
            year_end = datetime.date(year, 12, 31)
            rule_set = self._rule_set_on(year_end)
            if not (self.start <= year_end <= self.day) or rule_set is None or not rule_set.dialogue_required:
                continue
            held = [d for d in dialogues if d.held_on.year == year]
            result.duties.append(
                Duty(
                    "dialogue",
                    _("Đối thoại với Nhân dân năm %(y)s") % {"y": year},
                    bool(held),
                    _("ngày %(d)s") % {"d": fmt(held[0].held_on)} if held else _("chưa tổ chức"),
                    reverse("democracy:dialogue_detail", args=[held[0].pk])
                    if held
                    else reverse("democracy:dialogue_create") + f"?unit={commune.pk}",
                )
            )
        for d in dialogues:
            rule_set = self.rule_sets[d.rule_set_id]
            if d.held_on < self.start or not rule_set.dialogue_required:
                continue
            url = reverse("democracy:dialogue_detail", args=[d.pk])
            for flag in dialogue_flags(d, rule_set, self.day, self.calendar()):
                result.duties.append(Duty("dialogue", flag.label, flag.met, flag.detail, url))

    def _rule_set_on(self, day):
        for rule_set in self.rule_sets.values():
            if rule_set.is_valid_on(day):
                return rule_set
        return None

    def _board(self, commune, result):
        boards = self.boards.get(commune.pk, [])
        rule_set = self.rule_set
        if rule_set is None:
            return
        current = [b for b in boards if b.term_from <= self.day <= b.term_to]
        board = current[0] if current else None
        met = board is not None and board.member_count >= rule_set.board_min_members
        result.duties.append(
            Duty(
                "board",
                _("Ban Thanh tra nhân dân đang hoạt động (ít nhất %(n)s thành viên)")
                % {"n": rule_set.board_min_members},
                met,
                (
                    _("nhiệm kỳ %(a)s – %(b)s, %(m)s thành viên")
                    % {"a": fmt(board.term_from), "b": fmt(board.term_to), "m": board.member_count}
                )
                if board
                else _("chưa có Ban trong nhiệm kỳ"),
                reverse("democracy:board_detail", args=[board.pk])
                if board
                else reverse("democracy:board_create") + f"?unit={commune.pk}",
            )
        )
        for b in boards:
            board_rules = self.rule_sets[b.rule_set_id]
            for inspection in b.period_inspections:
                flag = inspection_flag(inspection, board_rules, self.calendar())
                result.duties.append(
                    Duty(
                        "inspection",
                        flag.label + ": " + inspection.subject,
                        flag.met,
                        flag.detail,
                        reverse("democracy:board_detail", args=[b.pk]),
                    )
                )


@dataclass
class Flag:
    label: str
    met: bool
    detail: str


def _lead(label, step_on, held_on, days) -> Flag:
    if step_on is None:
        return Flag(label, False, _("chưa có ngày"))
    lead = (held_on - step_on).days
    met = lead >= days
    detail = _("%(d)s, trước %(n)s ngày") % {"d": fmt(step_on), "n": lead}
    if not met:
        detail += " · " + _("muộn: phải trước ít nhất %(n)s ngày") % {"n": days}
    return Flag(label, met, detail)


def election_flags(decision: CommunityDecision, rule_set: RuleSet) -> list[Flag]:
    """The legal lead times of a village-head election, each dated and flagged when late."""
    flags = [
        _lead(
            _("Kế hoạch bầu cử trước %(n)s ngày") % {"n": rule_set.election_plan_days},
            decision.plan_on,
            decision.held_on,
            rule_set.election_plan_days,
        ),
        _lead(
            _("Quyết định tổ bầu cử trước %(n)s ngày") % {"n": rule_set.election_team_days},
            decision.team_on,
            decision.held_on,
            rule_set.election_team_days,
        ),
        _lead(
            _("Thông báo cho Nhân dân trước %(n)s ngày") % {"n": rule_set.election_notice_days},
            decision.notice_on,
            decision.held_on,
            rule_set.election_notice_days,
        ),
    ]
    if decision.dismissal_on:
        gap = (decision.held_on - decision.dismissal_on).days
        met = gap <= rule_set.reelection_days
        flags.append(
            Flag(
                _("Bầu lại trong %(n)s ngày sau miễn nhiệm") % {"n": rule_set.reelection_days},
                met,
                _("%(g)s ngày sau miễn nhiệm ngày %(d)s") % {"g": gap, "d": fmt(decision.dismissal_on)}
                + ("" if met else " · " + _("quá hạn")),
            )
        )
    return flags


def dialogue_flags(dialogue: Dialogue, rule_set: RuleSet, day: datetime.date, calendar=None) -> list[Flag]:
    flags = [
        _lead(
            _("Thông báo đối thoại trước %(n)s ngày") % {"n": rule_set.dialogue_notice_days},
            dialogue.notice_on,
            dialogue.held_on,
            rule_set.dialogue_notice_days,
        )
    ]
    if calendar is None:
        from danvan.core.workdays import add_calendar_days

        deadline = add_calendar_days(dialogue.held_on, rule_set.dialogue_result_days)
    else:
        deadline = calendar.add_days(dialogue.held_on, rule_set.dialogue_result_days)
    label = _("Công bố kết quả đối thoại trong %(n)s ngày") % {"n": rule_set.dialogue_result_days}
    if dialogue.results_on is not None:
        met = dialogue.results_on <= deadline
        detail = _("công bố ngày %(d)s") % {"d": fmt(dialogue.results_on)} + ("" if met else " · " + _("muộn"))
        flags.append(Flag(label, met, detail))
    elif deadline < day:
        flags.append(Flag(label, False, _("hạn %(d)s, chưa công bố") % {"d": fmt(deadline)}))
    return flags


def inspection_flag(inspection: Inspection, rule_set: RuleSet, calendar=None) -> Flag:
    days = rule_set.plan_notice_working_days
    deadline = plan_deadline(inspection.starts_on, days, calendar)
    met = inspection.sent_on <= deadline
    detail = _("gửi ngày %(s)s, kiểm tra ngày %(k)s") % {"s": fmt(inspection.sent_on), "k": fmt(inspection.starts_on)}
    if not met:
        detail += " · " + _("muộn: phải gửi chậm nhất ngày %(d)s") % {"d": fmt(deadline)}
    return Flag(_("Gửi kế hoạch kiểm tra trước %(n)s ngày làm việc") % {"n": days}, met, detail)
