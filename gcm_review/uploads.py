"""Uploaded files: their type is read from the bytes, never from the name or the browser."""

import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

PDF, DOCX, ODT = "pdf", "docx", "odt"
LABELS = {PDF: "PDF", DOCX: "Word (DOCX)", ODT: "OpenDocument (ODT)"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def sniff_type(upload) -> str | None:
    """'pdf', 'docx', 'odt' or None, judged by the content."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
                return ODT
            if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
                return DOCX
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)
    return None


def validate_upload(upload, *, allowed: set[str], max_bytes: int) -> str:
    """Refuse files that are too large or not of an allowed type; returns the type."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("This file is too large: the limit is %(limit)s."),
            code="too_large",
            params={"limit": filesizeformat(max_bytes)},
        )
    kind = sniff_type(upload)
    if kind not in allowed:
        raise ValidationError(
            _("Only %(types)s files are accepted, and this file is not one."),
            code="wrong_type",
            params={"types": ", ".join(LABELS[k] for k in LABELS if k in allowed)},
        )
    return kind
