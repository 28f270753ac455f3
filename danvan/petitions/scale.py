"""A national kiến nghị registry for benchmarks (`danvan bench_petitions`): a synthetic country built with the
core scale helpers, a people's committee in every commune and eight provincial bodies per province, and N items
received over the last three years with the lifecycle the services would give them (routing, working-day due
dates, answers, verdicts, reopenings, duplicates, quarterly carry-over). Never used by the application itself.

Rows are written in batches with explicit ids, so duplicates and events can point at rows of earlier batches
without holding a million objects in memory. Folded text and sort keys are the ones the services compute
(checked on a sample), and the search index follows: SQLite's FTS5 triggers fire on bulk inserts, and
PostgreSQL's GIN index is maintained on insert.
"""

import datetime
import functools
import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max
from django.utils import timezone

from danvan.core.models import Body, BodyType, Unit, UnitType
from danvan.core.scale import bulk_units, names
from danvan.core.services import units as unit_services
from danvan.core.text import fold, sort_key
from danvan.supervision.models import MonitoringField

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
from .workdays import WorkCalendar

START = datetime.date(2016, 1, 1)
BATCH = 5000
Action = PetitionEvent.Action

# Provincial bodies: key, name, body type. "commune" is the commune's people's committee.
PROVINCE_BODIES = [
    ("committee", "Ủy ban nhân dân", "people_committee"),
    ("construction", "Sở Xây dựng", "department"),
    ("agriculture", "Sở Nông nghiệp và Môi trường", "department"),
    ("health", "Sở Y tế", "department"),
    ("education", "Sở Giáo dục và Đào tạo", "department"),
    ("home_affairs", "Sở Nội vụ", "department"),
    ("police", "Công an", "other"),
    ("power", "Công ty Điện lực", "other"),
]

