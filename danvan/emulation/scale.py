"""A national "Dân vận khéo" registry for benchmarks (`danvan bench_emulation`): the kiến nghị benchmark's synthetic
country (core's units, the roll-up table, provincial bodies) and N initiatives registered over 2019–2025 in the
default six fields, with the yearly cycle's states and results, continuations of last year's models (~40%),
replications of earlier ones (~5%) and award decisions for the praised and awarded. Never used by the application.

Rows are written as plain tuples a batch at a time (`core.scale.Table`: COPY on PostgreSQL, executemany on
SQLite) with explicit ids, so that continuations and replications can point at earlier batches; a million
`bulk_create` model instances would take many minutes. Folded text and sort keys are those the services write
(`services.search_text`, `sort_key(name)`), checked on a sample; the search index follows the inserts.
"""

import datetime
import random

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max

from danvan.core.models import UnitLevel
from danvan.core.scale import Country, Dates, Table, joined_key
from danvan.core.text import fold

from . import services
from .models import Award, AwardForm, Field, Initiative, Kind, Result, State, SubjectType

FIRST_YEAR, LAST_YEAR = 2019, 2025

# Names: one in four says "dân vận" (what the benchmark searches for).
TOPICS = [
    "Dân vận khéo trong xây dựng nông thôn mới",
    "Dân vận khéo vận động hiến đất làm đường giao thông",
    "Dân vận khéo trong chuyển đổi số ở khu dân cư",
    "Dân vận khéo giữ gìn an ninh trật tự thôn xóm",
    "Dân vận khéo trong bảo vệ môi trường, phân loại rác tại nguồn",
    "Mô hình tổ tự quản đường hoa nông thôn",
    "Mô hình camera an ninh khu dân cư",
    "Mô hình nuôi bò nhốt chuồng cho hộ nghèo",
    "Mô hình vườn mẫu, khu dân cư kiểu mẫu",
    "Mô hình chi hội phụ nữ tiết kiệm giúp nhau giảm nghèo",
    "Mô hình thanh niên tình nguyện giúp người già neo đơn",
    "Mô hình cựu chiến binh làm kinh tế giỏi",
    "Mô hình khuyến học, khuyến tài dòng họ",
    "Mô hình hòa giải ở cơ sở",
    "Mô hình một cửa liên thông thân thiện",
    "Mô hình chi bộ bốn tốt",
]
PEOPLE = [
    f"{s} {g}"
    for s in ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Dương")
    for g in ("Văn An", "Thị Bình", "Đức Thắng", "Thị Hoà", "Văn Đường", "Minh Thuỷ", "Quang Vinh", "Thị Lan")
]
KINDS = {Kind.MODEL: 70, Kind.COLLECTIVE: 20, Kind.INDIVIDUAL: 10}
PROVINCE_SHARE = 0.05  # registered by a provincial body; the rest by a commune or one of its villages


def _life(rng, year: int, registered: int, last_year: int) -> dict:
    """State, result and dates (ordinals) of an initiative of `year` as the yearly cycle leaves it: past years
    are evaluated (and a quarter of the effective ones praised or awarded), the last year is still under way."""
    life = {
        "state": State.REGISTERED,
        "result": "",
        "approved_on": None,
        "launched_on": None,
        "reviewed_on": None,
        "evaluated_on": None,
    }
    roll = rng.random()
    if year == last_year:
        if roll < 0.15:
            return life
        if roll < 0.2:
            return {**life, "state": State.RETURNED}
    elif roll < 0.02:
        return {**life, "state": State.RETURNED}
    approved = registered + rng.randrange(5, 30)
    life.update(state=State.APPROVED, approved_on=approved)
    if year == last_year and roll < 0.3:
        return life
    launched = approved + rng.randrange(5, 30)
    life.update(state=State.IMPLEMENTING, launched_on=launched)
    if year == last_year and roll < 0.6:
        return life
    life.update(state=State.REVIEWED, reviewed_on=datetime.date(year, 6, 30).toordinal())
    if year == last_year and roll < 0.8:
        return life
    result = rng.choices((Result.EFFECTIVE, Result.NOT_EFFECTIVE, Result.STOPPED), (75, 18, 7))[0]
    life.update(state=State.EVALUATED, result=result, evaluated_on=datetime.date(year, 12, 15).toordinal())
    if result == Result.EFFECTIVE and rng.random() < 0.25:
        life["state"] = State.AWARDED if rng.random() < 0.6 else State.PRAISED
    return life


