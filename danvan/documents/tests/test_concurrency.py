"""Two users taking a number at the same instant get two numbers (threads on SQLite and PostgreSQL: run this
module with DATABASE_URL=postgres://... too). Committed data is needed, so the test empties the database after
itself and the migrated rows are put back (`migrated_data`)."""

import threading

import pytest
from django.db import connection

from danvan.core.access import loader_actor
from danvan.core.models import BodyType
from danvan.core.services import orgs, units
from danvan.core.tests.cast import START, unit_type
from danvan.documents import services
from danvan.documents.models import Document, DocumentType, NumberSequence

THREADS = 8


@pytest.mark.django_db(transaction=True)
def test_users_taking_numbers_at_the_same_instant_get_distinct_numbers(migrated_data):
    actor = loader_actor()
    province = units.unit_create(
        actor=actor, name="Phú Thịnh", unit_type=unit_type("province"), parent=None, valid_from=START
    )
    body = orgs.body_create(
        actor=actor,
        name="Tỉnh ủy Phú Thịnh",
        body_type=BodyType.objects.get(code="standing_committee"),
        unit=province,
        valid_from=START,
    )
    issuer = services.issuer_create(
        actor=actor, system="party", body=body, abbreviation="TU", name="Tỉnh ủy Phú Thịnh", place="Phú Thịnh"
    )
    report = DocumentType.objects.get(code="bao-cao")
    barrier = threading.Barrier(THREADS)
    numbers, errors = [], []

    def take(i):
        try:
            barrier.wait(timeout=10)
            document = services.number_reserve(
                actor=actor, issuer=issuer, doc_type=report, dated=START, subject=f"Báo cáo {i}", template="tay"
            )
            numbers.append(document.number)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert sorted(numbers) == list(range(1, THREADS + 1))
    assert NumberSequence.objects.get(issuer=issuer, doc_type=report, year=START.year).last_number == THREADS
    assert Document.objects.filter(issuer=issuer).count() == THREADS
