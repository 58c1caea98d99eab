"""The portal's settings, served with a bench-only URLconf (the bare view) and DEBUG off.

``BENCH_PUBLIC_CACHE_SECONDS`` sets ``PUBLIC_PAGE_CACHE_SECONDS``: the benchmark runs
once with the cache of the public pages as in production and once without it. bench.pages
switches the cache off per request instead (bench/cache_switch.py), on one gunicorn.

allauth's rate limits (ACCOUNT_RATE_LIMITS) stay as in production, with one difference in how
the client is told apart, below.
"""

import os

from gcm_review.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("BENCH_PUBLIC_CACHE_SECONDS", "60"))
SUBMISSIONS_PUBLIC_CACHE_SECONDS = PUBLIC_PAGE_CACHE_SECONDS  # the name the reports print
# bench.pages: a request with "X-Bench-Cache: off" is served with these settings (every cache
# lifetime of the public pages at 0), first of all middleware.
BENCH_CACHE_OFF = {"PUBLIC_PAGE_CACHE_SECONDS": 0, "SUBMISSIONS_PUBLIC_CACHE_SECONDS": 0}
MIDDLEWARE = ["bench.cache_switch.cache_switch", *MIDDLEWARE]  # noqa: F405
# Seeding publishes 56 inputs: their mails stay in memory, tasks run in the process.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
# bench.trust plays many people signing in from many places: each virtual user sends its own
# address in X-Forwarded-For, as the proxy in front of the portal would, so the per-address
# limits (e.g. 30 sign-ins a minute) count each person apart rather than the whole load as one
# client on 127.0.0.1. Without the header (bench's other runs) the connection's address counts.
ALLAUTH_TRUSTED_PROXY_COUNT = 1
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}
