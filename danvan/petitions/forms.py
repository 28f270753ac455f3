from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core import access
from danvan.core.forms import ATTACH_HELP, MultipleFileField, VersionedForm, VersionField, date_field
from danvan.core.models import Body, CalendarDay, MonitoringField, UnitLevel
from danvan.core.permissions import Cap
from danvan.core.pickers import UnitChoiceField, bind_unit_fields, dated, register, writable_units

from .models import Petition

register(
    "petition_origin",
    lambda user: writable_units(user, Cap.RECORD_PETITIONS, level__code__in=["commune", "village"]),
)
register("petition_conference", lambda user: writable_units(user, Cap.ROUTE_PETITIONS, level__rank__lt=4))
register("petition_rules", lambda user: writable_units(user, Cap.MANAGE_ROUTING, level__rank__lt=4))


def _bodies(user):
    from .selectors import bodies_for

    return bodies_for(user)


class BodyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Body) -> str:
        return f"{obj.name} ({obj.unit.full_name})"


class PetitionForm(forms.Form):
    source = forms.ChoiceField(label=_("Nguồn"), choices=Petition.Source.choices)
    kind = forms.ChoiceField(label=_("Phân loại"), choices=Petition.Kind.choices, initial="recommendation")
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=MonitoringField.objects.all(), required=False)
    unit = UnitChoiceField(label=_("Đơn vị phát sinh (xã, thôn)"), purpose="petition_origin")
    content = forms.CharField(
        label=_("Nội dung"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("Khi gõ, các kiến nghị tương tự đang xử lý sẽ hiện ra để gộp nếu trùng."),
    )
    raised_by = forms.CharField(
        label=_("Người, tổ chức nêu"), required=False, max_length=300, help_text=_("Ví dụ: cử tri thôn Đông Thượng.")
    )
    raised_on = date_field(_("Ngày nêu"))
    received_on = date_field(_("Ngày tiếp nhận"))
    duplicate_of = forms.ModelChoiceField(
        label=_("Trùng với kiến nghị"), queryset=Petition.objects.none(), required=False, widget=forms.HiddenInput
    )
    body = BodyChoiceField(
        label=_("Cơ quan giải quyết"),
        queryset=Body.objects.none(),
        required=False,
        help_text=_("Đề xuất theo quy tắc chuyển xử lý; để trống nếu chưa chuyển ngay."),
    )
    due_on = date_field(_("Hạn xử lý"), required=False, help_text=_("Để trống: tính theo thời hạn quy định."))
    attachments = MultipleFileField(label=_("Tệp đính kèm"), required=False, help_text=ATTACH_HELP)

    def __init__(self, *args, user, can_route: bool, **kwargs):
        super().__init__(*args, **kwargs)
        dated(self, "raised_on")  # the units of the record's day
        bind_unit_fields(self, user)
        self.fields["duplicate_of"].queryset = access.visible(user, Petition)
        if can_route:
            self.fields["body"].queryset = _bodies(user)
        else:
            del self.fields["body"]
            del self.fields["due_on"]


class RouteForm(VersionedForm):
    version = VersionField()
    body = BodyChoiceField(label=_("Cơ quan giải quyết"), queryset=Body.objects.none())
    due_on = date_field(_("Hạn xử lý"), required=False, help_text=_("Để trống: tính theo thời hạn quy định."))
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = _bodies(user)


class ClassifyForm(VersionedForm):
    version = VersionField()
    kind = forms.ChoiceField(label=_("Phân loại"), choices=Petition.Kind.choices)
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=MonitoringField.objects.all(), required=False)


class TransferForm(VersionedForm):
    MODES = [
        ("transfer", _("Chuyển cơ quan khác")),
        ("down", _("Giao cơ sở tự giải quyết")),
        ("up", _("Chuyển cấp trên")),
    ]
    version = VersionField()
    mode = forms.ChoiceField(label=_("Hình thức"), choices=MODES)
    body = BodyChoiceField(label=_("Chuyển đến"), queryset=Body.objects.none())
    restart_clock = forms.BooleanField(label=_("Tính lại hạn từ hôm nay theo thời hạn của cơ quan mới"), required=False)
    note = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = _bodies(user)


class TextForm(VersionedForm):
    version = VersionField()
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 5}), required=False)


class AnswerForm(TextForm):
    not_competent = forms.BooleanField(label=_("Không thuộc thẩm quyền, đã hướng dẫn"), required=False)


