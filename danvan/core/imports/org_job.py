"""The import job of Party organisations, bodies and people: upload (a dry run by the worker: the diff and the
problems), confirm (the same file applied by the worker), with progress the page polls."""

import contextlib
import logging
import os

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import dates
from ..models import OrgImportJob
from . import files
from .org_import import may_import, org_import
from .org_layouts import check_structure, parse, read_table

logger = logging.getLogger(__name__)
MAX_STORED = 500  # errors and changes kept on the job for the page
PROGRESS_EVERY = 50


def org_import_start(*, actor, kind: str, scope, upload, mode: str, full_list: bool, day=None) -> OrgImportJob:
    """Take an uploaded CSV/Excel file for a scope where the actor may manage this kind; the worker checks it
    (nothing written) and the page shows the difference to confirm."""
    from ..tasks import run_org_import

    if kind not in OrgImportJob.Kind.values:
        raise ValidationError({"kind": _("Vui lòng chọn loại dữ liệu.")})
    if scope is None or not may_import(actor, kind, scope):
        raise PermissionDenied
    if upload is None:
        raise ValidationError({"file": _("Vui lòng chọn tệp CSV hoặc Excel (.xlsx).")})
    name = os.path.basename(getattr(upload, "name", "") or "")
    if os.path.splitext(name.lower())[1] not in (".xlsx", ".csv"):
        raise ValidationError({"file": _("Chỉ nhận tệp Excel .xlsx hoặc CSV (tải tệp mẫu để điền).")})
    if upload.size > files.MAX_BYTES:
        raise ValidationError({"file": _("Tệp lớn hơn %(m)s MB.") % {"m": files.MAX_BYTES // (1024 * 1024)}})
    if mode not in OrgImportJob.Mode.values:
        raise ValidationError({"mode": _("Vui lòng chọn cách lưu.")})
    with transaction.atomic():
        job = OrgImportJob.objects.create(
            user=actor,
            kind=kind,
            scope=scope,
            day=day or dates.today(),
            mode=mode,
            full_list=full_list,
            file=upload,
            name=name[:255],
        )
        transaction.on_commit(lambda: run_org_import.enqueue(job.pk))
    return job


def org_import_confirm(*, actor, job: OrgImportJob) -> OrgImportJob:
    """Apply a checked file (by the worker). Only its owner, while they may still manage the scope."""
    from ..tasks import run_org_import

    if job.user_id != actor.pk or not may_import(actor, job.kind, job.scope):
        raise PermissionDenied
    with transaction.atomic():
        updated = OrgImportJob.objects.filter(pk=job.pk, status=OrgImportJob.Status.CHECKED).update(
            status=OrgImportJob.Status.APPLYING, processed_rows=0, finished_at=None
        )
        if not updated:
            raise ValidationError(_("Lượt nhập này không còn chờ xác nhận."))
        job.status = OrgImportJob.Status.APPLYING
        transaction.on_commit(lambda: run_org_import.enqueue(job.pk))
    return job


def _progress_writer(job: OrgImportJob):
    """The import runs in one transaction, so its progress is written outside it for the polling page to see:
    through a connection of its own on PostgreSQL; on SQLite (one writer at a time) in a small file beside the
    uploaded one (`progress_of` reads it)."""
    if connection.vendor == "postgresql":
        other = connections.create_connection("default")
        table = OrgImportJob._meta.db_table

        def write(done: int) -> None:
            if done % PROGRESS_EVERY == 0:
                with other.cursor() as cursor:
                    cursor.execute(f"UPDATE {table} SET processed_rows = %s WHERE id = %s", [done, job.pk])  # noqa: S608

        return write, other.close
    path = _sidecar(job)
    if path is None:
        return None, lambda: None

    def write_file(done: int) -> None:
        if done % PROGRESS_EVERY == 0:
            with open(path, "w", encoding="ascii") as handle:
                handle.write(str(done))

    def remove() -> None:
        with contextlib.suppress(OSError):
            os.remove(path)

    return write_file, remove


def _sidecar(job: OrgImportJob) -> str | None:
    try:
        if not job.file:  # the packaged unit list (core.imports.unit_job): a file of the job's own
            folder = default_storage.path("core/imports")
            os.makedirs(folder, exist_ok=True)
            return os.path.join(folder, f"job-{job.pk}.progress")
        return job.file.path + ".progress"
    except (NotImplementedError, ValueError, OSError):  # a storage without local files
        return None


def progress_of(job: OrgImportJob) -> OrgImportJob:
    """The job with the rows processed so far, while the worker runs (see `_progress_writer`)."""
    path = _sidecar(job) if job.busy else None
    if path is not None:
        with contextlib.suppress(OSError, ValueError), open(path, encoding="ascii") as handle:
            job.processed_rows = max(job.processed_rows, int(handle.read() or 0))
    return job


def org_import_run(job: OrgImportJob) -> OrgImportJob:
    """Check (status CHECKING) or apply (APPLYING) the job's file. Bad input never raises: the job ends CHECKED
    with its problems, DONE, REJECTED (nothing saved) or FAILED (the file could not be read)."""
    applying = job.status == OrgImportJob.Status.APPLYING
    try:
        with job.file.open("rb") as handle:
            content = handle.read(files.MAX_BYTES + 1)
        table = parse(job.kind, read_table(content, job.name))
    except ValidationError as error:
        return _finish(job, OrgImportJob.Status.FAILED, " ".join(error.messages))
    except OSError:
        return _finish(job, OrgImportJob.Status.FAILED, _("Không mở được tệp đã tải lên."))
    check_structure(table)
    OrgImportJob.objects.filter(pk=job.pk).update(total_rows=len(table.rows), processed_rows=0)
    job.total_rows = len(table.rows)
    write, close = _progress_writer(job)
    try:
        result = org_import(
            actor=job.user,
            kind=job.kind,
            table=table,
            scope=job.scope,
            day=job.day,
            mode=job.mode,
            full_list=job.full_list,
            dry_run=not applying,
            progress=write,
            audit_obj=job,
        )
    except PermissionDenied:
        return _finish(job, OrgImportJob.Status.FAILED, _("Tài khoản không còn quyền nhập dữ liệu cho phạm vi này."))
    finally:
        close()
    counts = result.counts
    summary = (
        _("Mới %(new)s, thay đổi %(changed)s, kết thúc %(ended)s, không đổi %(unchanged)s; %(errors)s lỗi.") % counts
    )
    values = {
        "counts": counts,
        "changes": [c.as_dict() for c in result.changes if c.what != "unchanged"][:MAX_STORED],
        "errors": [p.as_dict() for p in result.problems][:MAX_STORED],
        "processed_rows": job.total_rows,
    }
    if not applying:
        return _finish(job, OrgImportJob.Status.CHECKED, summary, finished=False, **values)
    if not result.applied:
        message = summary + " " + _("Chưa lưu dòng nào: sửa các lỗi rồi nhập lại cả tệp.")
        return _finish(job, OrgImportJob.Status.REJECTED, message, **values)
    return _finish(job, OrgImportJob.Status.DONE, _("Đã lưu.") + " " + summary, **values)


def _finish(job: OrgImportJob, status: str, message: str, *, finished: bool = True, **values) -> OrgImportJob:
    job.status, job.message = status, message
    job.finished_at = timezone.now() if finished else None
    for key, value in values.items():
        setattr(job, key, value)
    job.save(update_fields=["status", "message", "finished_at", *values])
    return job


def org_import_fail(job_id: int) -> None:
    OrgImportJob.objects.filter(pk=job_id).update(
        status=OrgImportJob.Status.FAILED,
        message=_("Lỗi hệ thống khi xử lý tệp; chưa lưu dòng nào. Vui lòng thử lại hoặc báo quản trị."),
        finished_at=timezone.now(),
    )
