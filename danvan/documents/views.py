"""The register, a document's page with its versions, generation from a record, issuers."""

import io
import zipfile
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core import access, dates
from danvan.core import selectors as core_selectors
from danvan.core.forms import apply_service_errors
from danvan.core.lists import list_page
from danvan.core.permissions import Cap

from . import builders, selectors, services
from .forms import IssuerForm, ReleaseForm, SequenceStartForm
from .listings import RegisterListing
from .models import Document, DocumentVersion, GenerationJob

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@login_required
@require_GET
def register_list(request):
    starts = selectors.sequence_starts(user=request.user)[:20]
    return list_page(request, RegisterListing(), "documents/register_list.html", {"starts": starts})


@login_required
@require_GET
def detail(request, pk):
    document = access.get_for_user(request.user, Document, pk)
    can_manage = access.can(request.user, "manage", document)
    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "versions": selectors.versions(document),
            "can_manage": can_manage,
            "release_form": ReleaseForm() if can_manage and document.status == Document.Status.DRAFT else None,
            "regenerate_url": _regenerate_url(document),
            "history": core_selectors.audit_for(document),
            "changes": selectors.version_changes(document),
        },
    )


def _regenerate_url(document) -> str:
    if document.template not in builders.TEMPLATES or not document.origin_id:
        return ""
    url = reverse("documents:generate", args=[document.template, document.origin_id])
    period = builders.get(document.template).period  # a report of a period is redrafted for its own period
    return f"{url}?{urlencode({period: document.options[period]})}" if document.options.get(period) else url


@login_required
@require_GET
def download(request, pk, fmt):
    """One file of a version (docx, pdf), or both in one zip; a file missing on disk is a 404, never an error."""
    if fmt not in (*CONTENT_TYPES, "zip"):
        raise Http404
    version = access.get_for_user(request.user, DocumentVersion, pk)
    if fmt == "zip":
        return _zipped(version)
    stored = getattr(version, fmt)
    try:
        handle = stored.open("rb")
    except (OSError, ValueError):  # no file of that format, or missing on disk: not found, never a server error
        raise Http404 from None
    name = stored.name.rsplit("/", 1)[-1]
    return FileResponse(handle, as_attachment=True, filename=name, content_type=CONTENT_TYPES[fmt])


def _zipped(version) -> HttpResponse:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for fmt in CONTENT_TYPES:
            stored = getattr(version, fmt)
            try:
                with stored.open("rb") as handle:
                    archive.writestr(stored.name.rsplit("/", 1)[-1], handle.read())
            except (OSError, ValueError):
                raise Http404 from None
    stem = version.docx.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{stem}.zip"'
    return response


@login_required
@require_POST
def issue(request, pk):
    document = access.get_for_user(request.user, Document, pk, action="manage")
    try:
        services.document_issue(actor=request.user, document=document)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã ban hành văn bản số %(ref)s.") % {"ref": document.reference})
    return redirect("documents:detail", pk=document.pk)


@login_required
@require_POST
def release(request, pk):
    document = access.get_for_user(request.user, Document, pk, action="manage")
    form = ReleaseForm(request.POST)
    if form.is_valid():
        try:
            services.number_release(actor=request.user, document=document, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã hủy số %(ref)s; số này không được cấp lại.") % {"ref": document.reference})
    else:
        messages.error(request, _("Vui lòng nhập lý do hủy số."))
    return redirect("documents:detail", pk=document.pk)


@login_required
@require_GET
def compose(request):
    """What can be drafted: every template with the records the user may draft it from."""
    offers = [
        (spec, list(spec.candidates(request.user)) if spec.candidates else None)
        for spec in sorted(builders.TEMPLATES.values(), key=lambda t: str(t.label))
    ]
    return render(request, "documents/compose.html", {"offers": offers})


@login_required
@require_http_methods(["GET", "POST"])
def generate(request, template, pk):
    if template not in builders.TEMPLATES:
        raise Http404
    spec = builders.get(template)
    record = spec.load(request.user, pk)  # 404 outside the user's reach
    builders.authorize(request.user, spec, record)  # 403 without the right
    issuer = spec.issuer(record)
    period = request.GET.get(spec.period, "") if spec.period else ""
    initial = builders.initial(spec, record, issuer, period) if issuer else {}
    current = selectors.documents_of(user=request.user, record=record).filter(template=template)
    current = current.filter(**builders.same_period(spec, initial))
    current = current.exclude(status=Document.Status.RELEASED).order_by("-id").first()
    if current is not None:
        initial.update({k: v for k, v in current.options.items() if k != "dated"}, dated=current.dated)
    form = spec.form(request.POST or None, initial=initial)
    background = builders.runs_in_background(spec, record)
    if request.method == "POST" and form.is_valid():
        try:
            if background:
                job = services.generation_request(
                    actor=request.user, template_code=template, record=record, options=form.cleaned_data
                )
                return redirect("documents:job", pk=job.pk)
            document = services.document_generate(
                actor=request.user, template_code=template, record=record, options=form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã tạo văn bản số %(ref)s.") % {"ref": document.reference})
            return redirect("documents:detail", pk=document.pk)
    return render(
        request,
        "documents/generate.html",
        {"form": form, "spec": spec, "record": record, "issuer": issuer, "current": current, "background": background},
    )


def _start_form(request, data=None) -> SequenceStartForm | None:
    """The mid-year start of a register, for those who keep an issuer's register (None for the others)."""
    issuers = list(selectors.issuers_managed(user=request.user)[:500])
    if not issuers:
        return None
    initial = {"year": dates.today().year}
    return SequenceStartForm(data, issuers=issuers, types=selectors.document_types(), initial=initial)


@login_required
@require_GET
def job(request, pk):
    """A document being generated in the background: its progress (polled), then the document."""
    job = access.get_for_user(request.user, GenerationJob, pk)
    template = "documents/_job_progress.html" if request.htmx else "documents/job.html"
    return render(request, template, {"job": job})


@login_required
@require_GET
def issuer_list(request):
    return render(
        request,
        "documents/issuer_list.html",
        {
            "issuers": selectors.issuer_list(user=request.user),
            "can_create": access.can_somewhere(request.user, Cap.MANAGE_ORGS),
            "start_form": _start_form(request),
            "starts": selectors.sequence_starts(user=request.user)[:50],
        },
    )


@login_required
@require_POST
def sequence_start(request):
    """Start a register mid-year (the numbers up to the one given were given outside danvan)."""
    form = _start_form(request, request.POST)
    if form is None:
        raise PermissionDenied
    if form.is_valid():
        try:
            sequence = services.number_sequence_start(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Sổ %(type)s năm %(year)s của %(issuer)s bắt đầu từ số %(next)s.")
                % {
                    "type": sequence.doc_type.name,
                    "year": sequence.year,
                    "issuer": sequence.issuer.name,
                    "next": sequence.last_number + 1,
                },
            )
            return redirect("documents:issuer_list")
    return render(
        request,
        "documents/issuer_list.html",
        {
            "issuers": selectors.issuer_list(user=request.user),
            "can_create": access.can_somewhere(request.user, Cap.MANAGE_ORGS),
            "start_form": form,
            "starts": selectors.sequence_starts(user=request.user)[:50],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def issuer_create(request):
    if not access.can_somewhere(request.user, Cap.MANAGE_ORGS):
        raise PermissionDenied
    form = IssuerForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.issuer_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return redirect("documents:issuer_list")
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Đăng ký cơ quan ban hành"), "back": "documents:issuer_list"},
    )
