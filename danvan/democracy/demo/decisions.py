"""Demo community votes and village-head elections of 2016."""

import datetime

from danvan.core import demo_data
from danvan.core.access import loader_actor
from danvan.core.models import UnitVersion

from .. import selectors, services
from ..models import RECOGNISER_BODY, CommunityDecision
from .common import FULL, WEAK, YEAR, D, _between, _villages

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
    for body in selectors.recogniser_bodies(decision):
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
        actor=loader_actor(),
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
        actor=loader_actor(), decision=decision, expected_version=decision.version, body=body, number=number, day=day
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
        # The vote service files a vote under the village's commune of the vote's day (every village has since
        # moved to a commune of 2025).
        villages = _villages(commune, D(YEAR, 6, 1))
        if not villages:
            continue
        for village, village_label in rng.sample(villages, min(len(villages), rng.choice([1, 2, 2]))):
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
                    actor=loader_actor(),
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
