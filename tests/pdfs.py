"""Real PDF files for the tests, made with pypdf: uploads are read with pypdf, so a file that
only starts with "%PDF-" is refused (gcm_review.uploads)."""

import io

from pypdf import PdfWriter


def pdf_document(padding: int = 0, *, title: str = "") -> bytes:
    """A one-page A4 PDF, with ``title`` in its metadata; ``padding`` bytes of spaces make it
    that much larger (an embedded file, so the document stays well formed)."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if title:
        writer.add_metadata({"/Title": title})
    if padding:
        writer.add_attachment("padding.txt", b" " * padding)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_of_size(size: int) -> bytes:
    """A well-formed PDF of exactly ``size`` bytes."""
    padding = max(1, size - len(pdf_document(1)))
    for _attempt in range(5):
        content = pdf_document(padding)
        if len(content) == size:
            return content
        padding += size - len(content)
    raise ValueError(f"no PDF of {size} bytes")


PDF = pdf_document()
