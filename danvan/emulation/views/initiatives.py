"""Screens of the initiatives: the list, registration, one initiative with its yearly cycle, evaluation
sheets, awards and files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods

from danvan.core import access, dates, permissions
from danvan.core import selectors as core_selectors
from danvan.core.exporting import xlsx_response
from danvan.core.forms import ListUnitForm, apply_service_errors
from danvan.core.models import Body, Unit
from danvan.core.permissions import Cap
from danvan.core.views.helpers import paginate, render_list, wants_export

from .. import selectors, services
from ..forms import (
    ApproveForm,
    AttachmentForm,
    AwardEntryForm,
    ConcludeForm,
    EvaluationForm,
    InitiativeForm,
    LaunchForm,
    ReturnForm,
    ReviewForm,
)
from ..models import REGISTRATION_ITEMS, FieldGroup, Initiative, Kind, Result, State


def _int(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


def _filters(request) -> dict:
    get = request.GET
    unit = None
    if _int(get.get("don_vi")):
        unit = permissions.restrict(Unit.objects.filter(pk=_int(get.get("don_vi"))), request.user, "pk").first()
    year = _int(get.get("nam"))
    return {
        "q": (get.get("q") or "")[:200],
        "year": year if year and 1990 <= year <= 2199 else None,
        "field": _int(get.get("linh_vuc")),
        "group": _int(get.get("nhom")),
        "kind": get.get("loai") if get.get("loai") in Kind.values else "",
        "state": get.get("trang_thai") if get.get("trang_thai") in State.values else "",
        "result": get.get("ket_qua") if get.get("ket_qua") in Result.values else "",
        "origin": get.get("nguon_goc") if get.get("nguon_goc") in ("new", "continued", "replication") else "",
        "replicated": get.get("da_nhan_rong") == "1",
        "unit": unit,
    }


EXPORT_HEADERS = [
    gettext_noop("Mã số"),
    gettext_noop("Năm"),
    gettext_noop("Tên mô hình, điển hình"),
    gettext_noop("Loại"),
    gettext_noop("Lĩnh vực"),
    gettext_noop("Nhóm lĩnh vực"),
    gettext_noop("Đơn vị đăng ký"),
    gettext_noop("Địa bàn"),
    gettext_noop("Loại chủ thể"),
    gettext_noop("Cấp quản lý"),
    gettext_noop("Người phụ trách"),
    gettext_noop("Ngày đăng ký"),
    gettext_noop("Ngày ra mắt"),
    gettext_noop("Trạng thái"),
    gettext_noop("Kết quả đánh giá"),
    gettext_noop("Tiếp tục từ năm trước"),
    gettext_noop("Nhân rộng từ"),
]


@login_required
def initiative_list(request):
    filters = _filters(request)
    sort = request.GET.get("sap_xep") if request.GET.get("sap_xep") in selectors.SORTS else "year"
    rows = selectors.listing(user=request.user, filters=filters, sort=sort)
    if wants_export(request):
        return xlsx_response(
            "dan-van-kheo",
            _("Dân vận khéo"),
            [_(h) for h in EXPORT_HEADERS],
            (
                (
                    i.pk,
                    i.year,
                    i.name,
                    i.get_kind_display(),
                    i.field.name,
                    i.field.group.name,
                    i.registrant,
                    i.unit.full_name,
                    i.subject_type.name,
                    i.level.name,
                    i.leader,
                    i.registered_on,
                    i.launched_on,
                    i.get_state_display(),
                    i.get_result_display(),
                    i.continues_id or "",
                    i.replicates_id or "",
                )
                for i in rows.iterator(chunk_size=2000)
            ),
        )
    page, params = paginate(request, rows)
    year = filters["year"] or dates.today().year
    return render_list(
        request,
        "emulation/list.html",
        {
            "page": page,
            "params": params,
            "filters": filters,
            "query": filters["q"],
            "sort": sort,
            "years": range(dates.today().year, 2007, -1),
            "fields": selectors.fields_for(None, year),
            "groups": FieldGroup.objects.all(),
            "kinds": Kind.choices,
            "states": State.choices,
            "results": Result.choices,
            "can_create": access.can_somewhere(request.user, Cap.REGISTER_INITIATIVES),
            "get": request.GET,
            "unit_form": ListUnitForm(
                initial={"don_vi": filters["unit"].pk if filters["unit"] else None}, user=request.user
            ),
        },
    )


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
    initiative = access.get_for_user(request.user, Initiative, pk)
    actions = _actions(request, initiative)
    if not actions["edit"]:
        raise PermissionDenied
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


def _actions(request, i: Initiative) -> dict:
    user = request.user
    manage = access.can(user, "manage", i)
    register = access.can(user, "register", i)
    evaluate = access.can(user, "evaluate", i)
    state = i.state
    return {
        "edit": manage or (register and state in (State.REGISTERED, State.RETURNED)),
        "approve": manage and state == State.REGISTERED,
        "return": manage and state == State.REGISTERED,
        "launch": (manage or register) and state == State.APPROVED,
        "review": (manage or register) and state == State.IMPLEMENTING,
        "conclude": manage and state in (State.IMPLEMENTING, State.REVIEWED),
        "evaluate": evaluate and state in (State.IMPLEMENTING, State.REVIEWED, State.EVALUATED),
        "award": manage and state in services.RECOGNIZABLE and i.result == Result.EFFECTIVE,
        "attach": manage or register,
        "continue": register and state in (State.EVALUATED, State.PRAISED, State.AWARDED) and i.result != "stopped",
        "replicate": access.can_somewhere(user, Cap.REGISTER_INITIATIVES) and i.result == Result.EFFECTIVE,
        "internal": access.can(user, "internal", i),
    }


@login_required
def initiative_detail(request, pk):
    i = access.get_for_user(request.user, Initiative, pk)
    a = _actions(request, i)
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
        "attachments": i.attachments.all(),
        "history": core_selectors.audit_for(i),
        "approve_form": ApproveForm(initial={**version, "on": day}, prefix="duyet"),
        "return_form": ReturnForm(initial=version, prefix="tra-lai"),
        "launch_form": LaunchForm(initial={**version, "launched_on": i.launched_on or day}, prefix="ra-mat"),
        "review_form": ReviewForm(initial={**version, "reviewed_on": day}, prefix="so-ket"),
        "conclude_form": ConcludeForm(
            initial={**version, "evaluated_on": day, "result": selectors.proposed_result(i)}, prefix="danh-gia"
        ),
        "attach_form": AttachmentForm(),
        "sheets": selectors.sheets_for(i) if a["evaluate"] else [],
    }
    return render(request, "emulation/detail.html", context)


ACTION_FORMS = {
    "duyet": ApproveForm,
    "tra-lai": ReturnForm,
    "ra-mat": LaunchForm,
    "so-ket": ReviewForm,
    "danh-gia": ConcludeForm,
}


@login_required
@require_http_methods(["POST"])
def initiative_action(request, pk, action):
    i = access.get_for_user(request.user, Initiative, pk)
    if action not in ACTION_FORMS:
        raise Http404
    form = ACTION_FORMS[action](request.POST, prefix=action)
    try:
        if not form.is_valid():
            raise ValidationError(dict(form.errors.items()))
        d = form.cleaned_data
        if d.get("version") is None:
            raise ValidationError(_("Thiếu thông tin phiên bản; vui lòng tải lại trang."))
        common = {"actor": request.user, "initiative": i, "expected_version": d["version"]}
        if action == "duyet":
            services.initiative_approve(**common, on=d["on"])
        elif action == "tra-lai":
            services.initiative_return(**common, reason=d["reason"])
        elif action == "ra-mat":
            services.initiative_launch(**common, launched_on=d["launched_on"])
        elif action == "so-ket":
            services.initiative_review(**common, reviewed_on=d["reviewed_on"], note=d["note"])
        elif action == "danh-gia":
            services.initiative_conclude(**common, result=d["result"], evaluated_on=d["evaluated_on"], note=d["note"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã cập nhật “%(n)s”.") % {"n": i.name})
    return redirect("emulation:detail", pk=i.pk)


def _bodies_near(unit: Unit, year: int):
    """Bodies of the unit and the units above it in the initiative's year (who evaluates or awards)."""
    day = selectors.as_of(year)
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
    i = access.get_for_user(request.user, Initiative, pk)
    if not access.can(request.user, "evaluate", i):
        raise PermissionDenied
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
    i = access.get_for_user(request.user, Initiative, pk)
    if not access.can(request.user, "manage", i):
        raise PermissionDenied
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


@login_required
@require_http_methods(["POST"])
def attachment_add(request, pk):
    i = access.get_for_user(request.user, Initiative, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("emulation:detail", pk=i.pk)
    try:
        count = services.initiative_attach(actor=request.user, initiative=i, uploads=form.cleaned_data["attachments"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã thêm %(n)s tệp.") % {"n": count})
    return redirect("emulation:detail", pk=i.pk)


@login_required
def attachment_download(request, pk, attachment_pk):
    i = access.get_for_user(request.user, Initiative, pk)
    attachment = get_object_or_404(i.attachments, pk=attachment_pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)
