"""The document templates: each turns a record of another module (read through that module's selectors) into the
engine's structured document. A template names its document type, the access action its record needs, how it
finds the record and the issuer, its default options, and `build`. Add one here (docs/documents.md)."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from danvan.core import access

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
    # A report of a period: the option that names the period ("month": "03/2016"; "year": "2015"). There is one
    # document per record and period; the draft page reads the period from its query (?month=03/2016) and calls
    # `defaults(record, issuer, period)` ("" for the template's default period).
    period: str = ""
    # For a record that declares no fitting action (a unit): the capability the user needs over it
    # (core.access.require_on), checked instead of `action`.
    cap: Any = None
    # The limit of the template's own text options (its narrative sections, several lines each); 0: the service's
    # limits (200 characters on one line for an option it does not know).
    text_limit: int = 0
    # Whether drafting this record is long work for the worker (a province's quarterly report): the page then shows
    # the progress the template reports through `progress` while it gathers its figures.
    background: Callable[[Any], bool] | None = None
    # Long reads done before the register's write transaction (the figures of a report): `prepare(record, options)`
    # may refuse bad options (ValidationError) and keep what it read on the record for `build`. Outside the
    # transaction, a background job's progress is seen by the page and SQLite's single writer is not held.
    prepare: Callable[[Any, dict], None] | None = None


TEMPLATES: dict[str, Template] = {}


_PROGRESS: ContextVar[Callable[[int, int], None] | None] = ContextVar("document_progress", default=None)


def progress(done: int, total: int) -> None:
    """A template reports how far it is (steps done of total) to the job that runs it in the worker, if any."""
    report = _PROGRESS.get()
    if report is not None:
        report(done, total)


def reporting(callback: Callable[[int, int], None]):
    """Run a generation with `callback` receiving its progress: `with builders.reporting(cb): ...`."""
    from contextlib import contextmanager

    @contextmanager
    def scope():
        token = _PROGRESS.set(callback)
        try:
            yield
        finally:
            _PROGRESS.reset(token)

    return scope()


def runs_in_background(template: Template, record) -> bool:
    return bool(template.background and template.background(record))


def register(template: Template) -> Template:
    TEMPLATES[template.code] = template
    return template


def get(code: str) -> Template:
    return TEMPLATES[code]


def authorize(user, template: Template, record) -> None:
    """403 unless the user may draft the template from the record (its action, or its capability over a unit)."""
    if template.cap:
        access.require_on(user, template.cap, record)
    else:
        access.require(user, template.action, record)


def initial(template: Template, record, issuer: Issuer, period: str = "") -> dict:
    """The form's initial values; a report of a period drafts them for the period asked (or its default one)."""
    return template.defaults(record, issuer, period) if template.period else template.defaults(record, issuer)


def same_period(template: Template, options: dict) -> dict:
    """The lookup that picks the record's document of the same period (one document per record and period)."""
    return {f"options__{template.period}": str(options.get(template.period) or "")} if template.period else {}


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
    """The recipients the user typed, one a line, ending with the issuer's file copy as its system writes it:
    Party "Lưu VP." (Hướng dẫn 36-HD/VPTW: the office keeps it); State "Lưu: VT, VP." (Nghị định 30/2020/NĐ-CP,
    Phụ lục I: the records clerk, văn thư, then the drafting unit)."""
    items = [
        line.strip().lstrip("-").strip() for line in (lines or "").splitlines() if line.strip().lstrip("-").strip()
    ]
    items = [item for item in items if not item.lower().startswith("lưu")]
    if issuer.system == "state":
        keep = ", ".join(dict.fromkeys(["VT", *filter(None, [issuer.office])]))
        return [*items, f"Lưu: {keep}."]
    return [*items, f"Lưu {issuer.office}."]


def assemble(document, issuer: Issuer, options: dict, body: list, annex: list | None = None) -> Doc:
    """The document of a template in its issuer's layout: header, number, place and date, type and subject, the
    template's body and annex, the signing block and recipients from the options (ending with the file copy)."""
    from .. import engine

    return Doc(
        system=issuer.system,
        upper_name=issuer.upper_name,
        issuer_name=issuer.name,
        number_line=engine.number_text(
            issuer.system, document.number, document.doc_type.abbreviation, issuer.abbreviation
        ),
        date_line=engine.date_line(issuer.place, document.dated),
        type_name=document.doc_type.name.upper(),
        subject=engine.clean(document.subject),
        body=body,
        signature=engine.Signature(
            engine.clean(options.get("authority", "")),
            engine.clean(options.get("signer_title", "")),
            engine.clean(options.get("signer_name", "")),
        ),
        recipients=[engine.clean(r) for r in recipients(options.get("recipients", ""), issuer)],
        annex=list(annex or []),
    )


def _discover() -> None:
    """Every module of this package registers its template when imported: adding a template is adding a file."""
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")


_discover()
