"""Review conferences and carry-over."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core import access, dates, permissions
from danvan.core.forms import apply_service_errors
from danvan.core.lists import list_page
from danvan.core.permissions import Cap

from .. import listings, selectors, services
from ..forms import ConferenceForm
from ..models import Petition, ReviewConference
from .common import _version

# --- conferences --------------------------------------------------------------------------------------------


@login_required
def conference_list(request):
    context = {"can_create": permissions.can(request.user, Cap.ROUTE_PETITIONS)}
    return list_page(request, listings.ConferenceListing(), "petitions/conference_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def conference_create(request):
    if not permissions.can(request.user, Cap.ROUTE_PETITIONS):
        raise PermissionDenied
    day = dates.today()
    form = ConferenceForm(
        request.POST or None,
        user=request.user,
        initial={"year": day.year, "quarter": (day.month - 1) // 3 + 1, "held_on": day},
    )
    if request.method == "POST" and form.is_valid():
        try:
            conference = services.conference_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return redirect("petitions:conference_detail", pk=conference.pk)
    return render(request, "petitions/form.html", {"form": form, "title": _("Hội nghị giao ban mới")})


@login_required
def conference_detail(request, pk):
    conference = access.get_for_user(request.user, ReviewConference, pk)
    candidates = access.visible(request.user, Petition, selectors.carry_over_candidates(conference)).select_related(
        "unit__type", "body"
    )
    carried = access.visible(request.user, Petition, conference.carried.all()).select_related("unit__type", "body")
    return render(
        request,
        "petitions/conference_detail.html",
        {
            "conference": conference,
            "candidates": candidates[:200],
            "candidate_count": candidates.count(),
            "carried": carried[:200],
            "carried_count": carried.count(),
            "raised": conference.raised.select_related("unit__type")[:200],
            "can_manage": permissions.can(request.user, Cap.ROUTE_PETITIONS, conference.unit),
        },
    )


@login_required
@require_http_methods(["POST"])
def conference_carry_over(request, pk):
    conference = access.get_for_user(request.user, ReviewConference, pk)
    try:
        count = services.conference_carry_over(
            actor=request.user, conference=conference, expected_version=_version(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã chuyển %(n)s kiến nghị tồn đọng sang kỳ sau.") % {"n": count})
    return redirect("petitions:conference_detail", pk=conference.pk)