def generate(*, items: int, land: Country, seed: int = 2026) -> dict:
    """`items` initiatives of 2019–2025 in `land`, with their awards. Returns the number of rows of each kind."""
    rng = random.Random(seed)  # noqa: S311 - repeatable synthetic data
    fields = list(Field.objects.filter(scope__isnull=True).values_list("pk", flat=True))
    subjects = list(SubjectType.objects.values_list("pk", flat=True))
    forms = {f.code: f for f in AwardForm.objects.all()}
    praise = [f.pk for f in forms.values() if f.is_praise]
    award_forms = [f.pk for code, f in forms.items() if not f.is_praise and code != "giay-khen-ubnd-huyen"]
    levels = dict(UnitLevel.objects.values_list("code", "pk"))
    per_commune = len(land.villages) // len(land.communes)
    communes = [(c.pk, f"{c.type.prefix} {c.name}") for c in land.communes]
    villages = [(v.pk, f"{v.type.prefix} {v.name}") for v in land.villages]
    provinces = [(p, list(land.bodies[p.pk].values())) for p in land.provinces]
    kinds, kind_weights = list(KINDS), list(KINDS.values())

    next_id = (Initiative.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    years = sorted(rng.randrange(FIRST_YEAR, LAST_YEAR + 1) for _ in range(items))
    dates = Dates()
    initiatives = Table(Initiative)
    award_rows = Table(Award, skip=("id",))
    topic_of: list[int] = []  # by offset from next_id: the topic index (a continuation or copy keeps the name)
    # registering unit id → ids of its initiatives of the previous year not yet continued / of this year
    before: dict[int, list[int]] = {}
    current: dict[int, list[int]] = {}
    year_now = None
    sample: list[int] = []
    sizes = {"continuations": 0, "replications": 0, "province_level": 0}

    for n, year in enumerate(years):
        pk = next_id + n
        if year != year_now:
            before, current, year_now = (current if year_now == year - 1 else {}), {}, year
        if rng.random() < PROVINCE_SHARE:
            province, bodies = provinces[rng.randrange(len(provinces))]
            unit_id, place, level = province.pk, province.full_name, levels["province"]
            body_id = bodies[rng.randrange(len(bodies))].pk
            sizes["province_level"] += 1
        else:
            ci = rng.randrange(len(communes))
            unit_id, place = (
                communes[ci] if rng.random() < 0.6 else villages[ci * per_commune + rng.randrange(per_commune)]
            )
            level, body_id = levels["commune"], None
        topic = rng.randrange(len(TOPICS))
        continues = replicates = None
        previous = before.get(unit_id)
        if previous and rng.random() < 0.6:  # ~40% of all rows at a million (fewer at small sizes)
            continues = previous.pop(rng.randrange(len(previous)))
            topic = topic_of[continues - next_id]
            sizes["continuations"] += 1
        elif n and rng.random() < 0.05:
            replicates = next_id + rng.randrange(n)
            topic = topic_of[replicates - next_id]
            sizes["replications"] += 1
        topic_of.append(topic)
        current.setdefault(unit_id, []).append(pk)
        name = f"{TOPICS[topic]} {place}"
        leader = PEOPLE[rng.randrange(len(PEOPLE))]
        registered = datetime.date(year, 1, 10).toordinal() + rng.randrange(80)
        life = _life(rng, year, registered, LAST_YEAR)
        initiatives.add(
            {
                "id": pk,
                "year": year,
                "name": name,
                "kind": rng.choices(kinds, kind_weights)[0],
                "field_id": fields[rng.randrange(len(fields))],
                "unit_id": unit_id,
                "body_id": body_id,
                "subject_type_id": subjects[rng.randrange(len(subjects))],
                "level_id": level,
                "leader": leader,
                "area": place,
                "registered_on": dates[registered],
                "replicates_id": replicates,
                "continues_id": continues,
                "state": life["state"],
                "result": life["result"],
                **{k: dates[life[k]] for k in ("approved_on", "launched_on", "reviewed_on", "evaluated_on")},
                "search_text": fold(f"{name} {leader}  {place}"),
                "sort_key": joined_key(TOPICS[topic], place),
            }
        )
        if life["state"] in (State.PRAISED, State.AWARDED):
            form = rng.choice(praise if life["state"] == State.PRAISED else award_forms)
            # Decided at the year's review or early the next year (table D counts them by decision date).
            decided = datetime.date(year, 12, 20).toordinal() + rng.randrange(60)
            for _ in range(1 if rng.random() < 0.8 else 2):
                award_rows.add(
                    {
                        "initiative_id": pk,
                        "form_id": form,
                        "recipient_kind": rng.choice(list(Award.Recipient)).value,
                        "recipient": leader,
                        "decision_number": f"{rng.randrange(1, 999)}/QĐ",
                        "decided_on": dates[decided],
                    }
                )
        if n % 997 == 0 and len(sample) < 100:
            sample.append(pk)
    for table in (initiatives, award_rows):
        table.flush()
    _reset_sequences()
    _check(Initiative.objects.filter(pk__in=sample))
    return {"initiatives": initiatives.count, "awards": award_rows.count, **sizes}


def _check(sample) -> None:
    """The bulk rows carry the folded text and sort key that the services would have written."""
    from danvan.core.text import sort_key

    for initiative in sample:
        if initiative.search_text != services.search_text(initiative):
            raise AssertionError(f"search_text of {initiative.pk}: {initiative.search_text!r}")
        if initiative.sort_key != sort_key(initiative.name):
            raise AssertionError(f"sort_key of {initiative.pk}: {initiative.name!r}")


def _reset_sequences() -> None:
    """Explicit ids do not move PostgreSQL's sequence; later inserts in the same transaction must not collide."""
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Initiative]):
            cursor.execute(statement)
