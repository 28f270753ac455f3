"""A year of grassroots-democracy records in every commune of a synthetic country, for benchmarks
(`danvan bench_democracy`). Never used by the application.

For each commune of `land` (the benchmarks' synthetic country, `core.scale.country`) and the year asked for,
per unit of `scale`: ~10 disclosures of the twelve contents of Law 10/2022 (cc-01..cc-12; most for 30 days or
more and read on the loudspeaker when required, some too short), ~8 votes in its villages (matter, the vote rule
in force, totals, `passed` from the rule; most passed votes recognised by the commune's people's committee, a few
late or not yet; village-head elections with their lead-time dates, some late), 1 consultation (most with their
response report), 1 dialogue (notice and results, some late) and 2 inspections of the commune's people's
inspection board; the board itself (5 members, elected before the year for the five-year term) once per commune.

Rows go through `bulk_create` (batches of 5,000; fewer per statement on SQLite, which binds at most 999 parameters
in Django), not the services: no audit trail, no checks, no attachments. Each record carries the rule set in force
on its date (the services' `rule_set_on`); `search_text` and `sort_key` are the folded title and its collation
key. Disclosures and consultations get their `channels` (one through-table insert each).
"""

import datetime
import functools
import random

from danvan.core.scale import PEOPLE, Country
from danvan.core.text import fold, sort_key

from .models import (
    BoardMember,
    CommunityDecision,
    Consultation,
    ConsultationChannel,
    ConsultationMatter,
    DecisionMatter,
    Dialogue,
    Disclosure,
    DisclosureChannel,
    DisclosureItem,
    Inspection,
    InspectionBoard,
    RuleSet,
    Scope,
    VoteRule,
)
from .services import add_months

BATCH = 5000
LAW = "luat-10-2022"
ONE_DAY = datetime.timedelta(days=1)

PER_COMMUNE = {"disclosures": 10, "decisions": 8, "consultations": 1, "inspections": 2}
# Matters of Law 10/2022 and how often villages vote on them.
MATTERS = {"qd-01": 30, "qd-02": 20, "qd-03": 10, "qd-04": 15, "qd-05": 5, "qd-06": 20}
DECISION_TITLES = {
    "qd-01": "Mức đóng góp làm đường giao thông thôn",
    "qd-02": "Thu, chi quỹ khuyến học của thôn",
    "qd-03": "Sửa đổi hương ước thôn",
    "qd-04": "Bầu trưởng thôn nhiệm kỳ 2024–2029",
    "qd-05": "Bầu thành viên Ban Thanh tra nhân dân",
    "qd-06": "Quy định giữ gìn vệ sinh môi trường khu dân cư",
}
INSPECTIONS = [
    ("Việc thu, chi các khoản đóng góp của Nhân dân", "Ban quản lý quỹ xã"),
    ("Việc thực hiện công khai, dân chủ ở xã", "Ủy ban nhân dân xã"),
    ("Việc giải quyết kiến nghị của cử tri", "Công chức địa chính – xây dựng"),
    ("Chất lượng công trình nhà văn hóa thôn", "Ban giám sát đầu tư của cộng đồng"),
]


@functools.lru_cache(maxsize=1024)
def _text(title: str) -> tuple[str, str]:
    return fold(title), sort_key(title)


class Rules:
    """The reference rows in memory, looked up by date as the services do (`rule_set_on`, `vote_rule_for`)."""

    def __init__(self):
        self.rule_sets = sorted(RuleSet.objects.all(), key=lambda r: r.valid_from, reverse=True)
        self.vote_rules = list(VoteRule.objects.order_by("pk"))
        self._rule_set, self._vote_rule = {}, {}

    def rule_set(self, day: datetime.date) -> RuleSet:
        if day not in self._rule_set:
            self._rule_set[day] = next(r for r in self.rule_sets if r.is_valid_on(day))
        return self._rule_set[day]

    def vote_rule(self, matter: DecisionMatter, day: datetime.date) -> VoteRule:
        key = (matter.pk, day)
        if key not in self._vote_rule:
            rules = [r for r in self.vote_rules if r.matter_id == matter.pk and r.is_valid_on(day)]
            self._vote_rule[key] = next((r for r in rules if r.scope == Scope.VILLAGE), rules[0])
        return self._vote_rule[key]


