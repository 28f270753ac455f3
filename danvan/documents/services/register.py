"""The numbering register: issuers with their numbering rule, numbers reserved, released and issued.

Numbers run per issuer × document type × year from 1 (Hướng dẫn 36-HD/VPTW and Nghị định 30/2020/NĐ-CP,
Phụ lục I: numbers restart at the first day of each year; whether a State number below 10 takes a leading
zero is not verified here). A number is never given twice: a draft's number that is released stays a gap,
with its reason, in the register and the audit trail."""

from __future__ import annotations

import datetime
import threading
from contextlib import nullcontext

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core import access, audit
from danvan.core.permissions import Cap
from danvan.core.services.common import check_day, optional_text, required_name, required_text
from danvan.core.text import fold

from .. import engine
from ..models import Document, DocumentType, Issuer, NumberSequence, System

ISSUER_FIELDS = ["system", "body", "party_org", "unit", "abbreviation", "name", "upper_name", "collective", "place"]


def issuer_create(
    *,
    actor,
    system: str,
    body=None,
    party_org=None,
    abbreviation: str,
    name: str,
    upper_name: str = "",
    collective: str = "",
    place: str,
    office: str = "VP",
) -> Issuer:
    """Register a body or a Party organisation as an issuer: its numbering style (the system) and abbreviation
    are its numbering rule; without one, no number can be taken for it."""
    if (body is None) == (party_org is None):
        raise ValidationError({"body": _("Chọn một cơ quan hoặc một tổ chức đảng.")})
    unit = (body or party_org).unit
    access.require_on(actor, Cap.MANAGE_ORGS, unit)
    if system not in System.values:
        raise ValidationError({"system": _("Chọn thể thức văn bản.")})
    abbreviation = required_name(abbreviation, "abbreviation", 30)
    if any(ch in abbreviation for ch in " /"):
        raise ValidationError({"abbreviation": _("Ký hiệu không có khoảng trắng hay dấu “/”.")})
    existing = Issuer.objects.filter(body=body) if body else Issuer.objects.filter(party_org=party_org)
    if existing.exists():
        raise ValidationError({"body": _("Cơ quan này đã có trong danh sách cơ quan ban hành.")})
    issuer = Issuer.objects.create(
        system=system,
        body=body,
        party_org=party_org,
        unit=unit,
        abbreviation=abbreviation,
        name=required_name(name, "name").upper(),
        upper_name=optional_text(upper_name, "upper_name", 200).upper(),
        collective=optional_text(collective, "collective", 100).upper(),
        place=required_name(place, "place", 100),
        office=optional_text(office, "office", 100) or "VP",
    )
    audit.record_create(actor=actor, obj=issuer, fields=ISSUER_FIELDS, unit=unit)
    return issuer


# SQLite has one writer at a time: transactions begin IMMEDIATE (settings), so a second process waits for the
# first (busy timeout). Threads of one process that share an in-memory database (the tests) get "table is locked"
# instead of waiting: a reservation that starts its own transaction takes this lock first. Inside an outer
# transaction the connection already holds the database's write lock, so no second lock is taken (no cycle).
_SQLITE_WRITER = threading.Lock()


def _writer():
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        return _SQLITE_WRITER
    return nullcontext()


def _sequence(issuer: Issuer, doc_type: DocumentType, year: int) -> NumberSequence:
    """The register's row, created on first use; two first uses at once: one creates, the other reads it."""
    try:
        with transaction.atomic():
            return NumberSequence.objects.get_or_create(issuer=issuer, doc_type=doc_type, year=year)[0]
    except IntegrityError:
        return NumberSequence.objects.get(issuer=issuer, doc_type=doc_type, year=year)


def _next_number(issuer: Issuer, doc_type: DocumentType, year: int) -> int:
    """The next number, held until the transaction ends, so that two users at the same instant get two numbers.
    PostgreSQL: the register's row is locked (SELECT ... FOR UPDATE). SQLite has no row locks: the increment is
    written first, which takes the database's single write lock (transactions begin IMMEDIATE), then read."""
    sequence = _sequence(issuer, doc_type, year)
    if connection.features.has_select_for_update:
        sequence = NumberSequence.objects.select_for_update().get(pk=sequence.pk)
        sequence.last_number += 1
        sequence.save(update_fields=["last_number"])
        return sequence.last_number
    NumberSequence.objects.filter(pk=sequence.pk).update(last_number=F("last_number") + 1)
    return NumberSequence.objects.values_list("last_number", flat=True).get(pk=sequence.pk)


def reference_of(issuer: Issuer, doc_type: DocumentType, number: int) -> str:
    """The number and symbol as the issuer's style writes it for the type: Party "12-CV/HU"; State "12/BC-UBND",
    but a State công văn carries the issuer's and the drafting unit's abbreviations, no type letters
    (Nghị định 30/2020/NĐ-CP, Phụ lục I: "Số: 12/UBND-VP"); the drafting unit is the issuer's office."""
    if issuer.system == System.STATE and doc_type.state_number_without_type:
        return f"{number}/{issuer.abbreviation}-{issuer.office}" if issuer.office else f"{number}/{issuer.abbreviation}"
    return engine.reference(issuer.system, number, doc_type.abbreviation, issuer.abbreviation)


