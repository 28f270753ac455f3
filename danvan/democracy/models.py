"""Grassroots democracy at the commune (docs/architecture.md, democracy): what the commune must publicise, what
households decide by vote, what residents comment on, the yearly dialogue, and the people's inspection board.

The rules are reference data grouped in one `RuleSet` per legal instrument (Ordinance 34/2007 until
30/06/2023, Law 10/2022 from 01/07/2023); every record carries the rule set in force on its date, so a 2016
village meeting is judged by the 2016 rules.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import Body, Person, Unit
from danvan.core.models.base import Searchable, Versioned
from danvan.core.models.reference import ReferenceItem


class Basis(models.TextChoices):
    HOUSEHOLDS = "households", _("Đại diện hộ gia đình")
    VOTERS = "voters", _("Cử tri")


class Scope(models.TextChoices):
    VILLAGE = "village", _("Thôn, tổ dân phố")
    COMMUNE = "commune", _("Toàn xã")


class Recogniser(models.TextChoices):
    COMMUNE_COMMITTEE = "ubnd_xa", _("UBND cấp xã")
    DISTRICT_COMMITTEE = "ubnd_huyen", _("UBND cấp huyện")
    COMMUNE_FRONT = "mttq_xa", _("UB MTTQ cấp xã")


# Which body type and level of the commune recognise a result (core BodyType codes).
RECOGNISER_BODY = {
    Recogniser.COMMUNE_COMMITTEE: ("people_committee", "commune"),
    Recogniser.DISTRICT_COMMITTEE: ("people_committee", "district"),
    Recogniser.COMMUNE_FRONT: ("front", "commune"),
}


class RuleSet(ReferenceItem):
    """One legal instrument on grassroots democracy with the numbers danvan applies while it is in force."""

    short_name = models.CharField(_("Tên viết tắt"), max_length=100)
    voting_bases = models.CharField(
        _("Cơ sở biểu quyết được phép"),
        max_length=30,
        default="households",
        help_text=_("Mã cách nhau bởi dấu phẩy: households, voters."),
    )
    village_head_term_months = models.PositiveSmallIntegerField(_("Nhiệm kỳ trưởng thôn (tháng)"), default=60)
    board_term_months = models.PositiveSmallIntegerField(_("Nhiệm kỳ Ban TTND (tháng)"), default=60)
    board_min_members = models.PositiveSmallIntegerField(_("Số thành viên Ban TTND tối thiểu"), default=5)
    plan_notice_working_days = models.PositiveSmallIntegerField(
        _("Gửi kế hoạch kiểm tra trước (ngày làm việc)"), default=5
    )
    election_plan_days = models.PositiveSmallIntegerField(_("Lập kế hoạch bầu trưởng thôn trước (ngày)"), default=20)
    election_team_days = models.PositiveSmallIntegerField(_("Quyết định tổ bầu cử trước (ngày)"), default=10)
    election_notice_days = models.PositiveSmallIntegerField(_("Thông báo bầu cử trước (ngày)"), default=7)
    reelection_days = models.PositiveSmallIntegerField(_("Bầu lại sau khi miễn nhiệm trong (ngày)"), default=60)
    recognition_working_days = models.PositiveSmallIntegerField(
        _("Công nhận kết quả biểu quyết trong (ngày làm việc)"), default=3
    )
    dialogue_required = models.BooleanField(_("Bắt buộc đối thoại hằng năm"), default=False)
    dialogue_notice_days = models.PositiveSmallIntegerField(_("Thông báo đối thoại trước (ngày)"), default=7)
    dialogue_result_days = models.PositiveSmallIntegerField(_("Công bố kết quả đối thoại trong (ngày)"), default=10)
    counting_team_min = models.PositiveSmallIntegerField(_("Ban kiểm phiếu tối thiểu"), default=3)
    counting_team_max = models.PositiveSmallIntegerField(_("Ban kiểm phiếu tối đa"), default=5)

    class Meta(ReferenceItem.Meta):
        verbose_name = _("Văn bản quy định dân chủ ở cơ sở")
        verbose_name_plural = _("Văn bản quy định dân chủ ở cơ sở")
        ordering = ["valid_from"]

    def allows_basis(self, basis: str) -> bool:
        return basis in [b.strip() for b in self.voting_bases.split(",")]


class DisclosureChannel(ReferenceItem):
    """Hình thức công khai: a channel through which a content is publicised (niêm yết, loa truyền thanh, cổng
    thông tin, họp thôn...)."""

    is_loudspeaker = models.BooleanField(_("Là hệ thống loa truyền thanh"), default=False)

    class Meta(ReferenceItem.Meta):
        verbose_name = _("Hình thức công khai")
        verbose_name_plural = _("Hình thức công khai")


class DisclosureItem(ReferenceItem):
    """Nội dung xã phải công khai, under one rule set."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.PROTECT, related_name="items", verbose_name=_("Văn bản"))
    group = models.CharField(_("Nhóm nội dung"), max_length=200, blank=True)
    min_days = models.PositiveSmallIntegerField(_("Thời gian niêm yết tối thiểu (ngày)"), null=True, blank=True)
    loudspeaker_required = models.BooleanField(_("Bắt buộc phát trên loa truyền thanh"), default=False)
    loudspeaker_min_days = models.PositiveSmallIntegerField(_("Số ngày liên tục trên loa"), default=3)
    recurrence_months = models.PositiveSmallIntegerField(
        _("Công khai lại sau (tháng)"), null=True, blank=True, help_text=_("Để trống: công khai khi phát sinh.")
    )
    channels = models.ManyToManyField(
        DisclosureChannel, blank=True, related_name="+", verbose_name=_("Hình thức được dùng")
    )

    class Meta(ReferenceItem.Meta):
        verbose_name = _("Nội dung công khai")
        verbose_name_plural = _("Nội dung xã phải công khai")


