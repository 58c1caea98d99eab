"""File bodies for the upload tests, built in memory (big files and zips are never committed),
and multipart bodies written byte by byte, so a filename reaches the server exactly as a
hostile client sends it (Django's test client would clean it first)."""

import io
import zipfile

from pypdf import PdfWriter

from tests.hostile._portal_world import PDF

BOUNDARY = "hostile-boundary-Yz7Qp3"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
MB = 1024 * 1024


def multipart(fields: dict, *, file_field: str, param: str, content: bytes, content_type: str):
    """(body, content type) of a form post whose file part carries ``param`` (for example
    ``filename="../x.pdf"``) exactly as given, encoded in UTF-8."""
    parts = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            parts.append(
                f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
                + str(item).encode()
                + b"\r\n"
            )
    parts.append(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{file_field}"; {param}\r\n'
        f"Content-Type: {content_type}\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    body = b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()
    return body, f"multipart/form-data; boundary={BOUNDARY}"


# Documents -----------------------------------------------------------------------------------


def _zip(members: list[tuple[str, bytes]], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def pdf() -> bytes:
    return PDF


def pdf_truncated() -> bytes:
    return PDF[: len(PDF) // 2]


def pdf_without_pages() -> bytes:
    buffer = io.BytesIO()
    PdfWriter().write(buffer)
    return buffer.getvalue()


def pdf_updated() -> bytes:
    """A PDF saved twice: an incremental update appended after the first %%EOF, as editors
    that sign or annotate a document write it."""
    writer = PdfWriter(io.BytesIO(PDF), incremental=True)
    writer.add_metadata({"/Title": "Updated"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx() -> bytes:
    return _zip([("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")])


def odt() -> bytes:
    return _zip(
        [("mimetype", ODT_MIMETYPE), ("content.xml", b"<office:document-content/>")],
        compression=zipfile.ZIP_STORED,
    )


def zip_plain() -> bytes:
    return _zip([("readme.txt", b"Not a document.")])


def xlsx() -> bytes:
    return _zip([("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<workbook/>")])


def ods() -> bytes:
    return _zip(
        [("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", b"<x/>")],
        compression=zipfile.ZIP_STORED,
    )


def _odt_deflated() -> bytes:
    """An ODT whose "mimetype" member comes first and is compressed."""
    return _zip([("mimetype", ODT_MIMETYPE), ("content.xml", b"<office:document-content/>")])


def _patch_first_member(data: bytes, *, local_offset: int, central_offset: int, value: bytes):
    """Overwrite a field of the first member in its local header and in the central
    directory."""
    data = bytearray(data)
    data[local_offset : local_offset + len(value)] = value
    central = data.index(b"PK\x01\x02")
    data[central + central_offset : central + central_offset + len(value)] = value
    return bytes(data)


def odt_encrypted_mimetype() -> bytes:
    """The "mimetype" member flagged as encrypted: reading it needs a password."""
    return _patch_first_member(_odt_deflated(), local_offset=6, central_offset=8, value=b"\x01\x00")


def odt_unknown_compression() -> bytes:
    """The "mimetype" member compressed with method 99, which the zip module cannot read."""
    return _patch_first_member(
        _odt_deflated(), local_offset=8, central_offset=10, value=b"\x63\x00"
    )


def odt_corrupt_mimetype() -> bytes:
    """The compressed bytes of "mimetype" replaced by garbage: inflating it fails."""
    data = bytearray(_odt_deflated())
    start = 30 + len(b"mimetype")
    size = int.from_bytes(data[18:22], "little")
    data[start : start + size] = b"\xff" * size
    return bytes(data)


def zip_truncated() -> bytes:
    """The first half of a DOCX: a zip without its central directory."""
    whole = docx()
    return whole[: len(whole) // 2]


# Zip bombs: a few hundred kilobytes that unpack to hundreds of megabytes -------------------


def _bomb(members: list[tuple[str, bytes, int]], filler: bytes = b"\0") -> bytes:
    """Members named, with a prefix and that many megabytes of ``filler`` after it."""
    buffer = io.BytesIO()
    block = filler * MB
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, prefix, megabytes in members:
            with archive.open(name, "w", force_zip64=True) as member:
                member.write(prefix)
                for _ in range(megabytes):
                    member.write(block)
    return buffer.getvalue()


def docx_bomb(megabytes: int) -> bytes:
    return _bomb([("[Content_Types].xml", b"<Types/>", 0), ("word/document.xml", b"", megabytes)])


def odt_mimetype_bomb(megabytes: int) -> bytes:
    """The mimetype, then megabytes of spaces: read whole and stripped, it is a valid ODT."""
    return _bomb([("mimetype", ODT_MIMETYPE, megabytes)], filler=b" ")


def odt_content_bomb(megabytes: int) -> bytes:
    return _bomb([("mimetype", ODT_MIMETYPE, 0), ("content.xml", b"", megabytes)])


def docx_many_parts_bomb(megabytes: int) -> bytes:
    parts = [(f"word/media/part{n}.xml", b"", 40) for n in range(megabytes // 40)]
    return _bomb([("[Content_Types].xml", b"<Types/>", 0), *parts])


def _lying_bomb(members: list[tuple[str, bytes, int]], *, compressed_too: bool) -> bytes:
    """A bomb whose every member says, in its local header and in the central directory, that
    it unpacks to 1,000 bytes (and, with ``compressed_too``, that it takes 1,000 compressed)."""
    buffer = io.BytesIO()
    block = b"\0" * MB
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, prefix, megabytes in members:
            with archive.open(name, "w") as member:  # no zip64: sizes in the headers
                member.write(prefix)
                for _ in range(megabytes):
                    member.write(block)
    data = bytearray(buffer.getvalue())
    lie = (1000).to_bytes(4, "little")
    # (offset in the local header, offset in the central directory entry) of each size
    fields = [(22, 24)] + ([(18, 20)] if compressed_too else [])
    entry = data.index(b"PK\x01\x02")
    while data[entry : entry + 4] == b"PK\x01\x02":
        local = int.from_bytes(data[entry + 42 : entry + 46], "little")
        for in_local, in_central in fields:
            data[local + in_local : local + in_local + 4] = lie
            data[entry + in_central : entry + in_central + 4] = lie
        lengths = (
            int.from_bytes(data[entry + at : entry + at + 2], "little") for at in (28, 30, 32)
        )
        entry += 46 + sum(lengths)
    return bytes(data)


def docx_lying_bomb(megabytes: int) -> bytes:
    """The finding: a DOCX whose 200 MB document declares 1,000 bytes."""
    members = [("[Content_Types].xml", b"<Types/>", 0), ("word/document.xml", b"", megabytes)]
    return _lying_bomb(members, compressed_too=False)


def docx_lying_bomb_both_sizes(megabytes: int) -> bytes:
    members = [("[Content_Types].xml", b"<Types/>", 0), ("word/document.xml", b"", megabytes)]
    return _lying_bomb(members, compressed_too=True)


def odt_lying_content_bomb(megabytes: int) -> bytes:
    members = [("mimetype", ODT_MIMETYPE, 0), ("content.xml", b"", megabytes)]
    return _lying_bomb(members, compressed_too=False)


def docx_lying_many_parts_bomb(megabytes: int) -> bytes:
    parts = [(f"word/media/part{n}.xml", b"", 20) for n in range(megabytes // 20)]
    return _lying_bomb([("[Content_Types].xml", b"<Types/>", 0), *parts], compressed_too=True)


BUILDERS = {
    function.__name__: function
    for function in (
        pdf,
        pdf_truncated,
        pdf_without_pages,
        pdf_updated,
        docx,
        odt,
        zip_plain,
        xlsx,
        ods,
        odt_encrypted_mimetype,
        odt_unknown_compression,
        odt_corrupt_mimetype,
        zip_truncated,
        docx_bomb,
        odt_mimetype_bomb,
        odt_content_bomb,
        docx_many_parts_bomb,
        docx_lying_bomb,
        docx_lying_bomb_both_sizes,
        odt_lying_content_bomb,
        docx_lying_many_parts_bomb,
    )
}


def content_of(description: dict) -> bytes:
    """The bytes a payload file describes: text, latin-1 bytes, or a builder's output."""
    if "text" in description:
        return description["text"].encode()
    if "latin1" in description:
        return description["latin1"].encode("latin-1")
    return BUILDERS[description["builder"]]()
