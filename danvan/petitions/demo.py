"""Demo kiến nghị register of Can Lộc: routing rules to the district's bodies (and, from 01/07/2025, to the
province's), the items the working groups' reports raised since 2016, and for 2016 the voters' items from the
meetings before the May elections, the party cells', the people's inspection boards' and the quarterly
review conferences' — answered on the working-day clock with a realistic mix: most on time, some late, some
overdue for a while, some paused for information, some reopened, duplicates linked, the unresolved carried over at
each quarter's conference. In the last fortnight of December the bodies settle what is left of 2016 before the
year ends, but for a handful of long disputes still open on 30/06/2025; on 01/07/2025 every item still open at a
district body (ended with the district) is handed over to the matching provincial body. Contents are
illustrative; the holidays are the real 2016 calendar."""

import datetime
import heapq
import random

from danvan.core import dates
from danvan.core.access import loader_actor
from danvan.core.models import MonitoringField, Notification, UnitVersion

from . import demo_conferences, services
from .models import Petition, ReviewConference

D = datetime.date
SEED = 2016

# Monitoring field → district body (BODIES keys of the core demo).
DISTRICT_RULES = [
    ("economy", "", "phong-nnptnt"),
    ("economy", "proposal", "phong-tckh"),
    ("new_rural", "", "phong-nnptnt"),
    ("culture_society", "", "phong-vhtt"),
    ("government", "", "phong-noi-vu"),
    ("elections", "", "phong-noi-vu"),
    ("party_building", "", "vp-hu"),
    ("front_mass_organizations", "", "mttq-huyen"),
    ("grassroots_democracy", "", "bdv-hu"),
    ("defence_security", "", "ubnd-huyen"),
    (None, "", "ubnd-huyen"),
]