class DecisionMatter(ReferenceItem):
    """Nội dung Nhân dân bàn và quyết định (or bàn, biểu quyết), with the ways of voting the rule set
    allows (meeting, household opinion forms, online)."""

    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("Nội dung thông thường")
        HEAD_ELECTION = "head_election", _("Bầu, miễn nhiệm, bãi nhiệm trưởng thôn, tổ trưởng tổ dân phố")
        BOARD_ELECTION = "board_election", _("Bầu thành viên Ban TTND, Ban GSĐTCĐ")

    rule_set = models.ForeignKey(RuleSet, on_delete=models.PROTECT, related_name="matters", verbose_name=_("Văn bản"))
    kind = models.CharField(_("Loại nội dung"), max_length=20, choices=Kind.choices, default=Kind.ORDINARY)
    allows_meeting = models.BooleanField(_("Được họp cộng đồng dân cư"), default=True)
    allows_forms = models.BooleanField(_("Được phát phiếu lấy ý kiến hộ gia đình"), default=True)
    allows_online = models.BooleanField(_("Được biểu quyết trực tuyến"), default=False)

    class Meta(ReferenceItem.Meta):
        verbose_name = _("Nội dung Nhân dân bàn và quyết định")
        verbose_name_plural = _("Nội dung Nhân dân bàn và quyết định")


class VoteRule(ReferenceItem):
    """When a vote on a matter passes: `votes_for / total` above (or, if `inclusive`, at least) the threshold
    `numerator / denominator` of all the households (or voters) of the scope, and who recognises it."""

    matter = models.ForeignKey(
        DecisionMatter, on_delete=models.PROTECT, related_name="rules", verbose_name=_("Nội dung")
    )
    scope = models.CharField(_("Phạm vi"), max_length=10, choices=Scope.choices, default=Scope.VILLAGE)
    numerator = models.PositiveSmallIntegerField(_("Tỷ lệ: tử số"), default=1)
    denominator = models.PositiveSmallIntegerField(_("Tỷ lệ: mẫu số"), default=2)
    inclusive = models.BooleanField(
        _("Đạt khi bằng tỷ lệ"), default=False, help_text=_("Không chọn: phải trên tỷ lệ (ví dụ trên 50%).")
    )
    recogniser = models.CharField(
        _("Cơ quan công nhận"), max_length=12, choices=Recogniser.choices, default=Recogniser.COMMUNE_COMMITTEE
    )

    class Meta(ReferenceItem.Meta):
        verbose_name = _("Quy tắc biểu quyết")
        verbose_name_plural = _("Quy tắc biểu quyết")
        constraints = [models.CheckConstraint(condition=Q(denominator__gt=0), name="voterule_denominator")]

    @property
    def threshold_label(self) -> str:
        percent = round(100 * self.numerator / self.denominator, 2)
        word = _("từ") if self.inclusive else _("trên")
        return f"{word} {percent:g}%" if self.denominator != 3 else f"{word} {self.numerator}/{self.denominator}"

    def passes(self, votes_for: int, total: int) -> bool:
        """Integer arithmetic at the boundary: exactly half of 200 households is 100 and does not pass '>50%'."""
        if total <= 0:
            return False
        if self.inclusive:
            return votes_for * self.denominator >= total * self.numerator
        return votes_for * self.denominator > total * self.numerator


