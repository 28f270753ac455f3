"""What the screens of every democracy record share: the list page (democracy/listings.py), the entry form
page, the generic create, edit and detail screens with their files, the history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.core import access, attachments
from danvan.core import selectors as core_selectors
from danvan.core.forms import apply_service_errors
from danvan.core.lists import list_page
from danvan.core.permissions import Cap


def _int(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


def _list(request, listing, cap: Cap = Cap.RECORD_DEMOCRACY):
    """One list screen: its filters, paging, htmx partial and Excel of every matching row (core.lists)."""
    context = {"can_create": access.can_somewhere(request.user, cap), "create_url": reverse(listing.create_url)}
    return list_page(request, listing, "democracy/list.html", context)


def _form_page(request, form, title, back, **extra):
    return render(request, "democracy/form.html", {"form": form, "title": title, "back": back, **extra})


def _data(form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    data.pop("attachments", None)
    return data


def _history(obj):
    return core_selectors.audit_for(obj)


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
            "attachments": attachments.panel(request.user, obj),
            "history": _history(obj),
            **extra,
        },
    )


def _record_create(request, *, form_class, service, title, back, detail, initial=None):
    if not access.can_somewhere(request.user, Cap.RECORD_DEMOCRACY):
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
    if not access.can(request.user, "change", obj):
        raise PermissionDenied
    initial = {k: getattr(obj, k) for k in fields}
    initial.update(version=obj.version, unit=obj.unit_id)
    if hasattr(obj, "matter_id"):
        initial["matter"] = obj.matter_id
    if key == "consultation":
        initial["channels"] = list(obj.channels.values_list("pk", flat=True))
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
