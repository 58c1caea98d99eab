"""Reading a PDF back with pypdf: its text, its link targets and anything active in it."""

import io

import pypdf
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

# Keys and action types that make a PDF do something besides showing pages and following links.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/AA", "/OpenAction", "/EmbeddedFiles", "/EmbeddedFile"}
ACTIVE_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/GoToR",
    "/GoToE",
    "/RichMediaExecute",
    "/Rendition",
    "/Sound",
    "/Movie",
    "/Hide",
    "/SetOCGState",
    "/Trans",
    "/GoTo3DView",
}
ALLOWED_URI_SCHEMES = ("http://", "https://", "mailto:")


def reader(content: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(content))


def pdf_text(content: bytes) -> str:
    """Every page's text, whitespace squeezed. (pypdf reads some pages as UTF-16 code units,
    a NUL before each letter, when a font holds a .notdef glyph: those NULs are dropped.)"""
    pages = reader(content).pages
    return " ".join(
        " ".join((page.extract_text() or "").replace("\x00", "").split()) for page in pages
    )


def _walk(obj, seen: set, found: dict) -> None:
    if isinstance(obj, IndirectObject):
        key = (obj.idnum, obj.generation)
        if key in seen:
            return
        seen.add(key)
        obj = obj.get_object()
    if isinstance(obj, DictionaryObject):
        for key, value in obj.items():
            if key in ACTIVE_KEYS:
                found["active"].append(key)
            if key == "/S" and isinstance(value, NameObject):
                found["actions"].append(str(value))
            if key == "/URI":
                found["uris"].append(str(value.get_object()))
            if key == "/Subtype" and value == "/Image":
                found["images"] += 1
            if key == "/Parent":
                continue
            _walk(value, seen, found)
    elif isinstance(obj, ArrayObject):
        for item in obj:
            _walk(item, seen, found)


def pdf_parts(content: bytes) -> dict:
    """What the PDF holds besides text: ``active`` keys, action types (``actions``), link
    targets (``uris``), the number of ``images`` and of ``attachments``."""
    pdf = reader(content)
    found = {"active": [], "actions": [], "uris": [], "images": 0}
    _walk(pdf.trailer, set(), found)
    found["attachments"] = len(pdf.attachments)
    return found


def pdf_problems(content: bytes, *, allowed_uris: set[str] | None = None) -> list[str]:
    """Anything active in the PDF: JavaScript, launch, form submission, embedded files, open or
    page actions, and links that are not http(s)/mailto (or not in ``allowed_uris``)."""
    parts = pdf_parts(content)
    problems = [f"active key {key}" for key in parts["active"]]
    problems += [f"action {action}" for action in parts["actions"] if action in ACTIVE_ACTIONS]
    for uri in parts["uris"]:
        if not uri.lower().startswith(ALLOWED_URI_SCHEMES):
            problems.append(f"link to {uri[:80]!r}")
        elif allowed_uris is not None and uri not in allowed_uris:
            problems.append(f"unexpected link to {uri[:80]!r}")
    if parts["attachments"]:
        problems.append(f"{parts['attachments']} embedded file(s)")
    return problems
