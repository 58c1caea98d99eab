"""Uploaded files: their type is read from the bytes, never from the name or the browser."""

import io
import re
import struct
import zipfile
import zlib

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader

PDF, DOCX, ODT = "pdf", "docx", "odt"
LABELS = {PDF: "PDF", DOCX: "Word (DOCX)", ODT: "OpenDocument (ODT)"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# What a DOCX or ODT may unpack to: more is a zip bomb, not a written document.
ZIP_MAX_UNPACKED = 100 * 1024 * 1024
_LOCAL_HEADER_SIZE = 30  # a zip member's local header before its name and extra field
_READ_STEP, _INFLATE_STEP = 64 * 1024, 1024 * 1024
# A PDF ends with "startxref", the offset of its cross-reference table, and "%%EOF"; a file
# without them in its last bytes would send pypdf scanning the whole file for objects.
_PDF_TAIL = 4096
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
    """The type judged by the content, and for a zip (DOCX, ODT) the size it unpacks to.
    Nothing but the first bytes of an ODT's "mimetype" member is kept: the members are
    inflated in bounded steps and only counted, and counting stops past ZIP_MAX_UNPACKED."""
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
            names = {member.filename for member in members}
            kind = None
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    if member.read(len(ODT_MIMETYPE) + 2).strip() == ODT_MIMETYPE:
                        kind = ODT
            if kind is None and "[Content_Types].xml" in names:
                kind = DOCX if any(n.startswith("word/") for n in names) else None
            if kind is None:
                return None, 0
            return kind, _unpacked_size(upload, members)
    except _ZIP_ERRORS:
        return None, 0
    finally:
        upload.seek(0)


def _unpacked_size(upload, members) -> int:
    """What the members unpack to, counted by inflating each one's own bytes (the sizes an
    archive declares can lie, and any program that opens the file inflates the stream until
    it ends). Stops counting once past ZIP_MAX_UNPACKED."""
    declared = sum(member.file_size for member in members)
    if declared > ZIP_MAX_UNPACKED:
        return declared
    end = upload.seek(0, io.SEEK_END)
    total = 0
    for member in members:
        upload.seek(member.header_offset)
        header = upload.read(_LOCAL_HEADER_SIZE)
        if len(header) < _LOCAL_HEADER_SIZE or not header.startswith(b"PK\x03\x04"):
            raise zipfile.BadZipFile("no local header where the directory says")
        name_length, extra_length = struct.unpack("<HH", header[26:30])
        start = upload.seek(member.header_offset + _LOCAL_HEADER_SIZE + name_length + extra_length)
        if member.compress_type == zipfile.ZIP_STORED:
            total += max(0, min(member.compress_size, end - start))
        elif member.compress_type == zipfile.ZIP_DEFLATED:
            total += _inflated_size(upload, ZIP_MAX_UNPACKED - total)
        else:
            # Word and LibreOffice write stored or deflated members only.
            raise NotImplementedError(f"compression method {member.compress_type}")
        if total > ZIP_MAX_UNPACKED:
            break
    return total


def _inflated_size(stream, limit: int) -> int:
    """The size of the raw deflate stream that starts at the stream's position, inflated
    _INFLATE_STEP bytes at a time and discarded; stops once past ``limit``."""
    inflater, size = zlib.decompressobj(-zlib.MAX_WBITS), 0
    while not inflater.eof and size <= limit:
        compressed = inflater.unconsumed_tail or stream.read(_READ_STEP)
        inflated = inflater.decompress(compressed, _INFLATE_STEP)
        if not compressed and not inflated:
            break  # the file ends before the stream does
        size += len(inflated)
    return size


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
    if kind == PDF and not _pdf_readable(upload):
        raise ValidationError(
            _(
                "This file begins like a PDF but is not a readable PDF document. "
                "Save or export it again as a PDF and send that file."
            ),
            code="unreadable_pdf",
        )
    if unpacked > ZIP_MAX_UNPACKED:
        raise ValidationError(
            _("This file unpacks to more than %(limit)s, far more than a document needs."),
            code="unpacks_too_large",
            params={"limit": filesizeformat(ZIP_MAX_UNPACKED)},
        )
    return kind


def _pdf_readable(upload) -> bool:
    """Whether pypdf reads the file's cross-reference table and page tree and finds a page
    (an encrypted PDF counts once its trailer is read): a page of HTML behind "%PDF-" is not
    a PDF, however it is served."""
    try:
        end = upload.seek(0, io.SEEK_END)
        upload.seek(max(0, end - _PDF_TAIL))
        tail = upload.read()
        if b"startxref" not in tail or b"%%EOF" not in tail:
            return False
        upload.seek(0)
        reader = PdfReader(upload, strict=False)
        return reader.is_encrypted or len(reader.pages) > 0
    except Exception:  # pypdf raises errors of many kinds on a broken file
        return False
    finally:
        upload.seek(0)


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
