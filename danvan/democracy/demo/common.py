"""What the demo's record families share: the seeded names, the reference rows, days and villages."""

import datetime
import random

from danvan.core.models import Person, Unit, UnitVersion
from danvan.core.text import fold

from ..models import ConsultationChannel, ConsultationMatter, DecisionMatter, DisclosureChannel, DisclosureItem

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
        self.channels = {c.code: c for c in DisclosureChannel.objects.all()}
        self.matters = {m.code: m for m in DecisionMatter.objects.all()}
        self.topics = {m.code: m for m in ConsultationMatter.objects.all()}
        self.ways = {c.code: c for c in ConsultationChannel.objects.all()}


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
