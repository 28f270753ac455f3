"""Demo consultations and dialogues of 2016."""

import datetime

from danvan.core.access import loader_actor

from .. import services
from .common import D, _label

# --- consultations and dialogues ----------------------------------------------------------------------------

CONSULTATIONS_2016 = [
    # key, matter, title, channels, opened, closed, asked, response on (None: never published), response
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
    for key, code, title, channels, opened, closed, asked, response_on, response in CONSULTATIONS_2016:
        commune = ctx.commune_on(key, opened)
        label, prefix = _label(commune, opened)
        answered = asked * 7 // 10
        services.consultation_create(
            actor=loader_actor(),
            unit=commune,
            matter=ref.topics[code],
            title=title.format(u=label),
            channels=[ref.ways[c] for c in channels],
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
                actor=loader_actor(),
                unit=commune,
                item=ref.items["pl-cc-09"],
                title="Kết quả tiếp thu ý kiến Nhân dân: " + title.format(u=label),
                channels=[ref.channels["niem-yet"], ref.channels["qua-truong-thon"]],
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
            actor=loader_actor(),
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
