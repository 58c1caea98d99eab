"""Middleware of our own: session time limits, the audit log's request context and the
caching of downloads."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import FileResponse
from django.utils.translation import gettext as _

from .audit import audit_request_reset, audit_request_set

SESSION_STARTED = "_session_started"
SESSION_SEEN = "_session_seen"
# Writing the session on every request would cost a database write per page; the idle clock
# is refreshed at most this often, which is precise enough for limits counted in hours.
SEEN_REFRESH_SECONDS = 60


class SessionTimeoutMiddleware:
    """Signs a person out after SESSION_IDLE_SECONDS without a request, and after
    SESSION_COOKIE_AGE since signing in, whatever their activity."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request) -> None:
        session, now = request.session, int(time.time())
        started = session.setdefault(SESSION_STARTED, now)
        seen = session.get(SESSION_SEEN, now)
        if now - seen > settings.SESSION_IDLE_SECONDS or (
            now - started > settings.SESSION_COOKIE_AGE
        ):
            logout(request)
            messages.info(request, _("Your session ended; please sign in again."))
        elif now - seen >= SEEN_REFRESH_SECONDS or SESSION_SEEN not in session:
            session[SESSION_SEEN] = now


class AuditContextMiddleware:
    """Lets services write audit entries that name the person and address of the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = audit_request_set(request)
        try:
            return self.get_response(request)
        finally:
            audit_request_reset(token)


PRIVATE_NO_STORE = "private, no-store"


def is_download(response) -> bool:
    """A file the browser saves or shows as a file: anything sent with a Content-Disposition
    (uploads, exports, open data, personal data, PDFs, calendars) or streamed from a file."""
    return response.has_header("Content-Disposition") or isinstance(response, FileResponse)


class PrivateDownloadsMiddleware:
    """Every download answers ``Cache-Control: private, no-store``: no shared cache keeps a
    nomination letter, a CV, an export or someone's personal data, and no browser writes it
    to its disk cache. One rule for every view, the admin's exports included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_download(response):
            response["Cache-Control"] = PRIVATE_NO_STORE
        return response
