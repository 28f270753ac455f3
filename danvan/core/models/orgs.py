"""Party organisations, bodies and people, each attached to an administrative unit with validity dates.

A PartyOrg is an identity (a village cell stays the same cell when its commune merges and it moves under the
new Đảng ủy xã); its name, type, superior, unit and role per period live in PartyOrgVersion rows, as a unit's
do in UnitVersion. The PartyOrg row caches the version in force today, for display and today's lists.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import Searchable, TimeBounded, TimeBoundedQuerySet, Versioned, valid_period_constraint
from .reference import BodyType, PartyOrgType
from .units import Unit


class PartyOrg(TimeBounded, Searchable, Versioned):
    name = models.CharField(_("Tên"), max_length=200)
    type = models.ForeignKey(PartyOrgType, on_delete=models.PROTECT, related_name="+", verbose_name=_("Loại"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("Cấp trên"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="party_orgs", verbose_name=_("Đơn vị hành chính")
    )
    is_upper_grassroots = models.BooleanField(
        _("Cấp ủy cấp trên trực tiếp của tổ chức cơ sở đảng"),
        default=False,
        help_text=_("Huyện ủy trước 01/7/2025; Đảng ủy xã, phường, đặc khu từ 01/7/2025 (Quy định 298-QĐ/TW)."),
    )
    note = models.TextField(_("Ghi chú"), blank=True, max_length=5000)

    objects = TimeBoundedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Tổ chức đảng")
        verbose_name_plural = _("Tổ chức đảng")
        ordering = ["sort_key"]
        constraints = [valid_period_constraint("partyorg_valid_period")]

    def __str__(self) -> str:
        return self.name


class PartyOrgVersion(TimeBounded):
    """What a Party organisation was during [valid_from, valid_to]: written only by core.services.orgs
    (and the reorganizations that move village cells under the successor's Đảng ủy)."""

    party_org = models.ForeignKey(PartyOrg, on_delete=models.CASCADE, related_name="versions")
    name = models.CharField(_("Tên"), max_length=200)
    type = models.ForeignKey(PartyOrgType, on_delete=models.PROTECT, related_name="+", verbose_name=_("Loại"))
    parent = models.ForeignKey(
        PartyOrg,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="child_versions",
        verbose_name=_("Cấp trên"),
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("Đơn vị hành chính"))
    is_upper_grassroots = models.BooleanField(_("Cấp ủy cấp trên trực tiếp của tổ chức cơ sở đảng"), default=False)
    reorganization = models.ForeignKey(
        "Reorganization", on_delete=models.SET_NULL, null=True, blank=True, related_name="party_org_versions"
    )

    objects = TimeBoundedQuerySet.as_manager()

    class Meta:
        ordering = ["party_org", "valid_from"]
        constraints = [valid_period_constraint("partyorgversion_valid_period")]
        indexes = [
            models.Index(fields=["parent", "valid_from"], name="partyorgversion_parent_idx"),
            models.Index(fields=["unit", "valid_from"], name="partyorgversion_unit_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class Body(TimeBounded, Searchable, Versioned):
    name = models.CharField(_("Tên"), max_length=200)
    type = models.ForeignKey(BodyType, on_delete=models.PROTECT, related_name="+", verbose_name=_("Loại"))
    abbreviation = models.CharField(_("Ký hiệu"), max_length=30, blank=True, help_text=_("Ví dụ: HU, BDVHU, UBND."))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="bodies", verbose_name=_("Đơn vị hành chính"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("Trực thuộc"),
    )
    email = models.EmailField(_("Thư điện tử"), blank=True)
    note = models.TextField(_("Ghi chú"), blank=True, max_length=5000)

    objects = TimeBoundedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Cơ quan")
        verbose_name_plural = _("Cơ quan")
        ordering = ["sort_key"]
        constraints = [valid_period_constraint("body_valid_period")]

    def __str__(self) -> str:
        return self.name


class Person(Searchable, Versioned):
    class Gender(models.TextChoices):
        MALE = "M", _("Nam")
        FEMALE = "F", _("Nữ")

    full_name = models.CharField(_("Họ và tên"), max_length=200)
    gender = models.CharField(_("Giới tính"), max_length=1, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("Năm sinh"), null=True, blank=True)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("Đơn vị công tác"),
        help_text=_("Xác định ai được xem và sửa hồ sơ này."),
    )
    is_party_member = models.BooleanField(_("Đảng viên"), default=False)
    committee_title = models.CharField(
        _("Cấp ủy viên"), max_length=200, blank=True, help_text=_("Ví dụ: Ủy viên Ban Thường vụ Huyện ủy.")
    )
    phone = models.CharField(_("Điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("Thư điện tử"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("Tài khoản"),
    )
    is_active = models.BooleanField(_("Đang công tác"), default=True)

    class Meta:
        verbose_name = _("Cán bộ")
        verbose_name_plural = _("Cán bộ")
        ordering = ["sort_key"]

    def __str__(self) -> str:
        return self.full_name


class Position(TimeBounded, Versioned):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(_("Chức vụ"), max_length=200)
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="positions", verbose_name=_("Cơ quan")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="positions", verbose_name=_("Địa bàn"))

    objects = TimeBoundedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Chức vụ")
        verbose_name_plural = _("Chức vụ")
        ordering = ["-valid_from"]
        constraints = [valid_period_constraint("position_valid_period")]

    def __str__(self) -> str:
        return self.title
