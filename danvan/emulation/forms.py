"""Forms of the "Dân vận khéo" screens. They only parse input; the rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core import access, dates, permissions
from danvan.core.forms import ATTACH_HELP, MultipleFileField, VersionedForm, VersionField, date_field
from danvan.core.models import Body, PartyOrg, UnitLevel
from danvan.core.permissions import Cap
from danvan.core.pickers import UnitChoiceField, bind_unit_fields, dated, register, writable_units

from . import selectors
from .models import REGISTRATION_ITEMS, Award, AwardForm, CriteriaSheet, Field, Initiative, Kind, Result, SubjectType

register("emulation_register", lambda user: writable_units(user, Cap.REGISTER_INITIATIVES, level__rank__gte=1))
register("emulation_manage", lambda user: writable_units(user, Cap.MANAGE_EMULATION, level__rank__lt=4))

MAX_LINK_OPTIONS = 300


class LinkField(forms.ModelChoiceField):
    """An earlier initiative to link to: a list while there are few, else its number (shown on its page)."""

    def label_from_instance(self, obj: Initiative) -> str:
        return f"{obj.name} ({obj.year}) – {obj.unit.full_name}"


def _link_field(field: LinkField, queryset) -> None:
    field.queryset = queryset
    if queryset[: MAX_LINK_OPTIONS + 1].count() > MAX_LINK_OPTIONS:
        field.widget = forms.NumberInput(attrs={"min": 1})
        field.help_text = _("Nhập mã số của mô hình (hiện trên trang chi tiết của mô hình).")


class InitiativeForm(VersionedForm):
    version = VersionField()
    year = forms.IntegerField(label=_("Năm đăng ký"), min_value=1990, max_value=2199)
    name = forms.CharField(label=_("Tên mô hình, điển hình"), max_length=300)
    kind = forms.ChoiceField(label=_("Loại"), choices=Kind.choices)
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Field.objects.none())
    unit = UnitChoiceField(label=_("Địa bàn đăng ký"), purpose="emulation_register")
    body = forms.ModelChoiceField(
        label=_("Cơ quan, đoàn thể đăng ký"),
        queryset=Body.objects.none(),
        required=False,
        help_text=_("Khi cơ quan, đoàn thể của địa bàn đăng ký (ví dụ Hội Nông dân)."),
    )
    party_org = forms.ModelChoiceField(
        label=_("Tổ chức đảng đăng ký"),
        queryset=PartyOrg.objects.none(),
        required=False,
        help_text=_("Khi chi bộ, đảng bộ đăng ký."),
    )
    subject_type = forms.ModelChoiceField(label=_("Loại chủ thể"), queryset=SubjectType.objects.none())
    level = forms.ModelChoiceField(label=_("Cấp quản lý"), queryset=UnitLevel.objects.none())
    situation = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    objectives = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    method = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    area = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    forces = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    resources = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    timeline = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    outputs = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    sustainability = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    leader = forms.CharField(label=_("Người phụ trách"), required=False, max_length=200)
    leader_phone = forms.CharField(label=_("Điện thoại người phụ trách"), required=False, max_length=30)
    registered_on = date_field(_("Ngày đăng ký"))
    launched_on = date_field(_("Ngày ra mắt (dự kiến)"), required=False)
    continues = LinkField(
        label=_("Tiếp tục mô hình năm trước"),
        queryset=Initiative.objects.none(),
        required=False,
        help_text=_("Mô hình đã đăng ký năm trước, nay đăng ký tiếp tục thực hiện."),
    )
    replicates = LinkField(
        label=_("Nhân rộng từ mô hình"),
        queryset=Initiative.objects.none(),
        required=False,
        help_text=_("Mô hình hiệu quả ở nơi khác mà mô hình này học tập, nhân rộng."),
    )
    attachments = MultipleFileField(label=_("Tệp đính kèm"), required=False, help_text=ATTACH_HELP)

    ITEMS = [name for name, _label in REGISTRATION_ITEMS]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in REGISTRATION_ITEMS:
            self.fields[name].label = label
            self.fields[name].max_length = None  # the service reports overlong text with its count
        dated(self, "registered_on")  # the units of the record's day
        bind_unit_fields(self, user)
        day = dates.today()
        year = self.data.get("year") or self.initial.get("year") or day.year
        try:
            year = int(year)
        except (TypeError, ValueError):
            year = day.year
        self.fields["field"].queryset = selectors.fields_for(None, year)
        self.fields["subject_type"].queryset = SubjectType.objects.valid_on(day)
        self.fields["level"].queryset = UnitLevel.objects.valid_on(day).filter(rank__gte=1).order_by("rank")
        ids = permissions.scope_unit_ids(user, Cap.REGISTER_INITIATIVES, writable=True)
        bodies = Body.objects.valid_on(day).select_related("unit__type")
        orgs = PartyOrg.objects.valid_on(day).select_related("unit__type")
        if ids is not None:
            bodies, orgs = bodies.filter(unit__in=ids), orgs.filter(unit__in=ids)
        self.fields["body"].queryset = bodies.order_by("unit__level__rank", "unit__sort_key", "sort_key")
        self.fields["party_org"].queryset = orgs.order_by("unit__level__rank", "unit__sort_key", "sort_key")
        visible = access.visible(user, Initiative).select_related("unit__type").order_by("-year", "sort_key")
        _link_field(self.fields["continues"], visible.filter(year__lt=year, year__gte=year - 3))
        _link_field(self.fields["replicates"], visible.filter(result=Result.EFFECTIVE))


class ApproveForm(VersionedForm):
    version = VersionField()
    on = date_field(_("Ngày duyệt"))


class ReturnForm(VersionedForm):
    version = VersionField()
    reason = forms.CharField(label=_("Nội dung cần bổ sung"), widget=forms.Textarea(attrs={"rows": 3}))


class LaunchForm(VersionedForm):
    version = VersionField()
    launched_on = date_field(_("Ngày ra mắt"))


class ReviewForm(VersionedForm):
    version = VersionField()
    reviewed_on = date_field(_("Ngày sơ kết"))
    note = forms.CharField(label=_("Kết quả sơ kết"), widget=forms.Textarea(attrs={"rows": 3}))


class ConcludeForm(VersionedForm):
    version = VersionField()
    result = forms.ChoiceField(label=_("Kết quả đánh giá"), choices=Result.choices, widget=forms.RadioSelect)
    evaluated_on = date_field(_("Ngày đánh giá"))
    note = forms.CharField(label=_("Nhận xét"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class EvaluationForm(forms.Form):
    """One evaluator's sheet: a score or a pass/fail choice per criterion."""

    evaluated_on = date_field(_("Ngày đánh giá"))
    evaluator_name = forms.CharField(label=_("Người đánh giá"), max_length=200, required=False)
    body = forms.ModelChoiceField(label=_("Cơ quan đánh giá"), queryset=Body.objects.none(), required=False)
    comment = forms.CharField(
        label=_("Nhận xét (đơn vị đăng ký xem được)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    internal_note = forms.CharField(
        label=_("Ghi chú nội bộ (đơn vị đăng ký không xem được)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, sheet: CriteriaSheet, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        self.fields["body"].queryset = bodies
        for criterion in sheet.criteria.all():
            name = f"c{criterion.pk}"
            if sheet.mode == CriteriaSheet.Mode.PASS_FAIL:
                self.fields[name] = forms.ChoiceField(
                    label=criterion.text,
                    choices=[("1", _("Đạt")), ("0", _("Không đạt"))],
                    widget=forms.RadioSelect,
                    required=False,
                )
            else:
                self.fields[name] = forms.DecimalField(
                    label=criterion.text,
                    required=False,
                    min_value=0,
                    max_value=criterion.max_score,
                    decimal_places=2,
                    help_text=_("Tối đa %(m)s điểm, trọng số %(w)s.")
                    % {"m": f"{criterion.max_score.normalize():f}", "w": f"{criterion.weight.normalize():f}"},
                )

    def criterion_fields(self):
        return [self[f"c{c.pk}"] for c in self.sheet.criteria.all()]

    def answers(self) -> dict:
        return {c.pk: self.cleaned_data.get(f"c{c.pk}") for c in self.sheet.criteria.all()}


class AwardEntryForm(forms.Form):
    form = forms.ModelChoiceField(label=_("Hình thức"), queryset=AwardForm.objects.all())
    recipient_kind = forms.ChoiceField(label=_("Đối tượng"), choices=Award.Recipient.choices)
    recipient = forms.CharField(label=_("Tên tập thể, cá nhân"), max_length=300)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=100, required=False)
    decided_on = date_field(_("Ngày quyết định"))
    awarding_body = forms.ModelChoiceField(label=_("Cơ quan khen thưởng"), queryset=Body.objects.none(), required=False)
    awarding_name = forms.CharField(
        label=_("Cấp khen thưởng (nếu không có trong danh sách)"), max_length=300, required=False
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["awarding_body"].queryset = bodies


class SheetForm(VersionedForm):
    version = VersionField()
    name = forms.CharField(label=_("Tên bộ tiêu chí"), max_length=300)
    unit = UnitChoiceField(label=_("Cấp ban hành"), purpose="emulation_manage")
    mode = forms.ChoiceField(label=_("Cách đánh giá"), choices=CriteriaSheet.Mode.choices, widget=forms.RadioSelect)
    kinds = forms.MultipleChoiceField(
        label=_("Áp dụng cho loại"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Không chọn: mọi loại."),
    )
    year_from = forms.IntegerField(label=_("Từ năm"), min_value=2008, max_value=2199)
    year_to = forms.IntegerField(label=_("Đến năm"), min_value=2008, max_value=2199, required=False)
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        bind_unit_fields(self, user)


class ConferenceForm(forms.Form):
    unit = UnitChoiceField(label=_("Cấp tổ chức"), purpose="emulation_manage")
    title = forms.CharField(label=_("Tên hội nghị"), max_length=300)
    held_on = date_field(_("Ngày tổ chức"))
    year_from = forms.IntegerField(label=_("Giai đoạn từ năm"), min_value=2008, max_value=2199)
    year_to = forms.IntegerField(label=_("Đến năm"), min_value=2008, max_value=2199)
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        bind_unit_fields(self, user)


class HonourForm(forms.Form):
    honoured = forms.ModelMultipleChoiceField(
        label=_("Mô hình, điển hình được biểu dương"),
        queryset=Initiative.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["honoured"].queryset = candidates
        self.fields["honoured"].label_from_instance = lambda obj: f"{obj.name} ({obj.year}) – {obj.unit.full_name}"
