"""A national kiến nghị registry for benchmarks (`danvan bench_petitions`): core's synthetic country
(`core.scale.country`: a people's committee in every commune and eight provincial bodies per province) and N items
received over the last three years with the lifecycle the services would have given them (routing, working-day due
dates, answers, verdicts, reopenings, a backlog, duplicates, quarterly carry-over). Never used by the application.

A million rows through `bulk_create` would take many minutes (SQLite binds at most 999 parameters, so 20 items a
statement). Rows are therefore written as plain tuples a batch at a time (`core.scale.Table`): `COPY` on PostgreSQL,
`executemany` on SQLite. Items get explicit ids so that duplicates and timeline events can point at earlier batches.
Folded text and sort keys are composed from cached pieces and compared with what the services compute on a sample;
the search index follows the inserts (SQLite's FTS5 triggers fire per row, PostgreSQL maintains its GIN index).
"""

import datetime
import functools
import random
from dataclasses import dataclass

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max
from django.utils import timezone

from danvan.core import dates as core_dates
from danvan.core.models import Body, MonitoringField
from danvan.core.scale import PEOPLE, Country, Dates, Table, country, joined_key
from danvan.core.text import fold, sort_key
from danvan.core.workdays import WorkCalendar

from . import services
from .models import (
    CLOCK_RUNNING,
    OPEN_STATES,
    Petition,
    PetitionEvent,
    ResolutionTime,
    ReviewConference,
    Source,
    State,
    Verdict,
)

Action = PetitionEvent.Action

# field code (None: left unclassified), body key, kind, text. Four in twenty mention "đường giao thông".
TOPICS = [
    ("economy", "construction", "recommendation", "Đề nghị sửa chữa tuyến đường giao thông liên thôn bị xuống cấp"),
    ("economy", "construction", "proposal", "Đề xuất lắp biển báo, gờ giảm tốc trên đường giao thông nông thôn"),
    ("economy", "power", "proposal", "Đề xuất lắp điện chiếu sáng trên đường giao thông trục xã"),
    ("grassroots_democracy", "commune", "recommendation", "Đề nghị công khai các khoản đóng góp làm đường giao thông"),
    ("economy", "construction", "difficulty", "Cầu dân sinh bị sạt lở, học sinh đi học gặp nguy hiểm"),
    ("new_rural", "agriculture", "difficulty", "Kênh mương nội đồng bị bồi lấp, thiếu nước tưới cho vụ Đông Xuân"),
    ("new_rural", "agriculture", "recommendation", "Đề nghị hỗ trợ giống, phân bón cho các hộ bị thiệt hại do mưa lũ"),
    ("economy", "agriculture", "obstacle", "Vướng mắc trong cấp giấy chứng nhận quyền sử dụng đất cho các hộ dân"),
    ("economy", "agriculture", "recommendation", "Đề nghị xử lý ô nhiễm môi trường do cơ sở chăn nuôi xả thải"),
    ("culture_society", "health", "recommendation", "Đề nghị bổ sung thuốc và trang thiết bị cho trạm y tế xã"),
    ("culture_society", "health", "difficulty", "Nước sinh hoạt không bảo đảm vệ sinh, đề nghị đầu tư nước sạch"),
    ("culture_society", "education", "difficulty", "Phòng học của điểm trường xuống cấp, thiếu bàn ghế cho học sinh"),
    ("culture_society", "home_affairs", "obstacle", "Chậm chi trả trợ cấp cho người có công và hộ nghèo"),
    ("defence_security", "police", "recommendation", "Đề nghị tăng cường tuần tra, xử lý trộm cắp tài sản ban đêm"),
    ("government", "commune", "obstacle", "Thủ tục hành chính một cửa còn chậm, người dân phải đi lại nhiều lần"),
    ("new_rural", "commune", "recommendation", "Đề nghị nạo vét cống thoát nước khu dân cư, tránh ngập úng mùa mưa"),
    ("culture_society", "commune", "proposal", "Đề xuất sửa chữa nhà văn hóa thôn phục vụ sinh hoạt cộng đồng"),
    ("front_mass_organizations", "commune", "proposal", "Đề nghị hỗ trợ kinh phí hoạt động cho Ban công tác Mặt trận"),
    (None, "commune", "recommendation", "Đề nghị giải quyết dứt điểm tranh chấp lối đi chung giữa các hộ"),
    (None, "committee", "proposal", "Đề xuất chính sách hỗ trợ người dân chuyển đổi nghề sau thu hồi đất"),
]
ANSWERS = [
    "Tiếp thu, đã bố trí kinh phí và giao đơn vị chuyên môn thực hiện trong năm.",
    "Đã kiểm tra thực tế, giải thích với Nhân dân về quy định hiện hành.",
    "Đã chỉ đạo khắc phục; đề nghị cơ sở tuyên truyền để Nhân dân biết.",
    "Đưa vào kế hoạch đầu tư công trung hạn, thực hiện khi được phân bổ vốn.",
]
NOT_COMPETENT = "Nội dung không thuộc thẩm quyền; đã hướng dẫn cơ sở gửi đến cơ quan có thẩm quyền."
SOURCES = {
    Source.MONTHLY_REPORT: 30,
    Source.CELL_MEETING: 15,
    Source.ACTIVITY: 10,
    Source.CONFERENCE: 10,
    Source.INSPECTION_BOARD: 5,
    Source.VOTER: 25,
    Source.OTHER: 5,
}


