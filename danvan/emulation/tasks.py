import logging

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from . import imports
from .models import ImportJob

logger = logging.getLogger(__name__)


@task()
def run_import(job_id: int) -> str:
    """Check and save one uploaded registration workbook; a crash ends the job FAILED, never stuck RUNNING."""
    job = ImportJob.objects.select_related("user").filter(pk=job_id).first()
    if job is None or job.finished:
        return "missing" if job is None else job.status
    try:
        imports.run(job)
    except Exception:
        logger.exception("import %s failed", job_id)
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportJob.Status.FAILED,
            message=_("Lỗi hệ thống khi xử lý tệp; chưa lưu dòng nào. Vui lòng thử lại hoặc báo quản trị."),
            finished_at=timezone.now(),
        )
        return ImportJob.Status.FAILED
    return job.status
