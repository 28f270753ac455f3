"""The kiến nghị registry: difficulties, obstacles, recommendations and proposals raised at the grassroots,
routed to the responsible body, answered on a working-day clock, and counted (domain.md §10.2).
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.kinds import ConcernKind
from danvan.core.models import Body, MonitoringField, Person, Unit, UnitLevel
from danvan.core.models.base import Searchable, TimeBounded, TimeBoundedQuerySet, Versioned, valid_period_constraint
from danvan.core.models.reference import ReferenceItem
from danvan.supervision.models import Team


class ResolutionTime(TimeBounded, Versioned):
    """Thời hạn giải quyết: working days allowed for a kind of item at the level of the responsible body."""

    kind = models.CharField(_("Phân loại"), max_length=15, choices=ConcernKind.choices)
    level = models.ForeignKey(UnitLevel, on_delete=models.PROTECT, related_name="+", verbose_name=_("Cấp giải quyết"))
    working_days = models.PositiveSmallIntegerField(_("Số ngày làm việc"))
    legal_basis = models.CharField(_("Căn cứ"), max_length=300, blank=True)

    objects = TimeBoundedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Thời hạn giải quyết")
        verbose_name_plural = _("Thời hạn giải quyết")
        ordering = ["level__rank", "kind", "-valid_from"]
        constraints = [
            valid_period_constraint("resolutiontime_valid_period"),
            models.CheckConstraint(
                condition=models.Q(working_days__gte=1, working_days__lte=365), name="resolutiontime_days"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.level} · {self.working_days}"


class RoutingRule(TimeBounded, Versioned):
    """Lĩnh vực × phân loại × cấp của đơn vị phát sinh → cơ quan giải quyết, for items raised under `scope`.

    Empty conditions match anything; the most specific rule wins (field, then kind, then level)."""

    scope = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Áp dụng cho địa bàn"),
        help_text=_("Kiến nghị phát sinh trong địa bàn này (và các đơn vị trực thuộc)."),
    )
    field = models.ForeignKey(
        MonitoringField, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Lĩnh vực")
    )
    kind = models.CharField(_("Phân loại"), max_length=15, choices=ConcernKind.choices, blank=True)
    origin_level = models.ForeignKey(
        UnitLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Cấp đơn vị phát sinh"),
    )
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+", verbose_name=_("Cơ quan giải quyết"))
    note = models.CharField(_("Ghi chú"), max_length=500, blank=True)

    objects = TimeBoundedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Quy tắc chuyển xử lý")
        verbose_name_plural = _("Quy tắc chuyển xử lý")
        ordering = ["scope__sort_key", "field__position", "kind"]
        constraints = [valid_period_constraint("routingrule_valid_period")]

    def __str__(self) -> str:
        return f"{self.field or _('Mọi lĩnh vực')} · {self.get_kind_display() or _('Mọi loại')} → {self.body}"

    @property
    def specificity(self) -> int:
        return 4 * bool(self.field_id) + 2 * bool(self.kind) + bool(self.origin_level_id)


class AnswerTemplate(ReferenceItem):
    """Mẫu trả lời: a starting text for an answer, bound to the action it is used in."""

    action = models.CharField(_("Dùng khi"), max_length=20)
    text = models.TextField(_("Nội dung mẫu"), max_length=5000)

    class Meta(ReferenceItem.Meta):
        verbose_name = _("Mẫu trả lời")
        verbose_name_plural = _("Mẫu trả lời")


OFFICIAL_TITLE = "Hội nghị đánh giá công tác chỉ đạo cơ sở"


class ReviewConference(Versioned):
    """Hội nghị sơ kết, đánh giá công tác chỉ đạo cơ sở (the quarterly review conference): convened by a committee
    for a quarter; the working groups' visits, reports and kiến nghị become a report, opinions, a conclusion and
    tasks for the next quarter, which the next conference follows up; unresolved kiến nghị are carried over."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("Địa bàn của cấp ủy"))
    title = models.CharField(_("Tên hội nghị"), max_length=300)
    year = models.PositiveSmallIntegerField(_("Năm"))
    quarter = models.PositiveSmallIntegerField(_("Quý"), choices=[(q, q) for q in range(1, 5)])
    held_on = models.DateField(_("Ngày họp"))
    place = models.CharField(_("Địa điểm"), max_length=300, blank=True)
    chair = models.CharField(_("Chủ trì"), max_length=300, blank=True, help_text=_("Họ tên, chức vụ người chủ trì."))
    agenda = models.TextField(_("Chương trình"), blank=True, max_length=5000, help_text=_("Mỗi dòng một nội dung."))
    participants = models.TextField(_("Thành phần"), blank=True, max_length=2000)
    absentees = models.TextField(_("Vắng mặt (lý do)"), blank=True, max_length=2000)
    opinions = models.TextField(
        _("Ý kiến phát biểu"),
        blank=True,
        max_length=20000,
        help_text=_("Mỗi đoạn một ý kiến: người phát biểu, nội dung."),
    )
    conclusion = models.TextField(_("Kết luận"), blank=True, max_length=10000)
    carried_over_at = models.DateTimeField(_("Đã chuyển kỳ sau lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Hội nghị sơ kết, đánh giá công tác chỉ đạo cơ sở")
        verbose_name_plural = _("Hội nghị sơ kết, đánh giá công tác chỉ đạo cơ sở")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("petitions:conference_detail", args=[self.pk])

    @property
    def quarter_start(self) -> datetime.date:
        return datetime.date(self.year, 3 * self.quarter - 2, 1)

    @property
    def quarter_end(self) -> datetime.date:
        if self.quarter == 4:
            return datetime.date(self.year, 12, 31)
        return datetime.date(self.year, 3 * self.quarter + 1, 1) - datetime.timedelta(days=1)


class ConclusionTask(Versioned):
    """One line of a conference's conclusion made a task: an owner (a body or a person), a due date, and what
    became of it, recorded at a later conference of the same committee (done, done late, not done)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang thực hiện")
        DONE = "done", _("Đã hoàn thành")
        DONE_LATE = "done_late", _("Hoàn thành chậm")
        NOT_DONE = "not_done", _("Chưa hoàn thành")

    conference = models.ForeignKey(ReviewConference, on_delete=models.PROTECT, related_name="tasks")
    position = models.PositiveSmallIntegerField(_("Thứ tự"), default=0)
    content = models.TextField(_("Nội dung nhiệm vụ"), max_length=2000)
    owner_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Cơ quan chủ trì")
    )
    owner_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Người phụ trách")
    )
    due_on = models.DateField(_("Thời hạn"))
    status = models.CharField(_("Kết quả"), max_length=10, choices=Status.choices, default=Status.PENDING)
    done_on = models.DateField(_("Ngày hoàn thành"), null=True, blank=True)
    followed_up_at = models.ForeignKey(
        ReviewConference,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("Kiểm điểm tại hội nghị"),
    )
    follow_up_note = models.TextField(_("Đánh giá"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("Nhiệm vụ theo kết luận hội nghị")
        verbose_name_plural = _("Nhiệm vụ theo kết luận hội nghị")
        ordering = ["conference", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner_body__isnull=False) | models.Q(owner_person__isnull=False),
                name="conclusiontask_has_owner",
            )
        ]

    def __str__(self) -> str:
        return self.content[:80]

    @property
    def owner_label(self) -> str:
        parts = [str(x) for x in (self.owner_body, self.owner_person) if x is not None]
        return ", ".join(parts)

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.NOT_DONE)


class ConclusionFollowUp(models.Model):
    """What a conference found of an earlier conclusion's task: one row per task and conference, so that each
    conference keeps what it recorded (not done at Q2, done late at Q3)."""

    task = models.ForeignKey(ConclusionTask, on_delete=models.CASCADE, related_name="follow_up_log")
    conference = models.ForeignKey(ReviewConference, on_delete=models.PROTECT, related_name="follow_up_log")
    status = models.CharField(_("Kết quả"), max_length=10, choices=ConclusionTask.Status.choices)
    done_on = models.DateField(_("Ngày hoàn thành"), null=True, blank=True)
    note = models.TextField(_("Đánh giá"), blank=True, max_length=2000)
    recorded_at = models.DateTimeField(_("Ghi lúc"), auto_now=True)

    class Meta:
        verbose_name = _("Kiểm điểm nhiệm vụ")
        verbose_name_plural = _("Kiểm điểm nhiệm vụ")
        ordering = ["conference__held_on", "id"]
        constraints = [models.UniqueConstraint(fields=["task", "conference"], name="followup_unique_task_conference")]

    def __str__(self) -> str:
        return f"{self.task} @ {self.conference}"


class State(models.TextChoices):
    RECEIVED = "received", _("Mới tiếp nhận")
    CLASSIFIED = "classified", _("Đã phân loại")
    TRANSFERRED = "transferred", _("Đã chuyển xử lý")
    IN_PROGRESS = "in_progress", _("Đang xử lý")
    AWAITING_INFO = "awaiting_info", _("Chờ bổ sung thông tin")
    ANSWERED = "answered", _("Đã trả lời")
    NOT_COMPETENT = "not_competent", _("Không thuộc thẩm quyền, đã hướng dẫn")
    RESOLVED = "resolved", _("Đã giải quyết xong")
    CLOSED = "closed", pgettext_lazy("trạng thái kiến nghị", "Đóng")


# States in which the responsible body owes an answer: the clock runs (it is paused in AWAITING_INFO).
CLOCK_RUNNING = (State.RECEIVED, State.CLASSIFIED, State.TRANSFERRED, State.IN_PROGRESS)
OPEN_STATES = (*CLOCK_RUNNING, State.AWAITING_INFO, State.ANSWERED)


class Source(models.TextChoices):
    MONTHLY_REPORT = "monthly_report", _("Báo cáo tháng của tổ công tác")
    CELL_MEETING = "cell_meeting", _("Sinh hoạt chi bộ")
    ACTIVITY = "activity", _("Hoạt động tại cơ sở")
    CONFERENCE = "conference", _("Hội nghị sơ kết, đánh giá công tác chỉ đạo cơ sở")
    INSPECTION_BOARD = "inspection_board", _("Ban Thanh tra nhân dân")
    VOTER = "voter", _("Cử tri, Nhân dân")
    OTHER = "other", _("Khác")


class Verdict(models.TextChoices):
    AGREE = "agree", _("Đồng ý")
    DISAGREE = "disagree", _("Chưa đồng ý")


class Petition(Searchable, Versioned):
    """One kiến nghị. Records point to the originating unit as it was; statistics roll up through succession."""

    Kind = ConcernKind
    State = State
    Source = Source
    Verdict = Verdict

    year = models.PositiveSmallIntegerField(_("Năm"), editable=False)
    number = models.PositiveIntegerField(_("Số"), editable=False)
    source = models.CharField(_("Nguồn"), max_length=20, choices=Source.choices)
    kind = models.CharField(_("Phân loại"), max_length=15, choices=ConcernKind.choices)
    field = models.ForeignKey(
        MonitoringField, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Lĩnh vực")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("Đơn vị phát sinh"))
    content = models.TextField(_("Nội dung"), max_length=5000)
    raised_by = models.CharField(_("Người, tổ chức nêu"), max_length=300, blank=True)
    raised_on = models.DateField(_("Ngày nêu"))
    received_on = models.DateField(_("Ngày tiếp nhận"))
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("Người tiếp nhận"),
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="petitions")
    conference = models.ForeignKey(
        ReviewConference, on_delete=models.SET_NULL, null=True, blank=True, related_name="raised"
    )
    # The record of another module that raised the item (a monthly report, a cell-meeting record, a field
    # activity, an inspection, ...): one generic link instead of a foreign key per module, with the label the
    # item's page shows (kept when the record is gone). Raised through services.petitions_raise.
    origin_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    origin_id = models.PositiveBigIntegerField(null=True, blank=True)
    origin = GenericForeignKey("origin_type", "origin_id")
    origin_label = models.CharField(_("Nêu tại"), max_length=300, blank=True)

    state = models.CharField(_("Trạng thái"), max_length=15, choices=State.choices, default=State.RECEIVED)
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Cơ quan giải quyết")
    )
    routed_on = models.DateField(_("Ngày chuyển xử lý"), null=True, blank=True)
    clock_start = models.DateField(_("Bắt đầu tính hạn"), null=True, blank=True)
    due_manual = models.BooleanField(_("Hạn nhập tay"), default=False)
    allowed_days = models.PositiveSmallIntegerField(_("Thời hạn (ngày làm việc)"), null=True, blank=True)
    due_on = models.DateField(_("Hạn xử lý"), null=True, blank=True, db_index=True)
    paused_since = models.DateField(_("Tạm dừng từ"), null=True, blank=True)
    paused_days = models.PositiveSmallIntegerField(_("Số ngày làm việc tạm dừng"), default=0)
    answer = models.TextField(_("Nội dung trả lời"), blank=True, max_length=10000)
    answered_on = models.DateField(_("Ngày trả lời"), null=True, blank=True)
    verdict = models.CharField(_("Ý kiến của cơ sở"), max_length=10, choices=Verdict.choices, blank=True)
    verdict_on = models.DateField(_("Ngày cho ý kiến"), null=True, blank=True)
    resolved_on = models.DateField(_("Ngày giải quyết xong"), null=True, blank=True)
    closed_on = models.DateField(_("Ngày đóng"), null=True, blank=True)
    working_days_taken = models.PositiveSmallIntegerField(_("Số ngày làm việc đã dùng"), null=True, blank=True)
    on_time = models.BooleanField(_("Đúng hạn"), null=True)
    reopen_count = models.PositiveSmallIntegerField(_("Số lần mở lại"), default=0)
    warned_on = models.DateField(_("Đã nhắc sắp đến hạn"), null=True, blank=True)
    escalated_on = models.DateField(_("Đã báo quá hạn"), null=True, blank=True)
    carried_over = models.BooleanField(_("Tồn đọng chuyển kỳ sau"), default=False)
    carried_at = models.ManyToManyField(ReviewConference, blank=True, related_name="carried", editable=False)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("Trùng với kiến nghị"),
    )

    class Meta:
        verbose_name = _("Kiến nghị")
        verbose_name_plural = _("Kiến nghị")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="petition_number_unique"),
            models.CheckConstraint(
                condition=models.Q(received_on__gte=models.F("raised_on")), name="petition_received"
            ),
        ]
        indexes = [
            models.Index(fields=["state", "due_on"], name="petition_state_due"),
            models.Index(fields=["body", "state"], name="petition_body_state"),
            models.Index(fields=["unit", "received_on"], name="petition_unit_received"),
            models.Index(fields=["received_on", "id"], name="petition_received_id"),
            models.Index(fields=["origin_type", "origin_id"], name="petition_origin"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.content[:60]}"

    @property
    def code(self) -> str:
        return f"{self.number:04d}/{self.year}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("petitions:detail", args=[self.pk])

    @property
    def origin_url(self) -> str:
        """The page of the record that raised the item, when that record has one (and still exists)."""
        origin = self.origin if self.origin_type_id else None
        return origin.get_absolute_url() if hasattr(origin, "get_absolute_url") else ""

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def is_overdue(self, day: datetime.date) -> bool:
        return self.state in CLOCK_RUNNING and self.due_on is not None and self.due_on < day


class PetitionEvent(models.Model):
    """One step in an item's life, shown as its timeline (the audit trail records the same change)."""

    class Action(models.TextChoices):
        RECEIVED = "received", pgettext_lazy("diễn biến kiến nghị", "Tiếp nhận")
        CLASSIFIED = "classified", pgettext_lazy("diễn biến kiến nghị", "Phân loại")
        ROUTED = "routed", _("Chuyển xử lý")
        TRANSFERRED = "transferred", _("Chuyển cơ quan khác")
        HANDED_DOWN = "handed_down", _("Giao cơ sở tự giải quyết")
        HANDED_UP = "handed_up", _("Chuyển cấp trên")
        STARTED = "started", _("Nhận xử lý")
        INFO_REQUESTED = "info_requested", _("Đề nghị bổ sung thông tin")
        INFO_RECEIVED = "info_received", _("Đã bổ sung thông tin")
        ANSWERED = "answered", _("Trả lời")
        NOT_COMPETENT = "not_competent", _("Không thuộc thẩm quyền, đã hướng dẫn")
        AGREED = "agreed", _("Cơ sở đồng ý")
        DISAGREED = "disagreed", _("Cơ sở chưa đồng ý, mở lại")
        RESOLVED = "resolved", _("Xác nhận đã giải quyết xong")
        CLOSED = "closed", pgettext_lazy("trạng thái kiến nghị", "Đóng")
        LINKED = "linked", _("Gộp vào kiến nghị trùng")
        UNLINKED = "unlinked", _("Tách khỏi nhóm trùng")
        CARRIED_OVER = "carried_over", _("Tồn đọng chuyển kỳ sau")
        DUE_CHANGED = "due_changed", _("Đổi hạn xử lý")
        WARNED = "warned", _("Nhắc sắp đến hạn")
        ESCALATED = "escalated", _("Báo quá hạn lên cấp trên")
        HANDED_OVER = "handed_over", _("Chuyển giao do sắp xếp")

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("Việc"), max_length=20, choices=Action.choices)
    at = models.DateTimeField(_("Lúc"), auto_now_add=True)
    on = models.DateField(_("Ngày"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("Người thực hiện"),
    )
    from_state = models.CharField(max_length=15, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=15, choices=State.choices, blank=True)
    body = models.ForeignKey(Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    text = models.TextField(_("Nội dung"), blank=True, max_length=10000)
    due_on = models.DateField(_("Hạn xử lý"), null=True, blank=True)

    class Meta:
        verbose_name = _("Diễn biến xử lý")
        verbose_name_plural = _("Diễn biến xử lý")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["body", "petition"], name="petitionevent_body")]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.action}"
