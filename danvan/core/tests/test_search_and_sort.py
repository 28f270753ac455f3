"""The shared accent-insensitive search and the Vietnamese sort, through the database (SQLite and PostgreSQL)."""

import unicodedata

import pytest
from django.db import connection

from danvan.core import selectors
from danvan.core.access import loader_actor
from danvan.core.models import Person
from danvan.core.search import search
from danvan.core.services import orgs


@pytest.fixture
def people(world):
    names = ["Dân vận khéo Hòa", "Đường Thủy", "Dương Văn Thuỷ", "Lê Thị Hoà", "Đặng Ân", "Ông Ích Ăn"]
    return {name: orgs.person_create(actor=loader_actor(), full_name=name, unit=world.commune_a) for name in names}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dan van kheo", {"Dân vận khéo Hòa"}),
        ("DÂN VẬN", {"Dân vận khéo Hòa"}),
        ("duong", {"Đường Thủy", "Dương Văn Thuỷ"}),
        ("thủy", {"Đường Thủy", "Dương Văn Thuỷ"}),
        ("thuỷ", {"Đường Thủy", "Dương Văn Thuỷ"}),
        ("hòa", {"Dân vận khéo Hòa", "Lê Thị Hoà"}),
        ("hoà", {"Dân vận khéo Hòa", "Lê Thị Hoà"}),
        (unicodedata.normalize("NFD", "Đặng Ân"), {"Đặng Ân"}),
        ("van kh", {"Dân vận khéo Hòa"}),  # the last word matches as a prefix
        ("dang", {"Đặng Ân"}),
    ],
)
def test_search_ignores_accents_case_tone_placement_and_normalisation(people, query, expected):
    found = set(
        search(Person.objects.filter(pk__in=[p.pk for p in people.values()]), query).values_list("full_name", flat=True)
    )
    assert found == expected


@pytest.mark.parametrize("query", ['"', "NEAR(", "a*", "-", "' OR 1=1 --", "dân AND", "^", "{x}", ":*", "&|!"])
def test_search_never_passes_syntax_to_the_index(people, query):
    list(search(Person.objects.all(), query))  # must not raise


def test_search_uses_the_full_text_index_not_a_scan(people):
    sql = str(search(Person.objects.all(), "duong").query)
    assert ("_fts MATCH" in sql) if connection.vendor == "sqlite" else ("to_tsquery" in sql)


def test_search_index_follows_updates_and_deletes(world, people):
    person = people["Đặng Ân"]
    orgs.person_update(
        actor=loader_actor(), person=person, expected_version=person.version, full_name="Phạm Ánh", unit=world.commune_a
    )
    assert not search(Person.objects.all(), "dang an").exists()
    assert search(Person.objects.all(), "pham anh").exists()
    Person.objects.filter(pk=person.pk).delete()
    assert not search(Person.objects.all(), "pham anh").exists()


def test_lists_sort_in_vietnamese_order_in_the_database(world):
    for name in ["Ưng Hòa", "Đồng Văn", "Dương Xá", "Ân Thi", "Anh Sơn", "Ăn Khê", "Bình Giang"]:
        orgs.body_create(
            actor=loader_actor(),
            name=name,
            body_type=world.body_a.type,
            unit=world.commune_a,
            valid_from=world.body_a.valid_from,
        )
    names = [b.name for b in selectors.body_list(user=world.users["admin"], unit=world.commune_a)]
    assert names == ["Anh Sơn", "Ăn Khê", "Ân Thi", "Bình Giang", "Dương Xá", "Đồng Văn", "UBND xã An Lộc", "Ưng Hòa"]


def test_people_lists_sort_by_given_name(world):
    for name in ["Trần Văn Bình", "Lê Văn An", "Đặng Quốc Ân"]:
        orgs.person_create(actor=loader_actor(), full_name=name, unit=world.commune_b)
    names = [p.full_name for p in selectors.person_list(user=world.users["admin"], unit=world.commune_b)]
    assert names == ["Lê Văn An", "Đặng Quốc Ân", "Trần Văn Bình", "Trần Văn Bình"]  # the cast's person_b too
