"""Exports: one interface for every Excel file a list or a table gives (and the Word/PDF documents and the API
to come), after Pretix's `BaseExporter`.

An `Exporter` says what it is (`identifier`, `title`), which rows it gives for a user and the page's query
parameters (`queryset` and `row`, or `export_rows` for a computed table) and their `headers`. It never decides who
sees what: `queryset` goes through the module's selectors, which ask the access registry. A module declares
its exporters (`@exporter` in `<app>/exports.py` or next to its list, core.lists) and a view answers with
`respond(request, MyExporter())`:
- small exports (at most `settings.EXPORT_SYNC_ROWS` rows) are written while the user waits (XlsxWriter in
  constant-memory mode);
- larger ones become an `ExportJob` built by the worker (`core.tasks.run_export`, which rebuilds the
  exporter from its identifier, the user and the parameters, so the worker sees exactly what the user
  sees); the user follows its progress and downloads the file from the job's page.
"""

from __future__ import annotations

import datetime
import io
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import xlsxwriter
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import audit

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PROGRESS_EVERY = 2000
IGNORED_PARAMS = ("xuat", "trang")
logger = logging.getLogger(__name__)

# --- Declaring an export -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]


class Exporter:
    """One downloadable table. Subclasses set `identifier` (unique, also the file name), `title` (the sheet
    and the job's name) and either `columns` with `queryset`, or `headers`, `count` and `export_rows` for a
    computed table."""

    identifier: str = ""
    title: str = ""
    columns: Sequence[Column] = ()

    def queryset(self, user, params) -> QuerySet | None:
        return None

    def headers(self) -> list[str]:
        return [str(c.header) for c in self.columns]

    def headers_for(self, user, params) -> list[str]:
        """The header row for this request: `headers()`, unless the table's columns depend on the request (a
        table by year or by field); the worker calls it with the job's user and parameters."""
        return self.headers()

    def row(self, obj) -> list:
        return [c.value(obj) for c in self.columns]

    def count(self, user, params) -> int:
        rows = self.queryset(user, params)
        return rows.count() if rows is not None else 0

    def export_rows(self, user, params) -> Iterable[Sequence]:
        rows = self.queryset(user, params)
        if rows is None:
            return ()
        return (self.row(obj) for obj in rows.iterator(chunk_size=PROGRESS_EVERY))

    def file_name(self) -> str:
        return self.identifier


_EXPORTERS: dict[str, type[Exporter]] = {}


def exporter(cls: type[Exporter]) -> type[Exporter]:
    """Register an exporter class by its identifier, so the worker can rebuild it."""
    if not cls.identifier:
        raise ValueError(f"{cls.__name__} has no identifier")
    if _EXPORTERS.get(cls.identifier, cls) is not cls:
        raise ValueError(f"Two exporters are called {cls.identifier!r}")
    _EXPORTERS[cls.identifier] = cls
    return cls


def registered() -> dict[str, type[Exporter]]:
    return dict(_EXPORTERS)


def lookup(identifier: str) -> type[Exporter]:
    return _EXPORTERS[identifier]


# --- Writing a workbook ---------------------------------------------------------------------------------------


