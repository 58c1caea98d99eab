"""The public pages' cache switched off for one request, so that bench.pages measures a page
with its cache as in production and without it on the same gunicorn: a request with the header
``X-Bench-Cache: off`` is served with the settings of ``BENCH_CACHE_OFF`` (bench.settings: the
cache lifetimes at 0). Only the benchmark's settings install it; gunicorn's sync workers serve
one request at a time, so the override cannot leak into another request."""

from django.conf import settings
from django.test.utils import override_settings

HEADER = "X-Bench-Cache"
OFF = "off"
_META_KEY = "HTTP_" + HEADER.upper().replace("-", "_")


def cache_switch(get_response):
    def middleware(request):
        if request.META.get(_META_KEY) != OFF:
            return get_response(request)
        with override_settings(**settings.BENCH_CACHE_OFF):
            return get_response(request)

    return middleware
