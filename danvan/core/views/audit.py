from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .. import listings, permissions
from ..lists import list_page
from ..permissions import Cap


@login_required
def audit_log(request):
    if not permissions.can(request.user, Cap.VIEW_AUDIT):
        raise PermissionDenied
    return list_page(request, listings.AuditListing(), "core/audit_log.html")
