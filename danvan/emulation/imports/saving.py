"""Saving the valid rows, each with its audit entry, and the workbook of the rejected rows."""

import datetime
import io

import xlsxwriter
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils.translation import gettext as _

from danvan.core import audit
from danvan.core.models import AuditEntry

from .. import services
from ..models import ImportJob, Initiative
from .common import BATCH, REJECTED_HEADER, SHEET


def _save(job: ImportJob, initiatives: list[Initiative]) -> int:
    """Bulk insert, then one audit entry per initiative (what `audit.record_create` writes for the form)."""
    user = job.user
    for initiative in initiatives:
        initiative.created_by = user
        initiative.import_job = job
    for start_at in range(0, len(initiatives), BATCH):
        Initiative.objects.bulk_create(initiatives[start_at : start_at + BATCH])
    content_type = ContentType.objects.get_for_model(Initiative)
    verb = _("Nhập từ Excel")
    name = user.get_username()
    reason = _("Tệp “%(f)s”, lượt nhập số %(j)s") % {"f": job.name, "j": job.pk}
    changes = _creation_changes()
    entries = [
        AuditEntry(
            actor=user,
            actor_name=name,
            action=AuditEntry.Action.CREATE,
            verb=verb,
            content_type=content_type,
            object_id=str(initiative.pk),
            object_repr=str(initiative)[:300],
            changes=changes(initiative),
            unit=initiative.unit,
            reason=reason,
        )
        for initiative in initiatives
    ]
    AuditEntry.objects.bulk_create(entries, batch_size=BATCH)
    if initiatives:
        audit.record(
            actor=user,
            obj=job,
            action=AuditEntry.Action.ACTION,
            verb=verb,
            changes={"saved_rows": [None, len(initiatives)]},
        )
    return len(initiatives)


def _creation_changes():
    """What `audit.record_create` stores for a new initiative ({field: [None, readable value]}), with the
    choice labels translated once instead of once per row and field (10,000 rows × 30 fields)."""
    labels = {}
    for name in services.TRACKED:
        field = Initiative._meta.get_field(name)
        if getattr(field, "choices", None) and not field.is_relation:
            labels[name] = {value: str(label) for value, label in field.flatchoices}

    def readable(value):
        if isinstance(value, Model):
            return str(value)
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    def changes(initiative: Initiative) -> dict:
        result = {}
        for name in services.TRACKED:
            value = getattr(initiative, name)
            value = labels[name].get(value, value) if name in labels else readable(value)
            if value not in (None, ""):
                result[name] = [None, value]
        return result

    return changes


def rejected_workbook(headers: list[str], rows: list[tuple[int, list, list[tuple[str, str]]]]) -> bytes:
    """The refused rows with their values as read and a "Lỗi" column (column: message; …), to correct and
    import again."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    )
    sheet = book.add_worksheet(SHEET)
    head = book.add_format({"bold": True, "bg_color": "#E7EEF7", "border": 1, "text_wrap": True})
    wrong = book.add_format({"bold": True, "bg_color": "#F8D7DA", "border": 1, "text_wrap": True})
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    red = book.add_format({"font_color": "#9C0006", "text_wrap": True, "valign": "top"})
    for col, header in enumerate(headers):
        sheet.write_string(0, col, header, head)
        sheet.set_column(col, col, 18)
    error_col = len(headers)
    sheet.write_string(0, error_col, REJECTED_HEADER, wrong)
    sheet.set_column(error_col, error_col, 60)
    sheet.write_string(0, error_col + 1, "Dòng trong tệp gốc", head)
    for r, (number, cells, problems) in enumerate(rows, start=1):
        for c, value in enumerate(cells):
            if value is None:
                continue
            if isinstance(value, datetime.datetime | datetime.date):
                moment = (
                    value if isinstance(value, datetime.datetime) else datetime.datetime.combine(value, datetime.time())
                )
                sheet.write_datetime(r, c, moment, date)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, str(value)[:32767])
        text = "; ".join(f"{column}: {message}" if column else message for column, message in problems)
        sheet.write_string(r, error_col, text[:32767], red)
        sheet.write_number(r, error_col + 1, number)
    sheet.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()
