"""Monthly reports, the completeness and timeliness matrix, and the direction panel."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core import access, dates, exporting, permissions
from danvan.core import selectors as core_selectors
from danvan.core.forms import apply_service_errors
from danvan.core.lists import list_page
from danvan.core.permissions import Cap

from .. import listings, selectors, services, statistics
from ..forms import ReportCreateForm, ReportForm
from ..models import MonthlyReport, RaisedItem, Task, WorkingGroup
from ..workflow import WORKFLOW
from .common import with_params

# --- Monthly reports ---------------------------------------------------------------------------------------


@login_required
def report_list(request):
    context = {"can_create": selectors.teams_for_attendance(user=request.user).exists()}
    return list_page(request, listings.ReportListing(), "supervision/report_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request):
    teams = selectors.teams_for_attendance(user=request.user)
    if not teams.exists():
        raise PermissionDenied
    form = ReportCreateForm(
        request.POST or None, user=request.user, teams=teams, initial={"period": dates.today().replace(day=1)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return redirect("supervision:report_edit", pk=report.pk)
    return render(request, "supervision/form.html", {"form": form, "title": _("Lập báo cáo tháng")})


@login_required
def report_detail(request, pk):
    report = access.get_for_user(request.user, MonthlyReport, pk)
    steps = WORKFLOW.available(request.user, report)
    return render(
        request,
        "supervision/report_detail.html",
        {
            "report": report,
            "sections": report.sections.select_related("field"),
            "raised": report.raised.all(),
            "a": steps,
            "can_handle": any(steps[name] for name in MANAGER_STEPS),
            "history": core_selectors.audit_for(report),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, pk):
    report = access.get_for_user(request.user, MonthlyReport, pk)
    WORKFLOW.require(request.user, report, "update")
    initial = {
        "version": report.version,
        "general_situation": report.general_situation,
        "difficulties": report.difficulties,
        "recommendations": report.recommendations,
    }
    form = ReportForm(request.POST or None, report=report, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.report_update(
                actor=request.user,
                report=report,
                expected_version=data["version"],
                general_situation=data["general_situation"],
                difficulties=data["difficulties"],
                recommendations=data["recommendations"],
                sections=form.sections(),
            )
            if "gui" in request.POST:
                services.report_submit(actor=request.user, report=report, expected_version=report.version)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã gửi báo cáo.") if "gui" in request.POST else _("Đã lưu nháp."))
            return redirect("supervision:report_detail", pk=report.pk)
    return render(request, "supervision/report_form.html", {"form": form, "report": report})


# step -> the service taking it (supervision/workflow.py); "update" is the edit page (report_edit)
STEP_HANDLERS = {
    "submit": lambda c, reason: services.report_submit(**c),
    "accept": lambda c, reason: services.report_accept(**c),
    "return": lambda c, reason: services.report_return(**c, reason=reason),
    "reopen": lambda c, reason: services.report_reopen(**c, reason=reason),
    "compile": lambda c, reason: services.report_compile(**c),
}
MANAGER_STEPS = ("accept", "return", "reopen", "compile")


@login_required
@require_http_methods(["POST"])
def report_step(request, pk, step):
    """One step of the report's life, each at its own address (supervision/workflow.py): the service checks
    who may take it and from which state; refusals come back as messages on the report's page."""
    report = access.get_for_user(request.user, MonthlyReport, pk)
    WORKFLOW.require(request.user, report, step)
    version = int(request.POST["version"]) if request.POST.get("version", "").isdigit() else None
    if version is None:  # a step always names the version it was shown, so a stale page cannot win
        messages.error(request, _("Thiếu thông tin phiên bản của báo cáo; vui lòng tải lại trang."))
        return redirect(report)
    common = {"actor": request.user, "report": report, "expected_version": version}
    try:
        STEP_HANDLERS[step](common, request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã gửi báo cáo.") if step == "submit" else _("Đã cập nhật báo cáo."))
    return redirect(report)


@login_required
def report_matrix(request, pk):
    group = access.get_for_user(request.user, WorkingGroup, pk)
    year = listings.parse_year(request.GET.get("nam"))
    if exporting.wants_export(request):
        return exporting.respond(with_params(request, doan=group.pk), listings.CompletenessExport(year))
    matrix = statistics.completeness(group=group, year=year)
    if request.GET.get("dinh_dang") == "json":
        return JsonResponse(
            {
                "group": group.name,
                "year": year,
                "total": matrix["total"],
                "months": [
                    {
                        "month": c["month"].strftime("%m/%Y"),
                        "completeness": c["completeness"],
                        "timeliness": c["timeliness"],
                    }
                    for c in matrix["columns"]
                ],
                "rows": [
                    {
                        "team": r.team.name,
                        "commune": r.unit.full_name if r.unit else None,
                        "completeness": r.rate({statistics.ON_TIME, statistics.LATE}),
                        "timeliness": r.rate({statistics.ON_TIME}),
                        "cells": [s for s, _r, _d in r.cells],
                    }
                    for r in matrix["rows"]
                ],
            }
        )
    return render(
        request,
        "supervision/report_matrix.html",
        {
            "group": group,
            "year": year,
            "matrix": matrix,
            "labels": statistics.STATE_LABELS,
            "rows": [
                (r, r.rate({statistics.ON_TIME, statistics.LATE}), r.rate({statistics.ON_TIME})) for r in matrix["rows"]
            ],
        },
    )


def direction_panel(request):
    """The standing committee's view: reports awaiting acceptance, last month's missing reports, and the
    kiến nghị the teams raised this month."""
    if not access.can_somewhere(request.user, Cap.MANAGE_GROUPS):
        return None
    now = dates.today()
    last_month = (now.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    awaiting = selectors.report_list(user=request.user, status=MonthlyReport.Status.SUBMITTED).count()
    missing = 0
    for group in selectors.group_list(user=request.user).filter(valid_to__isnull=True)[:5]:
        matrix = statistics.completeness(group=group, year=last_month.year)
        missing += sum(1 for row in matrix["rows"] if row.cells[last_month.month - 1][0] == statistics.MISSING)
    raised = permissions.restrict(
        RaisedItem.objects.filter(raised_on__gte=now.replace(day=1)), request.user, "team__group__unit"
    ).count()
    overdue = permissions.restrict(
        Task.objects.filter(due_on__lt=now).exclude(status=Task.Status.DONE), request.user, "plan__group__unit"
    ).count()
    return {
        "overdue": overdue,
        "title": _("Chỉ đạo cơ sở"),
        "template": "supervision/panels/direction.html",
        "awaiting": awaiting,
        "missing": missing,
        "last_month": last_month,
        "raised": raised,
    }
