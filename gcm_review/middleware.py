"""Middleware of our own: session time limits and the audit log's request context."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
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
