"""The registry's screens: registration with messages next to the fields, the cycle's actions, evaluation
sheets with internal notes, awards, criteria sheets, conferences, the list with its filters and export."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.core import attachments
from danvan.core.models import UnitLevel
from danvan.emulation.models import AwardForm, Field, Initiative, SubjectType

from .factories import make_initiative, scored_sheet

D = datetime.date
pytestmark = pytest.mark.django_db


def _post_data(world, **overrides):
    data = {
        "year": "2016",
        "name": "Vận động hiến đất mở rộng đường liên thôn",
        "kind": "model",
        "field": Field.objects.get(code="dvk-kinh-te").pk,
        "unit": world.commune_a.pk,
        "subject_type": SubjectType.objects.get(code="chinh-quyen").pk,
        "level": UnitLevel.objects.get(code="commune").pk,
        "registered_on": "01/02/2016",
        "method": "Họp dân từng thôn.",
    }
    data.update(overrides)
    return data


def test_commune_officer_registers_and_sees_it(world, cast, client_for):
    client = client_for("anonymous")
    client.force_login(cast.officer_a)
    form = client.get(reverse("emulation:create"))
    assert form.status_code == 200
    assert "Thực trạng, lý do xây dựng" in form.content.decode()
    response = client.post(reverse("emulation:create"), _post_data(world))
    initiative = Initiative.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("emulation:detail", args=[initiative.pk])
    detail = client.get(response["Location"]).content.decode()
    assert "Vận động hiến đất" in detail and "Họp dân từng thôn." in detail


def test_bad_input_shows_messages_next_to_the_fields_and_saves_nothing(world, client_for):
    client = client_for("editor_a")
    response = client.post(
        reverse("emulation:create"),
        _post_data(world, year=str(datetime.date.today().year + 1), method="x" * 5001),
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Initiative.objects.exists()
    assert 'id="id_year_errors"' in html and "chưa đến" in html
    assert 'id="id_method_errors"' in html and "5000" in html
    blank = client.post(reverse("emulation:create"), _post_data(world, name="   ")).content.decode()
    assert 'id="id_name_errors"' in blank and not Initiative.objects.exists()


def test_unit_outside_scope_is_not_offered(world, client_for):
    response = client_for("editor_a").post(reverse("emulation:create"), _post_data(world, unit=world.commune_b.pk))
    assert response.status_code == 200 and not Initiative.objects.exists()
    assert 'id="id_unit_errors"' in response.content.decode()


def test_cycle_through_the_screens(world, cast, client_for):
    i = make_initiative(world, actor=cast.officer_a)
    officer = client_for("anonymous")
    officer.force_login(cast.officer_a)
    manager = client_for("district_user")
    steps = {"duyet": "approve", "ra-mat": "launch", "so-ket": "review", "danh-gia": "conclude"}
    url = lambda slug: reverse(f"emulation:step_{steps[slug]}", args=[i.pk])  # noqa: E731
    # the commune officer does not see the approve button, and cannot approve
    assert "duyet-on" not in officer.get(reverse("emulation:detail", args=[i.pk])).content.decode()
    officer.post(url("duyet"), {"duyet-version": i.version, "duyet-on": "10/02/2016"})
    i.refresh_from_db()
    assert i.state == "registered"
    manager.post(url("duyet"), {"duyet-version": i.version, "duyet-on": "10/02/2016"})
    i.refresh_from_db()
    assert i.state == "approved" and i.approved_on == D(2016, 2, 10)
    officer.post(url("ra-mat"), {"ra-mat-version": i.version, "ra-mat-launched_on": "01/03/2016"})
    i.refresh_from_db()
    assert i.state == "implementing"
    # a stale page is refused
    response = officer.post(
        url("so-ket"),
        {"so-ket-version": i.version - 1, "so-ket-reviewed_on": "01/07/2016", "so-ket-note": "Sơ kết"},
        follow=True,
    )
    i.refresh_from_db()
    assert i.state == "implementing" and "tải lại" in response.content.decode().lower()
    officer.post(url("so-ket"), {"so-ket-version": i.version, "so-ket-reviewed_on": "01/07/2016", "so-ket-note": "Ổn"})
    manager.post(
        url("danh-gia"),
        {"danh-gia-version": i.version + 1, "danh-gia-result": "effective", "danh-gia-evaluated_on": "01/12/2016"},
    )
    i.refresh_from_db()
    assert (i.state, i.result) == ("evaluated", "effective")


def test_internal_notes_are_hidden_from_the_registering_unit(world, cast, client_for):
    sheet = scored_sheet(world)
    i = make_initiative(world, to="reviewed")
    client = client_for("district_user")
    form = client.get(reverse("emulation:evaluation_create", args=[i.pk]))
    assert form.status_code == 200
    data = {f"c{c.pk}": "8" for c in sheet.criteria.all()}
    data.update(evaluated_on="20/11/2016", comment="Làm tốt", internal_note="Bí mật: đề nghị khen")
    response = client.post(reverse("emulation:evaluation_create", args=[i.pk]), data)
    assert response.status_code == 302
    evaluation = i.evaluations.get()
    assert (evaluation.total, evaluation.grade) == (64, "Xuất sắc")
    assert "Bí mật: đề nghị khen" in client.get(reverse("emulation:detail", args=[i.pk])).content.decode()
    officer = client_for("anonymous")
    officer.force_login(cast.officer_a)
    html = officer.get(reverse("emulation:detail", args=[i.pk])).content.decode()
    assert "Làm tốt" in html and "Bí mật" not in html
    viewer = client_for("viewer_a").get(reverse("emulation:detail", args=[i.pk])).content.decode()
    assert "Bí mật" not in viewer


def test_score_out_of_range_is_shown_next_to_the_criterion(world, client_for):
    sheet = scored_sheet(world)
    i = make_initiative(world, to="reviewed")
    first = sheet.criteria.first()
    data = {f"c{c.pk}": "5" for c in sheet.criteria.all()}
    data.update({f"c{first.pk}": "12", "evaluated_on": "20/11/2016"})
    response = client_for("district_user").post(reverse("emulation:evaluation_create", args=[i.pk]), data)
    assert response.status_code == 200 and f'id="id_c{first.pk}_errors"' in response.content.decode()
    assert not i.evaluations.exists()


def test_award_screen(world, client_for):
    i = make_initiative(world, to="evaluated")
    form = AwardForm.objects.get(code="giay-khen-ubnd-xa")
    response = client_for("editor_a").post(
        reverse("emulation:award_create", args=[i.pk]),
        {
            "form": form.pk,
            "recipient_kind": "collective",
            "recipient": "UBND xã An Lộc",
            "decision_number": "12/QĐ-UBND",
            "decided_on": "20/12/2016",
        },
    )
    assert response.status_code == 302
    i.refresh_from_db()
    assert i.state == "awarded" and i.awards.get().decision_number == "12/QĐ-UBND"


def test_sheet_editor_saves_criteria_and_grades(world, client_for):
    response = client_for("district_user").post(
        reverse("emulation:sheet_create"),
        {
            "name": "Tiêu chí 2017",
            "unit": world.district.pk,
            "mode": "scored",
            "year_from": "2017",
            "tc_text": ["Sáng tạo", "Bền vững", ""],
            "tc_max_score": ["10", "10", "10"],
            "tc_weight": ["2", "1,5", "1"],
            "tc_required": ["1", "1", "1"],
            "xl_min_total": ["30", "0"],
            "xl_label": ["Tốt", "Chưa đạt"],
            "xl_result": ["effective", "not_effective"],
        },
    )
    assert response.status_code == 302
    from danvan.emulation.models import CriteriaSheet

    sheet = CriteriaSheet.objects.get(name="Tiêu chí 2017")
    assert [(c.text, float(c.weight)) for c in sheet.criteria.all()] == [("Sáng tạo", 2.0), ("Bền vững", 1.5)]
    assert sheet.grades.count() == 2


def test_conference_screen_honours_selected_models(world, client_for):
    good = make_initiative(world, to="evaluated")
    make_initiative(world, name="Chưa hiệu quả", to="evaluated", result="not_effective")
    client = client_for("district_user")
    response = client.post(
        reverse("emulation:conference_create"),
        {
            "unit": world.district.pk,
            "title": "Biểu dương 2016",
            "held_on": "28/12/2016",
            "year_from": "2016",
            "year_to": "2016",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert good.name in page and "Chưa hiệu quả" not in page  # only effective models are candidates
    client.post(response["Location"], {"honoured": [good.pk]})
    good.refresh_from_db()
    assert good.state == "praised"


def test_list_filters_search_export_and_bounded_queries(world, client_for, django_assert_max_num_queries):
    make_initiative(world, name="Đường hoa thôn Đông", field_code="dvk-van-hoa-xa-hoi")
    make_initiative(world, name="Tổ tự quản an ninh", field_code="dvk-quoc-phong-an-ninh", to="evaluated")
    make_initiative(world, name="Mô hình của xã Bình", unit=world.commune_b)
    client = client_for("editor_a")
    html = client.get(reverse("emulation:list")).content.decode()
    assert "Đường hoa thôn Đông" in html and "Mô hình của xã Bình" not in html
    assert "Đường hoa" in client.get(reverse("emulation:list") + "?q=duong hoa").content.decode()
    filtered = client.get(reverse("emulation:list") + "?ket_qua=effective").content.decode()
    assert "Tổ tự quản" in filtered and "Đường hoa" not in filtered
    export = client.get(reverse("emulation:list") + "?nam=2016&xuat=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    assert sheet.max_row == 3  # header + A's two
    for n in range(20):
        make_initiative(world, name=f"Mô hình số {n}")
    with django_assert_max_num_queries(25):
        assert client.get(reverse("emulation:list")).status_code == 200


def test_another_communes_initiative_is_404(world, client_for):
    i = make_initiative(world, unit=world.commune_b)
    assert client_for("editor_a").get(reverse("emulation:detail", args=[i.pk])).status_code == 404
    assert client_for("editor_a").post(reverse("emulation:step_approve", args=[i.pk])).status_code == 404


# --- files (core.Attachment through the initiative) ----------------------------------------------------------


def test_files_are_added_and_read_through_their_initiative(world, client_for):
    i = make_initiative(world)
    client = client_for("editor_a")
    upload = SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 plan", content_type="application/pdf")
    response = client.post(reverse("emulation:attachment_add", args=[i.pk]), {"attachments": [upload]})
    assert response.status_code == 302 and response["Location"] == reverse("emulation:detail", args=[i.pk])
    stored = attachments.of(i).get()
    assert (stored.name, stored.size, stored.uploaded_by) == ("ke-hoach.pdf", 13, world.users["editor_a"])
    page = client.get(reverse("emulation:detail", args=[i.pk])).content.decode()
    assert reverse("emulation:attachment", args=[i.pk, stored.pk]) in page and "ke-hoach.pdf" in page
    download = client.get(reverse("emulation:attachment", args=[i.pk, stored.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 plan"


def test_a_file_of_another_initiative_through_this_initiatives_address_is_404(world, client_for):
    mine = make_initiative(world, name="Mô hình có tệp")
    other = make_initiative(world, name="Mô hình khác", attachments=[SimpleUploadedFile("mat.pdf", b"%PDF secret")])
    secret = attachments.of(other).get()
    client = client_for("editor_a")
    assert client.get(reverse("emulation:attachment", args=[other.pk, secret.pk])).status_code == 200
    assert client.get(reverse("emulation:attachment", args=[mine.pk, secret.pk])).status_code == 404


def test_a_viewer_cannot_add_files(world, client_for):
    i = make_initiative(world)
    upload = SimpleUploadedFile("x.pdf", b"%PDF", content_type="application/pdf")
    response = client_for("viewer_a").post(reverse("emulation:attachment_add", args=[i.pk]), {"attachments": [upload]})
    assert response.status_code == 403 and not attachments.of(i).exists()
    page = client_for("viewer_a").get(reverse("emulation:detail", args=[i.pk])).content.decode()
    assert reverse("emulation:attachment_add", args=[i.pk]) not in page


def test_filter_values_that_do_not_parse_are_ignored_with_their_errors(world, client_for):
    make_initiative(world, name="Đường hoa thôn Đông")
    client = client_for("editor_a")
    query = f"?nam=abc&linh_vuc=999999&trang_thai=xyz&don_vi={world.commune_b.pk}&sap_xep=bogus"
    response = client.get(reverse("emulation:list") + query)
    html = response.content.decode()
    assert response.status_code == 200 and "Đường hoa thôn Đông" in html
    for field in ("nam", "linh_vuc", "trang_thai", "don_vi", "sap_xep"):
        assert f'id="id_{field}_errors"' in html
    stats = client.get(reverse("emulation:statistics") + "?nam=abc&theo=khac")
    assert stats.status_code == 200 and 'id="id_theo_errors"' in stats.content.decode()


def test_sheets_and_conferences_lists_filter_and_export(world, client_for):
    scored_sheet(world, year_from=2015)
    client = client_for("district_user")
    assert "Tiêu chí đánh giá" in client.get(reverse("emulation:sheet_list") + "?nam=2016").content.decode()
    assert "Tiêu chí đánh giá" not in client.get(reverse("emulation:sheet_list") + "?nam=2010").content.decode()
    export = client.get(reverse("emulation:sheet_list") + "?xuat=xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Tên bộ tiêu chí" and rows[1][-1] == 5
    export = client.get(reverse("emulation:conference_list") + "?xuat=xlsx")
    assert openpyxl.load_workbook(io.BytesIO(export.content)).active.max_row == 1
