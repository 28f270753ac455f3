"""Attachments of every module: which files are accepted and how big."""

import os

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
ALLOWED_EXTENSIONS = frozenset(
    {".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ods", ".jpg", ".jpeg", ".png", ".txt", ".rtf"}
)


def check_upload(upload, field: str = "attachments") -> None:
    name = getattr(upload, "name", "") or ""
    ext = os.path.splitext(name.lower())[1]
    if ext not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            {
                field: _("Tệp “%(n)s” không được nhận: chỉ nhận %(e)s.")
                % {"n": name[:80], "e": ", ".join(sorted(e.lstrip(".").upper() for e in ALLOWED_EXTENSIONS))}
            }
        )
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            {field: _("Tệp “%(n)s” lớn hơn %(m)s MB.") % {"n": name[:80], "m": MAX_UPLOAD_BYTES // (1024 * 1024)}}
        )
