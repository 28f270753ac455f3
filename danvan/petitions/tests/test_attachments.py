"""An item's files are core's (core.Attachment through core.attachments): listed on the item's page, added with
the item's "attach" action, downloaded through the item's own address only."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.core import attachments
from danvan.core.access import loader_actor
from danvan.core.models import Attachment, AuditEntry
from danvan.core.services.attachments import attachments_store
from danvan.petitions import services

from .test_lifecycle import intake

D = datetime.date


def _pdf(name: str, body: bytes = b"%PDF-1.4 bien ban") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def test_an_items_files_are_listed_added_and_downloaded_through_core(world, desk, client_for):
    p = intake(world, desk, attachments=[_pdf("bien-ban-hop.pdf")])
    stored = attachments.of(p).get()
    assert (stored.name, stored.size, stored.uploaded_by) == ("bien-ban-hop.pdf", 17, loader_actor())
    assert stored.file.name.startswith("petitions/")  # the layout the module's own table used
    download = reverse("petitions:attachment", args=[p.pk, stored.pk])
    assert stored.get_absolute_url() == download

    editor = client_for("editor_a")
    page = editor.get(reverse("petitions:detail", args=[p.pk])).content.decode()
    assert download in page and "bien-ban-hop.pdf" in page
    add_form = f'action="{reverse("petitions:attachment_add", args=[p.pk])}"'
    assert add_form in page
    response = editor.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 bien ban"
    assert "bien-ban-hop.pdf" in response["Content-Disposition"]

    before = AuditEntry.objects.count()
    response = editor.post(reverse("petitions:attachment_add", args=[p.pk]), {"attachments": [_pdf("anh.pdf")]})
    assert response.status_code == 302 and response["Location"] == reverse("petitions:detail", args=[p.pk])
    assert [a.name for a in attachments.of(p)] == ["bien-ban-hop.pdf", "anh.pdf"]
    assert AuditEntry.objects.count() == before + 1

    viewer = client_for("viewer_a")  # reads the item and its files, adds none
    page = viewer.get(reverse("petitions:detail", args=[p.pk])).content.decode()
    assert download in page and add_form not in page
    assert viewer.get(download).status_code == 200
    assert (
        viewer.post(reverse("petitions:attachment_add", args=[p.pk]), {"attachments": [_pdf("x.pdf")]}).status_code
        == 403
    )
    assert client_for("user_b").get(download).status_code == 404  # another commune does not reach the item
    assert attachments.of(p).count() == 2


def test_a_file_of_another_item_or_module_through_this_items_address_is_404(world, desk, client_for):
    mine = intake(world, desk, attachments=[_pdf("cua-toi.pdf")])
    other = intake(world, desk, content="Xin hỗ trợ giống lúa vụ xuân", attachments=[_pdf("cua-nguoi-khac.pdf")])
    theirs = attachments.of(other).get()
    conference = services.conference_create(
        actor=loader_actor(), unit=world.district, title="Giao ban quý I", year=2016, quarter=1, held_on=D(2016, 3, 31)
    )
    # A file of another model whose record has the same number as this item.
    foreign = attachments_store(actor=loader_actor(), record=conference, uploads=[_pdf("hoi-nghi.pdf")])[0]
    Attachment.objects.filter(pk=foreign.pk).update(object_id=mine.pk)
    admin = client_for("admin")  # sees every item and every file
    assert admin.get(reverse("petitions:attachment", args=[other.pk, theirs.pk])).status_code == 200
    assert admin.get(reverse("petitions:attachment", args=[mine.pk, theirs.pk])).status_code == 404
    assert admin.get(reverse("petitions:attachment", args=[mine.pk, foreign.pk])).status_code == 404
