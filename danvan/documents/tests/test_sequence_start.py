"""A register adopted mid-year: numbers run on after the paper book's last one, never below a number danvan gave;
the start is audited and explained in the register; only those who keep the issuer's register may start it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from danvan.core.access import loader_actor
from danvan.core.models import AuditEntry
from danvan.documents import services
from danvan.documents.models import DocumentType, NumberSequence

from .factories import D, state_issuer

REASON = "Đến số 44 cấp trên sổ giấy trước khi dùng phần mềm"


def _type(code="quyet-dinh"):
    return DocumentType.objects.get(code=code)


def _take(issuer, code="quyet-dinh", day=D(2016, 3, 1)):
    return services.number_reserve(
        actor=loader_actor(), issuer=issuer, doc_type=_type(code), dated=day, subject="Quyết định", template="tay"
    )


def _start(issuer, last_number, *, year=2016, code="quyet-dinh", actor=None, reason=REASON):
    return services.number_sequence_start(
        actor=actor or loader_actor(),
        issuer=issuer,
        doc_type=_type(code),
        year=year,
        last_number=last_number,
        reason=reason,
    )


@pytest.fixture
def state(world):
    return state_issuer(world)


def test_numbers_run_on_after_the_paper_books_last_number(state):
    sequence = _start(state, 44)
    assert (sequence.last_number, sequence.started_after, sequence.start_reason) == (44, 44, REASON)
    assert _take(state).reference == "45/QĐ-UBND"
    assert _take(state, day=D(2017, 1, 5)).reference == "1/QĐ-UBND"  # another year starts at 1
    assert _take(state, code="bao-cao").reference == "1/BC-UBND"  # another type too
    entry = AuditEntry.objects.get(object_id=str(sequence.pk), verb="Bắt đầu sổ giữa năm")
    assert entry.reason == REASON and entry.changes["last_number"] == [0, 44]


def test_it_refuses_a_start_below_a_number_already_given_and_accepts_one_at_it(state):
    for _ in range(3):
        _take(state)
    with pytest.raises(ValidationError, match="đã cấp đến số 3"):
        _start(state, 2)
    sequence = _start(state, 3)  # nothing above 3 was given: the start only explains
    assert sequence.last_number == 3 and _take(state).number == 4
    with pytest.raises(ValidationError):
        _start(state, 3)  # 4 was given since
    assert _start(state, 10).last_number == 10 and _take(state).number == 11


def test_it_refuses_nonsense(state):
    for bad in ({"last_number": 0}, {"last_number": 100_000}, {"year": 1800}, {"reason": " "}):
        with pytest.raises(ValidationError):
            _start(state, **{"last_number": 44, **bad})
    assert not NumberSequence.objects.filter(issuer=state, started_after__gt=0).exists()


def test_only_who_keeps_the_register_may_start_it(world, state):
    for member in ("viewer_a", "user_b", "district_user"):
        with pytest.raises(PermissionDenied):
            _start(state, 44, actor=world.users[member])
    assert _start(state, 44, actor=world.users["editor_a"]).last_number == 44  # the commune's office


def test_the_form_on_the_issuers_page_and_the_register_explain_the_start(world, state, client_for):
    client = client_for("editor_a")
    page = client.get(reverse("documents:issuer_list")).content.decode()
    assert reverse("documents:sequence_start") in page
    assert (
        reverse("documents:sequence_start")
        not in client_for("viewer_a").get(reverse("documents:issuer_list")).content.decode()
    )
    form = {"issuer": state.pk, "doc_type": "quyet-dinh", "year": 2016, "last_number": 44, "reason": REASON}
    response = client.post(reverse("documents:sequence_start"), {**form, "last_number": 0})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert client.post(reverse("documents:sequence_start"), form).status_code == 302
    assert _take(state).reference == "45/QĐ-UBND"
    for url in (reverse("documents:issuer_list"), reverse("documents:register_list")):
        page = client.get(url).content.decode()
        assert "số 1–44 cấp ngoài hệ thống, trên hệ thống từ số 45" in page and REASON in page
    assert "số 1–44" not in client_for("user_b").get(reverse("documents:register_list")).content.decode()
    # Another commune's office does not keep this issuer's register: its choice is not offered.
    response = client_for("user_b").post(reverse("documents:sequence_start"), {**form, "last_number": 50})
    assert response.status_code == 403
    assert NumberSequence.objects.get(issuer=state, doc_type__code="quyet-dinh", year=2016).last_number == 45
