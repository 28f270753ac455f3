"""Screens for working groups: list, set-up by decision, teams, assignments, attendance, coverage."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core import permissions
from danvan.core import selectors as core_selectors
from danvan.core.exports import xlsx_response
from danvan.core.forms import apply_service_errors
from danvan.core.permissions import Cap
from danvan.core.views.helpers import paginate, render_list, today, wants_export

from . import selectors, services
from .forms import (
    ActivityForm,
    AssignmentEndForm,
    AssignmentForm,
    AttendanceForm,
    DecisionForm,
    PlanForm,
    ReasonForm,
    ReportCreateForm,
    ReportForm,
    TaskForm,
    TeamEditForm,
    TeamForm,
    WorkingGroupForm,
)
from .models import Activity, Assignment, MonthlyReport, RaisedItem, Task, WorkPlan


def _quarter_of(day):
    return day.year, (day.month - 1) // 3 + 1


def _quarter_label(year: int, quarter: int) -> str:
    return f"{year}-Q{quarter}"


def _parse_quarter(value: str | None):
    """ "2016-Q2" -> (2016, 2); anything else -> the current quarter."""
    try:
        year, quarter = value.upper().split("-Q")
        year, quarter = int(year), int(quarter)
        if 1900 <= year <= 2199 and 1 <= quarter <= 4:
            return year, quarter
    except (AttributeError, ValueError):
        pass
    return _quarter_of(today())


@login_required
def group_list(request):
    query = request.GET.get("q", "")
    groups = selectors.group_list(user=request.user, query=query)
    if wants_export(request):
        return xlsx_response(
            "doan-cong-tac",
            _("Đoàn công tác"),
            [
                _("Tên đoàn"),
                _("Quyết định"),
                _("Ngày ban hành"),
                _("Trưởng đoàn"),
                _("Số tổ"),
                _("Từ ngày"),
                _("Đến hết ngày"),
            ],
            (
                (
                    g.name,
                    g.decision.number,
                    g.decision.issued_on,
                    g.head.full_name,
                    g.team_count,
                    g.valid_from,
                    g.valid_to,
                )
                for g in groups
            ),
        )
    page, params = paginate(request, groups)
    return render_list(
        request,
        "supervision/group_list.html",
        {
            "page": page,
            "params": params,
            "query": query,
            "can_create": Cap.MANAGE_GROUPS in permissions.caps_anywhere(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request):
    if Cap.MANAGE_GROUPS not in permissions.caps_anywhere(request.user):
        raise PermissionDenied
    form = WorkingGroupForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        initial={"issued_on": today(), "valid_from": today()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            group = services.working_group_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã thành lập %(g)s.") % {"g": group})
            return redirect("supervision:group_detail", pk=group.pk)
    return render(
        request, "supervision/form.html", {"form": form, "title": _("Thành lập đoàn công tác"), "multipart": True}
    )


@login_required
def group_detail(request, pk):
    group = selectors.group_get(user=request.user, pk=pk)
    day = today() if group.is_valid_on(today()) else (group.valid_to or group.valid_from)
    teams = group.teams.select_related("leader").prefetch_related("members").order_by("name")
    communes = selectors.group_team_communes(group, as_of=day)
    assignments = Assignment.objects.filter(team__group=group).select_related("team", "unit__type", "decision")
    assignments = assignments.order_by("team__name", "-valid_from")
    return render(
        request,
        "supervision/group_detail.html",
        {
            "group": group,
            "day": day,
            "teams": [(team, communes.get(team.pk, [])) for team in teams],
            "assignments": assignments,
            "change_decisions": group.change_decisions.order_by("issued_on"),
            "plans": group.plans.select_related("team")
            .annotate(
                task_count=Count("tasks"),
                overdue=Count("tasks", filter=Q(tasks__due_on__lt=today()) & ~Q(tasks__status=Task.Status.DONE)),
            )
            .order_by("-starts_on"),
            "quarter": _quarter_label(*_quarter_of(day)),
            "can_manage": permissions.can(request.user, Cap.MANAGE_GROUPS, group.unit),
            "history": core_selectors.audit_for(group),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def team_create(request, pk):
    group = selectors.group_get(user=request.user, pk=pk)
    permissions.require(request.user, Cap.MANAGE_GROUPS, group.unit)
    form = TeamForm(request.POST or None, user=request.user, initial={"name": f"Tổ {group.teams.count() + 1}"})
    if request.method == "POST" and form.is_valid():
        try:
            services.team_create(actor=request.user, group=group, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã thêm tổ."))
            return redirect("supervision:group_detail", pk=group.pk)
    return render(request, "supervision/form.html", {"form": form, "title": _("Thêm tổ cho %(g)s") % {"g": group}})


@login_required
@require_http_methods(["GET", "POST"])
def assignment_create(request, pk):
    team = selectors.team_get(user=request.user, pk=pk)
    permissions.require(request.user, Cap.MANAGE_GROUPS, team.group.unit)
    form = AssignmentForm(
        request.POST or None,
        user=request.user,
        group=team.group,
        initial={"valid_from": max(today(), team.group.valid_from)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_set(actor=request.user, team=team, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã phân công địa bàn cho %(t)s.") % {"t": team.name})
            return redirect("supervision:group_detail", pk=team.group_id)
    return render(
        request,
        "supervision/form.html",
        {
            "form": form,
            "title": _("Phân công địa bàn cho %(t)s") % {"t": team},
            "help": _("Nếu xã đang do tổ khác của đoàn phụ trách, phân công cũ kết thúc vào ngày trước đó."),
        },
    )


@login_required
def coverage(request, pk):
    group = selectors.group_get(user=request.user, pk=pk)
    year, quarter = _parse_quarter(request.GET.get("quy"))
    rows = selectors.coverage(group=group, year=year, quarter=quarter)
    start, end = selectors.quarter_bounds(year, quarter)
    if wants_export(request):
        data = [
            (team.name, c.commune.full_name, cell.name, attended, group.cell_visits_per_quarter)
            for team, communes in rows
            for c in communes
            for cell, attended in c.cells
        ]
        return xlsx_response(
            "bao-phu-sinh-hoat-chi-bo",
            _("Dự sinh hoạt chi bộ"),
            [_("Tổ"), _("Xã"), _("Chi bộ"), _("Số lần dự"), _("Yêu cầu")],
            data,
        )
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
    rows = selectors.attendance_list(user=request.user)
    if wants_export(request):
        return xlsx_response(
            "du-sinh-hoat-chi-bo",
            _("Dự sinh hoạt chi bộ"),
            [
                _("Ngày"),
                _("Chi bộ"),
                _("Loại"),
                _("Người dự"),
                _("Tổ"),
                _("Đoàn"),
                _("Đánh giá"),
                _("Nhận xét"),
                _("Đề xuất, kiến nghị"),
            ],
            (
                (
                    a.held_on,
                    a.cell.name,
                    a.get_kind_display(),
                    a.attendee.full_name,
                    a.team.name,
                    a.team.group.name,
                    a.get_assessment_display(),
                    a.remarks,
                    a.proposals,
                )
                for a in rows.iterator(chunk_size=2000)
            ),
        )
    page, params = paginate(request, rows)
    return render_list(
        request,
        "supervision/attendance_list.html",
        {
            "page": page,
            "params": params,
            "can_create": Cap.RECORD_ATTENDANCE in permissions.caps_anywhere(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendance_create(request):
    teams = selectors.teams_for_attendance(user=request.user)
    if Cap.RECORD_ATTENDANCE not in permissions.caps_anywhere(request.user) or not teams.exists():
        raise PermissionDenied
    form = AttendanceForm(request.POST or None, user=request.user, teams=teams, initial={"held_on": today()})
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
    year, quarter = _quarter_of(today())
    summary = [(group, _totals(selectors.coverage(group=group, year=year, quarter=quarter))) for group in groups]
    return {
        "title": _("Dự sinh hoạt chi bộ quý %(q)s/%(y)s") % {"q": quarter, "y": year},
        "template": "supervision/panels/coverage.html",
        "summary": summary,
        "quarter": f"{year}-Q{quarter}",
    }


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
        request.POST or None, user=request.user, teams=teams, initial={"period": today().replace(day=1)}
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
    report = selectors.report_get(user=request.user, pk=pk)
    can_manage = permissions.can(request.user, Cap.MANAGE_GROUPS, report.team.group.unit)
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
    report = selectors.report_get(user=request.user, pk=pk)
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
            services.report_save(
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
    report = selectors.report_get(user=request.user, pk=pk)
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
    group = selectors.group_get(user=request.user, pk=pk)
    try:
        year = int(request.GET.get("nam", today().year))
    except ValueError:
        year = today().year
    year = min(max(year, 1900), 2199)
    matrix = selectors.completeness(group=group, year=year)
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
                        "completeness": r.rate({selectors.ON_TIME, selectors.LATE}),
                        "timeliness": r.rate({selectors.ON_TIME}),
                        "cells": [s for s, _r, _d in r.cells],
                    }
                    for r in matrix["rows"]
                ],
            }
        )
    if wants_export(request):
        labels = selectors.STATE_LABELS
        return xlsx_response(
            f"tinh-day-du-{year}",
            _("Báo cáo tháng %(y)s") % {"y": year},
            [_("Tổ"), _("Xã"), *[m.strftime("%m/%Y") for m in matrix["months"]], _("Đầy đủ %"), _("Kịp thời %")],
            [
                (
                    r.team.name,
                    r.unit.full_name if r.unit else "",
                    *[str(labels.get(s, "")) for s, _r, _d in r.cells],
                    r.rate({selectors.ON_TIME, selectors.LATE}),
                    r.rate({selectors.ON_TIME}),
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
            "labels": selectors.STATE_LABELS,
            "rows": [
                (r, r.rate({selectors.ON_TIME, selectors.LATE}), r.rate({selectors.ON_TIME})) for r in matrix["rows"]
            ],
        },
    )


def direction_panel(request):
    """The standing committee's view: reports awaiting acceptance, last month's missing reports, and the
    kiến nghị the teams raised this month."""
    if Cap.MANAGE_GROUPS not in permissions.caps_anywhere(request.user):
        return None
    now = today()
    last_month = (now.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    awaiting = selectors.report_list(user=request.user, status=MonthlyReport.Status.SUBMITTED).count()
    missing = 0
    for group in selectors.group_list(user=request.user).filter(valid_to__isnull=True)[:5]:
        matrix = selectors.completeness(group=group, year=last_month.year)
        missing += sum(1 for row in matrix["rows"] if row.cells[last_month.month - 1][0] == selectors.MISSING)
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


# --- Plans and tasks ---------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request, pk):
    group = selectors.group_get(user=request.user, pk=pk)
    permissions.require(request.user, Cap.MANAGE_GROUPS, group.unit)
    year, quarter = _quarter_of(today())
    start, end = selectors.quarter_bounds(year, quarter)
    form = PlanForm(
        request.POST or None,
        group=group,
        initial={
            "starts_on": start,
            "ends_on": end,
            "title": _("Chương trình công tác quý %(q)s/%(y)s") % {"q": quarter, "y": year},
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(actor=request.user, group=group, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return redirect("supervision:plan_detail", pk=plan.pk)
    return render(request, "supervision/form.html", {"form": form, "title": _("Chương trình công tác mới")})


@login_required
@require_http_methods(["GET", "POST"])
def plan_detail(request, pk):
    plan = permissions.get_in_scope_or_404(
        WorkPlan.objects.select_related("group__unit", "team"), request.user, "group__unit", pk=pk
    )
    form = TaskForm(request.POST or None, plan=plan)
    if request.method == "POST":
        services.require_plan_writer(request.user, plan)
        if form.is_valid():
            try:
                services.task_create(actor=request.user, plan=plan, **form.cleaned_data)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Đã giao nhiệm vụ."))
                return redirect("supervision:plan_detail", pk=plan.pk)
    return render(
        request,
        "supervision/plan_detail.html",
        {
            "plan": plan,
            "form": form,
            "statuses": Task.Status.choices,
            "tasks": plan.tasks.select_related("assignee", "field"),
            "history": core_selectors.audit_for(plan),
        },
    )


@login_required
@require_http_methods(["POST"])
def task_status(request, pk):
    task = permissions.get_in_scope_or_404(
        Task.objects.select_related("plan__group__unit", "plan__team"), request.user, "plan__group__unit", pk=pk
    )
    version = int(request.POST["version"]) if request.POST.get("version", "").isdigit() else None
    if version is None:
        messages.error(request, _("Thiếu thông tin phiên bản; vui lòng tải lại trang."))
        return redirect("supervision:plan_detail", pk=task.plan_id)
    try:
        services.task_set_status(
            actor=request.user, task=task, expected_version=version, status=request.POST.get("status", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("supervision:plan_detail", pk=task.plan_id)


# --- Field activities and the items raised by the teams ---------------------------------------------------------


@login_required
def activity_list(request):
    rows = permissions.restrict(
        Activity.objects.select_related("team__group", "unit__type").prefetch_related("participants"),
        request.user,
        "team__group__unit",
    ).order_by("-held_on", "-id")
    if wants_export(request):
        return xlsx_response(
            "hoat-dong-co-so",
            _("Hoạt động tại cơ sở"),
            [_("Ngày"), _("Hình thức"), _("Nơi làm việc"), _("Tổ"), _("Thành phần"), _("Kết quả, nhận xét")],
            (
                (
                    a.held_on,
                    a.get_kind_display(),
                    a.unit.full_name,
                    a.team.name,
                    ", ".join(p.full_name for p in a.participants.all()),
                    a.findings,
                )
                for a in rows
            ),
        )
    page, params = paginate(request, rows)
    return render_list(
        request,
        "supervision/activity_list.html",
        {
            "page": page,
            "params": params,
            "can_create": selectors.teams_for_attendance(user=request.user).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request):
    teams = selectors.teams_for_attendance(user=request.user)
    if not teams.exists():
        raise PermissionDenied
    form = ActivityForm(
        request.POST or None, request.FILES or None, user=request.user, teams=teams, initial={"held_on": today()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_record(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận hoạt động."))
            return redirect("supervision:activity_list")
    return render(
        request, "supervision/form.html", {"form": form, "title": _("Ghi nhận hoạt động tại cơ sở"), "multipart": True}
    )


@login_required
def raised_list(request):
    """Kiến nghị raised by the teams, as the kiến nghị registry will take them over."""
    rows = permissions.restrict(
        RaisedItem.objects.select_related("unit__type", "team__group", "field"), request.user, "team__group__unit"
    ).order_by("-raised_on", "-id")
    if wants_export(request):
        return xlsx_response(
            "kien-nghi-tu-co-so",
            _("Kiến nghị từ cơ sở"),
            [_("Ngày nêu"), _("Phân loại"), _("Đơn vị phát sinh"), _("Nội dung"), _("Tổ nêu"), _("Nguồn")],
            (
                (
                    r.raised_on,
                    r.get_kind_display(),
                    r.unit.full_name,
                    r.content,
                    r.team.name if r.team else "",
                    _source(r),
                )
                for r in rows
            ),
        )
    page, params = paginate(request, rows)
    return render_list(request, "supervision/raised_list.html", {"page": page, "params": params})


def _source(item) -> str:
    if item.report_id:
        return str(_("Báo cáo tháng"))
    if item.activity_id:
        return str(_("Hoạt động tại cơ sở"))
    return str(_("Dự sinh hoạt chi bộ"))


# --- Changing a group ----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def decision_add(request, pk):
    group = selectors.group_get(user=request.user, pk=pk)
    permissions.require(request.user, Cap.MANAGE_GROUPS, group.unit)
    form = DecisionForm(request.POST or None, request.FILES or None, initial={"issued_on": today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_add(actor=request.user, group=group, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận quyết định điều chỉnh."))
            return redirect("supervision:group_detail", pk=group.pk)
    return render(
        request,
        "supervision/form.html",
        {"form": form, "multipart": True, "title": _("Quyết định điều chỉnh %(g)s") % {"g": group}},
    )


@login_required
@require_http_methods(["GET", "POST"])
def team_edit(request, pk):
    team = selectors.team_get(user=request.user, pk=pk)
    permissions.require(request.user, Cap.MANAGE_GROUPS, team.group.unit)
    form = TeamEditForm(
        request.POST or None,
        user=request.user,
        initial={"version": team.version, "leader": team.leader, "members": list(team.members.all())},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.team_update(
                actor=request.user,
                team=team,
                expected_version=data["version"],
                leader=data["leader"],
                members=list(data["members"]),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã cập nhật %(t)s.") % {"t": team.name})
            return redirect("supervision:group_detail", pk=team.group_id)
    return render(request, "supervision/form.html", {"form": form, "title": _("Sửa %(t)s") % {"t": team}})


@login_required
@require_http_methods(["GET", "POST"])
def assignment_end(request, pk):
    assignment = permissions.get_in_scope_or_404(
        Assignment.objects.select_related("team__group__unit", "unit__type"), request.user, "team__group__unit", pk=pk
    )
    permissions.require(request.user, Cap.MANAGE_GROUPS, assignment.team.group.unit)
    form = AssignmentEndForm(request.POST or None, initial={"valid_to": today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_end(actor=request.user, assignment=assignment, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã kết thúc phân công."))
            return redirect("supervision:group_detail", pk=assignment.team.group_id)
    return render(
        request, "supervision/form.html", {"form": form, "title": _("Kết thúc phân công: %(a)s") % {"a": assignment}}
    )
