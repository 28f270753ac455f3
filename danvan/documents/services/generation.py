"""Generating a document from a record: the first generation takes a number from the register; every generation
is a new version (DOCX and PDF, who, when), audited. An issued document keeps its issued version unchanged."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import access, audit
from danvan.core.services.common import check_day, optional_text
from danvan.core.text import fold

from .. import builders
from ..engine import docx as docx_backend
from ..engine import pdf as pdf_backend
from ..models import Document, DocumentType, DocumentVersion
from .register import number_reserve

OPTION_LIMITS = {"bases": 5000, "duties": 5000, "recipients": 3000, "decider": 200, "subject": 500}


def _clean_options(options: dict, text_limit: int = 0) -> dict:
    """The user's text, within limits (a pasted 100,000 characters is refused next to its field); `text_limit`:
    the template's limit for its own (narrative) options."""
    cleaned = {}
    for key, value in options.items():
        if isinstance(value, datetime.date):
            check_day(value, key)
            cleaned[key] = value.isoformat()
        else:
            limit = OPTION_LIMITS.get(key, text_limit or 200)
            multiline = key in OPTION_LIMITS or bool(text_limit)
            cleaned[key] = optional_text(str(value or ""), key, limit, multiline=multiline)
    return cleaned


def _current(template_code: str, record, period: dict | None = None) -> Document | None:
    """The record's document of this template (and period: builders.same_period) that is not released (a released
    draft's number stays a gap; the next generation takes a new number)."""
    return (
        Document.objects.filter(
            template=template_code,
            origin_type=ContentType.objects.get_for_model(record),
            origin_id=record.pk,
            **(period or {}),
        )
        .exclude(status=Document.Status.RELEASED)
        .order_by("-id")
        .first()
    )


def _file_stem(document: Document, n: int) -> str:
    return f"{fold(document.reference).replace('/', '-').replace(' ', '')}-lan-{n}"


def document_generate(*, actor, template_code: str, record, options: dict) -> Document:
    """Draft (or redraft) the template's document for `record`: the user needs the template's action on the record
    (e.g. managing the working group); the record's issuer must have a numbering rule."""
    template = builders.get(template_code)
    builders.authorize(actor, template, record)
    issuer = builders.issuer_of(template, record)
    try:
        doc_type = DocumentType.objects.get(code=template.doc_type)
    except DocumentType.DoesNotExist:
        raise ValidationError({"__all__": _("Thiếu loại văn bản “%(code)s”.") % {"code": template.doc_type}}) from None
    dated = options.get("dated")
    if not isinstance(dated, datetime.date):
        raise ValidationError({"dated": _("Vui lòng nhập ngày văn bản.")})
    cleaned = _clean_options(options, template.text_limit)
    subject = template.subject(record, cleaned)
    if template.prepare is not None:
        template.prepare(record, cleaned)
    with transaction.atomic():
        document = _current(template_code, record, builders.same_period(template, cleaned))
        if document is None:
            document = number_reserve(
                actor=actor,
                issuer=issuer,
                doc_type=doc_type,
                dated=dated,
                subject=subject,
                template=template_code,
                origin=record,
                origin_label=str(template.label_of(record)),
                options=cleaned,
            )
        else:
            access.require(actor, "manage", document)
            document = Document.objects.select_for_update().get(pk=document.pk)
            if document.status == Document.Status.DRAFT:
                if dated.year != document.year:
                    raise ValidationError(
                        {
                            "dated": _("Số đã lấy thuộc năm %(year)s: ngày văn bản phải trong năm đó.")
                            % {"year": document.year}
                        }
                    )
                document.dated, document.subject, document.options = dated, subject, cleaned
                document.search_text = fold(f"{document.reference} {subject} {document.origin_label}")
                document.save(update_fields=["dated", "subject", "options", "search_text", "updated_at"])
        version = _render(actor, document, template, record, issuer)
    return version.document


def _render(actor, document: Document, template, record, issuer) -> DocumentVersion:
    doc = template.build(document, record, issuer, document.options)
    word = docx_backend.render(doc)
    pdf, pages = pdf_backend.render(doc)
    n = (document.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    text = "\n".join(line for line in doc.texts() if line)
    version = DocumentVersion(document=document, number=n, pages=pages, created_by=actor, text=text)
    stem = _file_stem(document, n)
    version.docx.save(f"{stem}.docx", ContentFile(word), save=False)
    version.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    version.save()
    audit.record_create(actor=actor, obj=version, fields=["number", "pages"], unit=document.unit, verb=_("Tạo văn bản"))
    return version
