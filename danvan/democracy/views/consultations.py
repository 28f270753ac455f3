"""Screens of consultations."""

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core import access, dates
from danvan.core.permissions import Cap
from danvan.core.services.common import fmt

from .. import services
from ..forms import ConsultationEntryForm
from ..models import Consultation
from .common import _detail, _list, _record_create, _record_edit

# --- Consultations ------------------------------------------------------------------------------------------


@login_required
def consultation_list(request):
    return _list(
        request,
        model=Consultation,
        date_field="opened_on",
        title=_("Nhân dân tham gia ý kiến"),
        heading_cap=Cap.RECORD_DEMOCRACY,
        create_url="democracy:consultation_create",
        extra=("matter",),
        columns=[_("Dự thảo, vấn đề"), _("Xã"), _("Thời gian"), _("Ý kiến")],
        row=lambda c: (
            reverse("democracy:consultation_detail", args=[c.pk]),
            [
                c.title,
                c.unit.full_name,
                f"{fmt(c.opened_on)} – {fmt(c.closed_on)}",
                f"{c.answered}/{c.asked} · "
                + (_("đã công bố tiếp thu") if c.response_on else _("chưa công bố tiếp thu")),
            ],
            c.matter.name,
        ),
        export_headers=[
            _("Mã số"),
            _("Xã"),
            _("Nội dung"),
            _("Dự thảo, vấn đề"),
            _("Từ ngày"),
            _("Đến ngày"),
            _("Được hỏi"),
            _("Ý kiến nhận được"),
            _("Tán thành"),
            _("Không tán thành"),
            _("Ý kiến khác"),
            _("Ngày công bố tiếp thu"),
            _("Văn bản áp dụng"),
        ],
        export_row=lambda c: (
            c.pk,
            c.unit.full_name,
            c.matter.name,
            c.title,
            c.opened_on,
            c.closed_on,
            c.asked,
            c.answered,
            c.agree,
            c.disagree,
            c.other,
            c.response_on,
            c.rule_set.short_name,
        ),
    )


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
