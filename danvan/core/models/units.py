"""Administrative units through time.

A Unit is an identity (a commune stays the same commune when it is renamed, upgraded or moved under
another parent); its time-varying attributes live in UnitVersion rows. The Unit row caches the latest
version for display. Reorganizations end units, create units, and record who succeeds whom.
UnitRollup is derived data (rebuilt by services.units.rollup_rebuild) that lets the database answer
"which unit does a record of unit U count toward, as of date D".
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import Searchable, TimeBounded, TimeBoundedQuerySet, Versioned, valid_period_constraint
from .reference import UnitLevel, UnitType


class Unit(TimeBounded, Searchable, Versioned):
    level = models.ForeignKey(UnitLevel, on_delete=models.PROTECT, related_name="+", verbose_name=_("Cấp"))
    # Cached from the latest UnitVersion; written only together with the versions.
    name = models.CharField(_("Tên"), max_length=200)
    type = models.ForeignKey(UnitType, on_delete=models.PROTECT, related_name="+", verbose_name=_("Loại"))
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Trực thuộc")
    )
    code = models.CharField(_("Mã thống kê"), max_length=20, blank=True)
    note = models.TextField(_("Ghi chú"), blank=True, max_length=5000)

    objects = TimeBoundedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Đơn vị hành chính")
        verbose_name_plural = _("Đơn vị hành chính")
        ordering = ["sort_key"]
        constraints = [valid_period_constraint("unit_valid_period")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.type.prefix} {self.name}".strip()


class UnitVersion(TimeBounded):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="versions")
    name = models.CharField(_("Tên"), max_length=200)
    type = models.ForeignKey(UnitType, on_delete=models.PROTECT, related_name="+", verbose_name=_("Loại"))
    parent = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="child_versions",
        verbose_name=_("Trực thuộc"),
    )
    code = models.CharField(_("Mã thống kê"), max_length=20, blank=True)
    reorganization = models.ForeignKey(
        "Reorganization", on_delete=models.PROTECT, null=True, blank=True, related_name="versions"
    )

    objects = TimeBoundedQuerySet.as_manager()

    class Meta:
        ordering = ["unit", "valid_from"]
        constraints = [valid_period_constraint("unitversion_valid_period")]
        indexes = [models.Index(fields=["parent", "valid_from"], name="unitversion_parent_idx")]

    def __str__(self) -> str:
        return f"{self.type.prefix} {self.name}"


class Reorganization(Versioned):
    class Kind(models.TextChoices):
        MERGE = "merge", _("Nhập")
        SPLIT = "split", _("Chia")
        RENAME = "rename", _("Đổi tên")
        BOUNDARY_CHANGE = "boundary_change", _("Điều chỉnh địa giới")
        UPGRADE = "upgrade", _("Nâng cấp thành thị trấn/phường")
        DISSOLVE_LEVEL = "dissolve_level", _("Chấm dứt hoạt động cấp huyện")

    kind = models.CharField(_("Loại sắp xếp"), max_length=20, choices=Kind.choices)
    legal_basis = models.CharField(_("Căn cứ pháp lý"), max_length=200)
    effective_date = models.DateField(_("Ngày có hiệu lực"))
    note = models.TextField(_("Ghi chú"), blank=True, max_length=5000)
    units = models.ManyToManyField(Unit, related_name="reorganizations", verbose_name=_("Đơn vị liên quan"))

    class Meta:
        verbose_name = _("Sự kiện sắp xếp")
        verbose_name_plural = _("Sự kiện sắp xếp")
        ordering = ["-effective_date", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.legal_basis})"


class Succession(models.Model):
    """`predecessor` ended and `successor` carries it on. The primary successor receives its records."""

    reorganization = models.ForeignKey(Reorganization, on_delete=models.CASCADE, related_name="successions")
    predecessor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="successions_out")
    successor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="successions_in")
    is_primary = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique"),
            models.CheckConstraint(condition=~models.Q(predecessor=models.F("successor")), name="succession_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor_id} -> {self.successor_id}"


class UnitRollup(models.Model):
    """Derived: during [valid_from, valid_to] records of `unit` count toward `target`.

    Targets are the unit itself (while it exists) or its successors (after it ended), and all their
    ancestors on those days. `is_primary` rows follow only primary successions, so statistics count
    each record once; scope checks also use the other rows (read access to every predecessor).
    NULL valid_from means "since always"; NULL valid_to means "until further notice".
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="rollups")
    target = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="rolled_up")
    target_level = models.ForeignKey(UnitLevel, on_delete=models.PROTECT, related_name="+")
    valid_from = models.DateField(null=True)
    valid_to = models.DateField(null=True)
    is_primary = models.BooleanField(default=True)

    class Meta:
        indexes = [
            models.Index(fields=["target", "valid_from"], name="rollup_target_idx"),
            models.Index(fields=["unit", "target_level", "valid_from"], name="rollup_unit_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} -> {self.target_id} [{self.valid_from}, {self.valid_to}]"
