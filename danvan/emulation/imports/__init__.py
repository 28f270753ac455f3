"""Excel in: the registration template, and the import of a filled workbook.

An import is checked row by row with the same rules as the registration form (`services.check_values`, and the
database rules of `services.check_relations` answered from caches built once per file), then saved all at once
(mode ALL: nothing unless every row is valid) or valid rows only (the bad rows come back as a workbook with an
"Lỗi" column). Each created initiative gets its own audit entry, as if it had been registered on the form.
"""

from .common import (
    COLUMNS,
    HEADERS,
    HELP_SHEET,
    LISTS_SHEET,
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    REJECTED_HEADER,
    SHEET,
    XLSX_CONTENT_TYPE,
)
from .job import run, start
from .reading import columns_of, read_rows
from .saving import rejected_workbook
from .template import template_workbook
from .validation import Lookups, Problem, check_row

__all__ = [
    "COLUMNS",
    "HEADERS",
    "HELP_SHEET",
    "LISTS_SHEET",
    "MAX_ROWS",
    "MAX_UPLOAD_BYTES",
    "REJECTED_HEADER",
    "SHEET",
    "XLSX_CONTENT_TYPE",
    "Lookups",
    "Problem",
    "check_row",
    "columns_of",
    "read_rows",
    "rejected_workbook",
    "run",
    "start",
    "template_workbook",
]