def _sheet_title(title) -> str:
    """Excel's limits: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in str(title)).strip()
    return cleaned[:31] or "Sheet1"


def write_xlsx(handle, title: str, headers: Sequence[str], rows: Iterable[Sequence], progress=None) -> int:
    """Write one sheet to `handle` (a path or a binary file); returns the number of data rows. `progress(n)` is
    called every PROGRESS_EVERY rows."""
    workbook = xlsxwriter.Workbook(handle, {"constant_memory": True, "in_memory": False})
    sheet = workbook.add_worksheet(_sheet_title(title))
    bold = workbook.add_format({"bold": True, "bg_color": "#E7EEF7", "border": 1, "text_wrap": True})
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, headers, bold)
    widths = [max(10, len(str(h)) + 2) for h in headers]
    count = 0
    for r, row in enumerate(rows, start=1):
        count = r
        for c, value in enumerate(row):
            if isinstance(value, datetime.datetime):
                sheet.write_string(r, c, timezone.localtime(value).strftime("%d/%m/%Y %H:%M"))
            elif isinstance(value, datetime.date):
                sheet.write_datetime(r, c, datetime.datetime.combine(value, datetime.time()), date_format)
            elif value is None:
                sheet.write_blank(r, c, None)
            elif isinstance(value, bool):
                sheet.write_string(r, c, "Có" if value else "Không")
            elif isinstance(value, int | float):
                sheet.write_number(r, c, value)
            else:
                value = str(value)
                sheet.write_string(r, c, value)
                if c < len(widths):
                    widths[c] = min(60, max(widths[c], len(value) + 2))
        if progress is not None and r % PROGRESS_EVERY == 0:
            progress(r)
    for c, width in enumerate(widths):
        sheet.set_column(c, c, width)
    sheet.freeze_panes(1, 0)
    workbook.close()
    return count


def _stamped(stem: str) -> str:
    return f"{slugify(stem) or 'du-lieu'}-{timezone.localtime():%Y%m%d-%H%M}.xlsx"


def xlsx_response(filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    """A workbook written while the user waits."""
    buffer = io.BytesIO()
    write_xlsx(buffer, title, headers, rows)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_stamped(filename)}"'
    return response


# --- Answering a request --------------------------------------------------------------------------------------


def wants_export(request) -> bool:
    return request.GET.get("xuat") == "xlsx"


def job_params(params) -> dict[str, list[str]]:
    """The page's query parameters as stored in a job (every value of every key, without paging)."""
    return {key: params.getlist(key) for key in params if key not in IGNORED_PARAMS}


class Params(dict):
    """A job's stored parameters read back with the QueryDict methods the exporters use."""

    def get(self, key, default=None):
        values = super().get(key)
        return values[-1] if values else default

    def getlist(self, key):
        return list(super().get(key) or [])


def sync_limit() -> int:
    return int(getattr(settings, "EXPORT_SYNC_ROWS", 10000))


def respond(request, export: Exporter):
    """The workbook now when it is small; otherwise a background job and its progress page."""
    user = request.user
    total = export.count(user, request.GET)
    if total <= sync_limit():
        return xlsx_response(
            export.file_name(),
            export.title,
            export.headers_for(user, request.GET),
            export.export_rows(user, request.GET),
        )
    job = job_start(actor=user, export=export, params=request.GET, total=total)
    return redirect("core:export_job", pk=job.pk)


def job_start(*, actor, export: Exporter, params, total: int):
    from .models import ExportJob
    from .tasks import run_export

    if export.identifier not in _EXPORTERS:
        raise LookupError(f"{type(export).__name__} is not registered (core.exporting.exporter)")
    stored = job_params(params)
    # The same export asked again while the first is still waiting or running: follow that one.
    waiting = ExportJob.objects.filter(
        user=actor, exporter=export.identifier, status__in=[ExportJob.Status.PENDING, ExportJob.Status.RUNNING]
    )
    for job in waiting:
        if job.params == stored:
            return job
    with transaction.atomic():
        job = ExportJob.objects.create(
            user=actor,
            exporter=export.identifier,
            title=str(export.title)[:255],
            params=stored,
            total_rows=total,
        )
        audit.record_create(actor=actor, obj=job, fields=["title", "total_rows"], verb=_("Xuất dữ liệu ra Excel"))
        transaction.on_commit(lambda: run_export.enqueue(job.pk))
    return job


def job_run(job) -> None:
    """Build the job's workbook as its user would see it; progress is written as it goes."""
    from .models import ExportJob

    def progress(n):
        ExportJob.objects.filter(pk=job.pk).update(processed_rows=n)

    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING, processed_rows=0)
    export = lookup(job.exporter)()
    params = Params(job.params)
    buffer = io.BytesIO()
    headers = export.headers_for(job.user, params)
    count = write_xlsx(buffer, export.title, headers, export.export_rows(job.user, params), progress)
    job.file.save(_stamped(export.file_name()), ContentFile(buffer.getvalue()), save=False)
    job.status = ExportJob.Status.DONE
    job.processed_rows = count
    job.total_rows = max(job.total_rows, count)
    job.finished_at = timezone.now()
    job.save(update_fields=["file", "status", "processed_rows", "total_rows", "finished_at"])