ASKS = {
    "economy": [
        "Đề nghị hỗ trợ kinh phí nâng cấp đường giao thông nội đồng {village}",
        "Đề nghị hỗ trợ giống lúa, phân bón cho các hộ bị thiệt hại do mưa lũ ở {village}",
        "Đề nghị nạo vét kênh mương tưới tiêu thôn {village} trước vụ Đông Xuân",
        "Giá thu mua lợn hơi giảm, đề nghị có chính sách hỗ trợ người chăn nuôi {village}",
    ],
    "new_rural": [
        "Đề nghị bố trí vốn đối ứng xây dựng nhà văn hóa thôn {village}",
        "Đề nghị hướng dẫn tiêu chí môi trường trong xây dựng nông thôn mới cho {village}",
        "Đề nghị hỗ trợ xi măng làm đường bê tông thôn {village}",
    ],
    "culture_society": [
        "Đề nghị sớm chi trả chế độ cho người có công với cách mạng ở {village}",
        "Đề nghị xem xét lại danh sách hộ nghèo, hộ cận nghèo năm 2016 của {village}",
        "Trường mầm non thôn {village} xuống cấp, đề nghị hỗ trợ sửa chữa",
    ],
    "government": [
        "Đề nghị hướng dẫn thủ tục cấp giấy chứng nhận quyền sử dụng đất cho các hộ {village}",
        "Đề nghị giải quyết dứt điểm tranh chấp đất đai giữa các hộ ở {village}",
        "Đề nghị bổ sung biên chế cán bộ văn hóa xã",
    ],
    "elections": [
        "Đề nghị niêm yết danh sách cử tri sớm tại nhà văn hóa thôn {village}",
        "Cử tri {village} đề nghị giới thiệu rõ chương trình hành động của người ứng cử",
    ],
    "party_building": [
        "Đề nghị hướng dẫn sinh hoạt chi bộ chuyên đề cho chi bộ thôn {village}",
        "Đề nghị tăng phụ cấp cho bí thư chi bộ thôn {village}",
    ],
    "front_mass_organizations": [
        "Đề nghị hỗ trợ kinh phí hoạt động cho Ban công tác Mặt trận thôn {village}",
        "Đề nghị tổ chức tập huấn nghiệp vụ cho chi hội trưởng các đoàn thể ở {village}",
    ],
    "grassroots_democracy": [
        "Đề nghị công khai các khoản đóng góp xây dựng đường thôn {village}",
        "Nhân dân {village} đề nghị được biết dự toán công trình kênh mương trước khi đóng góp",
    ],
    "defence_security": [
        "Đề nghị tăng cường tuần tra, xử lý tình trạng trộm cắp vặt ở {village}",
        "Đề nghị xử lý xe chở vật liệu quá tải làm hư hỏng đường thôn {village}",
    ],
}
VOTER_GROUPS = [
    "Cử tri thôn {village}",
    "Ý kiến cử tri tại hội nghị tiếp xúc cử tri",
    "Hội Người cao tuổi thôn {village}",
]
ANSWERS = [
    "Đã tiếp thu; đưa vào kế hoạch năm {year}, giao UBND xã phối hợp triển khai.",
    "Đã kiểm tra thực tế, bố trí kinh phí từ nguồn sự nghiệp để xử lý trong quý.",
    "Nội dung đã được giải thích tại buổi làm việc với xã; chính sách thực hiện theo hướng dẫn của tỉnh.",
    "Đã chỉ đạo phòng chuyên môn phối hợp với xã giải quyết dứt điểm, báo cáo kết quả.",
]
# Answers of the year-end settlement (the conferences asked to "giải quyết dứt điểm" what was carried over).
SETTLED = [
    "Đã giải quyết dứt điểm theo kết luận Hội nghị đánh giá công tác chỉ đạo cơ sở quý IV/2016; đã thông báo kết "
    "quả cho cơ sở.",
    "Đã kiểm tra, trả lời trực tiếp tại buổi làm việc với xã cuối năm 2016; cơ sở thống nhất.",
]
# Year-end settlement: each day moves every 2016 item still open one step (route, answer, verdict, close).
SETTLEMENT_DAYS = [D(2016, 12, 19), D(2016, 12, 22), D(2016, 12, 27), D(2016, 12, 30)]
# 2016 items left open, one of each: disputes that outlive the district (still in progress at 30/06/2025).
LONG_DISPUTES = ["quyền sử dụng đất", "tranh chấp đất đai", "khoản đóng góp", "dự toán công trình"]
HANDOVER_DAY = D(2025, 7, 1)
HANDOVER_BASIS = "Nghị quyết 1665/NQ-UBTVQH15 ngày 16/6/2025; Nghị quyết 203/2025/QH15"
# Kind of an ended district body → the provincial body (BODIES key) that takes its open items. The demo has no
# provincial departments (Sở): a district department's items go to UBND tỉnh, over the Sở.
SUCCESSORS = {
    "department": "ubnd-tinh",
    "people_committee": "ubnd-tinh",
    "people_council": "ubnd-tinh",
    "front": "mttq-tinh",
    "mass_organization": "mttq-tinh",
    "party_office": "vp-tu",
    "mass_mobilization": "btgdv-tu",
    "party_committee": "tu",
    "standing_committee": "tu",
}


def _rules(ctx, fields) -> None:
    district = ctx.units["district"]
    end = district.valid_to
    for field_code, kind, key in DISTRICT_RULES:
        body = ctx.bodies.get(key)
        if body is None:
            continue
        services.routing_rule_create(
            actor=loader_actor(),
            scope=district,
            body=body,
            field=fields.get(field_code),
            kind=kind,
            valid_from=D(2016, 1, 1),
            valid_to=end,
        )
    province = ctx.units["province"]
    for field_code, key in ((None, "ubnd-tinh"), ("front_mass_organizations", "mttq-tinh")):
        services.routing_rule_create(
            actor=loader_actor(),
            scope=province,
            body=ctx.bodies[key],
            field=fields.get(field_code),
            valid_from=D(2025, 7, 1),
        )


def _villages(ctx, day: datetime.date):
    communes = [u for key, u in ctx.units.items() if key not in ("province", "district") and u.level.code == "commune"]
    communes = [u for u in communes if u.is_valid_on(day)]
    villages = list(
        UnitVersion.objects.valid_on(day)
        .filter(parent__in=communes)
        .select_related("unit__type", "unit__level")
        .order_by("unit__sort_key")
    )
    return communes, [v.unit for v in villages]


