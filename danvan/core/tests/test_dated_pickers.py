"""Pickers of a dated record offer the units of that day, named as then with today's name beside."""

import datetime

import pytest
from django import forms
from django.urls import reverse

from danvan.core import pickers
from danvan.core.access import loader_actor
from danvan.core.forms import date_field
from danvan.core.models import Unit
from danvan.core.services import units
from danvan.core.tests.cast import unit_type

D = datetime.date


class RecordForm(forms.Form):
    held_on = date_field("Ngày")
    unit = pickers.UnitChoiceField(label="Đơn vị", purpose="view")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        pickers.dated(self, "held_on")
        pickers.bind_unit_fields(self, user)


def options_of(form) -> dict[int, str]:
    return {int(value.value): label for value, label in form.fields["unit"].choices if value}


def reorganize(kind, day, **kwargs):
    return units.reorganization_create(
        actor=loader_actor(), kind=kind, legal_basis="1/NQ-TEST", effective_date=day, **kwargs
    )


@pytest.fixture
def merged(world):
    """xã An Lộc and xã Bình Lộc become xã An Bình on 01/01/2020."""
    reorganize("merge", D(2020, 1, 1), units=[world.commune_a, world.commune_b], new_units=[{"name": "An Bình"}])
    return Unit.objects.get(name="An Bình")


def test_a_unit_that_ended_before_the_day_is_not_offered_and_one_not_yet_begun_neither(world, merged):
    admin = world.users["admin"]
    later = options_of(RecordForm({"held_on": "01/03/2021"}, user=admin))
    assert merged.pk in later and world.commune_a.pk not in later and world.commune_b.pk not in later
    assert later[merged.pk] == "xã An Bình – huyện Đông Sơn"
    earlier = options_of(RecordForm({"held_on": "01/03/2016"}, user=admin))
    assert merged.pk not in earlier
    assert earlier[world.commune_a.pk] == "xã An Lộc – huyện Đông Sơn (nay thuộc xã An Bình)"


def test_a_unit_renamed_since_shows_its_name_of_then_with_todays_beside(world):
    reorganize("upgrade", D(2018, 7, 1), units=[world.commune_a], new_type=unit_type("town"), new_name="An Phú")
    admin = world.users["admin"]
    then = options_of(RecordForm(initial={"held_on": D(2016, 5, 1)}, user=admin))
    assert then[world.commune_a.pk] == "xã An Lộc – huyện Đông Sơn (nay là thị trấn An Phú)"
    assert then[world.village_a1.pk] == "thôn Đông Thượng – xã An Lộc"
    assert then[world.commune_b.pk] == "xã Bình Lộc – huyện Đông Sơn"
    now = options_of(RecordForm(user=admin))  # no date yet: today's units and names
    assert now[world.commune_a.pk] == "thị trấn An Phú – huyện Đông Sơn"


def test_the_labels_of_a_dated_picker_take_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    admin = world.users["admin"]
    form = RecordForm({"held_on": "01/03/2016"}, user=admin)
    # how many units there are, the units, their versions (and their parents'), today's successors
    with django_assert_max_num_queries(4):
        html = str(form["unit"])
    assert "xã An Lộc – huyện Đông Sơn" in html


def test_changing_the_date_asks_the_server_for_the_options_of_that_day(world, merged, client_for):
    form = RecordForm(user=world.users["admin"])
    attrs = form.fields["held_on"].widget.attrs
    assert attrs["hx-get"] == reverse("core:unit_options") and attrs["hx-target"] == "#id_unit"
    params = {"muc_dich": "view", "ten": "unit", "don": "1", "ngay_ten": "held_on", "held_on": "15/06/2016"}
    body = client_for("admin").get(reverse("core:unit_options"), {**params, "tat_ca": "1"}).content.decode()
    assert "xã An Lộc – huyện Đông Sơn (nay thuộc xã An Bình)" in body and "An Bình –" not in body
    body = client_for("admin").get(reverse("core:unit_options"), {**params, "held_on": "15/06/2021"}).content.decode()
    assert "xã An Bình – huyện Đông Sơn" in body and "An Lộc" not in body


def test_the_search_of_a_dated_picker_stays_in_the_scope(world, client_for):
    params = {"muc_dich": "view", "ten": "unit", "_tim_unit": "binh", "ngay": "2016-06-15"}
    assert "Bình Lộc" not in client_for("editor_a").get(reverse("core:unit_options"), params).content.decode()
    assert "xã Bình Lộc" in client_for("district_user").get(reverse("core:unit_options"), params).content.decode()


def test_the_kien_nghi_intake_follows_its_date(world, client_for):
    page = client_for("admin").get(reverse("petitions:create")).content.decode()
    assert "hx-get" in page and "ngay_ten" in page
