"""Which records may carry files, and the addresses of their files.

A module declares a model attachable next to its access rules (`<app>/access.py`):

    attachable(Petition, namespace="petitions")                      # /kien-nghi/<pk>/tep/...
    attachable(Disclosure, namespace="democracy", kind="disclosure")  # /dan-chu/disclosure/<pk>/tep/...

and mounts the two views in its URLs with `attachment_urls(...)` (core.views.attachments). Reading a file
follows the record's read rule; adding one needs the record's `action` (default "attach"), both from the
access registry. One table (`core.Attachment`), one upload check (`core.uploads.check_upload`), one service
(`core.services.attachments`), one download view.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse


@dataclass(frozen=True)
class Attachable:
    model: type[models.Model]
    namespace: str
    kind: str = ""
    action: str = "attach"
    unit: str = "unit"  # the record's unit, for the audit entry

    def url_kwargs(self, record_pk) -> dict:
        kwargs = {"pk": record_pk}
        if self.kind:
            kwargs["kind"] = self.kind
        return kwargs


_ATTACHABLE: dict[type[models.Model], Attachable] = {}


def attachable(model, *, namespace: str, kind: str = "", action: str = "attach", unit: str = "unit") -> None:
    _ATTACHABLE[model] = Attachable(model, namespace, kind, action, unit)


def spec(model) -> Attachable:
    try:
        return _ATTACHABLE[model]
    except KeyError:
        raise LookupError(f"{model.__name__} is not attachable (core.attachments.attachable)") from None


def attachables() -> list[Attachable]:
    return sorted(_ATTACHABLE.values(), key=lambda a: (a.model._meta.app_label, a.model.__name__))


def of(record: models.Model):
    """The files of `record`, oldest first."""
    from .models import Attachment

    kind = ContentType.objects.get_for_model(type(record))
    return Attachment.objects.filter(content_type=kind, object_id=record.pk).select_related("uploaded_by")


def add_url(record: models.Model) -> str:
    entry = spec(type(record))
    return reverse(f"{entry.namespace}:attachment_add", kwargs=entry.url_kwargs(record.pk))


def download_url(attachment) -> str:
    entry = spec(ContentType.objects.get_for_id(attachment.content_type_id).model_class())  # cached, no query
    return reverse(
        f"{entry.namespace}:attachment",
        kwargs={**entry.url_kwargs(attachment.object_id), "attachment_pk": attachment.pk},
    )


def panel(user, record: models.Model) -> dict:
    """What `core/_attachments.html` needs for `record`: its files, and the add address when `user` may add."""
    from . import access
    from .forms import ATTACH_HELP

    entry = spec(type(record))
    may_add = access.can(user, entry.action, record)
    return {"files": list(of(record)), "add_url": add_url(record) if may_add else "", "help": ATTACH_HELP}
