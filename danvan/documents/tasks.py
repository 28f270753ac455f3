"""The register's background task (django-tasks; `danvan db_worker` runs it): generating a large document."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from danvan.core.notifications import notify

from .models import GenerationJob

logger = logging.getLogger(__name__)


@task()
def run_generation(job_id: int) -> str:
    """Generate one document; a refusal or a crash ends the job FAILED with its reason (never stuck running) and
    tells its user; nothing is half-saved (the generation is one transaction)."""
    from .services.background import generation_fail, generation_run

    job = GenerationJob.objects.select_related("user").filter(pk=job_id).first()
    if job is None or job.finished:
        return "missing" if job is None else job.status
    url = reverse("documents:job", kwargs={"pk": job.pk})
    try:
        document = generation_run(job)
    except ValidationError as error:
        generation_fail(job_id, " ".join(error.messages))
    except (PermissionDenied, Http404):
        generation_fail(job_id, _("Bạn không còn quyền soạn văn bản từ hồ sơ này."))
    except Exception:
        logger.exception("document generation %s failed", job_id)
        generation_fail(job_id, _("Lỗi hệ thống khi soạn văn bản. Vui lòng thử lại hoặc báo quản trị."))
    else:
        notify([job.user], title=_("Văn bản đã soạn xong: %(t)s") % {"t": document}, url=url, key=f"doc-job-{job.pk}")
        return GenerationJob.Status.DONE
    notify([job.user], title=_("Soạn văn bản không thành công: %(t)s") % {"t": job.title}, url=url)
    return GenerationJob.Status.FAILED
