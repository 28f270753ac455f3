"""Field activities and the items raised by the teams."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core import access, attachments, dates
from danvan.core import selectors as core_selectors
from danvan.core.forms import apply_service_errors
from danvan.core.lists import list_page

from .. import listings, selectors, services
from ..forms import ActivityForm
from ..models import Activity

# --- Field activities and the items raised by the teams ---------------------------------------------------------


@login_required
def activity_list(request):
    context = {"can_create": selectors.teams_for_attendance(user=request.user).exists()}
    return list_page(request, listings.ActivityListing(), "supervision/activity_list.html", context)


@login_required
def activity_detail(request, pk):
    activity = access.get_for_user(request.user, Activity, pk, related=("team__group__unit", "unit__type"))
    return render(
        request,
        "supervision/activity_detail.html",
        {
            "activity": activity,
            "participants": activity.participants.select_related("unit__type").order_by("sort_key"),
            "fields": activity.fields.all(),
            "raised": activity.raised.all(),
            "files": attachments.panel(request.user, activity),
            "history": core_selectors.audit_for(activity),
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
            activity = services.activity_record(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận hoạt động."))
            return redirect(activity)
    return render(
        request, "supervision/form.html", {"form": form, "title": _("Ghi nhận hoạt động tại cơ sở"), "multipart": True}
    )


@login_required
def raised_list(request):
    """Kiến nghị raised by the teams, as the kiến nghị registry takes them over."""
    return list_page(request, listings.RaisedListing(), "supervision/raised_list.html")
