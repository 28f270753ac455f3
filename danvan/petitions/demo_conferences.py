"""The demo's quarterly review conferences of Huyện ủy Can Lộc in 2016 (Hội nghị đánh giá công tác chỉ đạo cơ sở):
their record, the tasks of each conclusion and their follow-up at the next conference. The Q1 conference is held on
18/03/2016, before the article of 21/03/2016 that shows its photograph. Contents are illustrative."""

import datetime

from danvan.core.access import loader_actor
from danvan.core.text import roman

from . import services
from .models import ConclusionTask, ReviewConference

D = datetime.date
HELD = {1: D(2016, 3, 18), 2: D(2016, 6, 29), 3: D(2016, 9, 28), 4: D(2016, 12, 28)}
PARTICIPANTS = (
    "Ban Thường vụ Huyện ủy; Trưởng, Phó các đoàn công tác và tổ trưởng các tổ công tác; lãnh đạo Văn phòng, Ban Dân "
    "vận Huyện ủy, UBND huyện, các phòng chuyên môn; Bí thư Đảng ủy các xã, thị trấn."
)
AGENDA = (
    "Báo cáo kết quả công tác chỉ đạo cơ sở quý {q}/2016 và nhiệm vụ quý tới\n"
    "Kiểm điểm việc thực hiện kết luận hội nghị quý trước\n"
    "Các đoàn công tác báo cáo tình hình, khó khăn, kiến nghị của cơ sở\n"
    "Ý kiến các phòng, ban về giải quyết kiến nghị\n"
    "Kết luận của đồng chí Bí thư Huyện ủy"
)
OPINIONS = (
    "Đồng chí Trưởng đoàn công tác số 1: các tổ dự đủ sinh hoạt chi bộ theo quy định; cơ sở kiến nghị sớm hỗ trợ "
    "xi măng làm đường giao thông nông thôn.\n\n"
    "Đồng chí Trưởng phòng Nông nghiệp và PTNT: đã tiếp nhận và giải quyết phần lớn kiến nghị về giống, vật tư; một "
    "số kiến nghị về thủy lợi cần nguồn vốn của tỉnh.\n\n"
    "Đồng chí Trưởng Ban Dân vận Huyện ủy: đề nghị các xã hoàn thiện hồ sơ mô hình “Dân vận khéo” năm 2016."
)
CONCLUSION = (
    "Các đoàn, tổ công tác bám sát cơ sở, dự đầy đủ sinh hoạt chi bộ, báo cáo tháng đúng hạn.\n"
    "Các phòng, ban giải quyết dứt điểm kiến nghị tồn đọng, trả lời bằng văn bản cho cơ sở.\n"
    "Tập trung chỉ đạo các nhiệm vụ trọng tâm quý tới."
)
# Per quarter: (content, owner body key, due date, what became of it at the next conference: (status, done on)).
TASKS = {
    1: [
        (
            "Chỉ đạo hoàn thành bầu cử đại biểu Quốc hội khóa XIV và HĐND các cấp",
            "ubnd-huyen",
            D(2016, 5, 31),
            ("done", D(2016, 5, 22)),
        ),
        (
            "Giải quyết dứt điểm các kiến nghị tồn đọng về giống cây trồng, vật tư nông nghiệp",
            "phong-nnptnt",
            D(2016, 4, 30),
            ("done", D(2016, 5, 20)),
        ),
        ("Hướng dẫn các xã đăng ký mô hình “Dân vận khéo” năm 2016", "bdv-hu", D(2016, 4, 15), ("not_done", None)),
    ],
    2: [
        (
            "Rà soát, trả lời các kiến nghị về thủy lợi nội đồng trước mùa mưa bão",
            "phong-nnptnt",
            D(2016, 8, 31),
            ("done", D(2016, 8, 25)),
        ),
        (
            "Kiểm tra việc thực hiện Quy chế dân chủ ở cơ sở tại các xã có nhiều kiến nghị",
            "bdv-hu",
            D(2016, 9, 15),
            ("done", D(2016, 9, 20)),
        ),
    ],
    3: [
        ("Tổng kết phong trào thi đua “Dân vận khéo” năm 2016", "bdv-hu", D(2016, 12, 20), ("done", D(2016, 12, 16))),
    ],
    4: [],
}


