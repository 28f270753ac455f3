"""Reads of the document register, through the access registry."""

from __future__ import annotations

import difflib

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from danvan.core import access
from danvan.core.search import search

from .models import Document, DocumentType, DocumentVersion, Issuer, NumberSequence


def register_list(*, user, q: str = "", issuer: str = "", doc_type: str = "", year: int | None = None) -> QuerySet:
    """The register as the user may read it: newest year first, then by number (gaps show as released rows)."""
    rows = access.visible(user, Document).select_related("issuer", "doc_type", "origin_type")
    if issuer:
        rows = rows.filter(issuer_id=issuer)
    if doc_type:
        rows = rows.filter(doc_type__code=doc_type)
    if year:
        rows = rows.filter(year=year)
    return search(rows, q).order_by("-year", "issuer__name", "doc_type__position", "-number")


def issuer_list(*, user) -> QuerySet:
    return access.visible(user, Issuer).select_related("unit__type", "body", "party_org").order_by("name")


def issuer_choices(user) -> list[tuple[str, str]]:
    return [(str(i.pk), str(i)) for i in issuer_list(user=user)]


def type_choices(user=None) -> list[tuple[str, str]]:
    return [(t.code, f"{t.name} ({t.abbreviation})") for t in DocumentType.objects.order_by("position", "name")]


def documents_of(*, user, record) -> QuerySet:
    """The documents generated from `record` that the user may read (a record's page lists them)."""
    kind = ContentType.objects.get_for_model(record)
    return access.visible(user, Document).filter(origin_type=kind, origin_id=record.pk).select_related("doc_type")


def versions(document: Document) -> QuerySet:
    return DocumentVersion.objects.filter(document=document).select_related("created_by").order_by("-number")


def issuers_managed(*, user) -> QuerySet:
    """The issuers whose registers the user keeps (may start one mid-year)."""
    return access.permitted(user, "manage", Issuer, issuer_list(user=user))


def sequence_starts(*, user) -> QuerySet:
    """The registers started mid-year that the user reads, each with the last number given outside danvan and
    why: the register explains the numbers it never gave."""
    return (
        NumberSequence.objects.filter(issuer__in=access.visible(user, Issuer).values("pk"), started_after__gt=0)
        .select_related("issuer", "doc_type", "started_by")
        .order_by("-year", "issuer__name", "doc_type__position")
    )


def document_types() -> QuerySet:
    return DocumentType.objects.order_by("position", "name")


MAX_CHANGES = 200


def version_changes(document: Document) -> tuple[DocumentVersion | None, DocumentVersion | None, list[tuple[str, str]]]:
    """What moved between the last two generations (a late change in the data, an edited section): the lines
    removed ("-") and added ("+"), at most MAX_CHANGES of them; empty when there is one version or nothing moved."""
    latest = list(DocumentVersion.objects.filter(document=document).order_by("-number").only("number", "text")[:2])
    if len(latest) < 2 or not (latest[0].text and latest[1].text):
        return None, None, []
    new, old = latest
    changes = [
        (line[0], line[1:])
        for line in difflib.unified_diff(old.text.splitlines(), new.text.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    return old, new, changes[:MAX_CHANGES]
