"""The cycle's steps, each at its own address (emulation/workflow.py): every cast member against the answers
registered in matrix.STEPS (a POST without the right changes no row), a step refused in the wrong state with its
message, and the page offering exactly the steps the workflow allows."""

import pytest
from django.urls import reverse

from danvan.conftest import CAST
from danvan.core.models import AuditEntry
from danvan.core.tests.test_access_matrix import row_counts
from danvan.emulation.models import Initiative
from danvan.emulation.workflow import WORKFLOW

from . import matrix
from .factories import make_initiative


def _data(step: str, version: int) -> dict:
    slug = WORKFLOW.step(step).slug
    values = {
        "approve": {"on": "10/02/2016"},
        "return": {"reason": "Bổ sung nguồn lực."},
        "launch": {"launched_on": "01/03/2016"},
        "review": {"reviewed_on": "01/07/2016", "note": "Sơ kết 6 tháng."},
        "conclude": {"result": "effective", "evaluated_on": "01/12/2016"},
    }[step]
    return {f"{slug}-{key}": value for key, value in {"version": version, **values}.items()}


@pytest.fixture(scope="module")
def _step_rows(_module_world, django_db_blocker):
    """This module's matrix records, added once to the module's world (rolled back with it)."""
    with django_db_blocker.unblock():
        matrix.prepare(_module_world)
        return row_counts()


@pytest.fixture
def step_world(_step_rows, world):
    assert row_counts() == _step_rows, "a test left rows behind"
    return world


CASES = [(name, member) for name, (_kwargs, expected) in matrix.STEPS.items() for member in CAST]


@pytest.mark.parametrize(("name", "member"), CASES)
def test_each_cast_member_gets_the_registered_answer(step_world, client_for, name, member):
    kwargs_fn, expected = matrix.STEPS[name]
    kwargs = kwargs_fn(step_world)
    step = name.removeprefix("emulation:step_")
    initiative = Initiative.objects.get(pk=kwargs["pk"])
    client = client_for(member)  # signing in writes a session row: before counting
    audit_before, rows_before = AuditEntry.objects.count(), row_counts()
    response = client.post(reverse(name, kwargs=kwargs), _data(step, initiative.version))
    initiative.refresh_from_db()
    if expected[member] == 200:  # the step is taken, and the page is shown again
        assert response.status_code == 302 and response["Location"] == reverse("emulation:detail", kwargs=kwargs)
        assert initiative.state not in WORKFLOW.step(step).sources
        assert AuditEntry.objects.count() == audit_before + 1
        return
    if member == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected[member], f"{member} POST {name}"
    assert initiative.state in WORKFLOW.step(step).sources
    assert AuditEntry.objects.count() == audit_before
    changed = {table for table, count in row_counts().items() if count != rows_before[table]}
    assert not changed, f"{member} POST {name} changed the number of rows of {sorted(changed)}"


def test_every_step_of_the_page_has_its_registered_address():
    assert {f"emulation:step_{step.name}" for step in WORKFLOW if step.slug} >= set(matrix.STEPS)
    assert set(matrix.STEPS) == {
        f"emulation:step_{name}" for name in ("approve", "return", "launch", "review", "conclude")
    }


def test_a_step_in_the_wrong_state_is_refused_with_its_message_and_changes_nothing(world, client_for):
    i = make_initiative(world)  # registered: not approved yet
    audit_before = AuditEntry.objects.count()
    response = client_for("district_user").post(
        reverse("emulation:step_launch", args=[i.pk]), _data("launch", i.version), follow=True
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Chỉ ra mắt được mô hình đã duyệt." in html and "Trạng thái hiện tại: Đăng ký." in html
    before = i.version
    i.refresh_from_db()
    assert (i.state, i.launched_on, i.version) == ("registered", None, before)
    assert AuditEntry.objects.count() == audit_before


def test_effective_needs_the_review_but_stopping_does_not(world, client_for):
    i = make_initiative(world, to="implementing")
    client = client_for("district_user")
    url = reverse("emulation:step_conclude", args=[i.pk])
    page = client.post(url, _data("conclude", i.version), follow=True).content.decode()
    assert "Chỉ đánh giá được mô hình đã sơ kết" in page
    i.refresh_from_db()
    assert i.state == "implementing"
    client.post(
        url, {**_data("conclude", i.version), "danh-gia-result": "stopped", "danh-gia-evaluated_on": "01/05/2016"}
    )
    i.refresh_from_db()
    assert (i.state, i.result) == ("evaluated", "stopped")


def test_the_page_offers_exactly_the_available_steps(world, client_for):
    i = make_initiative(world, to="approved")
    manager = client_for("district_user").get(reverse("emulation:detail", args=[i.pk])).content.decode()
    assert reverse("emulation:step_launch", args=[i.pk]) in manager
    for other in ("approve", "return", "review", "conclude"):
        assert reverse(f"emulation:step_{other}", args=[i.pk]) not in manager
    viewer = client_for("viewer_a").get(reverse("emulation:detail", args=[i.pk])).content.decode()
    assert "/ra-mat/" not in viewer and reverse("emulation:edit", args=[i.pk]) not in viewer
