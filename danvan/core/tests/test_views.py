"""Screens through the test client: bad input next to the field, nothing half-saved, HTML shown as text,
concurrent edits detected, exports, bounded queries, Vietnamese error pages, the login throttle."""

import io

import openpyxl
import pytest
from django.test import override_settings
from django.urls import reverse

from danvan.core.access import loader_actor
from danvan.core.models import AuditEntry, Body, Person, Unit


def errors_of(response, field):
    form = response.context["form"]
    return form.errors.get(field, [])


def test_a_name_of_only_spaces_is_refused_next_to_the_field(world, client_for):
    response = client_for("editor_a").post(
        reverse("core:person_create"), {"full_name": "    ", "unit": world.commune_a.pk}
    )
    assert response.status_code == 200
    assert errors_of(response, "full_name")
    assert 'class="errorlist"' in response.content.decode()
    assert not Person.objects.filter(full_name="").exists()


def test_a_ten_thousand_character_name_is_refused_with_the_limit(world, client_for):
    count = Body.objects.count()
    response = client_for("editor_a").post(
        reverse("core:body_create"),
        {
            "name": "x" * 10_000,
            "body_type": world.body_a.type_id,
            "unit": world.commune_a.pk,
            "valid_from": "01/01/2020",
        },
    )
    assert "200" in str(errors_of(response, "name")[0])
    assert Body.objects.count() == count


def test_a_validity_that_ends_before_it_starts_is_refused(world, client_for):
    response = client_for("editor_a").post(
        reverse("core:body_create"),
        {
            "name": "Hội Nông dân xã",
            "body_type": world.body_a.type_id,
            "unit": world.commune_a.pk,
            "valid_from": "01/01/2020",
            "valid_to": "31/12/2019",
        },
    )
    assert "không được trước" in str(errors_of(response, "valid_to"))
    assert not Body.objects.filter(name="Hội Nông dân xã").exists()


def test_a_date_in_the_wrong_format_gets_a_vietnamese_message(world, client_for):
    response = client_for("editor_a").post(
        reverse("core:body_create"),
        {
            "name": "Hội Nông dân xã",
            "body_type": world.body_a.type_id,
            "unit": world.commune_a.pk,
            "valid_from": "2020/31/12",
        },
    )
    assert "dd/mm/yyyy" in str(errors_of(response, "valid_from"))


def test_html_in_text_fields_is_stored_and_shown_as_text(world, client_for):
    client = client_for("editor_a")
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    response = client.post(
        reverse("core:person_create"),
        {"full_name": payload, "unit": world.commune_a.pk, "committee_title": payload, "is_active": "on"},
    )
    person = Person.objects.get(committee_title=payload)
    page = client.get(reverse("core:person_detail", args=[person.pk])).content.decode()
    assert response.status_code == 302
    assert "<script>alert" not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_an_edit_made_on_a_stale_page_is_refused_and_nothing_is_overwritten(world, client_for):
    client = client_for("editor_a")
    url = reverse("core:person_edit", args=[world.person_a.pk])
    stale = client.get(url).context["form"].initial["version"]
    data = {"full_name": "Người thứ nhất", "unit": world.commune_a.pk, "is_active": "on", "version": stale}
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "full_name": "Người thứ hai"})
    assert response.status_code == 200
    assert "vừa được người khác cập nhật" in response.content.decode()
    world.person_a.refresh_from_db()
    assert world.person_a.full_name == "Người thứ nhất"


def test_an_editor_cannot_attach_an_object_to_a_unit_outside_their_scope(world, client_for):
    response = client_for("editor_a").post(
        reverse("core:person_create"), {"full_name": "Lê Văn C", "unit": world.commune_b.pk}
    )
    assert errors_of(response, "unit")
    assert not Person.objects.filter(full_name="Lê Văn C").exists()


