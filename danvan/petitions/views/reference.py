"""The working-day calendar (its writes are core.services.calendar), the routing rules, time limits and answer
templates."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core import access, dates, permissions
from danvan.core.forms import apply_service_errors
from danvan.core.lists import list_page
from danvan.core.models import CalendarDay
from danvan.core.permissions import Cap
from danvan.core.services import calendar as calendar_services
from danvan.core.services.common import fmt
from danvan.core.workdays import WorkCalendar

from .. import listings, services
from ..forms import AnswerTemplateForm, CalendarDayForm, ResolutionTimeForm, RoutingRuleForm
from ..models import AnswerTemplate, ResolutionTime, RoutingRule
from .common import _int

# --- the calendar -------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def calendar(request):
    year = _int(request.GET.get("nam")) or dates.today().year
    year = min(max(year, 1900), 2199)
    can_manage = permissions.can(request.user, Cap.MANAGE_REFERENCE)  # one national calendar
    editing = None
    if _int(request.GET.get("sua")) and can_manage:
        editing = get_object_or_404(CalendarDay, pk=_int(request.GET.get("sua")))
    form = CalendarDayForm(
        request.POST or None,
        initial={
            "version": editing.version,
            "day": editing.day,
            "kind": editing.kind,
            "name": editing.name,
            "legal_basis": editing.legal_basis,
        }
        if editing
        else None,
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if "nap" in request.POST:
            try:
                count = calendar_services.calendar_import_year(actor=request.user, year=year)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Đã nạp %(n)s ngày từ thư viện holidays.") % {"n": count})
            return redirect(f"{request.path}?nam={year}")
        if "xoa" in request.POST:
            row = get_object_or_404(CalendarDay, pk=_int(request.POST.get("xoa")))
            calendar_services.calendar_day_delete(actor=request.user, row=row)
            messages.success(request, _("Đã xóa ngày %(d)s khỏi lịch.") % {"d": fmt(row.day)})
            return redirect(f"{request.path}?nam={year}")
        if form.is_valid():
            d = form.cleaned_data
            try:
                values = {"day": d["day"], "kind": d["kind"], "name": d["name"], "legal_basis": d["legal_basis"]}
                if editing is None:
                    row = calendar_services.calendar_day_create(actor=request.user, **values)
                else:
                    row = calendar_services.calendar_day_update(
                        actor=request.user, calendar_day=editing, expected_version=d["version"], **values
                    )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Đã lưu ngày %(d)s.") % {"d": fmt(row.day)})
                return redirect(f"{request.path}?nam={row.day.year}")
    days = CalendarDay.objects.filter(day__year=year)
    first, last = dates.year_span(year)
    working = WorkCalendar.load(first, last).between(first - datetime.timedelta(days=1), last)
    return render(
        request,
        "petitions/calendar.html",
        {"year": year, "days": days, "form": form, "editing": editing, "can_manage": can_manage, "working": working},
    )


# --- routing rules ------------------------------------------------------------------------------------------


@login_required
def rule_list(request):
    context = {"can_manage": permissions.can(request.user, Cap.MANAGE_ROUTING)}
    return list_page(request, listings.RoutingRuleListing(), "petitions/rule_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit(request, pk=None):
    if not permissions.can(request.user, Cap.MANAGE_ROUTING):
        raise PermissionDenied
    rule = None
    initial = {"valid_from": dates.today()}
    if pk is not None:
        rule = access.get_for_user(request.user, RoutingRule, pk, write=True)
        initial = {
            "version": rule.version,
            "scope": rule.scope_id,
            "field": rule.field_id,
            "kind": rule.kind,
            "origin_level": rule.origin_level_id,
            "body": rule.body_id,
            "valid_from": rule.valid_from,
            "valid_to": rule.valid_to,
            "note": rule.note,
        }
    form = RoutingRuleForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        version = d.pop("version")
        try:
            if rule is None:
                services.routing_rule_create(actor=request.user, **d)
            else:
                services.routing_rule_update(actor=request.user, routing_rule=rule, expected_version=version, **d)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu quy tắc chuyển xử lý."))
            return redirect("petitions:rule_list")
    title = _("Sửa quy tắc chuyển xử lý") if rule else _("Thêm quy tắc chuyển xử lý")
    return render(request, "petitions/form.html", {"form": form, "title": title})


# --- time limits and answer templates -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def reference(request):
    """Thời hạn giải quyết (by kind and level of the body, versioned by date) and the answer templates."""
    can_manage = permissions.can(request.user, Cap.MANAGE_REFERENCE)
    editing = None
    if _int(request.GET.get("mau")):
        editing = get_object_or_404(AnswerTemplate, pk=_int(request.GET.get("mau")))
    time_form = ResolutionTimeForm(
        request.POST if "thoi_han" in request.POST else None, initial={"valid_from": dates.today()}
    )
    template_form = AnswerTemplateForm(
        request.POST if "mau" in request.POST else None,
        initial={"version": editing.version, "name": editing.name, "action": editing.action, "text": editing.text}
        if editing
        else None,
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        form = time_form if "thoi_han" in request.POST else template_form
        if form.is_valid():
            d = dict(form.cleaned_data)
            d.pop("thoi_han", None)
            d.pop("mau", None)
            try:
                if form is time_form:
                    services.resolution_time_set(actor=request.user, **d)
                else:
                    version = d.pop("version")
                    if editing is None:
                        services.answer_template_create(actor=request.user, **d)
                    else:
                        services.answer_template_update(
                            actor=request.user, answer_template=editing, expected_version=version, **d
                        )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Đã lưu."))
                return redirect("petitions:reference")
    times = ResolutionTime.objects.select_related("level").order_by("level__rank", "kind", "-valid_from")
    return render(
        request,
        "petitions/reference.html",
        {
            "times": times,
            "today": dates.today(),
            "answer_templates": AnswerTemplate.objects.order_by("position", "name"),
            "time_form": time_form,
            "template_form": template_form,
            "editing": editing,
            "can_manage": can_manage,
        },
    )
