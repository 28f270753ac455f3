"""Screens of the initiatives: the list, registration, one initiative with its yearly cycle, evaluation
sheets, awards and files."""

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
from danvan.core.models import Body, Unit
from danvan.core.permissions import Cap

from .. import listings, selectors, services
from ..forms import (
    ApproveForm,
    AwardEntryForm,
    ConcludeForm,
    EvaluationForm,
    InitiativeForm,
    LaunchForm,
    ReturnForm,
    ReviewForm,
)
from ..models import REGISTRATION_ITEMS, Initiative, Kind, Result
from ..workflow import WORKFLOW


def _int(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


@login_required
def initiative_list(request):
    context = {"can_create": access.can_somewhere(request.user, Cap.REGISTER_INITIATIVES)}
    return list_page(request, listings.InitiativeListing(), "emulation/list.html", context)


def _form_data(form: InitiativeForm) -> dict:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    data.pop("attachments", None)
    return data


@login_required
@require_http_methods(["GET", "POST"])
def initiative_create(request):
    if not access.can_somewhere(request.user, Cap.REGISTER_INITIATIVES):
        raise PermissionDenied
    day = dates.today()
    initial = {"year": day.year, "registered_on": day, "kind": Kind.MODEL}
    units = list(InitiativeForm(user=request.user).fields["unit"].queryset[:2])
    if len(units) == 1:  # a commune officer registers for the commune
        initial.update(unit=units[0], level=units[0].level_id)
    previous = _int(request.GET.get("tiep_tuc"))
    if previous:
        origin = access.get_for_user(request.user, Initiative, previous)
        initial.update(
            {k: getattr(origin, k) for k in ["name", "kind", "leader", "leader_phone"] + InitiativeForm.ITEMS},
            field=origin.field_id,
            unit=origin.unit_id,
            body=origin.body_id,
            party_org=origin.party_org_id,
            subject_type=origin.subject_type_id,
            level=origin.level_id,
            continues=origin.pk,
            year=max(origin.year + 1, min(day.year, origin.year + 1)),
        )
    copied = _int(request.GET.get("nhan_rong"))
    if copied:
        origin = access.get_for_user(request.user, Initiative, copied)
        initial.update(
            {k: getattr(origin, k) for k in ["name", "kind", "objectives", "method", "sustainability"]},
            field=origin.field_id,
            subject_type=origin.subject_type_id,
            replicates=origin.pk,
        )
    form = InitiativeForm(request.POST or None, request.FILES or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_create(
                actor=request.user, attachments=form.cleaned_data["attachments"], **_form_data(form)
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã đăng ký “%(n)s”.") % {"n": initiative.name})
            if "them_nua" in request.POST:
                return redirect("emulation:create")
            return redirect("emulation:detail", pk=initiative.pk)
    return render(
        request, "emulation/form.html", {"form": form, "title": _("Đăng ký mô hình, điển hình"), "creating": True}
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request, pk):
    initiative = access.get_for_user(request.user, Initiative, pk, action="change")
    initial = {k: getattr(initiative, k) for k in services.EDITABLE}
    initial.update(
        version=initiative.version,
        **{k: getattr(initiative, f"{k}_id") for k in ("field", "unit", "body", "party_org", "subject_type", "level")},
        continues=initiative.continues_id,
        replicates=initiative.replicates_id,
    )
    form = InitiativeForm(request.POST or None, user=request.user, initial=initial)
    form.fields.pop("attachments")
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_update(
                actor=request.user,
                initiative=initiative,
                expected_version=form.cleaned_data["version"],
                **_form_data(form),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu “%(n)s”.") % {"n": initiative.name})
            return redirect("emulation:detail", pk=initiative.pk)
    return render(
        request,
        "emulation/form.html",
        {"form": form, "title": _("Sửa đăng ký: %(n)s") % {"n": initiative.name}, "initiative": initiative},
    )


def _actions(user, i: Initiative) -> dict:
    """What the page offers: the workflow's steps (emulation/workflow.py) and a few more answers of the registry."""
    actions = WORKFLOW.available(user, i, extra=("change", "internal"))
    actions["replicate"] = i.result == Result.EFFECTIVE and access.can_somewhere(user, Cap.REGISTER_INITIATIVES)
    return actions


@login_required
def initiative_detail(request, pk):
    i = access.get_for_user(request.user, Initiative, pk)
    a = _actions(request.user, i)
    day = dates.today()
    version = {"version": i.version}
    evaluations = list(i.evaluations.select_related("sheet", "body").prefetch_related("scores"))
    context = {
        "i": i,
        "a": a,
        "items": [(label, getattr(i, name)) for name, label in REGISTRATION_ITEMS],
        "evaluations": evaluations,
        "awards": selectors.awards_of(i),
        "conferences": i.conferences.all(),
        "replications": access.visible(request.user, Initiative, i.replications.select_related("unit__type")),
        "continuations": access.visible(request.user, Initiative, i.continuations.all()),
        "files": attachments.panel(request.user, i),
        "history": core_selectors.audit_for(i),
        "approve_form": ApproveForm(initial={**version, "on": day}, prefix="duyet"),
        "return_form": ReturnForm(initial=version, prefix="tra-lai"),
        "launch_form": LaunchForm(initial={**version, "launched_on": i.launched_on or day}, prefix="ra-mat"),
        "review_form": ReviewForm(initial={**version, "reviewed_on": day}, prefix="so-ket"),
        "conclude_form": ConcludeForm(
            initial={**version, "evaluated_on": day, "result": selectors.proposed_result(i)}, prefix="danh-gia"
        ),
        "sheets": selectors.sheets_for(i) if a["evaluate"] else [],
    }
    return render(request, "emulation/detail.html", context)


# step -> (its form, the service call with the form's data); each step at its own address (urls.py)
STEP_HANDLERS = {
    "approve": (ApproveForm, lambda c, d: services.initiative_approve(**c, on=d["on"])),
    "return": (ReturnForm, lambda c, d: services.initiative_return(**c, reason=d["reason"])),
    "launch": (LaunchForm, lambda c, d: services.initiative_launch(**c, launched_on=d["launched_on"])),
    "review": (
        ReviewForm,
        lambda c, d: services.initiative_review(**c, reviewed_on=d["reviewed_on"], note=d["note"]),
    ),
    "conclude": (
        ConcludeForm,
        lambda c, d: services.initiative_conclude(
            **c, result=d["result"], evaluated_on=d["evaluated_on"], note=d["note"]
        ),
    ),
}


@login_required
@require_http_methods(["POST"])
def initiative_step(request, pk, step):
    """One step of the yearly cycle (emulation/workflow.py), each at its own address: the service checks who may
    take it and from which state: 403 without the right, bad input and refusals come back as messages on the
    initiative's page."""
    i = access.get_for_user(request.user, Initiative, pk)
    WORKFLOW.require(request.user, i, step)  # 403 without the step's action, whatever was posted
    form_class, call = STEP_HANDLERS[step]
    form = form_class(request.POST, prefix=WORKFLOW.step(step).slug)
    try:
        if not form.is_valid():
            raise ValidationError(dict(form.errors.items()))
        if form.cleaned_data.get("version") is None:
            raise ValidationError(_("Thiếu thông tin phiên bản; vui lòng tải lại trang."))
        common = {"actor": request.user, "initiative": i, "expected_version": form.cleaned_data["version"]}
        call(common, form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã cập nhật “%(n)s”.") % {"n": i.name})
    return redirect("emulation:detail", pk=i.pk)


def _bodies_near(unit: Unit, year: int):
    """Bodies of the unit and the units above it in the initiative's year (who evaluates or awards)."""
    day = dates.year_as_of(year)
    above = core_selectors.rollups_on(day).filter(unit=unit).values("target_id")
    return (
        Body.objects.valid_on(day)
        .filter(unit__in=above)
        .select_related("unit__type")
        .order_by("unit__level__rank", "sort_key")
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_create(request, pk):
    i = access.get_for_user(request.user, Initiative, pk, action="evaluate")
    sheets = selectors.sheets_for(i)
    if not sheets:
        messages.error(request, _("Chưa có bộ tiêu chí đánh giá áp dụng cho mô hình này."))
        return redirect("emulation:detail", pk=i.pk)
    chosen = _int(request.POST.get("sheet") or request.GET.get("bo"))
    sheet = next((s for s in sheets if s.pk == chosen), sheets[0])
    form = EvaluationForm(
        request.POST or None,
        sheet=sheet,
        bodies=_bodies_near(i.unit, i.year),
        initial={"evaluated_on": dates.today(), "evaluator_name": request.user.get_full_name()},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            evaluation = services.evaluation_create(
                actor=request.user,
                initiative=i,
                sheet=sheet,
                answers=form.answers(),
                evaluated_on=d["evaluated_on"],
                evaluator_name=d["evaluator_name"],
                body=d["body"],
                comment=d["comment"],
                internal_note=d["internal_note"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã lưu phiếu đánh giá: %(t)s/%(m)s điểm, xếp loại %(g)s.")
                % {"t": evaluation.total.normalize(), "m": evaluation.maximum.normalize(), "g": evaluation.grade},
            )
            return redirect("emulation:detail", pk=i.pk)
    return render(request, "emulation/evaluation_form.html", {"i": i, "form": form, "sheet": sheet, "sheets": sheets})


@login_required
@require_http_methods(["GET", "POST"])
def award_create(request, pk):
    i = access.get_for_user(request.user, Initiative, pk, action="manage")
    recipient_kind = "individual" if i.kind == Kind.INDIVIDUAL else "collective"
    form = AwardEntryForm(
        request.POST or None,
        bodies=_bodies_near(i.unit, i.year),
        initial={
            "decided_on": dates.today(),
            "recipient": i.leader if i.kind == Kind.INDIVIDUAL else i.registrant,
            "recipient_kind": recipient_kind,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.award_create(actor=request.user, initiative=i, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận khen thưởng cho “%(n)s”.") % {"n": i.name})
            return redirect("emulation:detail", pk=i.pk)
    return render(
        request,
        "emulation/simple_form.html",
        {"form": form, "title": _("Khen thưởng, biểu dương: %(n)s") % {"n": i.name}, "cancel": i.pk},
    )
