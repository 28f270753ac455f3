"""Administrators' screens for reference data. Modules register their own tables in REFERENCE_MODELS."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import dates, permissions
from ..forms import ReferenceItemForm, apply_service_errors
from ..models import BodyType, PartyOrgType, Role, UnitLevel, UnitType
from ..permissions import Cap
from ..services.reference import reference_item_create, reference_item_update

REFERENCE_MODELS = {
    "cap-hanh-chinh": UnitLevel,
    "loai-don-vi": UnitType,
    "loai-to-chuc-dang": PartyOrgType,
    "loai-co-quan": BodyType,
    "vai-tro": Role,
}


def register(slug: str, model) -> None:
    REFERENCE_MODELS.setdefault(slug, model)


def _model(slug):
    model = REFERENCE_MODELS.get(slug)
    if model is None:
        raise Http404
    return model


BASE_FIELDS = {"code", "name", "position", "note", "needs_verification", "valid_from", "valid_to"}


def creatable(model) -> bool:
    """Items whose other columns all have defaults can be added here; the others (a unit type needs a level,
    a disclosure content its instrument) come with the data migrations of their module."""
    return all(
        f.auto_created
        or f.name in BASE_FIELDS
        or (model is UnitLevel and f.name == "rank")  # the view derives it from the position
        or f.null
        or f.blank
        or f.has_default()
        for f in model._meta.concrete_fields
    )


def _require(request):
    if not permissions.can(request.user, Cap.MANAGE_REFERENCE):
        raise PermissionDenied


@login_required
def reference_index(request):
    _require(request)
    tables = [
        (
            slug,
            model._meta.verbose_name_plural,
            model.objects.count(),
            model.objects.filter(needs_verification=True).count(),
        )
        for slug, model in REFERENCE_MODELS.items()
    ]
    return render(request, "core/reference_index.html", {"tables": tables})


@login_required
def reference_list(request, kind):
    _require(request)
    model = _model(kind)
    return render(
        request,
        "core/reference_list.html",
        {
            "kind": kind,
            "model_name": model._meta.verbose_name_plural,
            "items": model.objects.all(),
            "creatable": creatable(model),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def reference_edit(request, kind, pk=None):
    _require(request)
    model = _model(kind)
    item = None if pk is None else get_object_or_404(model, pk=pk)
    initial = (
        {"valid_from": dates.today(), "position": 0}
        if item is None
        else {
            "version": item.version,
            "code": item.code,
            "name": item.name,
            "position": item.position,
            "valid_from": item.valid_from,
            "valid_to": item.valid_to,
            "note": item.note,
            "needs_verification": item.needs_verification,
        }
    )
    form = ReferenceItemForm(request.POST or None, initial=initial)
    if item is not None:
        form.fields["code"].disabled = True
    if item is None and not creatable(model):
        raise Http404  # e.g. a unit type needs a level and a prefix: added by a data migration
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        extra = {"rank": item.rank if item else data["position"]} if model is UnitLevel else None
        values = {
            "name": data["name"],
            "position": data["position"],
            "valid_from": data["valid_from"],
            "valid_to": data["valid_to"],
            "note": data["note"],
            "needs_verification": data["needs_verification"],
            "extra": extra,
        }
        try:
            if item is None:
                reference_item_create(actor=request.user, model=model, code=data["code"], **values)
            else:
                reference_item_update(
                    actor=request.user, item=item, expected_version=data["version"], code=item.code, **values
                )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu danh mục."))
            return redirect("core:reference_list", kind=kind)
    return render(
        request,
        "core/form.html",
        {"form": form, "object": item, "title": f"{model._meta.verbose_name}: {item or _('thêm mới')}"},
    )
