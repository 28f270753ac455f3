"""Time limits and answer templates (reference data)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core import access, audit
from danvan.core.permissions import Cap
from danvan.core.services.common import check_day, optional_text, required_text, save_versioned
from danvan.core.text import fold

from ..models import AnswerTemplate, Petition, ResolutionTime

# --- time limits and answer templates (reference data) ----------------------------------------------------


def _require_reference(actor) -> None:
    access.require_on(actor, Cap.MANAGE_REFERENCE)


@transaction.atomic
def resolution_time_set(
    *, actor, kind: str, level, working_days: int | None, valid_from: datetime.date | None, legal_basis: str = ""
) -> ResolutionTime:
    """A new time limit from `valid_from`: the limit in force then ends the day before (items already routed
    keep the limit they were given)."""
    _require_reference(actor)
    if kind not in Petition.Kind.values:
        raise ValidationError({"kind": _("Phân loại không hợp lệ.")})
    if level is None:
        raise ValidationError({"level": _("Vui lòng chọn cấp giải quyết.")})
    if working_days is None or not 1 <= working_days <= 365:
        raise ValidationError({"working_days": _("Số ngày làm việc phải từ 1 đến 365.")})
    if valid_from is None:
        raise ValidationError({"valid_from": _("Vui lòng nhập ngày bắt đầu hiệu lực.")})
    check_day(valid_from, "valid_from")
    basis = optional_text(legal_basis, "legal_basis", 300)
    later = ResolutionTime.objects.filter(kind=kind, level=level, valid_from__gt=valid_from)
    if later.exists():
        raise ValidationError({"valid_from": _("Đã có thời hạn bắt đầu sau ngày này; sửa thời hạn đó trước.")})
    current = ResolutionTime.objects.valid_on(valid_from).filter(kind=kind, level=level).first()
    if current is not None and current.valid_from == valid_from:
        before = audit.snapshot(current, ["working_days", "legal_basis"])
        current.working_days, current.legal_basis = working_days, basis
        save_versioned(current, None, ["working_days", "legal_basis"])
        audit.record_update(actor=actor, obj=current, before=before, fields=["working_days", "legal_basis"])
        return current
    if current is not None:
        before = audit.snapshot(current, ["valid_to"])
        current.valid_to = valid_from - datetime.timedelta(days=1)
        save_versioned(current, None, ["valid_to"])
        audit.record_update(actor=actor, obj=current, before=before, fields=["valid_to"])
    row = ResolutionTime.objects.create(
        kind=kind, level=level, working_days=working_days, valid_from=valid_from, legal_basis=basis
    )
    audit.record_create(actor=actor, obj=row, fields=["kind", "level", "working_days", "valid_from", "legal_basis"])
    return row


TEMPLATE_ACTIONS = {
    "answered": gettext_lazy("Trả lời"),
    "not_competent": gettext_lazy("Không thuộc thẩm quyền"),
    "info_requested": gettext_lazy("Đề nghị bổ sung thông tin"),
    "handed_down": gettext_lazy("Giao cơ sở tự giải quyết"),
}


TEMPLATE_FIELDS = ["name", "action", "text"]


def _answer_template_values(actor, *, name: str, action: str, text: str) -> tuple[str, str, str]:
    _require_reference(actor)
    title = required_text(name, "name", 200)
    if action not in TEMPLATE_ACTIONS:
        raise ValidationError({"action": _("Vui lòng chọn khi nào dùng mẫu.")})
    return title, action, required_text(text, "text", 5000)


@transaction.atomic
def answer_template_create(*, actor, name: str, action: str, text: str) -> AnswerTemplate:
    """A new answer template, its code made from its name."""
    from django.utils.text import slugify

    title, action, body = _answer_template_values(actor, name=name, action=action, text=text)
    code = slugify(fold(title))[:40] or "mau"
    while AnswerTemplate.objects.filter(code=code).exists():
        code = f"{code[:36]}-{AnswerTemplate.objects.count() + 1}"
    row = AnswerTemplate.objects.create(
        code=code,
        name=title,
        action=action,
        text=body,
        valid_from=datetime.date(1945, 9, 2),
        position=AnswerTemplate.objects.count(),
    )
    audit.record_create(actor=actor, obj=row, fields=TEMPLATE_FIELDS)
    return row


@transaction.atomic
def answer_template_update(
    *, actor, answer_template: AnswerTemplate, expected_version: int | None, name: str, action: str, text: str
) -> AnswerTemplate:
    title, action, body = _answer_template_values(actor, name=name, action=action, text=text)
    before = audit.snapshot(answer_template, TEMPLATE_FIELDS)
    answer_template.name, answer_template.action, answer_template.text = title, action, body
    save_versioned(answer_template, expected_version, TEMPLATE_FIELDS)
    audit.record_update(actor=actor, obj=answer_template, before=before, fields=TEMPLATE_FIELDS)
    return answer_template
