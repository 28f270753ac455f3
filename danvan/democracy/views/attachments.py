"""Files of any democracy record."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core import access

from .. import services
from ..forms import AttachmentForm
from ..models import CommunityDecision, Consultation, Dialogue, Disclosure

# --- Attachments --------------------------------------------------------------------------------------------

KINDS = {"disclosure": Disclosure, "decision": CommunityDecision, "consultation": Consultation, "dialogue": Dialogue}


def _owner(request, kind, pk):
    if kind not in KINDS:
        raise Http404
    return access.get_for_user(request.user, KINDS[kind], pk)


@login_required
@require_POST
def attachment_add(request, kind, pk):
    obj = _owner(request, kind, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(actor=request.user, obj=obj, uploads=form.cleaned_data["attachments"])
        except ValidationError as error:
            for messages_ in error.message_dict.values():
                for message in messages_:
                    messages.error(request, message)
        else:
            messages.success(request, _("Đã thêm tệp."))
    else:
        messages.error(request, _("Vui lòng chọn tệp hợp lệ."))
    return redirect(f"democracy:{kind}_detail", pk=obj.pk)


@login_required
def attachment_download(request, kind, pk, attachment_pk):
    obj = _owner(request, kind, pk)
    attachment = get_object_or_404(obj.attachments, pk=attachment_pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)
