from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import access, dates, listings, permissions
from ..forms import AccountForm, MembershipEndForm, MembershipForm, apply_service_errors
from ..lists import list_page
from ..models import Membership
from ..permissions import Cap
from ..services import accounts as services


def _require_admin(request):
    if not permissions.can(request.user, Cap.MANAGE_MEMBERSHIPS):
        raise PermissionDenied


@login_required
def membership_list(request):
    _require_admin(request)
    return list_page(request, listings.MembershipListing(), "core/membership_list.html")


@login_required
@require_http_methods(["GET", "POST"])
def membership_create(request):
    _require_admin(request)
    form = MembershipForm(request.POST or None, user=request.user, initial={"valid_from": dates.today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.membership_create(
                actor=request.user,
                user=data["user"],
                role=data["role"],
                unit=data["unit"],
                body=data["body"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                note=data["note"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã phân quyền cho %(u)s.") % {"u": data["user"]})
            return redirect("core:membership_list")
    return render(request, "core/form.html", {"form": form, "title": _("Phân quyền"), "back": "core:membership_list"})


@login_required
@require_http_methods(["GET", "POST"])
def membership_end(request, pk):
    _require_admin(request)
    membership = access.get_for_user(request.user, Membership, pk, write=True)
    form = MembershipEndForm(request.POST or None, initial={"version": membership.version, "valid_to": dates.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(
                actor=request.user,
                membership=membership,
                expected_version=form.cleaned_data["version"],
                valid_to=form.cleaned_data["valid_to"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã kết thúc phân quyền."))
            return redirect("core:membership_list")
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "object": membership,
            "back": "core:membership_list",
            "title": _("Kết thúc phân quyền: %(m)s") % {"m": membership},
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def account_create(request):
    _require_admin(request)
    form = AccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.account_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã tạo tài khoản %(u)s. Hãy phân quyền cho tài khoản này.") % {"u": user})
            return redirect("core:membership_create")
    return render(
        request, "core/form.html", {"form": form, "title": _("Tạo tài khoản"), "back": "core:membership_list"}
    )
