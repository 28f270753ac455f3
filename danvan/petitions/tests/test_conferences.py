"""The quarterly review conference (Hội nghị đánh giá công tác chỉ đạo cơ sở): its record, the conclusion's tasks
with an owner and a due date, and their follow-up at the next conferences; the page shows both side by side."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from danvan.core.access import loader_actor
from danvan.core.models import AuditEntry, BodyType
from danvan.core.services import orgs
from danvan.petitions import selectors, services
from danvan.petitions.models import ConclusionTask, Petition, ReviewConference

D = datetime.date


def convene(world, quarter=1, held_on=D(2016, 3, 18), **record):
    return services.conference_create(
        actor=world.users["district_user"],
        unit=world.district,
        title=f"Hội nghị đánh giá công tác chỉ đạo cơ sở quý {quarter}/2016",
        year=2016,
        quarter=quarter,
        held_on=held_on,
        **record,
    )


def task(world, conference, desk, content="Rà soát kiến nghị tồn đọng", due_on=D(2016, 5, 31), **owner):
    owner = owner or {"owner_body": desk.agriculture}
    return services.conclusion_task_add(
        actor=world.users["district_user"], conference=conference, content=content, due_on=due_on, **owner
    )


def follow(world, t, at, status, done_on=None):
    t = ConclusionTask.objects.get(pk=t.pk)
    return services.conclusion_task_follow_up(
        actor=world.users["district_user"], task=t, at=at, status=status, done_on=done_on, expected_version=t.version
    )


def test_a_quarters_conference_is_held_inside_the_quarter_or_within_92_days_after_it(world):
    with pytest.raises(ValidationError) as error:
        convene(world, quarter=2, held_on=D(2016, 3, 31))
    assert "không thể họp trước ngày 01/04/2016" in str(error.value)
    assert convene(world, quarter=1, held_on=D(2016, 6, 30)).pk  # 31/03 + 91 days
    with pytest.raises(ValidationError) as error:
        convene(world, quarter=1, held_on=D(2016, 7, 2))
    assert "phải họp trước ngày 02/07/2016" in str(error.value)
    assert convene(world, quarter=1, held_on=D(2016, 7, 1)).pk  # the 92nd day


def test_the_record_is_saved_with_its_version_and_audited(world):
    conference = convene(world, agenda="Báo cáo quý\nThảo luận", chair="Đồng chí Bí thư")
    opened_with = conference.version
    services.conference_update(
        actor=world.users["district_user"],
        conference=conference,
        expected_version=conference.version,
        title=conference.title,
        held_on=conference.held_on,
        agenda="Báo cáo quý\nThảo luận\nKết luận",
        absentees="Đồng chí A (đi công tác)",
        opinions="Đồng chí B: đề nghị đẩy nhanh giải quyết kiến nghị.",
        conclusion="Tập trung giải quyết dứt điểm kiến nghị tồn đọng.",
    )
    stale = ReviewConference.objects.get(pk=conference.pk)
    with pytest.raises(ValidationError):
        services.conference_update(
            actor=world.users["district_user"],
            conference=stale,
            expected_version=opened_with,  # the version the first form was opened with
            title="Sửa đè",
            held_on=conference.held_on,
        )
    saved = ReviewConference.objects.get(pk=conference.pk)
    assert saved.title != "Sửa đè" and saved.absentees == "Đồng chí A (đi công tác)"
    entry = AuditEntry.objects.filter(object_id=str(conference.pk), action="update").latest("pk")
    assert "absentees" in entry.changes and "conclusion" in entry.changes
    with pytest.raises(PermissionDenied):
        services.conference_update(
            actor=world.users["editor_a"],
            conference=saved,
            expected_version=saved.version,
            title="x",
            held_on=saved.held_on,
        )


def test_a_conclusion_task_needs_an_owner_a_due_date_after_the_meeting_and_a_body_that_exists(world, desk):
    conference = convene(world)
    with pytest.raises(ValidationError) as error:
        services.conclusion_task_add(
            actor=world.users["district_user"], conference=conference, content="Việc không ai làm", due_on=D(2016, 4, 1)
        )
    assert "owner_body" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        task(world, conference, desk, due_on=D(2016, 3, 17))
    assert "due_on" in error.value.message_dict
    assert task(world, conference, desk, due_on=D(2016, 3, 18)).pk  # the meeting day itself
    ended = orgs.body_create(
        actor=loader_actor(),
        name="Phòng Tư pháp (đã sáp nhập)",
        body_type=BodyType.objects.get(code="department"),
        unit=world.district,
        valid_from=D(2016, 1, 1),
        valid_to=D(2016, 3, 17),
    )
    with pytest.raises(ValidationError) as error:
        task(world, conference, desk, owner_body=ended)
    assert "không còn hoạt động vào ngày họp 18/03/2016" in str(error.value)
    assert ConclusionTask.objects.filter(conference=conference).count() == 1
    assert task(world, conference, desk, owner_person=world.person_a).owner_label == "Nguyễn Thị An"


def test_tasks_are_followed_up_at_the_next_conferences_done_late_or_not_done(world, desk):
    q1 = convene(world)
    on_time = task(world, q1, desk, content="Giải quyết cầu tràn", due_on=D(2016, 5, 31))
    late = task(world, q1, desk, content="Rà soát đất đai", due_on=D(2016, 4, 30))
    missed = task(world, q1, desk, content="Tập huấn cho tổ công tác", due_on=D(2016, 6, 15))
    q2 = convene(world, quarter=2, held_on=D(2016, 6, 28))
    assert [t.pk for t in selectors.tasks_to_follow_up(q2)] == [on_time.pk, late.pk, missed.pk]

    with pytest.raises(ValidationError):  # not at the conference that gave it
        follow(world, on_time, q1, "done", D(2016, 3, 20))
    with pytest.raises(ValidationError):  # done after the meeting that records it
        follow(world, on_time, q2, "done", D(2016, 6, 29))
    assert follow(world, on_time, q2, "done", D(2016, 5, 31)).status == ConclusionTask.Status.DONE  # on the day
    assert follow(world, late, q2, "done", D(2016, 5, 1)).status == ConclusionTask.Status.DONE_LATE  # a day late
    assert follow(world, missed, q2, "not_done").status == ConclusionTask.Status.NOT_DONE
    assert ConclusionTask.Status.NOT_DONE.label == "Chưa hoàn thành"

    q3 = convene(world, quarter=3, held_on=D(2016, 9, 28))
    assert [t.pk for t in selectors.tasks_to_follow_up(q3)] == [missed.pk]  # only what is still open
    assert follow(world, missed, q3, "done", D(2016, 8, 1)).status == ConclusionTask.Status.DONE_LATE
    with pytest.raises(ValidationError):  # found done at Q2: Q3 cannot record it again
        follow(world, late, q3, "not_done")
    # Each conference keeps what it found: Q2 "not done", Q3 "done late"; the task shows the latest.
    [at_q2] = [t for t in selectors.tasks_to_follow_up(q2) if t.pk == missed.pk]
    [at_q3] = selectors.tasks_to_follow_up(q3)
    assert at_q2.here.status == ConclusionTask.Status.NOT_DONE and at_q3.here.status == ConclusionTask.Status.DONE_LATE
    assert ConclusionTask.objects.get(pk=missed.pk).followed_up_at == q3
    assert selectors.tasks_to_follow_up(convene(world, quarter=4, held_on=D(2016, 12, 28))) == []


def test_the_page_shows_last_quarters_conclusions_beside_this_ones_and_refuses_bad_input_by_the_field(
    world, desk, client_for
):
    q1 = convene(world, agenda="Báo cáo kết quả quý I\nThảo luận", conclusion="Giải quyết dứt điểm.")
    old = task(world, q1, desk, content="Giải quyết cầu tràn Đông Thượng")
    q2 = convene(world, quarter=2, held_on=D(2016, 6, 28))
    client = client_for("district_user")
    page = client.get(reverse("petitions:conference_detail", args=[q2.pk])).content.decode()
    assert "Kết luận các kỳ trước và kết quả thực hiện" in page and "Giải quyết cầu tràn Đông Thượng" in page
    assert "Chưa kiểm điểm" in page
    assert "/kien-nghi/thong-ke/?tu_ngay=01%2F04%2F2016&amp;den_ngay=28%2F06%2F2016" in page  # the report's figures
    statistics = client.get(reverse("petitions:statistics"), {"tu_ngay": "01/04/2016", "den_ngay": "28/06/2016"})
    assert statistics.status_code == 200

    response = client.post(reverse("petitions:conference_task_add", args=[q2.pk]), {"content": "Việc mới"})
    assert response.status_code == 400
    assert "This field is required" not in response.content.decode()
    assert not q2.tasks.exists()
    response = client.post(
        reverse("petitions:conference_task_add", args=[q2.pk]),
        {"content": "Việc mới", "due_on": "01/07/2016"},
    )
    assert "Nhiệm vụ phải có cơ quan chủ trì hoặc người phụ trách." in response.content.decode()
    response = client.post(
        reverse("petitions:conference_task_add", args=[q2.pk]),
        {"content": "Việc mới", "due_on": "30/09/2016", "owner_body": desk.agriculture.pk},
    )
    assert response.status_code == 302 and q2.tasks.get().content == "Việc mới"

    prefix = f"t{old.pk}-"
    response = client.post(
        reverse("petitions:conference_task_follow_up", args=[q2.pk, old.pk]),
        {f"{prefix}version": old.version, f"{prefix}status": "done", f"{prefix}done_on": "01/07/2016"},
    )
    assert response.status_code == 400 and "Ngày hoàn thành phải từ 18/03/2016 đến ngày họp 28/06/2016" in (
        response.content.decode()
    )
    response = client.post(
        reverse("petitions:conference_task_follow_up", args=[q2.pk, old.pk]),
        {f"{prefix}version": old.version, f"{prefix}status": "done", f"{prefix}done_on": "20/05/2016"},
    )
    assert response.status_code == 302
    page = client.get(reverse("petitions:conference_detail", args=[q2.pk])).content.decode()
    assert "Đã hoàn thành 20/05/2016" in page


def test_a_commune_user_reads_nothing_of_a_district_conference_and_cannot_follow_up(world, desk, client_for):
    q1 = convene(world)
    old = task(world, q1, desk)
    q2 = convene(world, quarter=2, held_on=D(2016, 6, 28))
    outsider = client_for("user_b")
    assert outsider.get(reverse("petitions:conference_detail", args=[q2.pk])).status_code == 404
    assert outsider.get(reverse("petitions:conference_edit", args=[q2.pk])).status_code == 404
    response = outsider.post(
        reverse("petitions:conference_task_follow_up", args=[q2.pk, old.pk]),
        {f"t{old.pk}-version": old.version, f"t{old.pk}-status": "not_done"},
    )
    assert response.status_code == 404
    assert ConclusionTask.objects.get(pk=old.pk).status == ConclusionTask.Status.PENDING


def test_the_source_and_the_conference_carry_the_official_term():
    assert Petition.Source.CONFERENCE.label == "Hội nghị sơ kết, đánh giá công tác chỉ đạo cơ sở"
    assert ReviewConference._meta.verbose_name == "Hội nghị sơ kết, đánh giá công tác chỉ đạo cơ sở"


def test_a_follow_up_never_contradicts_another_conferences(world, desk):
    q1 = convene(world)
    t = task(world, q1, desk, due_on=D(2016, 4, 30))
    q2 = convene(world, quarter=2, held_on=D(2016, 6, 28))
    q3 = convene(world, quarter=3, held_on=D(2016, 9, 28))
    follow(world, t, q3, "not_done")
    with pytest.raises(ValidationError) as error:  # Q3 already found it not done: Q2 cannot say done
        follow(world, t, q2, "done", D(2016, 5, 1))
    assert "hội nghị sau" in str(error.value)
    q4 = convene(world, quarter=4, held_on=D(2016, 12, 28))
    with pytest.raises(ValidationError) as error:  # not done on 28/09: done at the earliest the day after
        follow(world, t, q4, "done", D(2016, 9, 28))
    assert "Ngày hoàn thành phải từ 29/09/2016" in str(error.value)
    assert follow(world, t, q4, "done", D(2016, 9, 29)).status == ConclusionTask.Status.DONE_LATE


def test_a_conference_with_tasks_keeps_its_day_and_no_conference_jumps_over_another(world, desk):
    q1 = convene(world, held_on=D(2016, 3, 18))
    q2 = convene(world, quarter=2, held_on=D(2016, 4, 5))

    def move(conference, day):
        conference = ReviewConference.objects.get(pk=conference.pk)
        return services.conference_update(
            actor=world.users["district_user"],
            conference=conference,
            expected_version=conference.version,
            title=conference.title,
            held_on=day,
        )

    with pytest.raises(ValidationError) as error:  # Q1 moved after Q2 (inside the 92 days allowed)
        move(q1, D(2016, 4, 10))
    assert "đảo thứ tự" in str(error.value)
    assert move(q1, D(2016, 3, 25)).held_on == D(2016, 3, 25)
    task(world, ReviewConference.objects.get(pk=q1.pk), desk)
    with pytest.raises(ValidationError) as error:
        move(q1, D(2016, 3, 26))
    assert "không đổi được ngày họp" in str(error.value)
    assert ReviewConference.objects.get(pk=q2.pk).held_on == D(2016, 4, 5)
