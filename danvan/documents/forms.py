"""Forms of the register: an issuer, a generation's options, a number's release."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core import selectors as core_selectors
from danvan.core.forms import date_field

from .models import Issuer, System

TEXTAREA = {"rows": 3}


class IssuerForm(forms.Form):
    body = forms.ChoiceField(label=_("Cơ quan"), help_text=_("Cơ quan (cấp ủy, UBND...) có sổ văn bản đi riêng."))
    system = forms.ChoiceField(label=_("Thể thức"), choices=System.choices)
    abbreviation = forms.CharField(label=_("Ký hiệu cơ quan trong số văn bản"), max_length=30)
    name = forms.CharField(label=_("Tên cơ quan ban hành (tiêu đề)"), max_length=200)
    upper_name = forms.CharField(label=_("Tên cơ quan cấp trên"), max_length=200, required=False)
    collective = forms.CharField(label=_("Tập thể ký thay mặt"), max_length=100, required=False)
    place = forms.CharField(label=_("Địa danh"), max_length=100)
    office = forms.CharField(label=_("Nơi lưu"), max_length=100, initial="VP")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.bodies = {str(b.pk): b for b in core_selectors.body_list(user=user)[:500]}
        self.fields["body"].choices = [("", "---"), *((pk, b.name) for pk, b in self.bodies.items())]
        for name, field in self.fields.items():
            if name in {"system", "abbreviation", "name", "upper_name", "collective", "place", "office"}:
                field.help_text = Issuer._meta.get_field(name).help_text

    def clean_body(self):
        return self.bodies[self.cleaned_data["body"]]


def period_input() -> forms.TextInput:
    """The field naming a report's period (`?month=`, `?year=`): changing it reloads the page for that period, so
    that the sections are drafted again from its figures."""
    return forms.TextInput(
        attrs={
            "hx-get": ".",
            "hx-trigger": "change",
            "hx-target": "main",
            "hx-select": "main",
            "hx-swap": "outerHTML",
            "hx-push-url": "true",
        }
    )


class DocumentForm(forms.Form):
    """The options every document has: its date, subject, signing block and recipients. A template's form adds its
    own fields and may order them with `field_order`; `build` reads them from the document's options."""

    dated = date_field(_("Ngày văn bản"))
    subject = forms.CharField(label=_("Trích yếu"), max_length=500)
    authority = forms.CharField(
        label=_("Quyền hạn ký"),
        max_length=200,
        help_text=_("Ví dụ: T/M BAN THƯỜNG VỤ; K/T BÍ THƯ; TM. ỦY BAN NHÂN DÂN."),
    )
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=200, required=False)
    signer_name = forms.CharField(label=_("Họ và tên người ký"), max_length=200, required=False)
    recipients = forms.CharField(
        label=_("Nơi nhận (mỗi dòng một nơi)"),
        widget=forms.Textarea(attrs=TEXTAREA),
        required=False,
        help_text=_("Dòng lưu được thêm cuối cùng: “Lưu VP” (Đảng), “Lưu: VT, VP” (Nhà nước)."),
    )


class FoundingDecisionForm(DocumentForm):
    bases = forms.CharField(
        label=_("Căn cứ (mỗi dòng một căn cứ)"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    decider = forms.CharField(label=_("Dòng “... QUYẾT ĐỊNH”"), max_length=200)
    duties = forms.CharField(
        label=_("Nhiệm vụ của đoàn (Điều 2)"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )

    field_order = ["dated", "subject", "bases", "decider", "duties", "authority", "signer_title", "signer_name"]


class ReleaseForm(forms.Form):
    reason = forms.CharField(label=_("Lý do hủy số"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class SequenceStartForm(forms.Form):
    """A register adopted mid-year: the last number the paper book gave for an issuer, a type and a year."""

    issuer = forms.ChoiceField(label=_("Cơ quan ban hành"))
    doc_type = forms.ChoiceField(label=_("Loại văn bản"))
    year = forms.IntegerField(label=_("Năm"), min_value=1900, max_value=2199)
    last_number = forms.IntegerField(
        label=_("Số cuối đã cấp ngoài hệ thống"),
        min_value=1,
        help_text=_("Số tiếp theo trên hệ thống sẽ là số này cộng 1."),
    )
    reason = forms.CharField(
        label=_("Lý do"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ví dụ: đến số 44 cấp trên sổ giấy trước khi dùng phần mềm."),
    )

    def __init__(self, *args, issuers, types, **kwargs):
        super().__init__(*args, **kwargs)
        self.issuers = {str(i.pk): i for i in issuers}
        self.types = {t.code: t for t in types}
        self.fields["issuer"].choices = [("", "---"), *((pk, str(i)) for pk, i in self.issuers.items())]
        self.fields["doc_type"].choices = [
            ("", "---"),
            *((c, f"{t.name} ({t.abbreviation})") for c, t in self.types.items()),
        ]

    def clean_issuer(self):
        return self.issuers[self.cleaned_data["issuer"]]

    def clean_doc_type(self):
        return self.types[self.cleaned_data["doc_type"]]
