from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core import dates, permissions
from danvan.core.forms import ATTACH_HELP, MultipleFileField, date_field
from danvan.core.models import Body, MonitoringField, PartyOrg, Person
from danvan.core.permissions import Cap
from danvan.core.pickers import UnitChoiceField, bind_unit_fields, dated, register, writable_units
from danvan.core.uploads import check_upload

from .models import Activity, CellMeetingAttendance, Decision

register("communes_for_groups", lambda user: writable_units(user, Cap.MANAGE_GROUPS, level__code="commune"))


def people_in_scope(user):
    return permissions.restrict(Person.objects.filter(is_active=True).select_related("unit__type"), user).order_by(
        "sort_key"
    )


class CheckedFiles:
    """Files refused next to their field before anything is saved (the service checks them again)."""

    def clean_attachments(self):
        uploads = self.cleaned_data.get("attachments") or []
        for upload in uploads:
            try:
                check_upload(upload)
            except ValidationError as error:
                raise forms.ValidationError(error.messages) from None
        return uploads


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.full_name} – {obj.unit.full_name}"


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.full_name} – {obj.unit.full_name}"


class WorkingGroupForm(CheckedFiles, forms.Form):
    decision_number = forms.CharField(
        label=_("Số, ký hiệu quyết định"), max_length=10000, help_text=_("Ví dụ: 45-QĐ/HU")
    )
    issued_on = date_field(_("Ngày ban hành"))
    issuer = forms.ModelChoiceField(label=_("Cơ quan ban hành"), queryset=Body.objects.none())
    signer = forms.CharField(label=_("Người ký"), required=False, max_length=10000)
    summary = forms.CharField(
        label=_("Trích yếu"),
        max_length=10000,
        initial=_("Về việc thành lập đoàn công tác chỉ đạo, kiểm tra, giám sát cơ sở"),
    )
    attachments = MultipleFileField(label=_("Tệp quyết định"), required=False, help_text=ATTACH_HELP)
    name = forms.CharField(label=_("Tên đoàn"), max_length=10000, help_text=_("Ví dụ: Đoàn công tác số 1"))
    head = PersonChoiceField(label=_("Trưởng đoàn"), queryset=Person.objects.none())
    deputies = PeopleChoiceField(label=_("Phó trưởng đoàn"), queryset=Person.objects.none(), required=False)
    valid_from = date_field(_("Hoạt động từ ngày"))
    valid_to = date_field(_("Đến hết ngày"), required=False)
    cell_visits_per_quarter = forms.IntegerField(
        label=_("Số lần dự sinh hoạt mỗi chi bộ trong quý"), initial=1, min_value=1, max_value=12
    )
    report_per_commune = forms.BooleanField(label=_("Báo cáo tháng theo từng xã"), required=False, initial=True)
    report_due_day = forms.IntegerField(label=_("Hạn gửi báo cáo tháng (ngày)"), initial=25, min_value=1, max_value=31)
    report_due_next_month = forms.BooleanField(label=_("Hạn vào tháng sau"), required=False)
    report_lock_days = forms.IntegerField(
        label=_("Khóa báo cáo sau hạn (ngày)"), initial=10, min_value=0, max_value=365
    )
    reports_visible_to_communes = forms.BooleanField(label=_("Cán bộ xã được xem báo cáo về xã mình"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        ids = permissions.scope_unit_ids(user, Cap.MANAGE_GROUPS, writable=True)
        bodies = (
            Body.objects.valid_on(dates.today())
            .filter(type__code__in=["standing_committee", "party_committee", "party_office"])
            .select_related("unit__type")
        )
        self.fields["issuer"].queryset = (bodies if ids is None else bodies.filter(unit__in=ids)).order_by("sort_key")
        self.fields["head"].queryset = self.fields["deputies"].queryset = people_in_scope(user)


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Tên tổ"), max_length=10000, help_text=_("Ví dụ: Tổ 1"))
    leader = PersonChoiceField(label=_("Tổ trưởng"), queryset=Person.objects.none())
    members = PeopleChoiceField(label=_("Thành viên"), queryset=Person.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = self.fields["members"].queryset = people_in_scope(user)


class AssignmentForm(forms.Form):
    unit = UnitChoiceField(label=_("Xã, phường, thị trấn"), purpose="communes_for_groups")
    valid_from = date_field(_("Phụ trách từ ngày"))
    decision = forms.ModelChoiceField(label=_("Theo quyết định"), queryset=Decision.objects.none(), required=False)

    def __init__(self, *args, user, group, **kwargs):
        super().__init__(*args, **kwargs)
        bind_unit_fields(self, user)
        self.fields["decision"].queryset = Decision.objects.filter(
            Q(pk=group.decision_id) | Q(changes_group=group)
        ).order_by("-issued_on")


class AttendanceForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Tổ công tác"), queryset=None)
    attendee = PersonChoiceField(label=_("Người dự"), queryset=Person.objects.none())
    cell = forms.ModelChoiceField(label=_("Chi bộ"), queryset=PartyOrg.objects.none())
    held_on = date_field(_("Ngày sinh hoạt"))
    kind = forms.ChoiceField(label=_("Loại sinh hoạt"), choices=CellMeetingAttendance.Kind.choices)
    assessment = forms.ChoiceField(
        label=_("Đánh giá buổi sinh hoạt"),
        choices=[("", "—"), *CellMeetingAttendance.Assessment.choices],
        required=False,
    )
    remarks = forms.CharField(label=_("Nhận xét"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    proposals = forms.CharField(
        label=_("Đề xuất, kiến nghị của chi bộ"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, user, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["attendee"].queryset = people_in_scope(user).filter(teams__in=teams).distinct()
        cells = PartyOrg.objects.filter(unit__level__code="village").select_related("unit__type")
        self.fields["cell"].queryset = permissions.restrict(cells, user, cap=Cap.RECORD_ATTENDANCE).order_by("sort_key")


class MonthField(forms.DateField):
    """A month typed as mm/yyyy (the first day of that month)."""

    def __init__(self, **kwargs):
        super().__init__(
            input_formats=["%m/%Y", "%m-%Y", "%Y-%m"],
            widget=forms.DateInput(format="%m/%Y", attrs={"placeholder": "mm/yyyy", "inputmode": "numeric"}),
            error_messages={"invalid": _("Tháng không hợp lệ; nhập theo dạng mm/yyyy.")},
            **kwargs,
        )


class ReportCreateForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Tổ công tác"), queryset=None)
    unit = UnitChoiceField(
        label=_("Xã"), purpose="view", required=False, help_text=_("Bỏ trống nếu đoàn báo cáo chung cho cả tổ.")
    )
    period = MonthField(label=_("Tháng báo cáo"))

    def __init__(self, *args, user, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        dated(self, "period")  # the units of the record's day
        bind_unit_fields(self, user)
        self.fields["unit"].queryset = self.fields["unit"].queryset.filter(level__code="commune")


class ReportForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    general_situation = forms.CharField(
        label=_("Tình hình chung"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        for section in report.sections.select_related("field"):
            self.fields[f"section_{section.field_id}"] = forms.CharField(
                label=section.field.name,
                required=False,
                initial=section.content,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["difficulties"] = forms.CharField(
            label=_("Khó khăn, vướng mắc"), required=False, widget=forms.Textarea(attrs={"rows": 3})
        )
        self.fields["recommendations"] = forms.CharField(
            label=_("Kiến nghị, đề xuất"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("Mỗi dòng một kiến nghị; khi gửi báo cáo, mỗi dòng được chuyển thành một kiến nghị."),
        )

    def sections(self) -> dict[int, str]:
        return {
            int(name.split("_", 1)[1]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("section_")
        }


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Tên chương trình"), max_length=10000, initial=_("Chương trình công tác quý"))
    team = forms.ModelChoiceField(
        label=_("Tổ"), queryset=None, required=False, help_text=_("Bỏ trống: chương trình chung của đoàn.")
    )
    starts_on = date_field(_("Từ ngày"))
    ends_on = date_field(_("Đến ngày"))

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = group.teams.order_by("name")


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Nhiệm vụ"), max_length=10000)
    assignee = PersonChoiceField(label=_("Người thực hiện"), queryset=Person.objects.none())
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=MonitoringField.objects.all(), required=False)
    due_on = date_field(_("Hạn hoàn thành"))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        from .selectors import group_people

        self.fields["assignee"].queryset = (
            Person.objects.filter(pk__in=group_people(plan.group, plan.team))
            .select_related("unit__type")
            .order_by("sort_key")
        )


class ActivityForm(CheckedFiles, forms.Form):
    team = forms.ModelChoiceField(label=_("Tổ công tác"), queryset=None)
    kind = forms.ChoiceField(label=_("Hình thức"), choices=Activity.Kind.choices)
    held_on = date_field(_("Ngày"))
    unit = UnitChoiceField(label=_("Nơi làm việc (xã, thôn)"), purpose="view")
    participants = PeopleChoiceField(label=_("Thành phần"), queryset=Person.objects.none())
    fields = forms.ModelMultipleChoiceField(label=_("Lĩnh vực"), queryset=MonitoringField.objects.all(), required=False)
    findings = forms.CharField(label=_("Kết quả, nhận xét"), widget=forms.Textarea(attrs={"rows": 4}))
    attachments = MultipleFileField(label=_("Tệp đính kèm"), required=False, help_text=ATTACH_HELP)
    raised = forms.CharField(
        label=_("Kiến nghị của cơ sở (mỗi dòng một kiến nghị)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, user, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        dated(self, "held_on")  # the units of the record's day
        bind_unit_fields(self, user)
        self.fields["unit"].queryset = self.fields["unit"].queryset.filter(level__code__in=["commune", "village"])
        self.fields["participants"].queryset = people_in_scope(user).filter(teams__in=teams).distinct()


class DecisionForm(CheckedFiles, forms.Form):
    decision_number = forms.CharField(label=_("Số, ký hiệu quyết định"), max_length=10000)
    issued_on = date_field(_("Ngày ban hành"))
    signer = forms.CharField(label=_("Người ký"), required=False, max_length=10000)
    summary = forms.CharField(
        label=_("Trích yếu"), max_length=10000, initial=_("Về việc điều chỉnh, kiện toàn đoàn công tác")
    )
    attachments = MultipleFileField(label=_("Tệp quyết định"), required=False, help_text=ATTACH_HELP)


class TeamEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    leader = PersonChoiceField(label=_("Tổ trưởng"), queryset=Person.objects.none())
    members = PeopleChoiceField(label=_("Thành viên"), queryset=Person.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = self.fields["members"].queryset = people_in_scope(user)


class AssignmentEndForm(forms.Form):
    valid_to = date_field(_("Phụ trách đến hết ngày"))