def number_reserve(
    *,
    actor,
    issuer: Issuer,
    doc_type: DocumentType,
    dated: datetime.date,
    subject: str,
    template: str,
    origin=None,
    origin_label: str = "",
    options: dict | None = None,
) -> Document:
    """Take the next number of the issuer's register for a draft. The number is the issuer's for the year of the
    document's date; it is never reused (released, it stays a gap)."""
    if actor is None:
        raise TypeError("An actor is required: a person, system_actor() or loader_actor().")
    if not issuer.is_active:
        raise ValidationError({"issuer": _("Cơ quan này không còn ban hành văn bản.")})
    if not doc_type.abbreviation:
        raise ValidationError({"doc_type": _("Loại văn bản “%(name)s” chưa có chữ viết tắt.") % {"name": doc_type}})
    check_day(dated, "dated")
    subject = required_text(subject, "subject", 500).replace("\n", " ")
    access.require_on(actor, Cap.MANAGE_GROUPS, issuer.unit)
    with _writer(), transaction.atomic():
        number = _next_number(issuer, doc_type, dated.year)
        document = Document(
            issuer=issuer,
            doc_type=doc_type,
            unit=issuer.unit,
            year=dated.year,
            number=number,
            reference=reference_of(issuer, doc_type, number),
            template=template,
            subject=subject,
            dated=dated,
            options=options or {},
            origin_label=(origin_label or (str(origin) if origin is not None else ""))[:300],
            reserved_by=actor,
        )
        if origin is not None:
            document.origin_type, document.origin_id = ContentType.objects.get_for_model(origin), origin.pk
        document.search_text = fold(f"{document.reference} {subject} {document.origin_label}")
        document.save()
        audit.record_create(
            actor=actor,
            obj=document,
            fields=["reference", "subject", "dated", "origin_label"],
            unit=document.unit,
            verb=_("Lấy số"),
        )
    return document


def number_release(*, actor, document: Document, reason: str) -> Document:
    """Abandon a draft: its number is released, never given again; the register shows the gap and its reason."""
    access.require(actor, "manage", document)
    reason = required_text(reason, "reason", 500).replace("\n", " ")
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        if document.status != Document.Status.DRAFT:
            raise ValidationError({"reason": _("Chỉ hủy được số của văn bản còn là dự thảo.")})
        before = audit.snapshot(document, ["status", "release_reason"])
        document.status, document.release_reason = Document.Status.RELEASED, reason
        document.save(update_fields=["status", "release_reason", "updated_at"])
        audit.record_update(
            actor=actor,
            obj=document,
            before=before,
            fields=["status", "release_reason"],
            unit=document.unit,
            verb=_("Hủy số"),
            reason=reason,
        )
    return document


def document_issue(*, actor, document: Document) -> Document:
    """Issue a draft with its latest version: that version is kept unchanged from now on (a later generation is
    a new version; the issued one stays what was sent)."""
    access.require(actor, "manage", document)
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        if document.status != Document.Status.DRAFT:
            raise ValidationError({"__all__": _("Văn bản này không còn là dự thảo.")})
        latest = document.versions.order_by("-number").first()
        if latest is None:
            raise ValidationError({"__all__": _("Chưa có bản nào được tạo để ban hành.")})
        before = audit.snapshot(document, ["status", "issued_version"])
        document.status, document.issued_version, document.issued_at = Document.Status.ISSUED, latest, timezone.now()
        document.save(update_fields=["status", "issued_version", "issued_at", "updated_at"])
        audit.record_update(
            actor=actor,
            obj=document,
            before=before,
            fields=["status", "issued_version"],
            unit=document.unit,
            verb=_("Ban hành"),
        )
    return document


MAX_START = 99_999


def number_sequence_start(
    *, actor, issuer: Issuer, doc_type: DocumentType, year: int, last_number: int, reason: str
) -> NumberSequence:
    """Start the issuer's register of a type and year after `last_number`: an office that adopts danvan mid-year
    gave numbers 1…last_number in its paper book, so danvan's next number is last_number + 1 (numbers run on
    within a year and are never given twice: Hướng dẫn 36-HD/VPTW; Nghị định 30/2020/NĐ-CP, Phụ lục I). Refused
    when danvan already gave a number above it; the register shows the start with its reason."""
    access.require(actor, "manage", issuer)
    if not isinstance(year, int) or not 1900 <= year <= 2199:
        raise ValidationError({"year": _("Năm không hợp lệ.")})
    if not isinstance(last_number, int) or not 1 <= last_number <= MAX_START:
        raise ValidationError({"last_number": _("Số cuối đã cấp phải từ 1 đến %(n)s.") % {"n": MAX_START}})
    reason = required_text(reason, "reason", 500).replace("\n", " ")
    with _writer(), transaction.atomic():
        sequence = _sequence(issuer, doc_type, year)
        if connection.features.has_select_for_update:
            sequence = NumberSequence.objects.select_for_update().get(pk=sequence.pk)
        else:  # the write lock first (SQLite): no number can be taken between the check and the start
            NumberSequence.objects.filter(pk=sequence.pk).update(last_number=F("last_number"))
            sequence.refresh_from_db()
        if sequence.last_number > last_number:
            raise ValidationError(
                {
                    "last_number": _(
                        "Sổ này đã cấp đến số %(given)s trên hệ thống: không thể bắt đầu lại từ số %(next)s."
                    )
                    % {"given": sequence.last_number, "next": last_number + 1}
                }
            )
        fields = ["last_number", "started_after", "start_reason"]
        before = audit.snapshot(sequence, fields)
        sequence.last_number = sequence.started_after = last_number
        sequence.start_reason, sequence.started_by, sequence.started_at = reason, actor, timezone.now()
        sequence.save(update_fields=[*fields, "started_by", "started_at"])
        audit.record_update(
            actor=actor,
            obj=sequence,
            before=before,
            fields=fields,
            unit=issuer.unit,
            verb=_("Bắt đầu sổ giữa năm"),
            reason=reason,
        )
    return sequence
