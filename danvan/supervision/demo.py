"""Demo working groups of Can Lộc: four groups of the District Standing Committee set up after the 2015
congress (teams covering all 23 communes, attendance through 2016 with realistic gaps), and one group of
the Provincial Standing Committee since the district level ended on 01/07/2025, its teams assigned to the six
communes of 2025 that cover old Can Lộc (attendance in 2025–2026).
Names of people come from the core demo; the groups and their figures are illustrative."""

import datetime
import random

from danvan.core import dates, demo_data
from danvan.core.access import loader_actor
from danvan.core.models import Body, PartyOrg, Unit, UnitVersion

from . import services

D = datetime.date
# (group name, head key, teams: (leader key, [member keys], [commune keys]))
DISTRICT_GROUPS = [
    (
        "Đoàn công tác số 1",
        "tran-huu-phuc",
        [
            ("pham-van-luong", ["ho-duc-anh"], ["nghen", "tien-loc", "thuong-loc"]),
            ("dinh-xuan-hoa", ["ngo-thi-hoa"], ["dong-loc", "song-loc", "trung-loc"]),
        ],
    ),
    (
        "Đoàn công tác số 2",
        "phan-dinh-son",
        [
            ("au-thi-minh-nguyet", ["cao-xuan-binh"], ["kim-loc", "truong-loc", "quang-loc"]),
            ("thai-van-ky", ["duong-van-tuan"], ["tung-loc", "phu-loc", "gia-hanh"]),
        ],
    ),
    (
        "Đoàn công tác số 3",
        "vo-thi-thanh-ha",
        [
            ("hoang-thi-thu", ["bui-thi-lan"], ["khanh-loc", "vinh-loc", "yen-loc"]),
            ("dau-quang-vinh", ["le-quang-truong"], ["thanh-loc", "xuan-loc"]),
        ],
    ),
    (
        "Đoàn công tác số 4",
        "nguyen-cong-thanh",
        [
            ("ngo-thi-hoa", ["ho-duc-anh"], ["my-loc", "son-loc", "thien-loc"]),
            ("cao-xuan-binh", ["pham-van-luong"], ["thuan-thien", "thuong-nga", "vuong-loc"]),
        ],
    ),
]


def _cells_of(commune: Unit, day: datetime.date):
    villages = UnitVersion.objects.valid_on(day).filter(parent=commune).values("unit_id")
    return list(PartyOrg.objects.valid_on(day).filter(unit__in=villages).order_by("pk"))


def _attend_quarterly(team, communes, days, rng, skip_share, earliest):
    """Each cell about once a quarter, some skipped: the coverage view then shows red where it should."""
    members = list(team.members.all())
    for quarter_start in days:
        for commune in communes:
            for cell in _cells_of(commune, quarter_start):
                if rng.random() < skip_share:
                    continue
                day = max(earliest, quarter_start + datetime.timedelta(days=rng.randrange(5, 80)))
                if day > dates.today():
                    continue
                services.attendance_record(
                    actor=loader_actor(),
                    team=team,
                    attendee=rng.choice(members),
                    cell=cell,
                    held_on=day,
                    kind=rng.choice(["regular", "regular", "thematic"]),
                    assessment=rng.choice(["good", "good", "fair", "average"]),
                    remarks=rng.choice(
                        [
                            "",
                            "Chi bộ sinh hoạt đúng quy định, nội dung thiết thực.",
                            "Cần tăng thảo luận về phát triển kinh tế hộ.",
                            "Tỷ lệ đảng viên dự sinh hoạt còn thấp.",
                        ]
                    ),
                )


