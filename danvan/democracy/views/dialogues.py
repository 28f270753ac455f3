"""Screens of dialogues."""

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core import access, dates
from danvan.core.services.common import fmt

from .. import listings, services, statistics
from ..forms import DialogueForm
from ..models import Dialogue
from .common import _detail, _list, _record_create, _record_edit

# --- Dialogues ----------------------------------------------------------------------------------------------


@login_required
def dialogue_list(request):
    return _list(request, listings.DialogueListing())


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
