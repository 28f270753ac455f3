"""Plans and tasks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core import access, dates
from danvan.core import selectors as core_selectors
from danvan.core.forms import apply_service_errors
from danvan.core.text import roman

from .. import selectors, services
from ..forms import PlanForm, TaskForm
from ..models import Task, WorkingGroup, WorkPlan
from .common import _quarter_of

# --- Plans and tasks ---------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request, pk):
    group = access.get_for_user(request.user, WorkingGroup, pk)
    access.require(request.user, "manage", group)
    year, quarter = _quarter_of(dates.today())
    start, end = selectors.quarter_bounds(year, quarter)
    form = PlanForm(
        request.POST or None,
        group=group,
        initial={
            "starts_on": start,
            "ends_on": end,
            "title": _("Chương trình công tác quý %(q)s/%(y)s") % {"q": roman(quarter), "y": year},
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
    plan = access.get_for_user(request.user, WorkPlan, pk, related=("group__unit", "team"))
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
    task = access.get_for_user(request.user, Task, pk, related=("plan__group__unit", "plan__team"))
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