class Planner:
    """Steps (day, order, callable) executed in date order, each as the system replaying that day. A step may
    plan later steps (an intake plans the item's life)."""

    def __init__(self):
        self.heap: list = []
        self.count = 0
        self.now: datetime.date | None = None

    def at(self, day, fn, order=1):
        if self.now is not None and day < self.now:
            day = self.now
        self.count += 1
        heapq.heappush(self.heap, (day, order, self.count, fn))

    def run(self, until: datetime.date):
        while self.heap:
            day, _order, _n, fn = heapq.heappop(self.heap)
            if day > until:
                continue
            self.now = day
            with dates.replaying(day):
                fn(day)


def _lifecycle(planner: Planner, pk: int, received: datetime.date, rng: random.Random):
    """Plan what happens to item `pk` after intake."""

    def load():
        return Petition.objects.select_related("body__unit__level", "unit__level").get(pk=pk)

    if rng.random() < 0.05:
        return  # never routed: still on the desk
    routed = received + datetime.timedelta(days=rng.choice([0, 1, 1, 2, 3, 5]))

    def route(day):
        p = load()
        if p.state not in ("received", "classified") or p.duplicate_of_id:
            return
        from .selectors import propose_body

        body = propose_body(unit=p.unit, field_id=p.field_id, kind=p.kind, on=day)
        if body is None:
            return
        services.petition_route(actor=loader_actor(), petition=p, expected_version=p.version, body=body)

    planner.at(routed, route)
    roll = rng.random()
    started = routed + datetime.timedelta(days=rng.randrange(1, 4))

    def start(day):
        p = load()
        if p.state == "transferred" and not p.duplicate_of_id:
            services.petition_start(actor=loader_actor(), petition=p, expected_version=p.version)

    planner.at(started, start)
    if roll < 0.12:  # still in progress, some of them overdue now
        return
    answered = started + datetime.timedelta(days=rng.choice([6, 9, 12, 15, 18, 20, 24, 30, 40, 55]))
    if roll < 0.22:  # waits for information from the commune first
        asked = started + datetime.timedelta(days=2)
        planner.at(asked, lambda day: _act(load(), "request_info", text="Đề nghị xã cung cấp hồ sơ, vị trí cụ thể."))
        planner.at(
            asked + datetime.timedelta(days=rng.randrange(5, 12)),
            lambda day: _act(load(), "info_received", text="Xã đã gửi bổ sung hồ sơ."),
        )
        answered += datetime.timedelta(days=10)
    competent = rng.random() > 0.06
    planner.at(
        answered,
        lambda day: _act(
            load(),
            "answer",
            text=rng.choice(ANSWERS).format(year=day.year)
            if competent
            else "Không thuộc thẩm quyền; đã hướng dẫn công dân liên hệ Tòa án nhân dân huyện.",
            not_competent=not competent,
        ),
    )
    if not competent:
        planner.at(answered + datetime.timedelta(days=20), lambda day: _act(load(), "close"))
        return
    verdict = rng.random()
    said = answered + datetime.timedelta(days=rng.randrange(3, 20))
    if verdict < 0.72:
        planner.at(said, lambda day: _act(load(), "verdict", agree=True))
        if rng.random() < 0.6:
            planner.at(said + datetime.timedelta(days=rng.randrange(5, 40)), lambda day: _act(load(), "close"))
    elif verdict < 0.82:
        planner.at(
            said, lambda day: _act(load(), "verdict", agree=False, note="Cơ sở chưa đồng ý: chưa bố trí kinh phí.")
        )
        again = said + datetime.timedelta(days=rng.randrange(10, 30))
        planner.at(again, lambda day: _act(load(), "answer", text="Đã bố trí kinh phí trong đợt bổ sung dự toán."))
        planner.at(again + datetime.timedelta(days=7), lambda day: _act(load(), "verdict", agree=True))
    elif verdict < 0.92:
        planner.at(said + datetime.timedelta(days=30), lambda day: _act(load(), "resolve"))


