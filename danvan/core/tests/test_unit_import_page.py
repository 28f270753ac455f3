"""The administrator's page importing the official unit list (core.imports.unit_job and its views): who may,
the dry run in the worker, the difference, confirmation, a bad file's problems and the progress."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from danvan.core.models import AuditEntry, Membership, OrgImportJob, Role, Unit, UnitLevel, UnitType, UnitVersion
from danvan.core.tests.cast import make_user

DAY = datetime.date(2026, 3, 2)
HEAD = "Mã,Tên,Cấp,Mã cấp trên\n"
LIST = HEAD + "97,Tỉnh Thử Nghiệm,Tỉnh,\n97001,Xã Một,Xã,97\n97002,Phường Hai,Phường,97\n"


def upload(text, name="danh-muc.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def post_file(client, text, *, day="02/03/2026", basis="NQ thử/NQ-UBTVQH15", name="danh-muc.csv"):
    data = {"source": "file", "province": "", "day": day, "legal_basis": basis, "file": upload(text, name)}
    return client.post(reverse("core:unit_import"), data)


@pytest.fixture
def page(world, on_day, client_for):
    on_day(DAY)
    return client_for("admin")


def test_only_superusers_and_national_unit_managers_open_the_page(world, client_for):
    assert client_for("admin").get(reverse("core:unit_import")).status_code == 200
    for name in ("editor_a", "viewer_a", "user_b", "district_user"):  # managers of units below the country
        assert client_for(name).get(reverse("core:unit_import")).status_code == 403
        assert post_file(client_for(name), LIST).status_code == 403
    assert not OrgImportJob.objects.filter(kind=OrgImportJob.Kind.UNITS).exists()
    assert client_for("anonymous").get(reverse("core:unit_import")).status_code == 302


def test_a_national_unit_manager_may_and_another_users_job_is_not_found(
    page, world, client_for, django_capture_on_commit_callbacks
):
    central = UnitLevel.objects.get(rank=0)
    kind = UnitType.objects.create(
        code="country", name="Trung ương", prefix="", level=central, valid_from=datetime.date(2010, 1, 1)
    )
    national = Unit.objects.create(level=central, name="Việt Nam", type=kind, valid_from=datetime.date(2010, 1, 1))
    manager = make_user("quan_tri_tw")
    Membership.objects.create(
        user=manager, role=Role.objects.get(code="administrator"), unit=national, valid_from=datetime.date(2020, 1, 1)
    )
    client = client_for("admin")
    client.force_login(manager)
    assert client.get(reverse("core:unit_import")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        post_file(page, LIST)  # the superuser's job
    job = OrgImportJob.objects.get()
    assert client.get(reverse("core:unit_import_job", args=[job.pk])).status_code == 404
    assert client.post(reverse("core:unit_import_confirm", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.status == OrgImportJob.Status.CHECKED
    # the organisations' import pages do not open a job of the unit list
    assert page.get(reverse("core:org_import_job", args=[job.pk])).status_code == 404


def test_a_dry_run_writes_nothing_then_confirm_applies_the_file(page, django_capture_on_commit_callbacks):
    units, audits = Unit.objects.count(), AuditEntry.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_file(page, LIST)
    job = OrgImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("core:unit_import_job", args=[job.pk])
    assert job.status == OrgImportJob.Status.CHECKED, job.message
    assert (job.kind, job.day, job.legal_basis) == (OrgImportJob.Kind.UNITS, DAY, "NQ thử/NQ-UBTVQH15")
    assert job.counts["new"] == 3 and job.processed_rows == job.total_rows == 3
    assert (Unit.objects.count(), AuditEntry.objects.count()) == (units, audits)  # a dry run
    shown = page.get(reverse("core:unit_import_job", args=[job.pk])).content.decode()
    assert "+ xã Một (97001)" in shown and "Xác nhận ghi" in shown and "Chạy thử" in shown
    with django_capture_on_commit_callbacks(execute=True):
        page.post(reverse("core:unit_import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == OrgImportJob.Status.DONE, job.message
    assert Unit.objects.count() == units + 3
    assert AuditEntry.objects.filter(verb="Nhập danh mục đơn vị hành chính").count() == 1
    # confirming twice applies nothing more
    with django_capture_on_commit_callbacks(execute=True):
        page.post(reverse("core:unit_import_confirm", args=[job.pk]))
    assert Unit.objects.count() == units + 3


def test_a_later_file_shows_its_change_and_applies_it_on_confirm(page, on_day, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_file(page, LIST)
    with django_capture_on_commit_callbacks(execute=True):
        page.post(reverse("core:unit_import_confirm", args=[OrgImportJob.objects.get().pk]))
    renamed = LIST.replace("Xã Một,", "Xã Một Mới,")
    with django_capture_on_commit_callbacks(execute=True):
        post_file(page, renamed, day="01/04/2026")
    job = OrgImportJob.objects.order_by("-pk").first()
    assert job.status == OrgImportJob.Status.CHECKED, job.message
    assert (job.counts["new"], job.counts["renamed"], job.counts["unchanged"]) == (0, 1, 2)
    assert any("Một Mới" in change["label"] for change in job.changes)
    assert "Một Mới" in page.get(reverse("core:unit_import_job", args=[job.pk])).content.decode()
    assert not UnitVersion.objects.filter(name="Một Mới").exists()
    with django_capture_on_commit_callbacks(execute=True):
        page.post(reverse("core:unit_import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == OrgImportJob.Status.DONE, job.message
    version = UnitVersion.objects.get(name="Một Mới")
    assert version.valid_from == datetime.date(2026, 4, 1)
    assert version.reorganization.legal_basis == "NQ thử/NQ-UBTVQH15"


def test_a_bad_file_shows_its_problems_by_row_and_column_and_cannot_be_confirmed(
    page, django_capture_on_commit_callbacks
):
    units = Unit.objects.count()
    text = HEAD + "97,Tỉnh Thử Nghiệm,Tỉnh,\n97001,Xã Một,Xã,97\n97001,Xã Hai,Xã,97\nabc,Xã Ba,Xã,97\n"
    with django_capture_on_commit_callbacks(execute=True):
        post_file(page, text)
    job = OrgImportJob.objects.get()
    assert job.status == OrgImportJob.Status.REJECTED
    assert {"row": 5, "column": "A", "label": "Mã", "message": "mã phải là dãy số."} in job.errors
    assert {"row": 4, "column": "A", "label": "Mã", "message": "mã 97001 trùng với dòng 3."} in job.errors
    shown = page.get(reverse("core:unit_import_job", args=[job.pk])).content.decode()
    assert "trùng với dòng 3" in shown and "Xác nhận ghi" not in shown
    with django_capture_on_commit_callbacks(execute=True):
        page.post(reverse("core:unit_import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == OrgImportJob.Status.REJECTED and Unit.objects.count() == units


def test_an_unknown_parent_is_named_with_its_row(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_file(page, HEAD + "97001,Xã Một,Xã,777\n")
    job = OrgImportJob.objects.get()
    assert job.status == OrgImportJob.Status.REJECTED
    assert (job.errors[0]["row"], job.errors[0]["label"]) == (2, "Mã cấp trên")
    assert "không tìm thấy đơn vị cấp trên mã 777" in job.errors[0]["message"]


def test_a_file_needs_its_day_and_only_csv_or_xlsx(page):
    response = page.post(reverse("core:unit_import"), {"source": "file", "day": "", "file": upload(LIST)})
    assert response.status_code == 200 and "Vui lòng nhập ngày hiệu lực" in response.content.decode()
    assert post_file(page, LIST, name="danh-muc.txt").status_code == 200
    assert not OrgImportJob.objects.exists()


def test_the_packaged_list_of_one_province_as_a_dry_run(page, django_capture_on_commit_callbacks):
    """Lai Châu (12, not merged in 2025): a small province, quick enough for a test."""
    units = Unit.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        page.post(reverse("core:unit_import"), {"source": "package", "province": "12"})
    job = OrgImportJob.objects.get()
    assert job.status == OrgImportJob.Status.CHECKED, job.message
    assert not job.file and job.province == "12" and job.total_rows > 0
    assert job.counts["new"] > 0 and job.counts["events"] > 0
    assert Unit.objects.count() == units
    pages = page.get(reverse("core:unit_import_job", args=[job.pk]), {"trang": 2}).content.decode()
    assert "Trang 2/" in pages


@pytest.mark.skipif(connection.vendor == "postgresql", reason="there the worker's own connection writes the progress")
def test_the_page_sees_the_progress_while_the_worker_runs(page, django_capture_on_commit_callbacks, monkeypatch):
    from danvan.core.imports import org_job, unit_job

    monkeypatch.setattr(org_job, "PROGRESS_EVERY", 1)
    shown, real = [], unit_job.units_import

    def watched(**kwargs):
        write = kwargs["progress"]

        def tick(done):
            write(done)
            job = OrgImportJob.objects.get()
            response = page.get(reverse("core:unit_import_job", args=[job.pk]), headers={"HX-Request": "true"})
            shown.append(f"Đã xử lý {done}/3 đơn vị." in response.content.decode())

        return real(**{**kwargs, "progress": tick})

    monkeypatch.setattr(unit_job, "units_import", watched)
    with django_capture_on_commit_callbacks(execute=True):
        post_file(page, LIST)
    assert shown == [True, True, True]
    assert OrgImportJob.objects.get().status == OrgImportJob.Status.CHECKED


def test_one_unit_list_is_applied_at_a_time(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_file(page, LIST)
    job = OrgImportJob.objects.get()
    other = OrgImportJob.objects.create(
        user=job.user, kind=OrgImportJob.Kind.UNITS, day=DAY, name="khác", status=OrgImportJob.Status.APPLYING
    )
    units = Unit.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = page.post(reverse("core:unit_import_confirm", args=[job.pk]), follow=True)
    job.refresh_from_db()
    assert job.status == OrgImportJob.Status.CHECKED and Unit.objects.count() == units
    assert "đang ghi" in response.content.decode()
    OrgImportJob.objects.filter(pk=other.pk).update(status=OrgImportJob.Status.DONE)
    with django_capture_on_commit_callbacks(execute=True):
        page.post(reverse("core:unit_import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == OrgImportJob.Status.DONE and Unit.objects.count() == units + 3
