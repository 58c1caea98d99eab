"""Whole public pages cached for anonymous visitors: the one way the portal caches a page.

A view decorated with ``public_page`` answers a signed-out visitor (no session cookie, no
pending messages) from the cache when it can: the key is the content version, the language
and the page's full address (hashed). The content version is a counter in the cache, bumped
whenever a model of the apps whose data the public pages show is saved or deleted (signals,
below) and by the services that write with ``QuerySet.update()`` or ``bulk_create``
(``content_changed``): a change shows at once. ``PUBLIC_PAGE_CACHE_SECONDS`` bounds what
changes with time alone (a window opening, the days left); 0 turns the cache off.

The page is stored with its ETag and compressed once, so serving it costs neither a hash nor
a compression. Only a 200 that sets no cookie and is not private is stored, so a page that
rendered a CSRF token (which sets the CSRF cookie) or anything about the visitor is never
kept. A cached page costs no SQL query.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils import translation
from django.utils.cache import patch_vary_headers, set_response_etag
from django.utils.text import compress_string

VERSION_KEY = "page_cache:version"
# The apps whose data the public pages show (by label: this layer imports none of them).
PUBLIC_APPS = frozenset({"sessions_app", "registration", "submissions", "reports"})
# Saves of these fields alone happen on every sign-in and show on no public page.
PER_REQUEST_FIELDS = frozenset({"last_login"})


def cache_seconds() -> int:
    return settings.PUBLIC_PAGE_CACHE_SECONDS


def content_version() -> int:
    """The current version; a missing counter (evicted, or Redis restarted) starts at the
    clock, so it never repeats a version whose pages may still be cached."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY, 0)
    return version


def _version_bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no counter yet
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)


def content_changed() -> None:
    """Every cached page is out of date. Bumped now and again after the transaction commits:
    a page rendered meanwhile from the data before the commit is not kept under the new
    version."""
    _version_bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_version_bump)


def without_query(request) -> bool:
    """Pages that take no parameters are shared only at their plain address: arbitrary
    query strings (``?utm_source=...``) would each fill the cache with a copy."""
    return not request.META.get("QUERY_STRING")


def page_key(request, shared=without_query) -> str | None:
    """The cache key of this request's page when every visitor asking for it gets the same
    bytes (``shared`` says whether its query string allows it); else None."""
    if request.method not in ("GET", "HEAD") or cache_seconds() <= 0:
        return None
    if not shared(request):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None
    # Scheme and host too: some pages (the calendar, the open data) carry absolute links.
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()[:32]
    return f"page:{content_version()}:{translation.get_language()}:{address}"


def _storable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in response.get("Cache-Control", "")
    )


def _stored(response) -> tuple:
    """The page's bytes, compressed once for every visitor (GZipMiddleware's padding against
    BREACH matters for secrets, and a shared page holds none), and its headers with the
    ETag of the uncompressed bytes."""
    set_response_etag(response)
    compressed = compress_string(response.content)
    if len(response.content) < 200 or len(compressed) >= len(response.content):
        compressed = None
    return response.content, compressed, list(response.items())


def _from_cache(request, stored) -> HttpResponse:
    content, compressed, headers = stored
    zipped = compressed is not None and re_accepts_gzip.search(
        request.META.get("HTTP_ACCEPT_ENCODING", "")
    )
    response = HttpResponse(compressed if zipped else content)
    for name, value in headers:
        response[name] = value
    if compressed is not None:
        patch_vary_headers(response, ("Accept-Encoding",))
    if zipped:
        response["Content-Encoding"] = "gzip"
        response["ETag"] = "W/" + response["ETag"]
    return response


def public_page(view=None, *, shared=without_query):
    """Serve ``view`` from the page cache to anonymous visitors (GET and HEAD); ``shared``
    (the request) says which query strings may be cached: by default none."""
    if view is None:
        return lambda view: public_page(view, shared=shared)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        key = page_key(request, shared)
        stored = cache.get(key) if key else None
        if stored is not None:
            response = _from_cache(request, stored)
        else:
            response = view(request, *args, **kwargs)
            if key and _storable(request, response):
                cache.set(key, _stored(response), cache_seconds())
        patch_vary_headers(response, ("Cookie",))
        return response

    return wrapped


def _model_changed(sender, **kwargs) -> None:
    if sender._meta.app_label not in PUBLIC_APPS:
        return
    fields = kwargs.get("update_fields")
    if fields and set(fields) <= PER_REQUEST_FIELDS:
        return
    content_changed()


def _relation_changed(sender, action, instance, model, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if any(m._meta.app_label in PUBLIC_APPS for m in (sender, model, type(instance))):
        content_changed()


def connect() -> None:
    post_save.connect(_model_changed, dispatch_uid="page_cache_save")
    post_delete.connect(_model_changed, dispatch_uid="page_cache_delete")
    m2m_changed.connect(_relation_changed, dispatch_uid="page_cache_m2m")
