"""Screens of disclosures."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core import access, dates
from danvan.core.forms import apply_service_errors
from danvan.core.permissions import Cap
from danvan.core.services.common import fmt

from .. import listings, services, statistics
from ..forms import DisclosureEntryForm
from ..models import Disclosure, DisclosureItem
from .common import _data, _detail, _form_page, _int, _list

# --- Disclosures --------------------------------------------------------------------------------------------


@login_required
def disclosure_list(request):
    return _list(request, listings.DisclosureListing())


@login_required
@require_http_methods(["GET", "POST"])
def disclosure_create(request):
    if not access.can_somewhere(request.user, Cap.RECORD_DEMOCRACY):
        raise PermissionDenied
    initial = {"started_on": dates.today()}
    if _int(request.GET.get("unit")):
        initial["unit"] = _int(request.GET.get("unit"))
    if _int(request.GET.get("item")):
        initial["item"] = _int(request.GET.get("item"))
        item = DisclosureItem.objects.filter(pk=initial["item"]).first()
        if item is not None:
            initial["title"] = item.name[:300]
            initial["channels"] = list(item.channels.values_list("pk", flat=True)[:1])
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
    d = access.get_for_user(request.user, Disclosure, pk, related=("item",))
    shortfall = statistics.shortfall(d.item, d)
    fields = [
        (_("Xã"), d.unit.full_name),
        (_("Nội dung"), d.item.name),
        (_("Văn bản áp dụng"), d.rule_set.name),
        (_("Hình thức"), "; ".join(f.name for f in d.channels.all())),
        (_("Thời gian"), f"{fmt(d.started_on)} – {fmt(d.ended_on)} ({d.days} " + _("ngày") + ")"),
        (_("Số ngày liên tục trên loa"), d.loudspeaker_days if d.loudspeaker_days is not None else "—"),
        (_("Quy định"), _minimums(d.item)),
        (
            _("Đánh giá"),
            statistics.status_label(statistics.Status.TOO_SHORT) + f": {shortfall}"
            if shortfall
            else _("Đủ thời gian theo quy định"),
        ),
        (_("Địa điểm"), d.place or "—"),
        (_("Người, bộ phận thực hiện"), d.done_by or "—"),
        (_("Ghi chú"), d.note or "—"),
    ]
    return _detail(request, d, d.title, fields, "disclosure", can_edit=access.can(request.user, "change", d))


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


@login_required
@require_http_methods(["GET", "POST"])
def disclosure_edit(request, pk):
    d = access.get_for_user(request.user, Disclosure, pk, related=("item",))
    if not access.can(request.user, "change", d):
        raise PermissionDenied
    initial = {k: getattr(d, k) for k in services.DISCLOSURE_FIELDS}
    initial.update(
        version=d.version, unit=d.unit_id, item=d.item_id, channels=list(d.channels.values_list("pk", flat=True))
    )
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
