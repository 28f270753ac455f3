"""Cell-meeting attendance and the quarterly coverage."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core import access, dates, exporting
from danvan.core.forms import apply_service_errors
from danvan.core.lists import list_page
from danvan.core.permissions import Cap
from danvan.core.text import roman

from .. import listings, selectors, services, statistics
from ..forms import AttendanceForm
from ..models import WorkingGroup
from .common import _parse_quarter, _quarter_label, _quarter_of, with_params


@login_required
def coverage(request, pk):
    group = access.get_for_user(request.user, WorkingGroup, pk)
    if exporting.wants_export(request):
        return exporting.respond(with_params(request, doan=group.pk), listings.CoverageExport())
    year, quarter = _parse_quarter(request.GET.get("quy"))
    rows = statistics.coverage(group=group, year=year, quarter=quarter)
    start, end = selectors.quarter_bounds(year, quarter)
    previous = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    following = (year, quarter + 1) if quarter < 4 else (year + 1, 1)
    return render(
        request,
        "supervision/coverage.html",
        {
            "group": group,
            "rows": rows,
            "year": year,
            "quarter": quarter,
            "start": start,
            "end": end,
            "as_of": statistics.coverage_day(group, year, quarter),
            "previous": _quarter_label(*previous),
            "following": _quarter_label(*following),
            "totals": _totals(rows),
        },
    )


def _totals(rows):
    cells = sum(len(c.cells) for _, communes in rows for c in communes)
    attended = sum(c.attended_cells for _, communes in rows for c in communes)
    return {
        "cells": cells,
        "attended": attended,
        "missing": cells - attended,
        "percent": round(100 * attended / cells) if cells else None,
    }


@login_required
def attendance_list(request):
    context = {"can_create": access.can_somewhere(request.user, Cap.RECORD_ATTENDANCE)}
    return list_page(request, listings.AttendanceListing(), "supervision/attendance_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def attendance_create(request):
    teams = selectors.teams_for_attendance(user=request.user)
    if not access.can_somewhere(request.user, Cap.RECORD_ATTENDANCE) or not teams.exists():
        raise PermissionDenied
    form = AttendanceForm(request.POST or None, user=request.user, teams=teams, initial={"held_on": dates.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận dự sinh hoạt chi bộ."))
            return redirect("supervision:attendance_list")
    return render(request, "supervision/form.html", {"form": form, "title": _("Ghi nhận dự sinh hoạt chi bộ")})


def coverage_panel(request):
    """Dashboard: cells of this quarter not yet attended, per group the user can see."""
    groups = list(selectors.group_list(user=request.user).filter(valid_to__isnull=True)[:3])
    if not groups:
        return None
    year, quarter = _quarter_of(dates.today())
    summary = [(group, _totals(statistics.coverage(group=group, year=year, quarter=quarter))) for group in groups]
    return {
        "title": _("Dự sinh hoạt chi bộ quý %(q)s/%(y)s") % {"q": roman(quarter), "y": year},
        "template": "supervision/panels/coverage.html",
        "summary": summary,
        "quarter": f"{year}-Q{quarter}",
    }
