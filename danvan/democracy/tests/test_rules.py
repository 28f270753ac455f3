"""The rules of grassroots democracy at their boundaries: vote thresholds, both instruments on either side of
01/07/2023, online voting, secret ballots, election lead times, disclosures and their checklist, dialogues,
inspection boards."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from danvan.core.access import loader_actor
from danvan.core.models import AuditEntry
from danvan.core.services import orgs
from danvan.democracy import selectors, services, statistics
from danvan.democracy.models import CommunityDecision, Disclosure, InspectionBoard, RuleSet
from danvan.democracy.statistics import Status, checklist_row

from .factories import D, board_members, disclosure, item, matter, vote

pytestmark = pytest.mark.django_db


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


# --- rule sets ----------------------------------------------------------------------------------------------


def test_rule_set_switches_on_1_july_2023():
    assert services.rule_set_on(D(2023, 6, 30)).code == "pl-34-2007"
    assert services.rule_set_on(D(2023, 7, 1)).code == "luat-10-2022"
    assert services.rule_set_on(D(2016, 5, 1)).code == "pl-34-2007"


def test_seeded_lists_follow_the_brief():
    law = RuleSet.objects.get(code="luat-10-2022")
    assert law.items.count() == 12
    assert law.matters.count() == 6
    assert law.consultation_matters.count() == 9
    assert law.consultation_channels.count() == 8
    assert list(law.matters.filter(allows_online=True).values_list("code", flat=True)) == ["qd-06"]
    assert set(law.items.filter(loudspeaker_required=True).values_list("position", flat=True)) == set(range(7, 13))
    # Unverified rules are seeded and marked for administrators.
    assert law.items.filter(needs_verification=True).exists()
    assert not RuleSet.objects.get(code="pl-34-2007").matters.filter(allows_online=True).exists()


# --- votes --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("votes_for", "passed"), [(100, False), (101, True)])
def test_more_than_half_of_all_households_at_the_boundary(world, votes_for, passed):
    decision = vote(world, votes_for=votes_for, votes_against=0)
    assert decision.passed is passed
    assert decision.state == ("recorded" if passed else "rejected")


@pytest.mark.parametrize(("votes_for", "passed"), [(133, False), (134, True)])
def test_two_thirds_of_the_commune_for_commune_wide_contributions(world, votes_for, passed):
    decision = vote(
        world,
        place=world.commune_a,
        matter=matter("qd-01"),
        total=200,
        present=190,
        votes_for=votes_for,
        votes_against=0,
    )
    assert decision.rule.scope == "commune"
    assert decision.passed is passed


def test_threshold_counts_all_households_not_those_present(world):
    # 90 of 100 present voted for, but 90 of 200 households is not more than half.
    decision = vote(world, total=200, present=100, votes_for=90, votes_against=10)
    assert not decision.passed


def test_a_result_the_rules_do_not_support_cannot_be_recorded_as_passed(world):
    with pytest.raises(ValidationError) as excinfo:
        vote(world, votes_for=100, votes_against=0, declared="passed")
    assert "101/200" in " ".join(errors_of(excinfo)["votes_for"])
    assert not CommunityDecision.objects.exists()
    vote(world, votes_for=101, votes_against=0, declared="passed")
    with pytest.raises(ValidationError):
        vote(world, votes_for=101, votes_against=0, declared="rejected", title="Khác")


def test_before_july_2023_voters_may_be_the_basis_and_the_ordinance_applies(world):
    decision = vote(
        world,
        held_on=D(2016, 4, 2),
        matter=matter("pl-qd-02"),
        basis="voters",
        total=400,
        present=300,
        votes_for=201,
        votes_against=50,
    )
    assert decision.rule_set.code == "pl-34-2007"
    assert decision.passed
    with pytest.raises(ValidationError) as excinfo:
        vote(world, held_on=D(2023, 7, 1), matter=matter("qd-06"), basis="voters")
    assert "basis" in errors_of(excinfo)


def test_a_matter_of_the_other_instrument_is_refused(world):
    with pytest.raises(ValidationError) as excinfo:
        vote(world, held_on=D(2023, 6, 30), matter=matter("qd-06"))
    assert "Luật 10/2022" in errors_of(excinfo)["matter"][0]
    with pytest.raises(ValidationError):
        vote(world, held_on=D(2023, 7, 1), matter=matter("pl-qd-02"))
    vote(world, held_on=D(2023, 6, 30), matter=matter("pl-qd-02"))


def test_online_voting_only_for_other_self_managed_matters(world):
    vote(world, form="online")
    with pytest.raises(ValidationError) as excinfo:
        vote(world, form="online", matter=matter("qd-03"), title="Hương ước")
    assert "trực tuyến" in errors_of(excinfo)["form"][0]
    with pytest.raises(ValidationError):
        vote(world, form="online", held_on=D(2020, 1, 5), matter=matter("pl-qd-02"))


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"votes_for": 161}, "votes_for"),  # for above present
        ({"present": 201}, "present"),  # present above total
        ({"votes_for": 120, "votes_against": 41}, "votes_against"),
        ({"total": 0, "present": 0, "votes_for": 0, "votes_against": 0}, "total"),
        ({"method": "secret"}, "counting_team"),  # secret ballot without a counting team
        ({"method": "secret", "counting_team": ["A", "B"]}, "counting_team"),
        ({"method": "secret", "counting_team": ["A", "B", "C", "D", "E", "F"]}, "counting_team"),
        ({"held_on": datetime.date.today() + datetime.timedelta(days=1)}, "held_on"),
        ({"title": "  "}, "title"),
        ({"place": None}, "place"),
    ],
)
def test_bad_votes_are_refused_and_nothing_is_saved(world, overrides, field):
    with pytest.raises(ValidationError) as excinfo:
        vote(world, **overrides)
    assert field in errors_of(excinfo)
    assert not CommunityDecision.objects.exists()
    assert not AuditEntry.objects.filter(content_type__model="communitydecision").exists()


@pytest.mark.parametrize("size", [3, 5])
def test_secret_ballot_with_a_counting_team_of_three_to_five(world, size):
    decision = vote(world, method="secret", counting_team="\n".join(f"Người {i}" for i in range(size)))
    assert len(decision.counting_team) == size


def test_recognition_by_the_body_the_rules_name(world):
    decision = vote(world, votes_for=150, votes_against=0)
    front = orgs.body_create(
        actor=loader_actor(),
        name="UB MTTQ xã An Lộc",
        body_type=_body_type("front"),
        unit=world.commune_a,
        valid_from=D(2016, 1, 1),
    )
    with pytest.raises(ValidationError) as excinfo:
        services.decision_recognise(
            actor=loader_actor(),
            decision=decision,
            expected_version=decision.version,
            body=front,
            number="12/QĐ-UBND",
            day=D(2024, 3, 12),
        )
    assert "UBND cấp xã" in errors_of(excinfo)["body"][0]
    services.decision_recognise(
        actor=loader_actor(),
        decision=decision,
        expected_version=decision.version,
        body=world.body_a,
        number="12/QĐ-UBND",
        day=D(2024, 3, 12),
    )
    decision.refresh_from_db()
    assert decision.state == "recognised" and decision.recognised_by == world.body_a
    with pytest.raises(ValidationError):  # stale page
        services.decision_implement(actor=loader_actor(), decision=decision, expected_version=1, text="Đã làm")
    services.decision_implement(
        actor=loader_actor(), decision=decision, expected_version=decision.version, text="Đã làm", done_on=D(2024, 5, 1)
    )
    assert CommunityDecision.objects.get().state == "done"


def test_a_rejected_vote_cannot_be_recognised(world):
    decision = vote(world, votes_for=100, votes_against=0)
    with pytest.raises(ValidationError):
        services.decision_recognise(
            actor=loader_actor(),
            decision=decision,
            expected_version=decision.version,
            body=world.body_a,
            number="",
            day=D(2024, 3, 12),
        )


def _body_type(code):
    from danvan.core.models import BodyType

    return BodyType.objects.get(code=code)


# --- village-head elections ---------------------------------------------------------------------------------


def _election(world, *, plan, team, notice, held=D(2024, 6, 30), **extra):
    extra.setdefault("title", "Bầu trưởng thôn Đông Thượng nhiệm kỳ 2024–2029")
    return vote(
        world,
        matter=matter("qd-04"),
        held_on=held,
        plan_on=plan,
        team_on=team,
        notice_on=notice,
        elected="Phan Văn Hùng",
        method="secret",
        counting_team=["A", "B", "C"],
        **extra,
    )


def test_election_lead_times_at_their_boundaries(world):
    held = D(2024, 6, 30)
    on_time = _election(
        world,
        plan=held - datetime.timedelta(days=20),
        team=held - datetime.timedelta(days=10),
        notice=held - datetime.timedelta(days=7),
    )
    flags = statistics.election_flags(on_time, on_time.rule_set)
    assert [f.met for f in flags] == [True, True, True]
    late = _election(
        world,
        plan=held - datetime.timedelta(days=19),
        team=held - datetime.timedelta(days=9),
        notice=held - datetime.timedelta(days=6),
        held=held,
        title="Bầu lại",
    )
    flags = statistics.election_flags(late, late.rule_set)
    assert [f.met for f in flags] == [False, False, False]
    assert "muộn" in flags[0].detail


def test_new_election_within_60_days_after_a_dismissal(world):
    held = D(2024, 6, 30)
    common = {"plan": D(2024, 6, 1), "team": D(2024, 6, 15), "notice": D(2024, 6, 20), "held": held}
    ok = _election(world, dismissal_on=held - datetime.timedelta(days=60), **common)
    assert statistics.election_flags(ok, ok.rule_set)[-1].met
    late = _election(world, dismissal_on=held - datetime.timedelta(days=61), title="Bầu lại lần 2", **common)
    assert not statistics.election_flags(late, late.rule_set)[-1].met


def test_an_election_needs_its_steps_dated_before_it(world):
    with pytest.raises(ValidationError) as excinfo:
        _election(world, plan=None, team=D(2024, 7, 2), notice=D(2024, 6, 25))
    assert {"plan_on", "team_on"} <= set(errors_of(excinfo))


# --- disclosures --------------------------------------------------------------------------------------------


def test_a_disclosure_that_ends_before_it_starts_is_refused(world):
    with pytest.raises(ValidationError) as excinfo:
        disclosure(world, ended_on=D(2024, 1, 9))
    assert "ended_on" in errors_of(excinfo)
    assert not Disclosure.objects.exists()


def test_loudspeaker_days_are_required_with_the_loudspeaker(world):
    with pytest.raises(ValidationError) as excinfo:
        disclosure(world, "cc-11", channels=("niem-yet", "loa-truyen-thanh"))
    assert "loudspeaker_days" in errors_of(excinfo)


def test_channels_of_the_law_are_refused_under_the_ordinance(world):
    with pytest.raises(ValidationError) as excinfo:
        disclosure(world, "pl-cc-01", start=D(2016, 1, 5), channels=("tin-nhan",))
    assert "channels" in errors_of(excinfo)


def _row(code, disclosures, start, day):
    return checklist_row(item(code), disclosures, start, day)


def test_checklist_states(world):
    start, day = D(2024, 1, 1), D(2024, 12, 31)
    assert _row("cc-01", [], start, day).status == Status.NOT_YET
    plan = disclosure(world, "cc-01", start=D(2024, 1, 10), days=30)
    assert _row("cc-01", [plan], start, day).status == Status.DONE
    assert _row("cc-01", [plan], start, D(2024, 1, 20)).status == Status.BEING
    # Yearly content: published on 10/01/2024, due again 12 months later.
    assert _row("cc-01", [plan], start, D(2025, 1, 9)).status == Status.DONE
    assert _row("cc-01", [plan], start, D(2025, 1, 10)).status == Status.DUE_AGAIN
    # Posting 29 days where 30 are required.
    short = disclosure(world, "cc-04", start=D(2024, 2, 1), days=29, title="Nhiệm vụ cán bộ")
    assert _row("cc-04", [short], start, day).status == Status.TOO_SHORT
    # Quarterly budget execution is due again after 3 months.
    budget = disclosure(world, "cc-02", start=D(2024, 4, 15), days=30, title="Thực hiện ngân sách quý I")
    assert _row("cc-02", [budget], start, D(2024, 7, 14)).status == Status.DONE
    assert _row("cc-02", [budget], start, D(2024, 7, 15)).status == Status.DUE_AGAIN
    # Content published only when it arises.
    assert _row("cc-03", [], start, day).status == Status.NOT_ARISEN


@pytest.mark.parametrize(("days", "status"), [(2, Status.TOO_SHORT), (3, Status.DONE)])
def test_three_consecutive_days_on_the_loudspeaker(world, days, status):
    fees = disclosure(world, "cc-11", channels=("niem-yet", "loa-truyen-thanh"), loudspeaker=days, title="Mức thu phí")
    assert _row("cc-11", [fees], D(2024, 1, 1), D(2024, 12, 31)).status == status


# --- consultations and dialogues ----------------------------------------------------------------------------


def _consultation(world, **overrides):
    from danvan.democracy.models import ConsultationChannel, ConsultationMatter

    data = {
        "unit": world.commune_a,
        "matter": ConsultationMatter.objects.get(code="yk-07"),
        "title": "Dự thảo quy chế thực hiện dân chủ xã An Lộc",
        "channels": [ConsultationChannel.objects.get(code="ht-b")],
        "opened_on": D(2024, 3, 1),
        "closed_on": D(2024, 3, 31),
        "asked": 500,
        "answered": 420,
        "agree": 400,
        "disagree": 12,
        "other": 8,
    }
    data.update(overrides)
    return services.consultation_create(actor=loader_actor(), **data)


def test_consultation_counts_must_add_up(world):
    with pytest.raises(ValidationError) as excinfo:
        _consultation(world, answered=501)
    assert "answered" in errors_of(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        _consultation(world, agree=410, disagree=11)
    assert "disagree" in errors_of(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        _consultation(world, closed_on=D(2024, 2, 28))
    assert "closed_on" in errors_of(excinfo)
    assert _consultation(world).rule_set.code == "luat-10-2022"


def _dialogue(world, **overrides):
    data = {
        "unit": world.commune_a,
        "title": "Đối thoại về đất đai",
        "notice_on": D(2024, 9, 1),
        "held_on": D(2024, 9, 8),
    }
    data.update(overrides)
    return services.dialogue_create(actor=loader_actor(), **data)


def test_dialogue_before_its_notice_is_refused(world):
    with pytest.raises(ValidationError) as excinfo:
        _dialogue(world, held_on=D(2024, 8, 31))
    assert "held_on" in errors_of(excinfo)


def test_dialogue_notice_and_results_at_their_boundaries(world):
    on_time = _dialogue(world, results_on=D(2024, 9, 18), results="Đã trả lời 12 ý kiến")
    assert [f.met for f in statistics.dialogue_flags(on_time, on_time.rule_set, D(2024, 12, 31))] == [True, True]
    late = _dialogue(world, notice_on=D(2024, 9, 2), results_on=D(2024, 9, 19), results="Đã trả lời")
    assert [f.met for f in statistics.dialogue_flags(late, late.rule_set, D(2024, 12, 31))] == [False, False]
    missing = _dialogue(world)
    assert [f.met for f in statistics.dialogue_flags(missing, missing.rule_set, D(2024, 9, 18))] == [True]
    assert [f.met for f in statistics.dialogue_flags(missing, missing.rule_set, D(2024, 9, 19))] == [True, False]


# --- inspection boards --------------------------------------------------------------------------------------


def test_a_board_needs_five_members(world):
    with pytest.raises(ValidationError) as excinfo:
        services.board_create(
            actor=loader_actor(), unit=world.commune_a, elected_on=D(2024, 8, 1), members=board_members(4)
        )
    assert "ít nhất 5" in errors_of(excinfo)["members"][0]
    assert not InspectionBoard.objects.exists()
    board = services.board_create(
        actor=loader_actor(), unit=world.commune_a, elected_on=D(2024, 8, 1), members=board_members(5)
    )
    # The term follows the village heads' five-year term.
    assert (board.term_from, board.term_to) == (D(2024, 8, 1), D(2029, 7, 31))


def test_a_commune_official_cannot_sit_on_the_board(world):
    orgs.position_create(
        actor=loader_actor(),
        person=world.person_a,
        title="Phó Chủ tịch UBND xã",
        body=world.body_a,
        unit=world.commune_a,
        valid_from=D(2020, 1, 1),
    )
    members = board_members(4) + [{"full_name": "nguyễn thị  an", "role": "member"}]
    with pytest.raises(ValidationError) as excinfo:
        services.board_create(actor=loader_actor(), unit=world.commune_a, elected_on=D(2024, 8, 1), members=members)
    assert "Phó Chủ tịch UBND xã" in errors_of(excinfo)["members"][0]
    assert not InspectionBoard.objects.exists()


@pytest.mark.parametrize(("sent", "met"), [(D(2024, 9, 9), True), (D(2024, 9, 10), False)])
def test_inspection_plan_five_working_days_ahead(world, sent, met):
    board = services.board_create(
        actor=loader_actor(), unit=world.commune_a, elected_on=D(2024, 8, 1), members=board_members(5)
    )
    # Monday 16/09/2024: five working days before are 09–13/09; sent on Monday 09/09 is on time.
    inspection = services.inspection_create(
        actor=loader_actor(),
        board=board,
        subject="Thu chi quỹ đường làng",
        inspected="Ban phát triển thôn",
        sent_on=sent,
        starts_on=D(2024, 9, 16),
    )
    assert statistics.inspection_flag(inspection, board.rule_set).met is met


def test_an_inspection_result_raises_a_petition_in_one_step(world):
    from danvan.petitions.models import Petition

    board = services.board_create(
        actor=loader_actor(), unit=world.commune_a, elected_on=D(2024, 8, 1), members=board_members(5)
    )
    inspection = services.inspection_create(
        actor=loader_actor(),
        board=board,
        subject="Thu chi quỹ đường làng",
        inspected="Ban phát triển thôn",
        sent_on=D(2024, 9, 2),
        starts_on=D(2024, 9, 16),
    )
    services.inspection_result(
        actor=world.users["editor_a"],
        inspection=inspection,
        expected_version=inspection.version,
        result_on=D(2024, 9, 20),
        findings="Chưa công khai thu chi quỹ; đề nghị UBND xã chỉ đạo công khai.",
        raise_petition=True,
    )
    petition = Petition.objects.get()
    assert petition.source == "inspection_board" and petition.unit == world.commune_a
    assert "Chưa công khai thu chi" in petition.content
    inspection.refresh_from_db()
    assert inspection.petition == petition


def test_a_2016_inspection_result_is_a_2016_petition(world):
    from danvan.petitions.models import Petition

    board = services.board_create(
        actor=loader_actor(), unit=world.commune_a, elected_on=D(2016, 2, 1), members=board_members(5)
    )
    assert board.term_to == D(2018, 1, 31)  # the Ordinance's board term: two years
    inspection = services.inspection_create(
        actor=loader_actor(),
        board=board,
        subject="Chợ",
        inspected="Ban quản lý chợ",
        sent_on=D(2016, 5, 2),
        starts_on=D(2016, 5, 16),
    )
    services.inspection_result(
        actor=loader_actor(),
        inspection=inspection,
        expected_version=inspection.version,
        result_on=D(2016, 5, 20),
        findings="Đề nghị công khai thu chi.",
        raise_petition=True,
    )
    petition = Petition.objects.get()
    assert (petition.year, petition.received_on) == (2016, D(2016, 5, 20))


def test_a_village_covenant_of_2016_is_recognised_by_the_district_committee_of_the_day(world):
    district_committee = orgs.body_create(
        actor=loader_actor(),
        name="UBND huyện Đông Sơn",
        body_type=_body_type("people_committee"),
        unit=world.district,
        valid_from=D(2016, 1, 1),
    )
    orgs.body_create(
        actor=loader_actor(),
        name="UBND huyện Đông Sơn (mới)",
        body_type=_body_type("people_committee"),
        unit=world.district,
        valid_from=D(2020, 1, 1),
    )
    covenant = vote(world, held_on=D(2016, 4, 2), matter=matter("pl-qd-03"), title="Hương ước thôn Đông Thượng")
    assert list(selectors.recogniser_bodies(covenant)) == [district_committee]
    ordinary = vote(world, held_on=D(2016, 4, 2), matter=matter("pl-qd-02"), title="Việc khác")
    assert list(selectors.recogniser_bodies(ordinary)) == [world.body_a]
