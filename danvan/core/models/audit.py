import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


def _readable(value):
    """ISO dates as dd/mm/yyyy, the way users write them."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return value


class AppendOnlyError(RuntimeError):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Nhật ký thay đổi không được sửa.")

    def delete(self):
        raise AppendOnlyError("Nhật ký thay đổi không được xóa.")


# Changes recorded under a name that is not a field of the record (core.services.attachments).
EXTRA_LABELS = {
    "attachments": _("Tệp đính kèm"),
    # the import of the official unit list (core.imports): its source and what it changed
    "source": _("Nguồn dữ liệu"),
    "province": _("Tỉnh"),
    "new": _("Đơn vị mới"),
    "renamed": _("Đổi tên, đổi loại"),
    "moved": _("Chuyển cấp trên"),
    "ended": _("Kết thúc"),
    "unchanged": _("Không đổi"),
    "successions": _("Quan hệ kế thừa"),
    "events": _("Sự kiện sắp xếp"),
    "attached_ended": _("Cơ quan, tổ chức đảng, phân quyền kết thúc theo đơn vị"),
}


class AuditEntry(models.Model):
    """Append-only record of every change made through the application's services."""

    class Action(models.TextChoices):
        CREATE = "create", _("Tạo mới")
        UPDATE = "update", _("Cập nhật")
        DELETE = "delete", _("Xóa")
        ACTION = "action", _("Thao tác")

    at = models.DateTimeField(_("Thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("Người thực hiện"),
    )
    actor_name = models.CharField(_("Người thực hiện"), max_length=150)
    action = models.CharField(_("Hành động"), max_length=10, choices=Action.choices)
    verb = models.CharField(_("Nội dung"), max_length=200, blank=True)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("Loại đối tượng")
    )
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("Đối tượng"), max_length=300)
    changes = models.JSONField(_("Thay đổi"), default=dict)
    unit = models.ForeignKey(
        "core.Unit", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("Địa bàn")
    )
    reason = models.TextField(_("Lý do"), blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("Nhật ký thay đổi")
        verbose_name_plural = _("Nhật ký thay đổi")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Nhật ký thay đổi không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Nhật ký thay đổi không được xóa.")

    def change_rows(self) -> list[tuple[str, object, object]]:
        """(field label as users know it, old value, new value) for each changed field."""
        model = self.content_type.model_class()
        rows = []
        for name, values in (self.changes or {}).items():
            try:
                label = str(model._meta.get_field(name).verbose_name)
            except Exception:  # noqa: BLE001 - not a field: a label of its own, or its code name
                label = str(EXTRA_LABELS.get(name, name))
            old, new = (values + [None, None])[:2] if isinstance(values, list) else (None, values)
            rows.append((label[:1].upper() + label[1:], _readable(old), _readable(new)))
        return rows


__all__ = ["AuditEntry", "AppendOnlyError", "ContentType"]
