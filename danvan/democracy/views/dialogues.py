"""Screens of dialogues."""

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core import access, dates
from danvan.core.permissions import Cap
from danvan.core.services.common import fmt

from .. import services, statistics
from ..forms import DialogueForm
from ..models import Dialogue
from .common import _detail, _list, _record_create, _record_edit

# --- Dialogues ----------------------------------------------------------------------------------------------


@login_required
def dialogue_list(request):
    return _list(
        request,
        model=Dialogue,
        date_field="held_on",
        title=_("Hội nghị đối thoại"),
        heading_cap=Cap.RECORD_DEMOCRACY,
        create_url="democracy:dialogue_create",
        columns=[_("Chủ đề"), _("Xã"), _("Ngày đối thoại"), _("Kết quả")],
        row=lambda d: (
            reverse("democracy:dialogue_detail", args=[d.pk]),
            [
                d.title,
                d.unit.full_name,
                fmt(d.held_on),
                _("công bố %(d)s") % {"d": fmt(d.results_on)} if d.results_on else _("chưa công bố"),
            ],
            "",
        ),
        export_headers=[
            _("Mã số"),
            _("Xã"),
            _("Chủ đề"),
            _("Ngày thông báo"),
            _("Ngày đối thoại"),
            _("Số người dự"),
            _("Theo yêu cầu cử tri"),
            _("Ngày công bố kết quả"),
            _("Văn bản áp dụng"),
        ],
        export_row=lambda d: (
            d.pk,
            d.unit.full_name,
            d.title,
            d.notice_on,
            d.held_on,
            d.participants,
            _("Có") if d.requested else "",
            d.results_on,
            d.rule_set.short_name,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_create(request):
    return _record_create(
        request,
        form_class=DialogueForm,
        service=services.dialogue_create,
        title=_("Ghi nhận hội nghị đối thoại"),
        back="democracy:dialogue_list",
        detail="democracy:dialogue_detail",
    )


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_edit(request, pk):
    d = access.get_for_user(request.user, Dialogue, pk)
    return _record_edit(
        request,
        d,
        form_class=DialogueForm,
        service=services.dialogue_update,
        key="dialogue",
        fields=services.DIALOGUE_FIELDS,
        detail="democracy:dialogue_detail",
    )


@login_required
def dialogue_detail(request, pk):
    d = access.get_for_user(request.user, Dialogue, pk)
    flags = statistics.dialogue_flags(d, d.rule_set, dates.today()) if d.rule_set.dialogue_required else []
    fields = [
        (_("Xã"), d.unit.full_name),
        (_("Văn bản áp dụng"), d.rule_set.name),
        (_("Ngày thông báo"), fmt(d.notice_on)),
        (_("Ngày đối thoại"), fmt(d.held_on)),
        (_("Địa điểm"), d.place or "—"),
        (_("Người chủ trì"), d.chair or "—"),
        (_("Số người dự"), d.participants),
        (_("Theo yêu cầu của cử tri"), _("Có") if d.requested else _("Không")),
        (_("Kết quả đối thoại"), (fmt(d.results_on) + ": " + d.results) if d.results_on else _("Chưa công bố")),
    ]
    return _detail(
        request,
        d,
        d.title,
        fields,
        "dialogue",
        flags=flags,
        can_edit=access.can(request.user, "change", d),
    )
