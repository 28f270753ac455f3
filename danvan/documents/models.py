"""Outgoing official documents: their types (reference data), their issuers with a numbering style, the numbering
register per issuer × type × year, and every document with the versions generated for it (domain.md §8, §10.7)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.models import Body, PartyOrg, Unit
from danvan.core.models.base import Searchable, Versioned
from danvan.core.models.reference import ReferenceItem


class System(models.TextChoices):
    """The two layouts: a Party document (Hướng dẫn 36-HD/VPTW) or a State document (Nghị định 30/2020/NĐ-CP)."""

    PARTY = "party", _("Văn bản của Đảng")
    STATE = "state", _("Văn bản hành chính nhà nước")


class DocumentType(ReferenceItem):
    """Loại văn bản: its name ("Quyết định"), the abbreviation in the number ("QĐ") and where it is defined."""

    abbreviation = models.CharField(_("Chữ viết tắt"), max_length=10, help_text=_("Ví dụ: BC, QĐ, TB."))
    legal_basis = models.CharField(
        _("Căn cứ"), max_length=300, blank=True, help_text=_("Văn bản quy định thể thức của loại văn bản này.")
    )
    # Nghị định 30/2020/NĐ-CP, Phụ lục I: a State công văn's symbol is the issuer's abbreviation and the drafting
    # unit's ("Số: 12/UBND-VP"), without the type's letters; Party documents keep them ("Số 12-CV/HU").
    state_number_without_type = models.BooleanField(
        _("Số văn bản hành chính không có chữ viết tắt loại"),
        default=False,
        help_text=_("Như công văn: “Số: 12/UBND-VP” (ký hiệu cơ quan, đơn vị soạn thảo)."),
    )

    class Meta(ReferenceItem.Meta):
        verbose_name = _("Loại văn bản")
        verbose_name_plural = _("Loại văn bản")


class Issuer(Versioned):
    """Cơ quan ban hành: a body or a Party organisation that numbers its own outgoing documents, with what its
    header says. Its numbering rule is its style (Party: "Số 12-BC/HU", State: "Số: 12/BC-UBND") and abbreviation."""

    system = models.CharField(_("Thể thức"), max_length=10, choices=System.choices)
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Cơ quan")
    )
    party_org = models.ForeignKey(
        PartyOrg, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Tổ chức đảng")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("Địa bàn"))
    abbreviation = models.CharField(
        _("Ký hiệu cơ quan trong số văn bản"), max_length=30, help_text=_("Ví dụ: HU (Huyện ủy), UBND, BDVHU.")
    )
    name = models.CharField(
        _("Tên cơ quan ban hành (tiêu đề)"), max_length=200, help_text=_("Ví dụ: HUYỆN ỦY CAN LỘC; UBND XÃ AN LỘC.")
    )
    upper_name = models.CharField(
        _("Tên cơ quan cấp trên"), max_length=200, blank=True, help_text=_("Ví dụ: ĐẢNG BỘ TỈNH HÀ TĨNH.")
    )
    collective = models.CharField(
        _("Tập thể ký thay mặt"),
        max_length=100,
        blank=True,
        help_text=_("Đảng: BAN THƯỜNG VỤ, HUYỆN ỦY; Nhà nước: ỦY BAN NHÂN DÂN. Để trống nếu người đứng đầu ký."),
    )
    place = models.CharField(_("Địa danh"), max_length=100, help_text=_("Ví dụ: Can Lộc."))
    office = models.CharField(
        _("Nơi lưu"),
        max_length=100,
        default="VP",
        help_text=_(
            "Dòng cuối nơi nhận: Đảng “Lưu VP”, Nhà nước “Lưu: VT, VP”; với công văn nhà nước, đây cũng là ký hiệu "
            "đơn vị soạn thảo trong số (12/UBND-VP)."
        ),
    )
    is_active = models.BooleanField(_("Đang dùng"), default=True)

    class Meta:
        verbose_name = _("Cơ quan ban hành")
        verbose_name_plural = _("Cơ quan ban hành")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(body__isnull=False, party_org__isnull=True) | Q(body__isnull=True, party_org__isnull=False),
                name="issuer_body_or_party_org",
            ),
            models.UniqueConstraint(fields=["body"], condition=Q(body__isnull=False), name="issuer_unique_body"),
            models.UniqueConstraint(
                fields=["party_org"], condition=Q(party_org__isnull=False), name="issuer_unique_party_org"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})"


class NumberSequence(models.Model):
    """The numbering register of one issuer for one type in one year: the last number given. Numbers start at 1
    each year and are never given twice (a released number stays a gap, explained in the register)."""

    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="sequences")
    doc_type = models.ForeignKey(DocumentType, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)
    # A register adopted mid-year: the numbers up to `started_after` were given outside danvan (paper book).
    started_after = models.PositiveIntegerField(_("Số đã cấp ngoài hệ thống"), default=0)
    start_reason = models.CharField(_("Lý do bắt đầu giữa năm"), max_length=500, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "doc_type", "year"], name="sequence_unique_issuer_type_year")
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.year}: {self.last_number}"


class Document(Searchable, Versioned):
    """One outgoing document of the register: its number (reserved while a draft), its state, the record it
    came from (generic, like a kiến nghị's origin) and the versions generated for it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ISSUED = "issued", _("Đã ban hành")
        RELEASED = "released", _("Đã hủy, số bỏ trống")

    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="documents", verbose_name=_("Cơ quan"))
    doc_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("Loại văn bản")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("Địa bàn"))
    year = models.PositiveSmallIntegerField(_("Năm"))
    number = models.PositiveIntegerField(_("Số"))
    reference = models.CharField(_("Số, ký hiệu"), max_length=80)
    template = models.CharField(_("Mẫu"), max_length=50)
    subject = models.CharField(_("Trích yếu"), max_length=500)
    dated = models.DateField(_("Ngày văn bản"))
    status = models.CharField(_("Trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    options = models.JSONField(_("Nội dung nhập thêm"), default=dict, blank=True)
    origin_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    origin_id = models.PositiveBigIntegerField(null=True, blank=True)
    origin = GenericForeignKey("origin_type", "origin_id")
    origin_label = models.CharField(_("Từ hồ sơ"), max_length=300, blank=True)
    issued_at = models.DateTimeField(_("Ban hành lúc"), null=True, blank=True)
    issued_version = models.ForeignKey(
        "DocumentVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    release_reason = models.CharField(_("Lý do hủy số"), max_length=500, blank=True)
    reserved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("Người lấy số")
    )
    reserved_at = models.DateTimeField(_("Lấy số lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("Văn bản")
        verbose_name_plural = _("Văn bản")
        ordering = ["-year", "-number", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "doc_type", "year", "number"], name="document_unique_number")
        ]
        indexes = [models.Index(fields=["origin_type", "origin_id"], name="document_origin")]

    def __str__(self) -> str:
        return f"Số {self.reference}"

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", args=[self.pk])

    def origin_link(self) -> str:
        """The page of the record it came from, without a query when its template knows the address."""
        from .builders import TEMPLATES

        template = TEMPLATES.get(self.template)
        if template and template.url_of and self.origin_id:
            return template.url_of(self.origin_id)
        return ""

    def origin_url(self) -> str:
        if link := self.origin_link():
            return link
        origin = self.origin if self.origin_type_id else None
        return origin.get_absolute_url() if hasattr(origin, "get_absolute_url") else ""


def _version_path(version, filename: str) -> str:
    return f"documents/{version.document.year}/{version.document_id}/{filename}"


class DocumentVersion(models.Model):
    """One generation of a document: the two files and who made them when. An issued document's version is kept
    unchanged; regenerating adds a version."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("Lần"))
    docx = models.FileField(_("Tệp Word"), upload_to=_version_path, max_length=300)
    pdf = models.FileField(_("Tệp PDF"), upload_to=_version_path, max_length=300)
    pages = models.PositiveSmallIntegerField(_("Số trang PDF"), default=0)
    # The document's text in reading order (engine.Doc.texts): what the next generation is compared with.
    text = models.TextField(_("Nội dung"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("Người tạo")
    )
    created_at = models.DateTimeField(_("Tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("Phiên bản văn bản")
        verbose_name_plural = _("Phiên bản văn bản")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="version_unique_number")]

    def __str__(self) -> str:
        return f"{self.document} – lần {self.number}"


class GenerationJob(models.Model):
    """A document too large to draft while the user waits (a province's quarterly report): the worker generates it
    with the options the user confirmed, writing its progress for the page to poll."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ")
        RUNNING = "running", _("Đang soạn")
        DONE = "done", _("Hoàn thành")
        FAILED = "failed", _("Lỗi")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    template = models.CharField(_("Mẫu"), max_length=50)
    record_id = models.PositiveBigIntegerField()
    title = models.CharField(_("Văn bản"), max_length=300)
    options = models.JSONField(_("Nội dung nhập"), default=dict, blank=True)
    status = models.CharField(_("Tình trạng"), max_length=10, choices=Status.choices, default=Status.PENDING)
    total_steps = models.PositiveIntegerField(default=0)
    done_steps = models.PositiveIntegerField(default=0)
    document = models.ForeignKey(Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Lượt soạn văn bản ở chế độ nền")
        verbose_name_plural = _("Lượt soạn văn bản ở chế độ nền")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        return min(100, int(100 * self.done_steps / self.total_steps)) if self.total_steps else 0
