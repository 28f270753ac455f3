"""The numbering register: numbers per issuer × type × year, released numbers never reused, issuing, access."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from danvan.core.access import loader_actor
from danvan.core.models import AuditEntry
from danvan.documents import services
from danvan.documents.models import Document, DocumentType, Issuer
from danvan.supervision.tests.factories import build_group

from .factories import OPTIONS, D, build_documents, party_issuer, state_issuer

TEMPLATE = "quyet-dinh-thanh-lap-doan"


def _type(code):
    return DocumentType.objects.get(code=code)


def _take(issuer, code="bao-cao", day=D(2016, 3, 1), actor=None):
    return services.number_reserve(
        actor=actor or loader_actor(), issuer=issuer, doc_type=_type(code), dated=day, subject="Báo cáo", template="tay"
    )


@pytest.fixture(scope="module")
def _documents(_module_world, django_db_blocker):
    """The group, its issuer and its founding decision, once per module (each test rolls back its own changes)."""
    with django_db_blocker.unblock():
        build_group(_module_world)
        build_documents(_module_world)
    return _module_world


@pytest.fixture
def prepared(_documents, world):
    world.extra["document"].refresh_from_db()
    return world


def test_numbers_run_per_issuer_type_and_year_in_each_style(prepared):
    party, state = party_issuer(prepared), state_issuer(prepared)
    assert [_take(party).reference for _ in range(2)] == ["1-BC/HU", "2-BC/HU"]
    assert _take(party, "ke-hoach").reference == "1-KH/HU"
    assert _take(party, day=D(2017, 1, 2)).reference == "1-BC/HU"  # a new year starts again at 1
    assert _take(state).reference == "1/BC-UBND"
    # The founding decision took the first QĐ of the committee in 2016.
    assert prepared.extra["document"].reference == "1-QĐ/HU"
    assert _take(party, "quyet-dinh", day=D(2016, 5, 5)).reference == "2-QĐ/HU"


def test_a_released_number_stays_a_gap_with_its_reason(prepared):
    party = party_issuer(prepared)
    first = _take(party)
    services.number_release(actor=loader_actor(), document=first, reason="Dự thảo không trình ký")
    assert _take(party).number == 2  # never reused
    first.refresh_from_db()
    assert first.status == Document.Status.RELEASED and first.release_reason == "Dự thảo không trình ký"
    entry = AuditEntry.objects.filter(object_id=str(first.pk), verb="Hủy số").get()
    assert entry.reason == "Dự thảo không trình ký"
    with pytest.raises(ValidationError):
        services.number_release(actor=loader_actor(), document=first, reason="lần nữa")
    rows = list(Document.objects.filter(issuer=party, doc_type__code="bao-cao").values_list("number", "status"))
    assert sorted(rows) == [(1, "released"), (2, "draft")]


def test_issuing_keeps_the_issued_version_and_regenerating_adds_one(prepared):
    document = prepared.extra["document"]
    issued = services.document_issue(actor=loader_actor(), document=document)
    assert issued.status == Document.Status.ISSUED and issued.issued_version.number == 1
    first_pdf = issued.issued_version.pdf.read()
    again = services.document_generate(
        actor=loader_actor(), template_code=TEMPLATE, record=prepared.extra["group"], options=OPTIONS
    )
    assert again.pk == document.pk and again.reference == "1-QĐ/HU"
    assert list(again.versions.values_list("number", flat=True)) == [2, 1]
    again.refresh_from_db()
    assert again.issued_version.number == 1
    again.issued_version.pdf.open("rb")
    assert again.issued_version.pdf.read() == first_pdf
    with pytest.raises(ValidationError):
        services.number_release(actor=loader_actor(), document=again, reason="không được")


def test_a_commune_officer_cannot_take_a_number_of_the_district(prepared):
    with pytest.raises(PermissionDenied):
        _take(party_issuer(prepared), actor=prepared.users["editor_a"])


def test_a_record_whose_issuer_has_no_numbering_rule_is_refused(prepared):
    Issuer.objects.filter(pk=party_issuer(prepared).pk).update(is_active=False)
    with pytest.raises(ValidationError, match="chưa có quy tắc đánh số"):
        services.document_generate(
            actor=loader_actor(), template_code=TEMPLATE, record=prepared.extra["group"], options=OPTIONS
        )


def test_long_or_control_text_is_refused_or_cleaned(prepared):
    with pytest.raises(ValidationError) as error:
        services.document_generate(
            actor=loader_actor(),
            template_code=TEMPLATE,
            record=prepared.extra["group"],
            options={**OPTIONS, "bases": "x" * 100_000},
        )
    assert "bases" in error.value.message_dict
    document = services.document_generate(
        actor=loader_actor(),
        template_code=TEMPLATE,
        record=prepared.extra["group"],
        options={**OPTIONS, "duties": "nắm tình hình\x0b\x07 <b>cơ sở</b> & báo cáo"},
    )
    assert document.versions.count() == 2


def test_issue_and_release_through_the_pages(prepared, client_for):
    document = prepared.extra["document"]
    client = client_for("district_user")
    url = reverse("documents:release", args=[document.pk])
    assert client_for("editor_a").post(url, {"reason": "x"}).status_code == 404
    response = client.post(url, {"reason": "Đoàn không thành lập nữa"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == Document.Status.RELEASED
    results = client.get(reverse("documents:register_list") + "?q=bao+cao+quy").content.decode()
    assert "1-QĐ/HU" not in results.split('id="results"')[1]  # search: number, subject and origin
    results = client.get(reverse("documents:register_list") + "?q=thanh+lap+doan&nam=2016").content.decode()
    results = results.split('id="results"')[1]
    assert "1-QĐ/HU" in results and "Đoàn không thành lập nữa" in results


def test_the_register_exports_what_the_user_sees(prepared, client_for):
    response = client_for("district_user").get(reverse("documents:register_list") + "?xuat=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")

    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][:2] == ["Số, ký hiệu", "Ngày"] and rows[1][0] == "1-QĐ/HU"
    other = client_for("user_b").get(reverse("documents:register_list") + "?xuat=xlsx")
    rows_b = list(load_workbook(io.BytesIO(other.content), read_only=True).active.iter_rows(values_only=True))
    assert len(rows_b) == 1  # only the header: the district's register is not commune B's
