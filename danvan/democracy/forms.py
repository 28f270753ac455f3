from django import forms as dj
from django.utils.translation import gettext_lazy as _

from danvan.core import permissions
from danvan.core.forms import ATTACH_HELP as UPLOAD_HELP
from danvan.core.forms import MultipleFileField, VersionedForm, VersionField, date_field
from danvan.core.models import Body, Unit
from danvan.core.permissions import Cap
from danvan.core.pickers import UnitChoiceField, bind_unit_fields, dated, register

from .models import (
    BoardMember,
    CommunityDecision,
    ConsultationChannel,
    ConsultationMatter,
    DecisionMatter,
    DisclosureChannel,
    DisclosureItem,
)


def _units(user, cap: Cap, levels):
    """Units of the scope where `user` may record (past ones too: records are history)."""
    units = Unit.objects.select_related("type", "parent__type").filter(level__code__in=levels)
    return permissions.restrict(units, user, "pk", cap).order_by("level__rank", "sort_key")


register("democracy_communes", lambda user: _units(user, Cap.RECORD_DEMOCRACY, ["commune"]))
register("democracy_places", lambda user: _units(user, Cap.RECORD_DEMOCRACY, ["commune", "village"]))
register("inspection_communes", lambda user: _units(user, Cap.MANAGE_INSPECTION, ["commune"]))