def load(ctx) -> None:
    rng = random.Random(2016)  # noqa: S311 - repeatable demo data, not security
    people = ctx.people
    units = ctx.units
    issuer = Body.objects.get(name="Ban Thường vụ Huyện ủy Can Lộc")
    quarters_2016 = [D(2016, 1, 1), D(2016, 4, 1), D(2016, 7, 1), D(2016, 10, 1)]
    for number, (name, head, teams) in enumerate(DISTRICT_GROUPS, start=1):
        group = services.working_group_create(
            actor=loader_actor(),
            decision_number=f"{44 + number}-QĐ/HU",
            issued_on=D(2016, 1, 8),
            issuer=issuer,
            signer="Bí thư Huyện ủy",
            summary="Về việc thành lập đoàn công tác chỉ đạo, kiểm tra, giám sát cơ sở",
            name=name,
            head=people[head],
            valid_from=D(2016, 1, 10),
            valid_to=D(2020, 7, 31),
        )
        for index, (leader, members, communes) in enumerate(teams, start=1):
            team = services.team_create(
                actor=loader_actor(),
                group=group,
                name=f"Tổ {index}",
                leader=people[leader],
                members=[people[m] for m in members],
            )
            for key in communes:
                services.assignment_set(actor=loader_actor(), team=team, unit=units[key], valid_from=D(2016, 1, 10))
            _attend_quarterly(
                team, [units[k] for k in communes], quarters_2016, rng, skip_share=0.25, earliest=D(2016, 1, 10)
            )
        _reports(group, D(2016, 1, 1), D(2016, 12, 1), rng)

    # Since 01/07/2025 the province sends its working groups to the communes directly.
    province_issuer = Body.objects.get(name="Ban Thường vụ Tỉnh ủy Hà Tĩnh")
    group = services.working_group_create(
        actor=loader_actor(),
        decision_number="1021-QĐ/TU",
        issued_on=D(2025, 7, 10),
        issuer=province_issuer,
        signer="Bí thư Tỉnh ủy",
        summary="Về việc thành lập đoàn công tác của Ban Thường vụ Tỉnh ủy về cơ sở",
        name="Đoàn công tác của Tỉnh ủy tại địa bàn Can Lộc cũ",
        head=people["le-quang-truong"],
        valid_from=D(2025, 7, 15),
    )
    # Its teams go to the six communes of 2025 that cover old Can Lộc (the rest of the province is not theirs).
    communes = sorted((units[spec["key"]] for spec in demo_data.NEW_COMMUNES), key=lambda u: u.sort_key)
    leaders = [
        ("vo-thi-thanh-ha", ["au-thi-minh-nguyet"]),
        ("tran-huu-phuc", ["duong-van-tuan"]),
        ("dau-quang-vinh", ["bui-thi-lan"]),
    ]
    quarters = [D(2025, 7, 1), D(2025, 10, 1), D(2026, 1, 1), D(2026, 4, 1), D(2026, 7, 1), D(2026, 10, 1)]
    for index, (leader, members) in enumerate(leaders):
        share = communes[index::3]
        team = services.team_create(
            actor=loader_actor(),
            group=group,
            name=f"Tổ {index + 1}",
            leader=people[leader],
            members=[people[m] for m in members],
        )
        for commune in share:
            services.assignment_set(actor=loader_actor(), team=team, unit=commune, valid_from=D(2025, 7, 15))
        _attend_quarterly(
            team, share, [q for q in quarters if q >= D(2025, 7, 1)], rng, skip_share=0.3, earliest=D(2025, 7, 15)
        )
    _reports(group, D(2025, 7, 1), dates.today().replace(day=1), rng)
    _plans_and_activities(group, rng)
    # Reminders as the daily cron would have sent them around the last due day.
    due = group.report_due(dates.today().replace(day=1))
    for day in (due - datetime.timedelta(days=services.REMINDER_DAYS_BEFORE), due + datetime.timedelta(days=1)):
        if day <= dates.today():
            services.report_reminders_send(day)