def _act(p: Petition, action: str, **kwargs) -> None:
    """Apply a planned step if the item is still where the plan expects it (a duplicate follows its group)."""
    if p.duplicate_of_id:
        return
    allowed = {
        "request_info": ("transferred", "in_progress"),
        "info_received": ("awaiting_info",),
        "answer": ("transferred", "in_progress"),
        "verdict": ("answered",),
        "resolve": ("answered",),
        "close": ("resolved", "not_competent"),
    }[action]
    if p.state not in allowed:
        return
    handler = {
        "request_info": services.petition_request_info,
        "info_received": services.petition_info_received,
        "answer": services.petition_answer,
        "verdict": services.petition_verdict,
        "resolve": services.petition_resolve,
        "close": services.petition_close,
    }[action]
    handler(actor=loader_actor(), petition=p, expected_version=p.version, **kwargs)


def _settle(day: datetime.date, keep: set[int], rng: random.Random) -> None:
    """One step of the 2016 year-end settlement for every primary 2016 item still open but those in `keep`."""
    from .selectors import propose_body

    items = (
        Petition.objects.filter(year=2016, duplicate_of__isnull=True)
        .exclude(state__in=("resolved", "closed"))
        .exclude(pk__in=keep)
        .select_related("body__unit__level", "unit__level")
        .order_by("pk")
    )
    for p in items:
        if p.state in ("received", "classified"):
            body = propose_body(unit=p.unit, field_id=p.field_id, kind=p.kind, on=day)
            services.petition_route(actor=loader_actor(), petition=p, expected_version=p.version, body=body)
        elif p.state == "transferred":
            p = services.petition_start(actor=loader_actor(), petition=p, expected_version=p.version)
        elif p.state == "awaiting_info":
            services.petition_info_received(
                actor=loader_actor(), petition=p, expected_version=p.version, text="Xã đã gửi bổ sung hồ sơ."
            )
        elif p.state == "in_progress":
            services.petition_answer(
                actor=loader_actor(), petition=p, expected_version=p.version, text=rng.choice(SETTLED)
            )
        elif p.state == "answered":
            services.petition_verdict(actor=loader_actor(), petition=p, expected_version=p.version, agree=True)
        else:  # not competent, the citizen guided elsewhere: the desk closes it
            services.petition_close(actor=loader_actor(), petition=p, expected_version=p.version)


def _still_open(rng: random.Random) -> set[int]:
    """The handful of 2016 items that stay open, one per kind of long dispute (land, contributions), in progress
    at a body and past their due date."""
    candidates = list(
        Petition.objects.filter(
            year=2016, duplicate_of__isnull=True, state="in_progress", body__isnull=False, due_on__lt=SETTLEMENT_DAYS[0]
        )
        .order_by("pk")
        .values_list("pk", "content")
    )
    rng.shuffle(candidates)
    kept: dict[str, int] = {}
    for pk, content in candidates:
        for words in LONG_DISPUTES:
            if words in content:
                kept.setdefault(words, pk)
    return set(kept.values())


def _hand_over(ctx, day: datetime.date) -> None:
    """01/07/2025: the open items of every body ended with the district go to the matching provincial body."""
    from danvan.core.models import Body

    ended = (
        Body.objects.filter(
            valid_to__lt=day, pk__in=Petition.objects.exclude(state__in=("resolved", "closed")).values("body")
        )
        .select_related("type")
        .order_by("pk")
    )
    for body in ended:
        successor = ctx.bodies[SUCCESSORS.get(body.type.code, "ubnd-tinh")]
        services.petitions_hand_over(
            actor=loader_actor(), from_body=body, to_body=successor, legal_basis=HANDOVER_BASIS, on=day
        )


