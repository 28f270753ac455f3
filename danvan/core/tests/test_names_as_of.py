"""Units' names as of a date (core.names): one query for many units, whatever happened to them since."""

import datetime

import pytest
from django.template import Context, Template

from danvan.core import names
from danvan.core.access import loader_actor
from danvan.core.models import Unit
from danvan.core.services import units
from danvan.core.tests.cast import unit_type

D = datetime.date
BEFORE, AFTER = D(2016, 12, 31), D(2021, 1, 1)


def reorganize(world, kind, day, **kwargs):
    return units.reorganization_create(
        actor=loader_actor(), kind=kind, legal_basis="1/NQ-TEST", effective_date=day, **kwargs
    )


@pytest.fixture
def renamed(world):
    """xã An Lộc is upgraded to thị trấn An Phú on 01/07/2018."""
    reorganize(world, "upgrade", D(2018, 7, 1), units=[world.commune_a], new_type=unit_type("town"), new_name="An Phú")
    world.commune_a.refresh_from_db()
    return world


def test_a_renamed_and_upgraded_commune_has_its_old_name_and_type_before_the_change(renamed, django_assert_num_queries):
    world = renamed
    with django_assert_num_queries(1):
        before = names.names_as_of([world.commune_a.pk, world.commune_b.pk, world.village_a1.pk], BEFORE)
    assert before[world.commune_a.pk].full_name == "xã An Lộc"
    assert before[world.commune_a.pk].prefix == "xã"
    assert before[world.commune_b.pk].full_name == "xã Bình Lộc"
    assert before[world.village_a1.pk].parent.full_name == "xã An Lộc"
    assert before[world.commune_a.pk].parent.full_name == "huyện Đông Sơn"
    after = names.names_as_of([world.commune_a.pk, world.village_a1.pk], AFTER)
    assert after[world.commune_a.pk].full_name == "thị trấn An Phú"
    assert after[world.village_a1.pk].parent.full_name == "thị trấn An Phú"
    assert str(world.commune_a) == "thị trấn An Phú"  # the cache says today's name


def test_a_merged_commune_keeps_its_last_name_after_it_ended_and_the_successor_is_named_as_of_then(world):
    reorganize(world, "merge", D(2020, 1, 1), units=[world.commune_a, world.commune_b], new_units=[{"name": "An Bình"}])
    merged = Unit.objects.get(name="An Bình")
    ids = [world.commune_a.pk, world.commune_b.pk, merged.pk]
    before, after = names.names_as_of(ids, BEFORE), names.names_as_of(ids, AFTER)
    assert before[world.commune_a.pk].full_name == after[world.commune_a.pk].full_name == "xã An Lộc"
    assert after[merged.pk].full_name == "xã An Bình"
    assert names.now_notes(ids, BEFORE, today=AFTER) == {
        world.commune_a.pk: "(nay thuộc xã An Bình)",
        world.commune_b.pk: "(nay thuộc xã An Bình)",
    }


def test_relabel_gives_loaded_units_their_name_of_the_day_in_one_query(renamed, django_assert_num_queries):
    world = renamed
    loaded = list(Unit.objects.filter(pk__in=[world.commune_a.pk, world.commune_b.pk]).select_related("type"))
    with django_assert_num_queries(1):
        names.relabel([*loaded, None], BEFORE)
        labels = sorted(str(u) for u in loaded)
    assert labels == ["xã An Lộc", "xã Bình Lộc"]
    with django_assert_num_queries(0):
        names.relabel(loaded, BEFORE)  # already as of that day


def test_the_annotation_names_each_row_in_the_same_query(renamed, django_assert_num_queries):
    world = renamed
    with django_assert_num_queries(1):
        rows = dict(
            names.with_name_as_of(Unit.objects.filter(level__code="commune"), "pk", BEFORE).values_list(
                "pk", "unit_name"
            )
        )
    assert rows == {world.commune_a.pk: "xã An Lộc", world.commune_b.pk: "xã Bình Lộc"}
    later = dict(
        names.with_name_as_of(Unit.objects.filter(pk=world.commune_a.pk), "pk", AFTER).values_list("pk", "unit_name")
    )
    assert later == {world.commune_a.pk: "thị trấn An Phú"}


def test_a_renamed_unit_is_noted_with_its_name_of_today(renamed):
    world = renamed
    assert names.now_notes([world.commune_a.pk, world.commune_b.pk], BEFORE, today=AFTER) == {
        world.commune_a.pk: "(nay là thị trấn An Phú)"
    }
    assert names.now_notes([world.commune_a.pk], AFTER, today=AFTER) == {}


def test_template_filters_label_units_from_the_page_map_and_say_the_day(renamed):
    world = renamed
    page = Template("{% load danvan %}{{ unit|named:names }} · {{ day|names_note }}").render(
        Context({"unit": world.commune_a, "names": names.names_as_of([world.commune_a.pk], BEFORE), "day": BEFORE})
    )
    assert page == "xã An Lộc · Tên đơn vị theo thời điểm 31/12/2016"
