"""The "Dân vận khéo" emulation movement: models (mô hình) and exemplars (điển hình) registered each year in
fixed fields, followed through the yearly cycle, evaluated on criteria sheets, praised and awarded, and
counted in the district's report tables (docs/architecture.md, emulation).

Fields come in two levels: a province's local fields (Can Lộc's six) each map to one national group, so every
statistic can be shown in either breakdown.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import Body, PartyOrg, Unit, UnitLevel
from danvan.core.models.base import Searchable, Versioned
from danvan.core.models.reference import ReferenceItem


class FieldGroup(ReferenceItem):
    """Nhóm lĩnh vực toàn quốc: Kinh tế; Văn hóa - xã hội; Quốc phòng - an ninh; Xây dựng hệ thống chính trị."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("Nhóm lĩnh vực (toàn quốc)")
        verbose_name_plural = _("Nhóm lĩnh vực Dân vận khéo (toàn quốc)")


class Field(ReferenceItem):
    """Lĩnh vực of a model, as a province reports it; `scope` empty = the default set used everywhere a
    province has not defined its own for the date."""

    group = models.ForeignKey(FieldGroup, on_delete=models.PROTECT, related_name="fields", verbose_name=_("Nhóm"))
    scope = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Áp dụng cho tỉnh"),
        help_text=_("Để trống: bộ lĩnh vực mặc định."),
    )

    class Meta(ReferenceItem.Meta):
        verbose_name = _("Lĩnh vực Dân vận khéo")
        verbose_name_plural = _("Lĩnh vực Dân vận khéo")


