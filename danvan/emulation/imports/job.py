"""The import job: start it, run it in the background, record its progress."""

import os
import time

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core import audit, dates, permissions
from danvan.core.permissions import Cap

from ..models import ImportJob, Initiative
from .common import ERROR_COLUMNS, MAX_STORED_ERRORS, MAX_UPLOAD_BYTES, PROGRESS_EVERY, logger
from .reading import columns_of, read_rows
from .saving import _save, rejected_workbook
from .validation import Lookups, Problem, check_row

# --- the import -------------------------------------------------------------------------------------------------


def start(*, actor, upload, mode: str = ImportJob.Mode.ALL) -> ImportJob:
    """Take an uploaded workbook: an .xlsx of at most 10 MB from a user who may register somewhere. The rows are
    checked and saved by the worker (`tasks.run_import`), enqueued once the job is committed."""
    from ..tasks import run_import

    if not permissions.can(actor, Cap.REGISTER_INITIATIVES):
        raise PermissionDenied
    if upload is None:
        raise ValidationError({"file": _("Vui lòng chọn tệp Excel (.xlsx).")})
    name = os.path.basename(getattr(upload, "name", "") or "")
    if os.path.splitext(name.lower())[1] != ".xlsx":
        raise ValidationError({"file": _("Chỉ nhận tệp Excel .xlsx (tải tệp mẫu để điền).")})
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            {"file": _("Tệp lớn hơn %(m)s MB: hãy chia thành nhiều tệp.") % {"m": MAX_UPLOAD_BYTES // 2**20}}
        )
    if mode not in ImportJob.Mode.values:
        raise ValidationError({"mode": _("Vui lòng chọn cách lưu.")})
    with transaction.atomic():
        job = ImportJob.objects.create(user=actor, file=upload, name=name[:255], mode=mode)
        audit.record_create(actor=actor, obj=job, fields=["name", "mode"], verb=_("Tải lên tệp nhập Excel"))
        transaction.on_commit(lambda: run_import.enqueue(job.pk))
    return job


def _progress(job: ImportJob, **values) -> None:
    """A small UPDATE of its own (autocommit), so that the page polling the job sees it at once."""
    ImportJob.objects.filter(pk=job.pk).update(**values)
    for key, value in values.items():
        setattr(job, key, value)


def _finish(job: ImportJob, status: str, message: str, **values) -> None:
    job.status = status
    job.message = message
    job.finished_at = timezone.now()
    for key, value in values.items():
        setattr(job, key, value)
    job.save(update_fields=["status", "message", "finished_at", *values])


def _error_rows(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(ERROR_COLUMNS.get(p.key, ""), p.message) for p in problems]


def run(job: ImportJob) -> ImportJob:
    """Check every row of the job's workbook and save as its mode says. Never raises for bad input: the job
    ends DONE, REJECTED (nothing saved) or FAILED (the file could not be read)."""
    started = time.monotonic()
    day = dates.today()
    user = job.user
    _progress(job, status=ImportJob.Status.RUNNING, processed_rows=0, saved_rows=0)
    if not permissions.can(user, Cap.REGISTER_INITIATIVES):
        _finish(job, ImportJob.Status.FAILED, _("Tài khoản không có quyền đăng ký mô hình, điển hình."))
        return job
    try:
        with job.file.open("rb") as handle:
            headers, rows = read_rows(handle)
    except ValidationError as error:
        _finish(job, ImportJob.Status.FAILED, " ".join(error.messages))
        return job
    except OSError:
        _finish(job, ImportJob.Status.FAILED, _("Không mở được tệp đã tải lên."))
        return job
    _progress(job, total_rows=len(rows))
    if not rows:
        _finish(job, ImportJob.Status.REJECTED, _("Tệp không có dòng dữ liệu nào."))
        return job

    columns = columns_of(headers)
    lookups = Lookups(user, day)
    seen: dict[tuple, int] = {}
    valid: list[Initiative] = []
    rejected: list[tuple[int, list, list[tuple[str, str]]]] = []
    errors: list[dict] = []
    error_count = 0
    for done, (number, cells) in enumerate(rows, start=1):
        values = {key: cells[index] for key, index in columns.items()}
        initiative, problems = check_row(values, lookups, seen, number)
        if initiative is not None:
            valid.append(initiative)
        else:
            described = _error_rows(problems)
            rejected.append((number, cells, described))
            error_count += len(described)
            for column, message in described:
                if len(errors) < MAX_STORED_ERRORS:
                    errors.append({"row": number, "column": column, "message": message})
        if done % PROGRESS_EVERY == 0:
            _progress(job, processed_rows=done)
    _progress(job, processed_rows=len(rows))

    summary = _("%(bad)s/%(total)s dòng có lỗi (%(n)s lỗi).") % {
        "bad": len(rejected),
        "total": len(rows),
        "n": error_count,
    }
    if len(errors) < error_count:
        summary += " " + _("Chỉ hiển thị %(m)s lỗi đầu tiên.") % {"m": MAX_STORED_ERRORS}
    if rejected and job.mode == ImportJob.Mode.ALL:
        _finish(
            job,
            ImportJob.Status.REJECTED,
            summary + " " + _("Chưa lưu dòng nào: sửa các lỗi rồi nhập lại cả tệp."),
            errors=errors,
        )
        return job

    with transaction.atomic():
        saved = _save(job, valid)
        values: dict = {"errors": errors, "saved_rows": saved}
        if rejected:
            content = rejected_workbook(headers, rejected)
            stem = os.path.splitext(job.name)[0][:100] or "nhap"
            job.rejected_file.save(f"{stem}-dong-loi.xlsx", ContentFile(content), save=False)
            values["rejected_file"] = job.rejected_file
            message = _("Đã lưu %(s)s dòng hợp lệ.") % {"s": saved} + " " + summary
        else:
            message = _("Đã lưu %(s)s mô hình, điển hình.") % {"s": saved}
        status = ImportJob.Status.DONE if saved or not rejected else ImportJob.Status.REJECTED
        _finish(job, status, message, **values)
    logger.info("import %s: %s rows, %s saved in %.1fs", job.pk, len(rows), saved, time.monotonic() - started)
    return job
