"""Requests whose text cannot be read as text: refused with a translated 400 before any view
reads them or the audit log keeps them.

PostgreSQL stores no NUL character in text or JSON, so a NUL that reached a log entry or a
saved filter would fail the write (a 500) long after the request was accepted; and bytes that
are not UTF-8 would otherwise be replaced silently by U+FFFD (or read as Latin-1), changing
what a person sent without telling them. Browsers never send either from the portal's pages.
"""

from urllib.parse import unquote_to_bytes

from django.shortcuts import render
from django.utils.translation import gettext as _

FORM_URLENCODED = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
UTF_8 = {"", "utf-8", "utf8"}
# What Django puts where a multipart field held bytes that are not UTF-8.
REPLACEMENT = "\ufffd"


def request_text_problem(request) -> str:
    """What the person is told about the request's unreadable text, or '' if it reads."""
    if "\x00" in request.path_info:
        return _("The address of this page contains a null character, which the portal refuses.")
    query = _percent_decoded(request.META.get("QUERY_STRING", ""))
    if query is None:
        return _("The address of this page contains characters that are not valid UTF-8.")
    if "\x00" in query:
        return _("The address of this page contains a null character, which the portal refuses.")
    if any("\x00" in str(value) for key, value in request.META.items() if key.startswith("HTTP_")):
        return _("The request carries a null character in a header, which the portal refuses.")
    if request.method in ("POST", "PUT", "PATCH") and not _form_is_utf_8(request):
        return _(
            "The form sent text that is not valid UTF-8, so nothing was saved. "
            "Please go back and send it again from the portal's page."
        )
    return ""


def _percent_decoded(text: str) -> str | None:
    """The query string as text (None if not UTF-8). A WSGI server passes its raw bytes as
    Latin-1 text; the plus sign stands for a space."""
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        raw = text.encode("utf-8")
    try:
        return unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return None


def _form_is_utf_8(request) -> bool:
    if request.content_params.get("charset", "").lower() not in UTF_8:
        return True  # Django decodes (or refuses) other declared charsets itself.
    if request.content_type == FORM_URLENCODED:
        return _percent_decoded(request.body.decode("latin-1")) is not None
    if request.content_type == MULTIPART:
        fields = request.POST
        return not any(
            REPLACEMENT in key or any(REPLACEMENT in value for value in fields.getlist(key))
            for key in fields
        )
    return True


def bad_request_page(request, reason: str, *, status: int = 400):
    return render(request, "400.html", {"reason": reason}, status=status)


class RequestTextMiddleware:
    """Answers a translated 400 (see ``request_text_problem``) before anything else reads the
    request. It runs after LocaleMiddleware, so the page speaks the language of the address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if reason := request_text_problem(request):
            return bad_request_page(request, reason)
        return self.get_response(request)
