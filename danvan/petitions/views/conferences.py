"""Review conferences and carry-over."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core import access, dates, permissions
from danvan.core.forms import apply_service_errors
from danvan.core.lists import list_page
from danvan.core.permissions import Cap
from danvan.core.text import roman
from danvan.documents import selectors as documents_selectors

from .. import listings, selectors, services
from ..forms import ConclusionTaskForm, ConferenceEditForm, ConferenceForm, FollowUpForm
from ..models import OFFICIAL_TITLE, ConclusionTask, Petition, ReviewConference
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
        initial={
            "year": day.year,
            "quarter": (day.month - 1) // 3 + 1,
            "held_on": day,
            "title": f"{OFFICIAL_TITLE} quý {roman((day.month - 1) // 3 + 1)}/{day.year}",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            conference = services.conference_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return redirect("petitions:conference_detail", pk=conference.pk)
    return render(
        request, "petitions/form.html", {"form": form, "title": _("Hội nghị đánh giá công tác chỉ đạo cơ sở mới")}
    )


def _detail_context(request, conference, *, task_form=None, follow_up_forms=None) -> dict:
    user = request.user
    can_manage = access.can(user, "manage", conference)
    candidates = access.visible(user, Petition, selectors.carry_over_candidates(conference)).select_related(
        "unit__type", "body"
    )
    carried = access.visible(user, Petition, conference.carried.all()).select_related("unit__type", "body")
    reviewed = list(selectors.tasks_to_follow_up(conference))
    follow_up_forms = follow_up_forms or {}
    if can_manage:
        bodies, people = selectors.task_owner_choices(conference)
        task_form = task_form or ConclusionTaskForm(bodies=bodies, people=people)
        for task in reviewed:
            here = task.here
            task.form = follow_up_forms.get(task.pk) or FollowUpForm(
                initial={
                    "version": task.version,
                    "status": "done" if here and here.done_on else ("not_done" if here else ""),
                    "done_on": here.done_on if here else None,
                    "note": here.note if here else "",
                },
                prefix=f"t{task.pk}",
            )
    return {
        "figure_links": _figure_links(conference),
        "conference": conference,
        "previous": selectors.previous_conference(conference),
        "agenda": [line.strip() for line in conference.agenda.splitlines() if line.strip()],
        "opinions": [part.strip() for part in conference.opinions.split("\n\n") if part.strip()],
        "tasks": selectors.conference_tasks(conference),
        "reviewed": reviewed,
        "task_form": task_form if can_manage else None,
        "candidates": candidates[:200],
        "candidate_count": candidates.count(),
        "carried": carried[:200],
        "carried_count": carried.count(),
        "raised": conference.raised.select_related("unit__type")[:200],
        "can_manage": can_manage,
        "documents": documents_selectors.documents_of(user=user, record=conference).order_by("-pk")[:20],
    }


def _figure_links(conference) -> list[tuple[str, str]]:
    """The statistics pages the quarterly report's figures come from, for the same area and period."""
    start = conference.quarter_start
    end = min(conference.quarter_end, conference.held_on)
    period = {"tu_ngay": start.strftime("%d/%m/%Y"), "den_ngay": end.strftime("%d/%m/%Y")}
    year = conference.year - 1 if conference.quarter == 1 else conference.year
    return [
        (_("Thống kê kiến nghị"), f"{reverse('petitions:statistics')}?{urlencode(period)}"),
        (
            _("Dân chủ ở cơ sở"),
            f"{reverse('democracy:compliance')}?{urlencode({'don_vi': conference.unit_id, **period})}",
        ),
        (
            _("“Dân vận khéo” năm %(y)s") % {"y": year},
            f"{reverse('emulation:statistics')}?{urlencode({'don_vi': conference.unit_id, 'nam': year})}",
        ),
    ]


@login_required
@require_GET
def conference_detail(request, pk):
    conference = access.get_for_user(request.user, ReviewConference, pk)
    return render(request, "petitions/conference_detail.html", _detail_context(request, conference))


@login_required
@require_http_methods(["GET", "POST"])
def conference_edit(request, pk):
    conference = access.get_for_user(request.user, ReviewConference, pk, action="manage")
    initial = {name: getattr(conference, name) for name in ("title", "held_on", *services.RECORD_FIELDS)}
    form = ConferenceEditForm(request.POST or None, initial={**initial, "version": conference.version})
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        version = values.pop("version")
        try:
            services.conference_update(actor=request.user, conference=conference, expected_version=version, **values)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu biên bản hội nghị."))
            return redirect("petitions:conference_detail", pk=conference.pk)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Biên bản hội nghị: %(t)s") % {"t": conference.title}, "object": conference},
    )


@login_required
@require_POST
def conference_task_add(request, pk):
    conference = access.get_for_user(request.user, ReviewConference, pk, action="manage")
    bodies, people = selectors.task_owner_choices(conference)
    form = ConclusionTaskForm(request.POST, bodies=bodies, people=people)
    if form.is_valid():
        try:
            services.conclusion_task_add(actor=request.user, conference=conference, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã giao nhiệm vụ theo kết luận."))
            return redirect(f"{conference.get_absolute_url()}#nhiem-vu")
    context = _detail_context(request, conference, task_form=form)
    return render(request, "petitions/conference_detail.html", context, status=400)


@login_required
@require_POST
def conference_task_follow_up(request, pk, task_pk):
    conference = access.get_for_user(request.user, ReviewConference, pk, action="manage")
    task = access.get_for_user(request.user, ConclusionTask, task_pk, action="follow_up")
    form = FollowUpForm(request.POST, prefix=f"t{task.pk}")
    if form.is_valid():
        values = dict(form.cleaned_data)
        try:
            services.conclusion_task_follow_up(
                actor=request.user,
                task=task,
                at=conference,
                status=values["status"],
                done_on=values["done_on"],
                note=values["note"],
                expected_version=values["version"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã ghi kết quả thực hiện nhiệm vụ."))
            return redirect(f"{conference.get_absolute_url()}#kiem-diem")
    context = _detail_context(request, conference, follow_up_forms={task.pk: form})
    return render(request, "petitions/conference_detail.html", context, status=400)


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
