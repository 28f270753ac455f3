"""Field activities and the items raised by the teams."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core import dates, permissions
from danvan.core.exporting import xlsx_response
from danvan.core.forms import apply_service_errors
from danvan.core.views.helpers import paginate, render_list, wants_export

from .. import selectors, services
from ..forms import ActivityForm
from ..models import Activity, RaisedItem

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
        request.POST or None, request.FILES or None, user=request.user, teams=teams, initial={"held_on": dates.today()}
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
