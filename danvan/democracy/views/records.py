"""Screens of the democracy records: lists (search, filter, Excel), entry forms, one record with its files and
history; community votes with recognition and implementation; inspection boards with their inspections."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core import permissions
from danvan.core import selectors as core_selectors
from danvan.core.exports import xlsx_response
from danvan.core.forms import apply_service_errors
from danvan.core.models import Unit
from danvan.core.permissions import Cap
from danvan.core.services.common import fmt
from danvan.core.views.helpers import paginate, render_list, today, wants_export
from danvan.petitions.forms import ListUnitForm

from .. import compliance, selectors, services
from ..forms import (
    AttachmentForm,
    BoardForm,
    ConsultationEntryForm,
    DecisionForm,
    DialogueForm,
    DisclosureEntryForm,
    ImplementForm,
    InspectionForm,
    InspectionResultForm,
    RecogniseForm,
)
from ..models import (
    CommunityDecision,
    Consultation,
    DecisionMatter,
    Dialogue,
    Disclosure,
    DisclosureItem,
    RuleSet,
    VoteRule,
)


def _int(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


def _unit_filter(request) -> Unit | None:
    pk = _int(request.GET.get("don_vi"))
    if not pk:
        return None
    return permissions.restrict(Unit.objects.filter(pk=pk), request.user, "pk").first()


def _list(
    request, *, model, date_field, title, heading_cap, create_url, columns, row, export_headers, export_row, extra=()
):
    """One list screen: search, unit subtree, year, paging, htmx partial and Excel of every matching row."""
    year = _int(request.GET.get("nam"))
    unit = _unit_filter(request)
    rows = selectors.listing(
        model,
        user=request.user,
        q=(request.GET.get("q") or "")[:200],
        unit=unit,
        year=year,
        date_field=date_field,
        extra=extra,
    )
    if wants_export(request):
        return xlsx_response(
            model._meta.model_name, title, export_headers, (export_row(r) for r in rows.iterator(chunk_size=2000))
        )
    page, params = paginate(request, rows)
    return render_list(
        request,
        "democracy/list.html",
        {
            "title": title,
            "page": page,
            "params": params,
            "query": request.GET.get("q", ""),
            "year": year,
            "years": range(today().year, 2006, -1),
            "unit_form": ListUnitForm(initial={"don_vi": unit.pk if unit else None}, user=request.user),
            "columns": columns,
            "rows": [row(r) for r in page],
            "can_create": selectors.can(request.user, heading_cap),
            "create_url": reverse(create_url),
        },
    )


def _form_page(request, form, title, back, **extra):
    return render(request, "democracy/form.html", {"form": form, "title": title, "back": back, **extra})


def _data(form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    data.pop("attachments", None)
    return data


def _history(obj):
    return core_selectors.audit_for(obj)


# --- Disclosures --------------------------------------------------------------------------------------------


@login_required
def disclosure_list(request):
    return _list(
        request,
        model=Disclosure,
        date_field="started_on",
        title=_("Công khai"),
        heading_cap=Cap.RECORD_DEMOCRACY,
        create_url="democracy:disclosure_create",
        extra=("item",),
        columns=[_("Thông tin công khai"), _("Xã"), _("Thời gian"), _("Văn bản áp dụng")],
        row=lambda d: (
            reverse("democracy:disclosure_detail", args=[d.pk]),
            [
                d.title,
                d.unit.full_name,
                f"{fmt(d.started_on)} – {fmt(d.ended_on)} ({d.days} " + _("ngày") + ")",
                d.rule_set.short_name,
            ],
            d.item.name,
        ),
        export_headers=[
            _("Mã số"),
            _("Xã"),
            _("Nội dung"),
            _("Tên thông tin"),
            _("Từ ngày"),
            _("Đến ngày"),
            _("Số ngày"),
            _("Số ngày trên loa"),
            _("Địa điểm"),
            _("Người thực hiện"),
            _("Văn bản áp dụng"),
        ],
        export_row=lambda d: (
            d.pk,
            d.unit.full_name,
            d.item.name,
            d.title,
            d.started_on,
            d.ended_on,
            d.days,
            d.loudspeaker_days,
            d.place,
            d.done_by,
            d.rule_set.short_name,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def disclosure_create(request):
    if not selectors.can(request.user, Cap.RECORD_DEMOCRACY):
        raise PermissionDenied
    initial = {"started_on": today()}
    if _int(request.GET.get("unit")):
        initial["unit"] = _int(request.GET.get("unit"))
    if _int(request.GET.get("item")):
        initial["item"] = _int(request.GET.get("item"))
        item = DisclosureItem.objects.filter(pk=initial["item"]).first()
        if item is not None:
            initial["title"] = item.name[:300]
            initial["forms"] = list(item.forms.values_list("pk", flat=True)[:1])
    form = DisclosureEntryForm(request.POST or None, request.FILES or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            disclosure = services.disclosure_create(
                actor=request.user, attachments=form.cleaned_data["attachments"], **_data(form)
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận công khai “%(t)s”.") % {"t": disclosure.title})
            return redirect("democracy:disclosure_detail", pk=disclosure.pk)
    return _form_page(request, form, _("Ghi nhận công khai"), reverse("democracy:disclosure_list"))


@login_required
def disclosure_detail(request, pk):
    d = selectors.get(Disclosure, user=request.user, pk=pk, related=("item",))
    shortfall = compliance.shortfall(d.item, d)
    fields = [
        (_("Xã"), d.unit.full_name),
        (_("Nội dung"), d.item.name),
        (_("Văn bản áp dụng"), d.rule_set.name),
        (_("Hình thức"), "; ".join(f.name for f in d.forms.all())),
        (_("Thời gian"), f"{fmt(d.started_on)} – {fmt(d.ended_on)} ({d.days} " + _("ngày") + ")"),
        (_("Số ngày liên tục trên loa"), d.loudspeaker_days if d.loudspeaker_days is not None else "—"),
        (_("Quy định"), _minimums(d.item)),
        (
            _("Đánh giá"),
            compliance.status_label(compliance.Status.TOO_SHORT) + f": {shortfall}"
            if shortfall
            else _("Đủ thời gian theo quy định"),
        ),
        (_("Địa điểm"), d.place or "—"),
        (_("Người, bộ phận thực hiện"), d.done_by or "—"),
        (_("Ghi chú"), d.note or "—"),
    ]
    return _detail(
        request, d, d.title, fields, "disclosure", can_edit=selectors.can(request.user, Cap.RECORD_DEMOCRACY, d.unit)
    )


def _minimums(item: DisclosureItem) -> str:
    parts = []
    if item.min_days:
        parts.append(_("niêm yết ít nhất %(n)s ngày") % {"n": item.min_days})
    if item.loudspeaker_required:
        parts.append(_("phát trên loa ít nhất %(n)s ngày liên tục") % {"n": item.loudspeaker_min_days})
    parts.append(
        _("công khai lại mỗi %(n)s tháng") % {"n": item.recurrence_months}
        if item.recurrence_months
        else _("công khai khi phát sinh")
    )
    return "; ".join(parts)


def _detail(request, obj, title, fields, kind, *, can_edit, template="democracy/detail.html", **extra):
    return render(
        request,
        template,
        {
            "object": obj,
            "title": title,
            "fields": fields,
            "kind": kind,
            "can_edit": can_edit,
            "edit_url": reverse(f"democracy:{kind}_edit", args=[obj.pk])
            if kind in ("disclosure", "consultation", "dialogue")
            else "",
            "attach_url": reverse("democracy:attachment_add", args=[kind, obj.pk]),
            "attachments": obj.attachments.all(),
            "attachment_form": AttachmentForm(),
            "history": _history(obj),
            **extra,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def disclosure_edit(request, pk):
    d = selectors.get(Disclosure, user=request.user, pk=pk, related=("item",))
    if not selectors.can(request.user, Cap.RECORD_DEMOCRACY, d.unit):
        raise PermissionDenied
    initial = {k: getattr(d, k) for k in services.DISCLOSURE_FIELDS}
    initial.update(version=d.version, unit=d.unit_id, item=d.item_id, forms=list(d.forms.values_list("pk", flat=True)))
    form = DisclosureEntryForm(request.POST or None, user=request.user, initial=initial)
    form.fields.pop("attachments")
    if request.method == "POST" and form.is_valid():
        try:
            services.disclosure_update(
                actor=request.user, disclosure=d, expected_version=form.cleaned_data["version"], **_data(form)
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("democracy:disclosure_detail", pk=d.pk)
    return _form_page(
        request, form, _("Sửa: %(t)s") % {"t": d.title}, reverse("democracy:disclosure_detail", args=[d.pk])
    )


# --- Community decisions ------------------------------------------------------------------------------------


@login_required
def decision_list(request):
    return _list(
        request,
        model=CommunityDecision,
        date_field="held_on",
        title=_("Nhân dân bàn và quyết định"),
        heading_cap=Cap.RECORD_DEMOCRACY,
        create_url="democracy:decision_create",
        extra=("place__type", "matter"),
        columns=[_("Nội dung biểu quyết"), _("Thôn, xã"), _("Ngày"), _("Kết quả")],
        row=lambda d: (
            reverse("democracy:decision_detail", args=[d.pk]),
            [d.title, d.place.full_name, fmt(d.held_on), f"{d.votes_for}/{d.total} · {d.get_state_display()}"],
            d.matter.name,
        ),
        export_headers=[
            _("Mã số"),
            _("Xã"),
            _("Thôn, tổ dân phố"),
            _("Nội dung"),
            _("Tên việc"),
            _("Ngày"),
            _("Hình thức"),
            _("Tính theo"),
            _("Tổng số"),
            _("Tham gia"),
            _("Tán thành"),
            _("Không tán thành"),
            _("Cách biểu quyết"),
            _("Được thông qua"),
            _("Trạng thái"),
            _("Ngày công nhận"),
            _("Văn bản áp dụng"),
        ],
        export_row=lambda d: (
            d.pk,
            d.unit.full_name,
            d.place.full_name,
            d.matter.name,
            d.title,
            d.held_on,
            d.get_form_display(),
            d.get_basis_display(),
            d.total,
            d.present,
            d.votes_for,
            d.votes_against,
            d.get_method_display(),
            _("Có") if d.passed else _("Không"),
            d.get_state_display(),
            d.recognised_on,
            d.rule_set.short_name,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request):
    if not selectors.can(request.user, Cap.RECORD_DEMOCRACY):
        raise PermissionDenied
    initial = {"held_on": today(), "basis": "households"}
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


@login_required
@require_http_methods(["GET", "POST"])
def decision_detail(request, pk):
    d = selectors.get(
        CommunityDecision, user=request.user, pk=pk, related=("place__type", "matter", "rule", "recognised_by")
    )
    user = request.user
    can_recognise = d.state == CommunityDecision.State.RECORDED and permissions.can(
        user, Cap.RECOGNISE_DECISIONS, d.unit, allow_past=True
    )
    can_implement = d.state in (CommunityDecision.State.RECOGNISED, CommunityDecision.State.IMPLEMENTING) and (
        selectors.can(user, Cap.RECORD_DEMOCRACY, d.place)
    )
    bodies = services.recogniser_bodies(d)
    recognise_form = RecogniseForm(
        request.POST if request.POST.get("action") == "recognise" else None,
        bodies=bodies,
        initial={"version": d.version, "day": today(), "body": bodies.first()},
    )
    implement_form = ImplementForm(
        request.POST if request.POST.get("action") == "implement" else None,
        initial={"version": d.version, "text": d.implementation},
    )
    if request.method == "POST":
        action = request.POST.get("action")
        form = {"recognise": recognise_form, "implement": implement_form}.get(action)
        allowed = {"recognise": can_recognise, "implement": can_implement}.get(action)
        if form is None or not allowed:
            raise PermissionDenied
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                if action == "recognise":
                    services.decision_recognise(actor=user, decision=d, expected_version=version, **data)
                else:
                    services.decision_implement(actor=user, decision=d, expected_version=version, **data)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Đã lưu."))
                return redirect("democracy:decision_detail", pk=d.pk)
    rule_set = d.rule_set
    return render(
        request,
        "democracy/decision_detail.html",
        {
            "object": d,
            "title": d.title,
            "needed": services.needed_votes(d.rule, d.total),
            "flags": compliance.election_flags(d, rule_set) if d.is_election else [],
            "recognition_deadline": compliance_deadline(d),
            "can_recognise": can_recognise,
            "can_implement": can_implement,
            "recognise_form": recognise_form,
            "implement_form": implement_form,
            "attachments": d.attachments.all(),
            "attachment_form": AttachmentForm(),
            "attach_url": reverse("democracy:attachment_add", args=["decision", d.pk]),
            "can_edit": selectors.can(user, Cap.RECORD_DEMOCRACY, d.place),
            "history": _history(d),
        },
    )


def compliance_deadline(d: CommunityDecision):
    if not d.passed:
        return None
    from danvan.petitions.workdays import add_working_days

    return add_working_days(d.held_on, d.rule_set.recognition_working_days)


# --- Consultations ------------------------------------------------------------------------------------------


@login_required
def consultation_list(request):
    return _list(
        request,
        model=Consultation,
        date_field="opened_on",
        title=_("Nhân dân tham gia ý kiến"),
        heading_cap=Cap.RECORD_DEMOCRACY,
        create_url="democracy:consultation_create",
        extra=("matter",),
        columns=[_("Dự thảo, vấn đề"), _("Xã"), _("Thời gian"), _("Ý kiến")],
        row=lambda c: (
            reverse("democracy:consultation_detail", args=[c.pk]),
            [
                c.title,
                c.unit.full_name,
                f"{fmt(c.opened_on)} – {fmt(c.closed_on)}",
                f"{c.answered}/{c.asked} · "
                + (_("đã công bố tiếp thu") if c.response_on else _("chưa công bố tiếp thu")),
            ],
            c.matter.name,
        ),
        export_headers=[
            _("Mã số"),
            _("Xã"),
            _("Nội dung"),
            _("Dự thảo, vấn đề"),
            _("Từ ngày"),
            _("Đến ngày"),
            _("Được hỏi"),
            _("Ý kiến nhận được"),
            _("Tán thành"),
            _("Không tán thành"),
            _("Ý kiến khác"),
            _("Ngày công bố tiếp thu"),
            _("Văn bản áp dụng"),
        ],
        export_row=lambda c: (
            c.pk,
            c.unit.full_name,
            c.matter.name,
            c.title,
            c.opened_on,
            c.closed_on,
            c.asked,
            c.answered,
            c.agree,
            c.disagree,
            c.other,
            c.response_on,
            c.rule_set.short_name,
        ),
    )


def _record_create(request, *, form_class, service, title, back, detail, initial=None):
    if not selectors.can(request.user, Cap.RECORD_DEMOCRACY):
        raise PermissionDenied
    initial = dict(initial or {})
    if _int(request.GET.get("unit")):
        initial["unit"] = _int(request.GET.get("unit"))
    form = form_class(request.POST or None, request.FILES or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            obj = service(actor=request.user, attachments=form.cleaned_data["attachments"], **_data(form))
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu “%(t)s”.") % {"t": obj.title})
            return redirect(detail, pk=obj.pk)
    return _form_page(request, form, title, reverse(back))


def _record_edit(request, obj, *, form_class, service, key, fields, detail):
    if not selectors.can(request.user, Cap.RECORD_DEMOCRACY, obj.unit):
        raise PermissionDenied
    initial = {k: getattr(obj, k) for k in fields}
    initial.update(version=obj.version, unit=obj.unit_id)
    if hasattr(obj, "matter_id"):
        initial["matter"] = obj.matter_id
    if key == "consultation":
        initial["forms"] = list(obj.forms.values_list("pk", flat=True))
    form = form_class(request.POST or None, user=request.user, initial=initial)
    form.fields.pop("attachments")
    form.fields["unit"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, expected_version=form.cleaned_data["version"], **{key: obj}, **_data(form))
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect(detail, pk=obj.pk)
    return _form_page(request, form, _("Sửa: %(t)s") % {"t": obj.title}, reverse(detail, args=[obj.pk]))


@login_required
@require_http_methods(["GET", "POST"])
def consultation_create(request):
    return _record_create(
        request,
        form_class=ConsultationEntryForm,
        service=services.consultation_create,
        title=_("Ghi nhận đợt lấy ý kiến Nhân dân"),
        back="democracy:consultation_list",
        detail="democracy:consultation_detail",
        initial={"opened_on": today()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def consultation_edit(request, pk):
    c = selectors.get(Consultation, user=request.user, pk=pk)
    return _record_edit(
        request,
        c,
        form_class=ConsultationEntryForm,
        service=services.consultation_update,
        key="consultation",
        fields=services.CONSULTATION_FIELDS,
        detail="democracy:consultation_detail",
    )


@login_required
def consultation_detail(request, pk):
    c = selectors.get(Consultation, user=request.user, pk=pk, related=("matter",))
    fields = [
        (_("Xã"), c.unit.full_name),
        (_("Nội dung lấy ý kiến"), c.matter.name),
        (_("Văn bản áp dụng"), c.rule_set.name),
        (_("Hình thức"), "; ".join(f.name for f in c.forms.all())),
        (_("Thời gian"), f"{fmt(c.opened_on)} – {fmt(c.closed_on)}"),
        (_("Được hỏi / trả lời"), f"{c.asked} / {c.answered}"),
        (_("Tán thành / không tán thành / ý kiến khác"), f"{c.agree} / {c.disagree} / {c.other}"),
        (
            _("Báo cáo tiếp thu, giải trình"),
            (fmt(c.response_on) + ": " + c.response) if c.response_on else _("Chưa công bố"),
        ),
    ]
    return _detail(
        request, c, c.title, fields, "consultation", can_edit=selectors.can(request.user, Cap.RECORD_DEMOCRACY, c.unit)
    )


# --- Dialogues ----------------------------------------------------------------------------------------------


@login_required
def dialogue_list(request):
    return _list(
        request,
        model=Dialogue,
        date_field="held_on",
        title=_("Hội nghị đối thoại"),
        heading_cap=Cap.RECORD_DEMOCRACY,
        create_url="democracy:dialogue_create",
        columns=[_("Chủ đề"), _("Xã"), _("Ngày đối thoại"), _("Kết quả")],
        row=lambda d: (
            reverse("democracy:dialogue_detail", args=[d.pk]),
            [
                d.title,
                d.unit.full_name,
                fmt(d.held_on),
                _("công bố %(d)s") % {"d": fmt(d.results_on)} if d.results_on else _("chưa công bố"),
            ],
            "",
        ),
        export_headers=[
            _("Mã số"),
            _("Xã"),
            _("Chủ đề"),
            _("Ngày thông báo"),
            _("Ngày đối thoại"),
            _("Số người dự"),
            _("Theo yêu cầu cử tri"),
            _("Ngày công bố kết quả"),
            _("Văn bản áp dụng"),
        ],
        export_row=lambda d: (
            d.pk,
            d.unit.full_name,
            d.title,
            d.notice_on,
            d.held_on,
            d.participants,
            _("Có") if d.requested else "",
            d.results_on,
            d.rule_set.short_name,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_create(request):
    return _record_create(
        request,
        form_class=DialogueForm,
        service=services.dialogue_create,
        title=_("Ghi nhận hội nghị đối thoại"),
        back="democracy:dialogue_list",
        detail="democracy:dialogue_detail",
    )


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_edit(request, pk):
    d = selectors.get(Dialogue, user=request.user, pk=pk)
    return _record_edit(
        request,
        d,
        form_class=DialogueForm,
        service=services.dialogue_update,
        key="dialogue",
        fields=services.DIALOGUE_FIELDS,
        detail="democracy:dialogue_detail",
    )


@login_required
def dialogue_detail(request, pk):
    d = selectors.get(Dialogue, user=request.user, pk=pk)
    flags = compliance.dialogue_flags(d, d.rule_set, today()) if d.rule_set.dialogue_required else []
    fields = [
        (_("Xã"), d.unit.full_name),
        (_("Văn bản áp dụng"), d.rule_set.name),
        (_("Ngày thông báo"), fmt(d.notice_on)),
        (_("Ngày đối thoại"), fmt(d.held_on)),
        (_("Địa điểm"), d.place or "—"),
        (_("Người chủ trì"), d.chair or "—"),
        (_("Số người dự"), d.participants),
        (_("Theo yêu cầu của cử tri"), _("Có") if d.requested else _("Không")),
        (_("Kết quả đối thoại"), (fmt(d.results_on) + ": " + d.results) if d.results_on else _("Chưa công bố")),
    ]
    return _detail(
        request,
        d,
        d.title,
        fields,
        "dialogue",
        flags=flags,
        can_edit=selectors.can(request.user, Cap.RECORD_DEMOCRACY, d.unit),
    )


# --- Attachments --------------------------------------------------------------------------------------------

KINDS = {
    "disclosure": (Disclosure, Cap.RECORD_DEMOCRACY),
    "decision": (CommunityDecision, Cap.RECORD_DEMOCRACY),
    "consultation": (Consultation, Cap.RECORD_DEMOCRACY),
    "dialogue": (Dialogue, Cap.RECORD_DEMOCRACY),
}


def _owner(request, kind, pk):
    if kind not in KINDS:
        raise Http404
    model, cap = KINDS[kind]
    return selectors.get(model, user=request.user, pk=pk), cap


@login_required
@require_POST
def attachment_add(request, kind, pk):
    obj, cap = _owner(request, kind, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(actor=request.user, obj=obj, cap=cap, uploads=form.cleaned_data["attachments"])
        except ValidationError as error:
            for messages_ in error.message_dict.values():
                for message in messages_:
                    messages.error(request, message)
        else:
            messages.success(request, _("Đã thêm tệp."))
    else:
        messages.error(request, _("Vui lòng chọn tệp hợp lệ."))
    return redirect(f"democracy:{kind}_detail", pk=obj.pk)


@login_required
def attachment_download(request, kind, pk, attachment_pk):
    obj, _cap = _owner(request, kind, pk)
    attachment = get_object_or_404(obj.attachments, pk=attachment_pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


# --- Inspection boards --------------------------------------------------------------------------------------


@login_required
def board_list(request):
    rows = selectors.boards(request.user).prefetch_related("members")
    unit = _unit_filter(request)
    if unit is not None:
        rows = rows.filter(unit__in=selectors.subtree_ids(unit))
    if wants_export(request):
        return xlsx_response(
            "ban-thanh-tra-nhan-dan",
            _("Ban Thanh tra nhân dân"),
            [
                _("Mã số"),
                _("Xã"),
                _("Ngày bầu"),
                _("Nhiệm kỳ từ"),
                _("Nhiệm kỳ đến"),
                _("Số thành viên"),
                _("Trưởng ban"),
                _("Văn bản áp dụng"),
            ],
            (
                (
                    b.pk,
                    b.unit.full_name,
                    b.elected_on,
                    b.term_from,
                    b.term_to,
                    len(b.members.all()),
                    next((m.full_name for m in b.members.all() if m.role == "head"), ""),
                    b.rule_set.short_name,
                )
                for b in rows
            ),
        )
    page, params = paginate(request, rows.order_by("-term_from", "unit__sort_key"))
    return render_list(
        request,
        "democracy/list.html",
        {
            "title": _("Ban Thanh tra nhân dân"),
            "page": page,
            "params": params,
            "no_search": True,
            "unit_form": ListUnitForm(initial={"don_vi": unit.pk if unit else None}, user=request.user),
            "columns": [_("Xã"), _("Nhiệm kỳ"), _("Thành viên"), _("Văn bản áp dụng")],
            "rows": [
                (
                    reverse("democracy:board_detail", args=[b.pk]),
                    [
                        b.unit.full_name,
                        f"{fmt(b.term_from)} – {fmt(b.term_to)}",
                        len(b.members.all()),
                        b.rule_set.short_name,
                    ],
                    "",
                )
                for b in page
            ],
            "can_create": permissions.can(request.user, Cap.MANAGE_INSPECTION),
            "create_url": reverse("democracy:board_create"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def board_create(request):
    if not permissions.can(request.user, Cap.MANAGE_INSPECTION):
        raise PermissionDenied
    initial = {"elected_on": today()}
    if _int(request.GET.get("unit")):
        initial["unit"] = _int(request.GET.get("unit"))
    form = BoardForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            board = services.board_create(
                actor=request.user,
                unit=data["unit"],
                elected_on=data["elected_on"],
                term_from=data["term_from"],
                recognised_on=data["recognised_on"],
                note=data["note"],
                members=form.members(),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận Ban Thanh tra nhân dân."))
            return redirect("democracy:board_detail", pk=board.pk)
    return render(request, "democracy/board_form.html", {"form": form, "title": _("Ban Thanh tra nhân dân mới")})


@login_required
@require_http_methods(["GET", "POST"])
def board_detail(request, pk):
    board = get_object_or_404(selectors.boards(request.user), pk=pk)
    can_manage = permissions.can(request.user, Cap.MANAGE_INSPECTION, board.unit, allow_past=True)
    form = InspectionForm(request.POST or None, initial={"starts_on": today()})
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.inspection_create(actor=request.user, board=board, **form.cleaned_data)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Đã ghi nhận kế hoạch kiểm tra."))
                return redirect("democracy:board_detail", pk=board.pk)
    inspections = [
        (i, compliance.inspection_flag(i, board.rule_set))
        for i in board.inspections.select_related("petition").order_by("-starts_on", "-id")
    ]
    return render(
        request,
        "democracy/board_detail.html",
        {
            "board": board,
            "members": board.members.select_related("village__type"),
            "inspections": inspections,
            "form": form,
            "can_manage": can_manage,
            "history": _history(board),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def inspection_detail(request, pk):
    inspection = selectors.inspection_get(user=request.user, pk=pk)
    board = inspection.board
    can_manage = permissions.can(request.user, Cap.MANAGE_INSPECTION, board.unit, allow_past=True)
    form = InspectionResultForm(
        request.POST or None,
        initial={
            "version": inspection.version,
            "result_on": inspection.result_on or today(),
            "findings": inspection.findings,
        },
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                services.inspection_result(actor=request.user, inspection=inspection, expected_version=version, **data)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                if inspection.petition_id:
                    messages.success(
                        request, _("Đã lưu kết quả và chuyển kiến nghị số %(n)s.") % {"n": inspection.petition.pk}
                    )
                else:
                    messages.success(request, _("Đã lưu kết quả kiểm tra."))
                return redirect("democracy:inspection_detail", pk=inspection.pk)
    return render(
        request,
        "democracy/inspection_detail.html",
        {
            "inspection": inspection,
            "board": board,
            "flag": compliance.inspection_flag(inspection, board.rule_set),
            "form": form,
            "can_manage": can_manage,
            "history": _history(inspection),
        },
    )


# --- The rules ----------------------------------------------------------------------------------------------


@login_required
def rules(request):
    rule_sets = RuleSet.objects.order_by("valid_from")
    selected = _int(request.GET.get("van_ban"))
    current = next((r for r in rule_sets if r.pk == selected), None) or RuleSet.objects.valid_on(today()).first()
    current = current or rule_sets.last()
    return render(
        request,
        "democracy/rules.html",
        {
            "rule_sets": rule_sets,
            "current": current,
            "items": current.items.prefetch_related("forms") if current else [],
            "matters": DecisionMatter.objects.filter(rule_set=current).prefetch_related("rules") if current else [],
            "consultation_matters": current.consultation_matters.all() if current else [],
            "consultation_forms": current.consultation_forms.all() if current else [],
            "is_admin": permissions.can(request.user, Cap.MANAGE_REFERENCE),
        },
    )