class VerdictForm(VersionedForm):
    version = VersionField()
    agree = forms.TypedChoiceField(
        label=_("Ý kiến của cơ sở"),
        choices=[("1", _("Đồng ý")), ("0", _("Chưa đồng ý"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Ghi chú, lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DueForm(VersionedForm):
    version = VersionField()
    due_on = date_field(_("Hạn xử lý mới"))
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))


def _area(rows: int = 3):
    return forms.Textarea(attrs={"rows": rows})


class ConferenceRecordFields(forms.Form):
    """What is recorded of a conference: the fields of services.conferences.RECORD_FIELDS."""

    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    chair = forms.CharField(label=_("Chủ trì"), max_length=300, required=False)
    agenda = forms.CharField(label=_("Chương trình (mỗi dòng một nội dung)"), required=False, widget=_area(3))
    participants = forms.CharField(label=_("Thành phần"), required=False, widget=_area(2))
    absentees = forms.CharField(label=_("Vắng mặt (lý do)"), required=False, widget=_area(2))
    opinions = forms.CharField(
        label=_("Ý kiến phát biểu (mỗi đoạn một ý kiến)"), required=False, widget=_area(6), max_length=20000
    )
    conclusion = forms.CharField(label=_("Kết luận"), required=False, widget=_area(6), max_length=10000)


class ConferenceForm(ConferenceRecordFields):
    unit = UnitChoiceField(label=_("Địa bàn của cấp ủy"), purpose="petition_conference")
    title = forms.CharField(label=_("Tên hội nghị"), max_length=300)
    year = forms.IntegerField(label=_("Năm"), min_value=1900, max_value=2199)
    quarter = forms.TypedChoiceField(label=_("Quý"), choices=[(q, q) for q in range(1, 5)], coerce=int)
    held_on = date_field(_("Ngày họp"))

    field_order = ["unit", "title", "year", "quarter", "held_on", "place", "chair", "agenda", "participants"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        bind_unit_fields(self, user)


class ConferenceEditForm(VersionedForm, ConferenceRecordFields):
    version = VersionField()
    title = forms.CharField(label=_("Tên hội nghị"), max_length=300)
    held_on = date_field(_("Ngày họp"))

    field_order = ["title", "held_on", "place", "chair", "agenda", "participants", "absentees", "opinions"]


class OwnerPersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.full_name


class ConclusionTaskForm(forms.Form):
    content = forms.CharField(label=_("Nội dung nhiệm vụ"), max_length=2000, widget=_area(2))
    owner_body = BodyChoiceField(label=_("Cơ quan chủ trì"), queryset=Body.objects.none(), required=False)
    owner_person = OwnerPersonField(label=_("Người phụ trách"), queryset=Body.objects.none(), required=False)
    due_on = date_field(_("Thời hạn"))

    def __init__(self, *args, bodies, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_body"].queryset = bodies
        self.fields["owner_person"].queryset = people


class FollowUpForm(VersionedForm):
    version = VersionField()
    status = forms.ChoiceField(
        label=_("Kết quả"),
        choices=[("done", _("Đã hoàn thành")), ("not_done", _("Chưa hoàn thành"))],
        widget=forms.RadioSelect,
    )
    done_on = date_field(_("Ngày hoàn thành"), required=False)
    note = forms.CharField(label=_("Đánh giá"), required=False, max_length=2000, widget=_area(2))


class CalendarDayForm(VersionedForm):
    version = VersionField()
    day = date_field(_("Ngày"))
    kind = forms.ChoiceField(label=_("Loại"), choices=CalendarDay.Kind.choices)
    name = forms.CharField(label=_("Tên ngày"), max_length=200)
    legal_basis = forms.CharField(
        label=_("Căn cứ"), max_length=300, required=False, help_text=_("Ví dụ: Thông báo của Bộ Nội vụ.")
    )


class RoutingRuleForm(VersionedForm):
    version = VersionField()
    scope = UnitChoiceField(label=_("Áp dụng cho địa bàn"), purpose="petition_rules")
    field = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=MonitoringField.objects.all(), required=False, empty_label=_("Mọi lĩnh vực")
    )
    kind = forms.ChoiceField(
        label=_("Phân loại"), choices=[("", _("Mọi loại"))] + Petition.Kind.choices, required=False
    )
    origin_level = forms.ModelChoiceField(
        label=_("Cấp đơn vị phát sinh"),
        queryset=UnitLevel.objects.filter(code__in=["commune", "village"]),
        required=False,
        empty_label=_("Mọi cấp"),
    )
    body = BodyChoiceField(label=_("Cơ quan giải quyết"), queryset=Body.objects.none())
    valid_from = date_field(_("Hiệu lực từ ngày"))
    valid_to = date_field(_("Hiệu lực đến hết ngày"), required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        bind_unit_fields(self, user)
        self.fields["body"].queryset = _bodies(user)


class ResolutionTimeForm(forms.Form):
    thoi_han = forms.CharField(widget=forms.HiddenInput, initial="1", required=False)
    kind = forms.ChoiceField(label=_("Phân loại"), choices=Petition.Kind.choices)
    level = forms.ModelChoiceField(
        label=_("Cấp giải quyết"),
        queryset=UnitLevel.objects.filter(code__in=["central", "province", "district", "commune"]),
    )
    working_days = forms.IntegerField(label=_("Số ngày làm việc"), min_value=1, max_value=365)
    valid_from = date_field(_("Áp dụng từ ngày"))
    legal_basis = forms.CharField(label=_("Căn cứ"), max_length=300, required=False)


class AnswerTemplateForm(VersionedForm):
    mau = forms.CharField(widget=forms.HiddenInput, initial="1", required=False)
    version = VersionField()
    name = forms.CharField(label=_("Tên mẫu"), max_length=200)
    action = forms.ChoiceField(label=_("Dùng khi"))
    text = forms.CharField(
        label=_("Nội dung mẫu"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("{don_vi} và {co_quan} được thay bằng tên đơn vị phát sinh và cơ quan giải quyết."),
    )

    def __init__(self, *args, **kwargs):
        from .services import TEMPLATE_ACTIONS

        super().__init__(*args, **kwargs)
        self.fields["action"].choices = list(TEMPLATE_ACTIONS.items())
