"""Party organisations, bodies and people: lists with search and export, detail pages, forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import access, dates, listings, names, permissions, selectors
from ..forms import BodyForm, PartyOrgChangeForm, PartyOrgForm, PersonForm, PositionForm, apply_service_errors
from ..lists import list_page
from ..models import Body, PartyOrg, Person
from ..permissions import Cap
from ..services import orgs as services


@login_required
def party_org_list(request):
    context = {"can_create": permissions.can(request.user, Cap.MANAGE_ORGS)}
    return list_page(request, listings.PartyOrgListing(), "core/party_org_list.html", context)


@login_required
def body_list(request):
    context = {"can_create": permissions.can(request.user, Cap.MANAGE_ORGS)}
    return list_page(request, listings.BodyListing(), "core/body_list.html", context)


@login_required
def person_list(request):
    context = {"can_create": permissions.can(request.user, Cap.MANAGE_PEOPLE)}
    return list_page(request, listings.PersonListing(), "core/person_list.html", context)


@login_required
def party_org_detail(request, pk):
    """The organisation as of a day (`?ngay=`; default today, or its last day once ended): its name, superior and
    unit of that day and the organisations under it then, with all its periods."""
    org = access.get_for_user(request.user, PartyOrg, pk, related=("type", "unit__type", "parent"))
    is_current = org.is_valid_on(dates.today())
    as_of = dates.as_of(request.GET.get("ngay"), dates.today() if is_current else (org.valid_to or org.valid_from))
    then = names.party_orgs_as_of([org.pk], as_of).get(org.pk)  # with its superior's name of that day
    versions = list(selectors.party_org_versions(org))
    version_then = ([v for v in versions if v.valid_from <= as_of] or versions)[-1:] if versions else []
    unit_id = then.unit_id if then else org.unit_id
    unit_then = names.names_as_of([unit_id], as_of, parents=False).get(unit_id)
    children = selectors.party_org_children(user=request.user, org=org, as_of=as_of)
    return render(
        request,
        "core/party_org_detail.html",
        {
            "org": org,
            "as_of": as_of,
            "is_current": is_current,
            "then": then,
            "version_then": version_then[0] if version_then else None,
            "unit_then": unit_then,
            "children": children,
            "versions": versions,
            "history": selectors.audit_for(org),
            "can_edit": access.can(request.user, "change", org),
        },
    )


@login_required
def body_detail(request, pk):
    body = access.get_for_user(request.user, Body, pk, related=("type", "unit__type", "parent"))
    positions = permissions.restrict(
        body.positions.valid_on(dates.today()).select_related("person"), request.user, "person__unit"
    ).order_by("person__sort_key")
    return render(
        request,
        "core/body_detail.html",
        {
            "body": body,
            "positions": positions,
            "children": permissions.restrict(body.children.valid_on(dates.today()), request.user).order_by("sort_key"),
            "history": selectors.audit_for(body),
            "can_edit": access.can(request.user, "change", body),
        },
    )


@login_required
def person_detail(request, pk):
    person = access.get_for_user(request.user, Person, pk, related=("unit__type", "user"))
    return render(
        request,
        "core/person_detail.html",
        {
            "person": person,
            "positions": person.positions.select_related("body", "unit__type").order_by("-valid_from"),
            "history": selectors.audit_for(person),
            "can_edit": access.can(request.user, "change", person),
        },
    )


def _edit(request, *, obj, form_class, cap, initial, save, title, back, detail):
    if obj is None and not permissions.can(request.user, cap):
        raise PermissionDenied
    if obj is not None:
        access.require(request.user, "change", obj)
    form = form_class(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu %(obj)s.") % {"obj": saved})
            return redirect(detail, pk=saved.pk)
    return render(request, "core/form.html", {"form": form, "title": title, "object": obj, "back": back})


def _fields(data, *names):
    return {name: data[name] for name in names}


@login_required
@require_http_methods(["GET", "POST"])
def party_org_edit(request, pk=None):
    org = None if pk is None else access.get_for_user(request.user, PartyOrg, pk)
    initial = (
        {"valid_from": dates.today()}
        if org is None
        else {
            "version": org.version,
            "name": org.name,
            "org_type": org.type_id,
            "unit": org.unit_id,
            "parent": org.parent_id,
            "is_upper_grassroots": org.is_upper_grassroots,
            "valid_from": org.valid_from,
            "valid_to": org.valid_to,
            "note": org.note,
        }
    )

    def save(data):
        values = _fields(
            data, "name", "org_type", "unit", "parent", "is_upper_grassroots", "valid_from", "valid_to", "note"
        )
        if org is None:
            return services.party_org_create(actor=request.user, **values)
        return services.party_org_update(actor=request.user, party_org=org, expected_version=data["version"], **values)

    return _edit(
        request,
        obj=org,
        form_class=PartyOrgForm,
        cap=Cap.MANAGE_ORGS,
        initial=initial,
        save=save,
        title=_("Sửa %(o)s") % {"o": org} if org else _("Thêm tổ chức đảng"),
        back="core:party_org_list",
        detail="core:party_org_detail",
    )


@login_required
@require_http_methods(["GET", "POST"])
def body_edit(request, pk=None):
    body = None if pk is None else access.get_for_user(request.user, Body, pk)
    initial = (
        {"valid_from": dates.today()}
        if body is None
        else {
            "version": body.version,
            "name": body.name,
            "body_type": body.type_id,
            "abbreviation": body.abbreviation,
            "unit": body.unit_id,
            "parent": body.parent_id,
            "email": body.email,
            "valid_from": body.valid_from,
            "valid_to": body.valid_to,
            "note": body.note,
        }
    )

    def save(data):
        values = _fields(
            data, "name", "body_type", "abbreviation", "unit", "parent", "email", "valid_from", "valid_to", "note"
        )
        if body is None:
            return services.body_create(actor=request.user, **values)
        return services.body_update(actor=request.user, body=body, expected_version=data["version"], **values)

    return _edit(
        request,
        obj=body,
        form_class=BodyForm,
        cap=Cap.MANAGE_ORGS,
        initial=initial,
        save=save,
        title=_("Sửa %(o)s") % {"o": body} if body else _("Thêm cơ quan"),
        back="core:body_list",
        detail="core:body_detail",
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, pk=None):
    person = None if pk is None else access.get_for_user(request.user, Person, pk)
    initial = (
        {"is_active": True}
        if person is None
        else {"version": person.version, **{name: getattr(person, name) for name in services.PERSON_FIELDS}}
    )

    def save(data):
        values = _fields(data, *services.PERSON_FIELDS)
        if person is None:
            return services.person_create(actor=request.user, **values)
        return services.person_update(actor=request.user, person=person, expected_version=data["version"], **values)

    return _edit(
        request,
        obj=person,
        form_class=PersonForm,
        cap=Cap.MANAGE_PEOPLE,
        initial=initial,
        save=save,
        title=_("Sửa %(o)s") % {"o": person} if person else _("Thêm cán bộ"),
        back="core:person_list",
        detail="core:person_detail",
    )


@login_required
@require_http_methods(["GET", "POST"])
def position_create(request, pk):
    person = access.get_for_user(request.user, Person, pk, write=True)
    form = PositionForm(request.POST or None, user=request.user, initial={"valid_from": dates.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.position_create(
                actor=request.user,
                person=person,
                **_fields(form.cleaned_data, "title", "body", "unit", "valid_from", "valid_to"),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã thêm chức vụ."))
            return redirect("core:person_detail", pk=person.pk)
    return render(
        request,
        "core/form.html",
        {"form": form, "object": person, "title": _("Thêm chức vụ cho %(p)s") % {"p": person}},
    )


@login_required
@require_http_methods(["GET", "POST"])
def party_org_change(request, pk):
    """Rename it, retype it or move it under another superior from a day; the days before keep their versions."""
    org = access.get_for_user(request.user, PartyOrg, pk, write=True, related=("type", "parent"))
    initial = {
        "version": org.version,
        "day": dates.today(),
        "name": org.name,
        "org_type": org.type_id,
        "parent": org.parent_id,
        "is_upper_grassroots": org.is_upper_grassroots,
    }
    form = PartyOrgChangeForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changed = {f: data[f] for f in ("name", "org_type", "parent", "is_upper_grassroots") if f in form.changed_data}
        try:
            services.party_org_change(
                actor=request.user, party_org=org, day=data["day"], expected_version=data["version"], **changed
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu %(obj)s.") % {"obj": org})
            return redirect(f"{reverse('core:party_org_detail', args=[org.pk])}?ngay={data['day']:%d/%m/%Y}")
    title = _("Thay đổi %(o)s từ một ngày") % {"o": org}
    context = {"form": form, "title": title, "object": org, "back": "core:party_org_list"}
    return render(request, "core/form.html", context)