class Days:
    """Working-day arithmetic over a window in O(1), built from WorkCalendar and with its conventions: `add`
    does not count the start day, `between` counts the working days in (a, b]. Days are ordinals."""

    def __init__(self, start: datetime.date, end: datetime.date):
        calendar = WorkCalendar.load(start, end)
        self.first = start.toordinal()
        self.work: list[int] = []  # the working days, in order
        self.upto: list[int] = []  # by day offset: how many working days up to and including that day
        for ordinal in range(self.first, end.toordinal() + 1):
            if calendar.is_working_day(datetime.date.fromordinal(ordinal)):
                self.work.append(ordinal)
            self.upto.append(len(self.work))

    def add(self, start: int, days: int) -> int:
        return self.work[self.upto[start - self.first] + days - 1]

    def between(self, start: int, end: int) -> int:
        return self.upto[end - self.first] - self.upto[start - self.first] if end > start else 0


@functools.lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    return fold(text)


@dataclass
class Place:
    """An originating unit with its name as it appears in content, folded once."""

    pk: int
    text: str  # "thôn Đông Tây"
    folded: str


def quarter_ends(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The 25th of each quarter's last month between the two days: when provinces hold their review."""
    return [
        datetime.date(y, m, 25)
        for y in range(start.year, end.year + 1)
        for m in (3, 6, 9, 12)
        if start <= datetime.date(y, m, 25) <= end
    ]


def generate(
    *,
    items: int,
    provinces: int = 34,
    communes: int = 98,
    villages: int = 19,
    years: int = 3,
    seed: int = 2026,
    day: datetime.date | None = None,
    land: Country | None = None,
) -> tuple[Country, dict]:
    """`items` kiến nghị received in the `years` before `day` (today), in `land` or a new country. Returns the
    country and the number of rows of each kind."""
    rng = random.Random(seed)  # noqa: S311 - repeatable synthetic data
    day = day or core_dates.today()
    land = land or country(provinces=provinces, communes=communes, villages=villages, seed=seed)
    villages = len(land.villages) // len(land.communes)
    first = day - datetime.timedelta(days=365 * years)
    days = Days(first - datetime.timedelta(days=30), day + datetime.timedelta(days=3 * 366))
    today = day.toordinal()
    fields = {f.code: f.pk for f in MonitoringField.objects.all()}
    limits = {
        (level, kind): n
        for level, kind, n in ResolutionTime.objects.valid_on(day).values_list("level__code", "kind", "working_days")
    }
    conferences = _conferences(land, first, day, rng)
    province_of = {c.pk: c.parent_id for c in land.communes}
    places = [Place(u.pk, f"{u.type.prefix} {u.name}", fold(f"{u.type.prefix} {u.name}")) for u in land.communes]
    village_places = [
        Place(u.pk, f"{u.type.prefix} {u.name}", fold(f"{u.type.prefix} {u.name}")) for u in land.villages
    ]
    next_id = (Petition.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    numbers = dict(
        Petition.objects.filter(year__gte=first.year).values("year").annotate(m=Max("number")).values_list("year", "m")
    )
    received = sorted(rng.randrange(first.toordinal(), today + 1) for _ in range(items))
    sources = rng.choices(list(SOURCES), list(SOURCES.values()), k=items)
    dates = Dates()
    petitions = Table(Petition)
    events = Table(PetitionEvent, skip=("id",))
    carried_rows = Table(Petition.carried_at.through, skip=("id",))
    last_primary: dict[int, dict] = {}  # commune id → the latest item that is not a duplicate, while open
    sample: list[int] = []
    sizes = {"duplicates": 0, "open": 0, "overdue": 0, "carried_over": 0}

    for n, r in enumerate(received):
        pk = next_id + n
        ci = rng.randrange(len(land.communes))
        commune = land.communes[ci]
        place = places[ci] if rng.random() < 0.45 else village_places[ci * villages + rng.randrange(villages)]
        year = datetime.date.fromordinal(r).year
        numbers[year] = number = numbers.get(year, 0) + 1
        field_code, body_key, kind, topic = TOPICS[rng.randrange(len(TOPICS))]
        primary = last_primary.get(commune.pk)
        # Linked while both are open: the primary must still be unresolved when this one comes in.
        duplicate = (
            primary is not None
            and (primary["resolved_on"] is None or primary["resolved_on"] > r)
            and rng.random() < 0.04
        )
        if duplicate:
            # The duplicate takes the primary's place in the flow and follows its answer (services.petition_link).
            life = {k: v for k, v in primary.items() if k not in ("pk", "topic", "kind", "field_code")}
            topic, kind, field_code = primary["topic"], primary["kind"], primary["field_code"]
            if life["working_days_taken"] is not None:
                life["working_days_taken"] = max(0, days.between(r, life["answered_on"]) - life["paused_days"])
            timeline, carried = [(Action.LINKED, r, None)], []
            sizes["duplicates"] += 1
        else:
            province = province_of[commune.pk]
            local = land.commune_bodies[commune.pk]
            # Commune matters stay in the commune; a third of the provincial ones are handed to the commune.
            body = local if body_key == "commune" or rng.random() < 0.3 else land.bodies[province][body_key]
            other = land.bodies[province]["committee"] if body is local else local
            level = "commune" if body is local else "province"
            life, timeline = _life(rng, days, r, today, body, limits[(level, kind)], other)
            if life["state"] == State.RECEIVED and rng.random() < 0.3:
                field_code = None  # not classified yet
            resolved = life["resolved_on"]
            carried = [
                c.pk
                for c in conferences.get(province, ())
                if r <= c.held_on.toordinal() and (resolved is None or resolved > c.held_on.toordinal())
            ]
            life["carried_over"] = bool(carried)
            last_primary[commune.pk] = {
                **life,
                "pk": pk,
                "topic": topic,
                "kind": kind,
                "field_code": field_code,
                "carried_over": False,
            }
        roll = rng.random()
        if roll < 0.35:
            raised_by = PEOPLE[rng.randrange(len(PEOPLE))]
            raised_folded = _fold(raised_by)
        elif roll < 0.85:
            label = "Cử tri" if roll < 0.65 else "Chi bộ"
            raised_by, raised_folded = f"{label} {place.text}", f"{_fold(label)} {place.folded}"
        else:
            raised_by, raised_folded = "", ""
        where = f"tại {place.text}"
        answer = life["answer"]
        petitions.add(
            {
                **{k: dates[v] if k in DATE_FIELDS else v for k, v in life.items()},
                "id": pk,
                "year": year,
                "number": number,
                "source": sources[n],
                "kind": kind,
                "field_id": fields.get(field_code),
                "unit_id": place.pk,
                "content": f"{topic} {where}",
                "raised_by": raised_by,
                "raised_on": dates[r - (0, 0, 1, 2, 3, 7)[n % 6]],
                "received_on": dates[r],
                "duplicate_of_id": primary["pk"] if duplicate else None,
                "search_text": " ".join(
                    p
                    for p in (f"{number:04d}/{year}", _fold(topic), "tai", place.folded, raised_folded, _fold(answer))
                    if p
                ),
                "sort_key": joined_key(topic, where),
            }
        )
        for action, on, body_id in timeline:
            events.add(
                {"petition_id": pk, "action": action, "on": dates[on], "body_id": body_id, "to_state": life["state"]}
            )
        for conference in carried:
            carried_rows.add({"petition_id": pk, "reviewconference_id": conference})
        if n % 997 == 0 and len(sample) < 100:
            sample.append(pk)
        sizes["open"] += life["state"] in OPEN_STATES
        sizes["overdue"] += life["state"] in CLOCK_RUNNING and life["due_on"] is not None and life["due_on"] < today
        sizes["carried_over"] += life["carried_over"]
    for table in (petitions, events, carried_rows):
        table.flush()
    _reset_sequences()
    _check(Petition.objects.filter(pk__in=sample))
    counts = {"conferences": sum(map(len, conferences.values())), "items": petitions.count}
    counts.update(events=events.count, carried_at=carried_rows.count, **sizes)
    return land, {**land.sizes, **counts}


DATE_FIELDS = frozenset(
    ["routed_on", "clock_start", "due_on", "answered_on", "verdict_on", "resolved_on", "closed_on", "paused_since"]
)


def _life(rng, days: Days, r: int, today: int, body: Body, allowed: int, other: Body) -> tuple[dict, list]:
    """The fields of an item received on day `r` and routed to `body` (dates as ordinals), as the services would
    have left them by `today`, and its timeline events that name a body (the ones visibility looks at). A few
    items went to `other` first and were transferred."""
    life = {
        "state": State.RECEIVED,
        "body_id": None,
        "routed_on": None,
        "clock_start": None,
        "allowed_days": None,
        "due_on": None,
        "paused_since": None,
        "paused_days": 0,
        "answer": "",
        "answered_on": None,
        "verdict": "",
        "verdict_on": None,
        "resolved_on": None,
        "closed_on": None,
        "working_days_taken": None,
        "on_time": None,
        "reopen_count": 0,
    }
    timeline = []
    routed = days.add(r, rng.choice((0, 1, 1, 2, 3, 5))) if rng.random() < 0.97 else today + 1
    if routed > today:
        life["state"] = rng.choice((State.RECEIVED, State.CLASSIFIED))
        return life, timeline
    timeline.append((Action.ROUTED, routed, (other if rng.random() < 0.06 else body).pk))
    if timeline[0][2] != body.pk:  # transferred later; the clock continues
        routed = min(today, days.add(routed, rng.randrange(1, 6)))
        timeline.append((Action.TRANSFERRED, routed, body.pk))
    life.update(body_id=body.pk, routed_on=routed, clock_start=r, allowed_days=allowed, due_on=days.add(r, allowed))
    life["state"] = State.TRANSFERRED if days.between(routed, today) < 3 else State.IN_PROGRESS
    # Most answers come within the time limit; one item in ten gets stuck for months (the backlog).
    spread = rng.lognormvariate(0, 0.45) * 0.6 if rng.random() < 0.9 else rng.lognormvariate(1.1, 0.9)
    taken = min(600, max(1, round(spread * allowed)))
    if rng.random() < 0.05:  # the body asked the originator for more information
        ask = days.add(r, max(1, taken // 2))
        paused = rng.randrange(3, 15)
        if days.add(ask, paused) > today >= ask:
            life.update(state=State.AWAITING_INFO, paused_since=ask)
            return life, timeline
        life["paused_days"] = paused
        life["due_on"] = days.add(r, allowed + paused)
    answered = days.add(r, taken + life["paused_days"])
    if answered > today:
        return life, timeline
    not_competent = rng.random() < 0.05
    life.update(
        answer=NOT_COMPETENT if not_competent else ANSWERS[rng.randrange(len(ANSWERS))],
        answered_on=answered,
        working_days_taken=taken,
        on_time=answered <= life["due_on"],
        state=State.NOT_COMPETENT if not_competent else State.ANSWERED,
    )
    timeline.append((Action.NOT_COMPETENT if not_competent else Action.ANSWERED, answered, body.pk))
    roll = rng.random()
    if not_competent:
        life["resolved_on"] = answered
    elif roll < 0.75:  # the originator agrees
        verdict_on = answered + rng.randrange(2, 21)
        if verdict_on <= today:
            life.update(verdict=Verdict.AGREE, verdict_on=verdict_on, state=State.RESOLVED, resolved_on=verdict_on)
    elif roll < 0.85:  # disagrees: reopened with a new period from the verdict day, then a second answer
        verdict_on = answered + rng.randrange(2, 21)
        if verdict_on <= today:
            life.update(
                verdict=Verdict.DISAGREE,
                verdict_on=verdict_on,
                state=State.IN_PROGRESS,
                reopen_count=1,
                clock_start=verdict_on,
                due_on=days.add(verdict_on, allowed),
                working_days_taken=None,
                on_time=None,
            )
            again = days.add(verdict_on, max(1, round(rng.lognormvariate(0, 0.45) * 0.6 * allowed)))
            if again <= today:
                life.update(
                    answered_on=again,
                    working_days_taken=max(0, days.between(r, again) - life["paused_days"]),
                    on_time=again <= life["due_on"],
                    state=State.ANSWERED,
                    verdict="",
                    verdict_on=None,
                )
                timeline.append((Action.ANSWERED, again, body.pk))
                final = again + rng.randrange(2, 21)
                if final <= today:
                    life.update(verdict=Verdict.AGREE, verdict_on=final, state=State.RESOLVED, resolved_on=final)
    elif answered + 30 <= today:  # no verdict: the intake desk confirms after a month
        life.update(state=State.RESOLVED, resolved_on=answered + 30)
    if life["resolved_on"] is not None and life["resolved_on"] + 60 <= today and rng.random() < 0.5:
        life.update(state=State.CLOSED, closed_on=life["resolved_on"] + rng.randrange(30, 60))
    return life, timeline


def _conferences(land: Country, first: datetime.date, day: datetime.date, rng) -> dict[int, list[ReviewConference]]:
    """Provinces' quarterly reviews that carried the unresolved items over (one quarter in three)."""
    rows = [
        ReviewConference(
            unit=province,
            title=f"Giao ban quý {(held.month - 1) // 3 + 1}/{held.year}",
            year=held.year,
            quarter=(held.month - 1) // 3 + 1,
            held_on=held,
            carried_over_at=timezone.make_aware(datetime.datetime.combine(held, datetime.time(16))),
        )
        for province in land.provinces
        for held in quarter_ends(first, day)
        if rng.random() < 1 / 3
    ]
    ReviewConference.objects.bulk_create(rows, batch_size=2000)
    result: dict[int, list[ReviewConference]] = {}
    for row in rows:
        result.setdefault(row.unit_id, []).append(row)
    return result


def _check(sample) -> None:
    """The bulk rows carry the folded text and sort key that the services would have written."""
    for petition in sample:
        if petition.search_text != services.common._search_text(petition):
            raise AssertionError(f"search_text of {petition.code}: {petition.search_text!r}")
        if petition.sort_key != sort_key(petition.content[:200]):
            raise AssertionError(f"sort_key of {petition.code}: {petition.content!r}")


def _reset_sequences() -> None:
    """Explicit ids do not move PostgreSQL's sequence; later inserts in the same transaction must not collide."""
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Petition]):
            cursor.execute(statement)
