"""Screens of working groups: the list, set-up by decision, one group, teams, assignments, and later
changes to a group."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core import access, attachments, dates
from danvan.core import selectors as core_selectors
from danvan.core.forms import apply_service_errors
from danvan.core.lists import list_page
from danvan.core.permissions import Cap
from danvan.documents import selectors as documents_selectors

from .. import listings, selectors, services
from ..forms import AssignmentEndForm, AssignmentForm, DecisionForm, TeamEditForm, TeamForm, WorkingGroupForm
from ..models import Assignment, Task, Team, WorkingGroup
from .common import _quarter_label, _quarter_of


@login_required
def group_list(request):
    context = {"can_create": access.can_somewhere(request.user, Cap.MANAGE_GROUPS)}
    return list_page(request, listings.GroupListing(), "supervision/group_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request):
    if not access.can_somewhere(request.user, Cap.MANAGE_GROUPS):
        raise PermissionDenied
    form = WorkingGroupForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        initial={"issued_on": dates.today(), "valid_from": dates.today()},
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
    group = access.get_for_user(request.user, WorkingGroup, pk)
    day = dates.today() if group.is_valid_on(dates.today()) else (group.valid_to or group.valid_from)
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
            "decision_files": attachments.panel(request.user, group.decision),
            "documents": documents_selectors.documents_of(user=request.user, record=group).order_by("-pk")[:20],
            "change_decisions": [
                (d, attachments.panel(request.user, d)) for d in group.change_decisions.order_by("issued_on")
            ],
            "plans": group.plans.select_related("team")
            .annotate(
                task_count=Count("tasks"),
                overdue=Count("tasks", filter=Q(tasks__due_on__lt=dates.today()) & ~Q(tasks__status=Task.Status.DONE)),
            )
            .order_by("-starts_on"),
            "quarter": _quarter_label(*_quarter_of(day)),
            "can_manage": access.can(request.user, "manage", group),
            "history": core_selectors.audit_for(group),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def team_create(request, pk):
    group = access.get_for_user(request.user, WorkingGroup, pk)
    access.require(request.user, "manage", group)
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
    team = access.get_for_user(request.user, Team, pk)
    access.require(request.user, "manage", team)
    form = AssignmentForm(
        request.POST or None,
        user=request.user,
        group=team.group,
        initial={"valid_from": max(dates.today(), team.group.valid_from)},
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


# --- Changing a group ----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def decision_add(request, pk):
    group = access.get_for_user(request.user, WorkingGroup, pk)
    access.require(request.user, "manage", group)
    form = DecisionForm(request.POST or None, request.FILES or None, initial={"issued_on": dates.today()})
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
    team = access.get_for_user(request.user, Team, pk)
    access.require(request.user, "manage", team)
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
    assignment = access.get_for_user(request.user, Assignment, pk, action="manage")
    form = AssignmentEndForm(request.POST or None, initial={"valid_to": dates.today()})
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
