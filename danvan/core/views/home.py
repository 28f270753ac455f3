from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import dates, permissions, selectors
from ..models import AuditEntry, Body, PartyOrg, Person, Unit
from ..navigation import panels


@login_required
def home(request):
    memberships = permissions.memberships(request.user).select_related("role", "unit__type", "body")
    return render(request, "core/home.html", {"memberships": memberships, "panels": panels(request)})


def scope_panel(request):
    """Counts of what the user's scope holds today, computed by the database."""
    user = request.user
    units = permissions.restrict(Unit.objects.valid_on(dates.today()), user, "pk")
    by_level = dict(units.values_list("level__name").annotate(n=Count("id")).order_by())
    return {
        "title": _("Địa bàn phụ trách"),
        "template": "core/panels/scope.html",
        "by_level": sorted(by_level.items(), key=lambda kv: -kv[1]),
        "party_orgs": permissions.restrict(PartyOrg.objects.valid_on(dates.today()), user).count(),
        "bodies": permissions.restrict(Body.objects.valid_on(dates.today()), user).count(),
        "people": permissions.restrict(Person.objects.filter(is_active=True), user).count(),
    }


def quick_actions_panel(request):
    """What this user's roles let them do from here, as one-click links."""
    user = request.user
    actions = [
        (permissions.Cap.MANAGE_PEOPLE, "core:person_create", _("Thêm cán bộ"), "person-plus"),
        (permissions.Cap.MANAGE_ORGS, "core:body_create", _("Thêm cơ quan"), "building-add"),
        (permissions.Cap.MANAGE_ORGS, "core:party_org_create", _("Thêm tổ chức đảng"), "flag"),
        (permissions.Cap.MANAGE_UNITS, "core:unit_create", _("Thêm đơn vị hành chính"), "plus-square"),
        (permissions.Cap.MANAGE_UNITS, "core:reorganization_create", _("Ghi nhận sự kiện sắp xếp"), "intersect"),
        (permissions.Cap.MANAGE_MEMBERSHIPS, "core:membership_create", _("Phân quyền"), "key"),
        (permissions.Cap.VIEW_AUDIT, "core:audit_log", _("Xem nhật ký thay đổi"), "journal-text"),
    ]
    allowed = permissions.caps_anywhere(user)
    links = [(url, label, icon) for cap, url, label, icon in actions if cap in allowed]
    if not links:
        return None
    return {"title": _("Thao tác nhanh"), "template": "core/panels/actions.html", "links": links}


def recent_changes_panel(request):
    entries = (
        selectors.audit_log(user=request.user)
        if permissions.can(request.user, permissions.Cap.VIEW_AUDIT)
        else AuditEntry.objects.filter(actor=request.user)
    )
    return {
        "title": _("Thay đổi gần đây"),
        "template": "core/panels/recent.html",
        "entries": entries.select_related("content_type")[:8],
    }


def reorganizations_panel(request):
    reorgs = selectors.reorganization_list(user=request.user)[:5]
    return (
        {"title": _("Sắp xếp đơn vị gần đây"), "template": "core/panels/reorganizations.html", "reorgs": reorgs}
        if reorgs
        else None
    )


@login_required
def global_search(request):
    """One box that finds units, Party organisations, bodies and people, accents or not."""
    query = request.GET.get("q", "").strip()
    results = []
    if query:
        results = [
            (
                _("Đơn vị hành chính"),
                "core:unit_detail",
                selectors.unit_list(user=request.user, query=query, include_ended=True)[:10],
            ),
            (_("Tổ chức đảng"), "core:party_org_detail", selectors.party_org_list(user=request.user, query=query)[:10]),
            (_("Cơ quan"), "core:body_detail", selectors.body_list(user=request.user, query=query)[:10]),
            (_("Cán bộ"), "core:person_detail", selectors.person_list(user=request.user, query=query)[:10]),
        ]
    return render(request, "core/search.html", {"query": query, "results": results})


@require_GET
def healthz(request):
    Unit.objects.exists()
    return HttpResponse("ok", content_type="text/plain")