class SubjectType(ReferenceItem):
    """Loại chủ thể đăng ký: cấp ủy/chi bộ, chính quyền, MTTQ, đoàn thể, cơ quan, lực lượng vũ trang..."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("Loại chủ thể")
        verbose_name_plural = _("Loại chủ thể Dân vận khéo")


class AwardForm(ReferenceItem):
    """Hình thức khen thưởng, biểu dương."""

    is_praise = models.BooleanField(
        _("Là biểu dương"), default=False, help_text=_("Biểu dương (không phải khen thưởng theo Luật Thi đua).")
    )

    class Meta(ReferenceItem.Meta):
        verbose_name = _("Hình thức khen thưởng")
        verbose_name_plural = _("Hình thức khen thưởng, biểu dương")


class Kind(models.TextChoices):
    MODEL = "model", _("Mô hình")
    COLLECTIVE = "collective_exemplar", _("Điển hình tập thể")
    INDIVIDUAL = "individual_exemplar", _("Điển hình cá nhân")


class State(models.TextChoices):
    REGISTERED = "registered", pgettext_lazy("trạng thái mô hình", "Đăng ký")
    RETURNED = "returned", _("Trả lại bổ sung")
    APPROVED = "approved", _("Đã duyệt")
    IMPLEMENTING = "implementing", _("Đang triển khai")
    REVIEWED = "reviewed", _("Đã sơ kết")
    EVALUATED = "evaluated", _("Đã đánh giá")
    PRAISED = "praised", _("Được biểu dương")
    AWARDED = "awarded", _("Được khen thưởng")


class Result(models.TextChoices):
    EFFECTIVE = "effective", _("Hiệu quả")
    NOT_EFFECTIVE = "not_effective", _("Chưa hiệu quả")
    STOPPED = "stopped", _("Dừng thực hiện")


# The ten registration items after the name, as a ward Fatherland Front letter asks for them: (field, label).
REGISTRATION_ITEMS = [
    ("situation", _("Thực trạng, lý do xây dựng")),
    ("objectives", _("Mục tiêu, tiêu chí đánh giá")),
    ("method", _("Nội dung, cách làm")),
    ("area", _("Địa bàn, đối tượng")),
    ("forces", _("Lực lượng thực hiện")),
    ("resources", _("Nguồn lực")),
    ("timeline", _("Thời gian, lộ trình")),
    ("outputs", _("Sản phẩm đầu ra")),
    ("sustainability", _("Khả năng duy trì, nhân rộng")),
]


class Initiative(Searchable, Versioned):
    """One registered model or exemplar for one year. A model continued next year is a new row linked by
    `continues`; a copy of a model elsewhere is a new row linked by `replicates`."""

    Kind = Kind
    State = State
    Result = Result

    year = models.PositiveSmallIntegerField(_("Năm đăng ký"))
    name = models.CharField(_("Tên mô hình, điển hình"), max_length=300)
    kind = models.CharField(_("Loại"), max_length=20, choices=Kind.choices, default=Kind.MODEL)
    field = models.ForeignKey(Field, on_delete=models.PROTECT, related_name="+", verbose_name=_("Lĩnh vực"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("Địa bàn đăng ký"))
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Cơ quan, đoàn thể đăng ký"),
    )
    party_org = models.ForeignKey(
        PartyOrg,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Tổ chức đảng đăng ký"),
    )
    subject_type = models.ForeignKey(
        SubjectType, on_delete=models.PROTECT, related_name="+", verbose_name=_("Loại chủ thể")
    )
    level = models.ForeignKey(UnitLevel, on_delete=models.PROTECT, related_name="+", verbose_name=_("Cấp quản lý"))
    situation = models.TextField(_("Thực trạng, lý do xây dựng"), blank=True, max_length=5000)
    objectives = models.TextField(_("Mục tiêu, tiêu chí đánh giá"), blank=True, max_length=5000)
    method = models.TextField(_("Nội dung, cách làm"), blank=True, max_length=5000)
    area = models.TextField(_("Địa bàn, đối tượng"), blank=True, max_length=5000)
    forces = models.TextField(_("Lực lượng thực hiện"), blank=True, max_length=5000)
    resources = models.TextField(_("Nguồn lực"), blank=True, max_length=5000)
    timeline = models.TextField(_("Thời gian, lộ trình"), blank=True, max_length=5000)
    outputs = models.TextField(_("Sản phẩm đầu ra"), blank=True, max_length=5000)
    sustainability = models.TextField(_("Khả năng duy trì, nhân rộng"), blank=True, max_length=5000)
    leader = models.CharField(_("Người phụ trách"), max_length=200, blank=True)
    leader_phone = models.CharField(_("Điện thoại người phụ trách"), max_length=30, blank=True)
    registered_on = models.DateField(_("Ngày đăng ký"))
    launched_on = models.DateField(_("Ngày ra mắt"), null=True, blank=True)
    replicates = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replications",
        verbose_name=_("Nhân rộng từ mô hình"),
    )
    continues = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="continuations",
        verbose_name=_("Tiếp tục từ năm trước"),
    )

    state = models.CharField(_("Trạng thái"), max_length=15, choices=State.choices, default=State.REGISTERED)
    result = models.CharField(_("Kết quả đánh giá"), max_length=15, choices=Result.choices, blank=True)
    returned_reason = models.TextField(_("Nội dung cần bổ sung"), blank=True, max_length=5000)
    approved_on = models.DateField(_("Ngày duyệt"), null=True, blank=True)
    reviewed_on = models.DateField(_("Ngày sơ kết"), null=True, blank=True)
    review_note = models.TextField(_("Kết quả sơ kết"), blank=True, max_length=5000)
    evaluated_on = models.DateField(_("Ngày đánh giá"), null=True, blank=True)
    evaluation_note = models.TextField(_("Nhận xét đánh giá"), blank=True, max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("Người nhập")
    )
    import_job = models.ForeignKey(
        "ImportJob", on_delete=models.SET_NULL, null=True, blank=True, related_name="created", editable=False
    )

    class Meta:
        verbose_name = _("Mô hình, điển hình Dân vận khéo")
        verbose_name_plural = _("Mô hình, điển hình Dân vận khéo")
        ordering = ["-year", "sort_key", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(year__gte=1990, year__lte=2199), name="initiative_year"),
        ]
        indexes = [
            models.Index(fields=["year", "unit"], name="initiative_year_unit"),
            models.Index(fields=["unit", "year"], name="initiative_unit_year"),
            models.Index(fields=["year", "field", "state"], name="initiative_year_field"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("emulation:detail", args=[self.pk])

    @property
    def registrant(self) -> str:
        """Who registered it, as the reports name it: the body or Party organisation, else the unit."""
        if self.body_id:
            return self.body.name
        if self.party_org_id:
            return self.party_org.name
        return self.unit.full_name

    @property
    def is_recognized(self) -> bool:
        return self.state in (State.PRAISED, State.AWARDED)


class CriteriaSheet(Versioned):
    """Bộ tiêu chí đánh giá of one campaign: pass/fail items (all required items passed = Đạt) or scored items
    with weights, classified by the weighted total against the sheet's grades."""

    class Mode(models.TextChoices):
        PASS_FAIL = "pass_fail", _("Đạt/không đạt từng tiêu chí")
        SCORED = "scored", _("Chấm điểm có trọng số")

    name = models.CharField(_("Tên bộ tiêu chí"), max_length=300)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("Cấp ban hành"))
    mode = models.CharField(_("Cách đánh giá"), max_length=10, choices=Mode.choices, default=Mode.SCORED)
    kinds = models.CharField(
        _("Áp dụng cho loại"),
        max_length=100,
        blank=True,
        help_text=_("Để trống: mọi loại; hoặc danh sách mã loại cách nhau bởi dấu phẩy."),
    )
    year_from = models.PositiveSmallIntegerField(_("Từ năm"))
    year_to = models.PositiveSmallIntegerField(_("Đến năm"), null=True, blank=True)
    note = models.TextField(_("Ghi chú"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("Bộ tiêu chí đánh giá")
        verbose_name_plural = _("Bộ tiêu chí đánh giá")
        ordering = ["-year_from", "name"]

    def __str__(self) -> str:
        return self.name

    def applies_to(self, kind: str) -> bool:
        return not self.kinds or kind in [k.strip() for k in self.kinds.split(",")]


class Criterion(models.Model):
    sheet = models.ForeignKey(CriteriaSheet, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(_("Thứ tự"), default=0)
    text = models.CharField(_("Tiêu chí"), max_length=500)
    max_score = models.DecimalField(_("Điểm tối đa"), max_digits=6, decimal_places=2, default=10)
    weight = models.DecimalField(_("Trọng số"), max_digits=5, decimal_places=2, default=1)
    required = models.BooleanField(_("Bắt buộc đạt"), default=True)

    class Meta:
        verbose_name = _("Tiêu chí")
        verbose_name_plural = _("Tiêu chí")
        ordering = ["sheet", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(max_score__gt=0), name="criterion_max_score"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="criterion_weight"),
        ]

    def __str__(self) -> str:
        return self.text


class Grade(models.Model):
    """Xếp loại: a weighted total at or above `min_total` earns `label` (the highest such grade wins)."""

    sheet = models.ForeignKey(CriteriaSheet, on_delete=models.CASCADE, related_name="grades")
    min_total = models.DecimalField(_("Tổng điểm từ"), max_digits=8, decimal_places=2)
    label = models.CharField(_("Xếp loại"), max_length=100)
    result = models.CharField(_("Tương ứng kết quả"), max_length=15, choices=Result.choices)

    class Meta:
        verbose_name = _("Xếp loại")
        verbose_name_plural = _("Xếp loại")
        ordering = ["sheet", "-min_total"]

    def __str__(self) -> str:
        return self.label


class Evaluation(Versioned):
    """One evaluator's sheet for one initiative. `internal_note` is for the evaluating side only."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="evaluations")
    sheet = models.ForeignKey(CriteriaSheet, on_delete=models.PROTECT, related_name="+", verbose_name=_("Bộ tiêu chí"))
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("Người đánh giá"),
    )
    evaluator_name = models.CharField(_("Người đánh giá"), max_length=200)
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Cơ quan đánh giá")
    )
    evaluated_on = models.DateField(_("Ngày đánh giá"))
    total = models.DecimalField(_("Tổng điểm"), max_digits=8, decimal_places=2, null=True, blank=True)
    maximum = models.DecimalField(_("Điểm tối đa"), max_digits=8, decimal_places=2, null=True, blank=True)
    grade = models.CharField(_("Xếp loại"), max_length=100)
    result = models.CharField(_("Kết quả đề xuất"), max_length=15, choices=Result.choices)
    comment = models.TextField(_("Nhận xét"), blank=True, max_length=5000)
    internal_note = models.TextField(_("Ghi chú nội bộ"), blank=True, max_length=5000)

    class Meta:
        verbose_name = _("Phiếu đánh giá")
        verbose_name_plural = _("Phiếu đánh giá")
        ordering = ["evaluated_on", "id"]

    def __str__(self) -> str:
        return f"{self.initiative_id} · {self.evaluator_name} · {self.grade}"


class Score(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("Điểm"), max_digits=6, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("Đạt"), null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evaluation", "criterion"], name="score_unique")]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.score if self.passed is None else self.passed}"


class PraiseConference(Versioned):
    """Hội nghị biểu dương: the honoured models and exemplars of a period (e.g. 2016–2020)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("Cấp tổ chức"))
    title = models.CharField(_("Tên hội nghị"), max_length=300)
    held_on = models.DateField(_("Ngày tổ chức"))
    year_from = models.PositiveSmallIntegerField(_("Giai đoạn từ năm"))
    year_to = models.PositiveSmallIntegerField(_("Đến năm"))
    note = models.TextField(_("Ghi chú"), blank=True, max_length=5000)
    honoured = models.ManyToManyField(
        Initiative, blank=True, related_name="conferences", verbose_name=_("Được biểu dương")
    )

    class Meta:
        verbose_name = _("Hội nghị biểu dương")
        verbose_name_plural = _("Hội nghị biểu dương")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(year_to__gte=models.F("year_from")), name="praiseconf_period")
        ]

    def __str__(self) -> str:
        return self.title


