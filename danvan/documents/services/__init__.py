"""Writes of the document register (one transaction each, audited, with an explicit actor)."""

from .background import generation_request
from .generation import document_generate
from .register import document_issue, issuer_create, number_release, number_reserve, number_sequence_start

__all__ = [
    "document_generate",
    "generation_request",
    "document_issue",
    "issuer_create",
    "number_release",
    "number_reserve",
    "number_sequence_start",
]
