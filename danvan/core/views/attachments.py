"""The one pair of views for files of any record: add (the record's attach action) and download (the record's
read rule). A module mounts them under its own addresses with `attachment_urls`, so a file is always reached
through its own record: a file of another record, or of another module's record, is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import access
from ..attachments import spec
from ..forms import AttachmentForm
from ..models import Attachment
from ..services.attachments import attachment_add as add_files


def _model(models, kind):
    if isinstance(models, dict):
        if kind not in models:
            raise Http404
        return models[kind]
    return models


def _back(record):
    return redirect(record.get_absolute_url())


@login_required
@require_POST
def attachment_add(request, pk, *, models, kind=None):
    model = _model(models, kind)
    record = access.get_for_user(request.user, model, pk, action=spec(model).action)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return _back(record)
    try:
        stored = add_files(actor=request.user, record=record, uploads=form.cleaned_data["attachments"])
    except ValidationError as error:
        for errors in error.message_dict.values():
            for message in errors:
                messages.error(request, message)
    else:
        messages.success(request, _("Đã thêm %(n)s tệp.") % {"n": len(stored)})
    return _back(record)


@login_required
def attachment_download(request, pk, attachment_pk, *, models, kind=None):
    model = _model(models, kind)
    record = access.get_for_user(request.user, model, pk)
    content_type = ContentType.objects.get_for_model(model)
    # The record was reached through the registry just above; its files are the ones of this type and id.
    try:
        attachment = Attachment.objects.get(pk=attachment_pk, content_type=content_type, object_id=record.pk)
        handle = attachment.file.open("rb")
    except (Attachment.DoesNotExist, OSError):  # another record's file, or a file missing on disk
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=attachment.name)


def attachment_urls(models, *, prefix: str = "") -> list:
    """The module's two addresses: `<prefix><pk>/tep/` (add) and `<prefix><pk>/tep/<attachment_pk>/` (download),
    named `attachment_add` and `attachment`. `models` is the record model, or {kind: model} with a
    `<slug:kind>/` segment in `prefix`."""
    kwargs = {"models": models}
    return [
        path(f"{prefix}<int:pk>/tep/", attachment_add, kwargs, name="attachment_add"),
        path(f"{prefix}<int:pk>/tep/<int:attachment_pk>/", attachment_download, kwargs, name="attachment"),
    ]
