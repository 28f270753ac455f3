"""Working groups that direct the grassroots: founding decisions, teams, commune assignments through time,
and attendance at village party-cell meetings (Can Lộc 2016; domain.md §3)."""

import calendar
import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core import dates
from danvan.core.kinds import ConcernKind
from danvan.core.models import Body, MonitoringField, PartyOrg, Person, Unit
from danvan.core.models.base import Searchable, TimeBounded, TimeBoundedQuerySet, Versioned, valid_period_constraint


class Decision(Versioned):
    """A decision of the Standing Committee ("Số 45-QĐ/HU") that sets up or changes a working group."""

    number = models.CharField(_("Số, ký hiệu"), max_length=60, help_text=_("Ví dụ: 45-QĐ/HU"))
    issued_on = models.DateField(_("Ngày ban hành"))
    issuer = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+", verbose_name=_("Cơ quan ban hành"))
    signer = models.CharField(_("Người ký"), max_length=200, blank=True)
    summary = models.CharField(_("Trích yếu"), max_length=500)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("Địa bàn"))
    changes_group = models.ForeignKey(
        "WorkingGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="change_decisions",
        verbose_name=_("Điều chỉnh đoàn"),
    )

    class Meta:
        verbose_name = _("Quyết định")
        verbose_name_plural = _("Quyết định")
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return f"Số {self.number}"

    def get_absolute_url(self) -> str:
        """The page of the group it sets up or changes (its files are listed there)."""
        group_id = self.changes_group_id or self.groups.values_list("pk", flat=True).first()
        return reverse("supervision:group_detail", args=[group_id])


class WorkingGroup(TimeBounded, Searchable, Versioned):
    """Đoàn công tác chỉ đạo, kiểm tra, giám sát cơ sở of a Party committee (its unit is the committee's)."""

    name = models.CharField(_("Tên đoàn"), max_length=200)
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="groups", verbose_name=_("Quyết định thành lập")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="working_groups", verbose_name=_("Địa bàn của cấp ủy")
    )
    head = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("Trưởng đoàn"))
    deputies = models.ManyToManyField(Person, related_name="+", blank=True, verbose_name=_("Phó trưởng đoàn"))
    cell_visits_per_quarter = models.PositiveSmallIntegerField(
        _("Số lần dự sinh hoạt mỗi chi bộ trong quý"),
        default=1,
        help_text=_("Mỗi chi bộ thuộc địa bàn của tổ được dự ít nhất bấy nhiêu lần mỗi quý."),
    )
    note = models.TextField(_("Ghi chú"), blank=True, max_length=5000)
    report_per_commune = models.BooleanField(
        _("Báo cáo tháng theo từng xã"), default=True, help_text=_("Bỏ chọn: mỗi tổ gửi một báo cáo chung mỗi tháng.")
    )
    report_due_day = models.PositiveSmallIntegerField(_("Hạn gửi báo cáo tháng (ngày)"), default=25)
    report_due_next_month = models.BooleanField(
        _("Hạn vào tháng sau"), default=False, help_text=_("Ví dụ: hạn ngày 5 của tháng sau.")
    )
    report_lock_days = models.PositiveSmallIntegerField(_("Khóa báo cáo sau hạn (ngày)"), default=10)
    reports_visible_to_communes = models.BooleanField(
        _("Cán bộ xã được xem báo cáo về xã mình"),
        default=False,
        help_text=_("Khi chọn, người có quyền xem ở xã được đọc báo cáo tháng đã gửi về xã đó."),
    )

    objects = TimeBoundedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Đoàn công tác")
        verbose_name_plural = _("Đoàn công tác")
        ordering = ["sort_key"]
        constraints = [valid_period_constraint("workinggroup_valid_period")]

    def __str__(self) -> str:
        return self.name

    def report_due(self, period: datetime.date) -> datetime.date:
        """The last day a report for the month starting `period` is on time."""
        year, month = period.year, period.month
        if self.report_due_next_month:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return datetime.date(year, month, min(self.report_due_day, calendar.monthrange(year, month)[1]))


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


