"""Screens of community votes; recognition and implementation are the steps of democracy/workflow.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core import access, attachments, dates
from danvan.core.forms import apply_service_errors
from danvan.core.permissions import Cap

from .. import listings, selectors, services, statistics
from ..forms import DecisionForm, ImplementForm, RecogniseForm
from ..models import CommunityDecision, VoteRule
from ..workflow import WORKFLOW
from .common import _data, _history, _list

# --- Community decisions ------------------------------------------------------------------------------------


@login_required
def decision_list(request):
    return _list(request, listings.DecisionListing())


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request):
    if not access.can_somewhere(request.user, Cap.RECORD_DEMOCRACY):
        raise PermissionDenied
    initial = {"held_on": dates.today(), "basis": "households"}
    form = DecisionForm(request.POST or None, request.FILES or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_create(
                actor=request.user, attachments=form.cleaned_data["attachments"], **_data(form)
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            if decision.passed:
                messages.success(
                    request,
                    _("Đã ghi nhận: được thông qua (%(f)s/%(t)s %(b)s tán thành).")
                    % {"f": decision.votes_for, "t": decision.total, "b": decision.get_basis_display().lower()},
                )
            else:
                messages.warning(
                    request,
                    _("Đã ghi nhận: không được thông qua (%(f)s/%(t)s tán thành, cần %(r)s).")
                    % {"f": decision.votes_for, "t": decision.total, "r": decision.rule.threshold_label},
                )
            return redirect("democracy:decision_detail", pk=decision.pk)
    return render(
        request,
        "democracy/decision_form.html",
        {
            "form": form,
            "title": _("Ghi nhận biểu quyết của cộng đồng"),
            "back": reverse("democracy:decision_list"),
            "rules": VoteRule.objects.select_related("matter__rule_set").order_by(
                "matter__rule_set__valid_from", "matter__position", "position"
            ),
        },
    )


def _decision(request, pk) -> CommunityDecision:
    return access.get_for_user(
        request.user, CommunityDecision, pk, related=("place__type", "matter", "rule", "recognised_by")
    )


def _step_forms(d: CommunityDecision, posted: str = "", data=None) -> dict:
    """The form of each step of democracy/workflow.py, prefixed with the step's address; the `posted` one
    bound to `data`."""
    bodies = selectors.recogniser_bodies(d)

    def bound(step):
        return data if step == posted else None

    return {
        "recognise": RecogniseForm(
            bound("recognise"),
            bodies=bodies,
            initial={"version": d.version, "day": dates.today(), "body": bodies.first()},
            prefix=WORKFLOW.step("recognise").slug,
        ),
        "implement": ImplementForm(
            bound("implement"),
            initial={"version": d.version, "text": d.implementation},
            prefix=WORKFLOW.step("implement").slug,
        ),
    }


def _detail_page(request, d: CommunityDecision, forms: dict):
    user = request.user
    return render(
        request,
        "democracy/decision_detail.html",
        {
            "object": d,
            "title": d.title,
            "needed": services.needed_votes(d.rule, d.total),
            "flags": statistics.election_flags(d, d.rule_set) if d.is_election else [],
            "recognition_deadline": compliance_deadline(d),
            "steps": WORKFLOW.available(user, d),
            "recognise_form": forms["recognise"],
            "implement_form": forms["implement"],
            "attachments": attachments.panel(user, d),
            "history": _history(d),
        },
    )


@login_required
def decision_detail(request, pk):
    d = _decision(request, pk)
    return _detail_page(request, d, _step_forms(d))


# step -> the service that takes it with the form's data
STEP_HANDLERS = {
    "recognise": services.decision_recognise,
    "implement": services.decision_implement,
}


@login_required
@require_POST
def decision_step(request, pk, step):
    """One step of a decision's life (democracy/workflow.py) at its own address: 403 without the step's action,
    the refusal as a message when the decision is in another state, the form with its errors otherwise."""
    d = _decision(request, pk)
    WORKFLOW.require(request.user, d, step)
    try:
        WORKFLOW.expect(d, step)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(d)
    forms = _step_forms(d, step, request.POST)
    form = forms[step]
    if form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            STEP_HANDLERS[step](actor=request.user, decision=d, expected_version=version, **data)
        except ValidationError as error:
            apply_service_errors(form, error)
            d = _decision(request, pk)  # as stored: the refused service may have changed the instance
        else:
            messages.success(request, _("Đã lưu."))
            return redirect(d)
    return _detail_page(request, d, forms)


def compliance_deadline(d: CommunityDecision):
    if not d.passed:
        return None
    from danvan.core.workdays import add_working_days

    return add_working_days(d.held_on, d.rule_set.recognition_working_days)
