"""Files of decisions and field activities (core.Attachment): stored with their record, listed on its page,
downloaded through it, added by whoever may write it; and the single file fields of before carried over."""

import datetime
import importlib

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from danvan.core import attachments
from danvan.core.access import loader_actor
from danvan.core.models import Attachment, AuditEntry
from danvan.core.tests.cast import grant, make_user
from danvan.supervision import services
from danvan.supervision.models import Activity, Decision

from .factories import build_group

D = datetime.date


@pytest.fixture
def group(world, on_day):
    on_day(D(2016, 3, 1))
    return build_group(world)


def pdf(name: str, content: bytes = b"%PDF-1.4 test") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def activity(world, group, **extra):
    return services.activity_record(
        actor=loader_actor(),
        team=world.extra["team"],
        kind="visit",
        held_on=D(2016, 2, 2),
        unit=world.village_a1,
        participants=[world.extra["leader"]],
        findings="Nắm tình hình thôn.",
        **extra,
    )


def test_a_decision_keeps_its_files_and_its_group_page_lists_them(world, group, client_for):
    files = list(attachments.of(group.decision))
    assert [f.name for f in files] == ["45-QD-HU.pdf"] and files[0].uploaded_by == loader_actor()
    client = client_for("district_user")
    page = client.get(reverse("supervision:group_detail", args=[group.pk])).content.decode()
    assert "45-QD-HU.pdf" in page and files[0].get_absolute_url() in page
    download = client.get(files[0].get_absolute_url())
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 quyet dinh"
    assert client_for("user_b").get(files[0].get_absolute_url()).status_code == 404


def test_a_file_is_reached_through_its_own_record_only(world, group, client_for):
    field_visit = activity(world, group)
    decision_file = attachments.of(group.decision).get()
    wrong = reverse(
        "supervision:attachment", kwargs={"kind": "hoat-dong", "pk": field_visit.pk, "attachment_pk": decision_file.pk}
    )
    assert client_for("district_user").get(wrong).status_code == 404


def test_a_change_decision_and_an_activity_take_several_files(world, group):
    decision = services.decision_add(
        actor=loader_actor(),
        group=group,
        decision_number="60-QĐ/HU",
        issued_on=D(2016, 2, 1),
        summary="Về việc kiện toàn đoàn",
        attachments=[pdf("60-QD-HU.pdf"), pdf("phu-luc.pdf")],
    )
    assert sorted(f.name for f in attachments.of(decision)) == ["60-QD-HU.pdf", "phu-luc.pdf"]
    visit = activity(world, group, attachments=[pdf("bien-ban.pdf"), pdf("anh.png")])
    assert [f.name for f in attachments.of(visit)] == ["bien-ban.pdf", "anh.png"]


def test_a_file_that_is_refused_saves_nothing(world, group):
    before = Activity.objects.count()
    with pytest.raises(ValidationError) as refused:
        activity(world, group, attachments=[pdf("bien-ban.pdf"), SimpleUploadedFile("virus.exe", b"MZ")])
    assert "attachments" in refused.value.message_dict
    assert Activity.objects.count() == before and not Attachment.objects.filter(name="bien-ban.pdf").exists()


def test_files_are_added_by_whoever_may_write_the_record(world, group, client_for):
    visit = activity(world, group)
    url = reverse("supervision:attachment_add", kwargs={"kind": "hoat-dong", "pk": visit.pk})
    reader = make_user("doc_huyen")
    grant(reader, "viewer", world.district)
    before = (Attachment.objects.count(), AuditEntry.objects.count())
    assert client_for("user_b").post(url, {"attachments": pdf("x.pdf")}).status_code == 404
    client_for("anonymous").post(url, {"attachments": pdf("x.pdf")})
    from django.test import Client

    viewer = Client()
    viewer.force_login(reader)
    assert viewer.post(url, {"attachments": pdf("x.pdf")}).status_code == 403
    assert (Attachment.objects.count(), AuditEntry.objects.count()) == before
    response = client_for("district_user").post(url, {"attachments": [pdf("bo-sung.pdf"), pdf("anh.jpg")]})
    assert response.status_code == 302 and response["Location"] == visit.get_absolute_url()
    assert [f.name for f in attachments.of(visit)] == ["bo-sung.pdf", "anh.jpg"]
    page = client_for("district_user").get(visit.get_absolute_url()).content.decode()
    assert "bo-sung.pdf" in page and f'action="{url}"' in page
    assert f'action="{url}"' not in viewer.get(visit.get_absolute_url()).content.decode()


def test_the_activity_form_stores_several_files(world, group, client_for):
    response = client_for("district_user").post(
        reverse("supervision:activity_create"),
        {
            "team": world.extra["team"].pk,
            "kind": "visit",
            "held_on": "02/02/2016",
            "unit": world.village_a1.pk,
            "participants": [world.extra["leader"].pk],
            "findings": "Nắm tình hình thôn Đông Thượng.",
            "attachments": [pdf("bien-ban.pdf"), pdf("danh-sach.pdf")],
        },
    )
    visit = Activity.objects.get()
    assert response.status_code == 302 and response["Location"] == visit.get_absolute_url()
    assert sorted(f.name for f in attachments.of(visit)) == ["bien-ban.pdf", "danh-sach.pdf"]


def test_the_files_of_before_are_carried_over_once(world, group, client_for):
    """supervision 0010: a decision's or an activity's single file becomes an attachment with the same stored
    name, its size when the file is there (0 when it is not), nobody as the uploader; a re-run adds nothing."""
    migration = importlib.import_module("danvan.supervision.migrations.0010_files_to_core_attachments")
    stored = default_storage.save("decisions/2016/qd-45-cu.pdf", ContentFile(b"12345"))
    visit = activity(world, group)
    now = timezone.now()
    decision_kind = ContentType.objects.get_for_model(Decision)
    activity_kind = ContentType.objects.get_for_model(Activity)
    assert migration.attach(Attachment, decision_kind, [(group.decision_id, stored)], now) == 1
    assert migration.attach(Attachment, activity_kind, [(visit.pk, "activities/2016/mat.pdf")], now) == 1
    assert migration.attach(Attachment, decision_kind, [(group.decision_id, stored)], now) == 0
    old = attachments.of(group.decision).get(file=stored)
    assert (old.name, old.size, old.uploaded_by_id) == ("qd-45-cu.pdf", 5, None)
    missing = attachments.of(visit).get()
    assert (missing.name, missing.size) == ("mat.pdf", 0)
    download = client_for("district_user").get(old.get_absolute_url())
    assert b"".join(download.streaming_content) == b"12345"
