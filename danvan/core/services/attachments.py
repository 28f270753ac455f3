"""Writes of files attached to any record (core.attachments says which records may carry them)."""

import os

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import access, audit
from ..attachments import spec
from ..models import Attachment
from ..uploads import check_upload


def attachments_store(*, actor, record, uploads, field: str = "attachments") -> list[Attachment]:
    """Store `uploads` as files of `record`, inside the caller's transaction. For the record's own service
    (a kiến nghị taken in with its minutes): the caller has checked its own rule. Every file is checked
    before any is stored."""
    if actor is None:
        raise TypeError("An actor is required: a person, system_actor() or loader_actor().")
    uploads = list(uploads or ())
    for upload in uploads:
        check_upload(upload, field)
    kind = ContentType.objects.get_for_model(type(record))
    return [
        Attachment.objects.create(
            content_type=kind,
            object_id=record.pk,
            file=upload,
            name=os.path.basename(upload.name)[:255],
            size=upload.size,
            uploaded_by=actor,
        )
        for upload in uploads
    ]


@transaction.atomic
def attachment_add(*, actor, record, uploads, field: str = "attachments") -> list[Attachment]:
    """Add files to an existing record: the record's attach action (access registry), one audit entry."""
    entry = spec(type(record))
    access.require(actor, entry.action, record)
    uploads = list(uploads or ())
    if not uploads:
        raise ValidationError({field: _("Vui lòng chọn tệp.")})
    stored = attachments_store(actor=actor, record=record, uploads=uploads, field=field)
    unit = record
    for name in entry.unit.split("__"):
        unit = getattr(unit, name, None)
    audit.record(
        actor=actor,
        obj=record,
        action="update",
        unit=unit,
        verb=_("Thêm tệp đính kèm"),
        changes={"attachments": [None, ", ".join(a.name for a in stored)]},
    )
    return stored
