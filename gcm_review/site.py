"""The portal's absolute address, for the links in mails, calendar files and the report."""

from django.conf import settings
from django.core.exceptions import DisallowedHost

from .audit import current_request


def site_url() -> str:
    """SITE_URL; in development with SITE_URL unset (DEBUG, or the embedded default), the
    scheme, host and port of the request being served, so that a server started on another
    port than 8000 links to itself. Outside a request (a worker, a command): SITE_URL."""
    request = current_request() if settings.SITE_URL_FROM_REQUEST else None
    if request is None:
        return settings.SITE_URL
    try:
        return request.build_absolute_uri("/").rstrip("/")
    except DisallowedHost:
        return settings.SITE_URL
