from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .. import permissions, selectors
from ..exporting import xlsx_response
from ..models import AuditEntry
from ..permissions import Cap
from .helpers import paginate, parse_day, render_list, wants_export


@login_required
def audit_log(request):
    if not permissions.can(request.user, Cap.VIEW_AUDIT):
        raise PermissionDenied
    filters = {
        "actor": request.GET.get("nguoi", ""),
        "model": request.GET.get("loai", ""),
        "action": request.GET.get("hanh_dong", ""),
        "date_from": parse_day(request.GET.get("tu")),
        "date_to": parse_day(request.GET.get("den")),
    }
    entries = selectors.audit_log(user=request.user, **filters)
    if wants_export(request):
        return xlsx_response(
            "nhat-ky",
            _("Nhật ký thay đổi"),
            [_("Thời điểm"), _("Người thực hiện"), _("Hành động"), _("Loại"), _("Đối tượng"), _("Thay đổi")],
            (
                (e.at, e.actor_name, e.get_action_display(), e.content_type.name, e.object_repr, str(e.changes))
                for e in entries.iterator(chunk_size=2000)
            ),
        )
    page, params = paginate(request, entries)
    models = ContentType.objects.filter(app_label="core").exclude(
        model__in=["auditentry", "failedlogin", "unitrollup", "unitversion"]
    )
    return render_list(
        request,
        "core/audit_log.html",
        {
            "page": page,
            "params": params,
            "filters": filters,
            "models": models,
            "actions": AuditEntry.Action.choices,
        },
    )