class Award(Versioned):
    """Khen thưởng, biểu dương of a model or exemplar: form, decision, date, recipient, awarding body."""

    class Recipient(models.TextChoices):
        COLLECTIVE = "collective", _("Tập thể")
        INDIVIDUAL = "individual", _("Cá nhân")
        HOUSEHOLD = "household", _("Hộ gia đình")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="awards")
    form = models.ForeignKey(AwardForm, on_delete=models.PROTECT, related_name="+", verbose_name=_("Hình thức"))
    recipient_kind = models.CharField(_("Đối tượng"), max_length=12, choices=Recipient.choices)
    recipient = models.CharField(_("Tên tập thể, cá nhân"), max_length=300)
    decision_number = models.CharField(_("Số quyết định"), max_length=100, blank=True)
    decided_on = models.DateField(_("Ngày quyết định"))
    awarding_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Cơ quan khen thưởng")
    )
    awarding_name = models.CharField(_("Cấp khen thưởng"), max_length=300, blank=True)
    conference = models.ForeignKey(
        PraiseConference, on_delete=models.SET_NULL, null=True, blank=True, related_name="awards"
    )

    class Meta:
        verbose_name = _("Khen thưởng")
        verbose_name_plural = _("Khen thưởng")
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.form} · {self.recipient}"


