"""Forms of the core screens. They only parse input; the rules live in the services."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import dates, permissions
from .models import Body, BodyType, PartyOrg, PartyOrgType, Person, Reorganization, Role, UnitType
from .permissions import Cap
from .pickers import UnitChoiceField, UnitMultipleChoiceField, bind_unit_fields
from .uploads import MAX_UPLOAD_BYTES

DATE_HELP = _("dd/mm/yyyy")
ATTACH_HELP = _("PDF, Word, Excel, ảnh; mỗi tệp tối đa %(m)s MB.") % {"m": MAX_UPLOAD_BYTES // (1024 * 1024)}


class DateInput(forms.DateInput):
    def __init__(self, **kwargs):
        super().__init__(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}, **kwargs)


def date_field(label, required=True, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        input_formats=list(dates.DATE_INPUT_FORMATS),
        error_messages={"invalid": _("Ngày không hợp lệ; nhập theo dạng dd/mm/yyyy.")},
        **kwargs,
    )


class VersionField(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)


class VersionedForm(forms.Form):
    """An edit form carries the version it was opened with; without it an edit could overwrite silently."""

    def clean_version(self):
        value = self.cleaned_data.get("version")
        if value is None and self.initial.get("version") is not None:
            raise ValidationError(_("Thiếu thông tin phiên bản của bản ghi; vui lòng tải lại trang rồi sửa lại."))
        return value


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; `clean` returns a list (empty when none was chosen)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ListUnitForm(forms.Form):
    """The unit filter of a register (its subtree included); a server-side picker at national scale."""

    don_vi = UnitChoiceField(label=_("Đơn vị (gồm trực thuộc)"), purpose="view", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        bind_unit_fields(self, user)


def apply_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError next to the fields it names (unknown names on the form top)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item.messages if hasattr(item, "messages") else item)
    else:
        form.add_error(None, error.messages)


def accounts_known_to(user):
    """Accounts an administrator may grant roles to: those with a membership in their scope, and those
    they opened themselves. A superuser sees all. No one browses the whole country's accounts."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    from .models import AuditEntry

    accounts = get_user_model().objects.filter(is_active=True).order_by("username")
    ids = permissions.scope_unit_ids(user, Cap.MANAGE_MEMBERSHIPS)
    if ids is None:
        return accounts
    opened = AuditEntry.objects.filter(
        actor=user, action="create", content_type=ContentType.objects.get_for_model(get_user_model())
    ).values_list("object_id", flat=True)
    return accounts.filter(Q(memberships__unit__in=ids) | Q(pk__in=[int(pk) for pk in opened])).distinct()


# --- Units -----------------------------------------------------------------------------------------------


