"""Importing Party organisations, bodies and people from CSV/Excel: upload (checked by the worker), the
difference and the problems, confirm, progress, and the template of each layout."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from .. import access, dates
from ..forms import apply_service_errors, date_field
from ..imports.org_job import org_import_confirm, org_import_start, progress_of
from ..imports.org_layouts import KINDS, LAYOUTS
from ..imports.org_template import XLSX_CONTENT_TYPE, file_name, template_workbook
from ..models import OrgImportJob
from ..permissions import Cap
from ..pickers import UnitChoiceField, bind_unit_fields


class OrgImportForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Loại dữ liệu"), choices=OrgImportJob.Kind.choices)
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
    recent = access.visible(request.user, OrgImportJob).select_related("scope").order_by("-created_at", "-id")[:10]
    return render(
        request,
        "core/org_import.html",
        {"form": form, "recent": recent, "layouts": [(kind, OrgImportJob.Kind(kind).label) for kind in KINDS]},
    )


@login_required
def org_import_job(request, pk):
    job = progress_of(access.get_for_user(request.user, OrgImportJob, pk, related=("scope",)))
    template = "core/_org_import_progress.html" if request.htmx else "core/org_import_job.html"
    return render(request, template, {"job": job})


@login_required
@require_POST
def org_import_confirm_view(request, pk):
    job = access.get_for_user(request.user, OrgImportJob, pk)
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