class MonthlyReport(Versioned):
    """A team's monthly report on one commune (or on all its communes, by the group's setting)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Nháp")
        SUBMITTED = "submitted", _("Đã gửi")
        RETURNED = "returned", _("Trả lại")
        ACCEPTED = "accepted", _("Đã tiếp nhận")
        COMPILED = "compiled", _("Đã tổng hợp")

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="reports", verbose_name=_("Tổ"))
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Xã")
    )
    period = models.DateField(_("Tháng"), help_text=_("Ngày đầu tháng."))
    status = models.CharField(_("Trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    general_situation = models.TextField(_("Tình hình chung"), blank=True, max_length=20000)
    difficulties = models.TextField(_("Khó khăn, vướng mắc"), blank=True, max_length=20000)
    recommendations = models.TextField(
        _("Kiến nghị, đề xuất"),
        blank=True,
        max_length=20000,
        help_text=_("Mỗi dòng một kiến nghị; khi gửi, mỗi dòng thành một kiến nghị."),
    )
    submitted_at = models.DateTimeField(_("Gửi lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Người gửi"),
    )
    returned_reason = models.TextField(_("Lý do trả lại"), blank=True, max_length=5000)
    reopened = models.BooleanField(_("Đã mở lại để sửa"), default=False)

    class Meta:
        verbose_name = _("Báo cáo tháng")
        verbose_name_plural = _("Báo cáo tháng")
        ordering = ["-period", "team__name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "unit", "period"], name="report_unique_commune_month"),
            models.UniqueConstraint(
                fields=["team", "period"], condition=models.Q(unit__isnull=True), name="report_unique_team_month"
            ),
        ]

    def __str__(self) -> str:
        place = self.unit.full_name if self.unit_id else self.team.name
        return f"{self.team.name} – {place} – {self.period:%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("supervision:report_detail", args=[self.pk])

    @property
    def due(self) -> datetime.date:
        return self.team.group.report_due(self.period)

    @property
    def is_locked(self) -> bool:
        return not self.reopened and dates.today() > self.due + datetime.timedelta(
            days=self.team.group.report_lock_days
        )


class ReportSection(models.Model):
    report = models.ForeignKey(MonthlyReport, on_delete=models.CASCADE, related_name="sections")
    field = models.ForeignKey(MonitoringField, on_delete=models.PROTECT, related_name="+", verbose_name=_("Lĩnh vực"))
    content = models.TextField(_("Nội dung"), blank=True, max_length=20000)

    class Meta:
        ordering = ["field__position"]
        constraints = [models.UniqueConstraint(fields=["report", "field"], name="section_unique_field")]

    def __str__(self) -> str:
        return str(self.field)


class RaisedItem(models.Model):
    """A difficulty, obstacle, recommendation or proposal raised by a team (from a report or a cell meeting).
    Each one is handed to the kiến nghị registry (petitions.services.petitions_raise) when it is raised."""

    Kind = ConcernKind

    kind = models.CharField(_("Phân loại"), max_length=15, choices=Kind.choices)
    field = models.ForeignKey(
        MonitoringField, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Lĩnh vực")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("Đơn vị phát sinh"))
    content = models.TextField(_("Nội dung"), max_length=5000)
    report = models.ForeignKey(MonthlyReport, on_delete=models.CASCADE, null=True, blank=True, related_name="raised")
    activity = models.ForeignKey("Activity", on_delete=models.CASCADE, null=True, blank=True, related_name="raised")
    attendance = models.ForeignKey(
        CellMeetingAttendance, on_delete=models.CASCADE, null=True, blank=True, related_name="raised"
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, related_name="raised", verbose_name=_("Tổ nêu"))
    raised_on = models.DateField(_("Ngày nêu"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Kiến nghị từ cơ sở")
        verbose_name_plural = _("Kiến nghị từ cơ sở")
        ordering = ["-raised_on", "-id"]

    def __str__(self) -> str:
        return self.content[:80]


class WorkPlan(Versioned):
    """A work programme of a group (or of one of its teams) for a quarter or a year."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="plans", verbose_name=_("Đoàn"))
    team = models.ForeignKey(
        Team,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("Tổ"),
        help_text=_("Bỏ trống: chương trình chung của đoàn."),
    )
    title = models.CharField(_("Tên chương trình"), max_length=300)
    starts_on = models.DateField(_("Từ ngày"))
    ends_on = models.DateField(_("Đến ngày"))

    class Meta:
        verbose_name = _("Chương trình công tác")
        verbose_name_plural = _("Chương trình công tác")
        ordering = ["-starts_on", "team__name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="workplan_period")
        ]

    def __str__(self) -> str:
        return self.title


class Task(Versioned):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Chưa thực hiện")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        DONE = "done", _("Hoàn thành")

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("Chương trình"))
    title = models.CharField(_("Nhiệm vụ"), max_length=500)
    assignee = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("Người thực hiện"))
    field = models.ForeignKey(
        MonitoringField, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Lĩnh vực")
    )
    due_on = models.DateField(_("Hạn hoàn thành"))
    status = models.CharField(_("Trạng thái"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    done_on = models.DateField(_("Ngày hoàn thành"), null=True, blank=True)

    class Meta:
        verbose_name = _("Nhiệm vụ")
        verbose_name_plural = _("Nhiệm vụ")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.status != self.Status.DONE and self.due_on < dates.today()

    @property
    def status_label(self) -> str:
        return str(_("Quá hạn")) if self.is_overdue else self.get_status_display()


class Activity(Versioned):
    """A visit, working session, inspection or supervision by a team at a commune or village."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("Đi cơ sở")
        WORKING_SESSION = "working_session", _("Làm việc")
        INSPECTION = "inspection", _("Kiểm tra")
        SUPERVISION = "supervision", _("Giám sát")

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="activities", verbose_name=_("Tổ"))
    kind = models.CharField(_("Hình thức"), max_length=16, choices=Kind.choices)
    held_on = models.DateField(_("Ngày"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("Nơi làm việc"))
    participants = models.ManyToManyField(Person, related_name="+", verbose_name=_("Thành phần"))
    fields = models.ManyToManyField(MonitoringField, related_name="+", blank=True, verbose_name=_("Lĩnh vực"))
    findings = models.TextField(_("Kết quả, nhận xét"), max_length=20000)

    class Meta:
        verbose_name = _("Hoạt động tại cơ sở")
        verbose_name_plural = _("Hoạt động tại cơ sở")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.unit} {self.held_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("supervision:activity_detail", args=[self.pk])
