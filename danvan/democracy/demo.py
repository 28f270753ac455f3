"""Demo grassroots democracy of Can Lộc. For 2016, under Ordinance 34/2007, all 23 communes: the yearly
contents publicised (most for 30 days or more, some skipped, some posted too briefly) and a few contents
published when they arose; people's inspection boards elected in 2015–2016 in most communes with their
inspections (some plans sent late, one result turned into a kiến nghị); village meetings on contributions,
self-managed matters and village conventions (mostly passed and recognised, a few rejected or left
unrecognised), a village-head election with a late notice and a dismissal followed by a new election;
consultations (one without its response report) and dialogues in three communes. For 2024, under Law
10/2022, thị trấn Nghèn: the twelve contents (one quarter of the budget not published, one list read on the
loudspeaker for only two days), an online vote, a village meeting, a village-head election, a board elected
for the five-year term with two inspections, a consultation on the draft democracy regulation and the yearly
dialogue. Names of people are generated and illustrative; none is a demo official.

Everything goes through the services as the system (actor None), deterministically (one seeded random).
Known gaps of the services are worked around, not hidden: village votes are recorded only where a village
still belongs to its 2016 commune, and a result is recognised only by a body of the right unit valid on
the day of the vote.
"""

import datetime
import random

from danvan.core import demo_data
from danvan.core.models import Person, Unit, UnitVersion
from danvan.core.text import fold

from . import services
from .models import (
    RECOGNISER_BODY,
    CommunityDecision,
    ConsultationForm,
    ConsultationMatter,
    DecisionMatter,
    DisclosureForm,
    DisclosureItem,
)

D = datetime.date
SEED = 3407
YEAR = 2016
ONE_DAY = datetime.timedelta(days=1)

# How well each commune kept the Ordinance in 2016: "full" meets every duty, "good" misses one or two,
# "weak" several. Communes without a board in 2016: three weak communes. Thiên Lộc's board is the one of the
# core demo (its members and the `banttnd` account).
FULL = {"nghen", "dong-loc", "gia-hanh", "tung-loc", "xuan-loc", "son-loc"}
WEAK = {"thuong-nga", "quang-loc", "yen-loc", "vinh-loc", "my-loc", "phu-loc"}
NO_BOARD = {"thuong-nga", "quang-loc", "yen-loc"}
THIEN_LOC_BOARD = [
    ("duong-thi-hai-yen", "head"),
    ("vo-dinh-nhan", "deputy"),
    ("dinh-thi-thao", "member"),
    ("au-van-tien", "member"),
    ("tran-quoc-viet", "member"),
]
# Village heads known to the core demo (chairs of their village meetings).
KNOWN_HEADS = {
    ("nghen", "Trung Tiến"): "bui-van-cuong",
    ("thien-loc", "Vĩnh Đông"): "nguyen-thi-lien",
    ("tien-loc", "Tiến Hòa"): "le-dinh-tu",
    ("dong-loc", "Trung Thành"): "dang-xuan-truong",
    ("kim-loc", "Kim Đài"): "phan-huu-tri",
}

