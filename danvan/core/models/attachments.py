"""Files of any record of any module: minutes, photos of a notice board, decisions, evidence."""

import posixpath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def attachment_path(instance: "Attachment", filename: str) -> str:
    """`<app>/<year>/<name>`: the layout the modules' own attachment tables used, so old files stay put."""
    return posixpath.join(instance.content_type.app_label, f"{timezone.localdate():%Y}", filename)


class Attachment(models.Model):
    """One file of one record. Who may read or add it follows the record (core.attachments, core.access)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    file = models.FileField(_("Tệp"), upload_to=attachment_path, max_length=255)
    name = models.CharField(_("Tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("Dung lượng"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("Người tải lên")
    )
    uploaded_at = models.DateTimeField(_("Tải lên lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("Tệp đính kèm")
        verbose_name_plural = _("Tệp đính kèm")
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="attachment_record")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from ..attachments import download_url

        return download_url(self)