class ConsultationMatter(ReferenceItem):
    rule_set = models.ForeignKey(RuleSet, on_delete=models.PROTECT, related_name="consultation_matters")

    class Meta(ReferenceItem.Meta):
        verbose_name = _("Nội dung Nhân dân tham gia ý kiến")
        verbose_name_plural = _("Nội dung Nhân dân tham gia ý kiến")


class ConsultationChannel(ReferenceItem):
    """Hình thức Nhân dân tham gia ý kiến: a channel through which residents are consulted."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.PROTECT, related_name="consultation_channels")

    class Meta(ReferenceItem.Meta):
        verbose_name = _("Hình thức lấy ý kiến")
        verbose_name_plural = _("Hình thức Nhân dân tham gia ý kiến")


# --- Records -------------------------------------------------------------------------------------------------


class Record(Searchable, Versioned):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("Xã"))
    rule_set = models.ForeignKey(RuleSet, on_delete=models.PROTECT, related_name="+", verbose_name=_("Văn bản áp dụng"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("Người nhập")
    )
    # Files are core.Attachment rows (attachable in access.py; core.attachments.of(record) reads them).
    detail_url_name = ""  # the record's page

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        return reverse(self.detail_url_name, args=[self.pk])


class Disclosure(Record):
    """One act of publicising one content: channels, from when to when, where, by whom."""

    item = models.ForeignKey(DisclosureItem, on_delete=models.PROTECT, related_name="+", verbose_name=_("Nội dung"))
    title = models.CharField(_("Tên văn bản, thông tin công khai"), max_length=300)
    channels = models.ManyToManyField(DisclosureChannel, related_name="+", verbose_name=_("Hình thức"))
    started_on = models.DateField(_("Ngày bắt đầu"))
    ended_on = models.DateField(_("Ngày kết thúc"))
    loudspeaker_days = models.PositiveSmallIntegerField(_("Số ngày liên tục trên loa"), null=True, blank=True)
    place = models.CharField(_("Địa điểm niêm yết"), max_length=300, blank=True)
    done_by = models.CharField(_("Người, bộ phận thực hiện"), max_length=200, blank=True)
    note = models.TextField(_("Ghi chú"), blank=True, max_length=2000)

    detail_url_name = "democracy:disclosure_detail"

    class Meta:
        verbose_name = _("Lần công khai")
        verbose_name_plural = _("Công khai")
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["unit", "item", "started_on"], name="disclosure_unit_item")]
        constraints = [
            models.CheckConstraint(condition=Q(ended_on__gte=models.F("started_on")), name="disclosure_period")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def days(self) -> int:
        return (self.ended_on - self.started_on).days + 1


class CommunityDecision(Record):
    """A matter households decide at a village meeting, on household opinion forms or by online voting.

    `passed` is computed by the service from the vote rule in force; a passed decision is recognised by the
    body the rule names, then implemented. Village-head elections carry their lead-time dates."""

    class Form(models.TextChoices):
        MEETING = "meeting", _("Họp cộng đồng dân cư")
        FORMS = "forms", _("Phát phiếu lấy ý kiến hộ gia đình")
        ONLINE = "online", _("Biểu quyết trực tuyến")

    class Method(models.TextChoices):
        HANDS = "hands", _("Giơ tay")
        SECRET = "secret", _("Bỏ phiếu kín")

    class State(models.TextChoices):
        RECORDED = "recorded", _("Đã biểu quyết, chờ công nhận")
        REJECTED = "rejected", _("Không được thông qua")
        RECOGNISED = "recognised", _("Đã công nhận")
        IMPLEMENTING = "implementing", _("Đang tổ chức thực hiện")
        DONE = "done", _("Đã thực hiện xong")

    matter = models.ForeignKey(DecisionMatter, on_delete=models.PROTECT, related_name="+", verbose_name=_("Nội dung"))
    rule = models.ForeignKey(VoteRule, on_delete=models.PROTECT, related_name="+", verbose_name=_("Quy tắc áp dụng"))
    place = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("Thôn, tổ dân phố (hoặc toàn xã)")
    )
    title = models.CharField(_("Nội dung biểu quyết"), max_length=300)
    form = models.CharField(_("Hình thức"), max_length=10, choices=Form.choices, default=Form.MEETING)
    held_on = models.DateField(_("Ngày biểu quyết"))
    basis = models.CharField(_("Tính theo"), max_length=12, choices=Basis.choices, default=Basis.HOUSEHOLDS)
    total = models.PositiveIntegerField(_("Tổng số hộ (cử tri)"))
    present = models.PositiveIntegerField(_("Số hộ (cử tri) tham gia"))
    votes_for = models.PositiveIntegerField(_("Số tán thành"))
    votes_against = models.PositiveIntegerField(_("Số không tán thành"), default=0)
    method = models.CharField(_("Cách biểu quyết"), max_length=10, choices=Method.choices, default=Method.HANDS)
    counting_team = models.JSONField(_("Ban kiểm phiếu"), default=list, blank=True)
    chair = models.CharField(_("Người chủ trì"), max_length=200)
    secretary = models.CharField(_("Thư ký"), max_length=200, blank=True)
    minutes = models.TextField(_("Tóm tắt biên bản"), blank=True, max_length=5000)
    passed = models.BooleanField(_("Được thông qua"), default=False)
    state = models.CharField(_("Trạng thái"), max_length=15, choices=State.choices, default=State.RECORDED)
    recognised_by = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Cơ quan công nhận")
    )
    recognition_number = models.CharField(_("Số quyết định công nhận"), max_length=100, blank=True)
    recognised_on = models.DateField(_("Ngày công nhận"), null=True, blank=True)
    implementation = models.TextField(_("Kết quả tổ chức thực hiện"), blank=True, max_length=5000)
    implemented_on = models.DateField(_("Ngày hoàn thành"), null=True, blank=True)
    # Village-head elections (NĐ 59/2023 Arts 6–8): each step dated, flagged when late.
    plan_on = models.DateField(_("Ngày có kế hoạch bầu cử"), null=True, blank=True)
    team_on = models.DateField(_("Ngày quyết định tổ bầu cử"), null=True, blank=True)
    notice_on = models.DateField(_("Ngày thông báo cho Nhân dân"), null=True, blank=True)
    dismissal_on = models.DateField(
        _("Ngày miễn nhiệm, bãi nhiệm trưởng thôn trước"),
        null=True,
        blank=True,
        help_text=_("Chỉ khi bầu lại sau khi trưởng thôn bị miễn nhiệm, bãi nhiệm."),
    )
    dismissal = models.BooleanField(_("Là miễn nhiệm, bãi nhiệm"), default=False)
    candidates = models.TextField(_("Người ứng cử"), blank=True, max_length=2000)
    elected = models.CharField(_("Người trúng cử"), max_length=200, blank=True)

    detail_url_name = "democracy:decision_detail"

    class Meta:
        verbose_name = _("Biểu quyết của cộng đồng")
        verbose_name_plural = _("Nhân dân bàn và quyết định")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["unit", "held_on"], name="decision_unit_held")]
        constraints = [
            models.CheckConstraint(condition=Q(present__lte=models.F("total")), name="decision_present"),
            models.CheckConstraint(
                condition=Q(votes_for__lte=models.F("present")) & Q(votes_against__lte=models.F("present")),
                name="decision_votes",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_election(self) -> bool:
        return self.matter.kind == DecisionMatter.Kind.HEAD_ELECTION and not self.dismissal

    @property
    def turnout(self) -> float:
        return 100 * self.present / self.total if self.total else 0.0

    @property
    def share_for(self) -> float:
        return 100 * self.votes_for / self.total if self.total else 0.0


class Consultation(Record):
    """A round of comment on a draft: channels, period, counts and the published response report."""

    matter = models.ForeignKey(
        ConsultationMatter, on_delete=models.PROTECT, related_name="+", verbose_name=_("Nội dung lấy ý kiến")
    )
    title = models.CharField(_("Tên dự thảo, vấn đề"), max_length=300)
    channels = models.ManyToManyField(ConsultationChannel, related_name="+", verbose_name=_("Hình thức"))
    opened_on = models.DateField(_("Từ ngày"))
    closed_on = models.DateField(_("Đến ngày"))
    asked = models.PositiveIntegerField(_("Số hộ, người được hỏi ý kiến"), default=0)
    answered = models.PositiveIntegerField(_("Số ý kiến nhận được"), default=0)
    agree = models.PositiveIntegerField(_("Tán thành"), default=0)
    disagree = models.PositiveIntegerField(_("Không tán thành"), default=0)
    other = models.PositiveIntegerField(_("Ý kiến khác"), default=0)
    response_on = models.DateField(_("Ngày công bố báo cáo tiếp thu, giải trình"), null=True, blank=True)
    response = models.TextField(_("Tóm tắt tiếp thu, giải trình"), blank=True, max_length=5000)

    detail_url_name = "democracy:consultation_detail"

    class Meta:
        verbose_name = _("Đợt lấy ý kiến")
        verbose_name_plural = _("Nhân dân tham gia ý kiến")
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(closed_on__gte=models.F("opened_on")), name="consultation_period"),
            models.CheckConstraint(condition=Q(answered__lte=models.F("asked")), name="consultation_answered"),
        ]

    def __str__(self) -> str:
        return self.title


class Dialogue(Record):
    """Hội nghị đối thoại giữa chính quyền xã và Nhân dân: notice before, results published after."""

    title = models.CharField(_("Chủ đề đối thoại"), max_length=300)
    notice_on = models.DateField(_("Ngày thông báo"))
    held_on = models.DateField(_("Ngày đối thoại"))
    place = models.CharField(_("Địa điểm"), max_length=300, blank=True)
    chair = models.CharField(_("Người chủ trì"), max_length=200, blank=True)
    participants = models.PositiveIntegerField(_("Số người dự"), default=0)
    requested = models.BooleanField(
        _("Theo yêu cầu của cử tri"), default=False, help_text=_("Tổ chức khi từ 10% cử tri trở lên yêu cầu.")
    )
    results_on = models.DateField(_("Ngày công bố kết quả"), null=True, blank=True)
    results = models.TextField(_("Kết quả đối thoại"), blank=True, max_length=5000)

    detail_url_name = "democracy:dialogue_detail"

    class Meta:
        verbose_name = _("Hội nghị đối thoại")
        verbose_name_plural = _("Hội nghị đối thoại")
        ordering = ["-held_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(held_on__gte=models.F("notice_on")), name="dialogue_notice")]

    def __str__(self) -> str:
        return self.title


class InspectionBoard(Record):
    """Ban Thanh tra nhân dân of a commune for one term (the village heads' term)."""

    elected_on = models.DateField(_("Ngày bầu"))
    term_from = models.DateField(_("Nhiệm kỳ từ ngày"))
    term_to = models.DateField(_("Nhiệm kỳ đến ngày"))
    recognised_on = models.DateField(_("Ngày công nhận"), null=True, blank=True)
    note = models.TextField(_("Ghi chú"), blank=True, max_length=2000)

    detail_url_name = "democracy:board_detail"

    class Meta:
        verbose_name = _("Ban Thanh tra nhân dân")
        verbose_name_plural = _("Ban Thanh tra nhân dân")
        ordering = ["-term_from", "-id"]
        constraints = [models.CheckConstraint(condition=Q(term_to__gte=models.F("term_from")), name="board_term")]

    def __str__(self) -> str:
        return _("Ban TTND %(unit)s, nhiệm kỳ %(a)s–%(b)s") % {
            "unit": self.unit.name,
            "a": self.term_from.year,
            "b": self.term_to.year,
        }


class BoardMember(models.Model):
    class Role(models.TextChoices):
        HEAD = "head", pgettext_lazy("Ban TTND", "Trưởng ban")
        DEPUTY = "deputy", pgettext_lazy("Ban TTND", "Phó Trưởng ban")
        MEMBER = "member", pgettext_lazy("Ban TTND", "Thành viên")

    board = models.ForeignKey(InspectionBoard, on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField(_("Họ và tên"), max_length=200)
    role = models.CharField(_("Chức danh"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    village = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Thôn, tổ dân phố")
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Thành viên Ban TTND")
        verbose_name_plural = _("Thành viên Ban TTND")
        ordering = ["board", "position", "id"]

    def __str__(self) -> str:
        return self.full_name


class Inspection(Versioned):
    """One inspection of the board: plan sent ahead, then its result (which may raise a kiến nghị)."""

    board = models.ForeignKey(InspectionBoard, on_delete=models.PROTECT, related_name="inspections")
    subject = models.CharField(_("Nội dung kiểm tra, giám sát"), max_length=300)
    inspected = models.CharField(_("Đối tượng được kiểm tra"), max_length=300)
    sent_on = models.DateField(_("Ngày gửi kế hoạch"))
    starts_on = models.DateField(_("Ngày bắt đầu kiểm tra"))
    result_on = models.DateField(_("Ngày có kết quả"), null=True, blank=True)
    findings = models.TextField(_("Kết quả, kiến nghị"), blank=True, max_length=5000)
    petition = models.ForeignKey(
        "petitions.Petition",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Kiến nghị đã chuyển"),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        verbose_name = _("Cuộc kiểm tra, giám sát")
        verbose_name_plural = _("Cuộc kiểm tra, giám sát")
        ordering = ["-starts_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(starts_on__gte=models.F("sent_on")), name="inspection_sent")]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("democracy:inspection_detail", args=[self.pk])