def load(ctx) -> None:

    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    fields = {f.code: f for f in MonitoringField.objects.all()}
    _rules(ctx, fields)
    until = dates.today()
    planner = Planner()

    # Items the teams' monthly reports raised (created by the supervision demo through the signal).
    for pk, received in Petition.objects.order_by("received_on", "pk").values_list("pk", "received_on"):
        field = fields["government"] if received.year >= 2024 else rng.choice(list(fields.values()))
        Petition.objects.filter(pk=pk, field__isnull=True).update(field=field)
        _lifecycle(planner, pk, received, rng)

    # 2016: voters, party cells, inspection boards and review conferences.
    sources = ["voter"] * 6 + ["cell_meeting"] * 3 + ["inspection_board", "conference"]
    conferences = {}
    for quarter, held in demo_conferences.HELD.items():

        def hold(day, quarter=quarter):
            conferences[quarter] = demo_conferences.hold(ctx, quarter)
            demo_conferences.follow_up(conferences[quarter])

        planner.at(held, hold, order=0)

        def carry(day, quarter=quarter):
            conference = ReviewConference.objects.get(pk=conferences[quarter].pk)
            services.conference_carry_over(
                actor=loader_actor(), conference=conference, expected_version=conference.version
            )

        planner.at(held, carry, order=9)

    communes, villages = _villages(ctx, D(2016, 6, 1))
    open_by_commune: dict[int, list[int]] = {}

    def intake(day):
        source = rng.choice(sources)
        field_code = rng.choice(list(ASKS))
        unit = rng.choice(villages if rng.random() < 0.8 else communes)
        village = unit.name
        commune_id = unit.parent_id if unit.level.code == "village" else unit.pk
        duplicate = None
        earlier = open_by_commune.get(commune_id, [])
        if earlier and rng.random() < 0.06:
            duplicate = Petition.objects.get(pk=rng.choice(earlier))
            content = duplicate.content + " (cử tri tiếp tục kiến nghị)"
            if duplicate.duplicate_of_id or duplicate.state not in (
                "received",
                "classified",
                "transferred",
                "in_progress",
            ):
                duplicate = None
        else:
            content = rng.choice(ASKS[field_code]).format(village=village)
        kind = rng.choice(["recommendation", "recommendation", "proposal", "difficulty", "obstacle"])
        conference = None
        if source == "conference":
            quarter = (day.month - 1) // 3 + 1
            conference = conferences.get(quarter - 1) if quarter > 1 else None
            if conference is None:
                source = "voter"
        p = services.petition_create(
            actor=loader_actor(),
            source=source,
            kind=kind,
            field=fields[field_code],
            unit=unit,
            content=content,
            raised_by=rng.choice(VOTER_GROUPS).format(village=village) if source == "voter" else "",
            raised_on=day,
            received_on=day + datetime.timedelta(days=rng.choice([0, 0, 1, 2])),
            conference=conference,
            duplicate_of=duplicate,
            historical=True,
        )
        if duplicate is None:
            open_by_commune.setdefault(commune_id, []).append(p.pk)
            _lifecycle(planner, p.pk, p.received_on, rng)

    # Voter meetings before the 22/05/2016 elections and after the sessions, plus a steady flow all year.
    days = [D(2016, 1, 4) + datetime.timedelta(days=rng.randrange(0, 355)) for _ in range(230)]
    days += [D(2016, 4, 18) + datetime.timedelta(days=rng.randrange(0, 25)) for _ in range(70)]
    for day in sorted(days):
        if day.weekday() >= 5:
            day += datetime.timedelta(days=7 - day.weekday())
        planner.at(day, intake, order=0)

    # The year-end settlement of 2016, all but a handful; the hand-over when the district ends.
    settle_rng = random.Random(SEED + 1)  # noqa: S311 - demo data; apart so the year's own draws stay as they were
    keep: set[int] = set()

    def choose(day):
        keep.update(_still_open(settle_rng))

    planner.at(SETTLEMENT_DAYS[0], choose, order=6)
    for day in SETTLEMENT_DAYS:
        planner.at(day, lambda day: _settle(day, keep, settle_rng), order=7)
    planner.at(HANDOVER_DAY, lambda day: _hand_over(ctx, day), order=0)

    # Month ends: warnings and escalations, as the daily cron would have sent them.
    for month in range(1, 13):
        end = (D(2016, month, 28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)
        planner.at(end, lambda day: services.petitions_check_deadlines(day=day), order=8)

    if until >= demo_conferences.D(2026, 9, 25):
        planner.at(demo_conferences.D(2026, 9, 25), lambda day: demo_conferences.hold_2026(ctx), order=0)
    planner.run(until)
    # The demo's escalation notices are history: mark them read so the bell shows what is new.
    from django.utils import timezone

    Notification.objects.filter(key__startswith="petition-", read_at__isnull=True).update(read_at=timezone.now())
