"""Screens of consultations."""

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core import access, dates
from danvan.core.services.common import fmt

from .. import listings, services
from ..forms import ConsultationEntryForm
from ..models import Consultation
from .common import _detail, _list, _record_create, _record_edit

# --- Consultations ------------------------------------------------------------------------------------------


@login_required
def consultation_list(request):
    return _list(request, listings.ConsultationListing())


@login_required
@require_http_methods(["GET", "POST"])
def consultation_create(request):
    return _record_create(
        request,
        form_class=ConsultationEntryForm,
        service=services.consultation_create,
        title=_("Ghi nhận đợt lấy ý kiến Nhân dân"),
        back="democracy:consultation_list",
        detail="democracy:consultation_detail",
        initial={"opened_on": dates.today()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def consultation_edit(request, pk):
    c = access.get_for_user(request.user, Consultation, pk)
    return _record_edit(
        request,
        c,
        form_class=ConsultationEntryForm,
        service=services.consultation_update,
        key="consultation",
        fields=services.CONSULTATION_FIELDS,
        detail="democracy:consultation_detail",
    )


@login_required
def consultation_detail(request, pk):
    c = access.get_for_user(request.user, Consultation, pk, related=("matter",))
    fields = [
        (_("Xã"), c.unit.full_name),
        (_("Nội dung lấy ý kiến"), c.matter.name),
        (_("Văn bản áp dụng"), c.rule_set.name),
        (_("Hình thức"), "; ".join(f.name for f in c.channels.all())),
        (_("Thời gian"), f"{fmt(c.opened_on)} – {fmt(c.closed_on)}"),
        (_("Được hỏi / trả lời"), f"{c.asked} / {c.answered}"),
        (_("Tán thành / không tán thành / ý kiến khác"), f"{c.agree} / {c.disagree} / {c.other}"),
        (
            _("Báo cáo tiếp thu, giải trình"),
            (fmt(c.response_on) + ": " + c.response) if c.response_on else _("Chưa công bố"),
        ),
    ]
    return _detail(request, c, c.title, fields, "consultation", can_edit=access.can(request.user, "change", c))