class UnitCreateForm(forms.Form):
    name = forms.CharField(label=_("Tên"), max_length=10000, help_text=_("Không gồm tiền tố, ví dụ: Thiên Lộc."))
    unit_type = forms.ModelChoiceField(label=_("Loại đơn vị"), queryset=UnitType.objects.select_related("level"))
    parent = UnitChoiceField(label=_("Trực thuộc"), purpose="manage_units_parents", required=False)
    code = forms.CharField(label=_("Mã thống kê"), required=False, max_length=10000)
    valid_from = date_field(_("Hiệu lực từ ngày"))
    valid_to = date_field(_("Hiệu lực đến hết ngày"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        bind_unit_fields(self, user)


class UnitEditForm(VersionedForm):
    version = VersionField()
    name = forms.CharField(label=_("Tên"), max_length=10000)
    code = forms.CharField(label=_("Mã thống kê"), required=False, max_length=10000)
    valid_to = date_field(
        _("Hiệu lực đến hết ngày"),
        required=False,
        help_text=_("Chỉ dùng để sửa sai sót. Nhập, chia, đổi tên, nâng cấp: dùng Sự kiện sắp xếp."),
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReorganizationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại sắp xếp"), choices=Reorganization.Kind.choices)
    legal_basis = forms.CharField(
        label=_("Căn cứ pháp lý"), max_length=10000, help_text=_("Ví dụ: 819/NQ-UBTVQH14, 1665/NQ-UBTVQH15.")
    )
    effective_date = date_field(_("Ngày có hiệu lực"))
    units = UnitMultipleChoiceField(label=_("Đơn vị"), purpose="manage_units")
    into = UnitChoiceField(label=_("Đơn vị tiếp nhận"), purpose="manage_units_parents", required=False)
    new_name = forms.CharField(label=_("Tên mới"), required=False, max_length=10000)
    new_type = forms.ModelChoiceField(label=_("Loại mới"), queryset=UnitType.objects.all(), required=False)
    new_units = forms.CharField(
        label=_("Đơn vị mới (mỗi dòng một tên)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nhập: tên đơn vị mới được thành lập. Chia: các đơn vị mới, đơn vị đầu tiên kế thừa chính."),
    )
    moved = UnitMultipleChoiceField(
        label=_("Thôn, tổ dân phố chuyển sang"), purpose="manage_units_villages", required=False
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    # Which fields each kind uses, so the form shows only those (htmx re-renders on a change of kind).
    FIELDS_BY_KIND = {
        "merge": ["units", "into", "new_units", "new_type"],
        "split": ["units", "new_units", "new_type", "into", "moved"],
        "rename": ["units", "new_name"],
        "upgrade": ["units", "new_type", "new_name"],
        "boundary_change": ["units", "into", "moved"],
        "dissolve_level": ["units"],
    }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        bind_unit_fields(self, user)
        kind = self.data.get("kind") or self.initial.get("kind") or "merge"
        self.visible_for_kind = ["kind", "legal_basis", "effective_date", *self.FIELDS_BY_KIND.get(kind, []), "note"]

    def new_unit_specs(self) -> list[dict]:
        names = [line.strip() for line in self.cleaned_data.get("new_units", "").splitlines() if line.strip()]
        return [{"name": name, "type": self.cleaned_data.get("new_type")} for name in names]


# --- Organisations and people --------------------------------------------------------------------------


class PartyOrgForm(VersionedForm):
    version = VersionField()
    name = forms.CharField(label=_("Tên"), max_length=10000)
    org_type = forms.ModelChoiceField(label=_("Loại"), queryset=PartyOrgType.objects.all())
    unit = UnitChoiceField(label=_("Đơn vị hành chính"), purpose="manage_orgs")
    parent = forms.ModelChoiceField(label=_("Cấp trên"), queryset=PartyOrg.objects.none(), required=False)
    is_upper_grassroots = forms.BooleanField(
        label=_("Cấp ủy cấp trên trực tiếp của tổ chức cơ sở đảng"), required=False
    )
    valid_from = date_field(_("Hiệu lực từ ngày"))
    valid_to = date_field(_("Hiệu lực đến hết ngày"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        bind_unit_fields(self, user)
        self.fields["parent"].queryset = permissions.restrict(PartyOrg.objects.valid_on(dates.today()), user).order_by(
            "sort_key"
        )


class PartyOrgChangeForm(VersionedForm):
    """A change from a day (a rename, a move under another superior): the days before keep what it was. Only the
    fields changed from today's values are applied."""

    version = VersionField()
    day = date_field(_("Từ ngày"))
    name = forms.CharField(label=_("Tên"), max_length=10000)
    org_type = forms.ModelChoiceField(label=_("Loại"), queryset=PartyOrgType.objects.all())
    parent = forms.ModelChoiceField(label=_("Cấp trên"), queryset=PartyOrg.objects.none(), required=False)
    is_upper_grassroots = forms.BooleanField(
        label=_("Cấp ủy cấp trên trực tiếp của tổ chức cơ sở đảng"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = permissions.restrict(PartyOrg.objects.all(), user).order_by("sort_key")


class BodyForm(VersionedForm):
    version = VersionField()
    name = forms.CharField(label=_("Tên"), max_length=10000)
    body_type = forms.ModelChoiceField(label=_("Loại"), queryset=BodyType.objects.all())
    abbreviation = forms.CharField(label=_("Ký hiệu"), required=False, max_length=10000)
    unit = UnitChoiceField(label=_("Đơn vị hành chính"), purpose="manage_orgs")
    parent = forms.ModelChoiceField(label=_("Trực thuộc"), queryset=Body.objects.none(), required=False)
    email = forms.EmailField(
        label=_("Thư điện tử"), required=False, error_messages={"invalid": _("Địa chỉ thư không hợp lệ.")}
    )
    valid_from = date_field(_("Hiệu lực từ ngày"))
    valid_to = date_field(_("Hiệu lực đến hết ngày"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        bind_unit_fields(self, user)
        self.fields["parent"].queryset = permissions.restrict(Body.objects.valid_on(dates.today()), user).order_by(
            "sort_key"
        )


class PersonForm(VersionedForm):
    version = VersionField()
    full_name = forms.CharField(label=_("Họ và tên"), max_length=10000)
    gender = forms.ChoiceField(label=_("Giới tính"), choices=[("", "—"), *Person.Gender.choices], required=False)
    birth_year = forms.IntegerField(label=_("Năm sinh"), required=False, min_value=1900, max_value=2100)
    unit = UnitChoiceField(label=_("Đơn vị công tác"), purpose="manage_people")
    is_party_member = forms.BooleanField(label=_("Đảng viên"), required=False)
    committee_title = forms.CharField(label=_("Cấp ủy viên"), required=False, max_length=10000)
    phone = forms.CharField(label=_("Điện thoại"), required=False, max_length=10000)
    email = forms.EmailField(
        label=_("Thư điện tử"), required=False, error_messages={"invalid": _("Địa chỉ thư không hợp lệ.")}
    )
    is_active = forms.BooleanField(label=_("Đang công tác"), required=False, initial=True)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        bind_unit_fields(self, user)


class PositionForm(forms.Form):
    title = forms.CharField(label=_("Chức vụ"), max_length=10000)
    body = forms.ModelChoiceField(label=_("Cơ quan"), queryset=Body.objects.none(), required=False)
    unit = UnitChoiceField(
        label=_("Địa bàn"),
        purpose="manage_people_history",
        required=False,
        help_text=_("Khi chức vụ không thuộc cơ quan nào, ví dụ Trưởng thôn."),
    )
    valid_from = date_field(_("Từ ngày"))
    valid_to = date_field(_("Đến hết ngày"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Positions may be history (a post in a district body before 2025): predecessors are allowed.
        self.fields["body"].queryset = permissions.restrict(
            Body.objects.select_related("unit__type"), user, cap=Cap.MANAGE_PEOPLE
        ).order_by("sort_key")
        bind_unit_fields(self, user)


# --- Access ------------------------------------------------------------------------------------------------


class MembershipForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Tài khoản"), queryset=get_user_model().objects.filter(is_active=True))
    role = forms.ModelChoiceField(label=_("Vai trò"), queryset=Role.objects.valid_on(datetime.date.today()))
    unit = UnitChoiceField(label=_("Địa bàn"), purpose="manage_memberships")
    body = forms.ModelChoiceField(label=_("Cơ quan"), queryset=Body.objects.none(), required=False)
    valid_from = date_field(_("Từ ngày"))
    valid_to = date_field(_("Đến hết ngày"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=10000)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = accounts_known_to(user)
        self.fields["role"].queryset = Role.objects.valid_on(dates.today())
        bind_unit_fields(self, user)
        self.fields["body"].queryset = permissions.restrict(
            Body.objects.valid_on(dates.today()), user, cap=Cap.MANAGE_MEMBERSHIPS
        ).order_by("sort_key")


class MembershipEndForm(VersionedForm):
    version = VersionField()
    valid_to = date_field(_("Kết thúc vào hết ngày"))


class AccountForm(forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=10000)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=10000)
    email = forms.EmailField(
        label=_("Thư điện tử"), required=False, error_messages={"invalid": _("Địa chỉ thư không hợp lệ.")}
    )
    password = forms.CharField(label=_("Mật khẩu ban đầu"), widget=forms.PasswordInput, max_length=10000)


class ReferenceItemForm(VersionedForm):
    version = VersionField()
    code = forms.CharField(label=_("Mã"), max_length=10000)
    name = forms.CharField(label=_("Tên"), max_length=10000)
    position = forms.IntegerField(label=_("Thứ tự"), min_value=0, initial=0)
    valid_from = date_field(_("Hiệu lực từ ngày"))
    valid_to = date_field(_("Hiệu lực đến hết ngày"), required=False)
    needs_verification = forms.BooleanField(label=_("Cần xác minh với văn bản chính thức"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản này đã bị khóa."),
        "throttled": _("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)s phút."),
    }


class AttachmentForm(forms.Form):
    """Files added to an existing record (core.views.attachments)."""

    attachments = MultipleFileField(label=_("Tệp đính kèm"), help_text=ATTACH_HELP)
