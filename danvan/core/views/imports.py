"""Importing Party organisations, bodies and people from CSV/Excel: upload (checked by the worker), the
difference and the problems, confirm, progress, and the template of each layout; and the official unit list
(the packaged lists or a file in the official layout), the same way."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from .. import access, dates
from ..forms import apply_service_errors, date_field
from ..imports.org_job import org_import_confirm, org_import_start, progress_of
from ..imports.org_layouts import KINDS, LAYOUTS
from ..imports.org_template import XLSX_CONTENT_TYPE, file_name, template_workbook
from ..imports.unit_job import unit_import_confirm, unit_import_start
from ..imports.units import may_import as may_import_units
from ..models import OrgImportJob
from ..permissions import Cap
from ..pickers import UnitChoiceField, bind_unit_fields


class OrgImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Loại dữ liệu"),
        choices=[c for c in OrgImportJob.Kind.choices if c[0] != OrgImportJob.Kind.UNITS],
    )
    scope = UnitChoiceField(
        label=gettext_lazy("Phạm vi"),
        purpose="manage_orgs",
        help_text=gettext_lazy("Dòng thuộc đơn vị ngoài phạm vi này là lỗi."),
    )
    file = forms.FileField(label=gettext_lazy("Tệp CSV hoặc Excel (.xlsx)"))
    day = date_field(gettext_lazy("Ngày của danh sách"))
    mode = forms.ChoiceField(
        label=gettext_lazy("Cách lưu"),
        choices=OrgImportJob.Mode.choices,
        initial=OrgImportJob.Mode.ALL,
    )
    full_list = forms.BooleanField(
        label=gettext_lazy("Tệp là danh sách đầy đủ của phạm vi"),
        required=False,
        help_text=gettext_lazy(
            "Những bản ghi của phạm vi không có trong tệp sẽ kết thúc vào ngày trước ngày của danh sách."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        bind_unit_fields(self, user)
        if not self.is_bound:  # the user's own unit (the highest they manage) by default
            self.initial.setdefault("scope", self.fields["scope"].queryset.order_by("level__rank", "pk").first())


def _may_open(user) -> None:
    if not (access.can_somewhere(user, Cap.MANAGE_ORGS) or access.can_somewhere(user, Cap.MANAGE_UNITS)):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def org_import(request):
    _may_open(request.user)
    form = OrgImportForm(request.POST or None, request.FILES or None, user=request.user, initial={"day": dates.today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = org_import_start(
                actor=request.user,
                kind=data["kind"],
                scope=data["scope"],
                upload=data["file"],
                mode=data["mode"],
                full_list=data["full_list"],
                day=data["day"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return redirect("core:org_import_job", pk=job.pk)
    recent = (
        access.visible(request.user, OrgImportJob)
        .exclude(kind=OrgImportJob.Kind.UNITS)
        .select_related("scope")
        .order_by("-created_at", "-id")[:10]
    )
    return render(
        request,
        "core/org_import.html",
        {"form": form, "recent": recent, "layouts": [(kind, OrgImportJob.Kind(kind).label) for kind in KINDS]},
    )


@login_required
def org_import_job(request, pk):
    job = progress_of(access.get_for_user(request.user, OrgImportJob, pk, related=("scope",)))
    if job.kind == OrgImportJob.Kind.UNITS:
        raise Http404
    template = "core/_org_import_progress.html" if request.htmx else "core/org_import_job.html"
    return render(request, template, {"job": job})


@login_required
@require_POST
def org_import_confirm_view(request, pk):
    job = access.get_for_user(request.user, OrgImportJob, pk)
    if job.kind == OrgImportJob.Kind.UNITS:
        raise Http404
    try:
        org_import_confirm(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("core:org_import_job", pk=job.pk)


@login_required
def org_import_template(request, kind):
    _may_open(request.user)
    if kind not in LAYOUTS:
        raise Http404
    response = HttpResponse(template_workbook(kind), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{file_name(kind)}"'
    return response


# --- the official unit list ---------------------------------------------------------------------------------


class UnitImportForm(forms.Form):
    PACKAGE, FILE = "package", "file"
    source = forms.ChoiceField(
        label=gettext_lazy("Nguồn"),
        choices=[
            (PACKAGE, gettext_lazy("Danh mục đóng gói (trước và sau 01/7/2025, phương án sắp xếp năm 2025)")),
            (FILE, gettext_lazy("Tệp CSV hoặc Excel (.xlsx) theo mẫu xuất của Tổng cục Thống kê")),
        ],
        initial=PACKAGE,
        widget=forms.RadioSelect,
    )
    province = forms.CharField(
        label=gettext_lazy("Mã tỉnh"),
        required=False,
        max_length=3,
        help_text=gettext_lazy("Để trống: cả nước. Mã tỉnh sau 01/7/2025, ví dụ 42 là Hà Tĩnh."),
    )
    file = forms.FileField(label=gettext_lazy("Tệp danh mục"), required=False)
    day = date_field(gettext_lazy("Ngày hiệu lực của danh mục trong tệp"), required=False)
    legal_basis = forms.CharField(label=gettext_lazy("Căn cứ pháp lý"), required=False, max_length=200)

    def clean(self):
        data = super().clean()
        if data.get("source") == self.FILE:
            if not data.get("file"):
                self.add_error("file", gettext_lazy("Vui lòng chọn tệp CSV hoặc Excel (.xlsx)."))
            if not data.get("day"):
                self.add_error("day", gettext_lazy("Vui lòng nhập ngày hiệu lực."))
        return data


def _may_import_units(user) -> None:
    if not may_import_units(user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def unit_import(request):
    _may_import_units(request.user)
    form = UnitImportForm(request.POST or None, request.FILES or None, initial={"day": dates.today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        from_file = data["source"] == UnitImportForm.FILE
        try:
            job = unit_import_start(
                actor=request.user,
                upload=data["file"] if from_file else None,
                province=data["province"],
                day=data["day"] if from_file else None,
                legal_basis=data["legal_basis"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return redirect("core:unit_import_job", pk=job.pk)
    recent = (
        access.visible(request.user, OrgImportJob)
        .filter(kind=OrgImportJob.Kind.UNITS)
        .order_by("-created_at", "-id")[:10]
    )
    return render(request, "core/unit_import.html", {"form": form, "recent": recent})


def _unit_job(request, pk) -> OrgImportJob:
    _may_import_units(request.user)
    job = access.get_for_user(request.user, OrgImportJob, pk)
    if job.kind != OrgImportJob.Kind.UNITS:
        raise Http404
    return job


@login_required
def unit_import_job(request, pk):
    job = progress_of(_unit_job(request, pk))
    changes = Paginator(job.changes, 100).get_page(request.GET.get("trang"))
    template = "core/_unit_import_progress.html" if request.htmx else "core/unit_import_job.html"
    return render(request, template, {"job": job, "changes": changes})


@login_required
@require_POST
def unit_import_confirm_view(request, pk):
    job = _unit_job(request, pk)
    try:
        unit_import_confirm(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("core:unit_import_job", pk=job.pk)
