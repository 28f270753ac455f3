"""The administrator's import of the official unit list (`units_import`) as a job of the worker: a dry run (the
difference and a file's problems), then, on confirmation, the same input applied, with progress the page polls.
The job is an `OrgImportJob` of kind UNITS; progress goes through `org_job`'s writer."""

import datetime
import logging
import os
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import dates
from ..models import OrgImportJob, Unit
from . import files, packaged
from .org_job import _finish, _progress_writer
from .units import may_import, units_import

logger = logging.getLogger(__name__)
MAX_STORED = 5000  # lines of the difference kept on the job (the page pages them)
COUNTED = ("new", "renamed", "moved", "ended", "unchanged", "events", "successions")
UNITS = OrgImportJob.Kind.UNITS
RUNNING_FOR = datetime.timedelta(days=1)  # an applying job created earlier is taken as stuck


def unit_import_start(*, actor, upload=None, province: str = "", day=None, legal_basis: str = "") -> OrgImportJob:
    """The packaged lists (no `upload`: the whole country or one province by its code after 1/7/2025) or an
    uploaded file in the official layout on `day`; the worker runs it as a dry run first."""
    from ..tasks import run_unit_import

    if not may_import(actor):
        raise PermissionDenied
    province = (province or "").strip()
    if province and not province.isdigit():
        raise ValidationError({"province": _("Mã tỉnh là dãy số (mã sau 01/7/2025, ví dụ 42).")})
    name = _("Danh mục đóng gói") + (f" ({province})" if province else "")
    if upload is not None:
        name = os.path.basename(getattr(upload, "name", "") or "")
        if os.path.splitext(name.lower())[1] not in (".xlsx", ".csv"):
            raise ValidationError({"file": _("Chỉ nhận tệp Excel .xlsx hoặc CSV.")})
        if upload.size > files.MAX_BYTES:
            raise ValidationError({"file": _("Tệp lớn hơn %(m)s MB.") % {"m": files.MAX_BYTES // (1024 * 1024)}})
    with transaction.atomic():
        job = OrgImportJob(
            user=actor,
            kind=UNITS,
            scope=Unit.objects.filter(parent=None).order_by("level__rank", "pk").first(),
            day=day or dates.today(),
            province=province,
            legal_basis=(legal_basis or "").strip()[:200] if upload is not None else "",
            name=name[:255],
        )
        if upload is not None:
            job.file = upload
        job.save()
        transaction.on_commit(lambda: run_unit_import.enqueue(job.pk))
    return job


def unit_import_confirm(*, actor, job: OrgImportJob) -> OrgImportJob:
    """Apply a checked job (by the worker). Only its owner, while they may still import."""
    from ..tasks import run_unit_import

    if job.kind != UNITS or job.user_id != actor.pk or not may_import(actor):
        raise PermissionDenied
    with transaction.atomic():
        others = OrgImportJob.objects.filter(kind=UNITS, status=OrgImportJob.Status.APPLYING).exclude(pk=job.pk)
        if others.filter(created_at__gte=timezone.now() - RUNNING_FOR).exists():  # older: a stuck job, ignored
            raise ValidationError(_("Một lượt nhập danh mục đơn vị khác đang ghi; vui lòng chờ lượt đó xong."))
        updated = OrgImportJob.objects.filter(pk=job.pk, status=OrgImportJob.Status.CHECKED).update(
            status=OrgImportJob.Status.APPLYING, processed_rows=0, finished_at=None
        )
        if not updated:
            raise ValidationError(_("Lượt nhập này không còn chờ xác nhận."))
        job.status = OrgImportJob.Status.APPLYING
        transaction.on_commit(lambda: run_unit_import.enqueue(job.pk))
    return job


def _cell_errors(error: ValidationError) -> list[dict]:
    """A file's problems with their row and column (core.imports.files), or the messages as they are."""
    cells = getattr(error, "cells", None)
    if cells:
        return cells
    found = []
    for message in error.messages:
        row, column = re.match(r"Dòng (\d+)", message), re.search(r"cột “([^”]+)”", message)
        found.append(
            {
                "row": int(row.group(1)) if row else None,
                "column": "",
                "label": column.group(1) if column else "",
                "message": message,
            }
        )
    return found


def unit_import_run(job: OrgImportJob) -> OrgImportJob:
    """Dry run (CHECKING) or apply (APPLYING) the job's input. Bad input never raises: the job ends CHECKED with
    the difference, DONE, or REJECTED with the problems (nothing saved)."""
    applying = job.status == OrgImportJob.Status.APPLYING
    source, rows = "package", None
    try:
        if job.file:
            with job.file.open("rb") as handle:
                content = handle.read(files.MAX_BYTES + 1)
            if len(content) > files.MAX_BYTES:
                raise ValidationError(_("Tệp lớn hơn %(m)s MB.") % {"m": files.MAX_BYTES // (1024 * 1024)})
            rows = files.read_content(content, job.name)
            source, total = job.name, len(rows)
        else:
            total = len(packaged.load(job.province or None).legacy)
    except ValidationError as error:
        return _finish(job, OrgImportJob.Status.REJECTED, _("Tệp có lỗi; chưa lưu gì."), errors=_cell_errors(error))
    except OSError:
        return _finish(job, OrgImportJob.Status.FAILED, _("Không mở được tệp đã tải lên."))
    OrgImportJob.objects.filter(pk=job.pk).update(total_rows=total, processed_rows=0)
    job.total_rows = total
    write, close = _progress_writer(job)
    try:
        result = units_import(
            actor=job.user,
            source=source,
            rows=rows,
            province=job.province or None,
            day=job.day,
            legal_basis=job.legal_basis,
            dry_run=not applying,
            progress=write,
        )
    except PermissionDenied:
        return _finish(job, OrgImportJob.Status.FAILED, _("Tài khoản không còn quyền nhập danh mục đơn vị."))
    except ValidationError as error:
        return _finish(job, OrgImportJob.Status.REJECTED, _("Có lỗi; chưa lưu gì."), errors=_cell_errors(error))
    finally:
        close()
    values = {
        "counts": {key: result.counts.get(key, 0) for key in COUNTED},
        "changes": [{"what": line[:1], "label": line} for line in result.details[:MAX_STORED]],
        "errors": [],
        "processed_rows": job.total_rows,
    }
    summary = result.summary()
    if not applying:
        return _finish(job, OrgImportJob.Status.CHECKED, _("Chạy thử (chưa ghi): ") + summary, finished=False, **values)
    return _finish(job, OrgImportJob.Status.DONE, _("Đã nhập: ") + summary, **values)
