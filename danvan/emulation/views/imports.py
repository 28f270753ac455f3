"""Excel in: the registration template, the upload form and the import's progress and errors."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from danvan.core import access
from danvan.core.forms import apply_service_errors
from danvan.core.permissions import Cap

from .. import imports
from ..models import ImportJob

SHOWN_ERRORS = 500


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel đăng ký (.xlsx)"),
        help_text=gettext_lazy("Điền theo tệp mẫu; tối đa 10 MB."),
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("Cách lưu"),
        choices=ImportJob.Mode.choices,
        initial=ImportJob.Mode.ALL,
        widget=forms.RadioSelect,
    )


def _require_register(request) -> None:
    if not access.can_somewhere(request.user, Cap.REGISTER_INITIATIVES):
        raise PermissionDenied


def _job(request, pk) -> ImportJob:
    """One's own import (a superuser sees every one); anyone else's answers 404."""
    _require_register(request)
    return access.get_for_user(request.user, ImportJob, pk, related=("user",))


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request):
    _require_register(request)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if form.is_bound and form.is_valid():
        try:
            job = imports.start(actor=request.user, upload=form.cleaned_data["file"], mode=form.cleaned_data["mode"])
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return redirect("emulation:import_detail", pk=job.pk)
    recent = ImportJob.objects.filter(user=request.user).order_by("-created_at", "-id")[:10]
    return render(request, "emulation/import.html", {"form": form, "recent": recent})


@login_required
def import_template(request):
    _require_register(request)
    response = HttpResponse(imports.template_workbook(request.user), content_type=imports.XLSX_CONTENT_TYPE)
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="mau-dang-ky-dan-van-kheo-{stamp}.xlsx"'
    return response


@login_required
def import_detail(request, pk):
    job = _job(request, pk)
    errors = job.errors or []
    context = {"job": job, "errors": errors[:SHOWN_ERRORS], "error_total": len(errors), "shown": SHOWN_ERRORS}
    template = "emulation/_import_progress.html" if request.htmx else "emulation/import_detail.html"
    return render(request, template, context)


@login_required
def import_rejected(request, pk):
    job = _job(request, pk)
    if not job.rejected_file:
        raise Http404
    try:
        handle = job.rejected_file.open("rb")
    except OSError:
        raise Http404 from None
    stem = job.name.rsplit(".", 1)[0][:80] or _("nhap")
    return FileResponse(
        handle, as_attachment=True, filename=f"{stem}-dong-loi.xlsx", content_type=imports.XLSX_CONTENT_TYPE
    )
