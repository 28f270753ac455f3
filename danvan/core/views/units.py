from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import access, dates, listings, permissions, pickers, selectors
from ..forms import ReorganizationForm, UnitCreateForm, UnitEditForm, apply_service_errors
from ..lists import list_page
from ..models import Unit
from ..permissions import Cap
from ..search import search
from ..services import units as unit_services


@login_required
def unit_list(request):
    context = {"can_create": permissions.can(request.user, Cap.MANAGE_UNITS)}
    return list_page(request, listings.UnitListing(), "core/unit_list.html", context)


@login_required
def unit_tree(request):
    as_of = dates.as_of(request.GET.get("ngay"))
    roots = selectors.unit_tree_roots(user=request.user, as_of=as_of)
    counts = selectors.unit_children_counts([v.unit_id for v in roots], as_of, user=request.user)
    return render(
        request,
        "core/unit_tree.html",
        {
            "roots": [(v, counts.get(v.unit_id, 0)) for v in roots],
            "as_of": as_of,
        },
    )


@login_required
def unit_tree_children(request, pk):
    unit = access.get_for_user(request.user, Unit, pk, related=("parent__type",))
    as_of = dates.as_of(request.GET.get("ngay"))
    children = list(selectors.unit_tree_children(user=request.user, parent=unit, as_of=as_of))
    counts = selectors.unit_children_counts([v.unit_id for v in children], as_of, user=request.user)
    return render(
        request,
        "core/unit_tree.html#children",
        {
            "children": [(v, counts.get(v.unit_id, 0)) for v in children],
            "as_of": as_of,
        },
    )