class ImportJob(models.Model):
    """One uploaded registration workbook: validated row by row, saved all-or-nothing or valid rows only,
    by the worker for large files, with progress the page polls."""

    class Mode(models.TextChoices):
        ALL = "all", _("Chỉ lưu khi mọi dòng hợp lệ")
        VALID_ONLY = "valid_only", _("Lưu các dòng hợp lệ, trả lại các dòng lỗi")

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ")
        RUNNING = "running", _("Đang xử lý")
        DONE = "done", _("Hoàn thành")
        REJECTED = "rejected", _("Có lỗi, chưa lưu")
        FAILED = "failed", _("Không đọc được tệp")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to="emulation/imports/%Y/")
    name = models.CharField(_("Tên tệp"), max_length=255)
    mode = models.CharField(_("Cách lưu"), max_length=10, choices=Mode.choices, default=Mode.ALL)
    status = models.CharField(_("Tình trạng"), max_length=10, choices=Status.choices, default=Status.PENDING)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    saved_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    message = models.TextField(blank=True)
    rejected_file = models.FileField(upload_to="emulation/imports/%Y/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Lượt nhập Excel")
        verbose_name_plural = _("Lượt nhập Excel")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name

    @property
    def percent(self) -> int:
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.REJECTED, self.Status.FAILED)
