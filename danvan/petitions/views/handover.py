"""Hand-over of the work left at bodies that ended (issue 13): the list of ended bodies still holding open
kiến nghị in the user's reach, each with a form choosing its successor among the bodies existing today."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from danvan.core import dates, permissions
from danvan.core.forms import date_field
from danvan.core.permissions import Cap

from .. import selectors, services
from ..services.handover import MAX_LEGAL_BASIS


class HandOverForm(forms.Form):
    to_body = forms.ModelChoiceField(
        label=gettext_lazy("Cơ quan tiếp nhận"),
        queryset=None,
        error_messages={
            "required": gettext_lazy("Vui lòng chọn cơ quan tiếp nhận."),
            "invalid_choice": gettext_lazy("Cơ quan tiếp nhận không hợp lệ hoặc ngoài phạm vi của bạn."),
        },
    )
    on = date_field(gettext_lazy("Ngày chuyển giao"))
    legal_basis = forms.CharField(
        label=gettext_lazy("Căn cứ"),
        max_length=MAX_LEGAL_BASIS,
        error_messages={"required": gettext_lazy("Vui lòng nhập căn cứ chuyển giao.")},
        help_text=gettext_lazy("Văn bản sắp xếp, ví dụ: Nghị quyết 1665/NQ-UBTVQH15 ngày 16/6/2025."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_body"].queryset = selectors.successor_bodies(user)
        self.fields["to_body"].label_from_instance = lambda b: f"{b.name} ({b.unit.full_name})"
        for name, field in self.fields.items():
            field.widget.attrs["class"] = (
                "form-select form-select-sm" if name == "to_body" else "form-control form-control-sm"
            )


def _form_for(user, group: dict) -> HandOverForm:
    ended = group["body"].valid_to
    return HandOverForm(user=user, prefix=f"b{group['body'].pk}", initial={"on": ended + datetime.timedelta(days=1)})


@login_required
def handover(request):
    """Ended bodies with open items, for whoever routes kiến nghị (Cap.ROUTE_PETITIONS)."""
    if not permissions.can(request.user, Cap.ROUTE_PETITIONS):
        raise PermissionDenied
    groups = selectors.stuck_at_ended_bodies(request.user)
    successors = list(selectors.successor_bodies(request.user))
    for group in groups:
        group["form"] = _form_for(request.user, group)
        group["form"].fields["to_body"].choices = [("", "---------")] + [
            (b.pk, f"{b.name} ({b.unit.full_name})") for b in successors
        ]
    return render(request, "petitions/handover.html", {"groups": groups, "today": dates.today()})


@login_required
@require_http_methods(["POST"])
def handover_body(request, pk):
    body = selectors.ended_body_for(request.user, pk)
    if body is None:
        raise Http404
    if not permissions.can(request.user, Cap.ROUTE_PETITIONS, body.unit, allow_past=True):
        raise PermissionDenied
    form = HandOverForm(request.POST, user=request.user, prefix=f"b{body.pk}")
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("petitions:handover")
    d = form.cleaned_data
    try:
        moved = services.petitions_hand_over(
            actor=request.user, from_body=body, to_body=d["to_body"], legal_basis=d["legal_basis"], on=d["on"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Đã chuyển giao %(n)s kiến nghị từ %(a)s sang %(b)s.") % {"n": moved, "a": body, "b": d["to_body"]},
        )
    return redirect("petitions:handover")