# field code (None: not yet classified), body key, kind, text. Four of them mention "đường giao thông".
TOPICS = [
    (
        "economy",
        "construction",
        "recommendation",
        "Đề nghị sửa chữa, nâng cấp tuyến đường giao thông liên thôn bị xuống cấp",
    ),
    ("economy", "construction", "proposal", "Đề xuất lắp biển báo, gờ giảm tốc tại ngã ba đường giao thông nông thôn"),
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
    (
        "culture_society",
        "home_affairs",
        "obstacle",
        "Chậm chi trả trợ cấp cho người có công và đối tượng bảo trợ xã hội",
    ),
    ("defence_security", "police", "recommendation", "Đề nghị tăng cường tuần tra, xử lý trộm cắp tài sản ban đêm"),
    ("government", "commune", "obstacle", "Thủ tục hành chính một cửa còn chậm, người dân phải đi lại nhiều lần"),
    ("new_rural", "commune", "recommendation", "Đề nghị nạo vét cống thoát nước khu dân cư, tránh ngập úng mùa mưa"),
    ("culture_society", "commune", "proposal", "Đề xuất sửa chữa nhà văn hóa thôn phục vụ sinh hoạt cộng đồng"),
    ("front_mass_organizations", "commune", "proposal", "Đề nghị hỗ trợ kinh phí hoạt động cho Ban công tác Mặt trận"),
    (None, "commune", "recommendation", "Đề nghị giải quyết dứt điểm tranh chấp lối đi chung giữa các hộ"),
    (None, "committee", "proposal", "Đề xuất chính sách hỗ trợ người dân chuyển đổi nghề sau thu hồi đất"),
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Vũ", "Đặng", "Bùi", "Đỗ", "Dương", "Ngô"]
GIVEN = ["Văn An", "Thị Bình", "Đức Thắng", "Thị Hoà", "Văn Đường", "Minh Thuỷ", "Quang Vinh", "Thị Lan"]
ANSWERS = [
    "Tiếp thu, đã bố trí kinh phí và giao đơn vị chuyên môn thực hiện trong năm.",
    "Đã kiểm tra thực tế, giải thích với Nhân dân về quy định hiện hành.",
    "Đã chỉ đạo khắc phục; đề nghị cơ sở tuyên truyền để Nhân dân biết.",
    "Đưa vào kế hoạch đầu tư công trung hạn, thực hiện khi được phân bổ vốn.",
]
NOT_COMPETENT = "Nội dung không thuộc thẩm quyền; đã hướng dẫn cơ sở gửi đến cơ quan có thẩm quyền."
SOURCES = [
    (Source.MONTHLY_REPORT, 30),
    (Source.CELL_MEETING, 15),
    (Source.ACTIVITY, 10),
    (Source.CONFERENCE, 10),
    (Source.INSPECTION_BOARD, 5),
    (Source.VOTER, 25),
    (Source.OTHER, 5),
]


@dataclass
class Country:
    provinces: list[Unit]
    communes: list[Unit]
    villages: list[Unit]  # `villages` per commune, in commune order
    bodies: dict[int, dict[str, Body]]  # province id → key → body
    commune_bodies: dict[int, Body]  # commune id → people's committee
    sizes: dict = field(default_factory=dict)


def country(*, provinces: int = 34, communes: int = 98, villages: int = 19, seed: int = 2026) -> Country:
    """Provinces, communes and villages (the core benchmark's synthetic country) with their bodies."""
    rng = random.Random(seed)  # noqa: S311 - repeatable synthetic data
    types = {t.code: t for t in UnitType.objects.select_related("level")}
    place = names()
    tag = rng.randrange(10**4)
    province_rows = bulk_units(
        [(f"Tỉnh {i:02d} {next(place)} {tag}", None) for i in range(provinces)], types["province"]
    )
    commune_rows = bulk_units([(next(place), p.pk) for p in province_rows for _ in range(communes)], types["commune"])
    village_rows = bulk_units([(next(place), c.pk) for c in commune_rows for _ in range(villages)], types["village"])
    unit_services.rollup_rebuild([u.pk for u in (*province_rows, *commune_rows, *village_rows)])

    body_types = {t.code: t for t in BodyType.objects.all()}
    rows: list[Body] = []
    for province in province_rows:
        for _key, name, code in PROVINCE_BODIES:
            rows.append(_body(f"{name} {province.full_name}", body_types[code], province))
    for commune in commune_rows:
        rows.append(_body(f"Ủy ban nhân dân {commune.full_name}", body_types["people_committee"], commune))
    Body.objects.bulk_create(rows, batch_size=BATCH)
    per_province = len(PROVINCE_BODIES)
    bodies = {
        p.pk: {key: rows[i * per_province + k] for k, (key, _n, _c) in enumerate(PROVINCE_BODIES)}
        for i, p in enumerate(province_rows)
    }
    commune_bodies = {c.pk: rows[len(province_rows) * per_province + i] for i, c in enumerate(commune_rows)}
    return Country(
        province_rows,
        commune_rows,
        village_rows,
        bodies,
        commune_bodies,
        {"provinces": provinces, "communes": len(commune_rows), "villages": len(village_rows), "bodies": len(rows)},
    )


def _body(name: str, body_type: BodyType, unit: Unit) -> Body:
    # What core.services.orgs.body_save stores for a body without an abbreviation.
    return Body(name=name, type=body_type, unit=unit, valid_from=START, search_text=fold(name), sort_key=sort_key(name))


class Days:
    """Working-day arithmetic over a window in O(1): the n-th working day after a day is a list lookup.
    Same conventions as WorkCalendar (built from it): `add` excludes the start day, `between` counts (a, b]."""

    def __init__(self, start: datetime.date, end: datetime.date):
        calendar = WorkCalendar.load(start, end)
        self.first = start.toordinal()
        self.work: list[int] = []
        self.upto: list[int] = []  # working days <= day, by day offset
        for ordinal in range(self.first, end.toordinal() + 1):
            if calendar.is_working_day(datetime.date.fromordinal(ordinal)):
                self.work.append(ordinal)
            self.upto.append(len(self.work))

    def add(self, start: int, days: int) -> int:
        return self.work[self.upto[start - self.first] + days - 1]

    def between(self, start: int, end: int) -> int:
        return self.upto[end - self.first] - self.upto[start - self.first] if end > start else 0


@functools.lru_cache(maxsize=100_000)
def _fold(text: str) -> str:
    return fold(text)


@functools.lru_cache(maxsize=1000)
def _sort_key(text: str) -> str:
    return sort_key(text[:200])


def search_text(code: str, content_parts: tuple[str, ...], raised_by: str, answer: str) -> str:
    """services._search_text(p) from folded pieces: fold() collapses spaces, so folding the parts one by one
    and joining the non-empty ones with a space gives the same string (checked in `generate`)."""
    parts = [code, *(_fold(p) for p in content_parts), _fold(raised_by), _fold(answer)]
    return " ".join(p for p in parts if p)


class Writer:
    """Buffers rows per model and bulk-inserts them a batch at a time."""

    def __init__(self):
        self.buffers: dict[type, list] = {}
        self.counts: dict[str, int] = {}

    def add(self, obj) -> None:
        buffer = self.buffers.setdefault(type(obj), [])
        buffer.append(obj)
        if len(buffer) >= BATCH:
            self.flush(type(obj))

    def flush(self, model: type | None = None) -> None:
        for kind in [model] if model else list(self.buffers):
            rows = self.buffers.get(kind) or []
            if rows:
                kind.objects.bulk_create(rows, batch_size=BATCH)
                name = kind._meta.model_name
                self.counts[name] = self.counts.get(name, 0) + len(rows)
                rows.clear()


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
) -> tuple[Country, dict]:
    """A country and `items` kiến nghị received over the `years` before `day` (today). Returns the country and
    the sizes written."""
    rng = random.Random(seed)  # noqa: S311 - repeatable synthetic data
    day = day or timezone.localdate()
    land = country(provinces=provinces, communes=communes, villages=villages, seed=seed)
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
    next_id = (Petition.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    numbers = dict(
        Petition.objects.filter(year__gte=first.year).values("year").annotate(m=Max("number")).values_list("year", "m")
    )
    received = sorted(rng.randrange(first.toordinal(), today + 1) for _ in range(items))
    source_values, source_weights = zip(*SOURCES, strict=True)
    sources = rng.choices(source_values, source_weights, k=items)
    last_primary: dict[int, dict] = {}  # commune id → the latest item that is not a duplicate
    writer = Writer()
    checked: list[Petition] = []
    sizes = {"duplicates": 0, "overdue": 0, "carried_over": 0, "open": 0}

    for n, r in enumerate(received):
        pk = next_id + n
        ci = rng.randrange(len(land.communes))
        commune = land.communes[ci]
        unit = commune if rng.random() < 0.45 else land.villages[ci * villages + rng.randrange(villages)]
        year = datetime.date.fromordinal(r).year
        numbers[year] = number = numbers.get(year, 0) + 1
        field_code, body_key, kind, topic = TOPICS[rng.randrange(len(TOPICS))]
        where = f"tại {unit.type.prefix} {unit.name}"
        raised_by = _raised_by(rng, unit)
        code = f"{number:04d}/{year}"
        primary = last_primary.get(commune.pk)
        # Linked while both are open: the primary must still be unresolved when this one comes in.
        duplicate = (
            primary is not None and (primary["resolved"] is None or primary["resolved"] > r) and rng.random() < 0.04
        )
        if duplicate:
            life = dict(primary["life"])
            topic, kind, field_code = primary["topic"], primary["kind"], primary["field_code"]
            if life["answered_on"] is not None and life["working_days_taken"] is not None:
                life["working_days_taken"] = max(0, days.between(r, life["answered_on"]) - life["paused_days"])
            events = [(Action.LINKED, r, None)]
            carried: list[int] = []
            sizes["duplicates"] += 1
        else:
            province = province_of[commune.pk]
            local, upper = land.commune_bodies[commune.pk], land.bodies[province]["committee"]
            # Commune matters stay in the commune; a third of the provincial ones are handed to the commune.
            body = local if body_key == "commune" or rng.random() < 0.3 else land.bodies[province][body_key]
            level = "commune" if body is local else "province"
            life, events = _life(rng, days, r, today, body, limits[(level, kind)], upper if body is local else local)
            if life["state"] == State.RECEIVED and rng.random() < 0.3:
                field_code = None  # not classified yet
            resolved = life["resolved_on"]
            carried = [
                c.pk
                for c in conferences.get(province_of[commune.pk], ())
                if r <= c.held_on.toordinal() and (resolved is None or resolved > c.held_on.toordinal())
            ]
            life["carried_over"] = bool(carried)
        answer = life.pop("answer")
        petition = Petition(
            pk=pk,
            year=year,
            number=number,
            source=sources[n],
            kind=kind,
            field_id=fields.get(field_code),
            unit=unit,
            content=f"{topic} {where}",
            raised_by=raised_by,
            raised_on=datetime.date.fromordinal(r - rng.choice((0, 0, 1, 2, 3, 7))),
            received_on=datetime.date.fromordinal(r),
            duplicate_of_id=primary["pk"] if duplicate else None,
            answer=answer,
            search_text=search_text(code, (topic, where), raised_by, answer),
            sort_key=_sort_key(f"{topic} {where}"),
            **{k: _date(v) if k in DATE_FIELDS else v for k, v in life.items()},
        )
        writer.add(petition)
        if len(checked) < 50 and n % 97 == 0:
            checked.append(petition)
        for action, on, body_id in events:
            writer.add(
                PetitionEvent(petition_id=pk, action=action, on=_date(on), body_id=body_id, to_state=petition.state)
            )
        for conference in carried:
            writer.add(Petition.carried_at.through(petition_id=pk, reviewconference_id=conference))
        if not duplicate:
            last_primary[commune.pk] = {
                "pk": pk,
                "resolved": life["resolved_on"],
                "life": {**life, "answer": answer, "carried_over": False},
                "topic": topic,
                "kind": kind,
                "field_code": field_code,
            }
        state = petition.state
        sizes["open"] += state in OPEN_STATES
        sizes["overdue"] += state in CLOCK_RUNNING and life["due_on"] is not None and life["due_on"] < today
        sizes["carried_over"] += petition.carried_over
    writer.flush()
    _check(checked)
    _reset_sequences()
    sizes = {**land.sizes, "conferences": sum(map(len, conferences.values())), **writer.counts, **sizes}
    return land, sizes


DATE_FIELDS = frozenset(
    ["routed_on", "clock_start", "due_on", "answered_on", "verdict_on", "resolved_on", "closed_on", "paused_since"]
)


def _date(ordinal: int | None) -> datetime.date | None:
    return None if ordinal is None else datetime.date.fromordinal(ordinal)


def _raised_by(rng: random.Random, unit: Unit) -> str:
    roll = rng.random()
    if roll < 0.4:
        return f"Ông (bà) {rng.choice(SURNAMES)} {rng.choice(GIVEN)}"
    if roll < 0.7:
        return f"Cử tri {unit.type.prefix} {unit.name}"
    if roll < 0.85:
        return f"Chi bộ {unit.type.prefix} {unit.name}"
    return ""


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
    events = []
    routed = days.add(r, rng.choice((0, 1, 1, 2, 3, 5))) if rng.random() < 0.97 else r + 400
    if routed > today:
        life["state"] = rng.choice((State.RECEIVED, State.CLASSIFIED))
        return life, events
    events.append((Action.ROUTED, routed, (other if rng.random() < 0.06 else body).pk))
    if events[0][2] != body.pk:  # transferred later; the clock continues
        routed = min(today, days.add(routed, rng.randrange(1, 6)))
        events.append((Action.TRANSFERRED, routed, body.pk))
    life.update(body_id=body.pk, routed_on=routed, clock_start=r, allowed_days=allowed, due_on=days.add(r, allowed))
    life["state"] = State.TRANSFERRED if days.between(routed, today) < 3 else State.IN_PROGRESS
    taken = max(1, round(rng.lognormvariate(0, 0.5) * 0.7 * allowed))
    if rng.random() < 0.05:  # the body asked the originator for more information
        ask = days.add(r, max(1, taken // 2))
        paused = rng.randrange(3, 15)
        if days.add(ask, paused) > today >= ask:
            life.update(state=State.AWAITING_INFO, paused_since=ask)
            return life, events
        life["paused_days"] = paused
        life["due_on"] = days.add(r, allowed + paused)
    answered = days.add(r, taken + life["paused_days"])
    if answered > today:
        return life, events
    not_competent = rng.random() < 0.05
    life.update(
        answer=NOT_COMPETENT if not_competent else rng.choice(ANSWERS),
        answered_on=answered,
        working_days_taken=taken,
        on_time=answered <= life["due_on"],
        state=State.NOT_COMPETENT if not_competent else State.ANSWERED,
    )
    events.append((Action.NOT_COMPETENT if not_competent else Action.ANSWERED, answered, body.pk))
    if not_competent:
        life["resolved_on"] = answered
    else:
        roll = rng.random()
        if roll < 0.75:  # the originator agrees
            verdict_on = answered + rng.randrange(2, 21)
            if verdict_on <= today:
                life.update(verdict=Verdict.AGREE, verdict_on=verdict_on, state=State.RESOLVED, resolved_on=verdict_on)
        elif roll < 0.85:  # disagrees: reopened, a new period from the verdict day, then agrees to a second answer
            verdict_on = answered + rng.randrange(2, 21)
            if verdict_on <= today:
                again = days.add(verdict_on, max(1, round(rng.lognormvariate(0, 0.5) * 0.7 * allowed)))
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
                if again <= today:
                    life.update(
                        answered_on=again,
                        working_days_taken=max(0, days.between(r, again) - life["paused_days"]),
                        on_time=again <= life["due_on"],
                        state=State.ANSWERED,
                        verdict="",
                        verdict_on=None,
                    )
                    events.append((Action.ANSWERED, again, body.pk))
                    final = again + rng.randrange(2, 21)
                    if final <= today:
                        life.update(verdict=Verdict.AGREE, verdict_on=final, state=State.RESOLVED, resolved_on=final)
        else:  # no verdict: the intake desk confirms after a month
            if answered + 30 <= today:
                life.update(state=State.RESOLVED, resolved_on=answered + 30)
    if life["resolved_on"] is not None and life["resolved_on"] + 60 <= today and rng.random() < 0.5:
        life.update(state=State.CLOSED, closed_on=life["resolved_on"] + rng.randrange(30, 60))
    return life, events


def _conferences(land: Country, first: datetime.date, day: datetime.date, rng) -> dict[int, list[ReviewConference]]:
    """Provinces' quarterly reviews (two quarters in three), each carrying the unresolved items over."""
    rows = []
    for province in land.provinces:
        for held in quarter_ends(first, day):
            if rng.random() < 2 / 3:
                rows.append(
                    ReviewConference(
                        unit=province,
                        title=f"Giao ban quý {(held.month - 1) // 3 + 1}/{held.year}",
                        year=held.year,
                        quarter=(held.month - 1) // 3 + 1,
                        held_on=held,
                        carried_over_at=timezone.make_aware(datetime.datetime.combine(held, datetime.time(16))),
                    )
                )
    ReviewConference.objects.bulk_create(rows, batch_size=BATCH)
    result: dict[int, list[ReviewConference]] = {}
    for row in rows:
        result.setdefault(row.unit_id, []).append(row)
    return result


def _check(sample: Iterable[Petition]) -> None:
    """The bulk rows carry what the services would have written."""
    for petition in sample:
        if petition.search_text != services._search_text(petition):
            raise AssertionError(f"search_text of {petition.code}: {petition.search_text!r}")
        if petition.sort_key != sort_key(petition.content[:200]):
            raise AssertionError(f"sort_key of {petition.code}")


def _reset_sequences() -> None:
    """Explicit ids do not move PostgreSQL's sequences; later inserts in the same run must not collide."""
    sql = connection.ops.sequence_reset_sql(no_style(), [Petition])
    with connection.cursor() as cursor:
        for statement in sql:
            cursor.execute(statement)
