"""Imports of Party organisations, bodies and people from a file: the job (checked, then applied by the worker,
with progress the page polls) and the codes of the source systems kept to match records when a file comes again."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .units import Unit


class OrgImportJob(models.Model):
    class Kind(models.TextChoices):
        PARTY_ORGS = "party_orgs", _("Tổ chức đảng")
        BODIES = "bodies", _("Cơ quan")
        PEOPLE = "people", _("Cán bộ và chức vụ")
        UNITS = "units", _("Danh mục đơn vị hành chính")

    class Mode(models.TextChoices):
        ALL = "all", _("Chỉ lưu khi mọi dòng hợp lệ")
        VALID_ONLY = "valid_only", _("Lưu các dòng hợp lệ, bỏ qua các dòng lỗi")

    class Status(models.TextChoices):
        CHECKING = "checking", _("Đang kiểm tra")
        CHECKED = "checked", _("Đã kiểm tra, chờ xác nhận")
        APPLYING = "applying", _("Đang ghi")
        DONE = "done", _("Hoàn thành")
        REJECTED = "rejected", _("Có lỗi, chưa lưu")
        FAILED = "failed", _("Không đọc được tệp")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("Loại dữ liệu"), max_length=12, choices=Kind.choices)
    # empty only for the unit list (core.imports.unit_job), which may come into an empty tree
    scope = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("Phạm vi"), null=True, blank=True
    )
    day = models.DateField(_("Ngày của danh sách"))
    mode = models.CharField(_("Cách lưu"), max_length=10, choices=Mode.choices, default=Mode.ALL)
    full_list = models.BooleanField(_("Tệp là danh sách đầy đủ"), default=False)
    file = models.FileField(upload_to="core/imports/%Y/", max_length=255, blank=True)  # empty: the packaged list
    province = models.CharField(_("Tỉnh"), max_length=3, blank=True)  # the unit list: one province's code
    legal_basis = models.CharField(_("Căn cứ pháp lý"), max_length=200, blank=True)  # the unit list from a file
    name = models.CharField(_("Tên tệp"), max_length=255)
    status = models.CharField(_("Tình trạng"), max_length=10, choices=Status.choices, default=Status.CHECKING)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    changes = models.JSONField(default=list, blank=True)  # the diff: [{"what", "row", "label", "detail"}]
    errors = models.JSONField(default=list, blank=True)  # [{"row", "column", "label", "message"}]
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Lượt nhập tổ chức, cán bộ")
        verbose_name_plural = _("Lượt nhập tổ chức, cán bộ")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name

    @property
    def busy(self) -> bool:
        return self.status in (self.Status.CHECKING, self.Status.APPLYING)

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.REJECTED, self.Status.FAILED)

    @property
    def percent(self) -> int:
        return min(100, int(100 * self.processed_rows / self.total_rows)) if self.total_rows else 0


class ImportKey(models.Model):
    """The code a source system gives a record (a Party organisation's code, a body's code, a person's number in
    the personnel system): only to find the record again when the next file comes."""

    class Kind(models.TextChoices):
        PARTY_ORG = "party_org", _("Tổ chức đảng")
        BODY = "body", _("Cơ quan")
        PERSON = "person", _("Cán bộ")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    code = models.CharField(max_length=100)
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Mã nguồn nhập")
        verbose_name_plural = _("Mã nguồn nhập")
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="importkey_kind_code_unique")]
        indexes = [models.Index(fields=["kind", "object_id"], name="importkey_object_idx")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.code}"
