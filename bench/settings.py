"""The portal's settings, served with a bench-only URLconf (the bare view) and DEBUG off.

``BENCH_PUBLIC_CACHE_SECONDS`` sets ``SUBMISSIONS_PUBLIC_CACHE_SECONDS``: the benchmark runs
once with the cache of the public pages as in production and once without it.
"""

import os

from gcm_review.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SUBMISSIONS_PUBLIC_CACHE_SECONDS = int(os.environ.get("BENCH_PUBLIC_CACHE_SECONDS", "300"))
# Seeding publishes 56 inputs: their mails stay in memory, tasks run in the process.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}