FAMILY = [
    "Nguyễn", "Trần", "Lê", "Phan", "Võ", "Hoàng", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Đinh",
    "Thái", "Đậu", "Hà", "Chu", "Cao", "Lưu", "Mai", "Trương", "Tôn", "Kiều", "Nguyễn", "Trần", "Lê", "Phan",
]  # fmt: skip
MIDDLE_MALE = ["Văn", "Đình", "Hữu", "Xuân", "Công", "Minh", "Đức", "Trọng", "Viết", "Sỹ", "Quốc", "Ngọc"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Thị Thu", "Thị Minh", "Thị Hồng", "Thị Kim"]
GIVEN_MALE = [
    "Hùng", "Dũng", "Thắng", "Lợi", "Tâm", "Bình", "Hiếu", "Nghĩa", "Lâm", "Toàn", "Sáng", "Chiến", "Khánh",
    "Long", "Phong", "Thuận", "Hưng", "Quyết", "Bảo", "Cường", "Hạnh", "Lộc", "Mạnh", "Nam", "Sơn", "Tài",
]  # fmt: skip
GIVEN_FEMALE = [
    "Hương", "Lan", "Mai", "Hằng", "Nhung", "Loan", "Huệ", "Tuyết", "Phương", "Dung", "Hà", "Vân", "Hoa",
    "Ngân", "Quỳnh", "Trang", "Hồng", "Sen", "Thoa", "Liễu",
]  # fmt: skip


class Names:
    """Fictitious full names, each used once, none equal (accents aside) to a person of the core demo."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used = {fold(name) for name in Person.objects.values_list("full_name", flat=True)}

    def __call__(self) -> str:
        while True:
            if self.rng.random() < 0.45:
                name = f"{self.rng.choice(FAMILY)} {self.rng.choice(MIDDLE_FEMALE)} {self.rng.choice(GIVEN_FEMALE)}"
            else:
                name = f"{self.rng.choice(FAMILY)} {self.rng.choice(MIDDLE_MALE)} {self.rng.choice(GIVEN_MALE)}"
            if fold(name) not in self.used:
                self.used.add(fold(name))
                return name

    def many(self, n: int) -> list[str]:
        return [self() for _ in range(n)]


class Ref:
    """Reference rows by code."""

    def __init__(self):
        self.items = {i.code: i for i in DisclosureItem.objects.all()}
        self.forms = {f.code: f for f in DisclosureForm.objects.all()}
        self.matters = {m.code: m for m in DecisionMatter.objects.all()}
        self.topics = {m.code: m for m in ConsultationMatter.objects.all()}
        self.ways = {f.code: f for f in ConsultationForm.objects.all()}


def _label(unit: Unit, day: datetime.date) -> tuple[str, str]:
    """("xã Đồng Lộc", "xã") as the unit was named on `day`."""
    version = UnitVersion.objects.valid_on(day).select_related("type").get(unit=unit)
    return f"{version.type.prefix} {version.name}", version.type.prefix


def _villages(commune: Unit, day: datetime.date) -> list[tuple[Unit, str]]:
    """The villages of the commune on `day`, with their label of that day."""
    versions = (
        UnitVersion.objects.valid_on(day)
        .filter(parent=commune)
        .select_related("unit", "type")
        .order_by("unit__sort_key", "unit_id")
    )
    return [(v.unit, f"{v.type.prefix} {v.name}") for v in versions]


def _between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


def _weekday(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += ONE_DAY
    return day


def _sunday(day: datetime.date) -> datetime.date:
    return day + datetime.timedelta(days=(6 - day.weekday()) % 7)


# --- disclosures --------------------------------------------------------------------------------------------

# Item → (title, first and last day it starts in 2016), for the contents published every year.
YEARLY_2016 = {
    "pl-cc-01": ("Dự toán ngân sách {u} năm 2016", D(2016, 1, 6), D(2016, 1, 28)),
    "pl-cc-04": (
        "Nhiệm vụ, quyền hạn của cán bộ, công chức {u} trực tiếp giải quyết công việc của Nhân dân năm 2016",
        D(2016, 1, 11),
        D(2016, 2, 26),
    ),
    "pl-cc-05": ("Các khoản huy động Nhân dân đóng góp xây dựng nông thôn mới năm 2016", D(2016, 3, 1), D(2016, 5, 20)),
    "pl-cc-10": ("Mức thu phí chợ, lệ phí chứng thực năm 2016", D(2016, 1, 4), D(2016, 1, 29)),
    "pl-cc-11": (
        "Thủ tục hành chính giải quyết tại Bộ phận tiếp nhận và trả kết quả {u} năm 2016",
        D(2016, 2, 15),
        D(2016, 3, 31),
    ),
}
AUDIT_2015 = ("Quyết toán ngân sách năm 2015 của {u}", D(2016, 7, 4), D(2016, 7, 29))
ARISING_2016 = {
    "pl-cc-02": (
        [
            "Dự án đường giao thông liên thôn {v}: kế hoạch, tiến độ và phương án hỗ trợ giải phóng mặt bằng",
            "Công trình kênh mương nội đồng {v}: dự toán, tiến độ, mức Nhân dân đóng góp",
            "Dự án nâng cấp trạm y tế {u}: chủ đầu tư, tổng mức đầu tư, tiến độ",
        ],
        D(2016, 3, 14),
        D(2016, 9, 30),
    ),
    "pl-cc-06": (
        ["Danh sách hộ nghèo được vay vốn Ngân hàng Chính sách xã hội năm 2016"],
        D(2016, 4, 1),
        D(2016, 6, 30),
    ),
    "pl-cc-08": (
        [
            "Kết quả kiểm tra việc thu, chi các khoản đóng góp của Nhân dân năm 2015",
            "Kết quả giải quyết đơn thư về quản lý đất đai ở {v}",
        ],
        D(2016, 6, 1),
        D(2016, 10, 31),
    ),
}


def _disclose(ref, rng, unit, code, title, start, days, *, forms=None, loudspeaker=None, place="", done_by=""):
    if forms is None:
        forms = ["niem-yet"]
        if rng.random() < 0.5:
            forms.append("loa-truyen-thanh")
        if rng.random() < 0.3:
            forms.append("qua-truong-thon")
    if "loa-truyen-thanh" in forms and loudspeaker is None:
        loudspeaker = min(days, rng.choice([2, 3, 3, 4, 5]))
    return services.disclosure_create(
        actor=None,
        unit=unit,
        item=ref.items[code],
        title=title,
        forms=[ref.forms[c] for c in forms],
        started_on=start,
        ended_on=start + datetime.timedelta(days=days - 1),
        loudspeaker_days=loudspeaker,
        place=place,
        done_by=done_by,
    )


def _disclosures_2016(ref, rng, key: str, commune: Unit) -> int:
    label, prefix = _label(commune, D(YEAR, 6, 1))
    villages = _villages(commune, D(YEAR, 6, 1))
    places = [f"Trụ sở UBND {prefix}", f"Nhà văn hóa {prefix}", f"Trụ sở UBND {prefix} và nhà văn hóa các thôn"]
    doers = [f"Văn phòng UBND {prefix}", f"Văn phòng UBND {prefix}", f"Công chức Tài chính - Kế toán {prefix}"]
    codes = list(YEARLY_2016)
    skipped, short = set(), set()
    if key not in FULL:
        if key in WEAK:
            skipped = set(rng.sample(codes, rng.choice([1, 2])))
            short = {rng.choice([c for c in codes if c not in skipped])}
        elif rng.random() < 0.5:
            skipped = {rng.choice(codes)}
        else:
            short = {rng.choice(codes)}
    count = 0
    for code in codes:
        if code in skipped:
            continue
        title, first, last = YEARLY_2016[code]
        days = rng.randrange(20, 26) if code in short else rng.randrange(30, 46)
        _disclose(
            ref,
            rng,
            commune,
            code,
            title.format(u=label),
            _between(rng, first, last),
            days,
            place=rng.choice(places),
            done_by=rng.choice(doers),
        )
        count += 1
    if rng.random() < (0.8 if key in FULL else 0.5):
        title, first, last = AUDIT_2015
        _disclose(
            ref,
            rng,
            commune,
            "pl-cc-01",
            title.format(u=label),
            _between(rng, first, last),
            rng.randrange(30, 40),
            place=places[0],
            done_by=doers[2],
        )
        count += 1
    for code, (titles, first, last) in ARISING_2016.items():
        if rng.random() < {"pl-cc-02": 0.4, "pl-cc-06": 0.3, "pl-cc-08": 0.25}[code]:
            village = rng.choice(villages)[1] if villages else label
            days = rng.randrange(22, 28) if key in WEAK and rng.random() < 0.3 else rng.randrange(30, 40)
            _disclose(
                ref,
                rng,
                commune,
                code,
                rng.choice(titles).format(u=label, v=village),
                _between(rng, first, last),
                days,
                place=rng.choice(places),
                done_by=doers[0],
            )
            count += 1
    return count


# --- community decisions ------------------------------------------------------------------------------------

DECISIONS_2016 = {
    "pl-qd-01": [
        ("Mức đóng góp bê tông hóa đường trục {v} năm 2016", "300.000 đồng/khẩu; hộ nghèo được miễn"),
        ("Đóng góp xây dựng nhà văn hóa {v}", "500.000 đồng/hộ, nộp trong hai đợt"),
        ("Đóng góp làm rãnh thoát nước đường ngõ xóm {v}", "200.000 đồng/hộ và ngày công lao động"),
        ("Mức đóng góp lắp đặt điện chiếu sáng đường thôn {v}", "150.000 đồng/hộ"),
    ],
    "pl-qd-02": [
        ("Thành lập tổ tự quản vệ sinh môi trường {v}", "mức thu 10.000 đồng/hộ/tháng"),
        ("Mức đóng góp quỹ khuyến học {v} năm 2016", "20.000 đồng/khẩu"),
        ("Quy chế hoạt động tổ hòa giải {v}", "tổ 5 người, họp hằng quý"),
        ("Tổ chức lễ mừng thọ người cao tuổi {v}", "quỹ thôn chi, không thu thêm"),
    ],
    "pl-qd-03": [("Sửa đổi, bổ sung hương ước {v}", "bổ sung quy định việc cưới, việc tang văn minh")],
}
IMPLEMENTED = [
    "Đã thu đủ {p}% số tiền đóng góp; công trình hoàn thành, nghiệm thu đưa vào sử dụng.",
    "Ban phát triển thôn đã tổ chức thu, chi công khai; hoàn thành theo kế hoạch.",
]
IMPLEMENTING = "Đang thu đóng góp (đạt {p}%); Ban phát triển thôn công khai thu chi hằng tháng."


def _expected_recogniser(decision: CommunityDecision):
    """The body of the unit the rule names, valid on the day of the vote, among those the service offers."""
    _kind, level = RECOGNISER_BODY[decision.rule.recogniser]
    unit = decision.unit
    if level != "commune":
        unit = UnitVersion.objects.valid_on(decision.held_on).get(unit=decision.unit).parent
    for body in services.recogniser_bodies(decision):
        if body.unit_id == unit.pk and body.is_valid_on(decision.held_on):
            return body
    return None


def _vote_counts(rng, total: int, passed: bool) -> dict:
    present = round(total * rng.uniform(0.72, 0.95))
    votes_for = rng.randrange(total // 2 + 1, present - 1) if passed else total // 2 - rng.randrange(0, 12)
    abstain = rng.randrange(0, 4)
    return {
        "total": total,
        "present": present,
        "votes_for": votes_for,
        "votes_against": max(0, present - votes_for - abstain),
    }


def _decide(rng, names, heads, *, place, place_label, key, matter, title, held, passed=True, **extra):
    counts = extra.pop("counts", None) or _vote_counts(rng, rng.randrange(120, 351), passed)
    method = extra.pop("method", None) or ("secret" if rng.random() < 0.3 else "hands")
    chair = heads.get((key, place.name)) or heads.setdefault((key, place.name), names())
    return services.decision_create(
        actor=None,
        place=place,
        matter=matter,
        title=title,
        held_on=held,
        form=extra.pop("form", "meeting"),
        basis=extra.pop("basis", "households"),
        method=method,
        counting_team=names.many(rng.choice([3, 3, 5])) if method == "secret" else [],
        chair=chair,
        secretary=names(),
        minutes=extra.pop("minutes", f"Họp {place_label}; đại biểu UBND và UB MTTQ dự."),
        declared="passed" if passed else "rejected",
        **counts,
        **extra,
    )


def _recognise(decision, day, number) -> bool:
    body = _expected_recogniser(decision)
    if body is None:
        return False
    services.decision_recognise(
        actor=None, decision=decision, expected_version=decision.version, body=body, number=number, day=day
    )
    decision.refresh_from_db()
    return True


def _decisions_2016(ctx, ref, rng, names, heads) -> list[CommunityDecision]:
    made = []
    serial = 0
    rejected_left = 2
    for spec in demo_data.COMMUNES:
        key = spec["key"]
        commune = ctx.commune_on(key, D(YEAR, 6, 1))
        # The vote service files a vote under the village's current commune: only villages still there.
        villages = [(v, lbl) for v, lbl in _villages(commune, D(YEAR, 6, 1)) if v.parent_id == commune.pk]
        if not villages:
            continue
        for village, village_label in rng.sample(villages, min(len(villages), rng.choice([2, 2, 3]))):
            roll = rng.random()
            code = "pl-qd-01" if roll < 0.5 else "pl-qd-02" if roll < 0.82 or key in FULL else "pl-qd-03"
            title, note = rng.choice(DECISIONS_2016[code])
            passed = True
            if rejected_left and key in WEAK and code != "pl-qd-03":
                passed, rejected_left = False, rejected_left - 1
            held = _between(rng, D(YEAR, 3, 1), D(YEAR, 11, 20))
            decision = _decide(
                rng,
                names,
                heads,
                place=village,
                place_label=village_label,
                key=key,
                matter=ref.matters[code],
                title=title.format(v=village_label),
                held=held,
                passed=passed,
                basis="voters" if rng.random() < 0.2 else "households",
                minutes=f"Họp {village_label} bàn và biểu quyết: {note}.",
            )
            made.append(decision)
            if not decision.passed:
                continue
            serial += 1
            if key not in FULL and rng.random() < (0.35 if key in WEAK else 0.12):
                continue  # never recognised: shows as an unmet duty
            late = key not in FULL and rng.random() < 0.25
            day = held + datetime.timedelta(days=rng.randrange(8, 13) if late else rng.randrange(1, 4))
            if not _recognise(decision, day, f"{serial:02d}/QĐ-UBND"):
                continue
            if code == "pl-qd-01" and rng.random() < 0.8:
                done = rng.random() < 0.6
                services.decision_implement(
                    actor=None,
                    decision=decision,
                    expected_version=decision.version,
                    text=(rng.choice(IMPLEMENTED) if done else IMPLEMENTING).format(p=rng.randrange(82, 100)),
                    done_on=day + datetime.timedelta(days=rng.randrange(40, 90)) if done else None,
                )
    return made


def _elections_2016(ctx, ref, rng, names, heads) -> list[CommunityDecision]:
    """A regular village-head election with a late notice, and a dismissal followed by a new election."""
    made = []
    matter = ref.matters["pl-qd-04"]
    # Thượng Lộc, thôn Thượng Xuân: notice only five days before the vote.
    commune = ctx.commune_on("thuong-loc", D(YEAR, 6, 19))
    village, label = next((v, lbl) for v, lbl in _villages(commune, D(YEAR, 6, 19)) if v.name == "Thượng Xuân")
    elected, other = names(), names()
    held = D(YEAR, 6, 19)
    election = _decide(
        rng,
        names,
        heads,
        place=village,
        place_label=label,
        key="thuong-loc",
        matter=matter,
        title=f"Bầu trưởng {label} nhiệm kỳ 2016–2018",
        held=held,
        method="secret",
        counts={"total": 212, "present": 196, "votes_for": 151, "votes_against": 41},
        plan_on=held - datetime.timedelta(days=25),
        team_on=held - datetime.timedelta(days=12),
        notice_on=held - datetime.timedelta(days=5),
        candidates=f"{elected}\n{other}",
        elected=elected,
        minutes=f"Hội nghị cử tri đại diện hộ gia đình {label} bầu trưởng thôn; hai người ứng cử.",
    )
    _recognise(election, D(YEAR, 6, 21), "45/QĐ-UBND")
    heads[("thuong-loc", village.name)] = elected
    made.append(election)
    # Mỹ Lộc, thôn Tân Thành: the head resigns for health reasons; a new head is elected 42 days later.
    commune = ctx.commune_on("my-loc", D(YEAR, 8, 14))
    village, label = next((v, lbl) for v, lbl in _villages(commune, D(YEAR, 8, 14)) if v.name == "Tân Thành")
    dismissed = D(YEAR, 8, 14)
    dismissal = _decide(
        rng,
        names,
        heads,
        place=village,
        place_label=label,
        key="my-loc",
        matter=matter,
        title=f"Miễn nhiệm trưởng {label} (xin thôi vì lý do sức khỏe)",
        held=dismissed,
        method="secret",
        counts={"total": 186, "present": 160, "votes_for": 148, "votes_against": 9},
        dismissal=True,
        minutes=f"Trưởng {label} có đơn xin thôi; hội nghị biểu quyết miễn nhiệm.",
    )
    _recognise(dismissal, D(YEAR, 8, 16), "52/QĐ-UBND")
    made.append(dismissal)
    held = dismissed + datetime.timedelta(days=42)
    elected = names()
    heads[("my-loc", village.name)] = elected
    election = _decide(
        rng,
        names,
        heads,
        place=village,
        place_label=label,
        key="my-loc",
        matter=matter,
        title=f"Bầu trưởng {label} (bầu lại sau miễn nhiệm)",
        held=held,
        method="secret",
        counts={"total": 186, "present": 171, "votes_for": 139, "votes_against": 30},
        plan_on=held - datetime.timedelta(days=24),
        team_on=held - datetime.timedelta(days=13),
        notice_on=held - datetime.timedelta(days=9),
        dismissal_on=dismissed,
        candidates=elected,
        elected=elected,
    )
    _recognise(election, held + datetime.timedelta(days=2), "61/QĐ-UBND")
    made.append(election)
    return made


# --- consultations and dialogues ----------------------------------------------------------------------------

CONSULTATIONS_2016 = [
    # key, matter, title, forms, opened, closed, asked, response on (None: never published), response
    (
        "gia-hanh",
        "pl-yk-01",
        "Dự thảo kế hoạch phát triển kinh tế - xã hội năm 2017 của {u}",
        ["pl-ht-01", "pl-ht-03"],
        D(2016, 10, 10),
        D(2016, 10, 31),
        860,
        D(2016, 11, 14),
        "Tiếp thu 14 ý kiến về giao thông nội đồng và chăn nuôi; giải trình mức đầu tư nhà văn hóa.",
    ),
    (
        "nghen",
        "pl-yk-02",
        "Dự thảo điều chỉnh quy hoạch sử dụng đất đến năm 2020 của {u}",
        ["pl-ht-01", "pl-ht-02"],
        D(2016, 8, 1),
        D(2016, 8, 26),
        1240,
        D(2016, 9, 12),
        "Tiếp thu ý kiến giữ quỹ đất chợ và bãi đỗ xe; điều chỉnh vị trí khu dân cư mới phía Nam.",
    ),
    (
        "quang-loc",
        "pl-yk-03",
        "Phương án bồi thường, hỗ trợ giải phóng mặt bằng dự án nâng cấp đường liên xã qua {u}",
        ["pl-ht-01"],
        D(2016, 5, 3),
        D(2016, 5, 31),
        430,
        None,
        "",
    ),
    (
        "son-loc",
        "pl-yk-05",
        "Dự thảo quy chế quản lý nghĩa trang nhân dân {u}",
        ["pl-ht-01", "pl-ht-03"],
        D(2016, 4, 4),
        D(2016, 4, 29),
        720,
        D(2016, 5, 16),
        "Tiếp thu ý kiến về khoảng cách mộ và mức đóng góp; bổ sung quy định hung táng, cát táng.",
    ),
    (
        "thien-loc",
        "pl-yk-05",
        "Dự thảo quy định về thu gom, xử lý rác thải sinh hoạt {u}",
        ["pl-ht-01", "pl-ht-02"],
        D(2016, 9, 5),
        D(2016, 9, 30),
        980,
        D(2016, 10, 20),
        "Tiếp thu đề nghị giảm mức thu cho hộ nghèo, tăng số ngày thu gom ở các thôn xa.",
    ),
]

DIALOGUES_2016 = [
    # key, chair (core demo person), topic, notice, held, participants, results on, results
    (
        "nghen",
        "phan-van-duc",
        "Đối thoại với Nhân dân về trật tự đô thị và sắp xếp chợ Nghèn",
        D(2016, 7, 1),
        D(2016, 7, 12),
        145,
        D(2016, 7, 20),
        "Trả lời 18 ý kiến; thống nhất lộ trình sắp xếp ki-ốt chợ Nghèn trong quý IV.",
    ),
    (
        "thien-loc",
        "nguyen-dinh-khoa",
        "Đối thoại với Nhân dân về dồn điền đổi thửa và giao thông nội đồng",
        D(2016, 3, 2),
        D(2016, 3, 10),
        210,
        D(2016, 3, 18),
        "Trả lời 23 ý kiến; giao các thôn rà soát lại diện tích chênh lệch sau dồn điền.",
    ),
    (
        "tung-loc",
        "hoang-van-minh",
        "Đối thoại với Nhân dân về cấp giấy chứng nhận quyền sử dụng đất",
        D(2016, 10, 14),
        D(2016, 10, 19),
        120,
        None,
        "",
    ),
]


def _consultations_2016(ctx, ref) -> int:
    for key, code, title, forms, opened, closed, asked, response_on, response in CONSULTATIONS_2016:
        commune = ctx.commune_on(key, opened)
        label, prefix = _label(commune, opened)
        answered = asked * 7 // 10
        services.consultation_create(
            actor=None,
            unit=commune,
            matter=ref.topics[code],
            title=title.format(u=label),
            forms=[ref.ways[c] for c in forms],
            opened_on=opened,
            closed_on=closed,
            asked=asked,
            answered=answered,
            agree=answered * 85 // 100,
            disagree=answered * 6 // 100,
            other=answered - answered * 85 // 100 - answered * 6 // 100,
            response_on=response_on,
            response=response,
        )
        if response_on is not None:
            services.disclosure_create(
                actor=None,
                unit=commune,
                item=ref.items["pl-cc-09"],
                title="Kết quả tiếp thu ý kiến Nhân dân: " + title.format(u=label),
                forms=[ref.forms["niem-yet"], ref.forms["qua-truong-thon"]],
                started_on=response_on,
                ended_on=response_on + datetime.timedelta(days=30),
                place=f"Trụ sở UBND {prefix}",
                done_by=f"Văn phòng UBND {prefix}",
            )
    return len(CONSULTATIONS_2016)


def _dialogues_2016(ctx) -> int:
    for key, chair, title, notice, held, participants, results_on, results in DIALOGUES_2016:
        commune = ctx.commune_on(key, held)
        prefix = _label(commune, held)[1]
        services.dialogue_create(
            actor=None,
            unit=commune,
            title=title,
            notice_on=notice,
            held_on=held,
            place=f"Hội trường UBND {prefix}",
            chair=ctx.people[chair].full_name,
            participants=participants,
            results_on=results_on,
            results=results,
        )
    return len(DIALOGUES_2016)


# --- people's inspection boards -----------------------------------------------------------------------------

INSPECTIONS = [
    ("Việc thu, chi quỹ đóng góp bê tông hóa đường {v}", "Ban phát triển {v}"),
    ("Việc bình xét hộ nghèo, hộ cận nghèo năm 2016", "Hội đồng bình xét hộ nghèo {u}"),
    ("Việc công khai dự toán, thu chi ngân sách {u} năm 2016", "UBND {u}"),
    ("Việc thu phí chợ và sử dụng nguồn thu", "Ban quản lý chợ {u}"),
    ("Việc cấp phát gạo hỗ trợ hộ nghèo, hộ gặp khó khăn năm 2016", "UBND {u}"),
    ("Việc giải quyết đơn kiến nghị về đất đai của công dân {v}", "Công chức Địa chính - Xây dựng {u}"),
]
FINDINGS = [
    "Thu, chi đúng mức Nhân dân đã biểu quyết; sổ sách đầy đủ, đã công khai tại nhà văn hóa thôn.",
    "Cơ bản đúng quy định; đề nghị công khai chi tiết hơn các khoản chi hằng tháng.",
    "Một số chứng từ chi chưa đủ chữ ký; đề nghị bổ sung và công khai lại trong tháng.",
    "Đúng đối tượng, đúng quy trình; không phát hiện sai phạm.",
]
PETITION_FINDING = (
    "Chưa niêm yết công khai quyết toán các khoản Nhân dân đóng góp làm đường năm 2015; đề nghị UBND xã chỉ đạo "
    "Ban phát triển thôn công khai và báo cáo kết quả."
)


def _plan_sent(rng, starts: datetime.date, working_days: int, late: bool) -> datetime.date:
    """A working day on which the plan was sent: by the deadline, or (late) one to three working days before."""
    if late:
        return services.plan_deadline(starts, rng.choice([1, 2, 3]))
    day = services.plan_deadline(starts, working_days) - datetime.timedelta(days=rng.randrange(0, 8))
    while day.weekday() >= 5:
        day -= ONE_DAY
    return day


def _members(rng, names, villages, size: int) -> list[dict]:
    rows = []
    for i in range(size):
        village = villages[i % len(villages)][0] if villages else None
        role = "head" if i == 0 else "deputy" if i == 1 else "member"
        rows.append({"full_name": names(), "role": role, "village": village})
    return rows


def _boards_2016(ctx, rng, names) -> tuple[int, int]:
    boards = inspections = 0
    petition_raised = False
    for spec in demo_data.COMMUNES:
        key = spec["key"]
        if key in NO_BOARD:
            continue
        elected = _between(rng, D(2015, 3, 1), D(2016, 3, 31))
        commune = ctx.commune_on(key, elected)
        label, _prefix = _label(commune, D(YEAR, 6, 1))
        villages = _villages(commune, elected)
        members = _members(rng, names, villages, rng.choice([5, 5, 6, 7, 7, 9]))
        if key == "thien-loc":
            elected = D(2015, 7, 1)
            members = [
                {"full_name": ctx.people[k].full_name, "role": role, "person": ctx.people[k]}
                for k, role in THIEN_LOC_BOARD
            ]
        board = services.board_create(
            actor=None,
            unit=commune,
            elected_on=elected,
            recognised_on=elected + datetime.timedelta(days=rng.randrange(2, 8)),
            note="Bầu tại hội nghị đại biểu Nhân dân do UB MTTQ triệu tập.",
            members=members,
        )
        boards += 1
        all_villages = _villages(commune, D(YEAR, 6, 1))
        subjects = rng.sample(INSPECTIONS, rng.choice([1, 2, 2, 3]))
        for n, (subject, inspected) in enumerate(subjects):
            starts = _between(rng, D(YEAR, 3 + 3 * n, 1), D(YEAR, 4 + 3 * n, 28))
            starts = _weekday(max(starts, elected + datetime.timedelta(days=21)))
            village = rng.choice(all_villages)[1] if all_villages else label
            late = key not in FULL and rng.random() < 0.35
            inspection = services.inspection_create(
                actor=None,
                board=board,
                subject=subject.format(u=label, v=village),
                inspected=inspected.format(u=label, v=village),
                sent_on=_plan_sent(rng, starts, board.rule_set.plan_notice_working_days, late),
                starts_on=starts,
            )
            inspections += 1
            raise_petition = not petition_raised and key == "vuong-loc"
            if rng.random() < 0.2 and not raise_petition:
                continue  # no result recorded yet
            services.inspection_result(
                actor=None,
                inspection=inspection,
                expected_version=inspection.version,
                result_on=starts + datetime.timedelta(days=rng.randrange(4, 20)),
                findings=PETITION_FINDING if raise_petition else rng.choice(FINDINGS),
                raise_petition=raise_petition,
            )
            petition_raised = petition_raised or raise_petition
    return boards, inspections


# --- 2024: thị trấn Nghèn under Law 10/2022 -----------------------------------------------------------------

LAW_FORMS = ["niem-yet", "cong-thong-tin"]
LOUD = ["niem-yet", "loa-truyen-thanh", "cong-thong-tin"]
DISCLOSURES_2024 = [
    # item, title, start, days, forms, loudspeaker days
    ("cc-01", "Kế hoạch phát triển kinh tế - xã hội năm 2024 của {u}", D(2024, 1, 8), 35, LAW_FORMS, None),
    ("cc-02", "Dự toán ngân sách {u} năm 2024", D(2024, 1, 10), 32, LAW_FORMS, None),
    ("cc-02", "Tình hình thực hiện ngân sách quý I năm 2024", D(2024, 4, 10), 30, LAW_FORMS, None),
    ("cc-02", "Tình hình thực hiện ngân sách 6 tháng đầu năm và quyết toán ngân sách năm 2023", D(2024, 7, 9), 31,
     LAW_FORMS, None),
    # The report of nine months (October) was not published: the quarter is due again at the end of 2024.
    ("cc-03", "Dự án mở rộng đường Nguyễn Huy Tự qua {u}: phương án bồi thường, hỗ trợ, tái định cư",
     D(2024, 5, 6), 45, ["niem-yet", "thong-bao-ho", "cong-thong-tin"], None),
    ("cc-04", "Nhiệm vụ, quyền hạn của cán bộ, công chức {u} trực tiếp giải quyết công việc của Nhân dân",
     D(2024, 1, 15), 40, LAW_FORMS, None),
    ("cc-05", "Thủ tục hành chính giải quyết tại Bộ phận một cửa {u} năm 2024", D(2024, 2, 19), 45, LAW_FORMS,
     None),
    ("cc-06", "Các khoản huy động Nhân dân đóng góp xây dựng đô thị văn minh năm 2024", D(2024, 3, 4), 35,
     ["niem-yet", "mang-xa-hoi"], None),
    # Read on the loudspeaker for two days only, where three consecutive days are required.
    ("cc-07", "Danh sách hộ nghèo, hộ cận nghèo được hỗ trợ bảo hiểm y tế năm 2024", D(2024, 3, 18), 30, LOUD, 2),
    ("cc-08", "Kết luận kiểm tra việc quản lý, sử dụng đất công ích {u}", D(2024, 8, 12), 30, LOUD, 3),
    ("cc-09", "Kết quả lấy phiếu tín nhiệm Chủ tịch, Phó Chủ tịch UBND {u} tại kỳ họp cuối năm 2023",
     D(2024, 1, 5), 30, LOUD, 3),
    ("cc-10", "Kết quả tiếp thu ý kiến Nhân dân đối với dự thảo Quy chế thực hiện dân chủ ở cơ sở {u}",
     D(2024, 4, 8), 30, ["niem-yet", "loa-truyen-thanh", "tin-nhan"], 3),
    ("cc-11", "Mức thu phí chợ Nghèn, lệ phí chứng thực năm 2024", D(2024, 1, 3), 36, LOUD, 4),
    ("cc-12", "Lịch tiếp công dân của Chủ tịch UBND {u} năm 2024", D(2024, 1, 22), 30, LOUD, 3),
]  # fmt: skip


def _nghen_2024(ctx, ref, rng, names, heads) -> dict:
    day = D(2024, 12, 31)
    commune = ctx.commune_on("nghen", day)
    label, prefix = _label(commune, D(2024, 6, 1))
    counts = {"disclosures": 0, "decisions": 0, "inspections": 0}
    for code, title, start, days, forms, loudspeaker in DISCLOSURES_2024:
        _disclose(
            ref,
            rng,
            commune,
            code,
            title.format(u=label),
            start,
            days,
            forms=forms,
            loudspeaker=loudspeaker,
            place=f"Trụ sở UBND {prefix}, cổng thông tin điện tử",
            done_by=f"Văn phòng - Thống kê UBND {prefix}",
        )
        counts["disclosures"] += 1

    villages = {v.name: (v, lbl) for v, lbl in _villages(commune, D(2024, 6, 1))}
    # Online vote on a self-managed matter (the only matter the law lets households vote on online).
    village, vlabel = villages["Đông Huề"]
    online = _decide(
        rng,
        names,
        heads,
        place=village,
        place_label=vlabel,
        key="nghen",
        matter=ref.matters["qd-06"],
        title=f"Quy ước phân loại rác thải tại nguồn {vlabel}",
        held=D(2024, 4, 14),
        form="online",
        method="hands",
        counts={"total": 186, "present": 151, "votes_for": 132, "votes_against": 15},
        minutes="Biểu quyết qua nhóm Zalo của tổ dân phố từ 08 đến 14/4/2024; 151 hộ tham gia.",
    )
    _recognise(online, D(2024, 4, 16), "112/QĐ-UBND")
    # A village meeting on a contribution to a road.
    village, vlabel = villages["Tiến Thành"]
    road = _decide(
        rng,
        names,
        heads,
        place=village,
        place_label=vlabel,
        key="nghen",
        matter=ref.matters["qd-01"],
        title=f"Đóng góp bê tông hóa đường ngõ xóm {vlabel} năm 2024",
        held=D(2024, 6, 9),
        method="hands",
        counts={"total": 214, "present": 187, "votes_for": 168, "votes_against": 12},
        minutes=f"Họp {vlabel}: mức đóng góp 700.000 đồng/hộ, hộ nghèo được miễn; Nhà nước hỗ trợ xi măng.",
    )
    _recognise(road, D(2024, 6, 11), "156/QĐ-UBND")
    services.decision_implement(
        actor=None,
        decision=road,
        expected_version=road.version,
        text="Hoàn thành 860 m đường bê tông; thu đủ 98% số tiền đóng góp, công khai quyết toán tại nhà văn hóa.",
        done_on=D(2024, 9, 30),
    )
    # The village-head election of Trung Tiến, every step in time; the head in office is re-elected.
    village, vlabel = villages["Trung Tiến"]
    held = D(2024, 10, 20)
    head = ctx.people["bui-van-cuong"].full_name
    election = _decide(
        rng,
        names,
        heads,
        place=village,
        place_label=vlabel,
        key="nghen",
        matter=ref.matters["qd-04"],
        title=f"Bầu Tổ trưởng {vlabel} nhiệm kỳ 2024–2029",
        held=held,
        method="secret",
        counts={"total": 241, "present": 222, "votes_for": 197, "votes_against": 22},
        plan_on=held - datetime.timedelta(days=25),
        team_on=held - datetime.timedelta(days=12),
        notice_on=held - datetime.timedelta(days=8),
        candidates=f"{head}\n{names()}",
        elected=head,
        minutes=f"Hội nghị cử tri đại diện hộ gia đình {vlabel}; Tổ bầu cử 5 người.",
    )
    _recognise(election, D(2024, 10, 22), "245/QĐ-UBND")
    counts["decisions"] = 3

    # The people's inspection board for the five-year term, and its inspections.
    own = _villages(commune, D(2024, 3, 15))
    board = services.board_create(
        actor=None,
        unit=commune,
        elected_on=D(2024, 3, 15),
        recognised_on=D(2024, 3, 19),
        note="Bầu tại hội nghị đại biểu Nhân dân thị trấn; nhiệm kỳ theo nhiệm kỳ tổ trưởng tổ dân phố.",
        members=_members(rng, names, own, 7),
    )
    for subject, inspected, starts, late, findings in (
        (
            f"Việc thu, chi quỹ đóng góp bê tông hóa đường ngõ xóm {villages['Tiến Thành'][1]}",
            f"Ban phát triển {villages['Tiến Thành'][1]}",
            D(2024, 9, 16),
            False,
            "Thu, chi đúng mức đã biểu quyết; đã công khai quyết toán tại nhà văn hóa.",
        ),
        (
            f"Việc công khai dự toán, tình hình thực hiện ngân sách {label} năm 2024",
            f"UBND {label}",
            D(2024, 11, 11),
            True,
            "Chưa công khai tình hình thực hiện ngân sách 9 tháng; đề nghị UBND thị trấn công khai trong tháng 12.",
        ),
    ):
        inspection = services.inspection_create(
            actor=None,
            board=board,
            subject=subject,
            inspected=inspected,
            sent_on=_plan_sent(rng, starts, board.rule_set.plan_notice_working_days, late),
            starts_on=starts,
        )
        services.inspection_result(
            actor=None,
            inspection=inspection,
            expected_version=inspection.version,
            result_on=starts + datetime.timedelta(days=7),
            findings=findings,
        )
        counts["inspections"] += 1

    services.consultation_create(
        actor=None,
        unit=commune,
        matter=ref.topics["yk-07"],
        title=f"Dự thảo Quy chế thực hiện dân chủ ở cơ sở {label}",
        forms=[ref.ways[c] for c in ("ht-b", "ht-c", "ht-e")],
        opened_on=D(2024, 2, 26),
        closed_on=D(2024, 3, 26),
        asked=2860,
        answered=2134,
        agree=2010,
        disagree=37,
        other=87,
        response_on=D(2024, 4, 5),
        response="Tiếp thu 87 ý kiến: bổ sung hình thức công khai qua nhóm Zalo tổ dân phố, lịch đối thoại hằng năm.",
    )
    services.dialogue_create(
        actor=None,
        unit=commune,
        title="Hội nghị đối thoại giữa Chủ tịch UBND thị trấn với Nhân dân năm 2024",
        notice_on=D(2024, 11, 8),
        held_on=D(2024, 11, 19),
        place=f"Hội trường UBND {prefix}",
        chair=ctx.people["phan-van-duc"].full_name,
        participants=186,
        results_on=D(2024, 11, 27),
        results="Trả lời 26 ý kiến về trật tự đô thị, cấp giấy chứng nhận quyền sử dụng đất và thu gom rác thải.",
    )
    return counts


def load(ctx) -> None:
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    ref = Ref()
    names = Names(rng)
    heads = {key: ctx.people[ref_].full_name for key, ref_ in KNOWN_HEADS.items()}
    for spec in demo_data.COMMUNES:
        commune = ctx.commune_on(spec["key"], D(YEAR, 6, 1))
        _disclosures_2016(ref, rng, spec["key"], commune)
    _boards_2016(ctx, rng, names)
    _decisions_2016(ctx, ref, rng, names, heads)
    _elections_2016(ctx, ref, rng, names, heads)
    _consultations_2016(ctx, ref)
    _dialogues_2016(ctx)
    _nghen_2024(ctx, ref, rng, names, heads)
