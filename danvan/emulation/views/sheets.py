"""Screens of the criteria sheets."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core import access, dates, permissions
from danvan.core.forms import apply_service_errors
from danvan.core.lists import list_page
from danvan.core.permissions import Cap

from .. import listings, selectors, services
from ..forms import SheetForm
from ..models import CriteriaSheet, Result

# --- criteria sheets ------------------------------------------------------------------------------------------


@login_required
def sheet_list(request):
    context = {"can_create": access.can_somewhere(request.user, Cap.MANAGE_EMULATION)}
    return list_page(request, listings.SheetListing(), "emulation/sheet_list.html", context)


def _rows(post, prefix: str, keys: list[str]) -> list[dict]:
    columns = {k: post.getlist(f"{prefix}_{k}") for k in keys}
    count = max((len(v) for v in columns.values()), default=0)
    return [{k: (columns[k][n] if n < len(columns[k]) else "") for k in keys} for n in range(count)]


@login_required
@require_http_methods(["GET", "POST"])
def sheet_edit(request, pk=None):
    sheet = get_object_or_404(selectors.sheets_visible(request.user), pk=pk) if pk else None
    can_edit = permissions.can(request.user, Cap.MANAGE_EMULATION, sheet.unit if sheet else None)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    if sheet is None and not can_edit:
        raise PermissionDenied
    initial = {"mode": CriteriaSheet.Mode.SCORED, "year_from": dates.today().year}
    criteria = [{"text": "", "max_score": 10, "weight": 1, "required": True}] * 5
    grades = [
        {"min_total": "", "label": _("Xuất sắc"), "result": "effective"},
        {"min_total": "", "label": _("Khá"), "result": "effective"},
        {"min_total": 0, "label": _("Chưa đạt"), "result": "not_effective"},
    ]
    if sheet is not None:
        initial = {
            "version": sheet.version,
            "name": sheet.name,
            "unit": sheet.unit_id,
            "mode": sheet.mode,
            "kinds": [k for k in sheet.kinds.split(",") if k],
            "year_from": sheet.year_from,
            "year_to": sheet.year_to,
            "note": sheet.note,
        }
        criteria = list(sheet.criteria.values("text", "max_score", "weight", "required"))
        grades = list(sheet.grades.values("min_total", "label", "result"))
    form = SheetForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST":
        criteria = _rows(request.POST, "tc", ["text", "max_score", "weight", "required"])
        for row in criteria:
            row["required"] = row["required"] == "1"
        grades = _rows(request.POST, "xl", ["min_total", "label", "result"])
        if form.is_valid():
            d = form.cleaned_data
            try:
                values = {
                    "name": d["name"],
                    "unit": d["unit"],
                    "mode": d["mode"],
                    "kinds": d["kinds"],
                    "year_from": d["year_from"],
                    "year_to": d["year_to"],
                    "note": d["note"],
                    "criteria": criteria,
                    "grades": grades,
                }
                if sheet is None:
                    sheet = services.sheet_create(actor=request.user, **values)
                else:
                    sheet = services.sheet_update(
                        actor=request.user, sheet=sheet, expected_version=d.get("version"), **values
                    )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Đã lưu bộ tiêu chí “%(n)s”.") % {"n": sheet.name})
                return redirect("emulation:sheet_list")
    criteria = criteria + [{"text": "", "max_score": 10, "weight": 1, "required": True}] * 2
    return render(
        request,
        "emulation/sheet_form.html",
        {
            "form": form,
            "sheet": sheet,
            "criteria": criteria,
            "grades": grades + [{"min_total": "", "label": "", "result": ""}],
            "results": Result.choices,
            "can_edit": can_edit,
            "criteria_error": form.errors.get("criteria") if hasattr(form, "errors") else None,
        },
    )
