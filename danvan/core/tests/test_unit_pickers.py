"""Unit pickers: inline while choices are few, searched on the server (in scope) when they are many."""

from django.urls import reverse

from danvan.core import pickers


def options(client, purpose, typed="", selected=(), single=False):
    params = {
        "muc_dich": purpose,
        "ten": "unit",
        "_tim_unit": typed,
        "unit": list(selected),
        "don": "1" if single else "",
    }
    return client.get(reverse("core:unit_options"), params).content.decode()


def test_few_choices_are_listed_inline_without_a_search_box(world, client_for):
    page = client_for("editor_a").get(reverse("core:person_create")).content.decode()
    assert 'name="_tim_unit"' not in page and "thôn Tây Hạ" in page


def test_many_choices_render_only_the_selection_and_a_search_box(world, client_for, monkeypatch):
    monkeypatch.setattr(pickers, "INLINE_LIMIT", 2)
    client = client_for("editor_a")
    page = client.get(reverse("core:person_edit", args=[world.person_a.pk])).content.decode()
    assert 'name="_tim_unit"' in page
    assert "xã An Lộc" in page  # the selected unit stays
    assert "thôn Tây Hạ" not in page  # the rest comes from the search


def test_search_finds_units_without_diacritics_within_the_purpose(world, client_for):
    body = options(client_for("editor_a"), "manage_people", "tay ha")
    assert "thôn Tây Hạ" in body and "Bắc Sơn" not in body


def test_search_never_offers_units_outside_the_scope(world, client_for):
    assert "Bắc Sơn" not in options(client_for("editor_a"), "view", "bac son")
    assert "Bắc Sơn" in options(client_for("user_b"), "view", "bac son")
    assert "Tây Hạ" not in options(client_for("viewer_a"), "manage_people", "tay")  # a viewer manages nothing


def test_selected_units_come_back_selected_and_first(world, client_for):
    body = options(client_for("editor_a"), "manage_people", "dong", selected=[world.village_a2.pk], single=True)
    assert body.startswith('<option value="">')
    assert body.index("Tây Hạ") < body.index("Đông Thượng")
    assert f'value="{world.village_a2.pk}" selected' in body


def test_an_unknown_purpose_is_not_found(world, client_for):
    assert client_for("admin").get(reverse("core:unit_options"), {"muc_dich": "everything"}).status_code == 404
