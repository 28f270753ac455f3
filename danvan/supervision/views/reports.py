"""Monthly reports, the completeness and timeliness matrix, and the direction panel."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core import access, dates, permissions
from danvan.core import selectors as core_selectors
from danvan.core.exporting import xlsx_response
from danvan.core.forms import apply_service_errors
from danvan.core.permissions import Cap
from danvan.core.views.helpers import paginate, render_list, wants_export

from .. import selectors, services, statistics
from ..forms import ReasonForm, ReportCreateForm, ReportForm
from ..models import MonthlyReport, RaisedItem, Task, WorkingGroup

# --- Monthly reports ---------------------------------------------------------------------------------------


@login_required
def report_list(request):
    reports = selectors.report_list(user=request.user, status=request.GET.get("trang_thai", ""))
    if wants_export(request):
        return xlsx_response(
            "bao-cao-thang",
            _("Báo cáo tháng"),
            [_("Tháng"), _("Đoàn"), _("Tổ"), _("Xã"), _("Trạng thái"), _("Gửi lúc"), _("Hạn")],
            (
                (
                    r.period.strftime("%m/%Y"),
                    r.team.group.name,
                    r.team.name,
                    r.unit.full_name if r.unit else "",
                    r.get_status_display(),
                    r.submitted_at,
                    r.due,
                )
                for r in reports.iterator(chunk_size=2000)
            ),
        )
    page, params = paginate(request, reports)
    return render_list(
        request,
        "supervision/report_list.html",
        {
            "page": page,
            "params": params,
            "statuses": MonthlyReport.Status.choices,
            "status": request.GET.get("trang_thai", ""),
            "can_create": selectors.teams_for_attendance(user=request.user).exists(),
        },
    )


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
    can_manage = access.can(request.user, "manage", report)
    return render(
        request,
        "supervision/report_detail.html",
        {
            "report": report,
            "sections": report.sections.select_related("field"),
            "raised": report.raised.all(),
            "can_manage": can_manage,
            "can_edit": report.status in (MonthlyReport.Status.DRAFT, MonthlyReport.Status.RETURNED)
            and not report.is_locked,
            "reason_form": ReasonForm(initial={"version": report.version}),
            "history": core_selectors.audit_for(report),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, pk):
    report = access.get_for_user(request.user, MonthlyReport, pk)
    services.require_team_writer(request.user, report.team)
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


@login_required
@require_http_methods(["POST"])
def report_action(request, pk, action):
    report = access.get_for_user(request.user, MonthlyReport, pk)
    handlers = {
        "tiep-nhan": services.report_accept,
        "tra-lai": services.report_return,
        "mo-lai": services.report_reopen,
        "tong-hop": services.report_compile,
    }
    handler = handlers.get(action)
    if handler is None:
        raise Http404
    version = int(request.POST["version"]) if request.POST.get("version", "").isdigit() else None
    if version is None:  # an action always names the version it was shown, so a stale page cannot win
        messages.error(request, _("Thiếu thông tin phiên bản của báo cáo; vui lòng tải lại trang."))
        return redirect("supervision:report_detail", pk=report.pk)
    kwargs = {"reason": request.POST.get("reason", "")} if action in ("tra-lai", "mo-lai") else {}
    try:
        handler(actor=request.user, report=report, expected_version=version, **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã cập nhật báo cáo."))
    return redirect("supervision:report_detail", pk=report.pk)


@login_required
def report_matrix(request, pk):
    group = access.get_for_user(request.user, WorkingGroup, pk)
    try:
        year = int(request.GET.get("nam", dates.today().year))
    except ValueError:
        year = dates.today().year
    year = min(max(year, 1900), 2199)
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
    if wants_export(request):
        labels = statistics.STATE_LABELS
        return xlsx_response(
            f"tinh-day-du-{year}",
            _("Báo cáo tháng %(y)s") % {"y": year},
            [_("Tổ"), _("Xã"), *[m.strftime("%m/%Y") for m in matrix["months"]], _("Đầy đủ %"), _("Kịp thời %")],
            [
                (
                    r.team.name,
                    r.unit.full_name if r.unit else "",
                    *[str(labels.get(s, "")) for s, _r, _d in r.cells],
                    r.rate({statistics.ON_TIME, statistics.LATE}),
                    r.rate({statistics.ON_TIME}),
                )
                for r in matrix["rows"]
            ],
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
