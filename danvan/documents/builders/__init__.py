"""The document templates: each turns a record of another module (read through that module's selectors) into the
engine's structured document. A template names its document type, the access action its record needs, how it
finds the record and the issuer, its default options, and `build`. Add one here (docs/documents.md)."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..engine import Doc
from ..models import Issuer


@dataclass(frozen=True)
class Template:
    code: str  # stored on the document; the URL slug
    label: str
    doc_type: str  # DocumentType.code
    action: str  # the access action the user needs on the record ("manage" on a working group)
    load: Callable[[Any, Any], Any]  # (user, pk) -> the record, 404 outside the user's reach
    issuer: Callable[[Any], Issuer | None]  # the record -> its issuer, None when none is registered
    defaults: Callable[[Any, Issuer], dict]  # the form's initial values
    build: Callable[[Any, Any, Issuer, dict], Doc]  # (document, record, issuer, options) -> Doc
    subject: Callable[[Any, dict], str]
    form: type | None = None  # the form of the options `build` reads (a django Form class)
    description: str = ""  # one line on the compose page: layout, annexes, where the figures come from
    # The records the user may draft this document from, for the compose page: (pk, label, note) of each, at most
    # a page of them; None when the document is drafted from the record's own page only.
    candidates: Callable[[Any], Iterable[tuple[Any, str, str]]] | None = None
    label_of: Callable[[Any], str] = str  # the origin's label in the register
    url_of: Callable[[int], str] | None = None  # the origin's page from its id (no query: the register links it)


TEMPLATES: dict[str, Template] = {}


def register(template: Template) -> Template:
    TEMPLATES[template.code] = template
    return template


def get(code: str) -> Template:
    return TEMPLATES[code]


def issuer_of(template: Template, record) -> Issuer:
    issuer = template.issuer(record)
    if issuer is None or not issuer.is_active:
        raise ValidationError(
            {
                "__all__": _(
                    "Cơ quan ban hành của hồ sơ này chưa có quy tắc đánh số: hãy đăng ký cơ quan ban hành trước."
                )
            }
        )
    return issuer


def recipients(lines: str, issuer: Issuer) -> list[str]:
    """The recipients the user typed, one a line, ending with the issuer's file copy ("Lưu VP")."""
    items = [
        line.strip().lstrip("-").strip() for line in (lines or "").splitlines() if line.strip().lstrip("-").strip()
    ]
    items = [item for item in items if not item.lower().startswith("lưu")]
    return [*items, f"Lưu {issuer.office}."]


def _discover() -> None:
    """Every module of this package registers its template when imported: adding a template is adding a file."""
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")


_discover()
