"""Demo people's inspection boards of 2016 and their inspections."""

import datetime

from danvan.core import demo_data
from danvan.core.access import loader_actor

from .. import services
from .common import FULL, NO_BOARD, ONE_DAY, THIEN_LOC_BOARD, YEAR, D, _between, _label, _villages, _weekday

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
            actor=loader_actor(),
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
                actor=loader_actor(),
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
                actor=loader_actor(),
                inspection=inspection,
                expected_version=inspection.version,
                result_on=starts + datetime.timedelta(days=rng.randrange(4, 20)),
                findings=PETITION_FINDING if raise_petition else rng.choice(FINDINGS),
                raise_petition=raise_petition,
            )
            petition_raised = petition_raised or raise_petition
    return boards, inspections
