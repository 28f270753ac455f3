"""Demo of 2024: thị trấn Nghèn under Law 10/2022."""

import datetime

from danvan.core.access import loader_actor

from .. import services
from .boards import _members, _plan_sent
from .common import D, _label, _villages
from .decisions import _decide, _recognise
from .disclosures import _disclose

# --- 2024: thị trấn Nghèn under Law 10/2022 -----------------------------------------------------------------

LAW_CHANNELS = ["niem-yet", "cong-thong-tin"]
LOUD = ["niem-yet", "loa-truyen-thanh", "cong-thong-tin"]
DISCLOSURES_2024 = [
    # item, title, start, days, channels, loudspeaker days
    ("cc-01", "Kế hoạch phát triển kinh tế - xã hội năm 2024 của {u}", D(2024, 1, 8), 35, LAW_CHANNELS, None),
    ("cc-02", "Dự toán ngân sách {u} năm 2024", D(2024, 1, 10), 32, LAW_CHANNELS, None),
    ("cc-02", "Tình hình thực hiện ngân sách quý I năm 2024", D(2024, 4, 10), 30, LAW_CHANNELS, None),
    ("cc-02", "Tình hình thực hiện ngân sách 6 tháng đầu năm và quyết toán ngân sách năm 2023", D(2024, 7, 9), 31,
     LAW_CHANNELS, None),
    # The report of nine months (October) was not published: the quarter is due again at the end of 2024.
    ("cc-03", "Dự án mở rộng đường Nguyễn Huy Tự qua {u}: phương án bồi thường, hỗ trợ, tái định cư",
     D(2024, 5, 6), 45, ["niem-yet", "thong-bao-ho", "cong-thong-tin"], None),
    ("cc-04", "Nhiệm vụ, quyền hạn của cán bộ, công chức {u} trực tiếp giải quyết công việc của Nhân dân",
     D(2024, 1, 15), 40, LAW_CHANNELS, None),
    ("cc-05", "Thủ tục hành chính giải quyết tại Bộ phận một cửa {u} năm 2024", D(2024, 2, 19), 45, LAW_CHANNELS,
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
    for code, title, start, days, channels, loudspeaker in DISCLOSURES_2024:
        _disclose(
            ref,
            rng,
            commune,
            code,
            title.format(u=label),
            start,
            days,
            channels=channels,
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
        actor=loader_actor(),
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
        actor=loader_actor(),
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
            actor=loader_actor(),
            board=board,
            subject=subject,
            inspected=inspected,
            sent_on=_plan_sent(rng, starts, board.rule_set.plan_notice_working_days, late),
            starts_on=starts,
        )
        services.inspection_result(
            actor=loader_actor(),
            inspection=inspection,
            expected_version=inspection.version,
            result_on=starts + datetime.timedelta(days=7),
            findings=findings,
        )
        counts["inspections"] += 1

    services.consultation_create(
        actor=loader_actor(),
        unit=commune,
        matter=ref.topics["yk-07"],
        title=f"Dự thảo Quy chế thực hiện dân chủ ở cơ sở {label}",
        channels=[ref.ways[c] for c in ("ht-b", "ht-c", "ht-e")],
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
        actor=loader_actor(),
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
