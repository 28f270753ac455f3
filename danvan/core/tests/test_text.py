import unicodedata

import pytest

from danvan.core.text import fold, person_sort_key, search_tokens, sort_key


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("dan van kheo", "Dân vận khéo"),
        ("duong", "Đường"),
        ("DANG", "ĐẢNG"),
        ("hoà", "hòa"),
        ("thuỷ", "thủy"),
        (unicodedata.normalize("NFD", "Thiên Lộc"), "Thiên Lộc"),
    ],
)
def test_folding_makes_what_people_type_equal_to_what_is_stored(typed, stored):
    assert fold(typed) == fold(stored)


def test_folding_keeps_different_letters_apart_but_ignores_case_and_spaces():
    assert fold("  Kim   Song Trường ") == "kim song truong"
    assert fold("Lộc") != fold("Lạc")


def test_search_tokens_drop_everything_that_could_be_query_syntax():
    assert search_tokens('dân "vận" OR NEAR(khéo*) -- ;') == ["dan", "van", "or", "near", "kheo"]


def test_vietnamese_alphabet_order_with_modified_letters_as_letters_of_their_own():
    names = ["Đồng Lộc", "Dương", "Ân", "Anh", "Ăn", "Bình", "Âu", "Ơn", "Ô", "Uy", "Ưng", "Yên Lộc", "Ê", "Em"]
    assert sorted(names, key=sort_key) == [
        "Anh",
        "Ăn",
        "Ân",
        "Âu",
        "Bình",
        "Dương",
        "Đồng Lộc",
        "Em",
        "Ê",
        "Ô",
        "Ơn",
        "Uy",
        "Ưng",
        "Yên Lộc",
    ]


def test_tones_come_after_the_base_letters_and_decide_only_ties():
    assert sorted(["bạ", "bá", "ba", "bà", "bả", "bã", "bác"], key=sort_key) == [
        "ba",
        "bà",
        "bả",
        "bã",
        "bá",
        "bạ",
        "bác",
    ]


def test_a_shorter_word_sorts_before_a_longer_one_and_case_is_ignored():
    assert sorted(["Lộc Hà", "lộc", "Lộc An"], key=sort_key) == ["lộc", "Lộc An", "Lộc Hà"]


def test_sort_keys_are_plain_lowercase_ascii_so_every_database_collation_agrees():
    key = sort_key("Đặng Thị Ngọc Ánh")
    assert key.isascii() and key.isalpha() and key == key.lower()


def test_people_sort_by_given_name_then_full_name():
    people = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Đặng Quốc Ân"]
    assert sorted(people, key=person_sort_key) == ["Lê Văn An", "Nguyễn Thị An", "Đặng Quốc Ân", "Trần Văn Bình"]


def test_quarters_and_sections_in_roman_numerals():
    from danvan.core.text import roman

    assert [roman(n) for n in (1, 2, 3, 4, 9, 14, 40, 1999)] == ["I", "II", "III", "IV", "IX", "XIV", "XL", "MCMXCIX"]
