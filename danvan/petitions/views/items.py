"""The list, intake, one item with its actions and files (core.attachments), and the dashboard panel."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core import access, attachments, dates, permissions
from danvan.core import selectors as core_selectors
from danvan.core.forms import apply_service_errors
from danvan.core.lists import list_page
from danvan.core.models import Unit
from danvan.core.permissions import Cap

from .. import listings, selectors, services
from ..forms import (
    AnswerForm,
    ClassifyForm,
    DueForm,
    PetitionForm,
    RouteForm,
    TextForm,
    TransferForm,
    VerdictForm,
)
from ..models import AnswerTemplate, Petition
from ..workflow import WORKFLOW
from .common import _int, _version


@login_required
def petition_list(request):
    context = {"today": dates.today(), "can_create": access.can_somewhere(request.user, Cap.RECORD_PETITIONS)}
    return list_page(request, listings.PetitionListing(), "petitions/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def petition_create(request):
    if not access.can_somewhere(request.user, Cap.RECORD_PETITIONS):
        raise PermissionDenied
    can_route = permissions.can(request.user, Cap.ROUTE_PETITIONS)
    initial = {"received_on": dates.today(), "raised_on": dates.today(), "source": request.GET.get("nguon") or "voter"}
    form = PetitionForm(
        request.POST or None, request.FILES or None, user=request.user, can_route=can_route, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            petition = services.petition_create(actor=request.user, **data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã tiếp nhận kiến nghị số %(c)s.") % {"c": petition.code})
            if "them_nua" in request.POST:
                return redirect("petitions:create")
            return redirect("petitions:detail", pk=petition.pk)
    return render(request, "petitions/create.html", {"form": form, "can_route": can_route})


@login_required
def similar(request):
    """htmx: open items like the one being typed (same commune or field), to link as duplicates."""
    unit = None
    if _int(request.GET.get("unit")):
        unit = permissions.restrict(
            Unit.objects.select_related("level").filter(pk=_int(request.GET.get("unit"))), request.user, "pk"
        ).first()
    found = selectors.similar_open(
        user=request.user,
        content=(request.GET.get("content") or "")[:5000],
        unit=unit,
        field_id=_int(request.GET.get("field")),
        exclude=_int(request.GET.get("exclude")),
    )
    return render(request, "petitions/_similar.html", {"found": found, "chosen": _int(request.GET.get("duplicate_of"))})


@login_required
def propose(request):
    """htmx: the body the routing rules propose for the unit, field and kind chosen in the intake form."""
    unit = None
    if _int(request.GET.get("unit")):
        unit = permissions.restrict(
            Unit.objects.select_related("level").filter(pk=_int(request.GET.get("unit"))), request.user, "pk"
        ).first()
    body = None
    if unit is not None:
        body = selectors.propose_body(
            unit=unit, field_id=_int(request.GET.get("field")), kind=request.GET.get("kind") or ""
        )
    return render(request, "petitions/_proposal.html", {"body": body})


@login_required
def petition_detail(request, pk):
    p = access.get_for_user(request.user, Petition, pk)
    actions = WORKFLOW.available(request.user, p)
    version = {"version": p.version}
    proposed = selectors.propose_body(unit=p.unit, field_id=p.field_id, kind=p.kind) if actions["route"] else None
    answer_templates = AnswerTemplate.objects.valid_on(dates.today()).filter(action__in=["answered", "not_competent"])
    context = {
        "p": p,
        "a": actions,
        "today": dates.today(),
        "events": p.events.select_related("actor", "body").order_by("at", "id"),
        "attachments": attachments.panel(request.user, p),
        "duplicates": p.duplicates.select_related("unit__type"),
        "history": core_selectors.audit_for(p),
        "proposed": proposed,
        "route_form": RouteForm(initial={**version, "body": proposed}, user=request.user, prefix="chuyen"),
        "classify_form": ClassifyForm(initial={**version, "kind": p.kind, "field": p.field_id}, prefix="phan-loai"),
        "transfer_form": TransferForm(initial=version, user=request.user, prefix="chuyen-tiep"),
        "info_form": TextForm(initial=version, prefix="de-nghi-bo-sung"),
        "info_received_form": TextForm(initial=version, prefix="da-bo-sung"),
        "verdict_form": VerdictForm(initial=version, prefix="y-kien"),
        "due_form": DueForm(initial={**version, "due_on": p.due_on}, prefix="doi-han"),
        "templates": {t.pk: t.text for t in answer_templates},
        "template_list": answer_templates,
        "similar": selectors.similar_open(
            user=request.user, content=p.content, unit=p.unit, field_id=p.field_id, exclude=p.pk
        )
        if p.is_open and p.duplicate_of_id is None and not p.duplicates.exists()
        else [],
    }
    return render(request, "petitions/detail.html", context)


def _classify(common, d):
    services.petition_classify(**common, kind=d["kind"], field=d["field"])


def _route(common, d):
    services.petition_route(**common, body=d["body"], due_on=d["due_on"], note=d["note"])


def _transfer(common, d):
    services.petition_transfer(
        **common, body=d["body"], mode=d["mode"], restart_clock=d["restart_clock"], note=d["note"]
    )


# step -> (form and its extra arguments, or None for a bare confirmation; the service call)
STEP_HANDLERS = {
    "classify": ((ClassifyForm, False), _classify),
    "route": ((RouteForm, True), _route),
    "transfer": ((TransferForm, True), _transfer),
    "answer": (
        (AnswerForm, False),
        lambda c, d: services.petition_answer(**c, text=d["text"], not_competent=d["not_competent"]),
    ),
    "request_info": ((TextForm, False), lambda c, d: services.petition_request_info(**c, text=d["text"])),
    "info_received": ((TextForm, False), lambda c, d: services.petition_info_received(**c, text=d["text"])),
    "verdict": ((VerdictForm, False), lambda c, d: services.petition_verdict(**c, agree=d["agree"], note=d["note"])),
    "set_due": ((DueForm, False), lambda c, d: services.petition_set_due(**c, due_on=d["due_on"], reason=d["reason"])),
    "start": (None, lambda c, d: services.petition_start(**c)),
    "resolve": (None, lambda c, d: services.petition_resolve(**c)),
    "close": (None, lambda c, d: services.petition_close(**c)),
    "unlink": (None, lambda c, d: services.petition_unlink(**c)),
}


@login_required
@require_http_methods(["POST"])
def petition_step(request, pk, step):
    """One step of the item's life (petitions/workflow.py), each at its own address: the service checks who
    may take it and from which state; bad input and refusals come back as messages on the item's page."""
    p = access.get_for_user(request.user, Petition, pk)
    WORKFLOW.require(request.user, p, step)  # 403 without the step's action, whatever was posted
    form_spec, call = STEP_HANDLERS[step]
    try:
        if form_spec is None:
            version, data = _version(request), {}
        else:
            form_class, needs_user = form_spec
            extra = {"user": request.user} if needs_user else {}
            form = form_class(request.POST, prefix=WORKFLOW.step(step).slug, **extra)
            if not form.is_valid():
                raise ValidationError(dict(form.errors.items()) if form.errors else _("Dữ liệu không hợp lệ."))
            data = form.cleaned_data
            version = data.get("version")
        if version is None:
            raise ValidationError(_("Thiếu thông tin phiên bản; vui lòng tải lại trang."))
        call({"actor": request.user, "petition": p, "expected_version": version}, data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã cập nhật kiến nghị %(c)s.") % {"c": p.code})
    return redirect("petitions:detail", pk=p.pk)


@login_required
@require_http_methods(["POST"])
def petition_link(request, pk):
    p = access.get_for_user(request.user, Petition, pk)
    primary = access.visible(request.user, Petition).filter(pk=_int(request.POST.get("primary"))).first()
    if primary is None:
        raise Http404
    try:
        services.petition_link(actor=request.user, petition=p, expected_version=_version(request), primary=primary)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã gộp vào kiến nghị %(c)s.") % {"c": primary.code})
    return redirect("petitions:detail", pk=p.pk)


# --- dashboard panel ----------------------------------------------------------------------------------------


def petitions_panel(request):
    if not access.visible(request.user, Petition).exists() and not access.can_somewhere(
        request.user, Cap.RECORD_PETITIONS
    ):
        return None
    counts = selectors.counts_for_panel(request.user)
    return {"title": _("Kiến nghị"), "template": "petitions/panel.html", **counts}
