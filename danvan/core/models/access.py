from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import TimeBounded, TimeBoundedQuerySet, Versioned, valid_period_constraint
from .orgs import Body
from .reference import Role
from .units import Unit


class Membership(TimeBounded, Versioned):
    """A user acts in a role over a unit (and everything below it), optionally on behalf of a body."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("Tài khoản")
    )
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("Vai trò"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("Địa bàn"))
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships", verbose_name=_("Cơ quan")
    )
    note = models.CharField(_("Ghi chú"), max_length=500, blank=True)

    objects = TimeBoundedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Phân quyền")
        verbose_name_plural = _("Phân quyền")
        ordering = ["-valid_from"]
        constraints = [valid_period_constraint("membership_valid_period")]

    def __str__(self) -> str:
        return f"{self.user} · {self.role} · {self.unit}"


class FailedLogin(models.Model):
    username = models.CharField(max_length=150, db_index=True)
    ip = models.GenericIPAddressField(null=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.username} {self.at:%d/%m/%Y %H:%M}"
