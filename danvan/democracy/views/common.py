"""What the screens of every democracy record share: the list with its filters and Excel export, the
entry form page, the generic create, edit and detail screens, the history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.core import access, dates, permissions
from danvan.core import selectors as core_selectors
from danvan.core.exporting import xlsx_response
from danvan.core.forms import ListUnitForm, apply_service_errors
from danvan.core.models import Unit
from danvan.core.permissions import Cap
from danvan.core.views.helpers import paginate, render_list, wants_export

from .. import selectors
from ..forms import AttachmentForm


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
            "years": range(dates.today().year, 2006, -1),
            "unit_form": ListUnitForm(initial={"don_vi": unit.pk if unit else None}, user=request.user),
            "columns": columns,
            "rows": [row(r) for r in page],
            "can_create": access.can_somewhere(request.user, heading_cap),
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
