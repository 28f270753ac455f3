"""The list, intake, one item with its actions, attachments, and the dashboard panel."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods

from danvan.core import access, dates, permissions
from danvan.core import selectors as core_selectors
from danvan.core.exporting import xlsx_response
from danvan.core.forms import ListUnitForm, apply_service_errors
from danvan.core.models import MonitoringField, Unit
from danvan.core.permissions import Cap
from danvan.core.views.helpers import paginate, parse_day, render_list, wants_export

from .. import selectors, services
from ..forms import (
    AnswerForm,
    AttachmentForm,
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


def _filters(request) -> dict:
    get = request.GET
    unit = None
    if _int(get.get("don_vi")):
        unit = permissions.restrict(Unit.objects.filter(pk=_int(get.get("don_vi"))), request.user, "pk").first()
    return {
        "q": (get.get("q") or "")[:200],
        "state": get.get("trang_thai") if get.get("trang_thai") in Petition.State.values else "",
        "body": _int(get.get("co_quan")),
        "field": _int(get.get("linh_vuc")),
        "kind": get.get("phan_loai") if get.get("phan_loai") in Petition.Kind.values else "",
        "source": get.get("nguon") if get.get("nguon") in Petition.Source.values else "",
        "unit": unit,
        "start": parse_day(get.get("tu_ngay")),
        "end": parse_day(get.get("den_ngay")),
        "overdue": get.get("qua_han") == "1",
        "carried_over": get.get("ton_dong") == "1",
        "mine": get.get("cua_toi") == "1",
        "open": get.get("dang_mo") == "1",
    }


EXPORT_HEADERS = [
    gettext_noop("Số"),
    gettext_noop("Ngày tiếp nhận"),
    gettext_noop("Nguồn"),
    gettext_noop("Phân loại"),
    gettext_noop("Lĩnh vực"),
    gettext_noop("Đơn vị phát sinh"),
    gettext_noop("Nội dung"),
    gettext_noop("Người, tổ chức nêu"),
    gettext_noop("Cơ quan giải quyết"),
    gettext_noop("Hạn xử lý"),
    gettext_noop("Trạng thái"),
    gettext_noop("Quá hạn"),
    gettext_noop("Ngày trả lời"),
    gettext_noop("Nội dung trả lời"),
    gettext_noop("Ý kiến của cơ sở"),
    gettext_noop("Tồn đọng chuyển kỳ sau"),
    gettext_noop("Trùng với"),
]


MAX_BODY_OPTIONS = 300


def _body_choices(user, filters):
    """The bodies offered in the list's filter: those of the chosen unit's area when many (national users),
    else all in reach. None when there are too many to list without choosing a unit first."""
    from danvan.core.selectors import rollups_on

    bodies = selectors.bodies_for(user)
    if filters["unit"] is not None:
        area = rollups_on(dates.today()).filter(target=filters["unit"]).values("unit_id")
        above = rollups_on(dates.today()).filter(unit=filters["unit"]).values("target_id")
        bodies = bodies.filter(Q(unit__in=area) | Q(unit__in=above))
    if bodies[: MAX_BODY_OPTIONS + 1].count() > MAX_BODY_OPTIONS:
        return None
    return bodies


@login_required
def petition_list(request):
    filters = _filters(request)
    sort = request.GET.get("sap_xep") if request.GET.get("sap_xep") in selectors.SORTS else "received"
    rows = selectors.listing(user=request.user, filters=filters, sort=sort)
    day = dates.today()
    if wants_export(request):
        return xlsx_response(
            "kien-nghi",
            _("Kiến nghị"),
            [_(h) for h in EXPORT_HEADERS],
            (
                (
                    p.code,
                    p.received_on,
                    p.get_source_display(),
                    p.get_kind_display(),
                    p.field.name if p.field else "",
                    p.unit.full_name,
                    p.content,
                    p.raised_by,
                    p.body.name if p.body else "",
                    p.due_on,
                    p.get_state_display(),
                    _("Có") if p.is_overdue(day) else "",
                    p.answered_on,
                    p.answer,
                    p.get_verdict_display(),
                    _("Có") if p.carried_over else "",
                    p.duplicate_of.code if p.duplicate_of_id else "",
                )
                for p in rows.select_related("duplicate_of").iterator(chunk_size=2000)
            ),
        )
    page, params = paginate(request, rows)
    bodies = _body_choices(request.user, filters)
    return render_list(
        request,
        "petitions/list.html",
        {
            "page": page,
            "params": params,
            "filters": filters,
            "query": filters["q"],
            "sort": sort,
            "today": day,
            "states": Petition.State.choices,
            "kinds": Petition.Kind.choices,
            "sources": Petition.Source.choices,
            "fields": MonitoringField.objects.all(),
            "bodies": bodies,
            "many_bodies": bodies is None,
            "can_create": access.can_somewhere(request.user, Cap.RECORD_PETITIONS),
            "get": request.GET,
            "unit_form": ListUnitForm(
                initial={"don_vi": filters["unit"].pk if filters["unit"] else None}, user=request.user
            ),
        },
    )


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
        "attachments": p.attachments.all(),
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
        "attach_form": AttachmentForm(),
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


@login_required
@require_http_methods(["POST"])
def attachment_add(request, pk):
    p = access.get_for_user(request.user, Petition, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("petitions:detail", pk=p.pk)
    try:
        count = services.attachment_add(actor=request.user, petition=p, uploads=form.cleaned_data["attachments"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã thêm %(n)s tệp.") % {"n": count})
    return redirect("petitions:detail", pk=p.pk)


@login_required
def attachment_download(request, pk, attachment_pk):
    from django.http import FileResponse

    p = access.get_for_user(request.user, Petition, pk, queryset=Petition.objects.all())
    attachment = get_object_or_404(p.attachments, pk=attachment_pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


# --- dashboard panel ----------------------------------------------------------------------------------------


def petitions_panel(request):
    if not access.visible(request.user, Petition).exists() and not access.can_somewhere(
        request.user, Cap.RECORD_PETITIONS
    ):
        return None
    counts = selectors.counts_for_panel(request.user)
    return {"title": _("Kiến nghị"), "template": "petitions/panel.html", **counts}
