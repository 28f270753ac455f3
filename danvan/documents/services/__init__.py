"""Writes of the document register (one transaction each, audited, with an explicit actor)."""

from .generation import document_generate
from .register import document_issue, issuer_create, number_release, number_reserve, number_sequence_start

__all__ = [
    "document_generate",
    "document_issue",
    "issuer_create",
    "number_release",
    "number_reserve",
    "number_sequence_start",
]
