"""Large exports built by the worker: the user's recent exports, one job's progress, its file."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render

from .. import access
from ..exporting import XLSX_CONTENT_TYPE
from ..models import ExportJob


@login_required
def export_list(request):
    jobs = access.visible(request.user, ExportJob).order_by("-created_at", "-id")[:20]
    return render(request, "core/export_list.html", {"jobs": jobs})


@login_required
def export_job(request, pk):
    job = access.get_for_user(request.user, ExportJob, pk)
    template = "core/_export_progress.html" if request.htmx else "core/export_job.html"
    return render(request, template, {"job": job})


@login_required
def export_download(request, pk):
    job = access.get_for_user(request.user, ExportJob, pk)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404
    try:
        handle = job.file.open("rb")
    except OSError:
        raise Http404 from None
    name = job.file.name.rsplit("/", 1)[-1]
    return FileResponse(handle, as_attachment=True, filename=name, content_type=XLSX_CONTENT_TYPE)