@login_required
def unit_detail(request, pk):
    unit = access.get_for_user(request.user, Unit, pk, related=("parent__type",))
    # By default: today for a current unit, its last day for an ended one, its first day for a future one.
    is_current = unit.is_valid_on(dates.today())
    default_day = dates.today() if is_current else (unit.valid_to or unit.valid_from)
    as_of = dates.as_of(request.GET.get("ngay"), default_day)
    children = list(selectors.unit_tree_children(user=request.user, parent=unit, as_of=as_of))
    return render(
        request,
        "core/unit_detail.html",
        {
            "unit": unit,
            "as_of": as_of,
            "is_current": is_current,
            "ancestors": selectors.unit_ancestors(unit, as_of=as_of),
            "versions": unit.versions.select_related("type", "parent__type", "reorganization").order_by("valid_from"),
            "children": children,
            "predecessors": selectors.unit_predecessors(unit),
            "successors": []
            if unit.is_valid_on(dates.today())
            else selectors.unit_successors(unit, as_of=dates.today(), user=request.user),
            "reorganizations": unit.reorganizations.order_by("-effective_date"),
            # an ended unit shows the bodies and Party organisations it had (they ended with it)
            "bodies": selectors.body_list(user=request.user, unit=unit, current_only=is_current)[:50],
            "party_orgs": selectors.party_org_list(user=request.user, unit=unit, current_only=is_current)[:50],
            "orphan_orgs": selectors.party_orgs_without_superior(user=request.user, unit=unit)[:200]
            if is_current
            else [],
            "history": selectors.audit_for(unit),
            "can_edit": access.can(request.user, "change", unit),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request):
    if not permissions.can(request.user, Cap.MANAGE_UNITS):
        raise PermissionDenied
    form = UnitCreateForm(request.POST or None, user=request.user, initial={"valid_from": dates.today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = unit_services.unit_create(
                actor=request.user,
                name=data["name"],
                unit_type=data["unit_type"],
                parent=data["parent"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                code=data["code"],
                note=data["note"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã thêm %(unit)s.") % {"unit": unit})
            return redirect("core:unit_detail", pk=unit.pk)
    return render(
        request, "core/form.html", {"form": form, "title": _("Thêm đơn vị hành chính"), "back": "core:unit_list"}
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request, pk):
    unit = access.get_for_user(request.user, Unit, pk, write=True, related=("parent__type",))
    initial = {
        "version": unit.version,
        "name": unit.name,
        "code": unit.code,
        "valid_to": unit.valid_to,
        "note": unit.note,
    }
    form = UnitEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit_services.unit_update(
                actor=request.user,
                unit=unit,
                expected_version=data["version"],
                name=data["name"],
                code=data["code"],
                note=data["note"],
                valid_to=data["valid_to"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu %(unit)s.") % {"unit": unit})
            return redirect("core:unit_detail", pk=unit.pk)
    return render(
        request, "core/form.html", {"form": form, "title": _("Sửa %(unit)s") % {"unit": unit}, "object": unit}
    )


@login_required
def reorganization_list(request):
    context = {"can_create": permissions.can(request.user, Cap.MANAGE_UNITS)}
    return list_page(request, listings.ReorganizationListing(), "core/reorganization_list.html", context)


@login_required
def reorganization_detail(request, pk):
    reorg = get_object_or_404(selectors.reorganization_list(user=request.user), pk=pk)
    visible = permissions.scope_unit_ids(request.user)
    successions = reorg.successions.select_related("predecessor__type", "successor__type")
    versions = reorg.versions.select_related("unit__type", "type", "parent__type").order_by("unit__sort_key")
    if visible is not None:  # name only units in scope
        successions = successions.filter(predecessor__in=visible, successor__in=visible)
        versions = versions.filter(unit__in=visible)
    return render(
        request,
        "core/reorganization_detail.html",
        {
            "reorg": reorg,
            "successions": successions,
            "versions": versions,
            "history": selectors.audit_for(reorg),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def reorganization_create(request):
    if not permissions.can(request.user, Cap.MANAGE_UNITS):
        raise PermissionDenied
    if request.method == "POST":
        form = ReorganizationForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                reorg = unit_services.reorganization_create(
                    actor=request.user,
                    kind=data["kind"],
                    legal_basis=data["legal_basis"],
                    effective_date=data["effective_date"],
                    note=data["note"],
                    units=list(data["units"]),
                    into=data["into"],
                    new_units=form.new_unit_specs(),
                    new_name=data["new_name"],
                    new_type=data["new_type"],
                    moved=list(data["moved"]),
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Đã ghi nhận sự kiện sắp xếp %(reorg)s.") % {"reorg": reorg})
                return redirect("core:reorganization_detail", pk=reorg.pk)
    else:
        # A change of kind re-renders the form (htmx) with what was typed so far, without errors.
        initial = {
            key: request.GET.getlist(key) if key in ("units", "moved") else request.GET.get(key) for key in request.GET
        }
        form = ReorganizationForm(user=request.user, initial={"kind": "merge", **initial})
    template = "core/reorganization_form.html#form" if request.htmx else "core/reorganization_form.html"
    return render(request, template, {"form": form})


@login_required
def unit_options(request):
    """Options for a unit picker: the selected units, then up to 50 units of the picker's purpose that match
    what was typed (accent-insensitive). Nothing outside the user's scope can appear."""
    make_queryset = pickers.PURPOSES.get(request.GET.get("muc_dich", "view"))
    if make_queryset is None:
        raise Http404
    name = request.GET.get("ten", "")
    units = make_queryset(request.user)
    # A dated record's picker: the units of the day typed in the form (or shown with it), named as then.
    day = dates.parse(request.GET.get(request.GET.get("ngay_ten") or "ngay")) or dates.parse(request.GET.get("ngay"))
    if day is not None:
        units = units.filter(pk__in=Unit.objects.valid_on(day).values("pk"))
    selected_ids = [pk for pk in request.GET.getlist(name) if pk.isdigit()]
    selected = list(units.filter(pk__in=selected_ids))
    # The whole list when a date change refreshes an inline picker (`tat_ca`), else the first 50 matches.
    limit = pickers.INLINE_LIMIT if request.GET.get("tat_ca") and not request.GET.get(f"_tim_{name}") else 50
    matches = list(search(units.exclude(pk__in=selected_ids), request.GET.get(f"_tim_{name}", ""))[: limit + 1])
    labels = pickers.labels_as_of([*selected, *matches[:limit]], day)
    options = [(u, labels[u.pk], True) for u in selected] + [(u, labels[u.pk], False) for u in matches[:limit]]
    return render(
        request,
        "core/widgets/unit_options.html",
        {
            "options": options,
            "more": len(matches) > limit,
            "single": request.GET.get("don") == "1",
        },
    )