def hold(ctx, quarter: int) -> ReviewConference:
    """The conference of `quarter` (held on HELD[quarter]), its record and the tasks of its conclusion."""
    conference = services.conference_create(
        actor=loader_actor(),
        unit=ctx.units["district"],
        title=f"Hội nghị đánh giá công tác chỉ đạo cơ sở quý {roman(quarter)}/2016",
        year=2016,
        quarter=quarter,
        held_on=HELD[quarter],
        place="Hội trường Huyện ủy Can Lộc",
        chair="Đồng chí Bí thư Huyện ủy",
        agenda=AGENDA.format(q=roman(quarter)),
        participants=PARTICIPANTS,
        absentees="Đồng chí Trưởng Công an huyện (đi công tác, có báo cáo bằng văn bản).",
        opinions=OPINIONS,
        conclusion=CONCLUSION,
    )
    for content, body, due_on, _outcome in TASKS[quarter]:
        services.conclusion_task_add(
            actor=loader_actor(), conference=conference, content=content, due_on=due_on, owner_body=ctx.bodies[body]
        )
    return conference


def follow_up(conference: ReviewConference) -> None:
    """Record at `conference` what became of the open tasks of the earlier ones."""
    from . import selectors

    outcomes = {content: outcome for tasks in TASKS.values() for content, _b, _d, outcome in tasks}
    for task in selectors.tasks_to_follow_up(conference):
        status, done_on = outcomes[task.content]
        if task.status == ConclusionTask.Status.NOT_DONE:  # found not done once: done by the conference after
            status, done_on = "done", conference.held_on - datetime.timedelta(days=10)
        services.conclusion_task_follow_up(
            actor=loader_actor(),
            task=task,
            at=conference,
            status=status,
            done_on=done_on,
            note="",
            expected_version=task.version,
        )


def hold_2026(ctx) -> ReviewConference:
    """Today's map: the provincial committee's review conference of Q3/2026 (after the district level ended), with
    its tasks for the working groups of the six new communes, for thuongtruc to draft its documents live."""
    conference = services.conference_create(
        actor=loader_actor(),
        unit=ctx.units["province"],
        title="Hội nghị đánh giá công tác chỉ đạo cơ sở quý III/2026",
        year=2026,
        quarter=3,
        held_on=D(2026, 9, 25),
        place="Hội trường Tỉnh ủy Hà Tĩnh",
        chair="Đồng chí Phó Bí thư Thường trực Tỉnh ủy",
        agenda=AGENDA.format(q="III").replace("Huyện ủy", "Tỉnh ủy"),
        participants="Ban Thường vụ Tỉnh ủy; các đoàn công tác của Tỉnh ủy; Bí thư Đảng ủy các xã Can Lộc, Đồng Lộc, "
        "Gia Hanh, Trường Lưu, Tùng Lộc, Xuân Lộc.",
        conclusion="Các đoàn công tác tiếp tục nắm tình hình các xã mới sau sắp xếp.\n"
        "Giải quyết dứt điểm kiến nghị được chuyển giao từ cấp huyện trước ngày 31/12/2026.",
    )
    for content, body, due_on in (
        ("Rà soát, trả lời các kiến nghị chuyển giao từ cấp huyện", "ubnd-tinh", D(2026, 12, 31)),
        ("Hướng dẫn các xã mới đăng ký mô hình “Dân vận khéo” năm 2027", "btgdv-tu", D(2026, 12, 15)),
    ):
        services.conclusion_task_add(
            actor=loader_actor(), conference=conference, content=content, due_on=due_on, owner_body=ctx.bodies[body]
        )
    return conference
