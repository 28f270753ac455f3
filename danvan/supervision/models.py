"""Working groups that direct the grassroots: founding decisions, teams, commune assignments through time,
and attendance at village party-cell meetings (Can Lộc 2016; domain.md §3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import Body, PartyOrg, Person, Unit
from danvan.core.models.base import Searchable, TimeBounded, TimeBoundedQuerySet, Versioned, valid_period_constraint


class Decision(Versioned):
    """A decision of the Standing Committee ("Số 45-QĐ/HU") that sets up or changes a working group."""

    number = models.CharField(_("Số, ký hiệu"), max_length=60, help_text=_("Ví dụ: 45-QĐ/HU"))
    issued_on = models.DateField(_("Ngày ban hành"))
    issuer = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+", verbose_name=_("Cơ quan ban hành"))
    signer = models.CharField(_("Người ký"), max_length=200, blank=True)
    summary = models.CharField(_("Trích yếu"), max_length=500)
    file = models.FileField(_("Tệp văn bản"), upload_to="decisions/%Y/", blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("Địa bàn"))

    class Meta:
        verbose_name = _("Quyết định")
        verbose_name_plural = _("Quyết định")
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return f"Số {self.number}"


class WorkingGroup(TimeBounded, Searchable, Versioned):
    """Đoàn công tác chỉ đạo, kiểm tra, giám sát cơ sở of a Party committee (its unit is the committee's)."""

    name = models.CharField(_("Tên đoàn"), max_length=200)
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="groups", verbose_name=_("Quyết định thành lập")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="working_groups", verbose_name=_("Cấp ủy"))
    head = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("Trưởng đoàn"))
    deputies = models.ManyToManyField(Person, related_name="+", blank=True, verbose_name=_("Phó trưởng đoàn"))
    cell_visits_per_quarter = models.PositiveSmallIntegerField(
        _("Số lần dự sinh hoạt mỗi chi bộ trong quý"),
        default=1,
        help_text=_("Mỗi chi bộ thuộc địa bàn của tổ được dự ít nhất bấy nhiêu lần mỗi quý."),
    )
    note = models.TextField(_("Ghi chú"), blank=True, max_length=5000)

    objects = TimeBoundedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Đoàn công tác")
        verbose_name_plural = _("Đoàn công tác")
        ordering = ["sort_key"]
        constraints = [valid_period_constraint("workinggroup_valid_period")]

    def __str__(self) -> str:
        return self.name


class Team(Versioned):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="teams", verbose_name=_("Đoàn"))
    name = models.CharField(_("Tên tổ"), max_length=100, help_text=_("Ví dụ: Tổ 1"))
    leader = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("Tổ trưởng"))
    members = models.ManyToManyField(Person, related_name="teams", blank=True, verbose_name=_("Thành viên"))

    class Meta:
        verbose_name = _("Tổ công tác")
        verbose_name_plural = _("Tổ công tác")
        ordering = ["group", "name"]
        constraints = [models.UniqueConstraint(fields=["group", "name"], name="team_unique_name")]

    def __str__(self) -> str:
        return f"{self.name} – {self.group}"


class Assignment(TimeBounded):
    """A team covers a commune for a period. A change closes the old period and opens a new one; when the
    commune is merged, the open period counts for its successor (core roll-up) without being rewritten."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("Tổ"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="team_assignments", verbose_name=_("Xã"))
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Theo quyết định")
    )

    objects = TimeBoundedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Phân công địa bàn")
        verbose_name_plural = _("Phân công địa bàn")
        ordering = ["team", "-valid_from"]
        constraints = [valid_period_constraint("assignment_valid_period")]

    def __str__(self) -> str:
        return f"{self.team.name}: {self.unit}"


class CellMeetingAttendance(Versioned):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("Thường kỳ")
        THEMATIC = "thematic", _("Chuyên đề")

    class Assessment(models.TextChoices):
        GOOD = "good", _("Tốt")
        FAIR = "fair", _("Khá")
        AVERAGE = "average", _("Trung bình")
        WEAK = "weak", _("Yếu")

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("Tổ"))
    attendee = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("Người dự"))
    cell = models.ForeignKey(PartyOrg, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("Chi bộ"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("Thôn, tổ dân phố"))
    held_on = models.DateField(_("Ngày sinh hoạt"))
    kind = models.CharField(_("Loại sinh hoạt"), max_length=10, choices=Kind.choices, default=Kind.REGULAR)
    assessment = models.CharField(_("Đánh giá"), max_length=10, choices=Assessment.choices, blank=True)
    remarks = models.TextField(_("Nhận xét"), blank=True, max_length=5000)
    proposals = models.TextField(_("Đề xuất, kiến nghị"), blank=True, max_length=5000)

    class Meta:
        verbose_name = _("Dự sinh hoạt chi bộ")
        verbose_name_plural = _("Dự sinh hoạt chi bộ")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["cell", "held_on"], name="attendance_cell_day_idx")]

    def __str__(self) -> str:
        return f"{self.cell} {self.held_on:%d/%m/%Y}"