def _day(rng, first: datetime.date, last: datetime.date) -> datetime.date:
    return datetime.date.fromordinal(rng.randrange(first.toordinal(), last.toordinal() + 1))


def _per_commune(n: float, rng) -> int:
    """`n` on average: the integer part, plus one with the probability of the fraction."""
    whole = int(n)
    return whole + (rng.random() < n - whole)


def generate(*, land: Country, year: int = 2024, scale: float = 1.0, seed: int = 2026) -> dict:
    """The records of `year` in every commune of `land`. Returns the number of rows of each kind."""
    rng = random.Random(seed)  # noqa: S311 - repeatable synthetic data
    rules = Rules()
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    items = list(DisclosureItem.objects.filter(rule_set__code=LAW).order_by("position", "pk"))
    disclosure_channels = {c.code: c.pk for c in DisclosureChannel.objects.all()}
    matters = {m.code: m for m in DecisionMatter.objects.filter(code__in=MATTERS)}
    matter_codes, matter_weights = list(MATTERS), list(MATTERS.values())
    consultation_matters = list(ConsultationMatter.objects.filter(rule_set__code=LAW).order_by("position"))
    consultation_channels = list(ConsultationChannel.objects.filter(rule_set__code=LAW).values_list("pk", flat=True))
    per_village = len(land.villages) // len(land.communes)
    counts = {k: v * scale for k, v in PER_COMMUNE.items()}

    disclosures, disclosure_channel_ids = [], []
    decisions, consultations, consultation_channel_ids, dialogues, boards = [], [], [], [], []
    for ci, commune in enumerate(land.communes):
        villages = land.villages[ci * per_village : (ci + 1) * per_village]
        committee = land.commune_bodies[commune.pk]
        offset = rng.randrange(len(items))
        for i in range(_per_commune(counts["disclosures"], rng)):
            item = items[(offset + i) % len(items)]
            started = _day(rng, first, last - datetime.timedelta(days=20))
            days = rng.randrange(30, 46) if rng.random() < 0.9 else rng.randrange(10, 30)
            loudspeaker = None
            if item.loudspeaker_required or rng.random() < 0.3:
                loudspeaker = rng.randrange(3, 6) if rng.random() < 0.9 else rng.randrange(1, 3)
            title = f"{item.name[:250]} năm {year}"
            search_text, key = _text(title)
            disclosures.append(
                Disclosure(
                    unit=commune,
                    rule_set=rules.rule_set(started),
                    item=item,
                    title=title,
                    started_on=started,
                    ended_on=started + datetime.timedelta(days=days - 1),
                    loudspeaker_days=loudspeaker,
                    place="Trụ sở Ủy ban nhân dân xã",
                    done_by="Văn phòng – Thống kê",
                    search_text=search_text,
                    sort_key=key,
                )
            )
            codes = ["niem-yet"] + (["loa-truyen-thanh"] if loudspeaker else [])
            disclosure_channel_ids.append([disclosure_channels[c] for c in codes])
        for _i in range(_per_commune(counts["decisions"], rng)):
            held = _day(rng, datetime.date(year, 1, 20), datetime.date(year, 12, 20))
            matter = matters[rng.choices(matter_codes, matter_weights)[0]]
            decisions.append(
                _decision(rng, rules, matter, held, commune, villages[rng.randrange(per_village)], committee)
            )
        for _i in range(_per_commune(counts["consultations"], rng)):
            matter = consultation_matters[rng.randrange(len(consultation_matters))]
            opened = _day(rng, first, datetime.date(year, 10, 31))
            closed = opened + datetime.timedelta(days=rng.randrange(14, 31))
            asked = rng.randrange(100, 600)
            answered = rng.randrange(asked // 3, asked + 1)
            agree = answered * rng.randrange(60, 95) // 100
            disagree = (answered - agree) // 2
            roll = rng.random()
            response = closed + datetime.timedelta(days=rng.randrange(5, 26)) if roll < 0.8 else None
            title = f"Lấy ý kiến: {matter.name[:250]}"
            search_text, key = _text(title)
            consultations.append(
                Consultation(
                    unit=commune,
                    rule_set=rules.rule_set(opened),
                    matter=matter,
                    title=title,
                    opened_on=opened,
                    closed_on=closed,
                    asked=asked,
                    answered=answered,
                    agree=agree,
                    disagree=disagree,
                    other=answered - agree - disagree,
                    response_on=response,
                    response="Đã tiếp thu, giải trình và công khai báo cáo." if response else "",
                    search_text=search_text,
                    sort_key=key,
                )
            )
            consultation_channel_ids.append(rng.sample(consultation_channels, 2))
        held = _day(rng, datetime.date(year, 5, 1), datetime.date(year, 12, 15))
        notice = rng.randrange(7, 15) if rng.random() < 0.9 else rng.randrange(2, 7)
        results = rng.randrange(2, 11) if rng.random() < 0.85 else rng.randrange(11, 20)
        results_on = held + datetime.timedelta(days=results) if rng.random() < 0.95 else None
        title = f"Đối thoại giữa Ủy ban nhân dân xã với Nhân dân năm {year}"
        search_text, key = _text(title)
        dialogues.append(
            Dialogue(
                unit=commune,
                rule_set=rules.rule_set(held),
                title=title,
                notice_on=held - datetime.timedelta(days=notice),
                held_on=held,
                place="Hội trường Ủy ban nhân dân xã",
                chair=PEOPLE[rng.randrange(len(PEOPLE))],
                participants=rng.randrange(50, 300),
                results_on=results_on if results_on is None or results_on <= last else None,
                results="Đã công bố kết quả đối thoại." if results_on else "",
                search_text=search_text,
                sort_key=key,
            )
        )
        elected = _day(rng, datetime.date(year - 1, 7, 15), datetime.date(year, 2, 28))
        board_rules = rules.rule_set(elected)
        search_text, key = _text(commune.name)
        boards.append(
            InspectionBoard(
                unit=commune,
                rule_set=board_rules,
                elected_on=elected,
                term_from=elected,
                term_to=add_months(elected, board_rules.board_term_months) - ONE_DAY,
                recognised_on=elected + datetime.timedelta(days=rng.randrange(3, 15)),
                search_text=search_text,
                sort_key=key,
            )
        )

    Disclosure.objects.bulk_create(disclosures, batch_size=BATCH)
    CommunityDecision.objects.bulk_create(decisions, batch_size=BATCH)
    Consultation.objects.bulk_create(consultations, batch_size=BATCH)
    Dialogue.objects.bulk_create(dialogues, batch_size=BATCH)
    InspectionBoard.objects.bulk_create(boards, batch_size=BATCH)
    through = Disclosure.channels.through
    channel_rows = [
        through(disclosure_id=d.pk, disclosurechannel_id=f)
        for d, channels in zip(disclosures, disclosure_channel_ids, strict=True)
        for f in channels
    ]
    through.objects.bulk_create(channel_rows, batch_size=BATCH)
    through = Consultation.channels.through
    consultation_channel_rows = [
        through(consultation_id=c.pk, consultationchannel_id=f)
        for c, channels in zip(consultations, consultation_channel_ids, strict=True)
        for f in channels
    ]
    through.objects.bulk_create(consultation_channel_rows, batch_size=BATCH)
    members, inspections = _board_rows(rng, land, boards, per_village, counts["inspections"], first, last)
    BoardMember.objects.bulk_create(members, batch_size=BATCH)
    Inspection.objects.bulk_create(inspections, batch_size=BATCH)
    return {
        "disclosures": len(disclosures),
        "disclosure channels": len(channel_rows),
        "decisions": len(decisions),
        "passed": sum(d.passed for d in decisions),
        "recognised": sum(d.recognised_on is not None for d in decisions),
        "consultations": len(consultations),
        "dialogues": len(dialogues),
        "boards": len(boards),
        "board members": len(members),
        "inspections": len(inspections),
    }


def _decision(rng, rules, matter, held, commune, place, committee) -> CommunityDecision:
    """A vote on `matter` in the village `place` of `commune`, on `held`, under the rule in force that day."""
    rule = rules.vote_rule(matter, held)
    total = rng.randrange(80, 401)
    present = total * rng.randrange(55, 96) // 100
    votes_for = present * (rng.randrange(70, 100) if rng.random() < 0.9 else rng.randrange(20, 60)) // 100
    passed = rule.passes(votes_for, total)
    state = CommunityDecision.State.REJECTED
    recognised_on, recognised_by, number = None, None, ""
    if passed:
        state = CommunityDecision.State.RECORDED
        roll = rng.random()
        if roll < 0.9:  # recognised, most within the three working days
            state = CommunityDecision.State.RECOGNISED
            recognised_on = held + datetime.timedelta(days=rng.randrange(1, 5) if roll < 0.8 else rng.randrange(6, 20))
            recognised_by, number = committee, f"{rng.randrange(1, 500)}/QĐ-UBND"
    election = {}
    if matter.kind == DecisionMatter.Kind.HEAD_ELECTION:
        late = rng.random() < 0.1
        election = {
            "plan_on": held - datetime.timedelta(days=rng.randrange(20, 35)),
            "team_on": held - datetime.timedelta(days=rng.randrange(10, 15)),
            "notice_on": held - datetime.timedelta(days=rng.randrange(3, 7) if late else rng.randrange(7, 10)),
            "candidates": PEOPLE[rng.randrange(len(PEOPLE))],
            "elected": PEOPLE[rng.randrange(len(PEOPLE))] if passed else "",
        }
    title = f"{DECISION_TITLES[matter.code]} {place.name}"
    chair = PEOPLE[rng.randrange(len(PEOPLE))]
    return CommunityDecision(
        unit=commune,
        rule_set=rules.rule_set(held),
        matter=matter,
        rule=rule,
        place=place,
        title=title,
        form=CommunityDecision.Form.MEETING if rng.random() < 0.8 else CommunityDecision.Form.FORMS,
        held_on=held,
        total=total,
        present=present,
        votes_for=votes_for,
        votes_against=present - votes_for,
        chair=chair,
        passed=passed,
        state=state,
        recognised_by=recognised_by,
        recognition_number=number,
        recognised_on=recognised_on,
        search_text=fold(f"{title} {place.name} {chair} {election.get('elected', '')}".strip()),
        sort_key=_text(DECISION_TITLES[matter.code])[1],
        **election,
    )


def _board_rows(rng, land, boards, per_village, n, first, last):
    members, inspections = [], []
    roles = [BoardMember.Role.HEAD, BoardMember.Role.DEPUTY] + [BoardMember.Role.MEMBER] * 3
    for ci, board in enumerate(boards):
        for position, role in enumerate(roles):
            members.append(
                BoardMember(
                    board=board,
                    full_name=PEOPLE[rng.randrange(len(PEOPLE))],
                    role=role,
                    village=land.villages[ci * per_village + position % per_village],
                    position=position,
                )
            )
        for _i in range(_per_commune(n, rng)):
            subject, inspected = INSPECTIONS[rng.randrange(len(INSPECTIONS))]
            starts = _day(rng, first + datetime.timedelta(days=20), last - datetime.timedelta(days=10))
            ahead = rng.randrange(8, 15) if rng.random() < 0.85 else rng.randrange(1, 5)
            result = starts + datetime.timedelta(days=rng.randrange(3, 11))
            inspections.append(
                Inspection(
                    board=board,
                    subject=subject,
                    inspected=inspected,
                    sent_on=starts - datetime.timedelta(days=ahead),
                    starts_on=starts,
                    result_on=result if result <= last else None,
                    findings="Cơ bản thực hiện đúng quy định; kiến nghị chấn chỉnh một số tồn tại.",
                )
            )
    return members, inspections
