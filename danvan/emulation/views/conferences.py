"""Screens of the praise conferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core import access, dates
from danvan.core.forms import apply_service_errors
from danvan.core.lists import list_page
from danvan.core.permissions import Cap

from .. import listings, selectors, services
from ..forms import ConferenceForm, HonourForm
from ..models import Initiative, PraiseConference, Result

# --- praise conferences ---------------------------------------------------------------------------------------


@login_required
def conference_list(request):
    context = {"can_create": access.can_somewhere(request.user, Cap.MANAGE_EMULATION)}
    return list_page(request, listings.ConferenceListing(), "emulation/conference_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def conference_create(request):
    if not access.can_somewhere(request.user, Cap.MANAGE_EMULATION):
        raise PermissionDenied
    day = dates.today()
    form = ConferenceForm(
        request.POST or None,
        user=request.user,
        initial={"held_on": day, "year_from": day.year - 4, "year_to": day.year},
    )
    if request.method == "POST" and form.is_valid():
        try:
            conference = services.conference_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã tạo hội nghị; chọn các mô hình được biểu dương."))
            return redirect("emulation:conference_detail", pk=conference.pk)
    return render(request, "emulation/simple_form.html", {"form": form, "title": _("Hội nghị biểu dương")})


def _candidates(user, conference):
    area = selectors.conference_area(conference)
    return (
        access.visible(user, Initiative)
        .filter(unit__in=area, year__gte=conference.year_from, year__lte=conference.year_to)
        .filter(result=Result.EFFECTIVE, state__in=services.RECOGNIZABLE)
        .exclude(pk__in=conference.honoured.values("pk"))
        .select_related("unit__type")
        .order_by("-year", "sort_key")
    )


@login_required
@require_http_methods(["GET", "POST"])
def conference_detail(request, pk):
    conference = access.get_for_user(request.user, PraiseConference, pk)
    can_edit = access.can(request.user, "change", conference)
    candidates = _candidates(request.user, conference)
    q = (request.GET.get("q") or "")[:200]
    if q:
        from danvan.core.search import search

        candidates = search(candidates, q)
    form = HonourForm(request.POST or None, candidates=candidates[:300] if request.method == "GET" else candidates)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                added = services.conference_honour(
                    actor=request.user, conference=conference, initiatives=form.cleaned_data["honoured"]
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Đã thêm %(n)s mô hình, điển hình được biểu dương.") % {"n": added})
                return redirect("emulation:conference_detail", pk=conference.pk)
    honoured = access.visible(request.user, Initiative, conference.honoured.select_related("unit__type", "field"))
    return render(
        request,
        "emulation/conference_detail.html",
        {
            "conference": conference,
            "honoured": honoured.order_by("field__position", "sort_key"),
            "form": form,
            "can_edit": can_edit,
            "q": q,
            "candidate_count": candidates.count() if can_edit else 0,
            "by_field": honoured.values("field__name").annotate(n=Count("id")).order_by("field__position"),
        },
    )
