"""Core's background tasks (django-tasks; `danvan db_worker` runs them)."""

import logging

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from . import exporting
from .models import ExportJob
from .notifications import notify

logger = logging.getLogger(__name__)


@task()
def run_export(job_id: int) -> str:
    """Build one large export; a crash ends the job FAILED (never stuck running) and tells its user."""
    job = ExportJob.objects.select_related("user").filter(pk=job_id).first()
    if job is None or job.finished:
        return "missing" if job is None else job.status
    url = reverse("core:export_job", kwargs={"pk": job.pk})
    try:
        exporting.job_run(job)
    except Exception:
        logger.exception("export %s failed", job_id)
        ExportJob.objects.filter(pk=job_id).update(
            status=ExportJob.Status.FAILED,
            message=_("Lỗi hệ thống khi xuất dữ liệu. Vui lòng thử lại hoặc báo quản trị."),
            finished_at=timezone.now(),
        )
        notify([job.user], title=_("Xuất dữ liệu không thành công: %(t)s") % {"t": job.title}, url=url)
        return ExportJob.Status.FAILED
    notify([job.user], title=_("Tệp Excel đã sẵn sàng: %(t)s") % {"t": job.title}, url=url, key=f"export-{job.pk}")
    return ExportJob.Status.DONE


@task()
def run_org_import(job_id: int) -> str:
    """Check or apply one import of Party organisations, bodies or people; a crash ends the job FAILED (never
    stuck) with nothing saved (the import runs in one transaction)."""
    from .imports.org_job import org_import_fail, org_import_run
    from .models import OrgImportJob

    job = OrgImportJob.objects.select_related("user", "scope").filter(pk=job_id).first()
    if job is None or not job.busy:
        return "missing" if job is None else job.status
    try:
        org_import_run(job)
    except Exception:
        logger.exception("org import %s failed", job_id)
        org_import_fail(job_id)
        return OrgImportJob.Status.FAILED
    return job.status


@task()
def run_unit_import(job_id: int) -> str:
    """Dry run or apply one import of the official unit list (core.imports.unit_job); a crash ends the job FAILED
    (never stuck) with nothing saved (the import runs in one transaction)."""
    from .imports.org_job import org_import_fail
    from .imports.unit_job import unit_import_run
    from .models import OrgImportJob

    job = OrgImportJob.objects.select_related("user").filter(pk=job_id, kind=OrgImportJob.Kind.UNITS).first()
    if job is None or not job.busy:
        return "missing" if job is None else job.status
    try:
        unit_import_run(job)
    except Exception:
        logger.exception("unit import %s failed", job_id)
        org_import_fail(job_id)
        return OrgImportJob.Status.FAILED
    return job.status
