"""Uploaded files: their type is read from the bytes, never from the name or the browser."""

import re
import struct
import zipfile
import zlib

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

PDF, DOCX, ODT = "pdf", "docx", "odt"
LABELS = {PDF: "PDF", DOCX: "Word (DOCX)", ODT: "OpenDocument (ODT)"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# What a DOCX or ODT may unpack to: more is a zip bomb, not a written document.
ZIP_MAX_UNPACKED = 100 * 1024 * 1024
# What the zip module raises for archives that are damaged, encrypted or use another method.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    RuntimeError,
    EOFError,
    ValueError,
    struct.error,
    zlib.error,
)
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ODT: "application/vnd.oasis.opendocument.text",
}


def sniff_type(upload) -> str | None:
    """'pdf', 'docx', 'odt' or None, judged by the content."""
    return _sniff(upload)[0]


def _sniff(upload) -> tuple[str | None, int]:
    """The type judged by the content, and for a zip (DOCX, ODT) the size its members declare
    once unpacked. Nothing is unpacked but the first bytes of an ODT's "mimetype" member: the
    zip module never returns more than a member declares, so the sum bounds any unpacking."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF, 0
    if not head.startswith(b"PK\x03\x04"):
        return None, 0
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            unpacked = sum(member.file_size for member in members)
            names = {member.filename for member in members}
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    if member.read(len(ODT_MIMETYPE) + 2).strip() == ODT_MIMETYPE:
                        return ODT, unpacked
            if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
                return DOCX, unpacked
    except _ZIP_ERRORS:
        return None, 0
    finally:
        upload.seek(0)
    return None, 0


def validate_upload(upload, *, allowed: set[str], max_bytes: int) -> str:
    """Refuse files that are too large or not of an allowed type; returns the type."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("This file is too large: the limit is %(limit)s."),
            code="too_large",
            params={"limit": filesizeformat(max_bytes)},
        )
    kind, unpacked = _sniff(upload)
    if kind not in allowed:
        raise ValidationError(
            _("Only %(types)s files are accepted, and this file is not one."),
            code="wrong_type",
            params={"types": ", ".join(LABELS[k] for k in LABELS if k in allowed)},
        )
    if unpacked > ZIP_MAX_UNPACKED:
        raise ValidationError(
            _("This file unpacks to more than %(limit)s, far more than a document needs."),
            code="unpacks_too_large",
            params={"limit": filesizeformat(ZIP_MAX_UNPACKED)},
        )
    return kind


def safe_filename(filename: str, kind: str, *, default: str = "document") -> str:
    """The name to store an upload under and offer it for download as: the sender's name
    without any folder, reduced to letters, digits, "-", "_" and "." (no leading dot), at
    most 80 characters, with the extension of the type judged from the bytes."""
    stem = filename.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    stem = re.sub(r"(?u)[^-\w.]", "", stem.strip().replace(" ", "_"))[:80].strip(".")
    return f"{stem or default}.{kind}"


def upload_response(field_file, *, filename: str, kind: str = PDF) -> FileResponse:
    """An uploaded file, always sent as a download of its checked type, so that a browser
    never renders what someone uploaded as a page of this site."""
    return FileResponse(
        field_file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type=CONTENT_TYPES[kind],
    )
