"""The yearly cycle, the registration rules at their boundaries, evaluation totals and recognition."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.core.access import loader_actor
from danvan.core.errors import ConflictError
from danvan.core.models import AuditEntry, UnitLevel
from danvan.emulation import selectors, services
from danvan.emulation.models import AwardForm, Initiative, SubjectType

from .factories import field, make_initiative, scored_sheet

D = datetime.date
pytestmark = pytest.mark.django_db


def _data(world, **overrides):
    data = {
        "year": 2016,
        "name": "Tuyên truyền vận động hiến đất làm đường",
        "kind": "model",
        "field": field("dvk-kinh-te"),
        "unit": world.commune_a,
        "subject_type": SubjectType.objects.get(code="chinh-quyen"),
        "level": UnitLevel.objects.get(code="commune"),
        "registered_on": D(2016, 2, 1),
    }
    data.update(overrides)
    return data


def test_commune_officer_registers_for_own_commune_only(world, cast):
    initiative = services.initiative_create(actor=cast.officer_a, **_data(world))
    assert initiative.state == "registered" and initiative.created_by == cast.officer_a
    assert AuditEntry.objects.filter(object_id=str(initiative.pk), action="create").exists()
    with pytest.raises(PermissionDenied):
        services.initiative_create(actor=cast.officer_a, **_data(world, unit=world.commune_b, name="Khác"))
    # a viewer cannot register at all
    with pytest.raises(PermissionDenied):
        services.initiative_create(actor=world.users["viewer_a"], **_data(world, name="Khác nữa"))


@pytest.mark.parametrize(
    ("overrides", "field_name"),
    [
        ({"year": datetime.date.today().year + 1}, "year"),
        ({"year": 2007}, "year"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 301}, "name"),
        ({"method": "x" * 5001}, "method"),
        ({"kind": "other"}, "kind"),
        ({"field": None}, "field"),
        ({"registered_on": D(2017, 1, 5)}, "registered_on"),
        ({"launched_on": D(2016, 1, 15)}, "launched_on"),
    ],
)
def test_bad_registration_is_refused_next_to_the_field(world, overrides, field_name):
    before = Initiative.objects.count()
    with pytest.raises(ValidationError) as error:
        services.initiative_create(actor=world.users["editor_a"], **_data(world, **overrides))
    assert field_name in error.value.message_dict
    assert Initiative.objects.count() == before


def test_limits_are_inclusive(world):
    ok = services.initiative_create(
        actor=world.users["editor_a"],
        **_data(world, name="x" * 300, method="y" * 5000, year=2008, registered_on=D(2008, 12, 31)),
    )
    assert len(ok.name) == 300


def test_duplicate_same_unit_year_name_ignores_accents_and_case(world):
    services.initiative_create(actor=loader_actor(), **_data(world))
    with pytest.raises(ValidationError) as error:
        services.initiative_create(
            actor=loader_actor(), **_data(world, name="tuyen truyen  van dong HIEN DAT lam duong")
        )
    assert "name" in error.value.message_dict
    # another year, another unit or another registering body is not a duplicate
    services.initiative_create(actor=loader_actor(), **_data(world, year=2015, registered_on=D(2015, 2, 1)))
    services.initiative_create(actor=loader_actor(), **_data(world, unit=world.commune_b))
    services.initiative_create(actor=loader_actor(), **_data(world, body=world.body_a))


def test_body_must_belong_to_the_unit(world):
    with pytest.raises(ValidationError) as error:
        services.initiative_create(actor=loader_actor(), **_data(world, body=world.body_b))
    assert "body" in error.value.message_dict


def test_continuation_links_to_an_earlier_year_once(world):
    first = make_initiative(world, year=2015, to="evaluated")
    again = make_initiative(world, year=2016, continues=first)
    assert again.continues == first
    with pytest.raises(ValidationError) as error:
        make_initiative(world, year=2016, name="Tên khác", continues=first)
    assert "continues" in error.value.message_dict
    with pytest.raises(ValidationError):
        make_initiative(world, year=2015, name="Cùng năm", continues=first)


def test_replication_origin_cannot_be_later(world):
    origin = make_initiative(world, year=2016, to="evaluated")
    copy = make_initiative(world, unit=world.commune_b, year=2016, replicates=origin)
    assert list(origin.replications.all()) == [copy]
    with pytest.raises(ValidationError):
        make_initiative(world, unit=world.commune_b, name="Sớm hơn", year=2015, replicates=origin)


def test_the_cycle_in_order(world):
    i = make_initiative(world)
    editor = world.users["editor_a"]
    with pytest.raises(ValidationError):  # not approved yet
        services.initiative_launch(actor=editor, initiative=i, expected_version=i.version, launched_on=D(2016, 3, 1))
    services.initiative_approve(actor=editor, initiative=i, expected_version=i.version, on=D(2016, 2, 10))
    with pytest.raises(ValidationError):  # cannot approve twice
        services.initiative_approve(actor=editor, initiative=i, expected_version=i.version)
    with pytest.raises(ValidationError):  # cannot conclude before launching
        services.initiative_conclude(
            actor=editor, initiative=i, expected_version=i.version, result="effective", evaluated_on=D(2016, 12, 1)
        )
    services.initiative_launch(actor=editor, initiative=i, expected_version=i.version, launched_on=D(2016, 3, 1))
    assert i.state == "implementing"
    with pytest.raises(ValidationError):  # effective needs the mid-year review first
        services.initiative_conclude(
            actor=editor, initiative=i, expected_version=i.version, result="effective", evaluated_on=D(2016, 12, 1)
        )
    with pytest.raises(ValidationError) as error:  # review before launch
        services.initiative_review(
            actor=editor, initiative=i, expected_version=i.version, reviewed_on=D(2016, 2, 28), note="Sơ kết"
        )
    assert "reviewed_on" in error.value.message_dict
    services.initiative_review(
        actor=editor, initiative=i, expected_version=i.version, reviewed_on=D(2016, 3, 1), note="Sơ kết"
    )
    services.initiative_conclude(
        actor=editor, initiative=i, expected_version=i.version, result="effective", evaluated_on=D(2016, 12, 1)
    )
    assert (i.state, i.result) == ("evaluated", "effective")


def test_stopping_is_allowed_while_implementing(world):
    i = make_initiative(world, to="implementing")
    services.initiative_conclude(
        actor=loader_actor(), initiative=i, expected_version=i.version, result="stopped", evaluated_on=D(2016, 5, 1)
    )
    assert i.result == "stopped"


def test_return_needs_a_reason_and_editing_resubmits(world, cast):
    i = make_initiative(world, actor=cast.officer_a)
    with pytest.raises(ValidationError):
        services.initiative_return(actor=world.users["editor_a"], initiative=i, expected_version=i.version, reason=" ")
    services.initiative_return(
        actor=world.users["editor_a"], initiative=i, expected_version=i.version, reason="Bổ sung nguồn lực"
    )
    data = {k: getattr(i, k) for k in services.EDITABLE}
    data["resources"] = "Ngân sách xã 20 triệu đồng"
    services.initiative_update(actor=cast.officer_a, initiative=i, expected_version=i.version, **data)
    assert i.state == "registered"
    services.initiative_approve(actor=world.users["editor_a"], initiative=i, expected_version=i.version)
    with pytest.raises(ValidationError):  # approved: the commune officer no longer edits
        services.initiative_update(actor=cast.officer_a, initiative=i, expected_version=i.version, **data)


def test_commune_officer_cannot_approve_and_stale_versions_are_refused(world, cast):
    i = make_initiative(world)
    with pytest.raises(PermissionDenied):
        services.initiative_approve(actor=cast.officer_a, initiative=i, expected_version=i.version)
    with pytest.raises(ConflictError):
        services.initiative_approve(actor=cast.mass_d, initiative=i, expected_version=i.version - 1)
    i.refresh_from_db()
    assert i.state == "registered"
    services.initiative_approve(actor=cast.mass_d, initiative=i, expected_version=i.version)


# --- evaluation ---------------------------------------------------------------------------------------------


def _answers(sheet, scores):
    return {c.pk: s for c, s in zip(sheet.criteria.all(), scores, strict=True)}


@pytest.mark.parametrize(
    ("scores", "total", "grade", "result"),
    [
        ([10, 10, 10, 10, 10], 80, "Xuất sắc", "effective"),
        ([8, 8, 8, 8, 8], 64, "Xuất sắc", "effective"),  # exactly the floor
        ([8, 8, 8, 7.5, 8], Decimal("63.5"), "Khá", "effective"),  # half a point below
        ([6, 6, 6, 6, 6], 48, "Khá", "effective"),
        ([6, 6, 6, 5, 6], 47, "Chưa đạt", "not_effective"),
        ([0, 0, 0, 0, 0], 0, "Chưa đạt", "not_effective"),
    ],
)
def test_weighted_total_and_grade(world, scores, total, grade, result):
    sheet = scored_sheet(world)
    i = make_initiative(world, to="reviewed")
    e = services.evaluation_create(
        actor=loader_actor(), initiative=i, sheet=sheet, answers=_answers(sheet, scores), evaluated_on=D(2016, 11, 1)
    )
    assert (e.total, e.maximum, e.grade, e.result) == (Decimal(total), Decimal(80), grade, result)


def test_score_outside_range_and_missing_scores_are_refused(world):
    sheet = scored_sheet(world)
    i = make_initiative(world, to="reviewed")
    with pytest.raises(ValidationError) as error:
        services.evaluation_create(
            actor=loader_actor(),
            initiative=i,
            sheet=sheet,
            answers=_answers(sheet, [11, 5, 5, 5, None]),
            evaluated_on=D(2016, 11, 1),
        )
    first, last = sheet.criteria.first(), sheet.criteria.last()
    assert {f"c{first.pk}", f"c{last.pk}"} <= set(error.value.message_dict)


def test_pass_fail_sheet(world):
    sheet = services.sheet_create(
        actor=loader_actor(),
        name="Năm tiêu chuẩn điển hình tập thể",
        unit=world.district,
        mode="pass_fail",
        year_from=2016,
        criteria=[{"text": "Sáng tạo", "required": True}, {"text": "Bền vững", "required": False}],
        grades=[],
    )
    i = make_initiative(world, kind="collective_exemplar", to="reviewed")
    a, b = sheet.criteria.all()
    ok = services.evaluation_create(
        actor=loader_actor(), initiative=i, sheet=sheet, answers={a.pk: "1", b.pk: "0"}, evaluated_on=D(2016, 11, 1)
    )
    assert (ok.grade, ok.result) == ("Đạt", "effective")
    failed = services.evaluation_create(
        actor=loader_actor(), initiative=i, sheet=sheet, answers={a.pk: "0", b.pk: "1"}, evaluated_on=D(2016, 11, 2)
    )
    assert (failed.grade, failed.result) == ("Không đạt", "not_effective")


def test_several_evaluators_and_the_proposed_result(world, cast):
    sheet = scored_sheet(world)
    i = make_initiative(world, to="reviewed")
    for actor, scores in ((cast.mass_d, [9] * 5), (world.users["district_user"], [7] * 5), (cast.front_a, [3] * 5)):
        services.evaluation_create(
            actor=actor,
            initiative=i,
            sheet=sheet,
            answers=_answers(sheet, scores),
            evaluated_on=D(2016, 11, 1),
            internal_note="Chỉ nội bộ",
        )
    assert i.evaluations.count() == 3
    assert selectors.proposed_result(i) == "effective"
    with pytest.raises(PermissionDenied):  # a commune officer registers but does not evaluate
        services.evaluation_create(
            actor=cast.officer_a,
            initiative=i,
            sheet=sheet,
            answers=_answers(sheet, [5] * 5),
            evaluated_on=D(2016, 11, 1),
        )


def test_sheet_of_another_year_or_kind_does_not_apply(world):
    sheet = scored_sheet(world, year_from=2017)
    i = make_initiative(world, to="reviewed")
    with pytest.raises(ValidationError) as error:
        services.evaluation_create(
            actor=loader_actor(),
            initiative=i,
            sheet=sheet,
            answers=_answers(sheet, [5] * 5),
            evaluated_on=D(2016, 11, 1),
        )
    assert "sheet" in error.value.message_dict


def test_sheet_in_use_keeps_its_criteria(world):
    sheet = scored_sheet(world)
    i = make_initiative(world, to="reviewed")
    services.evaluation_create(
        actor=loader_actor(), initiative=i, sheet=sheet, answers=_answers(sheet, [5] * 5), evaluated_on=D(2016, 11, 1)
    )
    with pytest.raises(ValidationError) as error:
        services.sheet_update(
            actor=loader_actor(),
            sheet=sheet,
            expected_version=sheet.version,
            name=sheet.name,
            unit=sheet.unit,
            mode="scored",
            year_from=2015,
            criteria=[{"text": "Một tiêu chí mới", "max_score": 10, "weight": 1}],
            grades=[{"min_total": 0, "label": "Đạt", "result": "effective"}],
        )
    assert "criteria" in error.value.message_dict


# --- recognition --------------------------------------------------------------------------------------------


def test_awards_need_an_effective_model_and_move_its_state(world):
    weak = make_initiative(world, to="evaluated", result="not_effective")
    form = AwardForm.objects.get(code="giay-khen-ubnd-xa")
    with pytest.raises(ValidationError):
        services.award_create(
            actor=loader_actor(),
            initiative=weak,
            form=form,
            recipient_kind="collective",
            recipient="UBND xã",
            decided_on=D(2016, 12, 20),
        )
    good = make_initiative(world, name="Mô hình tốt", to="evaluated")
    praise = AwardForm.objects.get(code="bieu-duong-hoi-nghi")
    services.award_create(
        actor=loader_actor(),
        initiative=good,
        form=praise,
        recipient_kind="collective",
        recipient="Chi bộ thôn",
        decided_on=D(2016, 12, 20),
    )
    good.refresh_from_db()
    assert good.state == "praised"
    services.award_create(
        actor=loader_actor(),
        initiative=good,
        form=form,
        recipient_kind="collective",
        recipient="Chi bộ thôn",
        decision_number="15/QĐ-UBND",
        decided_on=D(2016, 12, 25),
    )
    good.refresh_from_db()
    assert good.state == "awarded"
    with pytest.raises(ValidationError) as error:  # before the evaluation date
        services.award_create(
            actor=loader_actor(),
            initiative=good,
            form=form,
            recipient_kind="collective",
            recipient="X",
            decided_on=D(2016, 11, 1),
        )
    assert "decided_on" in error.value.message_dict


def test_district_award_form_ends_with_the_district_level(world):
    good = make_initiative(world, year=2025, to="evaluated", registered_on=D(2025, 2, 1))
    district_form = AwardForm.objects.get(code="giay-khen-ubnd-huyen")
    with pytest.raises(ValidationError) as error:
        services.award_create(
            actor=loader_actor(),
            initiative=good,
            form=district_form,
            recipient_kind="collective",
            recipient="X",
            decided_on=D(2025, 12, 20),
        )
    assert "form" in error.value.message_dict


def test_conference_honours_effective_models_of_its_period_and_area(world):
    good = make_initiative(world, to="evaluated")
    old = make_initiative(world, name="Cũ", year=2015, to="evaluated", registered_on=D(2015, 2, 1))
    conference = services.conference_create(
        actor=loader_actor(),
        unit=world.district,
        title="Hội nghị biểu dương 2016",
        held_on=D(2016, 12, 28),
        year_from=2016,
        year_to=2016,
        honoured=[good],
    )
    good.refresh_from_db()
    assert good.state == "praised" and list(conference.honoured.all()) == [good]
    with pytest.raises(ValidationError):
        services.conference_honour(actor=loader_actor(), conference=conference, initiatives=[old])
    with pytest.raises(ValidationError):
        services.conference_create(
            actor=loader_actor(),
            unit=world.district,
            title="Sai giai đoạn",
            held_on=D(2016, 12, 28),
            year_from=2016,
            year_to=2015,
        )