def _month_starts(first: datetime.date, last: datetime.date):
    day = first
    while day <= last:
        yield day
        day = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def _reports(group, first, last, rng) -> None:
    """A monthly report per team and commune, most on time, some late, returned or missing: the completeness
    matrix then shows every colour. Submission times are set to realistic past dates (demo data only)."""
    from django.utils import timezone

    from .models import MonthlyReport
    from .selectors import team_communes

    situations = [
        "Tình hình chính trị, trật tự an toàn xã hội ổn định; nhân dân phấn khởi.",
        "Các chi bộ duy trì sinh hoạt định kỳ; công tác dân vận được quan tâm.",
        "Tiến độ xây dựng nông thôn mới đạt kế hoạch; còn chậm ở tiêu chí môi trường.",
    ]
    asks = [
        "Đề nghị hỗ trợ kinh phí sửa chữa đường giao thông liên thôn.",
        "Đề nghị hướng dẫn thủ tục cấp giấy chứng nhận quyền sử dụng đất.",
        "Đề nghị bổ sung biên chế cán bộ văn hóa xã.",
    ]
    for team in group.teams.order_by("name"):
        for period in _month_starts(first, last):
            due = group.report_due(period)
            if due >= dates.today():
                continue
            for commune in team_communes(team, as_of=period.replace(day=15)):
                roll = rng.random()
                if roll < 0.1:
                    continue  # missing
                report = services.report_create(actor=loader_actor(), team=team, unit=commune, period=period)
                report = services.report_update(
                    actor=loader_actor(),
                    report=report,
                    expected_version=report.version,
                    general_situation=rng.choice(situations),
                    difficulties="",
                    recommendations=rng.choice(asks) if rng.random() < 0.3 else "",
                    sections={},
                )
                report = services.report_submit(actor=loader_actor(), report=report, expected_version=report.version)
                late = roll > 0.8
                sent = (
                    due + datetime.timedelta(days=rng.randrange(1, 12))
                    if late
                    else due - datetime.timedelta(days=rng.randrange(0, 8))
                )
                MonthlyReport.objects.filter(pk=report.pk).update(
                    submitted_at=timezone.make_aware(datetime.datetime.combine(sent, datetime.time(9, 30)))
                )
                if 0.1 <= roll < 0.15:
                    services.report_return(
                        actor=loader_actor(),
                        report=report,
                        expected_version=report.version,
                        reason="Đề nghị bổ sung số liệu về đảng viên dự sinh hoạt.",
                    )
                elif roll < 0.7:
                    services.report_accept(actor=loader_actor(), report=report, expected_version=report.version)


def _plans_and_activities(group, rng) -> None:
    """This quarter's programme of each team, with tasks (one past its due day), and a few field activities
    that raised kiến nghị."""
    from .selectors import quarter_bounds, team_communes

    year, quarter = dates.today().year, (dates.today().month - 1) // 3 + 1
    start, end = quarter_bounds(year, quarter)
    works = [
        ("Nắm tình hình, dự sinh hoạt chi bộ các thôn", start + datetime.timedelta(days=30)),
        ("Đôn đốc xã hoàn thiện tiêu chí nông thôn mới về môi trường", end),
        ("Kiểm tra việc thực hiện Luật Thực hiện dân chủ ở cơ sở", start + datetime.timedelta(days=45)),
    ]
    for team in group.teams.order_by("name"):
        plan = services.plan_create(
            actor=loader_actor(),
            group=group,
            team=team,
            title=f"Chương trình công tác quý {quarter}/{year}",
            starts_on=start,
            ends_on=end,
        )
        members = list(team.members.all())
        for index, (title, due) in enumerate(works):
            task = services.task_create(
                actor=loader_actor(), plan=plan, title=title, assignee=members[index % len(members)], due_on=due
            )
            if index == 0:
                services.task_set_status(actor=loader_actor(), task=task, expected_version=task.version, status="done")
        communes = team_communes(team, as_of=dates.today())
        for commune in communes[:2]:
            services.activity_record(
                actor=loader_actor(),
                team=team,
                kind=rng.choice(["visit", "working_session", "supervision"]),
                held_on=dates.today() - datetime.timedelta(days=rng.randrange(3, 40)),
                unit=commune,
                participants=members,
                findings="Làm việc với Đảng ủy, UBND xã về tình hình thực hiện nhiệm vụ quý; ghi nhận ý kiến cơ sở.",
                raised=rng.choice(
                    [
                        "Đề nghị tỉnh hỗ trợ kinh phí nâng cấp đường giao thông nội đồng.",
                        "Đề nghị hướng dẫn sắp xếp, sáp nhập thôn sau khi hợp nhất xã.",
                        "",
                    ]
                ),
            )
