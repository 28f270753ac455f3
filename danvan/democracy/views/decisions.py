"""Screens of community votes, with recognition and implementation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core import access, dates
from danvan.core.forms import apply_service_errors
from danvan.core.permissions import Cap
from danvan.core.services.common import fmt

from .. import selectors, services, statistics
from ..forms import AttachmentForm, DecisionForm, ImplementForm, RecogniseForm
from ..models import CommunityDecision, VoteRule
from .common import _data, _history, _list

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


@login_required
@require_http_methods(["GET", "POST"])
def decision_detail(request, pk):
    d = access.get_for_user(
        request.user, CommunityDecision, pk, related=("place__type", "matter", "rule", "recognised_by")
    )
    user = request.user
    can_recognise = d.state == CommunityDecision.State.RECORDED and access.can(user, "recognise", d)
    can_implement = d.state in (CommunityDecision.State.RECOGNISED, CommunityDecision.State.IMPLEMENTING) and (
        access.can(user, "change", d)
    )
    bodies = selectors.recogniser_bodies(d)
    recognise_form = RecogniseForm(
        request.POST if request.POST.get("action") == "recognise" else None,
        bodies=bodies,
        initial={"version": d.version, "day": dates.today(), "body": bodies.first()},
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
            "flags": statistics.election_flags(d, rule_set) if d.is_election else [],
            "recognition_deadline": compliance_deadline(d),
            "can_recognise": can_recognise,
            "can_implement": can_implement,
            "recognise_form": recognise_form,
            "implement_form": implement_form,
            "attachments": d.attachments.all(),
            "attachment_form": AttachmentForm(),
            "attach_url": reverse("democracy:attachment_add", args=["decision", d.pk]),
            "can_edit": access.can(user, "change", d),
            "history": _history(d),
        },
    )


def compliance_deadline(d: CommunityDecision):
    if not d.passed:
        return None
    from danvan.core.workdays import add_working_days

    return add_working_days(d.held_on, d.rule_set.recognition_working_days)
