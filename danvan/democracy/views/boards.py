"""Screens of people's inspection boards and their inspections."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core import access, dates
from danvan.core.forms import apply_service_errors
from danvan.core.permissions import Cap

from .. import listings, selectors, services, statistics
from ..forms import BoardForm, InspectionForm, InspectionResultForm
from ..models import Inspection
from .common import _history, _int, _list

# --- Inspection boards --------------------------------------------------------------------------------------


@login_required
def board_list(request):
    return _list(request, listings.BoardListing(), Cap.MANAGE_INSPECTION)


@login_required
@require_http_methods(["GET", "POST"])
def board_create(request):
    if not access.can_somewhere(request.user, Cap.MANAGE_INSPECTION):
        raise PermissionDenied
    initial = {"elected_on": dates.today()}
    if _int(request.GET.get("unit")):
        initial["unit"] = _int(request.GET.get("unit"))
    form = BoardForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            board = services.board_create(
                actor=request.user,
                unit=data["unit"],
                elected_on=data["elected_on"],
                term_from=data["term_from"],
                recognised_on=data["recognised_on"],
                note=data["note"],
                members=form.members(),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận Ban Thanh tra nhân dân."))
            return redirect("democracy:board_detail", pk=board.pk)
    return render(request, "democracy/board_form.html", {"form": form, "title": _("Ban Thanh tra nhân dân mới")})


@login_required
@require_http_methods(["GET", "POST"])
def board_detail(request, pk):
    board = get_object_or_404(selectors.boards(request.user), pk=pk)
    can_manage = access.can(request.user, "change", board)
    form = InspectionForm(request.POST or None, initial={"starts_on": dates.today()})
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.inspection_create(actor=request.user, board=board, **form.cleaned_data)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Đã ghi nhận kế hoạch kiểm tra."))
                return redirect("democracy:board_detail", pk=board.pk)
    inspections = [
        (i, statistics.inspection_flag(i, board.rule_set))
        for i in board.inspections.select_related("petition").order_by("-starts_on", "-id")
    ]
    return render(
        request,
        "democracy/board_detail.html",
        {
            "board": board,
            "members": board.members.select_related("village__type"),
            "inspections": inspections,
            "form": form,
            "can_manage": can_manage,
            "history": _history(board),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def inspection_detail(request, pk):
    inspection = access.get_for_user(request.user, Inspection, pk)
    board = inspection.board
    can_manage = access.can(request.user, "change", board)
    form = InspectionResultForm(
        request.POST or None,
        initial={
            "version": inspection.version,
            "result_on": inspection.result_on or dates.today(),
            "findings": inspection.findings,
        },
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                services.inspection_result(actor=request.user, inspection=inspection, expected_version=version, **data)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                if inspection.petition_id:
                    messages.success(
                        request, _("Đã lưu kết quả và chuyển kiến nghị số %(n)s.") % {"n": inspection.petition.pk}
                    )
                else:
                    messages.success(request, _("Đã lưu kết quả kiểm tra."))
                return redirect("democracy:inspection_detail", pk=inspection.pk)
    return render(
        request,
        "democracy/inspection_detail.html",
        {
            "inspection": inspection,
            "board": board,
            "flag": statistics.inspection_flag(inspection, board.rule_set),
            "form": form,
            "can_manage": can_manage,
            "history": _history(inspection),
        },
    )
