"""Demo disclosures of 2016."""

import datetime

from danvan.core.access import loader_actor
from danvan.core.models import Unit

from .. import services
from .common import FULL, WEAK, YEAR, D, _between, _label, _villages

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


def _disclose(ref, rng, unit, code, title, start, days, *, channels=None, loudspeaker=None, place="", done_by=""):
    if channels is None:
        channels = ["niem-yet"]
        if rng.random() < 0.5:
            channels.append("loa-truyen-thanh")
        if rng.random() < 0.3:
            channels.append("qua-truong-thon")
    if "loa-truyen-thanh" in channels and loudspeaker is None:
        loudspeaker = min(days, rng.choice([2, 3, 3, 4, 5]))
    return services.disclosure_create(
        actor=loader_actor(),
        unit=unit,
        item=ref.items[code],
        title=title,
        channels=[ref.channels[c] for c in channels],
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