def test_creating_a_unit_then_seeing_it_in_the_list_and_in_search_without_accents(world, client_for):
    client = client_for("admin")
    response = client.post(
        reverse("core:unit_create"),
        {
            "name": "Đồng Quang",
            "unit_type": world.village_a1.type_id,
            "parent": world.commune_a.pk,
            "valid_from": "01/02/2024",
        },
    )
    unit = Unit.objects.get(name="Đồng Quang")
    assert response["Location"] == reverse("core:unit_detail", args=[unit.pk])
    listing = client.get(reverse("core:unit_list"), {"q": "dong quang"}).content.decode()
    assert "thôn Đồng Quang" in listing
    assert AuditEntry.objects.filter(object_id=str(unit.pk), content_type__model="unit", action="create").exists()


def test_search_as_you_type_returns_only_the_results_partial(world, client_for):
    response = client_for("viewer_a").get(
        reverse("core:unit_list"), {"q": "tay ha"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results"
    )
    body = response.content.decode()
    assert 'id="results"' in body and "<html" not in body and "thôn Tây Hạ" in body


def test_lists_show_only_what_is_in_scope(world, client_for):
    body = client_for("viewer_a").get(reverse("core:person_list")).content.decode()
    assert "Nguyễn Thị An" in body and "Trần Văn Bình" not in body


def test_the_unit_list_exports_the_filtered_rows_to_excel(world, client_for):
    response = client_for("viewer_a").get(reverse("core:unit_list"), {"q": "dong", "xuat": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Tên" and [r[0] for r in rows[1:]] == ["thôn Đông Thượng"]


PAGES = [
    "core:unit_list",
    "core:person_list",
    "core:body_list",
    "core:party_org_list",
    "core:home",
    "core:unit_tree",
    "core:reorganization_list",
]


@pytest.mark.parametrize(
    ("url_name", "member"),
    [(page, member) for page in PAGES for member in ("admin", "district_user")] + [("core:audit_log", "admin")],
)
def test_pages_use_a_bounded_number_of_queries(world, client_for, django_assert_max_num_queries, url_name, member):
    from danvan.core.services import orgs

    for i in range(30):  # more rows than one page: an N+1 query would show
        orgs.person_create(actor=loader_actor(), full_name=f"Cán bộ {i}", unit=world.village_a1)
    client = client_for(member)
    # The dashboard gathers every module's panels (each bounded, whatever the number of rows).
    with django_assert_max_num_queries(40 if url_name == "core:home" else 15):
        assert client.get(reverse(url_name)).status_code == 200


def test_dates_are_shown_as_dd_mm_yyyy(world, client_for):
    body = client_for("viewer_a").get(reverse("core:unit_detail", args=[world.commune_a.pk])).content.decode()
    assert "01/01/2016 – nay" in body


def test_a_unit_page_answers_as_of_a_date(world, client_for):
    response = client_for("viewer_a").get(
        reverse("core:unit_detail", args=[world.commune_a.pk]), {"ngay": "01/01/2015"}
    )
    assert response.context["as_of"].year == 2015
    assert response.context["children"] == []


@override_settings(DEBUG=False)
def test_error_pages_are_vietnamese_and_show_no_stack_trace(world, client_for):
    response = client_for("viewer_a").get("/khong-co-trang-nay/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Không tìm thấy trang" in body and "Traceback" not in body
    forbidden = client_for("viewer_a").get(reverse("core:unit_create"))
    assert "Không có quyền" in forbidden.content.decode()


def test_a_server_error_page_is_vietnamese(client):
    from danvan.core.views.errors import server_error

    response = server_error(None)
    assert response.status_code == 500 and "Đã có lỗi xảy ra" in response.content.decode()


@override_settings(LOGIN_MAX_FAILURES=3)
def test_repeated_failed_logins_are_throttled_even_with_the_right_password(world, client):
    url = reverse("login")
    for _ in range(3):
        response = client.post(url, {"username": "viewer_a", "password": "sai"})
        assert "không đúng" in response.content.decode()
    response = client.post(url, {"username": "viewer_a", "password": "cast-password-1"})
    assert "quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_lands_on_the_dashboard(world, client):
    response = client.post(reverse("login"), {"username": "viewer_a", "password": "cast-password-1"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("core:home")
    assert "Vai trò của bạn" in response.content.decode()


def test_password_change_is_in_vietnamese_and_audited(world, client_for):
    client = client_for("viewer_a")
    response = client.post(
        reverse("password_change"),
        {"old_password": "cast-password-1", "new_password1": "Mat-khau-moi-2026", "new_password2": "Mat-khau-moi-2026"},
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(verb="Đổi mật khẩu", actor=world.users["viewer_a"]).exists()
    bad = client.post(reverse("password_change"), {"old_password": "sai", "new_password1": "a", "new_password2": "b"})
    assert "Mật khẩu" in bad.content.decode() and bad.context["form"].errors


def test_the_reorganization_form_shows_the_fields_of_the_chosen_kind(world, client_for):
    client = client_for("admin")
    response = client.get(reverse("core:reorganization_create"), {"kind": "rename"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'name="new_name"' in body and 'name="moved"' not in body and "<html" not in body


def test_a_merge_through_the_form(world, client_for):
    client = client_for("admin")
    response = client.post(
        reverse("core:reorganization_create"),
        {
            "kind": "merge",
            "legal_basis": "819/NQ-UBTVQH14",
            "effective_date": "01/01/2020",
            "units": [world.commune_a.pk, world.commune_b.pk],
            "new_units": "An Bình",
            "new_type": world.commune_a.type_id,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Unit.objects.get(name="An Bình").valid_from.isoformat() == "2020-01-01"


def test_a_merge_form_error_stays_next_to_the_field_and_saves_nothing(world, client_for):
    response = client_for("admin").post(
        reverse("core:reorganization_create"),
        {"kind": "merge", "legal_basis": "   ", "effective_date": "01/01/2020", "units": [world.commune_a.pk]},
    )
    assert response.context["form"].errors
    assert not Unit.objects.filter(valid_to__isnull=False).exists()


def test_the_reorganization_list_exports_what_the_user_may_see(world, client_for):
    from danvan.core.services import units

    units.reorganization_create(
        actor=loader_actor(),
        kind="rename",
        legal_basis="7/NQ-TEST",
        effective_date=world.commune_a.valid_from.replace(year=2019),
        units=[world.commune_a],
        new_name="An Lộc Mới",
    )
    for member, expected in (("viewer_a", ["7/NQ-TEST"]), ("user_b", [])):
        response = client_for(member).get(reverse("core:reorganization_list"), {"xuat": "xlsx"})
        rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        assert [r[2] for r in rows[1:]] == expected


def test_the_dashboard_offers_each_role_the_actions_it_may_take(world, client_for):
    editor = client_for("editor_a").get(reverse("core:home")).content.decode()
    viewer = client_for("viewer_a").get(reverse("core:home")).content.decode()
    admin = client_for("admin").get(reverse("core:home")).content.decode()
    assert "Thêm cán bộ" in editor and "Phân quyền" not in editor
    assert "Thao tác nhanh" not in viewer
    assert "Phân quyền" in admin and "Xem nhật ký thay đổi" in admin


def test_the_menu_shows_reference_data_only_to_province_administrators(world):
    from django.test import Client

    from danvan.core.tests.cast import grant, make_user

    commune_admin = make_user("commune_admin_menu")
    grant(commune_admin, "administrator", world.commune_a)
    client = Client()
    client.force_login(commune_admin)
    page = client.get(reverse("core:home")).content.decode()
    assert reverse("core:membership_list") in page and reverse("core:reference_index") not in page


def test_screens_stay_vietnamese_whatever_the_browser_language_until_the_user_switches(world, client_for):
    client = client_for("viewer_a")
    assert "Vai trò của bạn" in client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Your roles" in client.get(reverse("core:home")).content.decode()


def test_after_an_english_request_the_next_work_in_the_thread_is_vietnamese_again(world, client_for):
    from django.utils.translation import gettext

    client = client_for("viewer_a")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    client.get(reverse("core:home"))
    assert gettext("Đăng nhập") == "Đăng nhập"