class _RuleSetLabel:
    """Reference rows of both instruments, labelled with the instrument so the choice is never ambiguous."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.name} · {obj.rule_set.short_name}"


class RuleSetChoiceField(_RuleSetLabel, dj.ModelChoiceField):
    pass


class RuleSetMultipleField(_RuleSetLabel, dj.ModelMultipleChoiceField):
    pass


class DisclosureEntryForm(VersionedForm):
    version = VersionField()
    unit = UnitChoiceField(label=_("Xã"), purpose="democracy_communes")
    item = RuleSetChoiceField(
        label=_("Nội dung công khai"),
        queryset=DisclosureItem.objects.select_related("rule_set").order_by("-rule_set__valid_from", "position"),
    )
    title = dj.CharField(label=_("Tên văn bản, thông tin công khai"), max_length=10000)
    channels = dj.ModelMultipleChoiceField(
        label=_("Hình thức"), queryset=DisclosureChannel.objects.all(), widget=dj.CheckboxSelectMultiple
    )
    started_on = date_field(_("Ngày bắt đầu"))
    ended_on = date_field(_("Ngày kết thúc"))
    loudspeaker_days = dj.IntegerField(
        label=_("Số ngày liên tục trên loa"),
        required=False,
        min_value=0,
        max_value=366,
        help_text=_("Khi có phát trên hệ thống loa truyền thanh."),
    )
    place = dj.CharField(label=_("Địa điểm niêm yết"), required=False, max_length=10000)
    done_by = dj.CharField(label=_("Người, bộ phận thực hiện"), required=False, max_length=10000)
    note = dj.CharField(label=_("Ghi chú"), required=False, widget=dj.Textarea(attrs={"rows": 2}))
    attachments = MultipleFileField(
        required=False, label=_("Tệp minh chứng (ảnh niêm yết, văn bản)"), help_text=UPLOAD_HELP
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        dated(self, "started_on")  # the units of the record's day
        bind_unit_fields(self, user)


class DecisionForm(dj.Form):
    DECLARED = [("", _("— Chưa ghi —")), ("passed", _("Thông qua")), ("rejected", _("Không thông qua"))]

    place = UnitChoiceField(label=_("Thôn, tổ dân phố (hoặc toàn xã)"), purpose="democracy_places")
    matter = RuleSetChoiceField(
        label=_("Nội dung biểu quyết"),
        queryset=DecisionMatter.objects.select_related("rule_set").order_by("-rule_set__valid_from", "position"),
    )
    title = dj.CharField(label=_("Tên việc biểu quyết"), max_length=10000)
    held_on = date_field(_("Ngày biểu quyết"))
    form = dj.ChoiceField(label=_("Hình thức"), choices=CommunityDecision.Form.choices)
    basis = dj.ChoiceField(
        label=_("Tính theo"),
        choices=[("households", _("Đại diện hộ gia đình")), ("voters", _("Cử tri"))],
        help_text=_("Từ 01/07/2023 chỉ tính theo đại diện hộ gia đình."),
    )
    total = dj.IntegerField(label=_("Tổng số hộ (cử tri) của thôn hoặc xã"), min_value=0)
    present = dj.IntegerField(label=_("Số hộ (cử tri) tham gia"), min_value=0)
    votes_for = dj.IntegerField(label=_("Số tán thành"), min_value=0)
    votes_against = dj.IntegerField(label=_("Số không tán thành"), min_value=0, required=False)
    method = dj.ChoiceField(label=_("Cách biểu quyết"), choices=CommunityDecision.Method.choices)
    counting_team = dj.CharField(
        label=_("Ban kiểm phiếu"),
        required=False,
        widget=dj.Textarea(attrs={"rows": 3}),
        help_text=_("Khi bỏ phiếu kín: mỗi dòng một người, từ 3 đến 5 người."),
    )
    declared = dj.ChoiceField(
        label=_("Kết quả ghi trong biên bản"),
        choices=DECLARED,
        required=False,
        help_text=_("danvan tự tính kết quả theo quy định; nếu biên bản ghi khác, sẽ không lưu."),
    )
    chair = dj.CharField(label=_("Người chủ trì"), max_length=10000)
    secretary = dj.CharField(label=_("Thư ký"), required=False, max_length=10000)
    minutes = dj.CharField(label=_("Tóm tắt biên bản"), required=False, widget=dj.Textarea(attrs={"rows": 3}))
    dismissal = dj.BooleanField(label=_("Là miễn nhiệm, bãi nhiệm trưởng thôn"), required=False)
    plan_on = date_field(_("Ngày có kế hoạch bầu cử"), required=False)
    team_on = date_field(_("Ngày quyết định tổ bầu cử"), required=False)
    notice_on = date_field(_("Ngày thông báo cho Nhân dân"), required=False)
    dismissal_on = date_field(
        _("Ngày miễn nhiệm trưởng thôn trước"),
        required=False,
        help_text=_("Chỉ khi bầu lại sau khi trưởng thôn bị miễn nhiệm, bãi nhiệm."),
    )
    candidates = dj.CharField(label=_("Người ứng cử"), required=False, widget=dj.Textarea(attrs={"rows": 2}))
    elected = dj.CharField(label=_("Người trúng cử"), required=False, max_length=10000)
    attachments = MultipleFileField(required=False, label=_("Biên bản, tệp kèm theo"), help_text=UPLOAD_HELP)

    ELECTION = ("plan_on", "team_on", "notice_on", "dismissal_on", "candidates", "elected")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        dated(self, "held_on")  # the units of the record's day
        bind_unit_fields(self, user)


class RecogniseForm(VersionedForm):
    version = VersionField()
    body = dj.ModelChoiceField(label=_("Cơ quan công nhận"), queryset=Body.objects.none())
    number = dj.CharField(label=_("Số quyết định"), required=False, max_length=10000)
    day = date_field(_("Ngày công nhận"))

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


class ImplementForm(VersionedForm):
    version = VersionField()
    text = dj.CharField(label=_("Kết quả tổ chức thực hiện"), widget=dj.Textarea(attrs={"rows": 3}))
    done_on = date_field(_("Ngày hoàn thành"), required=False, help_text=_("Để trống nếu đang thực hiện."))


class ConsultationEntryForm(VersionedForm):
    version = VersionField()
    unit = UnitChoiceField(label=_("Xã"), purpose="democracy_communes")
    matter = RuleSetChoiceField(
        label=_("Nội dung lấy ý kiến"),
        queryset=ConsultationMatter.objects.select_related("rule_set").order_by("-rule_set__valid_from", "position"),
    )
    title = dj.CharField(label=_("Tên dự thảo, vấn đề"), max_length=10000)
    channels = RuleSetMultipleField(
        label=_("Hình thức"),
        queryset=ConsultationChannel.objects.select_related("rule_set").order_by("-rule_set__valid_from", "position"),
        widget=dj.CheckboxSelectMultiple,
    )
    opened_on = date_field(_("Từ ngày"))
    closed_on = date_field(_("Đến ngày"))
    asked = dj.IntegerField(label=_("Số hộ, người được hỏi ý kiến"), min_value=0, required=False)
    answered = dj.IntegerField(label=_("Số ý kiến nhận được"), min_value=0, required=False)
    agree = dj.IntegerField(label=_("Tán thành"), min_value=0, required=False)
    disagree = dj.IntegerField(label=_("Không tán thành"), min_value=0, required=False)
    other = dj.IntegerField(label=_("Ý kiến khác"), min_value=0, required=False)
    response_on = date_field(_("Ngày công bố báo cáo tiếp thu, giải trình"), required=False)
    response = dj.CharField(
        label=_("Tóm tắt tiếp thu, giải trình"), required=False, widget=dj.Textarea(attrs={"rows": 3})
    )
    attachments = MultipleFileField(required=False, label=_("Dự thảo, báo cáo tiếp thu"), help_text=UPLOAD_HELP)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        dated(self, "opened_on")  # the units of the record's day
        bind_unit_fields(self, user)


class DialogueForm(VersionedForm):
    version = VersionField()
    unit = UnitChoiceField(label=_("Xã"), purpose="democracy_communes")
    title = dj.CharField(label=_("Chủ đề đối thoại"), max_length=10000)
    notice_on = date_field(_("Ngày thông báo"))
    held_on = date_field(_("Ngày đối thoại"))
    place = dj.CharField(label=_("Địa điểm"), required=False, max_length=10000)
    chair = dj.CharField(label=_("Người chủ trì"), required=False, max_length=10000)
    participants = dj.IntegerField(label=_("Số người dự"), min_value=0, required=False)
    requested = dj.BooleanField(label=_("Tổ chức theo yêu cầu của từ 10% cử tri trở lên"), required=False)
    results_on = date_field(_("Ngày công bố kết quả"), required=False)
    results = dj.CharField(label=_("Kết quả đối thoại"), required=False, widget=dj.Textarea(attrs={"rows": 3}))
    attachments = MultipleFileField(required=False, label=_("Thông báo, biên bản"), help_text=UPLOAD_HELP)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        dated(self, "held_on")  # the units of the record's day
        bind_unit_fields(self, user)


class BoardForm(dj.Form):
    ROWS = 11

    unit = UnitChoiceField(label=_("Xã"), purpose="inspection_communes")
    elected_on = date_field(_("Ngày bầu"))
    term_from = date_field(_("Nhiệm kỳ từ ngày"), required=False, help_text=_("Để trống: từ ngày bầu."))
    recognised_on = date_field(_("Ngày công nhận"), required=False)
    note = dj.CharField(label=_("Ghi chú"), required=False, widget=dj.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        dated(self, "elected_on")  # the units of the record's day
        bind_unit_fields(self, user)
        for i in range(self.ROWS):
            self.fields[f"member_{i}"] = dj.CharField(label=_("Họ và tên"), required=False, max_length=10000)
            self.fields[f"role_{i}"] = dj.ChoiceField(
                label=_("Chức danh"),
                choices=BoardMember.Role.choices,
                required=False,
                initial=BoardMember.Role.HEAD if i == 0 else BoardMember.Role.MEMBER,
            )

    def member_rows(self):
        return [(self[f"member_{i}"], self[f"role_{i}"]) for i in range(self.ROWS)]

    def members(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {"full_name": data.get(f"member_{i}"), "role": data.get(f"role_{i}")}
            for i in range(self.ROWS)
            if (data.get(f"member_{i}") or "").strip()
        ]


class InspectionForm(dj.Form):
    subject = dj.CharField(label=_("Nội dung kiểm tra, giám sát"), max_length=10000)
    inspected = dj.CharField(label=_("Đối tượng được kiểm tra"), max_length=10000)
    sent_on = date_field(
        _("Ngày gửi kế hoạch"), help_text=_("Gửi UB MTTQ, Chủ tịch UBND xã và đối tượng được kiểm tra.")
    )
    starts_on = date_field(_("Ngày bắt đầu kiểm tra"))


class InspectionResultForm(VersionedForm):
    version = VersionField()
    result_on = date_field(_("Ngày có kết quả"))
    findings = dj.CharField(label=_("Kết quả, kiến nghị"), widget=dj.Textarea(attrs={"rows": 4}))
    raise_petition = dj.BooleanField(
        label=_("Chuyển thành kiến nghị để cơ quan có thẩm quyền giải quyết"), required=False
    )


class PeriodForm(dj.Form):
    """The unit and period of a compliance view (query parameters, Vietnamese names)."""

    don_vi = UnitChoiceField(label=_("Đơn vị (xã, huyện, tỉnh)"), purpose="view", required=False)
    tu_ngay = date_field(_("Từ ngày"), required=False)
    den_ngay = date_field(_("Đến ngày"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        bind_unit_fields(self, user)
